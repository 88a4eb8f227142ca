"""学区查询: which rows of a school-district list cover an address. Pure Python.

A row names a road or residential area (道路或小区) and the house numbers it covers (门牌号范围):

    全部 · 1-99号 · 18号 · 单号1-99号 · 双号2-58号 · 1-99号单号 · 120号及以上 · 单号 · 1-99号、双号2-58号

``parse_ranges`` reads that cell (at import: a range it cannot read is an import error, so every stored
range can be matched). ``lookup`` takes what a parent typed (示范市东城区解放路18号, 解放路18-2号, 阳光花园)
and finds the rows whose road or area name occurs in it; when a house number follows the name, the rows
whose ranges contain it come first; without a number every row of that road is returned and the message
says so; a number no row covers returns the road's rows with a message saying the number is not covered.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

MAX_HOUSE_NUMBER = 99_999
MIN_NAME = 2  # a road name shorter than this is never matched inside a query

_WHOLE = frozenset({"全部", "全部门牌", "全段", "全线", "所有", "全部门牌号", "不限"})
_ODD_WORDS = ("单号", "单数", "奇数", "单")
_EVEN_WORDS = ("双号", "双数", "偶数", "双")
_SEPARATORS = re.compile(r"[、,;；/]+")
_DASH = r"[-~—–至到]"
_RANGE = re.compile(rf"(\d+)号?{_DASH}(\d+)号?")
_OPEN = re.compile(r"(\d+)号?(?:及以上|以上|及以后|以后|起|及以北|及以南|及以东|及以西)")
_BELOW = re.compile(r"(\d+)号?(?:及以下|以下)")
_SINGLE = re.compile(r"(\d+)号?")
_BRACKETS = str.maketrans("", "", "()（）【】[]")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千]+")
_HAN = r"[\u4e00-\u9fff]"
_ADMIN_PREFIX = re.compile(rf"^(?:{_HAN}{{2,7}}?(?:省|自治区))?(?:{_HAN}{{2,7}}?市)?(?:{_HAN}{{2,3}}[区县])?")


class Parity(StrEnum):
    ODD = "odd"
    EVEN = "even"


class RangeError(ValueError):
    """A 门牌号范围 cell that cannot be read; the message is Chinese and names the text."""


@dataclass(frozen=True)
class NumberRange:
    low: int
    high: int | None = None  # None: this number and above
    parity: Parity | None = None

    def contains(self, number: int) -> bool:
        if number < self.low or (self.high is not None and number > self.high):
            return False
        if self.parity == Parity.ODD:
            return number % 2 == 1
        if self.parity == Parity.EVEN:
            return number % 2 == 0
        return True

    def __str__(self) -> str:
        prefix = {Parity.ODD: "单号", Parity.EVEN: "双号", None: ""}[self.parity]
        if self.high is None:
            return f"{prefix}{self.low}号及以上"
        if self.high == self.low:
            return f"{self.low}号"
        return f"{prefix}{self.low}-{self.high}号"


@dataclass(frozen=True)
class Ranges:
    whole: bool = False
    parts: tuple[NumberRange, ...] = ()

    def contains(self, number: int) -> bool:
        return self.whole or any(part.contains(number) for part in self.parts)

    def __str__(self) -> str:
        return "全部" if self.whole else "、".join(map(str, self.parts))


def normalise(text: str) -> str:
    """Half-width, no spaces, lower case: how queries and names are compared."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _parity_of(part: str) -> tuple[Parity | None, str]:
    for words, parity in ((_ODD_WORDS, Parity.ODD), (_EVEN_WORDS, Parity.EVEN)):
        for word in words:
            if part.startswith(word):
                return parity, part.removeprefix(word)
            if part.endswith(word):
                return parity, part.removesuffix(word)
    return None, part


def _checked(number: str, shown: str) -> int:
    value = int(number)
    if not 1 <= value <= MAX_HOUSE_NUMBER:
        raise RangeError(f"门牌号范围“{shown}”中的门牌号{value}不合理（应为1至{MAX_HOUSE_NUMBER}）。")
    return value


def _parse_part(part: str, shown: str) -> NumberRange:
    parity, rest = _parity_of(part)
    rest = rest.removesuffix("门牌")
    if not rest:
        if parity is None:
            raise RangeError(f"无法识别门牌号范围“{shown}”。")
        return NumberRange(1 if parity == Parity.ODD else 2, None, parity)
    if match := _RANGE.fullmatch(rest):
        low, high = _checked(match[1], shown), _checked(match[2], shown)
        if low > high:
            raise RangeError(f"门牌号范围“{shown}”的起始号{low}大于终止号{high}。")
        return NumberRange(low, high, parity)
    if match := _OPEN.fullmatch(rest):
        return NumberRange(_checked(match[1], shown), None, parity)
    if match := _BELOW.fullmatch(rest):
        return NumberRange(1, _checked(match[1], shown), parity)
    if match := _SINGLE.fullmatch(rest):
        number = _checked(match[1], shown)
        if parity is not None:
            raise RangeError(f"门牌号范围“{shown}”写法有歧义：单个门牌号不需要注明单号或双号。")
        return NumberRange(number, number)
    raise RangeError(
        f"无法识别门牌号范围“{shown}”：可填写“全部”“1-99号”“单号1-99号”“双号2-58号”“120号及以上”，多段以顿号分隔。"
    )


def parse_ranges(text: str) -> Ranges:
    """Read a 门牌号范围 cell; raises ``RangeError`` with a Chinese message when it cannot."""
    compact = normalise(text).translate(_BRACKETS)
    if not compact:
        raise RangeError("门牌号范围不能为空（整条道路或整个小区请填写“全部”）。")
    if compact in _WHOLE:
        return Ranges(whole=True)
    parts = [p for p in _SEPARATORS.split(compact) if p]
    if any(p in _WHOLE for p in parts):
        raise RangeError(f"门牌号范围“{text.strip()}”中已有“全部”，不能再列其他范围。")
    return Ranges(parts=tuple(_parse_part(part, text.strip()) for part in parts))


def chinese_number(text: str) -> int | None:
    """十八 → 18, 一百零三 → 103, 二〇五 → 205; None when it is not a number we read."""
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    if not any(c in _CN_UNITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total, digit = 0, None
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[char]
            digit = None
    return total + (digit or 0)


def house_number_after(query: str, position: int) -> int | None:
    """The house number written right after a road name ending at ``position`` (18号, 18-2号, 第18号, 十八号)."""
    rest = query[position:].removeprefix("第")
    digits = re.match(r"\d+", rest)
    if digits:
        return int(digits.group())
    spoken = _CN_NUMBER.match(rest)
    if spoken and rest[spoken.end() : spoken.end() + 1] in {"号", "弄", "栋", "幢", ""}:
        return chinese_number(spoken.group())
    return None


def name_forms(name: str) -> tuple[str, ...]:
    """A row's road name as compared: as written, and without a leading 省/市/区 (示范市东城区解放路 → 解放路)."""
    full = normalise(name)
    short = _ADMIN_PREFIX.sub("", full, count=1)
    forms = [full]
    if short != full and len(short) > MIN_NAME:
        forms.append(short)
    return tuple(f for f in forms if len(f) >= MIN_NAME)


def road_key(name: str) -> str:
    """The form of a row's road name that a query must contain for ``lookup`` to name that road: the last
    of ``name_forms`` (the others contain it: the short form is the end of the full one); "" when the name
    is never matched. Stored per row (``DataRow.road_key``) so that the rows a query can name are found
    by an index (``query_keys``)."""
    forms = name_forms(name)
    return forms[-1] if forms else ""


def query_keys(query: str) -> set[str]:
    """Every road key ``query`` contains: its substrings of at least ``MIN_NAME`` characters, normalised as
    ``lookup`` compares them. A row can match by its road only when its ``road_key`` is one of them."""
    text = normalise(query)
    return {text[i:j] for i in range(len(text)) for j in range(i + MIN_NAME, len(text) + 1)}


class MatchKind(StrEnum):
    EXACT = "exact"  # the house number is in the row's ranges (or the row covers the whole road)
    ROAD = "road"  # no house number given: every row of the road
    OUTSIDE = "outside"  # a house number no row of the road covers: the road's rows, said clearly
    PARTIAL = "partial"  # the query is part of a road name (解放 → 解放路, 解放北路)

    @property
    def label(self) -> str:
        return _MATCH_LABELS[self]


_MATCH_LABELS = {
    MatchKind.EXACT: "门牌号在范围内",
    MatchKind.ROAD: "同一道路（未输入门牌号）",
    MatchKind.OUTSIDE: "同一道路（门牌号不在已公布范围内）",
    MatchKind.PARTIAL: "名称相近",
}
_RANK = {MatchKind.EXACT: 0, MatchKind.ROAD: 1, MatchKind.OUTSIDE: 1, MatchKind.PARTIAL: 2}


@dataclass(frozen=True)
class DistrictRow:
    """One row as the matcher needs it; ``key`` is the caller's identifier of the row."""

    key: int
    road: str
    numbers: str


@dataclass(frozen=True)
class Match:
    key: int
    kind: MatchKind


@dataclass(frozen=True)
class LookupResult:
    query: str
    matches: tuple[Match, ...]
    messages: tuple[str, ...]
    house_number: int | None = None

    @property
    def found(self) -> bool:
        return bool(self.matches)

    @property
    def exact(self) -> bool:
        return any(m.kind == MatchKind.EXACT for m in self.matches)

    @property
    def keys(self) -> tuple[int, ...]:
        return tuple(m.key for m in self.matches)


def _occurrences(query: str, form: str) -> list[tuple[int, int]]:
    spans, start = [], query.find(form)
    while start >= 0:
        spans.append((start, start + len(form)))
        start = query.find(form, start + 1)
    return spans


def _road_spans(query: str, rows: Sequence[DistrictRow]) -> dict[str, list[tuple[int, int]]]:
    """Road name (normalised, as written in the rows) → where it occurs in the query, longest names winning:
    a name found only inside a longer matched name (人民路 inside 新人民路) does not count."""
    found: dict[str, list[tuple[int, int]]] = {}
    for row in rows:
        road = normalise(row.road)
        if road in found:
            continue
        for form in name_forms(row.road):
            spans = _occurrences(query, form)
            if spans:
                found[road] = spans
                break
    kept: dict[str, list[tuple[int, int]]] = {}
    for road, spans in found.items():
        alone = [
            (s, e)
            for s, e in spans
            if not any(
                other != road and (os <= s and e <= oe) and (oe - os) > (e - s)
                for other, other_spans in found.items()
                for os, oe in other_spans
            )
        ]
        if alone:
            kept[road] = alone
    return kept


def _advice(contact: str) -> str:
    phone = f"，或拨打招生咨询电话{contact}" if contact else "，或咨询所在地教育局招生办"
    return f"请核对道路或小区名称是否与门牌一致（可只输入道路或小区名称，如“解放路”）{phone}。"


def _road_matches(
    text: str, road: str, road_spans: list[tuple[int, int]], rows: Sequence[DistrictRow], contact: str
) -> tuple[dict[int, MatchKind], str, int | None]:
    """The rows of one road named in the query, how they match, the message, the house number read."""
    road_rows = [r for r in rows if normalise(r.road) == road]
    shown = road_rows[0].road.strip()
    numbers = [n for _, end in road_spans if (n := house_number_after(text, end)) is not None]
    if not numbers:
        message = f"未输入门牌号：以下是“{shown}”的全部划片范围，请按门牌号核对。"
        return {row.key: MatchKind.ROAD for row in road_rows}, message, None
    number = numbers[0]
    covering = [r for r in road_rows if parse_ranges(r.numbers).contains(number)]
    if covering:
        return {row.key: MatchKind.EXACT for row in covering}, f"“{shown}{number}号”在以下划片范围内。", number
    message = f"“{shown}”已公布的门牌号范围不含{number}号，以下是该道路或小区的全部划片范围。{_advice(contact)}"
    return {row.key: MatchKind.OUTSIDE for row in road_rows}, message, number


def lookup(query: str, rows: Sequence[DistrictRow], *, contact: str = "") -> LookupResult:
    """The rows covering the address in ``query``, ranked: exact (number in range) first, then the road's
    other rows, then similar names; ``messages`` explain in Chinese what was found (or not and what to do)."""
    text = normalise(query)
    if not text:
        return LookupResult(query, (), ("请输入要查询的地址。",))
    matches: dict[int, MatchKind] = {}
    messages: list[str] = []
    number_seen: int | None = None
    for road, road_spans in _road_spans(text, rows).items():
        found, message, number = _road_matches(text, road, road_spans, rows, contact)
        for key, kind in found.items():
            if _RANK[kind] < _RANK[matches.get(key, MatchKind.PARTIAL)] or key not in matches:
                matches[key] = kind
        messages.append(message)
        number_seen = number_seen if number is None else number
    shown = query.strip()
    if not matches and len(text) >= MIN_NAME:
        matches = {row.key: MatchKind.PARTIAL for row in rows if text in normalise(row.road)}
        if matches:
            messages.append(f"未找到与“{shown}”完全一致的道路或小区，以下名称中包含“{shown}”。")
    if not matches:
        messages.append(f"未找到“{shown}”对应的学区。{_advice(contact)}")
    order = {row.key: index for index, row in enumerate(rows)}
    ranked = sorted(matches.items(), key=lambda kv: (_RANK[kv[1]], order[kv[0]]))
    return LookupResult(query, tuple(Match(key, kind) for key, kind in ranked), tuple(messages), number_seen)
