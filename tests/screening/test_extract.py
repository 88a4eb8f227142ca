import io
import zipfile

import docx
import openpyxl
import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from gongkai.screening import ExtractionError, detect_type, extract_text, screen_text

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("关于公布2026年招生计划的通知")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "联系人手机"
    table.rows[0].cells[1].text = "13812345678"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet.append(["姓名", "邮箱"])
    sheet.append(["张三", "zhang@example.com"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_pdf(lines: list[str]) -> bytes:
    writer = PdfWriter()
    for line in lines:
        page = writer.add_blank_page(width=300, height=200)
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 20 100 Td ({line}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_are_read_with_their_place():
    extracted = extract_text(make_docx(), "通知.docx")
    assert "招生计划" in extracted.text
    finding = screen_text(extracted.text)[0]
    assert extracted.place_of(finding.start) == "表格1"


def test_xlsx_every_sheet_row_by_row():
    extracted = extract_text(make_xlsx(), "名单.xlsx")
    assert "zhang@example.com" in extracted.text
    assert extracted.place_of(screen_text(extracted.text)[0].start) == "工作表“名单”"


def test_pdf_text_layer_page_by_page():
    extracted = extract_text(make_pdf(["first page", "contact zhang@example.com"]), "a.pdf")
    finding = screen_text(extracted.text)[0]
    assert finding.text == "zhang@example.com"
    assert extracted.place_of(finding.start) == "第2页"


def test_image_has_no_text():
    assert detect_type(PNG, "photo.png") == "png"
    assert extract_text(PNG, "photo.png").text == ""


def test_type_is_decided_by_content_not_by_name():
    with pytest.raises(ExtractionError, match=r"扩展名为\.pdf，实际内容为PNG 图片"):
        detect_type(PNG, "report.pdf")
    with pytest.raises(ExtractionError, match="实际内容为Word 文档"):
        detect_type(make_docx(), "sheet.xlsx")


def test_zip_that_is_not_an_office_file_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.exe", b"MZ")
    with pytest.raises(ExtractionError, match="类型不受支持"):
        detect_type(buffer.getvalue(), "a.docx")


def test_executable_renamed_is_refused():
    with pytest.raises(ExtractionError):
        detect_type(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100, "a.pdf")


def test_damaged_pdf_gives_a_clear_error():
    with pytest.raises(ExtractionError, match="已损坏"):
        extract_text(b"%PDF-1.4\n garbage", "a.pdf")


def test_gbk_text_is_decoded():
    assert "招生" in extract_text("招生简章".encode("gbk"), "a.txt").text


def test_long_utf8_text_is_text_even_when_the_first_4k_bytes_cut_a_character():
    data = ("名" * 1366 + "\n").encode()  # 1366 × 3 bytes: byte 4096 falls inside a character
    assert len(data) > 4096
    assert detect_type(data, "目录.csv") == "txt"
    gbk = ("名" * 2047 + "a名").encode("gb18030")  # 2-byte characters after one ASCII byte: cut at 4096
    assert detect_type(gbk, "目录.csv") == "txt"
