"""The annual report rendered as HTML, DOCX, XLSX and PDF from its printed layout (``reports.render``)."""

import datetime as dt
import io
import json
import subprocess
import sys
from html.parser import HTMLParser

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from gongkai.reports.document import ReportDoc, cells, copy_doc, get, path_text, put, sum_tables
from gongkai.reports.layout import Grid, table2_grid, table3_grid, table4_grid
from gongkai.reports.render import FORMATS, filename, render
from gongkai.reports.render.docx import report_docx
from gongkai.reports.render.html import report_body_html, report_document_html
from gongkai.reports.render.pdf import report_pdf
from gongkai.reports.render.xlsx import report_xlsx, rollup_xlsx
from tests.reports.helpers import valid_doc

AGENCY = "示范市教育局"
SIGNED = dt.date(2026, 1, 20)


@pytest.fixture(scope="module")
def doc2025() -> ReportDoc:
    return valid_doc(2025, agency=AGENCY)


@pytest.fixture(scope="module")
def doc2020() -> ReportDoc:
    return valid_doc(2020, agency=AGENCY)


def _grids(doc: ReportDoc) -> list[Grid]:
    return [table2_grid(doc), table3_grid(doc), table4_grid(doc)]


def _cell(grid: Grid, text: str):
    return next(c for c in grid.all_cells() if c.text == text)


class _Cells(HTMLParser):
    """Every th/td of an HTML text: (tag, attributes, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, dict[str, str | None], str]] = []
        self.tags: list[str] = []
        self._open: tuple[str, dict[str, str | None]] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in {"th", "td"}:
            self._open, self._text = (tag, dict(attrs)), []

    def handle_endtag(self, tag):
        if tag in {"th", "td"} and self._open is not None:
            self.cells.append((*self._open, "".join(self._text)))
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._text.append(data)


def _parse(text: str) -> _Cells:
    parser = _Cells()
    parser.feed(text)
    return parser


def _th(parsed: _Cells, text: str) -> dict[str, str | None]:
    return next(attrs for tag, attrs, content in parsed.cells if tag == "th" and content == text)


# --- HTML ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2025, 2020])
def test_html_has_every_label_and_every_number_cell(year, doc2025, doc2020):
    doc = doc2025 if year == 2025 else doc2020
    parsed = _parse(report_body_html(doc))
    headers = [content for tag, _attrs, content in parsed.cells if tag == "th"]
    for grid in _grids(doc):
        for cell in grid.all_cells():
            if cell.header:
                assert cell.text in headers
    numbers = {attrs["data-cell"]: content for tag, attrs, content in parsed.cells if tag == "td"}
    assert set(numbers) == {path_text(c.path) for c in cells(doc["format"])}
    assert numbers["applications/new/6"] == str(get(doc, ("applications", "new", 6)))
    assert all(attrs.get("class") == "num" for tag, attrs, _content in parsed.cells if tag == "td")


@pytest.mark.parametrize(("year", "results"), [(2025, 22), (2020, 20)])
def test_html_spans_as_on_the_form(year, results, doc2025, doc2020):
    doc = doc2025 if year == 2025 else doc2020
    parsed = _parse(report_body_html(doc))
    tall = _th(parsed, "三、本年度办理结果")
    assert tall["rowspan"] == str(results) == str(_cell(table3_grid(doc), "三、本年度办理结果").rowspan)
    assert tall["scope"] == "rowgroup"
    assert "colspan" not in tall
    assert _th(parsed, "行政复议")["colspan"] == "5"
    assert _th(parsed, "行政诉讼")["colspan"] == "10"
    assert _th(parsed, "结果维持")["rowspan"] == "2"
    note = next(attrs for tag, attrs, content in parsed.cells if tag == "th" and content.startswith("（本列数据"))
    assert (note["rowspan"], note["colspan"], "scope" in note) == ("3", "3", False)
    assert "rowspan" not in _th(parsed, "信息内容")


def test_html_table_structure(doc2025):
    body = report_body_html(doc2025)
    assert body.startswith('<article class="annual-report">')
    assert body.count("<table") == 3
    assert body.count("<thead>") == 2  # table 二 interleaves its item headers: all rows in <tbody>
    assert body.count("<caption>") == 3
    assert "<caption>表三 收到和处理政府信息公开申请情况</caption>" in body
    table3 = body[body.index('class="report-table table3"') :]
    assert table3.index("<thead>") < table3.index("申请人情况") < table3.index("</thead>")
    assert table3.count("<col ", 0, table3.index("</colgroup>")) == 10
    assert body.count("<h2") == 6
    assert "<h1>示范市教育局<br>2025年政府信息公开工作年度报告</h1>" in body


def test_html_escapes_and_signs(doc2025):
    doc = {**doc2025, "title": "<script>alert(1)</script>", "published_date": "2026-01-20"}
    body = report_body_html(doc)
    assert "<script>" not in body
    assert "&lt;script&gt;" in body
    assert '<div class="signature">\n<p>示范市教育局</p>\n<p>2026年1月20日</p>\n</div>' in body
    assert "2025年12月1日" in report_body_html(doc2025, signed_on=dt.date(2025, 12, 1))


def test_html_document(doc2025):
    page = report_document_html(doc2025, signed_on=SIGNED)
    assert page.startswith("<!doctype html>")
    assert '<html lang="zh-CN">' in page
    assert "@page" in page
    assert '"— " counter(page) " —"' in page
    assert "@media screen" in page
    assert "@media screen" not in report_document_html(doc2025, for_print=True)
    assert "<title>示范市教育局2025年政府信息公开工作年度报告</title>" in page


# --- DOCX ----------------------------------------------------------------------------------------------


def test_docx_tables_with_merged_cells(doc2025):
    document = docx.Document(io.BytesIO(report_docx(doc2025, signed_on=SIGNED)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "示范市教育局\n2025年政府信息公开工作年度报告"
    assert document.paragraphs[0].style.name == "报告标题"
    assert "一、总体情况" in paragraphs
    assert paragraphs[-2:] == ["示范市教育局", "2026年1月20日"]
    assert document.core_properties.title == "示范市教育局2025年政府信息公开工作年度报告"
    assert document.core_properties.author == AGENCY
    assert len(document.tables) == 3
    for table, grid in zip(document.tables, _grids(doc2025), strict=True):
        assert (len(table.rows), len(table.columns)) == (grid.row_count, grid.columns)
        squares = table._cells  # every grid square, row by row (``table.cell`` recomputes this list each call)
        for cell in grid.all_cells():
            top_left = squares[cell.row * grid.columns + cell.col]
            assert top_left.text == cell.text
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    assert squares[r * grid.columns + c]._tc is top_left._tc
            if cell.col + cell.colspan < grid.columns:
                assert squares[cell.row * grid.columns + cell.col + cell.colspan]._tc is not top_left._tc
    table3, table4 = document.tables[1], document.tables[2]
    assert table3.cell(5, 0).text == "三、本年度办理结果"
    assert table3.cell(5, 0)._tc is table3.cell(26, 0)._tc
    assert table3.cell(27, 0).text == "四、结转下年度继续办理"
    assert table4.cell(0, 0)._tc is table4.cell(0, 4)._tc
    assert table4.cell(0, 5)._tc is table4.cell(0, 14)._tc
    assert table4.cell(3, 0).text == str(doc2025["review_litigation"]["review"][0])


def test_docx_is_deterministic(doc2025):
    assert report_docx(doc2025, signed_on=SIGNED) == report_docx(doc2025, signed_on=SIGNED)


# --- XLSX ----------------------------------------------------------------------------------------------


def _workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_numbers_and_merges(doc2025):
    workbook = _workbook(report_xlsx(doc2025))
    assert workbook.sheetnames == ["说明", "表二", "表三", "表四"]
    about = {row[0]: row[1] for row in workbook["说明"].iter_rows(values_only=True)}
    assert about["机关"] == AGENCY
    assert about["年度"] == 2025
    assert about["格式"] == "2021年格式"
    table3 = workbook["表三"]
    assert table3["A5"].value == "一、本年新收政府信息公开申请数量"
    assert table3["J5"].value == get(doc2025, ("applications", "new", 6))
    assert isinstance(table3["J5"].value, int)
    assert table3.freeze_panes == "A5"
    assert "A7:A28" in {str(r) for r in table3.merged_cells.ranges}  # 三、本年度办理结果
    table4 = workbook["表四"]
    merged = {str(r) for r in table4.merged_cells.ranges}
    assert {"A2:E2", "F2:O2", "F3:J3", "K3:O3", "A3:A4"} <= merged
    review = doc2025["review_litigation"]
    assert [c.value for c in table4[5]] == review["review"] + review["litigation_direct"] + review[
        "litigation_after_review"
    ]
    assert table4["A2"].font.b
    assert table4["A2"].alignment.horizontal == "center"
    assert table4["O5"].border.left.style == "thin"
    table2 = workbook["表二"]
    fees = doc2025["proactive"]["fees_amount_wan"]
    assert isinstance(fees, float)
    assert [c.value for c in table2[15]][:2] == ["行政事业性收费", fees]


def test_xlsx_2019_format(doc2020):
    doc = copy_doc(doc2020)
    put(doc, ("proactive", "2019", "行政许可", "上一年项目数量"), None)
    workbook = _workbook(report_xlsx(doc))
    assert workbook["说明"]["B4"].value == "2019年试行格式"
    rows = {row[0]: row[1:] for row in workbook["表二"].iter_rows(values_only=True) if row[0]}
    amount = rows["政府集中采购"]
    assert amount[:2] == tuple(doc2020["proactive"]["2019"]["政府集中采购"].values())
    assert amount[1] == 885.1737
    assert isinstance(amount[1], float)
    licensing = doc["proactive"]["2019"]["行政许可"]
    assert rows["行政许可"][:3] == (None, licensing["本年增/减"], licensing["处理决定数量"])  # blank stays empty
    assert licensing["本年增/减"] < 0
    assert "（六）其他处理" in [c.value for c in workbook["表三"]["B"]]


def test_xlsx_is_deterministic(doc2025):
    assert report_xlsx(doc2025) == report_xlsx(doc2025)


def test_rollup_xlsx(doc2025):
    total = sum_tables([doc2025, doc2025], fmt="2021", year=2025, label="示范市")
    rows = [
        {"agency": AGENCY, "status": "已公开", "published_on": "2026-01-20", "errors": 0, "warnings": 2},
        {"agency": "示范市民政局", "status": "未提交", "published_on": "", "errors": 3, "warnings": 0},
    ]
    workbook = _workbook(rollup_xlsx(rows, total, title="示范市2025年政府信息公开工作年度报告汇总"))
    assert workbook.sheetnames == ["汇总情况", "表二", "表三", "表四"]
    listed = list(workbook["汇总情况"].iter_rows(values_only=True))
    assert listed[0][0] == "示范市2025年政府信息公开工作年度报告汇总"
    assert listed[1] == ("机关", "状态", "公开日期", "错误", "警告")
    assert listed[2] == (AGENCY, "已公开", "2026-01-20", 0, 2)
    assert listed[3] == ("示范市民政局", "未提交", None, 3, 0)
    assert workbook["表三"]["J5"].value == 2 * get(doc2025, ("applications", "new", 6))
    assert workbook["表二"]["B15"].value == pytest.approx(2 * doc2025["proactive"]["fees_amount_wan"])


# --- PDF -----------------------------------------------------------------------------------------------


def test_pdf_has_the_report_text(doc2025):
    pdf = report_pdf(doc2025, signed_on=SIGNED)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    assert "示范市教育局2025年政府信息公开工作年度报告" in text
    assert "本年新收政府信息公开申请数量" in text
    assert "—1—" in text


# --- render() ------------------------------------------------------------------------------------------


def test_render_formats(doc2025):
    assert FORMATS == ("json", "html", "docx", "pdf", "xlsx")
    as_json = render(doc2025, "json")
    assert as_json.content.endswith(b"\n")
    assert json.loads(as_json.content) == doc2025
    assert "示范市教育局".encode() in as_json.content  # not \u escapes
    as_html = render(doc2025, "html", signed_on=SIGNED)
    assert as_html.content == report_document_html(doc2025, signed_on=SIGNED).encode()
    assert (as_html.content_type, as_html.extension) == ("text/html; charset=utf-8", "html")
    as_docx = render(doc2025, "docx", signed_on=SIGNED)
    assert as_docx.content == report_docx(doc2025, signed_on=SIGNED)
    assert as_docx.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert render(doc2025, "xlsx").content == report_xlsx(doc2025)
    with pytest.raises(ValueError, match="不支持的输出格式"):
        render(doc2025, "rtf")


def test_filename(doc2025):
    assert filename(doc2025, "docx") == "示范市教育局2025年政府信息公开工作年度报告.docx"
    assert filename({**doc2025, "title": 'a/b:c*?"<>|'}, ".pdf") == "abc.pdf"


def test_render_modules_do_not_import_django():
    code = (
        "import sys; import gongkai.reports.render, gongkai.reports.render.html, gongkai.reports.render.docx,"
        " gongkai.reports.render.xlsx, gongkai.reports.render.pdf;"
        " sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - this interpreter, a fixed script
