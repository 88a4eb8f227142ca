"""Bulk import of an agency's existing published catalog from a spreadsheet: all rows or none.

The file is read by the pure ``publications.catalog_import``; names are resolved to the agency's own
catalog columns, departments, the topic tree and the vocabularies; every row is validated with the
rules of ``item_import_published`` (plus index numbers unique in the file and on the platform, repeal
dates, ...). Every problem of every row is reported; with any problem, or on a dry run, nothing is
written. Otherwise all rows are imported through ``item_import_published`` (and ``item_repeal``) in one
transaction, with one summary audit event.
"""

import datetime as dt
import hashlib
import html
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from gongkai.agencies.models import Agency, Department
from gongkai.agencies.roles import Action
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import audit_record
from gongkai.publications.access import require
from gongkai.publications.catalog_import import CatalogRow, CatalogSheet, Problem, read_catalog
from gongkai.publications.choices import Channel, Genre, Origin, ReportKind, Validity
from gongkai.publications.models import CatalogNode, InformationItem, Topic
from gongkai.publications.services.imports import item_import_published, item_import_validate
from gongkai.publications.services.numbering import index_number_allocate
from gongkai.publications.services.workflow import item_repeal

SHANGHAI = ZoneInfo("Asia/Shanghai")
PUBLISH_TIME = dt.time(9, 0)  # the time of day recorded when the file gives only the publication date
_CHUNK = 500
_WARN_ROWS = 30
_PATH_SEPARATORS = re.compile(r"\s*(?:/|／|>|＞|›|»|\\)\s*")

# Model field (as named in ValidationError) -> column key of the reader; other fields have no column.
_FIELD_COLUMNS = {
    "published_at": "published_on",
    "catalog_node": "catalog",
    **{
        name: name
        for name in (
            "title",
            "formed_on",
            "index_number",
            "summary",
            "issuer",
            "document_number",
            "genre",
            "topic",
            "keywords",
            "report_kind",
            "issued_on",
            "channels",
            "department",
            "body",
            "origin",
            "repealed_on",
        )
    },
}


@dataclass(frozen=True)
class CatalogImportResult:
    filename: str
    sha256: str
    rows: int  # data rows read from the file
    errors: tuple[Problem, ...]
    warnings: tuple[str, ...] = ()
    dry_run: bool = False
    item_ids: tuple[int, ...] = ()  # in the order imported (by publication date)
    repealed: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def imported(self) -> int:
        return len(self.item_ids)


# -- name resolution ---------------------------------------------------------------------------------


class _UnresolvedError(ValueError):
    pass


M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class _Entry(Generic[M]):
    record: M
    path: tuple[str, ...]
    code: str = ""


def _split_path(text: str) -> tuple[str, ...]:
    return tuple(part for part in _PATH_SEPARATORS.split(text.strip()) if part)


def _paths(records: list[M], name: Callable[[M], str], parent_id: Callable[[M], int | None]) -> dict[int, tuple]:
    by_id = {r.pk: r for r in records}
    result: dict[int, tuple] = {}
    for record in records:
        path, current, seen = [name(record)], parent_id(record), {record.pk}
        while current is not None and current in by_id and current not in seen:
            seen.add(current)
            path.insert(0, name(by_id[current]))
            current = parent_id(by_id[current])
        result[record.pk] = tuple(path)
    return result


class _Tree(Generic[M]):
    """Find a record of a tree by code, by name (when unique) or by path (full or its last segments)."""

    def __init__(self, noun: str, entries: list[_Entry[M]], *, owner: str = "") -> None:
        self.noun = noun
        self.entries = entries
        self.owner = owner  # "本机构" for an agency's own records

    def resolve(self, text: str) -> M:
        by_code = [e for e in self.entries if e.code and e.code.upper() == text.upper()]
        if len(by_code) == 1:
            return by_code[0].record
        by_name = [e for e in self.entries if e.path[-1] == text]
        segments = _split_path(text)
        if not by_name and len(segments) > 1:
            by_name = [e for e in self.entries if e.path == segments] or [
                e for e in self.entries if e.path[-len(segments) :] == segments
            ]
        if not by_name:
            raise _UnresolvedError(f"{self.owner}没有{self.noun}“{text}”。")
        if len(by_name) > 1:
            shown = "、".join("/".join(e.path) for e in by_name[:5])
            raise _UnresolvedError(f"{self.noun}“{text}”不唯一（{shown}），请填写完整路径。")
        return by_name[0].record


def _catalog_tree(agency: Agency) -> _Tree[CatalogNode]:
    nodes = list(CatalogNode.objects.filter(agency=agency).order_by("sort_order", "id"))
    paths = _paths(nodes, lambda n: n.name, lambda n: n.parent_id)
    return _Tree("公开目录栏目", [_Entry(n, paths[n.pk], n.code) for n in nodes], owner="本机构")


def _topic_tree() -> _Tree[Topic]:
    topics = list(Topic.objects.order_by("sort_order", "id"))
    paths = _paths(topics, lambda t: t.name, lambda t: t.parent_id)
    return _Tree("主题分类", [_Entry(t, paths[t.pk]) for t in topics])


def catalog_columns(agency: Agency) -> list[tuple[str, str]]:
    """(code, path) of the agency's active catalog columns, for the import template."""
    tree = _catalog_tree(agency)
    return [(e.code, "/".join(e.path)) for e in tree.entries if e.record.is_active]


def _vocabulary(choices: Iterable[tuple[str, str]], **extra: str) -> dict[str, str]:
    result = {str(label): str(value) for value, label in choices if value}
    result.update({str(value): str(value) for value, _ in choices if value})
    result.update(extra)
    return result


_GENRES = _vocabulary(Genre.choices)
_ORIGINS = _vocabulary(Origin.choices, 本机关文件=Origin.OWN_DOCUMENT.value, 其他=Origin.OTHER.value)
_REPORT_KINDS = _vocabulary(
    ReportKind.choices, 规范性文件=ReportKind.NORMATIVE.value, 不计入年报表二="", 不计入="", 无="", 否=""
)
_VALIDITIES = {"现行有效": Validity.VALID.value, "有效": Validity.VALID.value, "已废止": Validity.REPEALED.value}
_VALIDITIES["废止"] = Validity.REPEALED.value
_CHANNELS = _vocabulary(Channel.choices) | {str(label).split("（")[0]: str(v) for v, label in Channel.choices}

TEMPLATE_CHOICES: Mapping[str, tuple[str, ...]] = {
    "genre": tuple(str(label) for label in Genre.labels),
    "validity": ("现行有效", "已废止"),
    "report_kind": ("规章", "行政规范性文件"),
    "channels": tuple(str(label) for label in Channel.labels),
    "origin": tuple(str(label) for label in Origin.labels),
}


def _choice(vocabulary: Mapping[str, str], text: str, allowed: Iterable[str]) -> str:
    if text in vocabulary:
        return vocabulary[text]
    raise _UnresolvedError(f"无法识别“{text}”，可填：{'、'.join(allowed)}。")


# -- validation --------------------------------------------------------------------------------------


@dataclass
class _Context:
    acting_user: Any
    agency: Agency
    sheet: CatalogSheet
    now: dt.datetime
    catalog: _Tree[CatalogNode]
    topics: _Tree[Topic]
    departments: dict[str, Department]
    given_numbers: dict[str, int]  # index number given in the file -> first row giving it
    numbers_in_use: set[str]  # of those, the ones already used on the platform


@dataclass
class _RowReport:
    row: CatalogRow
    sheet: CatalogSheet
    problems: list[Problem] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.failed |= self.row.failed

    def add(self, key: str | None, message: str) -> None:
        self.problems.append(Problem(self.row.number, self.sheet.label(key) if key else "", message))
        if key:
            self.failed.add(key)

    def lookup(self, key: str, resolve: Callable[[str], Any]) -> Any:
        """The resolved value of the row's ``key`` column; None when blank or not resolvable (reported)."""
        text = self.row.get(key)
        if not text or key in self.failed:
            return None
        try:
            return resolve(text)
        except _UnresolvedError as exc:
            self.add(key, str(exc))
            return None


@dataclass(frozen=True)
class _Prepared:
    number: int
    published_at: dt.datetime
    index_number: str
    fields: dict[str, Any]
    repeal: tuple[dt.date, str] | None


def _published_at(day: dt.date, now: dt.datetime) -> dt.datetime:
    moment = dt.datetime.combine(day, PUBLISH_TIME, tzinfo=SHANGHAI)
    return now if day == timezone.localdate(now) and moment > now else moment


def _body_html(text: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)


def _department(ctx: _Context, text: str) -> Department:
    department = ctx.departments.get(text)
    if department is None:
        raise _UnresolvedError(f"本机构没有内设机构“{text}”。")
    if not department.is_active:
        raise _UnresolvedError(f"内设机构“{text}”已停用。")
    return department


def _catalog_node(ctx: _Context, text: str) -> CatalogNode:
    node = ctx.catalog.resolve(text)
    if not node.is_active:
        raise _UnresolvedError(f"公开目录栏目“{text}”已停用。")
    return node


def _channels(report: _RowReport) -> list[str]:
    values: list[str] = []
    for text in report.row.items("channels"):
        if text not in _CHANNELS:
            report.add("channels", f"无法识别公开渠道“{text}”，可填：{'、'.join(TEMPLATE_CHOICES['channels'])}。")
        elif _CHANNELS[text] not in values:
            values.append(_CHANNELS[text])
    return values


def _validity(text: str) -> str:
    if text == Validity.AMENDED.label:
        raise _UnresolvedError("不能导入“已修改”的信息：有效性只能是“现行有效”或“已废止”。")
    return _choice(_VALIDITIES, text, TEMPLATE_CHOICES["validity"])


def _fields(ctx: _Context, report: _RowReport) -> dict[str, Any]:
    row = report.row
    fields: dict[str, Any] = {
        "title": row.get("title"),
        "summary": row.get("summary"),
        "issuer": row.get("issuer"),
        "document_number": row.get("document_number"),
        "keywords": " ".join(row.items("keywords")),
        "body": _body_html(row.get("body")),
        "formed_on": row.date("formed_on"),
        "issued_on": row.date("issued_on"),
        "catalog_node": report.lookup("catalog", lambda t: _catalog_node(ctx, t)),
        "topic": report.lookup("topic", ctx.topics.resolve),
        "department": report.lookup("department", lambda t: _department(ctx, t)),
        "genre": report.lookup("genre", lambda t: _choice(_GENRES, t, TEMPLATE_CHOICES["genre"]))
        or (Genre.OTHER.value if not row.get("genre") else None),
        "origin": report.lookup("origin", lambda t: _choice(_ORIGINS, t, TEMPLATE_CHOICES["origin"])),
        "report_kind": report.lookup(
            "report_kind", lambda t: _choice(_REPORT_KINDS, t, TEMPLATE_CHOICES["report_kind"])
        ),
        "channels": _channels(report),
    }
    return {name: value for name, value in fields.items() if value is not None}


def _check_index_number(ctx: _Context, report: _RowReport) -> str:
    number = report.row.get("index_number")
    if not number:
        return ""
    first = ctx.given_numbers[number]
    if first != report.row.number:
        report.add("index_number", f"索引号“{number}”与第{first}行重复。")
    elif number in ctx.numbers_in_use:
        report.add("index_number", f"索引号“{number}”已被平台上的其他信息使用。")
    return number


def _check_repeal(ctx: _Context, report: _RowReport) -> tuple[dt.date, str] | None:
    row = report.row
    validity = report.lookup("validity", _validity) or Validity.VALID.value
    repealed_on, formed_on = row.date("repealed_on"), row.date("formed_on")
    if validity != Validity.REPEALED:
        if repealed_on is not None:
            report.add("repealed_on", "填写了废止日期，但有效性不是“已废止”。")
        if row.get("repeal_reason"):
            report.add("repeal_reason", "填写了废止依据，但有效性不是“已废止”。")
        return None
    if repealed_on is None:
        if "repealed_on" not in report.failed:
            report.add("repealed_on", "有效性为“已废止”时必须填写废止日期。")
        return None
    if formed_on is not None and repealed_on < formed_on:
        report.add("repealed_on", "废止日期不能早于成文日期。")
    if repealed_on > timezone.localdate(ctx.now):
        report.add("repealed_on", "废止日期不能晚于今天。")
    return repealed_on, row.get("repeal_reason")


def _check_model(ctx: _Context, report: _RowReport, fields: dict[str, Any], published_at: dt.datetime) -> None:
    """The validation of ``item_import_published``; problems of fields already reported are left out."""
    try:
        item_import_validate(acting_user=ctx.acting_user, agency=ctx.agency, published_at=published_at, **fields)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            key = _FIELD_COLUMNS.get(name)
            if key in report.failed:
                continue
            for message in messages:
                report.add(key, message)


def _prepare(ctx: _Context, row: CatalogRow) -> tuple[_Prepared | None, list[Problem]]:
    report = _RowReport(row, ctx.sheet)
    fields = _fields(ctx, report)
    index_number = _check_index_number(ctx, report)
    repeal = _check_repeal(ctx, report)
    published_on = row.date("published_on")
    published_at = _published_at(published_on, ctx.now) if published_on else ctx.now
    _check_model(ctx, report, fields, published_at)
    if report.problems:
        return None, report.problems
    return _Prepared(row.number, published_at, index_number, fields, repeal), []


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _context(acting_user: Any, agency: Agency, sheet: CatalogSheet) -> _Context:
    given: dict[str, int] = {}
    for row in sheet.rows:
        if row.get("index_number"):
            given.setdefault(row.get("index_number"), row.number)
    in_use: set[str] = set()
    for chunk in _chunks(list(given)):
        in_use.update(InformationItem.objects.filter(index_number__in=chunk).values_list("index_number", flat=True))
    return _Context(
        acting_user=acting_user,
        agency=agency,
        sheet=sheet,
        now=timezone.now(),
        catalog=_catalog_tree(agency),
        topics=_topic_tree(),
        departments={d.name: d for d in Department.objects.filter(agency=agency)},
        given_numbers=given,
        numbers_in_use=in_use,
    )


def _duplicate_warning(agency: Agency, sheet: CatalogSheet) -> tuple[str, ...]:
    """Rows whose title and 成文日期 match an item the agency already has: likely imported before."""
    titles = sorted({row.get("title") for row in sheet.rows if row.get("title")})
    existing: set[tuple[str, dt.date]] = set()
    for chunk in _chunks(titles):
        existing.update(
            InformationItem.objects.filter(agency=agency, title__in=chunk).values_list("title", "formed_on")
        )
    rows = [str(r.number) for r in sheet.rows if (r.get("title"), r.date("formed_on")) in existing]
    if not rows:
        return ()
    shown = "、".join(rows[:_WARN_ROWS]) + (f"等{len(rows)}" if len(rows) > _WARN_ROWS else "")
    return (f"第{shown}行与本机构已有信息的标题和成文日期相同，请确认不是重复导入。",)


def _already_imported(agency: Agency, digest: str) -> Problem | None:
    event = AuditEvent.objects.filter(action="catalog.import", agency=agency, after__sha256=digest).first()
    if event is None:
        return None
    when = timezone.localtime(event.occurred_at)
    rows = event.after.get("rows", "")
    return Problem(None, "", f"同一文件已于{when:%Y-%m-%d %H:%M}导入过（{rows}条），不能重复导入。")


# -- import ------------------------------------------------------------------------------------------


class _RowFailedError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def _free_index_number(ctx: _Context, prepared: _Prepared) -> str:
    """The agency's next index number, skipping numbers the file gives to other rows or already in use."""
    node = prepared.fields["catalog_node"]
    year = timezone.localdate(prepared.published_at).year
    while True:
        number = index_number_allocate(agency=ctx.agency, year=year, catalog_code=node.code)
        if number not in ctx.given_numbers and not InformationItem.objects.filter(index_number=number).exists():
            return number


def _import_row(ctx: _Context, prepared: _Prepared, filename: str) -> InformationItem:
    source = f"{filename} 第{prepared.number}行"
    try:
        item = item_import_published(
            acting_user=ctx.acting_user,
            agency=ctx.agency,
            published_at=prepared.published_at,
            index_number=prepared.index_number or _free_index_number(ctx, prepared),
            source=source,
            **prepared.fields,
        )
        if prepared.repeal is not None:
            repealed_on, reason = prepared.repeal
            item_repeal(
                acting_user=ctx.acting_user,
                item=item,
                repealed_on=repealed_on,
                reason=reason or f"原目录标注为已废止（{source}）",
            )
    except ValidationError as exc:
        report = _RowReport(CatalogRow(prepared.number, {}), ctx.sheet)
        for name, messages in exc.message_dict.items():
            for message in messages:
                report.add(_FIELD_COLUMNS.get(name), message)
        raise _RowFailedError(report.problems) from exc
    except IntegrityError as exc:
        problem = Problem(prepared.number, "", "写入时与其他人同时导入的信息冲突（如索引号重复），请重新导入。")
        raise _RowFailedError([problem]) from exc
    return item


def _write_all(ctx: _Context, prepared: list[_Prepared], filename: str, digest: str) -> tuple[list[int], int]:
    with transaction.atomic():
        ordered = sorted(prepared, key=lambda p: (p.published_at, p.number))
        ids = [_import_row(ctx, row, filename).pk for row in ordered]
        repealed = sum(1 for p in prepared if p.repeal is not None)
        audit_record(
            acting_user=ctx.acting_user,
            action="catalog.import",
            target=ctx.agency,
            agency=ctx.agency,
            summary=f"批量导入已发布信息{len(ids)}条（其中已废止{repealed}条）：{filename}",
            after={"file": filename, "rows": len(ids), "sha256": digest, "repealed": repealed},
        )
    return ids, repealed


def _sorted(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: -1 if p.row is None else p.row))


def catalog_import(
    *, acting_user: Any, agency: Agency, filename: str, data: bytes, dry_run: bool = False
) -> CatalogImportResult:
    """Import an agency's existing published catalog from an XLSX or CSV file: every row, or none.

    Returns the report: every problem (row, column as printed, Chinese message), warnings, and on
    success the ids of the created items. Raises ``PermissionDenied`` without MANAGE_ITEMS at ``agency``.
    """
    require(acting_user, Action.MANAGE_ITEMS, agency)
    name = PurePath(filename.replace("\\", "/")).name[:200] or "未命名文件"
    digest = hashlib.sha256(data).hexdigest()
    sheet = read_catalog(name, data)
    result = CatalogImportResult(name, digest, len(sheet.rows), sheet.problems, sheet.warnings, dry_run)
    if not sheet.rows:
        return result
    duplicate = _already_imported(agency, digest)
    ctx = _context(acting_user, agency, sheet)
    problems = [*sheet.problems, *([duplicate] if duplicate else [])]
    prepared: list[_Prepared] = []
    for row in sheet.rows:
        ready, row_problems = _prepare(ctx, row)
        problems.extend(row_problems)
        if ready is not None:
            prepared.append(ready)
    warnings = (*sheet.warnings, *_duplicate_warning(agency, sheet))
    result = CatalogImportResult(name, digest, len(sheet.rows), _sorted(problems), warnings, dry_run)
    if problems or dry_run:
        return result
    try:
        ids, repealed = _write_all(ctx, prepared, name, digest)
    except _RowFailedError as exc:
        return CatalogImportResult(name, digest, len(sheet.rows), tuple(exc.problems), warnings, dry_run)
    return CatalogImportResult(name, digest, len(sheet.rows), (), warnings, dry_run, tuple(ids), repealed)
