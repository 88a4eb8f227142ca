"""Public data lists (数据清单): the table of a published item (paged, with a filter), its CSV and XLSX
downloads, and the lookup pages (学区查询, 营养午餐查询 …) over the current lists of an agency and the
agencies below it. Only lists of published 主动公开 items are ever read (``datalists.selectors``).

An invalid query (too long, or empty on a search) shows its error with status 400 and searches nothing.
"""

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from gongkai.agencies.selectors import agency_get_public
from gongkai.datalists import files
from gongkai.datalists.kinds import KINDS
from gongkai.datalists.selectors import datalist_get_public, lookup_answer, rows_filtered

PAGE_SIZE = 50
MAX_QUERY = 100
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class FilterForm(forms.Form):
    """``q`` filters the rows of one table: optional, at most 100 characters."""

    q = forms.CharField(
        label="筛选",
        required=False,
        strip=True,
        max_length=MAX_QUERY,
        error_messages={"max_length": f"筛选内容不能超过{MAX_QUERY}个字。"},
    )


class LookupForm(forms.Form):
    q = forms.CharField(
        label="查询内容",
        strip=True,
        max_length=MAX_QUERY,
        error_messages={
            "required": "请输入查询内容。",
            "max_length": f"查询内容不能超过{MAX_QUERY}个字。",
        },
    )

    def __init__(self, *args, label: str, required_message: str, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["q"].label = label
        self.fields["q"].error_messages["required"] = required_message
        self.fields["q"].error_messages["max_length"] = f"{label}不能超过{MAX_QUERY}个字。"


def table_context(request, data_list) -> tuple[dict[str, object], int]:
    """The paged, filtered table of one list (shared by the data page and the item page) and the status."""
    form = FilterForm(request.GET)
    if not form.is_valid():
        return {"data_list": data_list, "filter_form": form, "page": None}, 400
    q = form.cleaned_data["q"]
    page = Paginator(rows_filtered(data_list, q), PAGE_SIZE).get_page(request.GET.get("page"))
    return {"data_list": data_list, "filter_form": form, "page": page, "q": q}, 200


def datalist_table(request, agency_id: int, item_id: int):
    data_list = datalist_get_public(agency_id, item_id)
    context, status = table_context(request, data_list)
    context.update(agency=data_list.item.agency, item=data_list.item)
    return render(request, "portal/datalist.html", context, status=status)


def _rows(data_list) -> list[list[str]]:
    return [list(values) for values in rows_filtered(data_list).values_list("values", flat=True)]


def _filename(data_list, extension: str) -> str:
    return f"{data_list.item.title}.{extension}"


def datalist_csv(request, agency_id: int, item_id: int):  # noqa: ARG001
    data_list = datalist_get_public(agency_id, item_id)
    response = HttpResponse(files.to_csv(data_list.labels, _rows(data_list)), content_type=CSV_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=_filename(data_list, "csv")
    )
    return response


def datalist_xlsx(request, agency_id: int, item_id: int):  # noqa: ARG001
    data_list = datalist_get_public(agency_id, item_id)
    content = files.to_xlsx(data_list.get_kind_display(), data_list.labels, _rows(data_list))
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=_filename(data_list, "xlsx")
    )
    return response


def datalist_lookup(request, agency_id: int, kind: str):
    agency = agency_get_public(agency_id)
    list_kind = KINDS.get(kind)
    if list_kind is None or not list_kind.lookup_label:
        raise Http404("没有这种查询")
    bound = "q" in request.GET
    form = LookupForm(
        request.GET if bound else None,
        label=list_kind.query_label,
        required_message=f"请输入{list_kind.query_label}。",
    )
    context: dict[str, object] = {"agency": agency, "kind": list_kind, "form": form, "answer": None}
    if not bound:
        return render(request, "portal/datalist_lookup.html", context)
    if not form.is_valid():
        return render(request, "portal/datalist_lookup.html", context, status=400)
    context["answer"] = lookup_answer(agency, kind, form.cleaned_data["q"])
    return render(request, "portal/datalist_lookup.html", context)
