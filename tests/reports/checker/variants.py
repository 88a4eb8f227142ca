"""Report texts built from a report's data in the layouts real websites give: one cell per line, a row per
line with spaces or tabs, labels broken around their numbers (``pdftotext -layout``), full-width
digits, zeros printed as "—", page numbers between rows, a title over two lines."""

from gongkai.reports.document import ReportDoc
from gongkai.reports.layout import Grid, printed

FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _cells(grid: Grid, style: str) -> list[str]:
    lines: list[str] = []
    for row in grid.rows:
        texts = [c.text for c in row]
        if style == "dash_zero":
            texts = ["—" if c.numeric and c.text == "0" else c.text for c, t in zip(row, texts, strict=True)]
        if style == "fullwidth":
            texts = [t.translate(FULL_WIDTH) if c.numeric else t for c, t in zip(row, texts, strict=True)]
        labels = [t for c, t in zip(row, texts, strict=True) if not c.numeric]
        values = [t for c, t in zip(row, texts, strict=True) if c.numeric]
        if style == "cells":
            lines.extend(t for t in texts if t)
        elif style == "tabs":
            lines.append("\t".join(texts))
        elif style == "layout" and values and labels and len(labels[-1]) > 10:
            label = labels[-1]
            lines.append("  ".join([*labels[:-1], label[:8]]))
            lines.append("          " + "     ".join(values))
            lines.append("    " + label[8:])
        elif style == "furniture":
            lines.append("   ".join(texts))
            lines.append("- 3 -")
        else:  # rows, fullwidth, dash_zero
            lines.append("   ".join(texts) if style != "fullwidth" else "\u3000".join(texts))
    return lines


def report_text(doc: ReportDoc, style: str = "rows", *, two_line_title: bool = False) -> str:
    report = printed(doc)
    lines: list[str] = []
    for part in report.parts:
        if part.kind == "title":
            if two_line_title and doc.get("agency") and part.text.startswith(doc["agency"]):
                lines += [doc["agency"], part.text.removeprefix(doc["agency"])]
            else:
                lines.append(part.text)
            if doc.get("published_date"):
                lines.append(f"发布日期：{doc['published_date']}")
        elif part.grid is not None:
            lines.extend(_cells(part.grid, style))
        else:
            lines.append(part.text)
    lines.extend(report.signature)
    return "\n".join(lines) + "\n"
