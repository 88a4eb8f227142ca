"""Writes of data lists: import a table into a draft item (all or nothing), copy the rows of the version a
draft amends. Audited; only whoever may edit the item's draft may do either."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai import playback
from gongkai.audit.services import audit_record
from gongkai.datalists.address import normalise, road_key
from gongkai.datalists.kinds import KINDS, UnknownKindError, get_kind
from gongkai.datalists.models import DataList, DataRow
from gongkai.datalists.validate import CellError, Table, read_table
from gongkai.publications.access import may_edit_draft
from gongkai.publications.models import InformationItem
from gongkai.publications.states import ItemState

MAX_ERRORS_LISTED = 50
_BATCH = 1000


def error_messages(errors: tuple[CellError, ...], *, limit: int = MAX_ERRORS_LISTED) -> list[str]:
    """The first ``limit`` problems (in file order) and, when there are more, how many are not listed."""
    listed = [str(e) for e in errors[:limit]]
    if len(errors) > limit:
        listed.append(f"另有{len(errors) - limit}处问题未列出，请先改正以上问题后重新上传。")
    return listed


def search_text(values: list[str] | tuple[str, ...]) -> str:
    return normalise(" ".join(values))


def _editable(acting_user: Any, item: InformationItem) -> None:
    if item.state != ItemState.DRAFT:
        raise ValidationError(
            "只有草稿可以导入或替换数据清单；已发布的清单请新建一条“修改的文件”，在新草稿中导入新表格。"
        )
    if acting_user is not None and not may_edit_draft(acting_user, item):
        raise PermissionDenied("只有起草人或本机构公开办可以导入数据清单。")


def _columns(table: Table) -> list[dict[str, Any]]:
    return [
        {"key": c.key, "label": c.label, "type": c.type.value, "rule": c.rule.value, "required": c.required}
        for c in table.columns
    ]


def road_fields(road: str | None) -> dict[str, str]:
    """What the 学区查询 searches a row by (see ``selectors``): its road or area name normalised, and the
    form of it a query must contain (``address.road_key``)."""
    if road is None:
        return {"road_name": "", "road_key": ""}
    return {"road_name": normalise(road), "road_key": road_key(road)}


def _replace_rows(data_list: DataList, rows: list[list[str]]) -> None:
    data_list.rows.all().delete()
    road = data_list.index_of("road")
    DataRow.objects.bulk_create(
        (
            DataRow(
                data_list=data_list,
                position=position,
                values=values,
                search_text=search_text(values),
                **road_fields(None if road is None else values[road]),
            )
            for position, values in enumerate(rows, start=1)
        ),
        batch_size=_BATCH,
    )


def _save_list(
    *,
    acting_user: Any,
    item: InformationItem,
    kind: str,
    columns: list[dict[str, Any]],
    rows: list[list[str]],
    source: str,
    masked: int,
    withheld: list[str],
) -> tuple[DataList, dict[str, Any]]:
    """Lock the item, check it is still editable, replace the list's rows; returns the list and its
    state before (for the audit row)."""
    locked = InformationItem.objects.select_for_update().get(pk=item.pk)
    _editable(acting_user, locked)
    data_list = DataList.objects.filter(item=locked).first()
    before = (
        {"kind": data_list.kind, "rows": data_list.row_count, "source": data_list.source_name}
        if data_list is not None
        else {}
    )
    data_list = data_list or DataList(item=locked)
    data_list.kind = kind
    data_list.columns = columns
    data_list.row_count = len(rows)
    data_list.masked_count = masked
    data_list.withheld_columns = withheld
    data_list.source_name = source[:200]
    data_list.imported_by = acting_user if getattr(acting_user, "pk", None) else None
    data_list.imported_at = playback.now()
    data_list.full_clean(exclude=["item"])
    data_list.save()
    _replace_rows(data_list, rows)
    return data_list, before


def datalist_import(*, acting_user: Any, item: InformationItem, kind: str, filename: str, data: bytes) -> DataList:
    """Check the whole file, then replace the draft item's rows with it in one transaction.

    Any problem raises ``ValidationError`` listing the problems (the first 50 and how many more) and changes
    nothing: the rows already there stay.
    """
    try:
        list_kind = get_kind(kind)
    except UnknownKindError:
        raise ValidationError(f"未知的清单类型“{kind}”。") from None
    _editable(acting_user, item)
    table = read_table(list_kind, filename, data)
    if not table.ok:
        summary = f"“{filename}”发现{len(table.errors)}处问题，未导入任何数据（原有数据不变）。"
        raise ValidationError([summary, *error_messages(table.errors)])
    rows = [list(row.values) for row in table.rows]
    with transaction.atomic():
        data_list, before = _save_list(
            acting_user=acting_user,
            item=item,
            kind=list_kind.code,
            columns=_columns(table),
            rows=rows,
            source=filename,
            masked=table.masked_count,
            withheld=list(table.withheld),
        )
        audit_record(
            acting_user=acting_user,
            action="datalist.import",
            target=item,
            agency=item.agency,
            summary=f"导入数据清单（{list_kind.label}，{len(rows)}行）：{item.title}",
            before=before,
            after={
                "kind": list_kind.code,
                "rows": len(rows),
                "masked_cells": table.masked_count,
                "withheld_columns": list(table.withheld),
                "source": filename[:200],
            },
        )
    return data_list


def datalist_copy_from_amended(*, acting_user: Any, item: InformationItem) -> DataList:
    """A draft that amends a published item starts from that item's rows (then staff import the new table,
    or submit it as it is after other changes)."""
    old = item.amends
    source = DataList.objects.filter(item=old).first() if old is not None else None
    if source is None:
        raise ValidationError("本草稿修改的信息没有数据清单，无法复制。")
    rows = [list(values) for values in source.rows.order_by("position").values_list("values", flat=True)]
    with transaction.atomic():
        data_list, before = _save_list(
            acting_user=acting_user,
            item=item,
            kind=source.kind,
            columns=list(source.columns),
            rows=rows,
            source=f"复制自：{old.title}",
            masked=source.masked_count,
            withheld=list(source.withheld_columns),
        )
        audit_record(
            acting_user=acting_user,
            action="datalist.copy",
            target=item,
            agency=item.agency,
            summary=f"复制原版本的数据清单（{KINDS[source.kind].label}，{len(rows)}行）：{item.title}",
            before=before,
            after={"kind": source.kind, "rows": len(rows), "from_item": old.pk},
        )
    return data_list
