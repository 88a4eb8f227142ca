"""Issue 4 journey: a citizen applies online and gets a code → the office confirms receipt → asks for a
correction → the citizen corrects on the status page → the office decides 部分公开, generates and issues
the reply letter, records delivery → the citizen sees every step and downloads the letter."""

import re

import pytest
from django.utils import timezone

from gongkai.inforequests.models import Application
from tests.browser.conftest import login
from tests.inforequests.conftest import Desk
from tests.screening.test_detectors import valid_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-for-tests-123"
REQUEST = "东区2026年小学学区划分方案"


def test_apply_confirm_correct_decide_partially_issue_letter_deliver_and_follow_on_the_status_page(
    live_server, page, tree
):
    base = live_server.url
    desk = Desk(tree["east"])
    today = timezone.localdate().isoformat()

    # The citizen applies on the agency's 依申请公开 page.
    page.goto(f"{base}/agencies/{desk.agency.pk}/")
    page.get_by_role("link", name="在线申请").first.click()
    page.check("input[name=applicant_type][value=natural_person]")
    page.fill("#id_name", "王小明")
    page.select_option("#id_id_type", "resident_id")
    page.fill("#id_id_number", valid_id())
    page.fill("#id_phone", "13912345678")
    page.fill("#id_email", "wang@example.com")
    page.fill("#id_description", REQUEST)
    page.check("input[name=form_wanted][value=electronic]")
    page.check("input[name=delivery_wanted][value=email]")
    page.check("#id_consent")
    page.get_by_role("button", name="提交申请").click()
    done = page.content()
    code, secret = re.findall(r"<dd>([^<]+)</dd>", done)[:2]
    assert code.startswith(str(timezone.localdate().year))
    application = Application.objects.get(tracking_code=code)
    assert application.state == "pending"
    status = page.context.new_page()  # the citizen keeps the status page open in another tab

    # The office confirms receipt with one click (the date defaults to today: Art. 31).
    login(page, base, "gkb", PASSWORD)
    page.goto(f"{base}/office/applications/?queue=pending")
    page.get_by_role("link", name=code).click()
    assert "答复期限尚未开始计算" in page.content()
    page.locator("#action-confirm summary").click()
    page.get_by_role("button", name="确认收到").click()
    assert "已确认收到申请" in page.locator(".messages").inner_text()
    assert "答复期限" in page.content()

    # The office asks for one consolidated correction (Art. 30).
    page.locator("#action-correction_request summary").click()
    page.fill("#id_correction_request-what", "请写明所需方案的学段（小学或初中）及年度。")
    page.get_by_role("button", name="发出补正通知").click()
    assert "等待申请人补正" in page.locator(".messages").inner_text()

    # The citizen sees the notice on the status page and corrects online.
    status.goto(f"{base}/track/")
    status.fill("#id_code", code)
    status.fill("#id_secret", secret)
    status.get_by_role("button", name="查询").click()
    assert "请写明所需方案的学段" in status.content()
    status.fill("#id_correction_text", "小学，2026年秋季学期")
    status.get_by_role("button", name="提交补正").click()
    assert "收到补正" in status.content()

    # The office decides 部分公开 with the withheld part and its ground.
    page.reload()
    assert "小学，2026年秋季学期" in page.content()
    page.locator("#action-decide summary").click()
    page.select_option("#id_decide-outcome", "partially_granted")
    page.fill("#id_decide-reasons", "方案附件中的学生家庭住址属于个人隐私，公开会损害第三方合法权益。")
    page.check("input[name='decide-withheld_grounds'][value=third_party_rights]")
    page.fill("#id_decide-withheld_description", "附件2中学生家庭住址一栏")
    page.get_by_role("button", name="登记答复").click()
    assert "已登记答复：部分公开" in page.locator(".messages").inner_text()

    # The reply letter: generated from the template, edited, issued with its number.
    page.get_by_role("link", name="管理文书（起草、签发、下载）").click()
    page.select_option("#letter-kind", "reply")
    page.get_by_role("button", name="按模板生成草稿").click()
    body = page.locator("textarea").first.input_value()
    assert "不予公开的部分：附件2中学生家庭住址一栏" in body
    assert "60日内" in body
    assert "6个月内" in body
    page.get_by_role("button", name="签发", exact=True).click()
    assert re.search(r"已签发，文号：.+〔\d{4}〕第1号", page.locator(".messages").inner_text())

    # Delivery by e-mail closes the application.
    page.goto(f"{base}/office/applications/{application.pk}/")
    page.locator("#action-deliver summary").click()
    page.select_option("#id_deliver-method", "email")
    page.get_by_role("button", name="登记送达").click()
    assert "申请办结" in page.locator(".messages").inner_text()
    application.refresh_from_db()
    assert (application.state, application.outcome) == ("closed", "partially_granted")
    assert application.delivered_on.isoformat() == today

    # The citizen sees every step and downloads the reply letter.
    status.reload()
    steps = status.locator(".timeline").inner_text()
    for step in ("提交申请", "收到申请", "告知补正", "收到补正", "答复", "送达"):
        assert step in steps
    with status.expect_download() as download:
        status.get_by_role("link", name="下载PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
