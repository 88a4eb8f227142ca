"""The annual report as DOCX, laid out as an official document: A4, 小标宋 title, 黑体 section headings,
仿宋 body at 28 pt line spacing, the three tables as Word tables with the form's merged cells, the
signature right-aligned and "— n —" page numbers.

Every part is written through a named paragraph style ("报告正文", "报告表格" …) so that an editor can
restyle the whole report at once. The same report always gives the same bytes.

Pure Python: no Django import.
"""

import datetime as dt
import io
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table

from gongkai.reports.document import ReportDoc
from gongkai.reports.layout import Grid, GridCell, printed
from gongkai.reports.render import fixed_zip
from gongkai.reports.render.html import title_lines

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "宋体"

PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGINS = (Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6))  # top, bottom, left, right: as the letters
TEXT_WIDTH = Emu(PAGE_WIDTH - MARGINS[2] - MARGINS[3])
CELL_MARGIN_TWIPS = 57  # 0.1 cm left and right inside table cells (Word's default is 0.19 cm)


@dataclass(frozen=True)
class _Style:
    name: str
    font: str
    size: float  # pt
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    line: float | None = 28  # exact line spacing in pt; None for single
    indent: bool = False  # first line indented two characters
    space_after: float = 0  # pt
    outline: bool = False  # a heading in Word's navigation pane
    keep_with_next: bool = False


TITLE = _Style("报告标题", TITLE_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER, line=36, space_after=28)
HEADING = _Style("报告一级标题", HEADING_FONT, 16, indent=True, outline=True, keep_with_next=True)
BODY = _Style("报告正文", BODY_FONT, 16, indent=True)
TABLE = _Style("报告表格", TABLE_FONT, 10.5, WD_ALIGN_PARAGRAPH.CENTER, line=None)
SIGNATURE = _Style("报告落款", BODY_FONT, 16, WD_ALIGN_PARAGRAPH.RIGHT, keep_with_next=True)
PAGE_NUMBER = _Style("Footer", TABLE_FONT, 14, WD_ALIGN_PARAGRAPH.CENTER, line=None)  # Word's own footer style


def report_docx(doc: ReportDoc, *, signed_on: dt.date | None = None) -> bytes:
    report = printed(doc, signed_on=signed_on)
    agency = doc.get("agency") or ""
    document = docx.Document()
    _page(document)
    for style in (TITLE, HEADING, BODY, TABLE, SIGNATURE, PAGE_NUMBER):
        _add_style(document, style)
    _properties(document, doc, report.title, signed_on)
    for part in report.parts:
        if part.kind == "title":
            first, *others = title_lines(part.text, agency)
            run = document.add_paragraph(style=TITLE.name).add_run(first)
            for line in others:
                run.add_break()
                run.add_text(line)
        elif part.kind == "heading":
            document.add_paragraph(part.text, style=HEADING.name)
        elif part.kind == "table" and part.grid is not None:
            _table(document, part.grid)
        else:  # preamble, paragraph (and any other text part)
            document.add_paragraph(part.text, style=BODY.name)
    _signature(document, report.signature)
    out = io.BytesIO()
    document.save(out)
    return fixed_zip(out.getvalue())


def _properties(document: Document, doc: ReportDoc, title: str, signed_on: dt.date | None) -> None:
    """Title and author; dated the day the report was published (or signed), else the template's date."""
    agency = doc.get("agency") or ""
    core = document.core_properties
    core.title, core.author, core.last_modified_by, core.comments = title, agency, agency, ""
    published = doc.get("published_date")
    day = dt.date.fromisoformat(published) if isinstance(published, str) else signed_on
    if day is not None:
        core.created = core.modified = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _signature(document: Document, lines: tuple[str, ...]) -> None:
    if not lines:
        return
    document.paragraphs[-1].paragraph_format.keep_with_next = True  # the signature never stands alone on a page
    for position, line in enumerate(lines):
        paragraph = document.add_paragraph(line, style=SIGNATURE.name)
        if position == 0:
            paragraph.paragraph_format.space_before = Pt(28)


def _page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = MARGINS
    footer = section.footer.paragraphs[0]
    footer.style = document.styles[PAGE_NUMBER.name]
    footer.add_run("— ")
    field = OxmlElement("w:fldSimple", {qn("w:instr"): "PAGE"})
    number, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"  # Word puts the page number here when it lays out the page
    number.append(text)
    field.append(number)
    footer._p.append(field)  # noqa: SLF001 - python-docx has no API for fields
    footer.add_run(" —")


def _add_style(document: Document, spec: _Style) -> None:
    styles = document.styles
    style = styles[spec.name] if spec.name in styles else styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)  # noqa: S101 - a paragraph style by construction
    style.base_style = None
    style.font.name = spec.font
    style.font.size = Pt(spec.size)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), spec.font)
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.space_before, fmt.space_after = Pt(0), Pt(spec.space_after)
    fmt.line_spacing = Pt(spec.line) if spec.line is not None else 1.0
    fmt.first_line_indent = Pt(spec.size * 2) if spec.indent else None
    fmt.keep_with_next = spec.keep_with_next
    if spec.outline:
        level = OxmlElement("w:outlineLvl", {qn("w:val"): "0"})
        style.element.get_or_add_pPr().append(level)


# --- tables ------------------------------------------------------------------------------------------


def _widths(grid: Grid) -> list[Length]:
    shares = grid.widths or (1.0,) * grid.columns
    total = sum(shares)
    return [Emu(int(TEXT_WIDTH * share / total)) for share in shares]


def _table(document: Document, grid: Grid) -> None:
    """The grid as a Word table: every merged cell merged, its text in the top-left cell."""
    table = document.add_table(rows=grid.row_count, cols=grid.columns)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_margins(table)
    widths = _widths(grid)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    style_id = document.styles[TABLE.name].style_id
    starting = {(spec.row, spec.col): spec for spec in grid.all_cells()}
    for position, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()  # noqa: SLF001 - python-docx has no API for these two
        properties.append(OxmlElement("w:cantSplit"))
        if position < grid.header_rows:
            properties.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page
        for col, (cell, width) in enumerate(zip(row.cells, widths, strict=True)):
            cell.width = width  # Word reads the cells' widths; merging adds them up
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            # ``paragraph.style = …`` looks the default style up on every call (0.2 s a report)
            paragraph._p.style = style_id  # noqa: SLF001
            spec = starting.get((position, col))
            if spec is not None and spec.text:
                if _left_aligned(grid, spec):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                paragraph.add_run(spec.text).bold = spec.header
    # Text first, then the merges: a merged cell keeps its top-left square's text (the others are empty).
    for spec in grid.merges():
        bottom_right = table.cell(spec.row + spec.rowspan - 1, spec.col + spec.colspan - 1)
        table.cell(spec.row, spec.col).merge(bottom_right)


def _left_aligned(grid: Grid, cell: GridCell) -> bool:
    """Table 三's row labels are long: left-aligned, as on the form."""
    return grid.key == "table3" and cell.scope == "row"


def _cell_margins(table: Table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(OxmlElement(f"w:{side}", {qn("w:w"): str(CELL_MARGIN_TWIPS), qn("w:type"): "dxa"}))
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")  # noqa: SLF001 - no API
