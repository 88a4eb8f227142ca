"""Report documents to test with: a valid generated report of any year, with figures in every table."""

import datetime as dt

from gongkai.appeals.counting import CaseFacts
from gongkai.appeals.kinds import CaseKind, Result
from gongkai.reports.compute import AgencyYear, ApplicationCounts, DocumentCounts, Fees, StaffTexts, compute
from gongkai.reports.document import ReportDoc

PROBLEMS = (
    "一是个别申请答复超过法定期限，原因是涉及多个处室会商；二是政策解读形式较为单一，图解、问答较少。"
    "下一步将建立跨处室协调机制，到期前自动提醒；对重点政策同步制作图解和问答，提高解读的可读性。"
)

STATISTICS_2021 = {
    "proactive/licensing_decisions": 126,
    "proactive/penalty_decisions": 3,
    "proactive/enforcement_decisions": 0,
    "proactive/fees_amount_wan": 12.3456,
}


def statistics_2019() -> dict[str, int | float]:
    values: dict[str, int | float] = {}
    for row in ("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制"):
        values[f"proactive/2019/{row}/上一年项目数量"] = 4
        values[f"proactive/2019/{row}/本年增/减"] = -2
        values[f"proactive/2019/{row}/处理决定数量"] = 7
    values["proactive/2019/行政事业性收费/上一年项目数量"] = 1
    values["proactive/2019/行政事业性收费/本年增/减"] = 1
    values["proactive/2019/政府集中采购/采购项目数量"] = 9
    values["proactive/2019/政府集中采购/采购总金额"] = 885.1737
    return values


def facts(year: int = 2025, **changes) -> AgencyYear:
    """An agency's year with applications in several columns and outcomes, carry-over both ways, a fee,
    and cases of each kind (one pending at year end)."""
    fields = {
        "agency": "测试市教育局",
        "year": year,
        "regulations": DocumentCounts(),
        "normative": DocumentCounts(issued=3, repealed=1, in_force=20, published=3, published_total=25),
        "statistics": STATISTICS_2021 if year >= 2021 else statistics_2019(),
        "applications": ApplicationCounts(
            new={"natural_person": 30, "commercial": 4, "legal_service": 2},
            carried_over={"natural_person": 2},
            carried_next={"natural_person": 3, "commercial": 1},
            decided={
                ("natural_person", "granted"): 12,
                ("natural_person", "granted_already_public"): 3,
                ("natural_person", "partially_granted"): 4,
                ("natural_person", "refused_process_info"): 2,
                ("natural_person", "not_held"): 3,
                ("natural_person", "not_this_agency"): 1,
                ("natural_person", "petition_complaint"): 1,
                ("natural_person", "overdue_correction"): 1,
                ("natural_person", "fee_not_paid"): 1,
                ("natural_person", "withdrawn"): 1,
                ("commercial", "granted"): 2,
                ("commercial", "refused_third_party_rights"): 1,
                ("legal_service", "needs_creation"): 2,
            },
        ),
        "cases": [
            CaseFacts(CaseKind.REVIEW, dt.date(year, 2, 1), dt.date(year, 4, 1), Result.MAINTAINED),
            CaseFacts(CaseKind.REVIEW, dt.date(year, 3, 1), dt.date(year, 6, 1), Result.CORRECTED),
            CaseFacts(CaseKind.REVIEW, dt.date(year, 11, 20)),
            CaseFacts(CaseKind.LITIGATION_DIRECT, dt.date(year, 5, 1), dt.date(year, 9, 1), Result.OTHER),
            CaseFacts(CaseKind.LITIGATION_AFTER_REVIEW, dt.date(year, 7, 1)),
        ],
        "fees": Fees(yuan=1700, applications=1),
        "texts": StaffTexts(problems=PROBLEMS, other="本机关无其他需要报告的事项。"),
    }
    fields.update(changes)
    return AgencyYear(**fields)


def valid_doc(year: int = 2025, **changes) -> ReportDoc:
    return compute(facts(year, **changes)).doc
