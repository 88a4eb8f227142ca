"""The staff pages of applications: list with queues (personal data masked), registration (tracking code
and secret shown once), the application page (due date always with its explanation) and the action
endpoints (service refusals re-render the page with the input kept; forbidden is 403; missing is 404)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.roles import Role
from gongkai.audit.models import AuditEvent
from gongkai.inforequests.models import Application, ExtensionRequest
from gongkai.inforequests.services.intake import application_submit_online, secret_hash
from gongkai.inforequests.services.ledger import clock_state
from gongkai.inforequests.states import ApplicationState
from gongkai.publications.models import CatalogNode, InformationItem
from gongkai.publications.services.items import item_create
from gongkai.publications.services.setup import disclosure_setup
from tests.factories import UserFactory, grant
from tests.inforequests.conftest import Desk, person
from tests.inforequests.helpers import D, at, received_in_person
from tests.screening.test_detectors import valid_id
from tests.screening.test_extract import make_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(tree):
    """The disclosure office of 测试市东区教育局 (as in the service tests)."""
    return Desk(tree["east"])


def detail_url(application):
    return reverse("backoffice:application", args=[application.pk])


def action_url(application, action):
    return reverse("backoffice:application_action", args=[application.pk, action])


def act(client, application, action, day, **fields):
    """POST one action's form (fields are given without the action prefix) on ``day``."""
    data = {f"{action}-{name}": value for name, value in fields.items()}
    with at(day):
        return client.post(action_url(application, action), data)


def state_of(application):
    return Application.objects.get(pk=application.pk).state


def register_data(**changes):
    data = {
        "agency": "",
        "channel": "in_person",
        "submitted_on": "2026-03-02",
        "signed_on": "",
        "confirmed_on": "",
        **person(),
    }
    data.update(changes)
    return data


def test_list_masks_personal_data_and_searches_by_code_or_masked_name(client, desk):
    application = received_in_person(desk, D(2026, 3, 2))
    client.force_login(desk.office)
    with at(D(2026, 3, 3)):
        html = client.get(reverse("backoffice:applications")).content.decode()
        by_mask = client.get(reverse("backoffice:applications"), {"q": "王**"}).content.decode()
        by_code = client.get(
            reverse("backoffice:applications"), {"q": application.tracking_code.lower()}
        ).content.decode()
        nobody = client.get(reverse("backoffice:applications"), {"q": "李*"}).content.decode()
    assert application.tracking_code in html
    assert "王**" in html
    for secret in ("王小明", valid_id(), "13912345678", "wang@example.com", "人民路"):
        assert secret not in html
    assert application.tracking_code in by_mask
    assert application.tracking_code in by_code
    assert application.tracking_code not in nobody
    assert "2026-03-30" in html  # the reply due date
    assert "依申请公开" in html  # the navigation link


def test_list_filters_and_queue_tabs(client, desk):
    received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 2)):
        online, _ = application_submit_online(agency=desk.agency, **person(name="李四"))
    client.force_login(desk.office)
    with at(D(2026, 3, 25)):
        pending = client.get(reverse("backoffice:applications"), {"state": "pending"}).content.decode()
        tab = client.get(reverse("backoffice:applications"), {"queue": "pending"}).content.decode()
        due = client.get(reverse("backoffice:applications"), {"queue": "due_soon"}).content.decode()
        year = client.get(reverse("backoffice:applications"), {"year": "2025"}).content.decode()
    assert "共 1 件" in pending
    assert online.tracking_code in pending
    assert "待确认收到（1）" in tab
    assert online.tracking_code in tab
    assert "李*" in tab
    assert "即将到期（1）" in due
    assert "还剩3个工作日" in due
    assert "期限计算说明" in due
    assert "共 0 件" in year


def test_staff_of_another_agency_gets_404(client, desk, tree):
    application = received_in_person(desk, D(2026, 3, 2))
    outsider = UserFactory()
    grant(outsider, tree["west"], Role.OFFICE)
    client.force_login(outsider)
    assert client.get(detail_url(application)).status_code == 404
    assert act(client, application, "comment", D(2026, 3, 3), text="看看").status_code == 404
    assert client.post(reverse("backoffice:application_reveal", args=[application.pk])).status_code == 404
    assert application.tracking_code not in client.get(reverse("backoffice:applications")).content.decode()


def test_register_in_person_shows_the_code_and_the_secret_once(client, desk):
    client.force_login(desk.office)
    with at(D(2026, 3, 2)):
        response = client.post(reverse("backoffice:application_new"), register_data(agency=desk.agency.pk))
        application = Application.objects.get()
        assert response.url == detail_url(application)
        first = client.get(response.url).content.decode()
        again = client.get(response.url).content.decode()
    assert application.state == ApplicationState.HANDLING
    assert application.received_on == D(2026, 3, 2)
    secret = re.search(r"查询密码：<strong><code>([^<]+)</code>", first).group(1)
    assert secret_hash(secret) == application.access_secret_hash
    assert application.tracking_code in first
    assert secret not in again
    assert "查询密码只在此显示一次" not in again


def test_register_refusal_keeps_the_input_with_chinese_errors(client, desk):
    client.force_login(desk.office)
    with at(D(2026, 3, 2)):
        response = client.post(
            reverse("backoffice:application_new"),
            register_data(agency=desk.agency.pk, confirmed_on="2026-03-02", phone="", email="", address=""),
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "至少填写一种联系方式" in html
        assert "学区划分方案" in html  # the description typed is still there
        assert not Application.objects.exists()
        # A date the channel does not use is refused (Art. 31), not silently dropped.
        response = client.post(
            reverse("backoffice:application_new"), register_data(agency=desk.agency.pk, confirmed_on="2026-03-02")
        )
    assert "当面提交不适用确认日期" in response.content.decode()
    assert not Application.objects.exists()


def test_only_the_office_may_register(client, desk):
    client.force_login(desk.officer)
    assert client.get(reverse("backoffice:application_new")).status_code == 403


def test_full_flow_through_the_views(client, desk):
    with at(D(2026, 3, 2)):
        application, _ = application_submit_online(agency=desk.agency, **person())
    client.force_login(desk.office)
    with at(D(2026, 3, 2)):
        page = client.get(detail_url(application)).content.decode()
    assert "确认收到申请" in page
    assert "作出答复" not in page  # not allowed while pending

    response = act(client, application, "confirm", D(2026, 3, 3), confirmed_on="2026-03-03")
    assert response.url == detail_url(application)
    assert state_of(application) == ApplicationState.HANDLING
    twice = act(client, application, "confirm", D(2026, 3, 3), confirmed_on="2026-03-03")  # a double submission
    assert twice.status_code == 200
    assert "不能执行“确认收到申请”" in twice.content.decode()

    act(client, application, "correction_request", D(2026, 3, 4), on="2026-03-04", workdays="10", what="请写明年份")
    assert state_of(application) == ApplicationState.AWAITING_CORRECTION
    with at(D(2026, 3, 5)):
        page = client.get(detail_url(application)).content.decode()
    assert "补正期间暂停计算" in page
    assert 'action="' + action_url(application, "decide") not in page

    act(client, application, "correction_receive", D(2026, 3, 10), on="2026-03-10")
    assert state_of(application) == ApplicationState.HANDLING

    data = {
        "outcome": "partially_granted",
        "decided_on": "2026-03-20",
        "reasons": "部分内容涉及个人隐私",
        "withheld_grounds": "third_party_rights",
        "withheld_description": "学生姓名及身份证号码",
    }
    response = act(client, application, "decide", D(2026, 3, 20), **data)
    assert response.status_code == 302
    decided = Application.objects.get(pk=application.pk)
    assert (decided.state, decided.outcome) == (ApplicationState.REPLIED, "partially_granted")
    assert decided.withheld_grounds == ["third_party_rights"]

    response = act(client, application, "deliver", D(2026, 3, 23), method="email", on="2026-03-23", ref="")
    with at(D(2026, 3, 23)):
        page = client.get(response.url).content.decode()
    assert state_of(application) == ApplicationState.CLOSED
    assert "已登记送达，申请办结。" in page
    assert "已办结" in page
    assert "在答复期限内" in page  # the explanation states the reply was in time
    actions = list(
        AuditEvent.objects.filter(target_id=str(application.pk)).order_by("id").values_list("action", flat=True)
    )
    assert actions[-5:] == [
        "application.confirm",
        "application.correction_request",
        "application.correction_receive",
        "application.decide",
        "application.deliver",
    ]


def test_a_service_refusal_re_renders_the_page_with_the_input_kept(client, desk):
    application = received_in_person(desk, D(2026, 3, 2))
    client.force_login(desk.office)
    response = act(
        client,
        application,
        "decide",
        D(2026, 3, 10),
        outcome="partially_granted",
        decided_on="2026-03-10",
        reasons="部分内容涉及第三方商业秘密",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "“作出答复”未保存" in html
    assert "部分公开须写明不予公开的部分" in html
    assert "部分内容涉及第三方商业秘密" in html  # what was typed is kept
    assert '<option value="partially_granted" selected>' in html
    assert "答复期限" in html  # the rest of the page is there
    assert state_of(application) == ApplicationState.HANDLING


def test_a_form_error_keeps_the_input_too(client, desk):
    application = received_in_person(desk, D(2026, 3, 2))
    client.force_login(desk.office)
    response = act(client, application, "correction_request", D(2026, 3, 3), on="", workdays="99", what="写明文号")
    html = response.content.decode()
    assert "请填写告知补正日期" in html
    assert "补正期限（工作日）应为1至30个工作日" in html
    assert "写明文号" in html
    assert state_of(application) == ApplicationState.HANDLING


def test_extension_is_approved_by_the_approver_only(client, desk):
    application = received_in_person(desk, D(2026, 3, 2))
    client.force_login(desk.office)
    act(client, application, "extension_request", D(2026, 3, 20), workdays="15", reason="涉及多个科室，需要协调")
    request = ExtensionRequest.objects.get()
    with at(D(2026, 3, 20)):
        page = client.get(detail_url(application)).content.decode()
    assert "审批延期申请" not in page
    response = act(
        client, application, "extension_decide", D(2026, 3, 20), request=request.pk, decision="approve", on="2026-03-20"
    )
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.approved is None

    client.force_login(desk.approver)
    with at(D(2026, 3, 20)):
        queue = client.get(reverse("backoffice:applications"), {"queue": "extensions"}).content.decode()
        page = client.get(detail_url(application)).content.decode()
    assert application.tracking_code in queue
    assert "审批延期申请" in page
    assert "王**" in page
    assert "王小明" not in page
    response = act(
        client, application, "extension_decide", D(2026, 3, 20), request=request.pk, decision="approve", on="2026-03-20"
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.approved is True
    with at(D(2026, 3, 20)):
        assert clock_state(application).reply_due == D(2026, 4, 21)
        page = client.get(detail_url(application)).content.decode()
    assert "延长答复期限15个工作日" in page
    assert "2026年4月21日" in page


def test_the_page_always_shows_the_due_date_with_its_explanation(client, desk):
    application = received_in_person(desk, D(2026, 3, 2))
    with at(D(2026, 3, 2)):
        pending, _ = application_submit_online(agency=desk.agency, **person())
    client.force_login(desk.office)
    with at(D(2026, 3, 10)):
        html = client.get(detail_url(application)).content.decode()
        explanation = clock_state(application).explanation
        pending_html = client.get(detail_url(pending)).content.decode()
    assert "答复期限" in html
    assert "2026年3月30日" in html
    assert "自收到申请之日起20个工作日内答复（《条例》第三十三条第二款）。" in html
    for sentence in explanation:
        assert sentence in html
    assert "答复期限" in pending_html
    assert "尚未开始计算" in pending_html


def test_reveal_shows_the_id_number_once_and_is_audited(client, desk):
    application = received_in_person(desk, D(2026, 3, 2))
    client.force_login(desk.office)
    with at(D(2026, 3, 3)):
        page = client.get(detail_url(application)).content.decode()
        revealed = client.post(reverse("backoffice:application_reveal", args=[application.pk])).content.decode()
        again = client.get(detail_url(application)).content.decode()
    assert valid_id() not in page
    assert "王小明" in page
    assert "13912345678" in page
    assert valid_id() in revealed
    assert valid_id() not in again
    event = AuditEvent.objects.get(action="application.reveal")
    assert event.actor == desk.office
    assert valid_id() not in str(event.after) + event.summary
    # GET is not allowed: a look is always a deliberate POST.
    assert client.get(reverse("backoffice:application_reveal", args=[application.pk])).status_code == 405


def test_officer_assigned_handles_comments_and_files(client, desk):
    application = received_in_person(desk, D(2026, 3, 2))
    client.force_login(desk.office)
    act(client, application, "assign", D(2026, 3, 3), handler=desk.officer.pk, department="")
    client.force_login(desk.officer)
    act(client, application, "comment", D(2026, 3, 3), text="已联系档案室检索")
    with at(D(2026, 3, 3)):
        client.post(
            action_url(application, "file_add"),
            {"file_add-file": SimpleUploadedFile("名单.docx", make_docx()), "file_add-provided": "on"},
        )
        page = client.get(detail_url(application)).content.decode()
        mine = client.get(reverse("backoffice:applications"), {"queue": "mine"}).content.decode()
    assert "已联系档案室检索" in page
    assert "名单.docx" in page
    assert application.tracking_code in mine
    assert "确认收到申请" not in page
    assert "转交其他机关" not in page
    record = application.files.get()
    with at(D(2026, 3, 3)):
        download = client.get(reverse("backoffice:application_file", args=[application.pk, record.pk]))
        assert download.status_code == 200
        act(client, application, "file_remove", D(2026, 3, 3), file=record.pk)
    assert not application.files.exists()


def test_dashboard_shows_application_queues_with_due_date_and_explanation(client, desk):
    application = received_in_person(desk, D(2026, 3, 2))
    client.force_login(desk.office)
    with at(D(2026, 3, 31)):
        html = client.get(reverse("backoffice:dashboard")).content.decode()
    assert application.tracking_code in html
    assert "2026-03-30" in html
    assert "自2026年3月2日收到申请起20个工作日，截止2026年3月30日（周一）；已超期1个工作日。" in html
    assert "待确认收到（0）" in html


def test_every_other_action_is_wired_to_its_service(client, desk, tree):
    application = received_in_person(desk, D(2026, 3, 2))
    client.force_login(desk.office)

    def ok(response):
        assert response.status_code == 302, response.content.decode()[-3000:]

    ok(
        act(
            client,
            application,
            "consultation_send",
            D(2026, 3, 3),
            party="third_party",
            addressee="示范市某某培训学校",
            addressee_address="",
            subject="拟公开贵校的办学许可信息",
            sent_on="2026-03-03",
        )
    )
    consultation = application.consultations.get()
    ok(
        act(
            client,
            application,
            "consultation_answer",
            D(2026, 3, 10),
            consultation=consultation.pk,
            answered_on="2026-03-10",
            opinion="agrees",
            summary="",
        )
    )
    ok(
        act(
            client,
            application,
            "fee_notice",
            D(2026, 3, 11),
            basis="per_volume",
            pages="150",
            reason="申请数量明显超过合理范围",
            on="2026-03-11",
        )
    )
    assert state_of(application) == ApplicationState.AWAITING_PAYMENT
    ok(act(client, application, "fee_notice_received", D(2026, 3, 12), on="2026-03-12"))
    ok(act(client, application, "fee_payment", D(2026, 3, 13), on="2026-03-13"))
    assert state_of(application) == ApplicationState.HANDLING
    ok(act(client, application, "mark_proactive", D(2026, 3, 13), on="2026-03-13"))
    ok(
        act(
            client,
            application,
            "transfer",
            D(2026, 3, 16),
            to_agency=tree["west"].pk,
            on="2026-03-16",
            reasons="属西区",
        )
    )
    transferred = Application.objects.get(pk=application.pk)
    assert transferred.state == ApplicationState.REPLIED
    assert transferred.proactive_marked_on == D(2026, 3, 13)
    assert transferred.transferred_to.agency == tree["west"]
    with at(D(2026, 3, 16)):
        page = client.get(detail_url(application)).content.decode()
    assert "示范市某某培训学校" in page
    assert "同意公开" in page
    assert "信息处理费" in page

    with at(D(2026, 3, 2)):
        spam, _ = application_submit_online(agency=desk.agency, **person(description="测试"))
        withdrawn, _ = application_submit_online(agency=desk.agency, **person())
    ok(act(client, spam, "void", D(2026, 3, 3), reason="测试提交"))
    ok(act(client, withdrawn, "withdraw", D(2026, 3, 3), on="2026-03-03", note="申请人来电撤回"))
    assert state_of(spam) == ApplicationState.VOIDED
    assert state_of(withdrawn) == ApplicationState.WITHDRAWN
    assert client.post(action_url(spam, "no_such_action")).status_code == 404


def test_art44_mark_links_the_proactively_published_item_by_its_index_number(client, desk):
    disclosure_setup(acting_user=None, agency=desk.agency)
    item = item_create(
        acting_user=desk.office,
        agency=desk.agency,
        catalog_node=CatalogNode.objects.get(agency=desk.agency, name="政策文件"),
        title="2026年小学学区划分方案",
        body="<p>方案全文。</p>",
        formed_on=D(2026, 3, 1),
    )
    InformationItem.objects.filter(pk=item.pk).update(index_number="TEST/2026-00001")
    application = received_in_person(desk, D(2026, 3, 2))
    client.force_login(desk.office)
    unknown = act(client, application, "mark_proactive", D(2026, 3, 13), on="2026-03-13", index_number="NOPE")
    assert "本机关没有该索引号的信息" in unknown.content.decode()
    assert Application.objects.get(pk=application.pk).proactive_marked_on is None
    act(client, application, "mark_proactive", D(2026, 3, 13), on="2026-03-13", index_number="TEST/2026-00001")
    application.refresh_from_db()
    assert (application.proactive_marked_on, application.proactive_item) == (D(2026, 3, 13), item)
