"""What a report says about itself: its title (agency and year), the day it was published, and where its
sections begin.

Titles come in several orders ("牡丹江市教育局 2019年政府信息公开工作年度报告", "2017年湘桥区教育局
政府信息公开年报", a title over two lines, a title with no agency whose agency the preamble names); the
publication day is the date beside 发布/日期 near the top, or the date under the signature at the end,
never a day of the statistics period ("自2024年1月1日起至2024年12月31日止").

Pure Python: no Django import.
"""

import datetime as dt
import re
from dataclasses import dataclass

from gongkai.rules.report_tables import SECTION_NUMBERS

_YEAR = r"(?:19|20)\d{2}"
TITLE = re.compile(
    rf"(?P<pre>[^\s。;；,，:：]{{0,40}}?)\s*(?P<year>{_YEAR})\s*年度?\s*(?P<mid>[^\s。;；,，]{{0,30}}?)\s*"
    r"政府信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)"
)
_LEADING_NOISE = re.compile(r"^[\s•·\-—*&#>《<“\"'【\[(（]+|[\s》>”\"'】\])）]+$")
_NOT_AGENCY = re.compile(
    r"^(?:关于|编制|特编制|形成|发布|公布|转发|下面是|现将|现就|以下|根据|本(?:报告|局|机关|单位|年度?)|对|我|在|将)"
)


def clean_agency(text: str) -> str | None:
    name = _LEADING_NOISE.sub("", text.strip())
    name = re.sub(r"[(（][^)）]*[)）]$", "", name).strip()  # "(精选10篇)" and the like
    if len(name) < 2 or _NOT_AGENCY.match(name) or not re.search(r"[\u4e00-\u9fff]", name):  # noqa: PLR2004
        return None
    return name


@dataclass(frozen=True)
class Title:
    agency: str | None
    year: int
    line: int  # index of the line it was found on


def find_title(lines: list[str], *, within: int = 12) -> Title | None:
    """The report's own title among its first lines; a title printed over two lines takes its agency
    from the line above ("淮安市人民政府" / "2024 年政府信息公开工作年度报告")."""
    for i in range(min(within, len(lines))):
        text = lines[i]
        match = TITLE.search(text)
        if not match or not is_title(text, match):
            continue
        agency = clean_agency(match.group("pre")) or clean_agency(match.group("mid"))
        if agency is None and i > 0 and agency_line(lines[i - 1]):
            return Title(clean_agency(lines[i - 1]), int(match.group("year")), i - 1)
        return Title(agency, int(match.group("year")), i)
    return None


def agency_line(text: str) -> bool:
    """A short line that names an agency (the first line of a two-line title)."""
    return (
        2 <= len(text) <= 30  # noqa: PLR2004
        and bool(re.search(r"[\u4e00-\u9fff]{2,}", text))
        and not TITLE.search(text)
        and not re.search(r"报告|年报|[。，,:：]", text)
        and clean_agency(text) is not None
    )


def is_title(text: str, match: re.Match[str]) -> bool:
    """A title line (short, the title reaching its end), or a paragraph that opens with the title
    ("XX镇2011年度政府信息公开工作年度报告根据…"); not a sentence that mentions a report."""
    if len(text) <= 60 and match.end() >= len(text) - 12:  # noqa: PLR2004
        return True
    return match.start() == 0 and clean_agency(match.group("pre")) is not None


def named_in_text(lines: list[str], year: int | None) -> str | None:
    """An agency naming its own report in the preamble: "编制《青原区发改委2010年度政府信息公开…报告》"."""
    for line in lines[:40]:
        for match in TITLE.finditer(line):
            if year is None or int(match.group("year")) == year:
                agency = clean_agency(re.split(r"[《“]", match.group("pre"))[-1])
                if agency:
                    return agency
    return None


_PERIOD_YEAR = re.compile(rf"(?:自|从)?\s*({_YEAR})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|-|—)")
_YEAR_IN_TEXT = re.compile(rf"({_YEAR})\s*年度?")


def year_from_text(lines: list[str]) -> int | None:
    """The statistics period's year, else the year the first paragraphs speak of most."""
    text = "\n".join(lines[:60])
    period = _PERIOD_YEAR.search(text)
    if period:
        return int(period.group(1))
    years = [int(y) for y in _YEAR_IN_TEXT.findall(text) if 2000 <= int(y) <= 2100]  # noqa: PLR2004
    if not years:
        return None
    return max(set(years), key=lambda y: (years.count(y), -years.index(y)))


_DATE = re.compile(rf"({_YEAR})\s*[年\-/.]\s*(\d{{1,2}})\s*[月\-/.]\s*(\d{{1,2}})\s*日?")
_LABELLED_DATE = re.compile(r"(?:发布|日期|时间|发文)")
_PERIOD_CONTEXT = re.compile(r"(?:自|从|至|到|截至|期间|统计|-|—|~)\s*$")


def _date(match: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def published_date(lines: list[str], year: int | None) -> dt.date | None:
    """The day the report was published (None when it does not say)."""

    def acceptable(day: dt.date | None) -> bool:
        return day is not None and (year is None or dt.date(year, 1, 1) <= day <= dt.date(year + 3, 12, 31))

    for line in lines[:8]:
        for match in _DATE.finditer(line):
            before = line[: match.start()]
            if _PERIOD_CONTEXT.search(before) or re.match(r"\s*(?:起|至|止|到|-+|—+|~)", line[match.end() :]):
                continue
            standalone = len(line) <= 40  # noqa: PLR2004 (a date line or a labelled header line)
            if (standalone or _LABELLED_DATE.search(before)) and acceptable(_date(match)):
                return _date(match)
    for line in reversed(lines[-6:]):  # the signature: agency, then the date
        signed = _DATE.fullmatch(line.strip())
        if signed and acceptable(_date(signed)):
            return _date(signed)
    return None


# --- sections ------------------------------------------------------------------------------------------

HEADING = re.compile(r"^\s*([一二三四五六七八九十]{1,2})\s*[、.]\s*(\S.{0,40})$")
SECTION_WORDS: dict[str, re.Pattern[str]] = {
    "一": re.compile(r"总体情况|概述|概况|总体"),
    "二": re.compile(r"主动公开"),
    "三": re.compile(r"收到和处理|依申请"),
    "四": re.compile(r"复议|诉讼"),
    "五": re.compile(r"问题|改进"),
    "六": re.compile(r"其他需要报告|其他事项|需要报告"),
}


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    start: int  # the heading's line
    end: int  # the line after the section's last


def sections(lines: list[str]) -> dict[str, Section]:
    """The six national sections in order (a table row such as "四、结转下年度继续办理" is not one)."""
    heads: list[tuple[str, str, int]] = []
    wanted = 0
    for i, line in enumerate(lines):
        match = HEADING.match(line)
        if not match or wanted >= len(SECTION_NUMBERS):
            continue
        number = match.group(1)
        if number not in SECTION_NUMBERS or SECTION_NUMBERS.index(number) < wanted:
            continue
        if SECTION_WORDS[number].search(match.group(2)):
            heads.append((number, match.group(2).strip(), i))
            wanted = SECTION_NUMBERS.index(number) + 1
    found = {}
    for position, (number, title, start) in enumerate(heads):
        end = heads[position + 1][2] if position + 1 < len(heads) else len(lines)
        found[number] = Section(number, title, start, end)
    return found
