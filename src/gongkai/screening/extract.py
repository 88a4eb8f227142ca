"""Text of attachments for screening and search, and the file type decided by content, not by name.

DOCX: paragraphs and table cells; XLSX: every sheet's cells row by row; PDF: the text layer page by
page (scanned PDFs have none: no OCR here); images: no text. Pure Python (no Django).
"""

import codecs
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype

MAX_TEXT_CHARS = 2_000_000

_EXTENSIONS = {
    "pdf": {"pdf"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "png": {"png"},
    "jpeg": {"jpg", "jpeg"},
    "gif": {"gif"},
    "txt": {"txt", "csv"},
}
_TYPE_NAMES = {
    "pdf": "PDF",
    "docx": "Word 文档",
    "xlsx": "Excel 表格",
    "png": "PNG 图片",
    "jpeg": "JPEG 图片",
    "gif": "GIF 图片",
    "txt": "纯文本",
}


class ExtractionError(ValueError):
    """The file cannot be accepted or read; the message is shown to staff."""


@dataclass(frozen=True)
class ExtractedText:
    text: str
    parts: tuple[tuple[str, int], ...]  # (label of the part, offset where it starts in text)

    def place_of(self, offset: int) -> str:
        label = ""
        for part_label, start in self.parts:
            if start > offset:
                break
            label = part_label
        return label


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _is_text(head: bytes) -> bool:
    """Whether the first bytes decode as UTF-8 or GB18030; a character cut at the end is not an error."""
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _content_kind(data: bytes) -> str:
    kind = filetype.guess(data)
    if kind is None:
        return "txt" if _is_text(data[:4096]) else "unknown"
    extension = str(kind.extension)
    if extension in {"zip", "docx", "xlsx"}:
        return _zip_kind(data) or "unknown"
    return {"jpg": "jpeg"}.get(extension, extension)


def detect_type(data: bytes, filename: str) -> str:
    """The file's type from its bytes; refused when it does not match the name's extension."""
    extension = PurePath(filename).suffix.lower().lstrip(".")
    actual = _content_kind(data)
    if actual not in _EXTENSIONS:
        raise ExtractionError(f"附件“{filename}”的类型不受支持（实际内容不是 PDF、Word、Excel、图片或纯文本）。")
    if extension not in _EXTENSIONS[actual]:
        raise ExtractionError(
            f"附件类型与内容不符：扩展名为.{extension or '（无）'}，实际内容为{_TYPE_NAMES[actual]}。"
        )
    return actual


class _Builder:
    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.parts: list[tuple[str, int]] = []
        self.length = 0

    def part(self, label: str) -> None:
        self.parts.append((label, self.length))

    def add(self, text: str) -> None:
        if self.length >= MAX_TEXT_CHARS or not text:
            return
        text = text[: MAX_TEXT_CHARS - self.length] + "\n"
        self.chunks.append(text)
        self.length += len(text)

    def result(self) -> ExtractedText:
        return ExtractedText("".join(self.chunks), tuple(self.parts))


def _docx(data: bytes, out: _Builder) -> None:
    import docx  # noqa: PLC0415 - heavy import, only when needed

    document = docx.Document(io.BytesIO(data))
    out.part("正文")
    for paragraph in document.paragraphs:
        out.add(paragraph.text)
    for number, table in enumerate(document.tables, start=1):
        out.part(f"表格{number}")
        for row in table.rows:
            out.add("\t".join(cell.text for cell in row.cells))


def _xlsx(data: bytes, out: _Builder) -> None:
    import openpyxl  # noqa: PLC0415

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            out.part(f"工作表“{sheet.title}”")
            for row in sheet.iter_rows(values_only=True):
                out.add("\t".join("" if v is None else str(v) for v in row))
    finally:
        workbook.close()


def _pdf(data: bytes, out: _Builder) -> None:
    import pypdf  # noqa: PLC0415

    reader = pypdf.PdfReader(io.BytesIO(data))
    for number, page in enumerate(reader.pages, start=1):
        out.part(f"第{number}页")
        out.add(page.extract_text() or "")


def _txt(data: bytes, out: _Builder) -> None:
    out.part("全文")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            out.add(data.decode(encoding))
        except UnicodeDecodeError:
            continue
        return


_READERS = {"docx": _docx, "xlsx": _xlsx, "pdf": _pdf, "txt": _txt}


def extract_text(data: bytes, filename: str) -> ExtractedText:
    """Text of the file with the place of each part; images give no text."""
    kind = detect_type(data, filename)
    out = _Builder()
    reader = _READERS.get(kind)
    if reader is None:
        return out.result()
    try:
        reader(data, out)
    except ExtractionError:
        raise
    except Exception as exc:  # a damaged file may raise anything from the parsing library
        raise ExtractionError(f"无法读取附件“{filename}”的内容：文件已损坏或已加密。") from exc
    return out.result()
