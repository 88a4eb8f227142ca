"""PURE: the one tokenizer of search — documents and queries — that makes recall equal substring matching.

Text is normalised (NFKC: full-width letters and digits become ASCII; lower case), then cut into
*runs*: maximal sequences of letters and digits of any script (Chinese characters, Latin words,
numbers); everything else (spaces, punctuation such as 〔〕《》，。) only separates runs.

A document column becomes one token per character position: the character with the next one in its
run (an overlapping bigram), or the character alone at the end of its run. ``学区划分`` →
``学区 区划 划分 分``; ``教基〔2025〕3号`` → ``教基 基 20 02 25 5 3号 号``. Tokens never cross runs.

A query is cut into *segments* at whitespace; a document matches when it contains every segment. A
segment of runs ``r1 … rk`` (punctuation between them in the query) matches wherever ``r1`` ends a
run, ``r2 … rk-1`` are whole runs and ``rk`` starts a run, one after the other — i.e. wherever the
segment occurs as a substring, with any punctuation between the runs. As tokens: the bigrams of each
run at consecutive positions; each run but the last also ends in its closing single character; a last
run of one character is a prefix token (it may go on in the document). So a one-character query is
``字*`` and ``区划`` finds ``学区划分`` although word segmentation cuts it into 学区 / 划分.

Every matching document is found (recall equals a substring scan of the normalised text), and every
document found contains each segment (precision too, up to the kind of punctuation between runs).
No Django import; ``mypy --strict``.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

RUN = re.compile(r"[^\W_]+")  # letters and digits of every script: str.isalnum()
MAX_QUERY_CHARS = 100
MAX_SEGMENTS = 8


class QueryError(ValueError):
    """A query that cannot be searched; the message is shown to the public."""


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def runs(text: str) -> list[str]:
    """The runs of letters and digits of normalised ``text``."""
    return RUN.findall(normalize(text))


def document_tokens(text: str) -> list[str]:
    """One token per character position of every run (see the module text)."""
    out: list[str] = []
    for run in runs(text):
        out.extend([run[i : i + 2] for i in range(len(run) - 1)])
        out.append(run[-1])
    return out


def document_field(*texts: str) -> str:
    """The tokens of ``texts`` as one space-separated string (what the index stores for a column)."""
    return " ".join(token for text in texts if text for token in document_tokens(text))


def match_text(*texts: str) -> str:
    """The runs of ``texts`` joined by single spaces: a segment occurs in a document exactly when
    ``Segment.text`` is a substring of this (what the PostgreSQL backend verifies against)."""
    return " ".join(run for text in texts if text for run in runs(text))


@dataclass(frozen=True)
class Token:
    text: str
    prefix: bool = False  # the document's token only starts with ``text``


@dataclass(frozen=True)
class Segment:
    """Whitespace-free part of a query: runs that must follow one another in a document."""

    runs: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.runs)

    def tokens(self) -> tuple[Token, ...]:
        out: list[Token] = []
        last = len(self.runs) - 1
        for j, run in enumerate(self.runs):
            out.extend(Token(run[i : i + 2]) for i in range(len(run) - 1))
            if j < last:
                out.append(Token(run[-1]))
            elif len(run) == 1:
                out.append(Token(run, prefix=True))
        return tuple(out)


@dataclass(frozen=True)
class Query:
    text: str  # as typed, stripped
    segments: tuple[Segment, ...]

    @property
    def phrase(self) -> Segment:
        """All segments as one: the runs one after the other (the exact phrase, for ranking)."""
        return Segment(tuple(run for segment in self.segments for run in segment.runs))

    @property
    def terms(self) -> tuple[str, ...]:
        """The segments' runs, for highlighting."""
        return tuple(run for segment in self.segments for run in segment.runs)


def parse_query(text: str) -> Query:
    """The query's segments; ``QueryError`` with a Chinese message when there is nothing to search."""
    stripped = " ".join(text.split())
    if not stripped:
        raise QueryError("请输入检索词。")
    if len(stripped) > MAX_QUERY_CHARS:
        raise QueryError(f"检索词过长：最多 {MAX_QUERY_CHARS} 个字符。")
    segments: list[Segment] = []
    for part in stripped.split(" "):
        found = tuple(runs(part))
        if found and Segment(found) not in segments:
            segments.append(Segment(found))
    if not segments:
        raise QueryError("检索词中没有可检索的文字或数字。")
    if len(segments) > MAX_SEGMENTS:
        raise QueryError(f"检索词过多：最多 {MAX_SEGMENTS} 组，请用空格分隔。")
    return Query(stripped, tuple(segments))


def distinct_terms(texts: Iterable[str]) -> set[str]:
    """Every token and every single character of ``texts``: the PostgreSQL backend's lexemes (it
    matches without positions, so one-character queries look up the character itself)."""
    out: set[str] = set()
    for text in texts:
        for run in runs(text):
            out.update(run)
            out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out
