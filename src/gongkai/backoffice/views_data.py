"""Back office: data lists (数据清单) of draft items — upload an XLSX/CSV choosing the kind (every row checked,
nothing imported on any problem), the imported table's preview with its masking, the blank template per kind.

Included from ``backoffice/urls.py`` under ``datalists/`` (names ``datalist_upload``, ``datalist_copy``,
``datalist_template``).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.backoffice.views import staff_required
from gongkai.datalists import files
from gongkai.datalists.kinds import KIND_CHOICES, KINDS
from gongkai.datalists.models import DataList
from gongkai.datalists.services import datalist_copy_from_amended, datalist_import
from gongkai.publications.access import access_item, may_edit_draft
from gongkai.publications.catalog_import import MAX_BYTES, MAX_ROWS
from gongkai.publications.states import ItemState

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS = 50


class DataListUploadForm(forms.Form):
    kind = forms.ChoiceField(label="清单类型", choices=KIND_CHOICES)
    file = forms.FileField(
        label="数据表格",
        help_text=f"XLSX 或 CSV（UTF-8 或 GB18030 编码）；第一张工作表，表头一行，最多{MAX_ROWS}行。",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"文件超过{MAX_BYTES // (1024 * 1024)} MB。")
        return upload


def _default_kind(item, data_list: DataList | None) -> str:
    if data_list is not None:
        return data_list.kind
    code = item.catalog_node.code
    return next((kind.code for kind in KINDS.values() if kind.catalog_code and kind.catalog_code == code), "")


@staff_required
def datalist_upload(request, item_id: int):
    item = access_item(request.user, item_id)
    data_list = DataList.objects.filter(item=item).first()
    can_edit = item.state == ItemState.DRAFT and may_edit_draft(request.user, item)
    initial = {"kind": _default_kind(item, data_list)}
    form = DataListUploadForm(request.POST or None, request.FILES or None, initial=initial)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("只有草稿的起草人或本机构公开办可以导入数据清单。")
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                data_list = datalist_import(
                    acting_user=request.user,
                    item=item,
                    kind=form.cleaned_data["kind"],
                    filename=upload.name,
                    data=upload.read(),
                )
            except ValidationError as exc:
                errors = list(exc.messages)
                status = 400
            else:
                messages.success(
                    request,
                    f"已导入{data_list.row_count}行（{data_list.get_kind_display()}），"
                    f"脱敏{data_list.masked_count}个单元格。",
                )
                return redirect("backoffice:datalist_upload", item_id=item.pk)
        else:
            status = 400
    context = {
        "item": item,
        "data_list": data_list,
        "rows": data_list.rows.order_by("position")[:PREVIEW_ROWS] if data_list else [],
        "form": form,
        "errors": errors,
        "can_edit": can_edit,
        "can_copy": can_edit and item.amends_id is not None and DataList.objects.filter(item=item.amends_id).exists(),
        "kinds": KINDS.values(),
        "preview_rows": PREVIEW_ROWS,
    }
    return render(request, "backoffice/datalists/upload.html", context, status=status)


@require_POST
@staff_required
def datalist_copy(request, item_id: int):
    item = access_item(request.user, item_id)
    try:
        data_list = datalist_copy_from_amended(acting_user=request.user, item=item)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"已复制原版本的{data_list.row_count}行数据。")
    return redirect("backoffice:datalist_upload", item_id=item.pk)


@staff_required
def datalist_template(request, kind: str):  # noqa: ARG001 - staff_required reads it
    list_kind = KINDS.get(kind)
    if list_kind is None:
        raise Http404("未知的清单类型")
    response = HttpResponse(files.build_template(list_kind), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{list_kind.label}导入模板.xlsx"
    )
    return response


urlpatterns = [
    path("items/<int:item_id>/", datalist_upload, name="datalist_upload"),
    path("items/<int:item_id>/copy/", datalist_copy, name="datalist_copy"),
    path("templates/<slug:kind>.xlsx", datalist_template, name="datalist_template"),
]
