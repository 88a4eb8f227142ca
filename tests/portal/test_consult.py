"""The public side of consultations: the message form (public channels only, honeypot, size and rate
limits), the tracking code and password shown once, the status lookup and page, the rating of a reply
(once), and the published questions and answers without personal data."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from gongkai.consultations.models import Enquiry
from gongkai.consultations.services.handling import reply_send
from gongkai.consultations.services.publication import enquiry_publish, enquiry_unpublish
from gongkai.search.selectors import search_page
from tests.consultations.conftest import Desk, at

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 2)  # a Monday
QUESTION = "孩子户籍在东区、居住在西区，应在哪个学区报名？我叫张大山，电话13912345678。"
PLAIN = "孩子户籍在东区、居住在西区，应在哪个学区报名？"
REPLY = "按照本市义务教育招生政策，适龄儿童在户籍所在学区报名；户籍与居住地不一致的，可凭居住证在居住地学区报名。"


@pytest.fixture
def desk(tree):
    return Desk(tree["east"], tree["west"])


@pytest.fixture(autouse=True)
def _empty_cache():
    """Failed lookups are counted in the (process-local) cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def ask_url(desk, agency=None) -> str:
    return reverse("portal:ask", args=[(agency or desk.agency).pk])


def form_data(desk, code="mailbox", **changes) -> dict:
    data = {
        "source": str(desk.source(code).pk),
        "subject": "学区报名",
        "question": PLAIN,
        "name": "张大山",
        "phone": "13912345678",
        "email": "zhang@example.com",
        "publish_consent": "on",
        "homepage": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def post(client, desk, ip="203.0.113.7", **changes):
    return client.post(ask_url(desk), form_data(desk, **changes), REMOTE_ADDR=ip)


def submit(client, desk, **changes) -> tuple[str, str]:
    """Leave a valid message; returns the tracking code and the password from the done page."""
    response = post(client, desk, **changes)
    assert response.status_code == 302, response.content.decode()
    html = client.get(response["Location"]).content.decode()
    code, secret = re.findall(r"<dd>([^<]+)</dd>", html)[:2]
    return code, secret


def status_url(code: str) -> str:
    return reverse("portal:ask_status", args=[code])


def lookup(client, code, secret, ip="198.51.100.9"):
    return client.post(reverse("portal:ask_track"), {"code": code, "secret": secret}, REMOTE_ADDR=ip)


def test_form_offers_the_public_channels_only_with_consent_honeypot_and_csrf(client, desk):
    html = client.get(ask_url(desk)).content.decode()
    assert "局长信箱" in html
    assert "网站留言" in html
    for registered in ("咨询电话/热线", "来访", "12345热线交办"):
        assert registered not in html
    assert 'name="homepage"' in html
    assert 'name="publish_consent"' in html
    assert "csrfmiddlewaretoken" in html
    chosen = client.get(ask_url(desk), {"source": desk.source("mailbox").pk}).content.decode()
    assert re.search(rf'value="{desk.source("mailbox").pk}"[^>]*checked', chosen)


def test_an_agency_without_public_channels_says_so(client, tree):
    html = client.get(reverse("portal:ask", args=[tree["school"].pk])).content.decode()
    assert "暂未开通在线咨询留言" in html
    assert '<form method="post"' not in html


def test_submit_shows_the_code_and_password_once_and_mails_no_password(
    client, desk, django_capture_on_commit_callbacks
):
    with at(DAY), django_capture_on_commit_callbacks(execute=True):
        response = post(client, desk)
        assert response.status_code == 302
        done = client.get(response["Location"])
        again = client.get(response["Location"]).content.decode()
    html = done.content.decode()
    assert "no-store" in done["Cache-Control"]
    code, secret = re.findall(r"<dd>([^<]+)</dd>", html)[:2]
    assert code.startswith("ZX2026-")
    assert "2026年3月9日前答复" in html  # 局长信箱: 5 working days
    assert secret not in again
    assert "已显示过" in again
    enquiry = Enquiry.objects.get(tracking_code=code)
    assert (enquiry.source.code, enquiry.state, enquiry.publish_consent) == ("mailbox", "received", True)
    assert enquiry.name == "张大山"
    assert enquiry.submitted_from
    assert len(mail.outbox) == 1
    assert code in mail.outbox[0].body
    assert secret not in mail.outbox[0].body


def test_invalid_input_is_shown_in_chinese_with_the_input_kept(client, desk):
    response = post(client, desk, question="", name="李四")
    html = response.content.decode()
    assert response.status_code == 200
    assert "请填写咨询内容。" in html
    assert 'value="李四"' in html
    refused = post(client, desk, email="not-an-email").content.decode()  # the model's rule, from the service
    assert "电子邮箱格式不正确" in refused
    assert "not-an-email" in refused
    assert PLAIN in refused
    assert not Enquiry.objects.exists()


def test_a_registered_source_cannot_be_chosen_on_the_public_form(client, desk):
    response = post(client, desk, code="hotline")
    assert response.status_code == 200
    assert "请选择留言渠道。" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_the_honeypot_refuses_without_saying_why(client, desk):
    response = post(client, desk, homepage="http://spam.example")
    assert response.status_code == 400
    assert "提交未成功" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_too_many_messages_from_one_address_are_refused(client, desk, settings):
    settings.GONGKAI_ENQUIRY_PER_IP_HOUR = 2
    with at(DAY):
        submit(client, desk)
        submit(client, desk)
        response = post(client, desk)
        other = post(client, desk, ip="203.0.113.99")
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert other.status_code == 302
    assert Enquiry.objects.count() == 3


def test_an_oversized_body_is_refused(client, desk, settings):
    settings.GONGKAI_ASK_MAX_BODY_BYTES = 1000
    response = post(client, desk, question="很长的问题" * 300)
    assert response.status_code == 413
    assert "内容过大" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_the_status_page_needs_the_password_once_per_session(client, desk):
    with at(DAY):
        code, secret = submit(client, desk)
        own = client.get(status_url(code))
        stranger = Client()
        redirected = stranger.get(status_url(code))
        wrong = lookup(stranger, code, "wrong-password")
        right = lookup(stranger, code.lower(), secret)
        page = stranger.get(status_url(code))
    assert own.status_code == 200
    assert redirected.status_code == 302
    assert reverse("portal:ask_track") in redirected["Location"]
    assert "查询码或查询密码不正确" in wrong.content.decode()
    assert right.status_code == 302
    html = page.content.decode()
    assert "no-store" in page["Cache-Control"]
    for text in (code, "待分派", "局长信箱", "2026年3月9日前答复", "张*", "139****5678", "受理"):
        assert text in html, text
    for secret in ("13912345678", "张大山", "zhang@example.com"):
        assert secret not in html
    assert "提交评价" not in html  # no rating before the reply


def test_too_many_failed_lookups_are_refused(client, desk, settings):
    settings.GONGKAI_TRACK_FAILURES_PER_IP_HOUR = 2
    with at(DAY):
        code, _secret = submit(client, desk)
        for _ in range(2):
            lookup(client, code, "wrong")
        response = lookup(client, code, "wrong")
    assert response.status_code == 429


def test_the_asker_reads_the_reply_and_rates_it_once(client, desk):
    with at(DAY):
        code, _secret = submit(client, desk)
    enquiry = Enquiry.objects.get(tracking_code=code)
    with at(DAY):
        reply_send(acting_user=desk.office, enquiry=enquiry, text=REPLY, close=True)
        html = client.get(status_url(code)).content.decode()
        assert REPLY in html
        assert "已办结" in html
        assert "提交评价" in html
        missing = client.post(reverse("portal:ask_rate", args=[code]), {"rating": ""})
        assert missing.status_code == 400
        assert "请选择满意、基本满意或不满意。" in missing.content.decode()
        rated = client.post(reverse("portal:ask_rate", args=[code]), {"rating": "satisfied", "comment": "很快"})
        assert rated.status_code == 302
        page = client.get(rated["Location"]).content.decode()
        twice = client.post(reverse("portal:ask_rate", args=[code]), {"rating": "dissatisfied"})
    enquiry.refresh_from_db()
    assert (enquiry.rating, enquiry.rating_comment, enquiry.rated_reply) == ("satisfied", "很快", 1)
    assert "对本次答复作出评价：<strong>满意</strong>" in page
    assert "提交评价" not in page
    assert twice.status_code == 409
    assert "只能评价一次" in twice.content.decode()
    assert Enquiry.objects.get(pk=enquiry.pk).rating == "satisfied"


def test_rating_needs_the_session_that_proved_the_password(client, desk):
    with at(DAY):
        code, _secret = submit(client, desk)
        enquiry = Enquiry.objects.get(tracking_code=code)
        reply_send(acting_user=desk.office, enquiry=enquiry, text=REPLY)
        response = Client().post(reverse("portal:ask_rate", args=[code]), {"rating": "dissatisfied"})
    assert response.status_code == 302
    assert Enquiry.objects.get(pk=enquiry.pk).rating == ""


def published(desk, **changes):
    enquiry, _secret = desk.submit(question=QUESTION, **changes)
    with at(DAY):
        enquiry = reply_send(acting_user=desk.office, enquiry=enquiry, text=REPLY)
        return enquiry_publish(
            acting_user=desk.office,
            enquiry=enquiry,
            public_subject="户籍与居住地不一致时的学区报名",
            public_question="孩子户籍在东区、居住在西区，应在哪个学区报名？",
            public_answer=REPLY,
        )


def test_published_answers_show_the_cleaned_texts_only(client, desk):
    enquiry = published(desk)
    hidden, _secret = desk.submit(question="另一个未公开的问题")
    listing = client.get(reverse("portal:answers", args=[desk.agency.pk])).content.decode()
    detail = client.get(reverse("portal:answer", args=[desk.agency.pk, enquiry.pk])).content.decode()
    for html in (listing, detail):
        assert "户籍与居住地不一致时的学区报名" in html
        for secret in ("张大山", "13912345678", "zhang@example.com", enquiry.tracking_code, "我叫"):
            assert secret not in html, secret
    assert REPLY in detail
    assert "另一个未公开的问题" not in listing
    assert client.get(reverse("portal:answer", args=[desk.agency.pk, hidden.pk])).status_code == 404
    assert client.get(reverse("portal:answer", args=[desk.other.pk, enquiry.pk])).status_code == 404


def test_published_answers_search_and_pages(client, desk):
    enquiry = published(desk)
    found = client.get(reverse("portal:answers", args=[desk.agency.pk]), {"q": "居住证"}).content.decode()
    nothing = client.get(reverse("portal:answers", args=[desk.agency.pk]), {"q": "收费"}).content.decode()
    assert "共 1 条" in found
    assert "没有找到包含“收费”的问答" in nothing
    with at(DAY):
        enquiry_unpublish(acting_user=desk.office, enquiry=enquiry, reason="内容已过时")
    assert "暂无公开问答" in client.get(reverse("portal:answers", args=[desk.agency.pk])).content.decode()
    assert client.get(reverse("portal:answer", args=[desk.agency.pk, enquiry.pk])).status_code == 404


def test_the_agency_page_links_the_consultation_pages(client, desk):
    html = client.get(reverse("portal:agency", args=[desk.agency.pk])).content.decode()
    assert "咨询与信箱" in html
    assert ask_url(desk) in html
    assert reverse("portal:answers", args=[desk.agency.pk]) in html
    assert reverse("portal:ask_track") in html


def test_published_answer_is_searchable_until_unpublished(desk):
    enquiry = published(desk)
    hits = search_page("学区报名").hits
    assert [hit.url for hit in hits] == [reverse("portal:answer", args=[desk.agency.pk, enquiry.pk])]
    assert "张大山" not in hits[0].snippet_html
    with at(DAY):
        enquiry_unpublish(acting_user=desk.office, enquiry=enquiry, reason="内容已过时")
    assert search_page("学区报名").hits == []
