"""Issue 5 journey: a citizen leaves a message in the 局长信箱 naming themselves and their phone → gets the
tracking code and password → the office assigns it and drafts the reply, which the agency wants reviewed
for this mailbox → the approver approves → the office sends it and publishes the question and answer,
the preview flagging the phone and the name, the public text edited → the citizen reads the reply on the
status page and rates it 满意 → the public answers page shows the question and answer without the name
or the phone."""

import re

import pytest

from gongkai.consultations.models import Enquiry
from tests.browser.conftest import login, logout
from tests.consultations.conftest import Desk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-for-tests-123"
NAME, PHONE = "张大山", "13912345678"
QUESTION = f"我叫{NAME}，电话{PHONE}。孩子户籍在东区、居住在西区，明年上小学应在哪个学区报名？"
PUBLIC_QUESTION = "孩子户籍在东区、居住在西区，明年上小学应在哪个学区报名？"
REPLY = "适龄儿童原则上在户籍所在学区报名；户籍与居住地不一致的，可凭居住证和租赁合同在居住地学区报名。"
SUBJECT = "户籍与居住地不一致时在哪里报名"


def test_mailbox_message_reviewed_reply_published_without_personal_data_and_rated(live_server, page, tree):
    base = live_server.url
    desk = Desk(tree["east"], tree["west"])
    mailbox = desk.source("mailbox")
    mailbox.requires_review = True  # the agency wants the 局长信箱 replies reviewed before they go out
    mailbox.save()

    # The citizen leaves a message in the 局长信箱 from the agency's page.
    page.goto(f"{base}/agencies/{desk.agency.pk}/")
    page.get_by_role("link", name="在线留言（局长信箱、网站留言）").click()
    page.get_by_label("局长信箱").check()
    page.fill("#id_subject", SUBJECT)
    page.fill("#id_question", QUESTION)
    page.fill("#id_name", NAME)
    page.fill("#id_phone", PHONE)
    page.check("#id_publish_consent")
    page.get_by_role("button", name="提交留言").click()
    code, secret = re.findall(r"<dd>([^<]+)</dd>", page.content())[:2]
    assert code.startswith("ZX")
    assert "查询密码只在本页面显示这一次" in page.content()
    enquiry = Enquiry.objects.get(tracking_code=code)
    assert (enquiry.source, enquiry.state) == (mailbox, "received")
    citizen = page.context.browser.new_context(locale="zh-CN")  # the citizen, later, on another device
    status = citizen.new_page()

    # The office assigns it, drafts the reply and submits it for review (required for this mailbox).
    login(page, base, "zx_office", PASSWORD)
    page.get_by_role("link", name="咨询信箱").click()
    page.get_by_role("link", name="待分派（1）").click()
    page.get_by_role("link", name=code).click()
    assert "须经审核人或签发人审核通过后才能发出" in page.content()
    page.locator("#action-assign summary").click()
    page.select_option("#id_assign-handler", label="承办人甲")
    page.get_by_role("button", name="分派", exact=True).click()
    assert "已分派给承办人甲" in page.locator(".messages").inner_text()
    page.locator("#action-draft summary").click()
    page.fill("#id_draft-text", REPLY)
    page.get_by_role("button", name="保存答复草稿").click()
    page.locator("#action-submit_review summary").click()
    page.get_by_role("button", name="提交审核").click()
    assert "等待审核人审核" in page.locator(".messages").inner_text()
    logout(page)

    # The approver reads the draft and approves it.
    login(page, base, "zx_approver", PASSWORD)
    page.goto(f"{base}/office/consultations/?queue=to_review")
    page.get_by_role("link", name=code).click()
    assert REPLY in page.content()
    page.locator("#action-approve summary").click()
    page.fill("#id_approve-comment", "同意。")
    page.get_by_role("button", name="审核通过").click()
    assert "答复已审核通过" in page.locator(".messages").inner_text()
    logout(page)

    # The office sends the reply (closing the case) and publishes the question and answer.
    login(page, base, "zx_office", PASSWORD)
    page.goto(f"{base}/office/consultations/?queue=approved")
    page.get_by_role("link", name=code).click()
    page.locator("#action-send summary").click()
    page.get_by_role("button", name="发出答复").click()
    assert "答复已发出，咨询已办结" in page.locator(".messages").inner_text()
    page.locator("#action-publish summary").click()
    preview = page.locator("#action-publish .findings").inner_text()
    assert "手机号码“139****5678”" in preview
    assert "留言人姓名“张**”" in preview
    suggested = page.locator("#id_publish-public_question").input_value()
    assert PHONE not in suggested
    assert NAME not in suggested
    assert "***" in suggested
    page.fill("#id_publish-public_question", PUBLIC_QUESTION)
    page.get_by_role("button", name="检查个人信息").click()
    assert "未发现个人信息" in page.locator("#action-publish .findings").inner_text()
    page.get_by_role("button", name="公开", exact=True).click()
    assert "问答已在门户网站公开" in page.locator(".messages").inner_text()
    enquiry.refresh_from_db()
    assert (enquiry.state, enquiry.published, enquiry.reviewed_by) == ("closed", True, desk.approver)

    # The citizen opens the status page with the code and password, reads the reply and rates it.
    status.goto(f"{base}/ask/track/")
    status.fill("#id_code", code)
    status.fill("#id_secret", secret)
    status.get_by_role("button", name="查询").click()
    assert REPLY in status.content()
    assert "已办结" in status.content()
    status.get_by_label("满意", exact=True).check()
    status.get_by_role("button", name="提交评价").click()
    assert "对本次答复作出评价：满意" in status.locator("#rating-section").inner_text()
    assert "提交评价" not in status.content()
    enquiry.refresh_from_db()
    assert enquiry.rating == "satisfied"

    # The public answers page shows the question and answer, without the name or the phone.
    status.goto(f"{base}/agencies/{desk.agency.pk}/")
    status.get_by_role("link", name="公开问答").first.click()
    status.get_by_role("link", name=SUBJECT).click()
    html = status.content()
    assert PUBLIC_QUESTION in html
    assert REPLY in html
    for secret_text in (NAME, PHONE, "张**", code):
        assert secret_text not in html
    listing = status.goto(f"{base}/agencies/{desk.agency.pk}/answers/").text()
    assert SUBJECT in listing
    assert NAME not in listing
    assert PHONE not in listing
    citizen.close()
