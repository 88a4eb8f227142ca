"""Text as the checker reads it: lines normalised (full-width digits and punctuation, odd spaces), page
furniture dropped (page numbers like "- 3 -", "第3页"), and a region of lines turned into a stream of
label text and numbers.

In the stream, a label is the text between numbers with its spaces and line breaks removed (a label
broken over lines, or around its row's numbers as ``pdftotext -layout`` prints it, still reads as one);
a number is a cell value: ``3,119``, ``96171.6``, ``-2`` and ``+1`` (the 2019 form's 本年增/减);
"—", "－", "/" standing alone are zeros, as reports print them; a blank table cell is ``BLANK``. Row
numbering in labels ("1.属于国家秘密", "2、重复申请") is label text, never a number.

Pure Python: no Django import.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gongkai.reports.checker.sources import Block

BLANK = "∅"  # a blank cell of a table read as a table
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_DASHES = str.maketrans({"―": "—", "─": "—", "–": "—", "﹣": "-", "−": "-", "‐": "-", "‑": "-"})


def normalise(line: str) -> str:
    """NFKC (full-width digits, letters and punctuation to ASCII), dashes unified, spaces collapsed."""
    text = unicodedata.normalize("NFKC", line.translate(_ZERO_WIDTH)).translate(_DASHES)
    return re.sub(r"[ \t\u3000]+", " ", text).strip()


_FURNITURE = (
    re.compile(r"^[-—_]+\s*\d{1,3}\s*[-—_]+$"),  # - 3 -, — 3 —
    re.compile(r"^第\s*\d{1,3}\s*页(\s*[,/]?\s*共\s*\d{1,3}\s*页)?$"),  # 第3页 共6页
    re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$"),  # 3/6
    re.compile(r"^(扫一扫在手机打开当前页|返回顶部.*|【?打印(本页)?】?.*|关闭(本页|窗口)|字号[:：].*)$"),
)


def is_furniture(line: str) -> bool:
    return not line or "\f" in line or any(p.match(line) for p in _FURNITURE)


def table_line(cells: Iterable[str]) -> str:
    """One table row as a line: the cells in order, blank cells after the row's label as ``BLANK`` (a
    blank among the label cells — a sloppy colspan — is dropped)."""
    values = [normalise(c) for c in cells]
    last_label = max((i for i, v in enumerate(values) if v and not _NUMBERLIKE.fullmatch(v)), default=-1)
    out = [v or BLANK for i, v in enumerate(values) if v or i > last_label]
    return "  ".join(out)


def lines_of(blocks: Iterable[Block]) -> list[str]:
    """Every line of the source, normalised, furniture and empty lines left out."""
    lines: list[str] = []
    for block in blocks:
        if block.kind == "table":
            lines.extend(table_line(row) for row in block.rows)
        else:
            line = normalise(block.text)
            if not is_furniture(line):
                lines.append(line)
    return [line for line in lines if line]


# --- the stream of a table region ------------------------------------------------------------------------

_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBERLIKE = re.compile(rf"(?:{_NUMBER}|—+|-|/|{BLANK})")
_TOKEN = re.compile(
    rf"""
    (?P<index>(?<![\d.,])\d{{1,2}}[.、](?![\d\s]))   # row numbering: 1.属于… 2、重复…
  | (?P<num>(?<![\dA-Za-z.]){_NUMBER}(?![\d.]))
  | (?P<zero>(?<!\S)(?:—+|-|/)(?!\S))
  | (?P<blank>{BLANK})
  | (?P<char>\S)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str  # text / num / zero / blank
    text: str
    value: Decimal | None = None
    line: int = 0


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def stream(lines: list[str], first: int = 0) -> list[Token]:
    """Labels and numbers of ``lines`` in reading order (``first`` is the index of the first line)."""
    tokens: list[Token] = []
    label: list[str] = []
    label_line = first

    def flush() -> None:
        nonlocal label
        if label:
            tokens.append(Token("text", "".join(label), None, label_line))
            label = []

    for offset, line in enumerate(lines):
        for match in _TOKEN.finditer(line):
            kind = match.lastgroup or "char"
            value = match.group(0)
            if kind in {"index", "char"}:
                if not label:
                    label_line = first + offset
                label.append(value)
                continue
            flush()
            if kind == "num":
                number = _number(value)
                tokens.append(Token("num", value, number, first + offset))
            elif kind == "zero":
                tokens.append(Token("zero", value, Decimal(0), first + offset))
            else:
                tokens.append(Token("blank", value, None, first + offset))
    flush()
    return tokens


def squeeze(text: str) -> str:
    """A label compared without spaces and with ASCII brackets."""
    return re.sub(r"\s+", "", normalise(text))
