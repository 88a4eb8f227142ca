"""The annual report in every output format, from its report data (``document``) through its printed
layout (``layout``): JSON, HTML, DOCX, PDF and XLSX.

``render(doc, "docx")`` gives the bytes with their content type and file extension; ``filename`` the
name to save them under. The modules of the heavy formats (python-docx, openpyxl, WeasyPrint) are
imported only when that format is asked for.

Pure Python: no Django import (the command line and the report checker run without Django settings).
"""

import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass

from gongkai.reports.document import ReportDoc, ordered
from gongkai.reports.layout import printed

FORMATS: tuple[str, ...] = ("json", "html", "docx", "pdf", "xlsx")

CONTENT_TYPES: dict[str, str] = {
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    extension: str


def render(doc: ReportDoc, fmt: str, *, signed_on: dt.date | None = None) -> Rendered:
    """The report in ``fmt`` (one of ``FORMATS``); ``signed_on`` dates the signature of a report not yet
    published (a published report is dated by its ``published_date``). The XLSX has no signature."""
    if fmt == "json":
        content = (json.dumps(ordered(doc), ensure_ascii=False, indent=2) + "\n").encode()
    elif fmt == "html":
        from gongkai.reports.render.html import report_document_html  # noqa: PLC0415 - one format, one import

        content = report_document_html(doc, signed_on=signed_on).encode()
    elif fmt == "docx":
        from gongkai.reports.render.docx import report_docx  # noqa: PLC0415 - python-docx only when asked for

        content = report_docx(doc, signed_on=signed_on)
    elif fmt == "pdf":
        from gongkai.reports.render.pdf import report_pdf  # noqa: PLC0415 - WeasyPrint only when asked for

        content = report_pdf(doc, signed_on=signed_on)
    elif fmt == "xlsx":
        from gongkai.reports.render.xlsx import report_xlsx  # noqa: PLC0415 - openpyxl only when asked for

        content = report_xlsx(doc)
    else:
        raise ValueError(f"不支持的输出格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    return Rendered(content, CONTENT_TYPES[fmt], fmt)


_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def filename(doc: ReportDoc, extension: str) -> str:
    """The file name of the report: "示范市教育局2025年政府信息公开工作年度报告.docx"."""
    stem = _UNSAFE_IN_NAMES.sub("", printed(doc).title).strip(" .") or "政府信息公开工作年度报告"
    return f"{stem}.{extension.lstrip('.')}"


def fixed_zip(data: bytes) -> bytes:
    """The same zip archive (DOCX, XLSX) with every entry dated ``FIXED_ZIP_TIME``: the same report
    always gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(zipfile.ZipInfo(name, FIXED_ZIP_TIME), source.read(name), zipfile.ZIP_DEFLATED)
    return out.getvalue()
