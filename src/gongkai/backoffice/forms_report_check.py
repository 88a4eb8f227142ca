"""The report checker's form: published reports uploaded (files or ZIP archives) or pasted, last year's
reports for the comparisons, and — for a supervising office — the region and year to hold them against."""

from pathlib import Path
from typing import Any

from django import forms
from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.reports.checker.batch import MAX_FILE_BYTES, READABLE

MAX_UPLOAD_BYTES = 100 * 1024 * 1024  # all files of one check
MAX_PASTE_CHARS = 500_000  # 1.5 MB of Chinese, within Django's 2.5 MB for a request's form fields
ACCEPTED = sorted(READABLE | {".zip"})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); cleans to a list, empty when optional."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(ACCEPTED)}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        uploads = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not uploads and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        single = super().clean
        return [single(upload, initial) for upload in uploads]


def _check_uploads(uploads: list[Any]) -> list[Any]:
    refused = [u.name for u in uploads if Path(u.name).suffix.lower() not in ACCEPTED]
    if refused:
        raise forms.ValidationError(
            f"不能读取{'、'.join(refused)}：只接受 TXT、HTML、DOCX、PDF 文件或它们的 ZIP 压缩包。"
        )
    large = [u.name for u in uploads if Path(u.name).suffix.lower() != ".zip" and u.size > MAX_FILE_BYTES]
    if large:
        raise forms.ValidationError(f"{'、'.join(large)}超过{MAX_FILE_BYTES // 1024 // 1024} MB。")
    return uploads


class ReportCheckForm(forms.Form):
    files = MultipleFileField(
        label="报告文件",
        required=False,
        help_text="可多选；TXT、HTML、DOCX、PDF 或它们的 ZIP 压缩包（一个地区的全部报告可打包上传）。",
    )
    text = forms.CharField(
        label="或粘贴报告文字",
        required=False,
        max_length=MAX_PASTE_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="从网页复制的报告全文；一段文字中可以有多篇报告。",
    )
    previous = MultipleFileField(
        label="上一年度的报告",
        required=False,
        help_text="可选；用于核对“上年结转”“现行有效件数”和内容雷同。多个机构的报告按机构名称对应。",
    )
    office = forms.ModelChoiceField(
        label="对照本地区机构名单",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="不对照",
        help_text="选择后列出该地区每个机构的报告，并指出没有找到报告的机构。",
    )
    year = forms.TypedChoiceField(label="报告年度", coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, offices: QuerySet[Agency], years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        self.fields["year"].choices = [("", "不限")] + [(y, f"{y}年度") for y in years]
        if not offices.exists():
            del self.fields["office"]

    def clean_files(self) -> list[Any]:
        return _check_uploads(self.cleaned_data["files"])

    def clean_previous(self) -> list[Any]:
        return _check_uploads(self.cleaned_data["previous"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        files, text = data.get("files") or [], data.get("text") or ""
        if "files" in data and "text" in data and not files and not text.strip():
            raise forms.ValidationError("请上传报告文件或粘贴报告文字。")
        total = sum(u.size for u in files + (data.get("previous") or []))
        if total > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"一次上传的文件共{total / 1024 / 1024:.1f} MB，超过{MAX_UPLOAD_BYTES // 1024 // 1024} MB，请分批检查。"
            )
        return data
