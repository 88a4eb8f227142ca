"""Detectors for content that must not be published unnoticed (Art. 17 confidentiality review, Art. 15
personal data): resident ID numbers, phone numbers, bank cards, email addresses, secrecy markings and
agency-listed sensitive terms. Pure Python.

Precision matters as much as recall: a reviewer flooded with false alarms stops reading them. So an
18-digit run is an ID only when its checksum, birth date and region are valid; a 16–19 digit run is a
bank card only when it passes the Luhn check; no number is taken from inside a longer run of digits
or letters (document numbers, index numbers, amounts and dates stay quiet).
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from stdnum import luhn
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumError


class FindingKind(StrEnum):
    ID_NUMBER = "id_number"
    BANK_CARD = "bank_card"
    MOBILE = "mobile"
    LANDLINE = "landline"
    EMAIL = "email"
    SECRECY_MARK = "secrecy_mark"
    SENSITIVE_TERM = "sensitive_term"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    FindingKind.ID_NUMBER: "居民身份证号码",
    FindingKind.BANK_CARD: "银行卡号",
    FindingKind.MOBILE: "手机号码",
    FindingKind.LANDLINE: "固定电话",
    FindingKind.EMAIL: "电子邮箱",
    FindingKind.SECRECY_MARK: "密级标志",
    FindingKind.SENSITIVE_TERM: "敏感词",
}

# Order of precedence when two findings overlap: the more specific kind wins.
_PRECEDENCE = {kind: rank for rank, kind in enumerate(FindingKind)}

_CONTEXT = 15


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    text: str
    start: int
    end: int
    context: str
    masked: str


def mask(text: str) -> str:
    """Keep the ends, hide the middle, same length: 110105********002X, 138****5678, z********@example.com.

    Separators (spaces, hyphens, brackets) stay, so a masked text lines up with the original.
    """
    if "@" in text:
        local, _, domain = text.partition("@")
        return local[:1] + "*" * (len(local) - 1) + "@" + domain
    positions = [i for i, c in enumerate(text) if c.isalnum()]
    if len(positions) <= 4:  # noqa: PLR2004
        return text
    head = 6 if len(positions) >= 15 else 3  # noqa: PLR2004
    tail = 4
    hidden = set(positions[head:-tail])
    return "".join("*" if i in hidden else c for i, c in enumerate(text))


_NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"
_ID = re.compile(_NOT_ALNUM_BEFORE + r"\d{17}[\dXx]" + _NOT_ALNUM_AFTER)
_CARD = re.compile(_NOT_ALNUM_BEFORE + r"\d{4}(?:[ -]?\d{4}){2,3}(?:[ -]?\d{1,3})?" + _NOT_ALNUM_AFTER)
_MOBILE = re.compile(r"(?<![0-9A-Za-z+])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}" + _NOT_ALNUM_AFTER)
_LANDLINE = re.compile(
    r"(?<![0-9A-Za-z])(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[- ])\s?[2-9]\d{6,7}(?:(?:转|-)\d{1,5})?" + _NOT_ALNUM_AFTER
)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])"
)

# Secrecy markings (《国家秘密标志》 style: 秘密★1年, 机密★, 绝密): a 密级 word followed by ★, or standing
# alone as a label; never the words inside running legal text such as 国家秘密/商业秘密/保守秘密.
_SECRET_WITH_STAR = re.compile(r"(绝密|机密|秘密)\s*★[^\s，。；]{0,8}")
_SECRET_LABEL = re.compile(r"(?:^|(?<=[\s【\[（(]))(绝密|机密|秘密)(?:级)?(?=$|[\s】\]）)])", re.MULTILINE)
_ALWAYS_MARKS = re.compile(r"内部资料|内部文件|内部传阅|不得外传|注意保存")
_INTERNAL_LABEL = re.compile(r"(?:^|(?<=[【\[（(]))\s*内部\s*(?=$|[】\]）)★])", re.MULTILINE)


def _normalise(text: str) -> str:
    """NFKC per character where it keeps the length (full-width digits and letters → ASCII)."""
    return "".join(n if len(n := unicodedata.normalize("NFKC", c)) == 1 else c for c in text)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit() or c in "Xx")


def _is_id(candidate: str) -> bool:
    try:
        ric.validate(candidate.upper())
    except (StdnumError, ValueError):
        return False
    return True


def _raw_findings(norm: str, terms: Iterable[str]) -> list[tuple[FindingKind, int, int]]:
    found: list[tuple[FindingKind, int, int]] = []
    found.extend((FindingKind.ID_NUMBER, m.start(), m.end()) for m in _ID.finditer(norm) if _is_id(m.group()))
    for m in _CARD.finditer(norm):
        digits = _digits(m.group())
        if 16 <= len(digits) <= 19 and luhn.is_valid(digits) and not _is_id(digits):  # noqa: PLR2004
            found.append((FindingKind.BANK_CARD, m.start(), m.end()))
    found.extend((FindingKind.MOBILE, m.start(), m.end()) for m in _MOBILE.finditer(norm))
    found.extend((FindingKind.LANDLINE, m.start(), m.end()) for m in _LANDLINE.finditer(norm))
    found.extend((FindingKind.EMAIL, m.start(), m.end()) for m in _EMAIL.finditer(norm))
    for pattern in (_SECRET_WITH_STAR, _SECRET_LABEL, _ALWAYS_MARKS, _INTERNAL_LABEL):
        for m in pattern.finditer(norm):
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            found.append((FindingKind.SECRECY_MARK, start, m.end()))
    lowered = norm.lower()
    for term in {t.strip().lower() for t in terms if t.strip()}:
        position = lowered.find(term)
        while position >= 0:
            found.append((FindingKind.SENSITIVE_TERM, position, position + len(term)))
            position = lowered.find(term, position + 1)
    return found


def _without_overlaps(found: list[tuple[FindingKind, int, int]]) -> list[tuple[FindingKind, int, int]]:
    """Among overlapping numbers/markings keep the most specific; sensitive terms are always kept."""
    kept: list[tuple[FindingKind, int, int]] = []
    for kind, start, end in sorted(found, key=lambda f: (_PRECEDENCE[f[0]], f[1], -f[2])):
        if kind != FindingKind.SENSITIVE_TERM and any(
            k != FindingKind.SENSITIVE_TERM and s < end and start < e for k, s, e in kept
        ):
            continue
        if (kind, start, end) not in kept:
            kept.append((kind, start, end))
    return sorted(kept, key=lambda f: (f[1], _PRECEDENCE[f[0]]))


_SHOWN_AS_IS = frozenset({FindingKind.SECRECY_MARK, FindingKind.SENSITIVE_TERM})


def screen_text(text: str, *, sensitive_terms: Iterable[str] = ()) -> list[Finding]:
    """Every finding in ``text``, sorted by position; offsets refer to ``text`` as given.

    ``masked`` and ``context`` never contain personal data in clear: every personal-data finding is
    masked in the context too, not only the one the context is about.
    """
    spans = _without_overlaps(_raw_findings(_normalise(text), sensitive_terms))
    masked_text = list(text)
    for kind, start, end in spans:
        if kind not in _SHOWN_AS_IS:
            masked_text[start:end] = mask(text[start:end])
    safe = "".join(masked_text)
    findings = []
    for kind, start, end in spans:
        context = " ".join(safe[max(0, start - _CONTEXT) : end + _CONTEXT].split())
        findings.append(Finding(kind, text[start:end], start, end, context, safe[start:end]))
    return findings
