"""Report services: generation from the records and again after late news, hand edits with reasons,
texts, statistics, the review workflow and publication — each audited, refused with a clear message
when not allowed, and changing nothing on bad input."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.appeals.services.cases import case_decide, case_register
from gongkai.audit.models import AuditEvent
from gongkai.inforequests.services.decisions import application_decide
from gongkai.reports.models import AnnualReport, ReportReview, StatisticEntry
from gongkai.reports.services.editing import report_cells_edit, report_texts_save
from gongkai.reports.services.generation import hand_edited, report_generate
from gongkai.reports.services.statistics import statistics_save
from gongkai.reports.services.workflow import (
    report_accept,
    report_publish,
    report_reopen,
    report_return,
    report_submit,
    report_withdraw,
)
from tests.inforequests.helpers import D, at, received_in_person
from tests.reports.texts import PROBLEMS

pytestmark = pytest.mark.django_db

STATS_2021 = {
    "proactive/licensing_decisions": ("12", "区政务服务中心审批系统（2026-01-05）"),
    "proactive/penalty_decisions": ("0", "执法台账"),
    "proactive/enforcement_decisions": ("0", "执法台账"),
    "proactive/fees_amount_wan": ("0", "财务股确认"),
}


def decided(desk, received: dt.date, on: dt.date, outcome: str = "granted", **changes):
    application = received_in_person(desk, received, **changes)
    withheld = (
        {"withheld_description": "第三方的个人信息", "withheld_grounds": ["third_party_rights"]}
        if outcome == "partially_granted"
        else {}
    )
    with at(on):
        return application_decide(
            acting_user=desk.office,
            application=application,
            outcome=outcome,
            decided_on=on,
            reasons="理由。",
            **withheld,
        )


JAN_6, JAN_7 = D(2026, 1, 6), D(2026, 1, 7)


def generate(desk, year: int = 2025, on: dt.date = JAN_6, **kwargs):
    with at(on):
        return report_generate(acting_user=desk.office, agency=desk.agency, year=year, **kwargs)


def complete(desk, report: AnnualReport, on: dt.date = JAN_7) -> AnnualReport:
    """Statistics and texts entered: a report without errors."""
    with at(on):
        statistics_save(acting_user=desk.office, agency=desk.agency, year=report.year, values=STATS_2021)
        report.refresh_from_db()
        report_texts_save(
            acting_user=desk.office,
            report=report,
            overview=report.data["sections"]["一"]["text"],
            problems=PROBLEMS[report.year],
            other="",
        )
    report.refresh_from_db()
    return report


# --- generation -------------------------------------------------------------------------------------------


def test_generate_counts_the_years_applications_with_carry_over(desk):
    decided(desk, D(2025, 3, 3), D(2025, 3, 20), "granted")
    decided(desk, D(2025, 4, 1), D(2025, 4, 10), "partially_granted", applicant_type="commercial", **_org())
    received_in_person(desk, D(2025, 12, 22))  # open at year end: carried to 2026
    result = generate(desk)
    assert result.created
    apps = result.report.data["applications"]
    assert apps["new"] == [2, 1, 0, 0, 0, 0, 3]
    assert apps["granted"][6] == 1
    assert apps["partially_granted"] == [0, 1, 0, 0, 0, 0, 1]
    assert apps["carried_to_next_year"] == [1, 0, 0, 0, 0, 0, 1]
    assert result.report.format == "2021"
    assert AuditEvent.objects.filter(action="report.generate", agency=desk.agency).count() == 1


def _org() -> dict:
    return {
        "name": "示范科技有限公司",
        "id_type": "",
        "id_number": "",
        "credit_code": "91110000802100433B",
        "legal_representative": "张三",
    }


def test_carry_over_across_years_the_next_report_takes_over_what_this_one_carried(desk):
    open_at_year_end = received_in_person(desk, D(2025, 12, 22))
    with at(D(2026, 1, 8)):
        application_decide(
            acting_user=desk.office, application=open_at_year_end, outcome="granted", decided_on=D(2026, 1, 8)
        )
    report_2025 = generate(desk).report
    report_2026 = generate(desk, 2026, on=D(2026, 12, 1)).report
    assert report_2025.data["applications"]["carried_to_next_year"][6] == 1
    assert report_2026.data["applications"]["carried_over_from_last_year"][6] == 1
    assert report_2026.data["applications"]["total_handled"][6] == 1
    assert not [f for f in report_2026.findings if f["rule"] in {"C1", "C6"}]


def test_a_report_generated_from_records_passes_by_construction(desk):
    decided(desk, D(2025, 3, 3), D(2025, 3, 20), "refused_process_info")
    decided(desk, D(2025, 5, 6), D(2025, 5, 9), "not_held")
    report = complete(desk, generate(desk).report)
    assert report.findings == []
    assert report.error_count == report.warning_count == 0


def test_generate_refuses_a_year_without_the_national_format_or_not_yet_begun(desk):
    with pytest.raises(ValidationError, match="2019年度起"):
        generate(desk, 2018)
    with pytest.raises(ValidationError, match="尚未开始"):
        generate(desk, 2027, on=D(2026, 12, 1))
    assert not AnnualReport.objects.exists()


def test_only_the_disclosure_office_generates(desk):
    with at(D(2026, 1, 6)), pytest.raises(PermissionDenied):
        report_generate(acting_user=desk.officer, agency=desk.agency, year=2025)
    with at(D(2026, 1, 6)), pytest.raises(PermissionDenied):
        report_generate(acting_user=desk.supervisor, agency=desk.agency, year=2025)


def test_regenerated_after_a_late_appeal_outcome_only_table_four_changes(desk):
    application = decided(desk, D(2025, 3, 3), D(2025, 3, 20), "refused_process_info")
    with at(D(2025, 11, 3)):
        case = case_register(
            acting_user=desk.office,
            agency=desk.agency,
            kind="review",
            filed_on=D(2025, 11, 3),
            body_name="测试市东区人民政府",
            applications=[application],
        )
    report = complete(desk, generate(desk).report)
    assert report.data["review_litigation"]["review"] == [0, 0, 0, 1, 1]
    before = report.data
    with at(D(2026, 1, 9)):  # the decision of 29 December arrives in January
        case_decide(acting_user=desk.office, case=case, decision_type="review_maintain", decided_on=D(2025, 12, 29))
    result = generate(desk, on=D(2026, 1, 10))
    assert {c.table for c, _before, _after in result.changed} == {"四"}
    assert [(c.column, b, a) for c, b, a in result.changed] == [("结果维持", 0, 1), ("尚未审结", 1, 0)]
    after = result.report.data
    assert after["sections"] == before["sections"]
    assert after["applications"] == before["applications"]
    assert after["proactive"] == before["proactive"]
    assert after["review_litigation"]["review"] == [1, 0, 0, 0, 1]


# --- hand edits ---------------------------------------------------------------------------------------------


def test_a_hand_edit_needs_a_reason_and_is_audited_cell_by_cell(desk):
    report = generate(desk).report
    with at(D(2026, 1, 7)), pytest.raises(ValidationError) as refused:
        report_cells_edit(
            acting_user=desk.office, report=report, values={"applications/new/0": "5", "applications/new/6": "5"}
        )
    assert "请说明修改理由" in str(refused.value)
    with at(D(2026, 1, 7)):
        changed = report_cells_edit(
            acting_user=desk.office,
            report=report,
            values={"applications/new/0": "5", "applications/new/6": "5"},
            reason="纸质登记的申请未录入平台",
        )
    assert [c.name for c, _b, _a in changed] == [
        "表三“一、本年新收政府信息公开申请数量”行“自然人”列",
        "表三“一、本年新收政府信息公开申请数量”行“总计”列",
    ]
    report.refresh_from_db()
    assert report.data["applications"]["new"][0] == 5
    assert {f["rule"] for f in report.findings} >= {"C1"}  # the edit breaks 一+二=三+四: shown before submission
    assert report.data["prose_numbers"]["applications_received"] == 5  # section 一 states what table 三 says
    assert "prose_tables" not in {f["rule"] for f in report.findings}
    event = AuditEvent.objects.get(action="report.edit_cells")
    assert event.after["理由"] == "纸质登记的申请未录入平台"
    assert event.before["表三“一、本年新收政府信息公开申请数量”行“自然人”列"] == 0


def test_bad_values_change_nothing_and_name_every_cell(desk):
    report = generate(desk).report
    data_before = report.data
    with at(D(2026, 1, 7)), pytest.raises(ValidationError) as refused:
        report_cells_edit(
            acting_user=desk.office,
            report=report,
            values={"applications/new/0": "-1", "proactive/fees_amount_wan": "1.23456", "nowhere/1": "2"},
            reason="测试",
        )
    messages = refused.value.message_dict
    assert "数量不能为负数" in messages["applications/new/0"][0]
    assert "四位小数" in messages["proactive/fees_amount_wan"][0]
    assert messages["nowhere/1"] == ["没有这个单元格。"]
    report.refresh_from_db()
    assert report.data == data_before


def test_regenerating_keeps_hand_edits_and_says_so(desk):
    report = generate(desk).report
    with at(D(2026, 1, 7)):
        report_cells_edit(
            acting_user=desk.office,
            report=report,
            values={"proactive/regulations_in_force": "2"},
            reason="上级转发的规章按本机关执行口径计入",
        )
    result = generate(desk, on=D(2026, 1, 8))
    assert result.report.data["proactive"]["regulations_in_force"] == 2
    assert [c.name for c in hand_edited(result.report)] == ["表二“第二十条第（一）项 规章”行“现行有效件数”列"]
    assert [c.name for c in result.kept] == ["表二“第二十条第（一）项 规章”行“现行有效件数”列"]


def test_full_width_digits_and_thousand_separators_are_read(desk):
    report = generate(desk).report
    with at(D(2026, 1, 7)):
        report_cells_edit(
            acting_user=desk.office,
            report=report,
            values={"proactive/licensing_decisions": "１,２３４"},
            reason="系统导出",
        )
    report.refresh_from_db()
    assert report.data["proactive"]["licensing_decisions"] == 1234


# --- texts --------------------------------------------------------------------------------------------------


def test_texts_go_into_their_sections_and_six_keeps_the_fee_sentence(desk):
    report = generate(desk).report
    with at(D(2026, 1, 7)):
        changed = report_texts_save(
            acting_user=desk.office,
            report=report,
            overview=report.data["sections"]["一"]["text"],
            problems=PROBLEMS[2025],
            other="本机关无其他需要报告的事项。",
        )
    report.refresh_from_db()
    assert changed == ["五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert report.data["sections"]["五"]["text"] == PROBLEMS[2025]
    six = report.data["sections"]["六"]["text"]
    assert six.startswith("2025年，测试市东区教育局未收取政府信息公开信息处理费。")
    assert six.endswith("本机关无其他需要报告的事项。")


def test_new_notes_redraft_an_unedited_overview_but_never_an_edited_one(desk):
    report = generate(desk).report
    with at(D(2026, 1, 7)):
        report_texts_save(
            acting_user=desk.office,
            report=report,
            overview=report.data["sections"]["一"]["text"],
            problems="",
            other="",
            notes_supervision="举办全区政务公开培训2期",
        )
    report.refresh_from_db()
    assert "举办全区政务公开培训2期。" in report.data["sections"]["一"]["text"]
    with at(D(2026, 1, 7)):
        report_texts_save(
            acting_user=desk.office,
            report=report,
            overview="（一）主动公开情况。手写的总体情况。",
            problems="",
            other="",
            notes_supervision="另一条补充",
        )
    report.refresh_from_db()
    assert report.data["sections"]["一"]["text"] == "（一）主动公开情况。手写的总体情况。"


def test_an_empty_overview_is_refused(desk):
    report = generate(desk).report
    with at(D(2026, 1, 7)), pytest.raises(ValidationError, match="不能为空"):
        report_texts_save(acting_user=desk.office, report=report, overview="  ", problems="", other="")


# --- statistics -----------------------------------------------------------------------------------------------


def test_statistics_need_a_source_and_refresh_the_editable_report(desk):
    report = generate(desk).report
    assert report.data["proactive"]["licensing_decisions"] is None
    with at(D(2026, 1, 7)), pytest.raises(ValidationError) as refused:
        statistics_save(
            acting_user=desk.office,
            agency=desk.agency,
            year=2025,
            values={"proactive/licensing_decisions": ("12", ""), "proactive/fees_amount_wan": ("abc", "财务")},
        )
    assert "请注明数据来源" in refused.value.message_dict["proactive/licensing_decisions"][0]
    assert "不是金额" in refused.value.message_dict["proactive/fees_amount_wan"][0]
    assert not StatisticEntry.objects.exists()
    with at(D(2026, 1, 7)):
        saved = statistics_save(acting_user=desk.office, agency=desk.agency, year=2025, values=STATS_2021)
    assert saved.report_refreshed
    report.refresh_from_db()
    assert report.data["proactive"]["licensing_decisions"] == 12
    assert report.data["proactive"]["fees_amount_wan"] == 0
    assert AuditEvent.objects.filter(action="report.statistics").count() == 1


def test_statistics_of_the_2019_format_cells_only(desk):
    with at(D(2026, 1, 7)), pytest.raises(ValidationError, match="没有这个统计项"):
        statistics_save(
            acting_user=desk.office, agency=desk.agency, year=2020, values={"proactive/licensing_decisions": ("1", "x")}
        )
    with at(D(2026, 1, 7)):
        statistics_save(
            acting_user=desk.office,
            agency=desk.agency,
            year=2020,
            values={
                "proactive/2019/政府集中采购/采购总金额": ("885.1737", "采购系统"),
                "proactive/2019/行政许可/本年增/减": ("-2", "台账"),
            },
        )
    assert sorted(StatisticEntry.objects.values_list("value", flat=True)) == [Decimal(-2), Decimal("885.1737")]


# --- review workflow and publication ---------------------------------------------------------------------------


def test_a_report_with_errors_cannot_be_submitted(desk):
    report = generate(desk).report  # section 五 not written yet
    with at(D(2026, 1, 12)), pytest.raises(ValidationError, match="不能报送"):
        report_submit(acting_user=desk.office, report=report)
    report.refresh_from_db()
    assert report.state == "draft"


def test_submit_return_resubmit_accept_publish(desk, mailoutbox, django_capture_on_commit_callbacks):
    report = complete(desk, generate(desk).report)
    with at(D(2026, 1, 12)), django_capture_on_commit_callbacks(execute=True):
        report = report_submit(acting_user=desk.office, report=report, note="请审核")
    assert report.state == "submitted"
    assert mailoutbox[-1].to == ["jd@example.gov.cn"]
    with at(D(2026, 1, 13)), pytest.raises(ValidationError, match="退回意见"):
        report_return(acting_user=desk.supervisor, report=report, comment="")
    with at(D(2026, 1, 13)), django_capture_on_commit_callbacks(execute=True):
        report = report_return(acting_user=desk.supervisor, report=report, comment="请补充第五部分的改进措施。")
    assert report.state == "returned"
    assert mailoutbox[-1].to == ["gkb@example.gov.cn"]
    assert "请补充第五部分" in mailoutbox[-1].body
    with at(D(2026, 1, 14)):
        report = report_submit(acting_user=desk.office, report=report)
    with at(D(2026, 1, 15)):
        report = report_accept(acting_user=desk.supervisor, report=report, comment="同意")
    assert report.state == "accepted"
    with at(D(2026, 1, 20)):
        report = report_publish(acting_user=desk.office, report=report)
    assert report.state == "published"
    assert report.published_on == D(2026, 1, 20)
    assert report.data["published_date"] == "2026-01-20"
    assert len(report.published_sha256) == 64
    assert not [f for f in report.findings if f["rule"] == "timeliness"]
    rounds = list(ReportReview.objects.filter(report=report).values_list("round", "decision", "comment"))
    assert rounds == [(1, "returned", "请补充第五部分的改进措施。"), (2, "accepted", "同意")]
    actions = list(
        AuditEvent.objects.filter(action__startswith="report.", target_id=str(report.pk))
        .order_by("occurred_at", "pk")
        .values_list("action", flat=True)
    )
    assert actions[-5:] == ["report.submit", "report.return", "report.submit", "report.accept", "report.publish"]


def test_a_published_report_is_frozen(desk):
    report = complete(desk, generate(desk).report)
    with at(D(2026, 1, 12)):
        report = report_submit(acting_user=desk.office, report=report)
        report = report_accept(acting_user=desk.supervisor, report=report)
        report = report_publish(acting_user=desk.office, report=report)
    with at(D(2026, 2, 1)):
        with pytest.raises(ValidationError, match="不能修改"):
            report_cells_edit(acting_user=desk.office, report=report, values={"applications/new/0": "9"}, reason="x")
        with pytest.raises(ValidationError, match="不能修改"):
            generate(desk, on=D(2026, 2, 1))
        with pytest.raises(ValidationError, match="不能执行"):
            report_reopen(acting_user=desk.office, report=report, reason="改")


def test_a_late_publication_is_flagged(desk):
    report = complete(desk, generate(desk).report)
    with at(D(2026, 1, 12)):
        report = report_submit(acting_user=desk.office, report=report)
        report = report_accept(acting_user=desk.supervisor, report=report)
    with at(D(2026, 2, 3)):
        report = report_publish(acting_user=desk.office, report=report)
    (late,) = [f for f in report.findings if f["rule"] == "timeliness"]
    assert "逾期3天" in late["message"]


def test_only_the_supervising_office_reviews_and_never_its_own_submission(desk, tree):
    from gongkai.agencies.roles import Role
    from tests.factories import UserFactory, grant

    report = complete(desk, generate(desk).report)
    with at(D(2026, 1, 12)):
        report = report_submit(acting_user=desk.office, report=report)
        with pytest.raises(PermissionDenied):
            report_accept(acting_user=desk.office, report=report)
        with pytest.raises(PermissionDenied):
            report_accept(acting_user=desk.approver, report=report)
    # a supervisor held only at the district itself does not review the district's report
    local = UserFactory(username="local-sup")
    grant(local, tree["east"], Role.SUPERVISOR)
    with at(D(2026, 1, 12)), pytest.raises(PermissionDenied):
        report_accept(acting_user=local, report=report)
    # someone who both writes the report and supervises from above may not review their own submission
    grant(desk.office, tree["city"], Role.SUPERVISOR)
    from gongkai.agencies.access import forget_cached_roles

    forget_cached_roles(desk.office)
    with at(D(2026, 1, 13)), pytest.raises(ValidationError, match="不能审核自己报送"):
        report_accept(acting_user=desk.office, report=report)


def test_withdraw_and_reopen(desk):
    report = complete(desk, generate(desk).report)
    with at(D(2026, 1, 12)):
        report = report_submit(acting_user=desk.office, report=report)
        report = report_withdraw(acting_user=desk.office, report=report)
    assert report.state == "draft"
    assert ReportReview.objects.get(report=report).decision == "withdrawn"
    with at(D(2026, 1, 13)):
        report = report_submit(acting_user=desk.office, report=report)
        report = report_accept(acting_user=desk.supervisor, report=report)
        with pytest.raises(ValidationError, match="理由"):
            report_reopen(acting_user=desk.office, report=report, reason="")
        report = report_reopen(acting_user=desk.office, report=report, reason="发现表二数据有误")
    assert report.state == "draft"
    assert report.accepted_at is None


def test_an_agency_without_a_supervising_office_publishes_without_review(desk, tree):
    from gongkai.agencies.roles import Role
    from tests.factories import UserFactory, grant

    office = UserFactory(username="city-office")
    grant(office, tree["city"], Role.OFFICE)
    city = tree["city"]
    with at(D(2026, 1, 6)):
        report = report_generate(acting_user=office, agency=city, year=2025).report
        with pytest.raises(ValidationError, match="无需报送审核"):
            report_submit(acting_user=office, report=report)
        report_texts_save(
            acting_user=office,
            report=report,
            overview=report.data["sections"]["一"]["text"],
            problems=PROBLEMS[2025],
            other="",
        )
        statistics_save(acting_user=office, agency=city, year=2025, values=STATS_2021)
        report.refresh_from_db()
    with at(D(2026, 3, 20)):
        report = report_publish(acting_user=office, report=report)
    assert report.state == "published"
    assert not [f for f in report.findings if f["rule"] == "timeliness"]  # a government: by 31 March


def test_a_district_must_submit_before_publishing(desk):
    report = complete(desk, generate(desk).report)
    with at(D(2026, 1, 12)), pytest.raises(ValidationError, match="请先报送审核"):
        report_publish(acting_user=desk.office, report=report)
