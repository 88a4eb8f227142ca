"""The three tables of a national-format report read from a region of text: each row found by its label
(the words that tell it from every other row, typing slips tolerated) and given the numbers between its
label and the next row's; a row whose numbers do not fit is left blank and reported, never guessed.

When the labels are too garbled to find but the region holds exactly the numbers the table has, the
numbers are placed in the printed order (the form's rows never change order).

Pure Python: no Django import.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.reports.checker.text import Token
from gongkai.rules.outcomes import COLUMN_COUNT
from gongkai.rules.report_tables import TABLE2_2019, TABLE2_2021, TABLE4_GROUPS, Path, Table2Block

Cell = Decimal | None  # None: a blank table cell


@dataclass(frozen=True)
class RowKey:
    name: str  # the row as a message names it
    pattern: re.Pattern[str]
    paths: tuple[Path, ...]  # one per number of the row, in order
    optional: bool = False  # group labels: numbers are their printed totals, when there are any
    repeatable: bool = False  # rows with printed sub-items (2019 其他对外管理服务事项): columns summed


@dataclass
class Found:
    values: dict[Path, Cell] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # Chinese, one per row that could not be placed
    blanks: int = 0  # blank cells read as 0
    rows_found: int = 0
    group_totals: dict[str, list[Cell]] = field(default_factory=dict)


def _k(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _row7(*path: str) -> tuple[Path, ...]:
    return tuple((*path, i) for i in range(COLUMN_COUNT))


def _table3_keys(*, detailed_other: bool) -> list[RowKey]:
    a = "applications"
    keys = [
        RowKey("一、本年新收政府信息公开申请数量", _k(r"本年新收|新收政府信息公开申请"), _row7(a, "new")),
        RowKey("二、上年结转政府信息公开申请数量", _k(r"上年结转"), _row7(a, "carried_over_from_last_year")),
        RowKey("（一）予以公开", _k(r"予以公开"), _row7(a, "granted")),
        RowKey("（二）部分公开", _k(r"部分公开"), _row7(a, "partially_granted")),
        RowKey("（三）不予公开", _k(r"不予公开"), _row7(a, "group_totals", "refused"), optional=True),
        RowKey("1.属于国家秘密", _k(r"国家秘"), _row7(a, "refused", "state_secret")),
        RowKey("2.其他法律行政法规禁止公开", _k(r"其他法律|法规禁止"), _row7(a, "refused", "prohibited_by_law")),
        RowKey("3.危及“三安全一稳定”", _k(r"三安全|一稳定"), _row7(a, "refused", "three_safeties_one_stability")),
        RowKey("4.保护第三方合法权益", _k(r"第三方"), _row7(a, "refused", "third_party_rights")),
        RowKey("5.属于三类内部事务信息", _k(r"内部事务|三类内部"), _row7(a, "refused", "internal_affairs")),
        RowKey("6.属于四类过程性信息", _k(r"过程性|四类过程"), _row7(a, "refused", "process_info")),
        RowKey("7.属于行政执法案卷", _k(r"执法案卷|行政执法"), _row7(a, "refused", "enforcement_files")),
        RowKey("8.属于行政查询事项", _k(r"行政查询"), _row7(a, "refused", "administrative_query")),
        RowKey("（四）无法提供", _k(r"无法提供"), _row7(a, "group_totals", "unable_to_provide"), optional=True),
        RowKey("1.本机关不掌握相关政府信息", _k(r"不掌握"), _row7(a, "unable_to_provide", "not_held")),
        RowKey("2.没有现成信息需要另行制作", _k(r"另行制作|现成信息"), _row7(a, "unable_to_provide", "needs_creation")),
        RowKey(
            "3.补正后申请内容仍不明确",
            _k(r"仍不明确|补正后"),
            _row7(a, "unable_to_provide", "unclear_after_correction"),
        ),
        RowKey("（五）不予处理", _k(r"不予处理"), _row7(a, "group_totals", "not_processed"), optional=True),
        RowKey("1.信访举报投诉类申请", _k(r"信访|举报投诉"), _row7(a, "not_processed", "petition_complaint")),
        RowKey("2.重复申请", _k(r"重复申请"), _row7(a, "not_processed", "repeated")),
        RowKey("3.要求提供公开出版物", _k(r"出版物|要求提供"), _row7(a, "not_processed", "publications")),
        RowKey("4.无正当理由大量反复申请", _k(r"大量反复|无正当理由大"), _row7(a, "not_processed", "excessive")),
        RowKey(
            "5.要求行政机关确认或重新出具已获取信息",
            _k(r"要求行政机关|重新出具|确认或"),
            _row7(a, "not_processed", "confirmation_request"),
        ),
    ]
    if detailed_other:
        keys += [
            RowKey("（六）其他处理", _k(r"其他处理"), _row7(a, "group_totals", "other"), optional=True),
            RowKey(
                "1.申请人无正当理由逾期不补正…",
                _k(r"申请人无正当|逾期不补|不补正"),
                _row7(a, "other", "overdue_correction"),
            ),
            RowKey(
                "2.申请人逾期未按收费通知要求缴纳费用…",
                _k(r"申请人逾期|收费通知|缴纳费用"),
                _row7(a, "other", "fee_not_paid"),
            ),
            RowKey("3.其他", _k(r"(?<!\d)3[.、]其他|^其他$"), _row7(a, "other", "other")),
        ]
    else:
        keys.append(RowKey("（六）其他处理", _k(r"其他处理"), _row7(a, "other", "other")))
    keys += [
        RowKey("（七）总计", _k(r"总计"), _row7(a, "total_handled")),
        RowKey("四、结转下年度继续办理", _k(r"结转下年度|下年度继续"), _row7(a, "carried_to_next_year")),
    ]
    return keys


TABLE3_2021_KEYS = _table3_keys(detailed_other=True)
TABLE3_2019_KEYS = _table3_keys(detailed_other=False)
OTHER_SINGLE_ROW: Path = ("applications", "other", "other_processing_single_row")

_TABLE2_PATTERNS = {
    "规章": r"规章",
    "行政规范性文件": r"规范性文件",
    "规范性文件": r"规范性文件",
    "行政许可": r"行政许可",
    "其他对外管理服务事项": r"对外管理服务",
    "行政处罚": r"行政处罚",
    "行政强制": r"行政强制",
    "行政事业性收费": r"事业性收费",
    "政府集中采购": r"集中采购",
}


def _table2_keys(blocks: Sequence[Table2Block]) -> list[RowKey]:
    return [
        RowKey(row.label, _k(_TABLE2_PATTERNS[row.label]), row.paths, repeatable=row.label == "其他对外管理服务事项")
        for block in blocks
        for row in block.rows
    ]


TABLE2_2021_KEYS = _table2_keys(TABLE2_2021)
TABLE2_2019_KEYS = _table2_keys(TABLE2_2019)


# --- finding rows ------------------------------------------------------------------------------------------


def _anchors(tokens: list[Token], keys: list[RowKey]) -> list[int | None]:
    """The token index of each row's label, searched in the printed order. A label may be broken by its
    own numbers ("5.要求行政机关确认或重新出" 1 0 0 … "具已获取信息"): a key found across the break,
    starting before it, anchors the row at the label's first part."""
    texts = [j for j, t in enumerate(tokens) if t.kind == "text"]
    following = {j: (tokens[texts[n + 1]].text if n + 1 < len(texts) else "") for n, j in enumerate(texts)}
    found: list[int | None] = []
    position, offset = 0, 0
    for key in keys:
        hit = None
        for j in texts:
            if j < position:
                continue
            text = tokens[j].text
            match = key.pattern.search(text + following[j], offset if j == position else 0)
            if match and match.start() < len(text):
                hit = j
                position, offset = j, min(match.end(), len(text))
                break
        found.append(hit)
    return found


def _numbers(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.kind in {"num", "zero", "blank"}]


def _value(token: Token, found: Found) -> Cell:
    if token.kind == "blank":
        found.blanks += 1
        return Decimal(0)
    return token.value


def _describe(tokens: Sequence[Token]) -> str:
    return " ".join(t.text for t in tokens[:20]) + (" …" if len(tokens) > 20 else "")  # noqa: PLR2004


def _group_split(tokens: list[Token], numbers: list[Token], groups: list[RowKey], width: int) -> str | None:
    """When a row's numbers are twice its width with a group label between the halves, the group whose
    printed totals the second half is."""
    if len(numbers) != 2 * width:
        return None
    between = [t for t in tokens if numbers[width - 1].line <= t.line <= numbers[width].line and t.kind == "text"]
    for group in groups:
        if any(group.pattern.search(t.text) for t in between):
            return str(group.paths[0][2])
    return None


def _place(found: Found, key: RowKey, numbers: list[Token], table: str) -> None:
    width = len(key.paths)
    if len(numbers) == width:
        for path, token in zip(key.paths, numbers, strict=True):
            found.values[path] = _value(token, found)
    elif key.repeatable and numbers and len(numbers) % width == 0:
        for column, path in enumerate(key.paths):
            found.values[path] = sum((_value(t, found) or Decimal(0) for t in numbers[column::width]), Decimal(0))
        found.problems.append(f"表{table}“{key.name}”列出{len(numbers) // width}个子项，已按子项合计。")
    else:
        found.problems.append(
            f"表{table}“{key.name}”行找到{len(numbers)}个数字（应为{width}个）"
            + (f"：{_describe(numbers)}" if numbers else "")
            + "，未采用。"
        )


def read_rows(tokens: list[Token], keys: list[RowKey], table: str) -> Found:
    """Every row's numbers: those between its label and the next row's label found. Group labels
    ((三)不予公开 …) are not searched in sequence — reports print them beside, before or after their first
    sub-row — but numbers printed after one are its group totals."""
    found = Found()
    rows = [k for k in keys if not k.optional]
    groups = [k for k in keys if k.optional]
    anchors = _anchors(tokens, rows)
    for index, (key, anchor) in enumerate(zip(rows, anchors, strict=True)):
        if anchor is None:
            found.problems.append(f"表{table}未找到“{key.name}”行。")
            continue
        found.rows_found += 1
        following = next((a for a in anchors[index + 1 :] if a is not None), len(tokens))
        numbers = _numbers(tokens[anchor + 1 : following])
        width = len(key.paths)
        group = _group_split(tokens[anchor + 1 : following], numbers, groups, width)
        if group is not None:
            found.group_totals[group] = [_value(t, found) for t in numbers[width:]]
            numbers = numbers[:width]
        _place(found, key, numbers, table)
    return found


def in_printed_order(tokens: list[Token], keys: list[RowKey], table: str) -> Found | None:
    """When labels fail: the region's numbers in the form's order, if there are exactly as many."""
    numbers = _numbers(tokens)
    rows = [k for k in keys if not k.optional]
    if not numbers or len(numbers) != sum(len(k.paths) for k in rows):
        return None
    found = Found(rows_found=len(rows))
    position = 0
    for key in rows:
        for path in key.paths:
            found.values[path] = _value(numbers[position], found)
            position += 1
    found.problems.append(f"表{table}的行标题未能逐行识别，已按统一格式的行序读取{len(numbers)}个数字，请核对。")
    return found


def read_table3(tokens: list[Token], *, detailed_other: bool) -> Found:
    """Table 三 in the 2021 layout (three （六） sub-rows) or the 2019 one; a 2021 report that printed
    （六）其他处理 as one row keeps that row as printed (``other.other_processing_single_row``)."""
    keys = TABLE3_2021_KEYS if detailed_other else TABLE3_2019_KEYS
    found = read_rows(tokens, keys, "三")
    if detailed_other and not any(p[:2] == ("applications", "other") for p in found.values):
        single = read_rows(tokens, TABLE3_2019_KEYS, "三")
        other = {p: v for p, v in single.values.items() if p[:2] == ("applications", "other")}
        if other:
            single.values = {p: v for p, v in single.values.items() if p not in other}
            single.values.update({(*OTHER_SINGLE_ROW, p[3]): v for p, v in other.items()})
            single.problems.append("表三“（六）其他处理”只有一行，没有按2021年格式分列三个子项。")
            found, keys = single, TABLE3_2019_KEYS
    expected = sum(len(k.paths) for k in keys if not k.optional)
    if len(found.values) < expected:
        fallback = in_printed_order(tokens, keys, "三")
        if fallback is not None:
            return fallback
    return found


def read_table2(tokens: list[Token], *, fmt_2019: bool) -> Found:
    return read_rows(tokens, TABLE2_2019_KEYS if fmt_2019 else TABLE2_2021_KEYS, "二")


def read_table4(tokens: list[Token]) -> Found:
    """Table 四 has no row labels of its own: its 15 numbers in the printed order."""
    found = Found()
    numbers = _numbers(tokens)
    width = 5
    if len(numbers) == width * len(TABLE4_GROUPS):
        found.rows_found = len(TABLE4_GROUPS)
        for position, token in enumerate(numbers):
            group = TABLE4_GROUPS[position // width]
            found.values[("review_litigation", group.key, position % width)] = _value(token, found)
    elif numbers:
        found.problems.append(f"表四找到{len(numbers)}个数字（应为15个）：{_describe(numbers)}，未采用。")
    return found
