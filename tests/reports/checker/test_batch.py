"""Many files at once: ZIP archives opened (names in GBK too), refused archives reported while the other
files are still checked, folders walked, and the summary and its CSV."""

import io
import zipfile

import pytest

from gongkai.reports.checker import batch
from gongkai.reports.checker.batch import check_files, expand, files_in, summary, summary_csv
from tests.reports.checker.variants import report_text
from tests.reports.helpers import valid_doc


def text(year: int = 2025) -> bytes:
    doc = valid_doc(year)
    doc["published_date"] = f"{year + 1}-01-20"
    return report_text(doc).encode()


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def gbk_named(name: str, data: bytes) -> bytes:
    """An archive as Chinese Windows writes it: the name in GBK bytes, without the UTF-8 flag (Python's
    zipfile always writes UTF-8, so an ASCII name of the same length is swapped for the GBK bytes)."""
    encoded = name.encode("gb18030")
    placeholder = b"x" * len(encoded)
    return zipped({placeholder.decode(): data}).replace(placeholder, encoded)


def test_a_zip_gives_its_readable_files_in_name_order():
    data = zipped({"b.txt": b"2", "a.html": b"1", "picture.png": b"x", "docs/": b""})
    assert [name for name, _ in expand("all.zip", data)] == ["all.zip/a.html", "all.zip/b.txt"]


def test_a_zip_made_on_chinese_windows_keeps_its_chinese_names():
    data = gbk_named("东区教育局.txt", b"x")
    assert [name for name, _ in expand("区.zip", data)] == ["区.zip/东区教育局.txt"]


def test_a_docx_is_not_opened_as_an_archive():
    data = zipped({"word/document.xml": b"<w/>"})
    assert list(expand("report.docx", data)) == [("report.docx", data)]


def test_a_broken_zip_is_reported_and_the_other_files_are_checked():
    docs = check_files([("bad.zip", b"PK\x03\x04garbage"), ("good.txt", text())])
    assert len(docs) == 2
    assert docs[0]["findings"] == [
        {"rule": "unreadable", "severity": "error", "message": "bad.zip不是有效的ZIP压缩包。", "where": "bad.zip"}
    ]
    assert docs[1]["findings"] == []


def test_an_archive_of_too_many_files_is_refused(monkeypatch):
    monkeypatch.setattr(batch, "MAX_ARCHIVE_FILES", 2)
    data = zipped({f"{i}.txt": b"x" for i in range(3)})
    (doc,) = check_files([("many.zip", data)])
    assert "超过2个" in doc["findings"][0]["message"]


def test_an_archive_too_large_unpacked_is_refused(monkeypatch):
    monkeypatch.setattr(batch, "MAX_ARCHIVE_BYTES", 10)
    (doc,) = check_files([("big.zip", zipped({"a.txt": b"x" * 11}))])
    assert doc["findings"][0]["rule"] == "unreadable"


def test_folders_are_walked_for_readable_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_bytes(b"a")
    (tmp_path / "b.pdf").write_bytes(b"b")
    (tmp_path / "c.exe").write_bytes(b"c")
    names = [name.removeprefix(str(tmp_path)) for name, _ in files_in([tmp_path])]
    assert names == ["/b.pdf", "/sub/a.txt"]


@pytest.mark.parametrize("year", [2020, 2025])
def test_the_summary_row_names_the_report(year):
    (row,) = summary(check_files([("r.txt", text(year))]))
    assert (row.file, row.report, row.agency, row.year, row.errors, row.warnings) == (
        "r.txt",
        1,
        "测试市教育局",
        str(year),
        0,
        0,
    )
    assert row.format == ("2019年试行格式" if year == 2020 else "2021年格式")


def test_an_unrecognised_report_says_so_in_the_summary():
    (row,) = summary(check_files([("empty.txt", b"")]))
    assert (row.agency, row.year) == ("（未识别）", "（未识别）")


def test_the_csv_opens_in_excel_with_its_chinese():
    csv = summary_csv(summary(check_files([("r.txt", text())])))
    assert csv.startswith("\ufeff文件,序号,机构,年度,格式,发布日期,错误,提示,主要问题\r\n")
    assert "r.txt,1,测试市教育局,2025,2021年格式,2026-01-20,0,0," in csv
