"""Figures a report states in its words (所有年度报告都有, and all that a report of 2008–2018 has): items
published, applications received and answered, enquiries, review and litigation cases, the fees
collected. The first statement of each counts; "为零", "未收到…申请", "未收取…信息处理费" state a zero.
Nothing is inferred: a figure the text does not state stays ``None``.

Pure Python: no Django import.
"""

import re
from collections.abc import Iterable

LABELS = {
    "proactive_items_total": "主动公开信息（条）",
    "applications_received": "收到信息公开申请（件）",
    "applications_answered": "答复申请（件）",
    "consultations": "咨询（件/次）",
    "review_cases": "行政复议（件）",
    "litigation_cases": "行政诉讼（件）",
    "fees_collected_yuan": "收取费用（元）",
}

_N = r"(\d[\d,]*)"
_S = r"[^。；;！!？?\n]"  # within one sentence

PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "proactive_items_total": (
        re.compile(rf"(?:主动公开|公开|发布){_S}{{0,25}}?信息(?:共计|共|累计|总计)?\s*{_N}\s*(?:余|多)?\s*(?:条|篇)"),
    ),
    "applications_received": (
        re.compile(
            rf"(?:收到|受理|接收|接到){_S}{{0,30}}?信息公开(?:的)?申请(?:共计|共|总计)?\s*{_N}\s*(?:件|条|份|宗|个)"
        ),
        re.compile(rf"(?:收到|受理){_S}{{0,10}}?申请(?:共计|共)?\s*{_N}\s*(?:件|条)"),
    ),
    "applications_answered": (re.compile(rf"(?:答复|办结|办理)(?:了|完毕)?\s*{_N}\s*件"),),
    "consultations": (re.compile(rf"咨询[^。；;！!？?\n,，]{{0,15}}?{_N}\s*(?:件|条|次|人次)"),),
    "review_cases": (re.compile(rf"行政复议(?:案件|申请)?(?:共|共计)?\s*{_N}\s*(?:件|起|宗)"),),
    "litigation_cases": (re.compile(rf"行政诉讼(?:案件)?(?:共|共计)?\s*{_N}\s*(?:件|起|宗)"),),
    "fees_collected_yuan": (
        re.compile(rf"信息处理费{_S}{{0,6}}?(\d+(?:\.\d+)?)\s*元"),
        re.compile(rf"收取{_S}{{0,12}}?费用?\s*(\d+(?:\.\d+)?)\s*元"),
    ),
}

ZEROS: dict[str, tuple[re.Pattern[str], ...]] = {
    "applications_received": (re.compile(rf"未(?:收到|受理|接到){_S}{{0,12}}?信息公开申请"),),
    "review_cases": (
        re.compile(rf"行政复议{_S}{{0,10}}?(?:为零|为0|零件|均为零)"),
        re.compile(rf"未(?:发生|收到|有){_S}{{0,25}}?行政复议"),
        re.compile(rf"无{_S}{{0,15}}?行政复议"),
    ),
    "litigation_cases": (
        re.compile(rf"行政诉讼{_S}{{0,10}}?(?:为零|为0|零件|均为零)"),
        re.compile(rf"未(?:发生|收到|有){_S}{{0,25}}?行政诉讼"),
        re.compile(rf"无{_S}{{0,15}}?行政诉讼"),
    ),
    "fees_collected_yuan": (
        re.compile(rf"未(?:收取|产生){_S}{{0,15}}?(?:信息处理费|费用|收费)"),
        re.compile(r"未(?:有)?涉及收费"),
    ),
}


def _int(text: str) -> int | float:
    value = float(text.replace(",", ""))
    return int(value) if value == int(value) else value


def prose_numbers(lines: Iterable[str]) -> dict[str, int | float | None]:
    """Lines are joined without breaks (Chinese wraps mid-word); the first statement of each figure."""
    text = "".join(lines)
    found: dict[str, int | float | None] = {}
    for key in LABELS:
        best: tuple[int, int | float] | None = None
        for pattern in PATTERNS.get(key, ()):
            match = pattern.search(text)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), _int(match.group(1)))
        for pattern in ZEROS.get(key, ()):
            match = pattern.search(text)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), 0)
        found[key] = best[1] if best is not None else None
    return found
