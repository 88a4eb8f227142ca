"""The staff pages of consultations: the list with the work queues (askers' names masked), registration
of calls, letters, visits and assigned cases (code and password shown once), the enquiry page with its
actions (review of replies, publication refused while personal data remains, reopening), the figures
per period and source, conversion both ways, 403 for forbidden actions and 404 for other agencies."""

import re

import pytest
from django.urls import reverse

from gongkai.consultations.models import Enquiry, EnquiryEvent
from gongkai.consultations.services.handling import enquiry_assign, reply_draft, reply_send
from gongkai.consultations.services.rating import enquiry_rate
from gongkai.inforequests.models import Application
from gongkai.inforequests.services.intake import application_register
from gongkai.inforequests.states import ApplicationState
from tests.consultations.conftest import MONDAY, D, Desk, at
from tests.inforequests.conftest import person
from tests.screening.test_detectors import valid_id

pytestmark = pytest.mark.django_db
REPLY = "一年级新生入学需准备户口簿、房产证明或居住证，以及预防接种证。"


@pytest.fixture
def desk(tree):
    return Desk(tree["east"], tree["west"])


def detail_url(enquiry):
    return reverse("backoffice:consultation", args=[enquiry.pk])


def act(client, enquiry, action, day=MONDAY, **fields):
    """POST one action's form (fields are given without the action prefix) on ``day``."""
    data = {f"{action}-{name}": value for name, value in fields.items()}
    if "check" in fields:
        data["check"] = "1"
    with at(day):
        return client.post(reverse("backoffice:consultation_action", args=[enquiry.pk, action]), data)


def fresh(enquiry):
    return Enquiry.objects.get(pk=enquiry.pk)


def register_data(desk, code="hotline", **changes):
    data = {
        "agency": str(desk.agency.pk),
        "source": str(desk.source(code).pk),
        "received_on": "2026-03-02",
        "subject": "",
        "question": "请问孩子转学需要办理哪些手续？",
        "name": "王芳",
        "phone": "13812345678",
        "email": "",
        "address": "",
        "assigned_by": "",
        "assigner_ref": "",
        "assigner_deadline": "",
        "category": "",
        "handler": "",
        "department": "",
    }
    data.update(changes)
    return data


# --- list and queues -------------------------------------------------------------------------------


def test_list_masks_askers_and_has_queue_tabs_and_filters(client, desk):
    first = desk.register()
    second = desk.register(code="letter", name="欧阳小明", question="来信询问学籍转接。", subject="学籍转接")
    client.force_login(desk.office)
    with at(MONDAY):
        html = client.get(reverse("backoffice:consultations")).content.decode()
        tab = client.get(reverse("backoffice:consultations"), {"queue": "unassigned"}).content.decode()
        letters = client.get(reverse("backoffice:consultations"), {"source": "来信"}).content.decode()
        masked = client.get(reverse("backoffice:consultations"), {"q": "李**"}).content.decode()
    for enquiry in (first, second):
        assert enquiry.tracking_code in html
    assert "李**" in html
    assert "欧***" in html
    for secret in ("李小红", "欧阳小明", "13912345678", "li@example.com"):
        assert secret not in html
    assert "咨询信箱" in html  # the navigation link
    assert "待分派（2）" in tab
    assert "共 1 件" in letters
    assert second.tracking_code in letters
    assert first.tracking_code in masked
    assert second.tracking_code not in masked


def test_dashboard_shows_the_consultation_queues(client, desk):
    desk.register()
    client.force_login(desk.office)
    with at(MONDAY):
        html = client.get(reverse("backoffice:dashboard")).content.decode()
    assert "咨询信箱" in html
    assert "待分派（1）" in html


# --- registration ----------------------------------------------------------------------------------


def test_registering_a_call_assigns_it_and_shows_the_password_once(client, desk):
    client.force_login(desk.office)
    data = register_data(desk, handler=str(desk.officer.pk))
    with at(MONDAY):
        form = client.get(reverse("backoffice:consultation_new")).content.decode()
        response = client.post(reverse("backoffice:consultation_new"), data)
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        again = client.get(response["Location"]).content.decode()
    assert "12345热线交办" in form
    assert "承办人甲" in form
    enquiry = Enquiry.objects.get()
    assert (enquiry.state, enquiry.handler, enquiry.source.code) == ("handling", desk.officer, "hotline")
    assert enquiry.due_on == D(2026, 3, 5)  # 3 working days
    secret = re.search(r"查询密码：<strong><code>([^<]+)</code>", page).group(1)
    assert enquiry.tracking_code in page
    assert secret not in again
    assert "2026年3月5日" in page
    assert "13812345678" in page  # staff who see the enquiry see the contact details


def test_registering_an_assigned_case_uses_the_assigners_deadline(client, desk):
    client.force_login(desk.office)
    data = register_data(desk, code="assigned_mayor", assigner_ref="SZXX-2026-0031", assigner_deadline="2026-03-13")
    with at(MONDAY):
        response = client.post(reverse("backoffice:consultation_new"), data)
        listing = client.get(reverse("backoffice:consultations")).content.decode()
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert (enquiry.assigned_by, enquiry.assigner_ref, enquiry.due_on) == ("市长信箱", "SZXX-2026-0031", D(2026, 3, 13))
    assert "SZXX-2026-0031" in listing


def test_registration_refusals_keep_the_input(client, desk):
    client.force_login(desk.office)
    with at(MONDAY):
        response = client.post(
            reverse("backoffice:consultation_new"), register_data(desk, assigner_ref="X-1", question="转学手续问题")
        )
        future = client.post(reverse("backoffice:consultation_new"), register_data(desk, received_on="2026-03-09"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "只有上级交办件才填写" in html
    assert "转学手续问题" in html
    assert 'value="X-1"' in html
    assert "受理日期不能晚于今天" in future.content.decode()
    assert not Enquiry.objects.exists()


def test_registration_is_forbidden_without_the_office_role(client, desk):
    client.force_login(desk.officer)
    assert client.get(reverse("backoffice:consultation_new")).status_code == 403


# --- handling and review ---------------------------------------------------------------------------


def test_reply_goes_out_only_after_review_by_someone_else(client, desk):
    desk.require_review()
    enquiry = desk.register()
    client.force_login(desk.office)
    assert act(client, enquiry, "assign", handler=desk.officer.pk).status_code == 302
    client.force_login(desk.officer)
    with at(MONDAY):
        page = client.get(detail_url(enquiry)).content.decode()
    assert "直接答复" not in page  # review required: no one-step reply
    assert act(client, enquiry, "draft", text=REPLY).status_code == 302
    refused = act(client, enquiry, "send", on="2026-03-02", close="on")
    assert refused.status_code == 200
    assert "审核通过后才能发出" in refused.content.decode()
    assert fresh(enquiry).state == "drafted"
    assert act(client, enquiry, "submit_review").status_code == 302
    assert act(client, enquiry, "approve").status_code == 403, "the officer does not review"

    client.force_login(desk.reviewer)
    with at(MONDAY):
        queue = client.get(reverse("backoffice:consultations"), {"queue": "to_review"}).content.decode()
        page = client.get(detail_url(enquiry)).content.decode()
    assert enquiry.tracking_code in queue
    assert REPLY in page
    assert "审核通过" in page
    returned = act(client, enquiry, "return", comment="")
    assert "请填写退回意见" in returned.content.decode()
    assert act(client, enquiry, "return", comment="请补充预防接种证的说明。").status_code == 302
    assert fresh(enquiry).state == "drafted"

    client.force_login(desk.officer)
    act(client, enquiry, "draft", text=REPLY + "预防接种证由社区卫生服务中心出具。")
    act(client, enquiry, "submit_review")
    client.force_login(desk.approver)
    assert act(client, enquiry, "approve", comment="同意").status_code == 302
    client.force_login(desk.officer)
    response = act(client, enquiry, "send", on="2026-03-02", close="on")
    assert response.status_code == 302
    enquiry = fresh(enquiry)
    assert (enquiry.state, enquiry.reviewed_by, enquiry.replied_on) == ("closed", desk.approver, MONDAY)
    kinds = list(EnquiryEvent.objects.filter(enquiry=enquiry).values_list("kind", flat=True))
    assert kinds.count("review_requested") == 2
    assert "returned" in kinds
    assert "approved" in kinds


def test_the_office_answers_a_call_in_one_step_and_the_reopening_after_dissatisfaction(client, desk):
    enquiry = desk.register()
    client.force_login(desk.office)
    response = act(client, enquiry, "reply", text=REPLY, reply_on="2026-03-02", close="on")
    assert response.status_code == 302
    assert fresh(enquiry).state == "closed"
    with at(MONDAY):
        enquiry_rate(enquiry=fresh(enquiry), rating="dissatisfied", comment="没有说清楚")
        queue = client.get(reverse("backoffice:consultations"), {"queue": "dissatisfied"}).content.decode()
    assert enquiry.tracking_code in queue
    refused = act(client, enquiry, "reopen", D(2026, 3, 3), reason="", on="2026-03-03")
    assert "请填写重新办理的理由" in refused.content.decode()
    assert act(client, enquiry, "reopen", D(2026, 3, 3), reason="补充答复", on="2026-03-03").status_code == 302
    enquiry = fresh(enquiry)
    assert (enquiry.state, enquiry.reopened_count, enquiry.due_on) == ("handling", 1, D(2026, 3, 6))


def test_forbidden_actions_are_403(client, desk):
    enquiry = desk.register()
    with at(MONDAY):
        enquiry_assign(acting_user=desk.office, enquiry=enquiry, handler=desk.officer)
    client.force_login(desk.officer)
    assert act(client, enquiry, "void", reason="测试").status_code == 403
    assert act(client, enquiry, "assign", handler=desk.officer2.pk).status_code == 403
    assert act(client, enquiry, "nonsense").status_code == 404
    assert fresh(enquiry).state == "handling"


def test_other_agencies_and_other_handlers_get_404(client, desk):
    enquiry = desk.register()
    with at(MONDAY):
        enquiry_assign(acting_user=desk.office, enquiry=enquiry, handler=desk.officer)
    for user in (desk.outsider, desk.officer2):
        client.force_login(user)
        assert client.get(detail_url(enquiry)).status_code == 404
        assert act(client, enquiry, "draft", text="看看").status_code == 404
        assert enquiry.tracking_code not in client.get(reverse("backoffice:consultations")).content.decode()
    assert fresh(enquiry).reply == ""


# --- publication -----------------------------------------------------------------------------------


def test_publication_preview_flags_personal_data_and_refuses_it(client, desk):
    enquiry = desk.register(question="我是李小红，电话13912345678，请问一年级入学需要哪些材料？")
    with at(MONDAY):
        reply_send(acting_user=desk.office, enquiry=enquiry, text=REPLY)
    client.force_login(desk.office)
    with at(MONDAY):
        page = client.get(detail_url(enquiry)).content.decode()
    assert "原文中发现以下个人信息" in page
    assert "手机号码“139****5678”" in page
    assert "我是×××，电话***，请问一年级入学需要哪些材料？" in page  # the suggested public text

    leaked = "我是李小红，电话13912345678，请问一年级入学需要哪些材料？"
    refused = act(
        client, enquiry, "publish", public_subject="一年级入学材料", public_question=leaked, public_answer=REPLY
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "请先删除其中的个人信息或敏感内容" in html
    assert "留言人姓名“李**”" in html
    assert leaked in html, "the input is kept"
    assert not fresh(enquiry).published

    cleaned = "请问一年级入学需要哪些材料？"
    checked = act(
        client,
        enquiry,
        "publish",
        public_subject="一年级入学材料",
        public_question=cleaned,
        public_answer=REPLY,
        check=1,
    )
    assert "修改后的公开文本中未发现个人信息" in checked.content.decode()
    assert not fresh(enquiry).published
    response = act(
        client, enquiry, "publish", public_subject="一年级入学材料", public_question=cleaned, public_answer=REPLY
    )
    assert response.status_code == 302
    public = client.get(reverse("portal:answers", args=[desk.agency.pk])).content.decode()
    assert "一年级入学材料" in public
    assert "李小红" not in public
    assert act(client, enquiry, "unpublish", reason="").status_code == 200
    assert act(client, enquiry, "unpublish", reason="政策已调整").status_code == 302
    assert not fresh(enquiry).published


def test_publication_needs_the_askers_consent(client, desk):
    enquiry = desk.register(publish_consent=False)
    with at(MONDAY):
        reply_send(acting_user=desk.office, enquiry=enquiry, text=REPLY)
    client.force_login(desk.office)
    with at(MONDAY):
        page = client.get(detail_url(enquiry)).content.decode()
    assert "公开问答" not in page.split('id="act"')[1].split("</section>")[0]
    response = act(client, enquiry, "publish", public_subject="标题", public_question="问题", public_answer=REPLY)
    assert "留言人未同意公开" in response.content.decode()


# --- figures ---------------------------------------------------------------------------------------


def test_figures_per_source_for_a_period(client, desk):
    for day, rating in ((D(2026, 3, 2), "satisfied"), (D(2026, 3, 3), "basically_satisfied")):
        enquiry, _ = desk.submit(day)
        with at(day):
            enquiry = reply_send(acting_user=desk.office, enquiry=enquiry, text=REPLY, close=True)
            enquiry_rate(enquiry=enquiry, rating=rating)
    desk.register(D(2026, 3, 2))  # a call not yet answered
    client.force_login(desk.office)
    with at(D(2026, 3, 10)):
        html = client.get(
            reverse("backoffice:consultation_figures"),
            {"agency": desk.agency.pk, "first": "2026-03-01", "last": "2026-03-31"},
        ).content.decode()
        default = client.get(reverse("backoffice:consultation_figures")).content.decode()
        wrong = client.get(
            reverse("backoffice:consultation_figures"),
            {"agency": desk.agency.pk, "first": "2026-03-31", "last": "2026-03-01"},
        ).content.decode()
    assert "受理局长信箱2件，反馈率100%，办结率100%，满意率100%" in html
    assert "受理咨询电话/热线1件，反馈率0%，办结率0%，满意率—" in html
    assert "共受理3件，反馈率66.7%" in html
    assert "0个工作日" in html
    for label in ("12345热线交办", "来信", "按期办结率", "答复用时中位数"):
        assert label in html
    assert "2026年1月1日至2026年3月10日" in default
    assert "结束日期不能早于开始日期" in wrong
    client.force_login(desk.officer)
    assert client.get(reverse("backoffice:consultation_figures")).status_code == 403


# --- conversion both ways --------------------------------------------------------------------------


def test_an_enquiry_becomes_an_application_with_the_applicant_data_staff_complete(client, desk):
    enquiry = desk.register(code="visit", question="请提供本校2025年度收费公示文件。")
    client.force_login(desk.office)
    with at(MONDAY):
        page = client.get(detail_url(enquiry)).content.decode()
    assert "转为政府信息公开申请" in page
    assert 'value="in_person" selected' in page or re.search(r'<option value="in_person"[^>]*selected', page)
    fields = {
        "reason": "来访人要求获取收费公示文件",
        "channel": "in_person",
        "applicant_type": "natural_person",
        "name": "李小红",
        "id_type": "resident_id",
        "id_number": "",
        "phone": "13912345678",
        "description": "请提供本校2025年度收费公示文件。",
        "form_wanted": "paper",
        "delivery_wanted": "post",
        "address": "示范市东城区人民路100号",
    }
    refused = act(client, enquiry, "convert", D(2026, 3, 3), **fields)
    assert refused.status_code == 200
    assert "身份证件号码" in refused.content.decode()
    assert fresh(enquiry).state == "received"
    response = act(client, enquiry, "convert", D(2026, 3, 3), **(fields | {"id_number": valid_id()}))
    assert response.status_code == 302
    enquiry = fresh(enquiry)
    application = enquiry.converted_to_application
    assert response["Location"] == reverse("backoffice:application", args=[application.pk])
    assert (enquiry.state, application.channel, application.received_on) == ("converted", "in_person", MONDAY)
    with at(D(2026, 3, 3)):
        app_page = client.get(response["Location"]).content.decode()
        enquiry_page = client.get(detail_url(enquiry)).content.decode()
    assert f'本申请由咨询 <a href="{detail_url(enquiry)}">{enquiry.tracking_code}</a>' in app_page
    assert application.tracking_code in enquiry_page
    assert "转为政府信息公开申请" in enquiry_page  # the history step


def test_an_application_becomes_an_enquiry_under_article_39(client, desk):
    with at(MONDAY):
        application, _ = application_register(
            acting_user=desk.office,
            agency=desk.agency,
            channel="in_person",
            submitted_on=MONDAY,
            **person(description="我想咨询孩子明年上小学的学区怎么划分，应该找哪个部门？"),
        )
    client.force_login(desk.office)
    with at(D(2026, 3, 3)):
        app_page = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
        url = reverse("backoffice:consultation_from_application", args=[application.pk])
        refused = client.post(url, {"source": desk.source("visit").pk, "reason": "", "on": "2026-03-03"})
        response = client.post(
            url, {"source": desk.source("visit").pk, "reason": "申请内容系咨询学区划分", "on": "2026-03-03"}
        )
    assert "转为咨询（条例第三十九条）" in app_page
    assert url in app_page
    assert "请填写转为咨询的理由" in refused.content.decode()
    assert response.status_code == 302
    enquiry = Enquiry.objects.get(converted_from_application=application)
    assert response["Location"] == detail_url(enquiry)
    application.refresh_from_db()
    assert (application.state, application.outcome) == (ApplicationState.REPLIED.value, "petition_complaint")
    assert (enquiry.source.code, enquiry.received_on, enquiry.state) == ("visit", D(2026, 3, 3), "received")
    with at(D(2026, 3, 3)):
        enquiry_page = client.get(detail_url(enquiry)).content.decode()
        app_page = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    assert application.tracking_code in enquiry_page
    assert f'本申请已转为咨询 <a href="{detail_url(enquiry)}">{enquiry.tracking_code}</a>' in app_page
    assert "转为咨询（条例第三十九条）" not in app_page, "answered applications are no longer offered"


def test_converting_an_application_of_another_agency_is_404_and_the_officer_is_refused(client, desk):
    with at(MONDAY):
        application, _ = application_register(
            acting_user=desk.office, agency=desk.agency, channel="in_person", submitted_on=MONDAY, **person()
        )
    url = reverse("backoffice:consultation_from_application", args=[application.pk])
    client.force_login(desk.outsider)
    assert client.post(url, {"source": desk.source("visit").pk, "reason": "x"}).status_code == 404
    client.force_login(desk.officer)
    assert client.get(url).status_code in {403, 404}
    assert Application.objects.get(pk=application.pk).state == "handling"
    assert not Enquiry.objects.exists()


def test_drafts_are_kept_on_the_page_between_visits(client, desk):
    enquiry = desk.register()
    with at(MONDAY):
        reply_draft(acting_user=desk.office, enquiry=enquiry, text=REPLY)
    client.force_login(desk.office)
    with at(MONDAY):
        page = client.get(detail_url(enquiry)).content.decode()
    assert "答复草稿" in page
    assert REPLY in page
