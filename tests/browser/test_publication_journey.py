"""Issue 3 journey: draft with an attachment holding an ID number → the reviewer sees the finding and
returns it → corrected, reviewed and signed off → public column with its index number → the feed."""

import io

import docx
import pytest
from django.utils import timezone

from gongkai.publications.models import InformationItem
from tests.browser.conftest import login, logout
from tests.publications.conftest import staff  # noqa: F401 - fixture
from tests.screening.test_detectors import valid_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-for-tests-123"
TITLE = "关于公布2026年秋季学期学生资助名单的通知"


def word_file(path, rows):
    document = docx.Document()
    document.add_paragraph("学生资助名单")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.rows[r].cells[c].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_draft_review_return_correct_sign_off_publish_and_feed(live_server, page, staff, tmp_path):  # noqa: F811
    base = live_server.url
    with_id = word_file(tmp_path / "名单.docx", [("姓名", "身份证号"), ("王某", valid_id())])
    clean = word_file(tmp_path / "名单（已处理）.docx", [("姓名", "资助金额"), ("王某", "1000元")])

    # The information officer drafts the item and attaches the list.
    login(page, base, "officer1", PASSWORD)
    page.get_by_role("link", name="新建信息").first.click()
    page.fill("#id_title", TITLE)
    page.select_option("#id_catalog_node", label="政策文件")
    page.fill("#id_formed_on", "2026-11-20")
    # The body editor: a heading by keyboard shortcut, then a paragraph.
    page.locator("#id_body_editor").click()
    page.keyboard.type("资助名单")
    page.keyboard.press("Control+Alt+2")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("经评审，现将资助名单公布如下。公示期五个工作日。")
    page.get_by_role("button", name="保存草稿").click()
    body = InformationItem.objects.get(title=TITLE).body
    assert "<h3>资助名单</h3>" in body
    assert "<p>经评审，现将资助名单公布如下。公示期五个工作日。</p>" in body
    page.set_input_files("#id_file", with_id)
    page.get_by_role("button", name="上传").click()
    assert "附件“名单.docx”已上传" in page.content()
    page.get_by_role("button", name="提交审核").click()
    assert "自动检查发现1处" in page.locator(".messages").inner_text()
    logout(page)

    # The reviewer sees the finding with its place and sends the item back.
    login(page, base, "reviewer1", PASSWORD)
    page.get_by_role("link", name=TITLE).first.click()
    findings = page.locator(".findings").inner_text()
    assert "居民身份证号码" in findings
    assert "附件“名单.docx”表格1" in findings
    assert valid_id() not in page.content()
    page.fill("form[action$='/do/return/'] textarea", "附件含身份证号码，请删除后重新提交")
    page.get_by_role("button", name="退回修改").click()
    assert "已退回起草人修改" in page.content()
    logout(page)

    # The officer replaces the attachment and submits again.
    login(page, base, "officer1", PASSWORD)
    page.get_by_role("link", name=TITLE).first.click()
    assert "附件含身份证号码" in page.content()
    page.get_by_role("button", name="删除").click()
    page.set_input_files("#id_file", clean)
    page.get_by_role("button", name="上传").click()
    page.get_by_role("button", name="提交审核").click()
    assert "自动检查未发现问题" in page.content()
    logout(page)

    login(page, base, "reviewer1", PASSWORD)
    page.get_by_role("link", name=TITLE).first.click()
    page.get_by_role("button", name="审核通过").click()
    logout(page)

    login(page, base, "approver1", PASSWORD)
    page.get_by_role("link", name=TITLE).first.click()
    page.get_by_role("button", name="签发并发布").click()
    assert "已发布" in page.locator(".state").inner_text()
    logout(page)

    # The public column lists it with its index number; the feed carries it.
    page.goto(f"{base}/agencies/{staff.agency.pk}/")
    page.get_by_role("link", name=TITLE).first.click()
    index_number = f"{staff.agency.credit_code}/{timezone.localdate().year}-00001"
    assert index_number in page.locator("table.meta").inner_text()
    assert "名单（已处理）.docx" in page.content()
    feed = page.request.get(f"{base}/agencies/{staff.agency.pk}/feed/").text()
    assert TITLE in feed
    assert index_number in feed
