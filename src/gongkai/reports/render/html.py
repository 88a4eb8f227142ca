"""The annual report as HTML: a fragment for the site's pages, a whole document for the ``--format html``
output and for WeasyPrint (the PDF).

The tables are drawn from ``layout`` grids exactly as the national form draws them: header cells as
``<th>`` with their scope, number cells as ``<td class="num" data-cell="<path>">``, merged cells as
``rowspan``/``colspan``.

Pure Python: no Django import.
"""

import datetime as dt
import html
from collections.abc import Iterator

from gongkai.reports.document import ReportDoc
from gongkai.reports.layout import Grid, GridCell, Printed, printed

# Font stacks: the faces of official documents first (GB/T 9704: 小标宋 title, 黑体 headings, 仿宋 body),
# then the Noto CJK faces Debian installs (``fonts-noto-cjk``), so Chinese never prints as boxes.
TITLE_FONTS = '"FZXiaoBiaoSong-B05S", "方正小标宋简体", "方正小标宋_GBK", "报告标题"'
HEI_FONTS = '"SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "Noto Sans SC", sans-serif'
FANGSONG_FONTS = (
    '"仿宋_GB2312", "FangSong_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Noto Serif SC", serif'
)
SONG_FONTS = '"SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Noto Serif SC", serif'

TITLE_LINE_CHARS = 20  # characters of 22pt on a line of the A4 page's 156 mm

# The report itself, scoped to ``.annual-report`` so that a site page can inline it beside its own CSS.
CSS = f"""
@font-face {{ font-family: "报告标题"; font-weight: normal;
  src: local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold"), local("Songti SC Bold"); }}
.annual-report {{ font-family: {FANGSONG_FONTS}; font-size: 16pt; line-height: 28pt; color: #000; }}
.annual-report h1 {{ font-family: {TITLE_FONTS}, {HEI_FONTS}; font-size: 22pt; font-weight: normal;
  line-height: 36pt; text-align: center; margin: 0 0 28pt; }}
.annual-report h2 {{ font-family: {HEI_FONTS}; font-size: 16pt; font-weight: normal; line-height: 28pt;
  text-indent: 2em; margin: 0; break-after: avoid; }}
.annual-report p {{ margin: 0; text-indent: 2em; text-align: justify; }}
.annual-report .table-wrap {{ margin: 6pt 0 14pt; }}
.annual-report table {{ width: 100%; border-collapse: collapse; table-layout: fixed; font-family: {SONG_FONTS};
  font-size: 10.5pt; line-height: 1.25; text-indent: 0; }}
.annual-report caption {{ position: absolute; width: 1px; height: 1px; overflow: hidden; white-space: nowrap; }}
.annual-report th, .annual-report td {{ border: 1px solid #000; padding: 1.5pt; text-align: center;
  vertical-align: middle; overflow-wrap: anywhere; }}
.annual-report th {{ font-weight: bold; }}
.annual-report td.num {{ text-align: center; font-variant-numeric: tabular-nums; }}
.annual-report .table3 th[scope="row"] {{ text-align: left; padding-left: 3pt; }}
.annual-report thead {{ display: table-header-group; }}
.annual-report table.table2, .annual-report table.table4 {{ break-inside: avoid; }}
.annual-report tr {{ break-inside: avoid; }}
/* the signature never stands alone on a page: it takes the last paragraph with it */
.annual-report .signature {{ margin-top: 28pt; text-align: right; break-before: avoid; break-inside: avoid; }}
.annual-report .signature p {{ text-indent: 0; text-align: right; }}
@media print {{
  /* Table 三 is taller than a page: started on a fresh page it breaks once, with its tall
     "三、本年度办理结果" cell whole on the first page. */
  .annual-report h2[data-table="table3"] {{ break-before: page; }}
}}
"""

# The page: A4 with the margins of an official document and "— n —" at the bottom centre.
PAGE_CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center {{ content: "— " counter(page) " —"; font-family: {SONG_FONTS}; font-size: 14pt; }} }}
html, body {{ margin: 0; padding: 0; }}
"""

# On a screen the standalone document shows the report as a sheet of paper.
SCREEN_CSS = """
@media screen {
  body { background: #e8e8e8; }
  .annual-report { box-sizing: border-box; max-width: 210mm; margin: 16px auto; padding: 37mm 26mm 35mm 28mm;
    background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, .25); }
  .annual-report .table-wrap { overflow-x: auto; }
}
@media screen and (max-width: 210mm) {
  .annual-report { padding: 16px; margin: 0; }
}
"""


def report_body_html(doc: ReportDoc, *, signed_on: dt.date | None = None) -> str:
    """The report as an ``<article class="annual-report">`` fragment."""
    return _article(printed(doc, signed_on=signed_on), doc.get("agency") or "")


def report_document_html(doc: ReportDoc, *, signed_on: dt.date | None = None, for_print: bool = False) -> str:
    """The report as a whole HTML document with its CSS; ``for_print`` leaves out the screen styles
    (the sheet-of-paper look), as WeasyPrint wants."""
    report = printed(doc, signed_on=signed_on)
    agency = doc.get("agency") or ""
    css = PAGE_CSS + CSS + ("" if for_print else SCREEN_CSS)
    return (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(report.title)}</title>"
        f'<meta name="author" content="{_esc(agency)}">'
        f"<style>{css}</style></head>\n<body>\n{_article(report, agency)}\n</body></html>\n"
    )


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def title_lines(title: str, agency: str) -> tuple[str, ...]:
    """The title as printed: a title too long for one line breaks after the agency's name
    ("示范市教育局" / "2025年政府信息公开工作年度报告") rather than wherever the line runs out."""
    if len(title) > TITLE_LINE_CHARS and agency and title.startswith(agency) and title != agency:
        return (agency, title.removeprefix(agency))
    return (title,)


def _article(report: Printed, agency: str) -> str:
    lines = ['<article class="annual-report">']
    tables = {part.section: part.grid.key for part in report.parts if part.grid is not None}
    for part in report.parts:
        if part.kind == "title":
            lines.append(f"<h1>{'<br>'.join(_esc(line) for line in title_lines(part.text, agency))}</h1>")
        elif part.kind == "heading":
            table = f' data-table="{_esc(tables[part.section])}"' if part.section in tables else ""
            lines.append(f"<h2{table}>{_esc(part.text)}</h2>")
        elif part.kind == "table" and part.grid is not None:
            lines.append(table_html(part.grid))
        else:  # preamble, paragraph (and any other text part)
            lines.append(f'<p class="{_esc(part.kind)}">{_esc(part.text)}</p>')
    if report.signature:
        lines.append('<div class="signature">')
        lines.extend(f"<p>{_esc(line)}</p>" for line in report.signature)
        lines.append("</div>")
    lines.append("</article>")
    return "\n".join(lines)


def table_html(grid: Grid) -> str:
    """One table of the report, with its caption, column widths, header rows and merged cells."""
    lines = [f'<div class="table-wrap"><table class="report-table {_esc(grid.key)}">']
    lines.append(f"<caption>{_esc(grid.caption)}</caption>")
    if grid.widths:
        total = sum(grid.widths)
        lines.append("<colgroup>")
        lines.extend(f'<col style="width: {w / total * 100:.2f}%">' for w in grid.widths)
        lines.append("</colgroup>")
    head, body = grid.rows[: grid.header_rows], grid.rows[grid.header_rows :]
    if head:
        lines.extend(("<thead>", *_rows(head), "</thead>"))
    lines.extend(("<tbody>", *_rows(body), "</tbody>"))
    lines.append("</table></div>")
    return "\n".join(lines)


def _rows(rows: tuple[tuple[GridCell, ...], ...]) -> Iterator[str]:
    for row in rows:
        yield "<tr>" + "".join(_cell(c) for c in row) + "</tr>"


def _cell(cell: GridCell) -> str:
    attributes = []
    if cell.header:
        tag = "th"
        if cell.scope:
            attributes.append(f'scope="{_esc(cell.scope)}"')
    else:
        tag = "td"
        if cell.numeric:
            attributes.append(f'class="num" data-cell="{_esc(cell.path)}"')
    if cell.rowspan > 1:
        attributes.append(f'rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attributes.append(f'colspan="{cell.colspan}"')
    opening = " ".join((tag, *attributes))
    return f"<{opening}>{_esc(cell.text)}</{tag}>"
