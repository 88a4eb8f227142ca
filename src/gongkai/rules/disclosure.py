"""Disclosure attributes and their legal grounds (《政府信息公开条例》 Arts. 13–16).

Each withholding ground maps to its article and to the 不予公开 row of table 三 of the annual
report that the same ground fills when an application is refused on it.
"""

from dataclasses import dataclass
from enum import StrEnum


class DisclosureAttribute(StrEnum):
    PROACTIVE = "proactive"  # 主动公开 (Art. 13, 19–20)
    ON_REQUEST = "on_request"  # 依申请公开 (Art. 13, 27)
    WITHHELD = "withheld"  # 不予公开 (Arts. 14–16)

    @property
    def label(self) -> str:
        return _ATTRIBUTE_LABELS[self]


_ATTRIBUTE_LABELS = {
    DisclosureAttribute.PROACTIVE: "主动公开",
    DisclosureAttribute.ON_REQUEST: "依申请公开",
    DisclosureAttribute.WITHHELD: "不予公开",
}


@dataclass(frozen=True)
class WithholdingGround:
    code: str
    label: str
    article: str
    report_row: str  # the 三（三） sub-row of the annual report this ground corresponds to


WITHHOLDING_GROUNDS: tuple[WithholdingGround, ...] = (
    WithholdingGround("state_secret", "属于国家秘密", "第十四条", "1.属于国家秘密"),
    WithholdingGround("prohibited_by_law", "法律、行政法规禁止公开", "第十四条", "2.其他法律行政法规禁止公开"),
    WithholdingGround(
        "three_safeties_one_stability",
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
        "第十四条",
        "3.危及“三安全一稳定”",
    ),
    WithholdingGround(
        "third_party_rights",
        "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
        "第十五条",
        "4.保护第三方合法权益",
    ),
    WithholdingGround(
        "internal_affairs",
        "人事管理、后勤管理、内部工作流程等内部事务信息",
        "第十六条第一款",
        "5.属于三类内部事务信息",
    ),
    WithholdingGround(
        "process_info",
        "讨论记录、过程稿、磋商信函、请示报告等过程性信息",
        "第十六条第二款",
        "6.属于四类过程性信息",
    ),
    WithholdingGround("enforcement_files", "行政执法案卷信息", "第十六条第二款", "7.属于行政执法案卷"),
    # Not a refusal: information for specific persons, available on request only (Art. 27).
    WithholdingGround("request_only", "不属于主动公开范围，可依申请公开", "第二十七条", ""),
)

GROUNDS_BY_CODE: dict[str, WithholdingGround] = {g.code: g for g in WITHHOLDING_GROUNDS}


def ground_required(attribute: DisclosureAttribute) -> bool:
    """依申请公开 and 不予公开 must state their legal ground; 主动公开 needs none."""
    return attribute != DisclosureAttribute.PROACTIVE
