"""Where the reports of one file begin: a page that collects several reports ("…(精选10篇)", "篇1" …
"篇10"; "篇一:" …) or prints several titles one after another holds several reports; a title repeated
within a few lines (the page title, then the article's) is one report. What comes before the first
report (site navigation, the title of some other page) is left out.

Pure Python: no Django import.
"""

import re
from dataclasses import dataclass

from gongkai.reports.checker.meta import TITLE

_PIECE = re.compile(r"(?:^|[\s:：])篇\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[:：]?$")
SAME_TITLE_WITHIN = 6  # lines: a title again this soon is the same report


@dataclass(frozen=True)
class Segment:
    first: int  # line index
    last: int  # exclusive
    marker: str  # the line that began it ("" for a file that is one report)
    piece: bool = False  # begun by a collection's "篇N" line
    shared_title: bool = False  # its "篇N" line repeats a title other pieces have too: the page's, not its own


def _is_title_line(line: str) -> bool:
    match = TITLE.search(line)
    return match is not None and len(line) <= 60 and match.end() >= len(line) - 12  # noqa: PLR2004 (a title, not a mention)


def _with_agency_line(lines: list[str], start: int) -> int:
    """A title printed over two lines ("淮安市人民政府" / "2024年政府信息公开工作年度报告") starts at the
    agency's line."""
    match = TITLE.search(lines[start])
    if match and not match.group("pre").strip() and not match.group("mid").strip() and start > 0:
        above = lines[start - 1]
        if len(above) <= 30 and re.search(r"[\u4e00-\u9fff]{2,}", above) and not TITLE.search(above):  # noqa: PLR2004
            return start - 1
    return start


def segments(lines: list[str]) -> list[Segment]:
    pieces = [i for i, line in enumerate(lines) if len(line) <= 60 and _PIECE.search(line)]  # noqa: PLR2004
    if len(pieces) >= 2:  # noqa: PLR2004 (a collection: "篇1" … "篇N")
        starts = pieces
    else:
        starts = []
        for i, line in enumerate(lines):
            if _is_title_line(line) and (not starts or i - starts[-1] > SAME_TITLE_WITHIN):
                starts.append(i)
    if not starts:
        return [Segment(0, len(lines), "")]
    piece = starts is pieces
    titles = [_PIECE.sub("", lines[i]).strip() for i in starts] if piece else []
    if not piece:
        starts = [_with_agency_line(lines, i) for i in starts]
    found = [
        Segment(
            start,
            starts[n + 1] if n + 1 < len(starts) else len(lines),
            lines[start],
            piece=piece,
            shared_title=piece and titles.count(titles[n]) > 1,
        )
        for n, start in enumerate(starts)
    ]
    return [s for s in found if s.last - s.first > 1] or [Segment(0, len(lines), "")]
