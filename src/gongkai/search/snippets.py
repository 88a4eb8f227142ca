"""PURE: highlighted titles and snippets, cut from the original text around what the query matched.

Matching is on normalised text (``search.tokens.normalize``), so ``ＡＢＣ``, ``2025`` in full-width
digits and upper case are marked too; the marks are placed on the original characters. Output is
HTML-escaped with ``<mark>`` around each match. No Django import; ``mypy --strict``.
"""

import html
import unicodedata
from collections.abc import Sequence

SNIPPET_CHARS = 120
MAX_MARKS = 50


def _normalised(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the index of the original one."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        lowered = text.lower()
        if len(lowered) == len(text):
            return lowered, list(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        norm = unicodedata.normalize("NFKC", ch).lower()
        out.append(norm)
        where.extend([i] * len(norm))
    return "".join(out), where


def spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Merged ``[start, end)`` spans of the original text where a term (normalised) occurs."""
    norm, where = _normalised(text)
    found: list[tuple[int, int]] = []
    for term in sorted(set(terms), key=len, reverse=True):
        start = norm.find(term)
        while start != -1 and len(found) < MAX_MARKS:
            found.append((where[start], where[start + len(term) - 1] + 1))
            start = norm.find(term, start + len(term))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, marks: list[tuple[int, int]], start: int, end: int) -> str:
    out, at = [], start
    for mark_start, mark_end in marks:
        if mark_end <= start or mark_start >= end:
            continue
        left, right = max(mark_start, start), min(mark_end, end)
        out.append(html.escape(text[at:left]))
        out.append(f"<mark>{html.escape(text[left:right])}</mark>")
        at = right
    out.append(html.escape(text[at:end]))
    return "".join(out)


def highlight(text: str, terms: Sequence[str]) -> str:
    """All of ``text`` (a title), escaped, with the terms marked."""
    return _marked(text, spans(text, terms), 0, len(text))


def snippet(text: str, terms: Sequence[str], size: int = SNIPPET_CHARS) -> str:
    """About ``size`` characters of ``text`` around its first match, line breaks as spaces, marked."""
    flat = " ".join(text.split())
    marks = spans(flat, terms)
    if not marks:
        return html.escape(flat[:size]) + ("…" if len(flat) > size else "")
    first = marks[0][0]
    start = max(0, min(first - size // 4, len(flat) - size))
    end = min(len(flat), start + size)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    return prefix + _marked(flat, marks, start, end) + suffix
