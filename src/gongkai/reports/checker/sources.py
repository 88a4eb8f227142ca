"""A report as found on a website — plain text, HTML, DOCX or the text layer of a PDF — read into one
list of blocks: paragraphs of text, and tables as rows of cell texts (HTML and DOCX tables are read as
tables: merged cells once, blank cells kept as blank).

Plain text arrives in UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or the
GB encodings older Chinese government sites still serve (GB2312/GBK are subsets of GB18030).

Pure Python: no Django import. Never raises on bad input: what cannot be read is read as text.
"""

import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser

MAX_CELLS = 20_000  # per table: a pathological rowspan cannot blow the grid up


@dataclass(frozen=True)
class Block:
    kind: str  # "text" or "table"
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Source:
    name: str
    kind: str  # text / html / docx / pdf
    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)  # what could not be read, in Chinese


# --- text --------------------------------------------------------------------------------------------

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace"), "gb18030（有无法识别的字节）"


def _text_blocks(text: str) -> list[Block]:
    return [Block("text", line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


# --- HTML --------------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header"}
    | {"footer", "tr", "title", "blockquote", "pre", "hr", "dd", "dt"}
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[tuple[str, int, int]]] = []  # (text, rowspan, colspan)
        self.cell: list[str] | None = None
        self.span = (1, 1)

    def grid(self) -> list[tuple[str, ...]]:
        """Rows of cell texts with each merged cell once (at its top-left), blanks as ""."""
        taken: set[tuple[int, int]] = set()
        out: list[tuple[str, ...]] = []
        cells = 0
        for r, row in enumerate(self.rows):
            col = 0
            line: list[str] = []
            for text, rowspan, colspan in row:
                while (r, col) in taken:
                    col += 1
                line.append(text)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        cells += 1
                        if cells > MAX_CELLS:
                            break
                        taken.add((r + dr, col + dc))
                col += colspan
            out.append(tuple(line))
        return out


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip() or 1), 500))
    except ValueError:
        return 1


class _HTMLReader(HTMLParser):
    """Paragraph text and tables in document order, from HTML as scraped (unclosed tags tolerated)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.tables: list[_Table] = []
        self.skip = 0

    def _flush(self) -> None:
        text = "".join(self.text).strip()
        if text:
            self.blocks.extend(_text_blocks(text))
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
            return
        if tag == "table":
            self._end_cell()
            if not self.tables:
                self._flush()
            self.tables.append(_Table())
        elif self.tables and tag == "tr":
            self._end_cell()
            self.tables[-1].rows.append([])
        elif self.tables and tag in {"td", "th"}:
            self._end_cell()
            table = self.tables[-1]
            if not table.rows:
                table.rows.append([])
            values = dict(attrs)
            table.cell = []
            table.span = (_span(values.get("rowspan")), _span(values.get("colspan")))
        elif tag in _BLOCK_TAGS:
            self._newline()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "hr"}:
            self._newline()

    def _newline(self) -> None:
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append("\n")
        else:
            self.text.append("\n")

    def _end_cell(self) -> None:
        if not self.tables:
            return
        table = self.tables[-1]
        if table.cell is not None:
            text = re.sub(r"\s+", " ", "".join(table.cell)).strip()
            table.rows[-1].append((text, *table.span))
            table.cell = None

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if not self.tables:
            if tag in _BLOCK_TAGS:
                self._newline()
            return
        if tag in {"td", "th"}:
            self._end_cell()
        elif tag == "table":
            self._end_cell()
            table = self.tables.pop()
            rows = tuple(r for r in table.grid() if any(c for c in r))
            if self.tables and self.tables[-1].cell is not None:  # a table inside a cell: its text joins it
                self.tables[-1].cell.append(" ".join(" ".join(r) for r in rows))
            elif rows:
                self._flush()
                self.blocks.append(Block("table", rows=rows))

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(data)
        elif self.tables:
            return  # text between cells
        else:
            self.text.append(data)

    def finish(self) -> list[Block]:
        while self.tables:
            self.handle_endtag("table")
        self._flush()
        return self.blocks


def read_html(text: str) -> list[Block]:
    reader = _HTMLReader()
    try:
        reader.feed(text)
        reader.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup: keep the text
        return _text_blocks(html.unescape(re.sub(r"<[^>]*>", "\n", text)))
    return reader.finish()


_HTML_HINT = re.compile(r"<\s*(?:html|body|table|p|div|br|td|span|tr|head|meta)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return len(_HTML_HINT.findall(text[:200_000])) >= 3  # noqa: PLR2004 (a few tags make a page)


# --- DOCX and PDF --------------------------------------------------------------------------------------


def read_docx(data: bytes) -> list[Block]:
    import docx  # noqa: PLC0415 - python-docx only for DOCX input
    from docx.table import Table  # noqa: PLC0415

    document = docx.Document(io.BytesIO(data))
    blocks: list[Block] = []
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            seen: dict[int, object] = {}  # the <w:tc> elements met, kept alive so that no id is reused
            rows = []
            for row in part.rows:
                cells = []
                for cell in row.cells:
                    element = cell._tc  # noqa: SLF001 - a merged cell is the same <w:tc> in every grid square
                    if id(element) in seen:
                        continue
                    seen[id(element)] = element
                    cells.append(re.sub(r"\s+", " ", cell.text).strip())
                if any(cells):
                    rows.append(tuple(cells))
            blocks.append(Block("table", rows=tuple(rows)))
        else:
            blocks.extend(_text_blocks(part.text))
    return blocks


def read_pdf(data: bytes) -> list[Block]:
    import pypdf  # noqa: PLC0415 - only for PDF input

    reader = pypdf.PdfReader(io.BytesIO(data))
    blocks: list[Block] = []
    for page in reader.pages:
        blocks.extend(_text_blocks(page.extract_text() or ""))
        blocks.append(Block("text", "\f"))  # the page break: page furniture is recognised around it
    return blocks


# --- any input -------------------------------------------------------------------------------------------


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def read_source(data: bytes, name: str = "") -> Source:
    """Read any of the supported inputs; what fails to read as DOCX or PDF is read as text, with a note."""
    notes: list[str] = []
    if data.startswith(b"%PDF"):
        try:
            return Source(name, "pdf", tuple(read_pdf(data)))
        except Exception as exc:  # noqa: BLE001 - a damaged PDF is reported, never a crash
            notes.append(f"PDF无法读取（{type(exc).__name__}），按文本读取。")
    elif _is_docx(data):
        try:
            return Source(name, "docx", tuple(read_docx(data)))
        except Exception as exc:  # noqa: BLE001 - a damaged DOCX is reported, never a crash
            notes.append(f"DOCX无法读取（{type(exc).__name__}），按文本读取。")
    text, encoding = decode(data)
    if encoding.startswith("gb18030") and "无法识别" in encoding:
        notes.append("文本编码无法完全识别，部分字符可能显示为乱码。")
    if looks_like_html(text):
        return Source(name, "html", tuple(read_html(text)), tuple(notes))
    return Source(name, "text", tuple(_text_blocks(text)), tuple(notes))
