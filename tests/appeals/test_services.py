"""Cases through the services: registration, the course of a case, outcomes and their column, the prompt
to handle an application again, withdrawal and voiding, documents, reminders; each write audited, nothing
written on a refusal, and only the agency's disclosure office may act."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies.roles import Role
from gongkai.appeals.access import access_case, cases_visible
from gongkai.appeals.models import AppealCase, CaseDocument, CaseReminder
from gongkai.appeals.selectors import counted_cases, defence_deadline_for, table4_for
from gongkai.appeals.services.cases import (
    case_accept,
    case_copy_received,
    case_decide,
    case_defence_submit,
    case_hearing_set,
    case_register,
    case_update,
    case_void,
    case_withdraw,
)
from gongkai.appeals.services.documents import document_add, document_remove
from gongkai.appeals.services.reminders import appeal_reminders_send
from gongkai.audit.models import AuditEvent
from gongkai.inforequests.models import Comment
from tests.appeals.helpers import D, answered, at, review_of
from tests.factories import UserFactory, grant
from tests.screening.test_extract import make_docx

pytestmark = pytest.mark.django_db


def events(action):
    return AuditEvent.objects.filter(action=action)


def decide(desk, case, decision, on, **extra):
    with at(extra.pop("today", on)):
        return case_decide(acting_user=desk.office, case=case, decision_type=decision, decided_on=on, **extra)


# --- registration ----------------------------------------------------------------------------------


def test_register_ties_the_application_takes_its_applicant_and_is_audited_without_the_name(desk):
    application = answered(desk)
    case = review_of(desk, application, reference="东府复〔2025〕3号")
    assert case.state == "registered"
    assert case.party_name == "王小明"
    assert not case.party_is_organisation
    assert case.party_masked == "王**"
    assert list(case.applications.all()) == [application]
    assert case.created_by == desk.office
    event = events("appeal.register").get()
    assert event.agency == desk.agency
    assert "王**" in event.summary
    assert "王小明" not in str(event.summary) + str(event.after)
    assert event.after["applications"] == [application.tracking_code]


def test_register_with_acceptance_and_copy_starts_accepted_with_the_defence_period(desk):
    case = review_of(
        desk, answered(desk), accepted_on=D(2025, 4, 22), copy_received_on=D(2025, 4, 24), today=D(2025, 4, 24)
    )
    assert case.state == "accepted"
    assert defence_deadline_for(case).due == D(2025, 5, 12)  # ten working days: 劳动节 1–5 May skipped, 27 Apr worked


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"body_name": ""}, "body_name", "请填写行政复议机关"),
        ({"kind": "litigation_after_review"}, "review_case", "请选择此前的行政复议案件"),
        ({"kind": "nonsense"}, "kind", "请选择案件类型"),
        ({"filed": D(2025, 3, 1)}, "applications", "早于这些申请的提交日期"),
        ({"copy_received_on": D(2025, 4, 1)}, "copy_received_on", "不能早于申请复议或起诉日期"),
        ({"today": D(2025, 4, 19)}, "filed_on", "不能晚于今天"),
    ],
)
def test_register_refusals_are_chinese_and_write_nothing(desk, extra, field, message):
    application = answered(desk)
    before = AuditEvent.objects.count()
    filed = extra.pop("filed", D(2025, 4, 20))
    with pytest.raises(ValidationError) as caught:
        review_of(desk, application, filed, **extra)
    assert message in " ".join(caught.value.message_dict[field])
    assert not AppealCase.objects.exists()
    assert AuditEvent.objects.count() == before


def test_register_refuses_an_application_of_another_agency_and_a_case_without_an_act(desk, tree):
    other = Desk2(tree["west"])
    foreign = answered(other)
    with pytest.raises(ValidationError, match="不属于测试市东区教育局"):
        review_of(desk, foreign)
    with at(D(2025, 4, 20)), pytest.raises(ValidationError, match="涉及的申请查询码"):
        case_register(
            acting_user=desk.office,
            agency=desk.agency,
            kind="review",
            filed_on=D(2025, 4, 20),
            body_name="测试市东区人民政府",
            party_name="李四",
        )
    with at(D(2025, 4, 20)):
        case = case_register(
            acting_user=desk.office,
            agency=desk.agency,
            kind="litigation_direct",
            filed_on=D(2025, 4, 20),
            body_name="测试市东区人民法院",
            party_name="示范市启明教育咨询有限公司",
            party_is_organisation=True,
            act_description="未在规定时限内主动公开2025年学区划分方案",
        )
    assert case.party_masked == "示范市启明教育咨询有限公司"


class Desk2:
    """A second agency's office, for applications that are not the first agency's."""

    def __init__(self, agency):
        self.agency = agency
        self.office = UserFactory()
        grant(self.office, agency, Role.OFFICE)


def test_litigation_after_review_links_its_review_of_the_same_agency(desk):
    application = answered(desk)
    review = review_of(desk, application)
    decide(desk, review, "review_maintain", D(2025, 6, 10))
    litigation = review_of(
        desk,
        application,
        D(2025, 6, 20),
        kind="litigation_after_review",
        body_name="测试市中级人民法院",
        review_case=review,
    )
    assert litigation.review_case == review
    assert list(review.litigations.all()) == [litigation]
    with pytest.raises(ValidationError, match="只有复议后起诉"):
        review_of(desk, application, D(2025, 6, 21), kind="litigation_direct", review_case=review)
    with pytest.raises(ValidationError, match="请选择本机关的行政复议案件"):
        review_of(desk, application, D(2025, 6, 21), kind="litigation_after_review", review_case=litigation)


# --- permissions -----------------------------------------------------------------------------------


def test_only_the_agencys_office_registers_and_acts(desk, tree):
    application = answered(desk)
    supervisor = UserFactory()
    grant(supervisor, tree["bureau"], Role.SUPERVISOR)
    outsider = UserFactory()
    grant(outsider, tree["west"], Role.OFFICE)
    for user in (desk.officer, desk.approver, supervisor, outsider):
        with pytest.raises(PermissionDenied):
            review_of(desk, application, user=user)
    case = review_of(desk, application)
    for user in (desk.officer, supervisor, outsider):
        with at(D(2025, 4, 25)), pytest.raises(PermissionDenied):
            case_accept(acting_user=user, case=case, on=D(2025, 4, 22))
        with at(D(2025, 6, 1)), pytest.raises(PermissionDenied):
            case_decide(acting_user=user, case=case, decision_type="review_maintain", decided_on=D(2025, 6, 1))
    assert AppealCase.objects.get().state == "registered"


def test_the_office_head_and_supervisors_see_cases_officers_and_other_agencies_do_not(desk, tree):
    case = review_of(desk, answered(desk))
    supervisor = UserFactory()
    grant(supervisor, tree["bureau"], Role.SUPERVISOR)
    outsider = UserFactory()
    grant(outsider, tree["west"], Role.OFFICE)
    for user in (desk.office, desk.approver, supervisor):
        assert access_case(user, case.pk) == case
    for user in (desk.officer, outsider):
        assert not cases_visible(user).exists()
        with pytest.raises(Exception, match="未找到该案件"):
            access_case(user, case.pk)


# --- the course of a case --------------------------------------------------------------------------


def test_course_of_a_review_accept_copy_defence_hearing_and_decision(desk):
    case = review_of(desk, answered(desk))
    with at(D(2025, 4, 24)):
        case = case_accept(acting_user=desk.office, case=case, on=D(2025, 4, 22))
        case = case_copy_received(acting_user=desk.office, case=case, on=D(2025, 4, 24))
    assert case.state == "accepted"
    assert "，答复期限2025-05-12" in events("appeal.copy_received").get().summary
    with at(D(2025, 5, 13)):
        case = case_defence_submit(acting_user=desk.office, case=case, on=D(2025, 5, 13))
    assert events("appeal.defence_submit").get().after["late"] is True
    assert "已超过期限2025-05-12" in events("appeal.defence_submit").get().summary
    with at(D(2025, 5, 20)):
        case = case_hearing_set(acting_user=desk.office, case=case, on=D(2025, 6, 3))  # scheduled: future is fine
    assert case.state == "hearing"
    case = decide(desk, case, "review_maintain", D(2025, 6, 10), summary="决定维持。")
    assert (case.state, case.result, case.decided_on) == ("decided", "maintained", D(2025, 6, 10))
    assert case.reopen_prompted_on is None
    with pytest.raises(ValidationError, match="案件当前状态为“已审结”，不能执行“登记审理结果”"):
        decide(desk, case, "review_revoke", D(2025, 6, 11))
    assert events("appeal.decide").count() == 1


def test_dates_are_checked_against_the_case(desk):
    case = review_of(desk, answered(desk))
    with at(D(2025, 4, 24)), pytest.raises(ValidationError, match="不能早于申请复议或起诉日期"):
        case_accept(acting_user=desk.office, case=case, on=D(2025, 4, 19))
    with at(D(2025, 4, 24)), pytest.raises(ValidationError, match="请先登记收到"):
        case_defence_submit(acting_user=desk.office, case=case, on=D(2025, 4, 24))
    with at(D(2025, 4, 24)), pytest.raises(ValidationError, match="不能晚于今天"):
        case_copy_received(acting_user=desk.office, case=case, on=D(2025, 4, 25))
    with at(D(2025, 4, 24)):
        case_accept(acting_user=desk.office, case=case, on=D(2025, 4, 23))
    with pytest.raises(ValidationError, match="不能早于受理或立案日期"):
        decide(desk, case, "review_maintain", D(2025, 4, 22), today=D(2025, 4, 24))
    with pytest.raises(ValidationError, match="收到文书的日期不能早于结果日期"):
        decide(desk, case, "review_maintain", D(2025, 4, 24), decision_received_on=D(2025, 4, 23))
    assert AppealCase.objects.get().state == "accepted"


def test_a_court_decision_is_refused_for_a_review(desk):
    case = review_of(desk, answered(desk))
    with pytest.raises(ValidationError, match="不是行政复议案件的审理结果"):
        decide(desk, case, "court_reject_claims", D(2025, 5, 1))
    with pytest.raises(ValidationError, match="请选择审理结果"):
        decide(desk, case, "withdrawn_typo", D(2025, 5, 1))


def test_corrected_outcome_prompts_reopening_on_each_tied_application(desk):
    first, second = answered(desk), answered(desk, D(2025, 3, 3), D(2025, 3, 21))
    with at(D(2025, 4, 20)):
        case = case_register(
            acting_user=desk.office,
            agency=desk.agency,
            kind="review",
            filed_on=D(2025, 4, 20),
            body_name="测试市东区人民政府",
            reference="东府复〔2025〕9号",
            applications=[first, second],
        )
    case = decide(
        desk, case, "review_revoke", D(2025, 6, 10), decision_received_on=D(2025, 6, 12), today=D(2025, 6, 12)
    )
    assert case.result == "corrected"
    assert case.reopen_prompted_on == D(2025, 6, 12)
    for application in (first, second):
        comment = Comment.objects.get(application=application)
        assert comment.author == desk.office
        assert "结果为纠正" in comment.text
        assert "东府复〔2025〕9号" in comment.text
    assert events("application.reopen_prompt").count() == 2
    assert first.tracking_code in events("appeal.decide").get().summary


def test_withdrawal_is_other_result_in_its_year_and_needs_a_note(desk):
    case = review_of(desk, answered(desk))
    with at(D(2025, 5, 6)), pytest.raises(ValidationError, match="请说明撤回的情况"):
        case_withdraw(acting_user=desk.office, case=case, on=D(2025, 5, 6), note=" ")
    with at(D(2025, 5, 6)):
        case = case_withdraw(
            acting_user=desk.office, case=case, on=D(2025, 5, 6), note="申请人书面撤回，复议机关准予撤回。"
        )
    assert (case.state, case.result, case.decision_type, case.decided_on) == (
        "withdrawn",
        "other",
        "withdrawn",
        D(2025, 5, 6),
    )
    assert table4_for([desk.agency.pk], 2025)["review"] == [0, 0, 1, 0, 1]


def test_a_voided_case_is_not_counted_and_cannot_be_edited(desk):
    case = review_of(desk, answered(desk))
    with pytest.raises(ValidationError, match="请说明作废的理由"):
        case_void(acting_user=desk.office, case=case, reason="")
    case = case_void(acting_user=desk.office, case=case, reason="重复登记")
    assert case.state == "voided"
    assert table4_for([desk.agency.pk], 2025)["review"] == [0, 0, 0, 0, 0]
    with pytest.raises(ValidationError, match="已作废"):
        case_update(acting_user=desk.office, case=case, reference="东府复〔2025〕1号")


def test_update_edits_the_description_and_the_tied_applications_with_audit(desk):
    first, second = answered(desk), answered(desk, D(2025, 3, 3), D(2025, 3, 21))
    case = review_of(desk, first)
    case = case_update(
        acting_user=desk.office, case=case, applications=[first, second], reference="东府复〔2025〕5号", notes="补充"
    )
    assert case.reference == "东府复〔2025〕5号"
    assert set(case.applications.all()) == {first, second}
    event = events("appeal.update").get()
    assert event.after["reference"] == "东府复〔2025〕5号"
    assert event.after["applications"] == [first.tracking_code, second.tracking_code]
    assert "案号" in event.summary
    with pytest.raises(ValidationError, match="不能直接修改"):
        case_update(acting_user=desk.office, case=case, state="decided")
    case_update(acting_user=desk.office, case=case, party_name="王大明")
    assert "王大明" not in str(events("appeal.update").last().after)


# --- table 四 from the records ---------------------------------------------------------------------


def test_table4_for_an_agency_pending_at_year_end_then_decided_next_year(desk, tree):
    application = answered(desk)
    pending = review_of(desk, application, D(2025, 12, 15), today=D(2025, 12, 15))
    decide(desk, pending, "review_revoke", D(2026, 2, 10))
    decided = review_of(desk, application, D(2025, 5, 6))
    decide(desk, decided, "review_maintain", D(2025, 7, 1))
    open_case = review_of(desk, application, D(2026, 3, 2), kind="litigation_direct", body_name="测试市东区人民法院")
    ids = [desk.agency.pk]
    assert table4_for(ids, 2025) == {
        "review": [1, 0, 0, 1, 2],
        "litigation_direct": [0, 0, 0, 0, 0],
        "litigation_after_review": [0, 0, 0, 0, 0],
    }
    assert table4_for(ids, 2026)["review"] == [0, 1, 0, 0, 1]
    assert table4_for(ids, 2026)["litigation_direct"] == [0, 0, 0, 1, 1]
    assert [(c.pk, col.value) for c, col in counted_cases(ids, 2025)] == [
        (decided.pk, "maintained"),
        (pending.pk, "pending"),
    ]
    assert open_case.pk in [c.pk for c, _ in counted_cases(ids, 2026)]
    assert table4_for([tree["west"].pk], 2025)["review"] == [0, 0, 0, 0, 0]


# --- documents -------------------------------------------------------------------------------------


def test_documents_are_checked_by_content_and_audited(desk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = review_of(desk, answered(desk))
    document = document_add(
        acting_user=desk.office, case=case, kind="defence", filename="答复书.docx", data=make_docx()
    )
    assert document.get_kind_display() == "答复书或答辩状"
    assert events("appeal.document_add").get().after["file"] == "答复书.docx"
    with pytest.raises(ValidationError, match="类型"):
        document_add(acting_user=desk.office, case=case, kind="other", filename="x.exe", data=b"MZ\x90\x00" * 10)
    with pytest.raises(PermissionDenied):
        document_remove(acting_user=desk.officer, document=document)
    document_remove(acting_user=desk.office, document=document)
    assert not CaseDocument.objects.exists()
    assert events("appeal.document_remove").get().before["sha256"] == document.sha256


# --- reminders -------------------------------------------------------------------------------------


def test_reminders_are_sent_once_per_deadline_to_the_office(desk, mailoutbox, django_capture_on_commit_callbacks):
    desk.office.email = "gkb@example.gov.cn"
    desk.office.save()
    case = review_of(desk, answered(desk), copy_received_on=D(2025, 4, 24), today=D(2025, 4, 24))
    assert defence_deadline_for(case).due == D(2025, 5, 12)
    assert appeal_reminders_send(today=D(2025, 5, 8)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert appeal_reminders_send(today=D(2025, 5, 9)) == 1
    assert appeal_reminders_send(today=D(2025, 5, 10)) == 0  # the same deadline: once
    assert appeal_reminders_send(today=D(2025, 5, 13)) == 1  # overdue
    assert set(CaseReminder.objects.values_list("kind", flat=True)) == {"defence_due_soon", "defence_overdue"}
    assert mailoutbox[0].to == ["gkb@example.gov.cn"]
    assert "2025-05-12" in mailoutbox[0].body
    assert "还剩3日" in mailoutbox[0].body
    with at(D(2025, 5, 15)):
        case_defence_submit(acting_user=desk.office, case=case, on=D(2025, 5, 15))
        case_accept(acting_user=desk.office, case=case, on=D(2025, 4, 22))
        case_hearing_set(acting_user=desk.office, case=case, on=D(2025, 5, 20))
    assert appeal_reminders_send(today=D(2025, 5, 16)) == 0
    assert appeal_reminders_send(today=D(2025, 5, 17)) == 1
    assert CaseReminder.objects.filter(kind="hearing_soon", due=D(2025, 5, 20)).exists()
    decide(desk, case, "review_maintain", D(2025, 5, 30))
    assert appeal_reminders_send(today=dt.date(2025, 6, 30)) == 0
