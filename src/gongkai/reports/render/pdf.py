"""The annual report as PDF: the print HTML document laid out by WeasyPrint (A4, "— n —" page numbers).

WeasyPrint draws Chinese only with a CJK font installed (Debian ``fonts-noto-cjk``; ``make fonts``).

Pure Python: no Django import.
"""

import datetime as dt

from gongkai.reports.document import ReportDoc
from gongkai.reports.render.html import report_document_html


def report_pdf(doc: ReportDoc, *, signed_on: dt.date | None = None) -> bytes:
    # weasyprint ships no type information; a heavy import (Pango, fonts), made only when a PDF is produced
    import weasyprint  # type: ignore[import-untyped]  # noqa: PLC0415

    pdf: bytes = weasyprint.HTML(string=report_document_html(doc, signed_on=signed_on, for_print=True)).write_pdf()
    return pdf
