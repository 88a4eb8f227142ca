"""The public side of applications: the online form, abuse limits, the done page, status lookup and page."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from gongkai.inforequests.models import Application
from gongkai.inforequests.services.consultations import consultation_send
from gongkai.inforequests.services.corrections import correction_request
from gongkai.inforequests.services.decisions import application_decide
from gongkai.inforequests.services.intake import application_confirm
from gongkai.inforequests.services.letters import letter_draft, letter_issue
from gongkai.inforequests.states import ApplicationState
from tests.factories import valid_credit_code
from tests.inforequests.conftest import Desk, person
from tests.screening.test_detectors import valid_id

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
ORGANISATION_CODE = valid_credit_code(4242)
BAD_CODE = ORGANISATION_CODE[:-1] + ("0" if ORGANISATION_CODE[-1] != "0" else "1")


@pytest.fixture
def desk(tree):
    """The disclosure office of the east district bureau (as in tests/inforequests)."""
    return Desk(tree["east"])


@pytest.fixture(autouse=True)
def _empty_cache():
    """Failed lookups are counted in the (process-local) cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def form_data(**changes) -> dict:
    data = person(**changes)
    data.setdefault("consent", "on")
    data.setdefault("website", "")
    return {k: v for k, v in data.items() if v is not None}


def apply_url(desk) -> str:
    return reverse("portal:apply", args=[desk.agency.pk])


def post(client, desk, **changes):
    return client.post(apply_url(desk), form_data(**changes), REMOTE_ADDR="203.0.113.7")


def submit(client, desk, **changes) -> tuple[str, str]:
    """Submit a valid application; returns the tracking code and the secret from the done page."""
    response = post(client, desk, **changes)
    assert response.status_code == 302, response.content.decode()
    html = client.get(response["Location"]).content.decode()
    code, secret = re.findall(r"<dd>([^<]+)</dd>", html)[:2]
    return code, secret


@time_machine.travel(NOW)
def test_form_page_offers_the_applicant_kinds_delivery_options_consent_and_csrf(client, desk):
    response = client.get(apply_url(desk))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"):
        assert text in html
    for text in ("纸质或电子均可", "邮寄", "电子邮件", "当面领取", "网上获取", "统一社会信用代码", "邮政编码"):
        assert text in html
    assert "csrfmiddlewaretoken" in html
    assert 'name="website"' in html
    assert 'name="consent"' in html
    assert "用途" in html
    assert 'name="purpose"' not in html


@time_machine.travel(NOW)
def test_valid_submission_creates_a_pending_application_and_shows_code_and_secret_once(client, desk):
    response = post(client, desk)
    assert response.status_code == 302
    assert "secret" not in response["Location"]
    application = Application.objects.get()
    assert application.state == ApplicationState.PENDING
    assert application.channel == "online"
    assert application.submitted_from
    assert "203.0.113.7" not in application.submitted_from
    assert application.identity_hash
    done = client.get(response["Location"])
    html = done.content.decode()
    assert "no-store" in done["Cache-Control"]
    assert application.tracking_code in html
    code, secret = re.findall(r"<dd>([^<]+)</dd>", html)[:2]
    assert code == application.tracking_code
    assert secret not in response["Location"]
    again = client.get(response["Location"]).content.decode()
    assert secret not in again
    assert "只在提交成功后显示一次" in again


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    ("changes", "field_text", "message"),
    [
        ({"name": ""}, "示范市东城区人民路100号3单元", "请填写姓名或名称"),
        ({"description": ""}, "示教基〔2026〕3号", "请填写所需信息的内容描述"),
        ({"phone": "", "email": "", "address": "", "delivery_wanted": "collect"}, "王小明", "至少填写一种联系方式"),
        ({"email": "not-an-email"}, "not-an-email", "电子邮箱格式不正确"),
        ({"email": "", "delivery_wanted": "email"}, "13912345678", "请填写电子邮箱"),
        ({"id_type": "", "id_number": ""}, "王小明", "请选择身份证件类型"),
        ({"consent": None}, "示教基〔2026〕3号", "请勾选同意"),
        ({"form_wanted": "carrier-pigeon"}, "王小明", "请选择获取信息的形式"),
        ({"description": "长" * 5001}, "王小明", "不能超过5000字"),
    ],
)
def test_each_validation_error_is_chinese_and_keeps_what_was_typed(client, desk, changes, field_text, message):
    response = post(client, desk, **changes)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "已填写的内容均已保留" in html
    assert field_text in html
    assert 'value="13912345678"' in html or changes.get("phone") == ""
    assert "no-store" in response["Cache-Control"]
    assert not Application.objects.exists()


@time_machine.travel(NOW)
def test_bad_resident_id_checksum_is_refused_with_the_number_kept(client, desk):
    good = valid_id()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    html = post(client, desk, id_number=bad).content.decode()
    assert "校验位不正确" in html
    assert f'value="{bad}"' in html
    assert not Application.objects.exists()


@time_machine.travel(NOW)
def test_other_identity_documents_are_not_checked_as_resident_ids(client, desk):
    response = post(client, desk, id_type="passport", id_number="E12345678")
    assert response.status_code == 302
    assert Application.objects.get().id_type == "passport"


@time_machine.travel(NOW)
def test_organisation_needs_a_valid_credit_code_and_representative(client, desk):
    fields = {"applicant_type": "research", "name": "示范市教育研究院", "id_type": "", "id_number": ""}
    html = post(client, desk, credit_code=BAD_CODE, **fields).content.decode()
    assert "统一社会信用代码" in html
    assert "请填写法定代表人或负责人" in html
    assert "示范市教育研究院" in html
    assert BAD_CODE in html
    assert not Application.objects.exists()
    response = post(client, desk, credit_code=ORGANISATION_CODE, legal_representative="李四", **fields)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.is_organisation
    assert application.credit_code == ORGANISATION_CODE


@time_machine.travel(NOW)
def test_fields_of_the_other_applicant_kind_are_not_stored(client, desk):
    response = post(client, desk, credit_code=ORGANISATION_CODE, legal_representative="李四")
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.credit_code, application.legal_representative) == ("", "")
    assert application.id_number == valid_id()


@time_machine.travel(NOW)
def test_honeypot_refuses_with_a_generic_error_and_saves_nothing(client, desk):
    response = post(client, desk, website="http://spam.example")
    html = response.content.decode()
    assert response.status_code == 400
    assert "提交未成功" in html
    assert "website" not in html.split("提交未成功")[0][-200:]
    assert not Application.objects.exists()
    assert not mail.outbox


@time_machine.travel(NOW)
def test_rate_limit_per_ip_per_hour_and_day(client, desk, settings):
    settings.GONGKAI_APPLY_PER_IP_HOUR = 2
    settings.GONGKAI_APPLY_PER_IP_DAY = 3
    for number in range(2):
        assert post(client, desk, id_number=valid_id(f"1101051949123100{number}")).status_code == 302
    refused = post(client, desk, id_number=valid_id("11010519491231009"))
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "每小时最多在线提交2件" in html
    assert "2026年3月2日 18:31以后再提交" in html  # 09:30 UTC = 17:30 Beijing time, one hour later
    assert "11010519491231009" in html  # nothing typed is lost
    assert Application.objects.count() == 2
    with time_machine.travel(NOW + dt.timedelta(hours=2)):
        assert post(client, desk, id_number=valid_id("11010519491231003")).status_code == 302
    with time_machine.travel(NOW + dt.timedelta(hours=4)):
        html = post(client, desk, id_number=valid_id("11010519491231004")).content.decode()
        assert "每天（24小时内）最多在线提交3件" in html
    assert Application.objects.count() == 3
    other = client.post(apply_url(desk), form_data(id_number=valid_id("11010519491231005")), REMOTE_ADDR="198.51.100.1")
    assert other.status_code == 302


@time_machine.travel(NOW)
def test_rate_limit_per_identity_across_addresses(client, desk, settings):
    settings.GONGKAI_APPLY_PER_IDENTITY_DAY = 2
    for number in range(2):
        response = client.post(apply_url(desk), form_data(), REMOTE_ADDR=f"198.51.100.{number}")
        assert response.status_code == 302
    refused = client.post(apply_url(desk), form_data(), REMOTE_ADDR="198.51.100.99")
    assert refused.status_code == 429
    assert "同一申请人每天（24小时内）最多在线提交2件" in refused.content.decode()
    assert Application.objects.count() == 2


@time_machine.travel(NOW)
def test_oversized_body_gets_a_chinese_413_and_nothing_is_saved(client, desk, settings):
    settings.GONGKAI_APPLY_MAX_BODY_BYTES = 4096
    response = post(client, desk, document_hint="文" * 2000)
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()
    assert not Application.objects.exists()


@time_machine.travel(NOW)
def test_confirmation_mail_has_the_tracking_code_and_status_address_but_not_the_secret(
    client, desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, desk)
    assert response.status_code == 302
    application = Application.objects.get()
    html = client.get(response["Location"]).content.decode()
    secret = re.findall(r"<dd>([^<]+)</dd>", html)[1]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wang@example.com"]
    assert application.tracking_code in message.subject
    assert application.tracking_code in message.body
    assert desk.agency.name in message.body
    assert "http://testserver/track/" in message.body
    assert "不包含查询密码" in message.body
    assert secret not in message.body
    assert valid_id() not in message.body
    assert "13912345678" not in message.body


@time_machine.travel(NOW)
def test_no_mail_without_an_email_address(client, desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, desk, email="", delivery_wanted="post")
    assert response.status_code == 302
    assert not mail.outbox


@time_machine.travel(NOW)
def test_status_lookup_needs_the_right_secret_and_says_the_same_for_unknown_codes(client, desk):
    code, secret = submit(client, desk)
    stranger = client.__class__()
    status_url = reverse("portal:track_status", args=[code])
    assert stranger.get(status_url)["Location"].startswith(reverse("portal:track"))
    wrong = stranger.post(reverse("portal:track"), {"code": code, "secret": secret + "x"}).content.decode()
    unknown = stranger.post(reverse("portal:track"), {"code": "2026-ZZZZZZZZ", "secret": secret}).content.decode()
    message = "查询码或查询密码不正确"
    assert message in wrong
    assert message in unknown
    assert secret not in wrong
    assert stranger.get(status_url).status_code == 302
    right = stranger.post(reverse("portal:track"), {"code": code.lower(), "secret": secret})
    assert right.status_code == 302
    assert right["Location"] == status_url
    page = stranger.get(status_url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert code in html
    assert "待确认收到" in html
    assert valid_id() not in html
    assert "110105" in html
    assert "13912345678" not in html


@time_machine.travel(NOW)
def test_failed_lookups_are_limited_per_address(client, desk, settings):
    settings.GONGKAI_TRACK_FAILURES_PER_IP_HOUR = 3
    code, secret = submit(client, desk)
    stranger = client.__class__()
    for _ in range(3):
        stranger.post(reverse("portal:track"), {"code": code, "secret": "guess"}, REMOTE_ADDR="192.0.2.5")
    blocked = stranger.post(reverse("portal:track"), {"code": code, "secret": secret}, REMOTE_ADDR="192.0.2.5")
    assert blocked.status_code == 429
    assert "查询失败次数过多" in blocked.content.decode()
    elsewhere = stranger.post(reverse("portal:track"), {"code": code, "secret": secret}, REMOTE_ADDR="192.0.2.6")
    assert elsewhere.status_code == 302


def test_status_page_shows_steps_and_due_date_with_explanation_after_confirmation(client, desk):
    with time_machine.travel(NOW):
        code, secret = submit(client, desk)
    application = Application.objects.get()
    with time_machine.travel(dt.datetime(2026, 3, 4, 2, tzinfo=dt.UTC)):
        application_confirm(acting_user=desk.office, application=application, confirmed_on=dt.date(2026, 3, 4))
        # two days later the session has expired: the secret opens the page again
        status_url = reverse("portal:track_status", args=[code])
        assert client.get(status_url).status_code == 302
        assert client.post(reverse("portal:track"), {"code": code, "secret": secret})["Location"] == status_url
        html = client.get(status_url).content.decode()
    assert "办理中" in html
    assert "2026年3月4日" in html
    assert "双方确认之日" in html
    assert "收到申请" in html
    assert "提交申请" in html
    assert "答复期限" in html
    assert "20个工作日内答复" in html
    assert "2026年4月1日" in html  # 20 working days after 4 March 2026
    assert "公开办甲" not in html  # no staff names


@time_machine.travel(NOW)
def test_agency_page_explains_how_to_apply_and_links_the_form_and_tracking(client, desk):
    html = client.get(reverse("portal:agency", args=[desk.agency.pk])).content.decode()
    assert apply_url(desk) in html
    assert reverse("portal:track") in html
    assert "20个工作日" in html
    assert "签收之日" in html
    assert "双方确认之日" in html


def test_status_page_leaves_out_who_was_consulted(client, desk):
    with time_machine.travel(NOW):
        code, _ = submit(client, desk)
        application = Application.objects.get()
        application_confirm(acting_user=desk.office, application=application, confirmed_on=dt.date(2026, 3, 2))
        consultation_send(
            acting_user=desk.office,
            application=application,
            party="third_party",
            addressee="赵六（相邻住户）",
            subject="拟公开的信息涉及其住址",
            sent_on=dt.date(2026, 3, 2),
        )
        response = client.get(reverse("portal:track_status", args=[code]))
    html = response.content.decode()
    assert "征求第三方意见" in html
    assert "赵六" not in html
    assert "住址" not in html
    assert response.context["letters"] == []


def test_status_page_offers_the_issued_reply_letter_but_not_letters_to_third_parties(client, desk):
    with time_machine.travel(NOW):
        code, _ = submit(client, desk)
        application = Application.objects.get()
        application_confirm(acting_user=desk.office, application=application, confirmed_on=dt.date(2026, 3, 2))
        consultation = consultation_send(
            acting_user=desk.office,
            application=application,
            party="third_party",
            addressee="示范市某培训学校",
            subject="拟公开办学许可信息",
            sent_on=dt.date(2026, 3, 2),
        )
        letter_issue(
            acting_user=desk.office,
            letter=letter_draft(
                acting_user=desk.office, application=application, kind="consultation", consultation=consultation
            ),
        )
        application_decide(
            acting_user=desk.office, application=application, outcome="granted", decided_on=dt.date(2026, 3, 2)
        )
        reply = letter_issue(
            acting_user=desk.office,
            letter=letter_draft(acting_user=desk.office, application=application, kind="reply"),
        )
        response = client.get(reverse("portal:track_status", args=[code]))
        assert [letter.pk for letter in response.context["letters"]] == [reply.pk]
        download = client.get(reverse("portal:track_letter", args=[code, reply.pk]))
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF")
        stranger = Client()
        assert stranger.get(reverse("portal:track_letter", args=[code, reply.pk])).status_code == 404


def test_forms_need_the_csrf_token(desk):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(apply_url(desk), form_data()).status_code == 403
    assert strict.post(reverse("portal:track"), {"code": "2026-ABCDEFGH", "secret": "x"}).status_code == 403
    assert not Application.objects.exists()


def test_art30_the_applicant_corrects_online_and_the_reply_period_starts_again(
    client, desk, mailoutbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(NOW):
        desk.office.email = "gkb@example.cn"
        desk.office.save()
        code, secret = submit(client, desk)
        application = Application.objects.get()
        application_confirm(acting_user=desk.office, application=application, confirmed_on=dt.date(2026, 3, 2))
        correction_request(
            acting_user=desk.office,
            application=application,
            on=dt.date(2026, 3, 2),
            workdays=10,
            what="请写明所需方案的年度和学段",
        )
        page = client.get(reverse("portal:track_status", args=[code])).content.decode()
        assert "请写明所需方案的年度和学段" in page
        assert "2026年3月16日" in page  # 10 working days after 03-02
        empty = client.post(reverse("portal:track_correction", args=[code]), {"text": " "})
        assert empty.status_code == 400
        assert "请填写补正的内容" in empty.content.decode()
    with (
        time_machine.travel(dt.datetime(2026, 3, 5, 2, tzinfo=dt.UTC)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(reverse("portal:track"), {"code": code, "secret": secret})  # a new session, days later
        done = client.post(reverse("portal:track_correction", args=[code]), {"text": "2026年秋季小学一年级"})
        assert done["Location"] == reverse("portal:track_status", args=[code])
        assert done.status_code == 302
        page = client.get(reverse("portal:track_status", args=[code])).content.decode()
    application.refresh_from_db()
    assert application.state == ApplicationState.HANDLING
    assert application.correction_text == "2026年秋季小学一年级"
    assert "收到补正" in page
    assert "2026年4月2日" in page  # 20 working days after 03-05
    assert "申请人已补正" in mailoutbox[-1].subject
    assert mailoutbox[-1].to == ["gkb@example.cn"]
    stranger = Client()
    assert stranger.post(reverse("portal:track_correction", args=[code]), {"text": "x"}).status_code == 302
