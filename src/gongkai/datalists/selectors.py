"""Public reads of data lists. A list is public exactly when its item is (``publications.selectors``), and
the lookups search only current versions: published, 现行有效 (not amended, not repealed), of the agency
and the agencies below it."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies.models import Agency
from gongkai.datalists.address import MIN_NAME, DistrictRow, MatchKind, lookup, normalise, query_keys
from gongkai.datalists.kinds import KINDS, ListKind, lookup_kinds
from gongkai.datalists.models import DataList, DataRow
from gongkai.publications.choices import Validity
from gongkai.publications.models import InformationItem
from gongkai.publications.selectors import item_get_public, items_public

LOOKUP_LIMIT = 200  # rows shown for one query (a query that matches more is too broad)
PREFILTER_MAX = 150  # longest normalised query whose substrings are looked up (11,175 of them); the form allows 100


def datalist_get_public(agency_id: int, item_id: int) -> DataList:
    item = item_get_public(agency_id, item_id)
    data_list = DataList.objects.filter(item=item).first()
    if data_list is None:
        raise Http404("该信息没有数据清单")
    data_list.item = item
    return data_list


def data_list_of(item: InformationItem) -> DataList | None:
    return DataList.objects.filter(item=item).first()


def rows_filtered(data_list: DataList, q: str = "") -> QuerySet[DataRow]:
    rows = data_list.rows.order_by("position")
    text = normalise(q)
    return rows.filter(search_text__contains=text) if text else rows


def current_lists(agency: Agency, kind: str) -> QuerySet[DataList]:
    """Current public lists of ``kind`` of ``agency`` and every active agency below it."""
    items = items_public().filter(agency__path__startswith=agency.path, validity=Validity.VALID)
    return (
        DataList.objects.filter(kind=kind, item__in=items)
        .select_related("item__agency")
        .order_by("item__agency__path", "-item__published_at", "-item_id")
    )


def lookup_kinds_for(agency: Agency) -> list[ListKind]:
    """The lookup pages worth linking from the agency's page: kinds with a current public list."""
    items = items_public().filter(agency__path__startswith=agency.path, validity=Validity.VALID)
    present = set(DataList.objects.filter(item__in=items).values_list("kind", flat=True).distinct())
    return [kind for kind in lookup_kinds() if kind.code in present]


@dataclass
class FoundRow:
    row: DataRow
    match: MatchKind | None = None


@dataclass
class ListHits:
    data_list: DataList
    rows: list[FoundRow] = field(default_factory=list)


@dataclass
class LookupAnswer:
    kind: ListKind
    query: str
    lists: list[DataList]  # every list searched (for the download links)
    hits: list[ListHits]
    messages: list[str]
    truncated: bool = False

    @property
    def count(self) -> int:
        return sum(len(h.rows) for h in self.hits)


def _group(lists: list[DataList], found: list[FoundRow]) -> list[ListHits]:
    by_list = {data_list.pk: ListHits(data_list) for data_list in lists}
    for hit in found:
        by_list[hit.row.data_list_id].rows.append(hit)
    return [hits for hits in by_list.values() if hits.rows]


def _district_rows(lists: list[DataList], rows: QuerySet[DataRow] | None = None) -> list[DistrictRow]:
    """The rows of ``lists`` (all, or those of ``rows``) as the matcher takes them, in the order of the lists
    then of their rows: the matcher ranks rows of equal match in that order."""
    usable: dict[int, tuple[int, int, int]] = {}  # list → its place, its road and numbers columns
    for place, data_list in enumerate(lists):
        road, numbers = data_list.index_of("road"), data_list.index_of("numbers")
        if road is not None and numbers is not None:
            usable[data_list.pk] = (place, road, numbers)
    selected = (DataRow.objects.all() if rows is None else rows).filter(data_list__in=list(usable))
    found = sorted(
        selected.order_by().values_list("data_list_id", "position", "pk", "values"),
        key=lambda r: (usable[r[0]][0], r[1]),
    )
    return [DistrictRow(pk, values[usable[of][1]], values[usable[of][2]]) for of, _, pk, values in found]


def district_candidates(lists: list[DataList], query: str) -> list[DistrictRow]:
    """The rows ``address.lookup`` can return for ``query`` (every row of every road the query names, or,
    when it names none, every row whose road name contains it), found by the rows' road keys and names
    instead of reading every row: ``lookup`` on them answers exactly as on all rows of the lists."""
    text = normalise(query)
    if len(text) > PREFILTER_MAX:  # too many substrings for one query: read every row
        return _district_rows(lists)
    named = _district_rows(lists, DataRow.objects.filter(road_key__in=query_keys(query)))
    if named or len(text) < MIN_NAME:
        return named
    similar = DataRow.objects.filter(data_list__in=lists, road_name__contains=text).values("pk")  # by the index
    return _district_rows(lists, DataRow.objects.filter(pk__in=similar))


def _district_lookup(lists: list[DataList], query: str, contact: str) -> tuple[list[FoundRow], list[str], bool]:
    result = lookup(query, district_candidates(lists, query), contact=contact)
    keys = result.keys[:LOOKUP_LIMIT]
    found = DataRow.objects.in_bulk(keys)
    kinds = {m.key: m.kind for m in result.matches}
    return [FoundRow(found[key], kinds[key]) for key in keys], list(result.messages), len(result.keys) > len(keys)


def _text_lookup(lists: list[DataList], query: str, kind: ListKind) -> tuple[list[FoundRow], list[str], bool]:
    text = normalise(query)
    rows = list(
        DataRow.objects.filter(data_list__in=lists, search_text__contains=text).order_by("data_list", "position")[
            : LOOKUP_LIMIT + 1
        ]
    )
    truncated = len(rows) > LOOKUP_LIMIT
    rows = rows[:LOOKUP_LIMIT]
    if rows:
        message = f"找到{len(rows)}条{'以上' if truncated else ''}含“{query}”的记录。"
        return [FoundRow(row) for row in rows], [message], truncated
    advice = f"未找到含“{query}”的{kind.label}记录。请换用更短的关键词（如学校名称中的几个字）再试。"
    return [], [advice], False


def lookup_answer(agency: Agency, kind_code: str, query: str) -> LookupAnswer:
    kind = KINDS[kind_code]
    lists = list(current_lists(agency, kind_code))
    if not lists:
        return LookupAnswer(kind, query, [], [], [f"{agency.name}及下级单位暂未公开{kind.label}清单。"])
    if kind_code == "school_district":
        found, messages, truncated = _district_lookup(lists, query, agency.phone)
    else:
        found, messages, truncated = _text_lookup(lists, query, kind)
    if truncated:
        messages.append(f"结果较多，只显示前{LOOKUP_LIMIT}条，请输入更完整的内容。")
    return LookupAnswer(kind, query, lists, _group(lists, found), messages, truncated)
