"""Letters and notices: draft from templates, edit, issue with a yearly number, frozen text, DOCX and PDF."""

import datetime as dt
import hashlib
import io

import docx
import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.agencies.roles import Role
from gongkai.audit.models import AuditEvent
from gongkai.inforequests.clock import CONSULTATION_WORKDAYS, EventKind
from gongkai.inforequests.letter_selectors import issued_reply_letter, letters_for
from gongkai.inforequests.letters.defaults import default_template
from gongkai.inforequests.letters.kinds import LetterKind
from gongkai.inforequests.letters.render import placeholders, render_docx, render_pdf
from gongkai.inforequests.models import ClockEntry, Consultation, Letter, LetterNumbering, LetterState, LetterTemplate
from gongkai.inforequests.services.intake import application_register
from gongkai.inforequests.services.letters import (
    letter_discard,
    letter_draft,
    letter_issue,
    letter_template_save,
    letter_update,
)
from gongkai.rules.disclosure import GROUNDS_BY_CODE
from gongkai.rules.fees import fee_per_volume
from gongkai.rules.outcomes import Outcome, spec
from gongkai.workcalendar.selectors import work_calendar
from tests.factories import UserFactory, grant, valid_credit_code
from tests.inforequests.conftest import person

pytestmark = pytest.mark.django_db
RECEIVED = dt.date(2026, 3, 2)  # a Monday
TODAY = dt.date(2026, 3, 5)
REASONS = "该信息涉及正在研究的调整方案，尚未形成正式文件。"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(2), tzinfo=dt.UTC), tick=False):
        yield


def received(desk, **changes):
    application, _ = application_register(
        acting_user=desk.office,
        agency=desk.agency,
        channel="in_person",
        submitted_on=RECEIVED,
        **person(**changes),
    )
    return application


def decide(application, outcome: Outcome, **fields):
    """Set the decision fields directly (the decision service is tested elsewhere)."""
    application.outcome = outcome.value
    application.decided_on = TODAY
    for name, value in fields.items():
        setattr(application, name, value)
    application.save()
    return application


def full_decision(outcome: Outcome) -> dict:
    return {
        "reasons": REASONS,
        "withheld_grounds": ["third_party_rights", "process_info"],
        "withheld_description": "第三部分所列学生家庭住址",
        "public_location": "示范市东区教育局门户网站“政府信息公开—法定主动公开内容—教育规划”栏目",
        "responsible_agency_name": "示范市东区自然资源局",
        "responsible_agency_contact": "0591-12345678",
    }


# --- draft, edit, issue ----------------------------------------------------------------------------


def test_acknowledgement_is_drafted_edited_and_issued_with_number_hash_and_pdf(desk):
    application = received(desk)
    letter = letter_draft(acting_user=desk.office, application=application, kind=LetterKind.ACKNOWLEDGEMENT)
    assert letter.state == LetterState.DRAFT
    assert letter.serial is None
    assert letter.number == ""
    assert letter.title == "政府信息公开申请受理回执"
    assert letter.body.startswith("王小明：\n")
    assert "2026年3月2日收到您依据《中华人民共和国政府信息公开条例》（以下简称《条例》）" in letter.body
    assert "《条例》第三十一条第（一）项" in letter.body
    assert application.description in letter.body
    assert application.tracking_code in letter.body
    assert "20个工作日内予以答复（即2026年3月30日前）" in letter.body
    assert placeholders(letter.body) == []

    body = letter.body + "\n如有疑问，请在工作时间来电。"
    letter = letter_update(acting_user=desk.office, letter=letter, title=letter.title, body=body)
    assert letter.body.endswith("如有疑问，请在工作时间来电。")

    letter = letter_issue(acting_user=desk.office, letter=letter)
    assert letter.state == LetterState.ISSUED
    assert (letter.year, letter.serial) == (2026, 1)
    assert letter.issued_on == TODAY
    assert letter.issued_by == desk.office
    assert letter.number == f"{desk.agency.short_name}依申〔2026〕第1号"
    assert letter.sha256 == hashlib.sha256(letter.parts().text().encode()).hexdigest()
    assert letter.parts().signature == (desk.agency.name, "2026年3月5日")
    with letter.pdf.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    actions = list(
        AuditEvent.objects.filter(action__startswith="letter.").order_by("id").values_list("action", flat=True)
    )
    assert actions == ["letter.draft", "letter.update", "letter.issue"]


def test_issued_letter_is_frozen(desk):
    application = received(desk)
    letter = letter_draft(acting_user=desk.office, application=application, kind=LetterKind.ACKNOWLEDGEMENT)
    letter = letter_issue(acting_user=desk.office, letter=letter)
    frozen = (letter.title, letter.body, letter.sha256)
    with pytest.raises(ValidationError, match="不能再修改"):
        letter_update(acting_user=desk.office, letter=letter, title="新标题", body="新正文")
    with pytest.raises(ValidationError, match="不能再修改"):
        letter_issue(acting_user=desk.office, letter=letter)
    with pytest.raises(ValidationError, match="不能再修改"):
        letter_discard(acting_user=desk.office, letter=letter)
    letter.refresh_from_db()
    assert (letter.title, letter.body, letter.sha256) == frozen
    assert letter.serial == 1


def test_serials_run_per_agency_per_year_from_1_and_drafts_take_none(desk, tree):
    application = received(desk)
    drafts = [
        letter_draft(acting_user=desk.office, application=application, kind=LetterKind.ACKNOWLEDGEMENT)
        for _ in range(4)
    ]
    letter_discard(acting_user=desk.office, letter=drafts[0])
    assert not Letter.objects.filter(pk=drafts[0].pk).exists()
    assert letter_issue(acting_user=desk.office, letter=drafts[2]).serial == 1
    assert letter_issue(acting_user=desk.office, letter=drafts[1]).serial == 2
    last_year = letter_issue(acting_user=desk.office, letter=drafts[3], issued_on=dt.date(2025, 12, 31))
    assert (last_year.year, last_year.serial) == (2025, 1)
    assert last_year.number.endswith("〔2025〕第1号")

    west_office = UserFactory(username="west-office")
    grant(west_office, tree["west"], Role.OFFICE)
    other, _ = application_register(
        acting_user=west_office, agency=tree["west"], channel="in_person", submitted_on=RECEIVED, **person()
    )
    other_letter = letter_draft(acting_user=west_office, application=other, kind=LetterKind.ACKNOWLEDGEMENT)
    assert letter_issue(acting_user=west_office, letter=other_letter).serial == 1


def test_number_prefix_is_configurable_per_agency(desk):
    LetterNumbering.objects.create(agency=desk.agency, prefix="东教依复")
    letter = letter_draft(acting_user=desk.office, application=received(desk), kind=LetterKind.ACKNOWLEDGEMENT)
    assert letter_issue(acting_user=desk.office, letter=letter).number == "东教依复〔2026〕第1号"


def test_issue_refuses_unfilled_markers_and_empty_text_and_writes_nothing(desk):
    application = received(desk)
    letter = letter_draft(acting_user=desk.office, application=application, kind=LetterKind.CORRECTION_NOTICE)
    assert "【请填写需要补正的事项】" in letter.body
    with pytest.raises(ValidationError) as caught:
        letter_issue(acting_user=desk.office, letter=letter)
    assert "未填写的内容：【请填写需要补正的事项】" in caught.value.messages[0]
    with pytest.raises(ValidationError, match="正文不能为空"):
        letter_update(acting_user=desk.office, letter=letter, title="标题", body="  \n ")
    letter.refresh_from_db()
    assert (letter.state, letter.serial, letter.number, letter.pdf.name) == (LetterState.DRAFT, None, "", "")
    assert not AuditEvent.objects.filter(action="letter.issue").exists()
    assert not LetterNumbering.objects.exists()


def test_issue_date_cannot_be_in_the_future(desk):
    letter = letter_draft(acting_user=desk.office, application=received(desk), kind=LetterKind.ACKNOWLEDGEMENT)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        letter_issue(acting_user=desk.office, letter=letter, issued_on=TODAY + dt.timedelta(days=1))


# --- permissions -------------------------------------------------------------------------------------


def test_handler_drafts_and_edits_but_only_the_office_issues(desk):
    application = received(desk)
    with pytest.raises(PermissionDenied):
        letter_draft(acting_user=desk.officer, application=application, kind=LetterKind.ACKNOWLEDGEMENT)
    application.handler = desk.officer
    application.save()
    letter = letter_draft(acting_user=desk.officer, application=application, kind=LetterKind.ACKNOWLEDGEMENT)
    letter_update(acting_user=desk.officer, letter=letter, title=letter.title, body=letter.body + "\n补充一段。")
    with pytest.raises(PermissionDenied):
        letter_issue(acting_user=desk.officer, letter=letter)
    with pytest.raises(PermissionDenied):
        letter_issue(acting_user=desk.approver, letter=letter)
    letter.refresh_from_db()
    assert letter.state == LetterState.DRAFT
    assert letter_issue(acting_user=desk.office, letter=letter).serial == 1


def test_staff_of_another_agency_cannot_touch_the_letters(desk, tree):
    outsider = UserFactory(username="west-office")
    grant(outsider, tree["west"], Role.OFFICE)
    application = received(desk)
    with pytest.raises(PermissionDenied):
        letter_draft(acting_user=outsider, application=application, kind=LetterKind.ACKNOWLEDGEMENT)
    letter = letter_draft(acting_user=desk.office, application=application, kind=LetterKind.ACKNOWLEDGEMENT)
    with pytest.raises(PermissionDenied):
        letter_update(acting_user=outsider, letter=letter, title="x", body="y")
    with pytest.raises(PermissionDenied):
        letter_issue(acting_user=outsider, letter=letter)


# --- replies -----------------------------------------------------------------------------------------


def test_reply_needs_a_decision(desk):
    with pytest.raises(ValidationError, match="尚未作出处理决定"):
        letter_draft(acting_user=desk.office, application=received(desk), kind=LetterKind.REPLY)
    assert not Letter.objects.exists()


@pytest.mark.parametrize("outcome", list(Outcome))
def test_reply_for_every_outcome_states_article_reasons_and_remedies(desk, outcome):
    application = decide(received(desk), outcome, **full_decision(outcome))
    letter = letter_draft(acting_user=desk.office, application=application, kind=LetterKind.REPLY)
    outcome_spec = spec(outcome)
    assert letter.title == "政府信息公开申请答复告知书"
    assert letter.outcome == outcome.value
    assert application.description in letter.body
    assert "2026年3月2日收到您" in letter.body
    assert outcome_spec.article in letter.body
    assert "60日内" in letter.body
    assert "申请行政复议" in letter.body
    assert "《中华人民共和国行政复议法》" in letter.body
    assert "6个月内" in letter.body
    assert "提起行政诉讼" in letter.body
    assert "《中华人民共和国行政诉讼法》" in letter.body
    if outcome_spec.requires_reasons:
        assert REASONS in letter.body
    if outcome_spec.requires_responsible_agency:
        assert "负责公开该政府信息的行政机关为示范市东区自然资源局（联系方式：0591-12345678）" in letter.body
    if outcome is Outcome.GRANTED_ALREADY_PUBLIC:
        assert "教育规划”栏目" in letter.body
    if outcome is Outcome.OTHER_HANDLING:  # the office must state the basis itself
        assert placeholders(letter.body)
    else:
        assert placeholders(letter.body) == [], letter.body


@pytest.mark.parametrize("outcome", [o for o in Outcome if spec(o).requires_reasons])
def test_reply_without_the_required_reasons_cannot_be_issued(desk, outcome):
    application = decide(received(desk), outcome, **(full_decision(outcome) | {"reasons": ""}))
    letter = letter_draft(acting_user=desk.office, application=application, kind=LetterKind.REPLY)
    assert "【请填写理由】" in letter.body
    with pytest.raises(ValidationError, match="未填写的内容"):
        letter_issue(acting_user=desk.office, letter=letter)


def test_partial_disclosure_lists_the_withheld_part_and_each_ground(desk):
    application = decide(received(desk), Outcome.PARTIALLY_GRANTED, **full_decision(Outcome.PARTIALLY_GRANTED))
    body = letter_draft(acting_user=desk.office, application=application, kind=LetterKind.REPLY).body
    assert "不予公开的部分：第三部分所列学生家庭住址" in body
    third, process = GROUNDS_BY_CODE["third_party_rights"], GROUNDS_BY_CODE["process_info"]
    assert (
        f"不予公开的依据：{third.label}（《条例》{third.article}）；{process.label}（《条例》{process.article}）。"
        in body
    )
    assert "《条例》第三十七条" in body
    assert "现以电子形式通过电子邮件方式向您提供" in body


def test_refusal_names_its_ground_and_organisations_are_addressed_as_such(desk):
    organisation = person(
        applicant_type="legal_service",
        name="示范律师事务所",
        id_type="",
        id_number="",
        credit_code=valid_credit_code(7),
        legal_representative="李律师",
    )
    application = decide(received(desk, **organisation), Outcome.REFUSED_STATE_SECRET, reasons=REASONS)
    body = letter_draft(acting_user=desk.office, application=application, kind=LetterKind.REPLY).body
    assert body.startswith("示范律师事务所：\n")
    assert "属于不予公开的情形：属于国家秘密" in body
    assert "《条例》第十四条、第三十六条第（三）项" in body
    assert "你单位如对本答复不服" in body


def test_reply_no_longer_matching_the_decision_is_not_issued(desk):
    application = decide(received(desk), Outcome.GRANTED)
    letter = letter_draft(acting_user=desk.office, application=application, kind=LetterKind.REPLY)
    decide(application, Outcome.NOT_HELD, reasons=REASONS)
    with pytest.raises(ValidationError, match="处理结果已变更"):
        letter_issue(acting_user=desk.office, letter=letter)


def test_issued_reply_letter_is_the_latest_issued_reply(desk):
    application = decide(received(desk), Outcome.GRANTED)
    assert issued_reply_letter(application) is None
    first = letter_issue(
        acting_user=desk.office,
        letter=letter_draft(acting_user=desk.office, application=application, kind=LetterKind.REPLY),
    )
    letter_draft(acting_user=desk.office, application=application, kind=LetterKind.REPLY)  # a later draft
    assert issued_reply_letter(application) == first
    assert [letter.kind for letter in letters_for(application)] == ["reply", "reply"]


# --- the other notices -------------------------------------------------------------------------------


def test_correction_notice_states_items_and_the_deadline_from_the_clock(desk):
    application = received(desk)
    ClockEntry.objects.create(
        application=application,
        kind=EventKind.CORRECTION_REQUESTED,
        on=dt.date(2026, 3, 4),
        workdays=10,
        note="请明确所需信息的年度和学区名称。",
    )
    body = letter_draft(acting_user=desk.office, application=application, kind=LetterKind.CORRECTION_NOTICE).body
    deadline = work_calendar().add_workdays(dt.date(2026, 3, 4), 10)
    assert "需要补正的事项：请明确所需信息的年度和学区名称。" in body
    assert f"补正期限：10个工作日，请于{deadline.year}年{deadline.month}月{deadline.day}日前" in body
    assert "《条例》第三十条" in body
    assert "视为放弃申请" in body
    assert placeholders(body) == []


@pytest.mark.parametrize(
    ("party", "article", "silence"),
    [("third_party", "第三十二条", "由本机关依照《条例》的规定决定是否公开"), ("agency", "第三十四条", "视为同意公开")],
)
def test_consultation_letter_goes_to_the_consulted_party_with_15_workdays(desk, party, article, silence):
    application = received(desk)
    consultation = Consultation.objects.create(
        application=application,
        ref="ZQ-1",
        party=party,
        addressee="示范市某某科技有限公司" if party == "third_party" else "示范市东区财政局",
        subject="是否同意公开贵方2025年投标文件中的报价部分",
        sent_on=dt.date(2026, 3, 4),
    )
    letter = letter_draft(
        acting_user=desk.office, application=application, kind=LetterKind.CONSULTATION, consultation=consultation
    )
    deadline = work_calendar().add_workdays(dt.date(2026, 3, 4), CONSULTATION_WORKDAYS)
    assert letter.body.startswith(f"{consultation.addressee}：\n")
    assert consultation.subject in letter.body
    assert article in letter.body
    assert f"15个工作日内（{deadline.year}年{deadline.month}月{deadline.day}日前）" in letter.body
    assert silence in letter.body
    assert "王小明" not in letter.body  # the applicant's identity is not disclosed to the consulted party
    assert ("第三方" in letter.title) == (party == "third_party")
    with pytest.raises(ValidationError):
        letter_draft(acting_user=desk.office, application=application, kind=LetterKind.CONSULTATION)


def test_extension_notice_states_workdays_reason_and_new_due_date(desk):
    application = received(desk)
    ClockEntry.objects.create(
        application=application,
        kind=EventKind.EXTENSION_GRANTED,
        on=dt.date(2026, 3, 5),
        workdays=10,
        note="需调取档案",
    )
    body = letter_draft(acting_user=desk.office, application=application, kind=LetterKind.EXTENSION_NOTICE).body
    due = work_calendar().add_workdays(RECEIVED, 30)
    assert "延期理由：需调取档案" in body
    assert f"答复期限延长10个工作日，本机关将于{due.year}年{due.month}月{due.day}日前作出答复" in body
    assert "《条例》第三十三条第二款" in body
    assert placeholders(body) == []


def test_fee_notice_states_amount_computation_basis_and_payment_period(desk):
    application = received(desk)
    application.fee_basis = "per_volume"
    application.fee_quantity = 120
    application.fee_amount = 1100
    application.fee_text = fee_per_volume(120).text
    application.fee_reason = "申请公开的信息达120页，明显超过合理范围。"
    application.save()
    body = letter_draft(acting_user=desk.office, application=application, kind=LetterKind.FEE_NOTICE).body
    assert "应缴金额：人民币1100元。" in body
    assert application.fee_text in body
    assert "《条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第五条" in body
    assert "自收到本通知之次日起20个工作日内缴纳" in body
    assert placeholders(body) == ["【请填写缴纳方式（收款账户或缴费地点）】"]


# --- templates ---------------------------------------------------------------------------------------


def test_agency_templates_override_the_built_in_text(desk, tree):
    application = decide(received(desk), Outcome.GRANTED)
    for_all = letter_template_save(
        acting_user=desk.office,
        template=LetterTemplate(agency=desk.agency, kind="reply", title="答复书", body="{{ addressee }}：\n通用答复。"),
    )
    assert letter_draft(acting_user=desk.office, application=application, kind="reply").body == "王小明：\n通用答复。"
    letter_template_save(
        acting_user=desk.office,
        template=LetterTemplate(
            agency=desk.agency, kind="reply", outcome="granted", title="公开答复书", body="{{ article }}。{{ nosuch }}"
        ),
    )
    letter = letter_draft(acting_user=desk.office, application=application, kind="reply")
    assert letter.title == "公开答复书"
    assert letter.body == "《条例》第三十六条第（二）项。【请填写：nosuch】"
    for_all.active = False
    letter_template_save(acting_user=desk.office, template=for_all)
    assert AuditEvent.objects.filter(action="lettertemplate.update").exists()

    outsider = UserFactory(username="west-office")
    grant(outsider, tree["west"], Role.OFFICE)
    with pytest.raises(PermissionDenied):
        letter_template_save(
            acting_user=outsider, template=LetterTemplate(agency=desk.agency, kind="reply", title="x", body="y")
        )
    with pytest.raises(PermissionDenied):
        letter_template_save(acting_user=desk.office, template=LetterTemplate(kind="reply", title="x", body="y"))


def test_template_errors_are_refused_in_chinese(desk):
    cases = [
        ({"kind": "reply", "body": "{% if %}"}, "body", "模板语法错误"),
        ({"kind": "reply", "body": '{% include "admin/base.html" %}'}, "body", "不能引用其他模板"),
        ({"kind": "reply", "body": "{% load static %}"}, "body", "模板语法错误"),
        ({"kind": "fee_notice", "outcome": "granted", "body": "x"}, "outcome", "只有答复告知书"),
        ({"kind": "fee_notice", "body": ""}, "body", "不能为空"),
    ]
    for fields, field, message in cases:
        with pytest.raises(ValidationError) as caught:
            letter_template_save(
                acting_user=desk.office, template=LetterTemplate(agency=desk.agency, title="t", **fields)
            )
        assert message in caught.value.message_dict[field][0]
    letter_template_save(
        acting_user=desk.office, template=LetterTemplate(agency=desk.agency, kind="fee_notice", title="t", body="b")
    )
    with pytest.raises(ValidationError, match="已有同类文书"):
        letter_template_save(
            acting_user=desk.office, template=LetterTemplate(agency=desk.agency, kind="fee_notice", title="t", body="c")
        )


def test_every_built_in_template_renders():
    for kind in LetterKind:
        outcomes = list(Outcome) if kind is LetterKind.REPLY else [None]
        for outcome in outcomes:
            title, body = default_template(kind, outcome)
            assert title
            assert body.startswith("{{ addressee }}：")


# --- documents ---------------------------------------------------------------------------------------


def test_docx_and_pdf_carry_the_number_and_text(desk):
    application = decide(received(desk), Outcome.GRANTED)
    letter = letter_draft(acting_user=desk.office, application=application, kind=LetterKind.REPLY)
    draft_pdf = render_pdf(letter.parts())
    assert draft_pdf.startswith(b"%PDF")
    letter = letter_issue(acting_user=desk.office, letter=letter)
    data = render_docx(letter.parts())
    assert data == render_docx(letter.parts())  # the same frozen letter always gives the same file
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "政府信息公开申请答复告知书"
    assert letter.number in texts
    assert "王小明：" in texts
    assert texts[-2:] == [desk.agency.name, "2026年3月5日"]
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    run = document.paragraphs[3].runs[0]
    fonts = run._element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋_GB2312"
    assert render_pdf(letter.parts()).startswith(b"%PDF")


def test_admin_shows_staff_their_agencies_templates_and_saves_through_the_service(client, desk, tree):
    own = letter_template_save(
        acting_user=None,
        template=LetterTemplate(agency=desk.agency, kind="fee_notice", title="本机关收费通知", body="b"),
    )
    letter_template_save(
        acting_user=None,
        template=LetterTemplate(agency=tree["west"], kind="fee_notice", title="西区收费通知", body="b"),
    )
    letter_template_save(acting_user=None, template=LetterTemplate(kind="fee_notice", title="全平台收费通知", body="b"))
    client.force_login(desk.office)
    listing = client.get(reverse("admin:inforequests_lettertemplate_changelist")).content.decode()
    assert "本机关收费通知" in listing
    assert "西区收费通知" not in listing
    assert "全平台收费通知" not in listing
    add_url = reverse("admin:inforequests_lettertemplate_add")
    form = client.get(add_url, {"kind": "extension_notice"}).content.decode()
    assert "经本机关政府信息公开工作机构负责人同意" in form
    response = client.post(
        add_url,
        {
            "agency": desk.agency.pk,
            "kind": "extension_notice",
            "outcome": "",
            "title": "延期告知",
            "body": "{{ addressee }}：",
            "active": "on",
        },
    )
    assert response.status_code == 302
    created = LetterTemplate.objects.get(title="延期告知")
    assert created.updated_by == desk.office
    assert AuditEvent.objects.filter(action="lettertemplate.create", target_id=str(created.pk)).exists()
    response = client.post(add_url, {"kind": "extension_notice", "title": "全平台", "body": "x", "active": "on"})
    assert response.status_code == 200  # the agency is required for staff
    assert not LetterTemplate.objects.filter(title="全平台").exists()
    change = reverse("admin:inforequests_lettertemplate_change", args=[own.pk])
    assert client.get(change).status_code == 200
