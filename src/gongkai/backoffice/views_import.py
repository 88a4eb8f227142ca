"""Back office: bulk import of an agency's existing published catalog, and the spreadsheet template.

Included from ``backoffice/urls.py`` under ``import/`` (names ``catalog_import``, ``catalog_import_template``).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import content_disposition_header

from gongkai.agencies.access import access_agency, agencies_where
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action
from gongkai.backoffice.views import staff_required
from gongkai.publications.catalog_import import MAX_BYTES, MAX_ROWS, build_template
from gongkai.publications.services.catalog_import import TEMPLATE_CHOICES, catalog_columns, catalog_import

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_NAME = "政府信息目录导入模板.xlsx"
_DONE_KEY = "catalog_import_done"


class CatalogImportForm(forms.Form):
    agency = forms.ModelChoiceField(label="发布机构", queryset=Agency.objects.none(), empty_label=None)
    file = forms.FileField(
        label="目录表格",
        help_text=f"XLSX 或 CSV（UTF-8 或 GB18030 编码）；第一张工作表，表头一行，最多{MAX_ROWS}行。",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    dry_run = forms.BooleanField(label="只检查不导入", required=False)

    def __init__(self, *args, agencies: QuerySet[Agency], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"文件超过{MAX_BYTES // (1024 * 1024)} MB，请拆分为多个文件分批导入。")
        return upload


def _import_agencies(user) -> QuerySet[Agency]:
    agencies = agencies_where(user, Action.MANAGE_ITEMS).filter(is_active=True).order_by("path")
    if not agencies.exists():
        raise PermissionDenied("您没有批量导入信息的权限。")
    return agencies


@staff_required
def catalog_import_view(request):
    agencies = _import_agencies(request.user)
    form = CatalogImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    result, selected = None, agencies.first()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        agency = selected = form.cleaned_data["agency"]
        result = catalog_import(
            acting_user=request.user,
            agency=agency,
            filename=upload.name,
            data=upload.read(),
            dry_run=form.cleaned_data["dry_run"],
        )
        if result.ok and not result.dry_run:
            # Post/redirect/get: reloading the page must not import the file again.
            request.session[_DONE_KEY] = {
                "agency": agency.name,
                "file": result.filename,
                "imported": result.imported,
                "repealed": result.repealed,
            }
            return redirect("backoffice:catalog_import")
    done = request.session.pop(_DONE_KEY, None) if request.method == "GET" else None
    return render(
        request,
        "backoffice/catalog_import.html",
        {"form": form, "result": result, "done": done, "selected_agency": selected.pk},
    )


@staff_required
def catalog_import_template(request):
    agencies = _import_agencies(request.user)
    agency_id = request.GET.get("agency", "")
    agency = (
        access_agency(request.user, int(agency_id), Action.MANAGE_ITEMS) if agency_id.isdigit() else agencies.first()
    )
    content = build_template(choices=TEMPLATE_CHOICES, catalog=catalog_columns(agency))
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=TEMPLATE_NAME)
    return response


urlpatterns = [
    path("", catalog_import_view, name="catalog_import"),
    path("template.xlsx", catalog_import_template, name="catalog_import_template"),
]
