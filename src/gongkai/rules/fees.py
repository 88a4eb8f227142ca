"""Information processing fees (信息处理费). Pure Python.

Source: 《条例》第四十二条 and 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）:

* 第三条: 信息处理费可以按件计收，也可以按量计收，均按照超额累进方式计算收费金额。行政机关对每件申请
  可以根据实际情况选择适用其中一种标准，但不得同时按照两种标准重复计算。
* 第四条 按件计收 (all decision types; a request with several items may be split by 一事一申请):
  同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；11—30件（含30件）的部分：100元/件；
  31件以上的部分：以10件为一档，每增加一档，收费标准提高100元/件。
* 第五条 按量计收 (paper, e-mail, copied electronic data): 30页以下（含30页）的，不收费；
  31—100页（含100页）的部分：10元/页；101—200页（含200页）的部分：20元/页；201页以上的部分：40元/页。

Fees are charged only when the volume or frequency of requests clearly exceeds a reasonable range
(《条例》第四十二条); whether to charge and which basis to use is the agency's decision, never the
system's. Amounts are whole yuan.
"""

from dataclasses import dataclass
from enum import StrEnum

MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
LEGAL_BASIS = f"《中华人民共和国政府信息公开条例》第四十二条、{MEASURES}"

# The applicant pays within 20 working days counted from the day after receiving the fee notice;
# otherwise the application is deemed abandoned (table 三（六）2 in the 2021 format).
PAYMENT_PERIOD_WORKDAYS = 20


class FeeBasis(StrEnum):
    PER_APPLICATION = "per_application"
    PER_VOLUME = "per_volume"

    @property
    def label(self) -> str:
        return "按件计收" if self is FeeBasis.PER_APPLICATION else "按量计收"

    @property
    def unit(self) -> str:
        return "件" if self is FeeBasis.PER_APPLICATION else "页"

    @property
    def legal_basis(self) -> str:
        article = "第四条" if self is FeeBasis.PER_APPLICATION else "第五条"
        return f"{MEASURES}{article}"


@dataclass(frozen=True)
class FeeBand:
    """A tier of the progressive scale: items ``first``..``last`` (``None`` = no upper end)."""

    first: int
    last: int | None
    unit_price: int  # yuan per application or per page

    def contains(self, n: int) -> bool:
        return n >= self.first and (self.last is None or n <= self.last)


PER_APPLICATION_FREE = 10
PER_APPLICATION_FIRST_PRICE = 100  # 11th–30th application
PER_APPLICATION_FIRST_BAND_END = 30
PER_APPLICATION_BAND_SIZE = 10  # from the 31st, each band of 10 …
PER_APPLICATION_STEP = 100  # … costs 100 yuan more per application than the one before

PER_VOLUME_BANDS: tuple[FeeBand, ...] = (
    FeeBand(1, 30, 0),
    FeeBand(31, 100, 10),
    FeeBand(101, 200, 20),
    FeeBand(201, None, 40),
)


def per_application_band(ordinal_in_month: int) -> FeeBand:
    """The tier of the ``ordinal_in_month``-th application of an applicant in a calendar month."""
    n = _positive(ordinal_in_month, "本月申请序号")
    if n <= PER_APPLICATION_FREE:
        return FeeBand(1, PER_APPLICATION_FREE, 0)
    if n <= PER_APPLICATION_FIRST_BAND_END:
        return FeeBand(PER_APPLICATION_FREE + 1, PER_APPLICATION_FIRST_BAND_END, PER_APPLICATION_FIRST_PRICE)
    step = (n - PER_APPLICATION_FIRST_BAND_END - 1) // PER_APPLICATION_BAND_SIZE
    first = PER_APPLICATION_FIRST_BAND_END + 1 + step * PER_APPLICATION_BAND_SIZE
    return FeeBand(
        first, first + PER_APPLICATION_BAND_SIZE - 1, PER_APPLICATION_FIRST_PRICE + (step + 1) * PER_APPLICATION_STEP
    )


def _per_application_bands_through(n: int) -> list[FeeBand]:
    bands = [per_application_band(1)]
    while bands[-1].last is not None and bands[-1].last < n:
        bands.append(per_application_band(bands[-1].last + 1))
    return bands


@dataclass(frozen=True)
class FeeLine:
    """One tier of a computation: ``count`` items of the tier at ``unit_price``."""

    band: FeeBand
    unit: str  # 件 or 页
    count: int
    unit_price: int
    subtotal: int

    @property
    def label(self) -> str:
        """The tier as the measures state it, e.g. 第11—30件, 第201页及以上."""
        if self.band.last is None:
            return f"第{self.band.first}{self.unit}及以上"
        return f"第{self.band.first}—{self.band.last}{self.unit}"


@dataclass(frozen=True)
class FeeComputation:
    """A fee with its tiers and an explanation staff can paste into the fee notice (收费通知)."""

    basis: FeeBasis
    quantity: int  # the ordinal of the application, the number of applications, or the pages
    amount: int  # yuan
    lines: tuple[FeeLine, ...]
    text: str
    legal_basis: str


def _positive(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what}应为正整数，收到：{value!r}")  # noqa: TRY004 (callers catch ValueError for any bad input)
    if value < 1:
        raise ValueError(f"{what}应为正整数（从1起算），收到：{value}")
    return value


def _price_phrase(line: FeeLine) -> str:
    if line.unit_price == 0:
        return f"{line.label}免费"
    return f"{line.label}每{line.unit}{line.unit_price}元"


def _amount_sentence(subject: str, amount: int) -> str:
    return f"{subject}收费{amount}元。" if amount else f"{subject}不收费。"


def fee_for_application(ordinal_in_month: int) -> int:
    """Yuan due for the ``ordinal_in_month``-th application of one applicant in one calendar month."""
    return per_application_band(ordinal_in_month).unit_price


def fee_per_application(ordinal_in_month: int) -> FeeComputation:
    """按件计收 for one application, the ``ordinal_in_month``-th of its applicant this month.

    按件计收：本月第35件申请。第1—10件免费；第11—30件每件100元；第31—40件每件200元。本件收费200元。
    """
    n = _positive(ordinal_in_month, "本月申请序号")
    band = per_application_band(n)
    basis = FeeBasis.PER_APPLICATION
    line = FeeLine(band, basis.unit, 1, band.unit_price, band.unit_price)
    scale = "；".join(
        _price_phrase(FeeLine(b, basis.unit, 0, b.unit_price, 0)) for b in _per_application_bands_through(n)
    )
    text = f"{basis.label}：本月第{n}件申请。{scale}。{_amount_sentence('本件', band.unit_price)}"
    return FeeComputation(basis, n, band.unit_price, (line,), text, basis.legal_basis)


def fees_for_month(count: int) -> FeeComputation:
    """按件计收 for all ``count`` applications of one applicant in one calendar month together."""
    n = _positive(count, "本月申请件数")
    basis = FeeBasis.PER_APPLICATION
    lines = []
    for band in _per_application_bands_through(n):
        last = n if band.last is None else min(band.last, n)
        items = last - band.first + 1
        lines.append(FeeLine(band, basis.unit, items, band.unit_price, items * band.unit_price))
    return _progressive(basis, n, f"本月共{n}件申请", lines)


def fee_per_volume(pages: int) -> FeeComputation:
    """按量计收 for ``pages`` pages (paper copies, e-mail, copied electronic data), progressive on the excess."""
    n = _positive(pages, "页数")
    basis = FeeBasis.PER_VOLUME
    lines = []
    for band in PER_VOLUME_BANDS:
        if band.first > n:
            break
        last = n if band.last is None else min(band.last, n)
        items = last - band.first + 1
        lines.append(FeeLine(band, basis.unit, items, band.unit_price, items * band.unit_price))
    return _progressive(basis, n, f"共{n}页", lines)


def _progressive(basis: FeeBasis, quantity: int, subject: str, lines: list[FeeLine]) -> FeeComputation:
    amount = sum(line.subtotal for line in lines)
    parts = []
    for line in lines:
        if line.unit_price == 0:
            parts.append(f"{_price_phrase(line)}（{line.count}{line.unit}）")
        else:
            parts.append(f"{_price_phrase(line)}，{line.count}{line.unit}计{line.subtotal}元")
    text = f"{basis.label}：{subject}。{'；'.join(parts)}。{_amount_sentence('合计', amount)}"
    return FeeComputation(basis, quantity, amount, tuple(lines), text, basis.legal_basis)


def validate_one_basis(per_application: bool, per_volume: bool) -> FeeBasis | None:  # noqa: FBT001 (two flags read naturally)
    """The basis chosen for one application, or ``None`` when no fee is charged.

    Both at once is refused: 第三条 forbids charging one application on both bases.
    """
    if per_application and per_volume:
        raise ValueError(
            f"同一申请只能选择一种计费方式（按件计收或按量计收），不得同时按照两种标准重复计算（{MEASURES}第三条）。"
        )
    if per_application:
        return FeeBasis.PER_APPLICATION
    if per_volume:
        return FeeBasis.PER_VOLUME
    return None
