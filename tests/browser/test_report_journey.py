"""Issue 6 journey: the district office generates last year's annual report from the records → the page
lists what is still missing → it writes section 五 beside last year's text and enters the table 二
statistics with their sources → submits → the city's supervisor returns it once, then accepts it →
the office publishes it → the public finds it on the agency's 政府信息公开年报 column with the national
tables and downloads the PDF."""

import pytest
from django.utils import timezone

from gongkai.publications.services.setup import disclosure_setup
from gongkai.reports.models import AnnualReport
from tests.browser.conftest import login, logout
from tests.reports.conftest import ReportDesk
from tests.reports.texts import PROBLEMS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-for-tests-123"


def test_report_generated_completed_reviewed_published_and_public(live_server, page, tree):
    base = live_server.url
    desk = ReportDesk(tree)
    disclosure_setup(acting_user=None, agency=desk.agency)
    year = timezone.localdate().year - 1

    # The office generates last year's report from the records.
    login(page, base, "gkb", PASSWORD)
    page.get_by_role("link", name="年度报告").click()
    page.get_by_role("button", name="按记录生成").click()
    assert "已按平台记录生成" in page.locator(".messages").inner_text()
    assert "[sections] 错误" in page.content()  # section 五 is not written yet
    assert "[blank_cells] 提示" in page.content()  # table 二's statistics are not entered yet

    # Section 五, written beside last year's (there is none: said so).
    page.get_by_role("link", name="编辑文字部分").click()
    assert f"没有{year - 1}年度报告" in page.content()
    page.fill("#id_problems", PROBLEMS[2025])
    page.get_by_role("button", name="保存").click()
    assert "已保存：五、存在的主要问题及改进情况" in page.locator(".messages").inner_text()

    # The statistics of table 二 from the other business systems, each with its source.
    page.get_by_role("link", name="填写统计数据（表二）").click()
    for key, value in (("licensing_decisions", "35"), ("penalty_decisions", "2"), ("enforcement_decisions", "0")):
        page.fill(f"#id_value-proactive__{key}", value)
        page.fill(f"#id_source-proactive__{key}", "区政务服务中心审批台账")
    page.fill("#id_value-proactive__fees_amount_wan", "0")
    page.get_by_role("button", name="保存").click()
    assert "请注明数据来源" in page.content()  # the fee amount has no source: nothing saved, input kept
    assert page.input_value("#id_value-proactive__licensing_decisions") == "35"
    page.fill("#id_source-proactive__fees_amount_wan", "计划财务股确认")
    page.get_by_role("button", name="保存").click()
    assert "已保存4项统计数据" in page.locator(".messages").inner_text()
    assert "全部勾稽关系和完整性检查均已通过" in page.content()

    # Submitted to the city's 政务公开办.
    page.locator("#action-submit summary").click()
    page.get_by_role("button", name="报送", exact=True).click()
    assert "已报送" in page.locator(".messages").inner_text()
    logout(page)

    # The supervisor returns it once with a comment, the office resubmits, the supervisor accepts.
    login(page, base, "jdz", PASSWORD)
    page.get_by_role("link", name="年度报告").click()
    page.get_by_role("link", name="下级机构汇总").click()
    assert "待审核" in page.content()
    page.get_by_role("link", name=desk.agency.name).click()
    page.locator("#action-return summary").click()
    page.fill("#id_return-comment", "请在第六部分说明本年度有无责任追究情况。")
    page.get_by_role("button", name="退回", exact=True).click()
    assert "已退回修改" in page.locator(".messages").inner_text()
    logout(page)

    login(page, base, "gkb", PASSWORD)
    report = AnnualReport.objects.get()
    page.goto(f"{base}/office/reports/{report.pk}/")
    assert "请在第六部分说明本年度有无责任追究情况。" in page.content()
    page.get_by_role("link", name="编辑文字部分").click()
    page.fill("#id_other", "本年度未发生因政府信息公开工作被责任追究的情况。")
    page.get_by_role("button", name="保存").click()
    page.locator("#action-submit summary").click()
    page.get_by_role("button", name="报送", exact=True).click()
    logout(page)

    login(page, base, "jdz", PASSWORD)
    page.goto(f"{base}/office/reports/{report.pk}/")
    page.locator("#action-accept summary").click()
    page.get_by_role("button", name="审核通过", exact=True).click()
    assert "已审核通过" in page.locator(".messages").inner_text()
    logout(page)

    # The office publishes it.
    login(page, base, "gkb", PASSWORD)
    page.goto(f"{base}/office/reports/{report.pk}/")
    page.locator("#action-publish summary").click()
    page.check("#id_publish-confirm")
    page.get_by_role("button", name="发布到政府信息公开年报栏目").click()
    assert "年度报告已发布" in page.locator(".messages").inner_text()
    report.refresh_from_db()
    assert report.state == "published"

    # The public finds it on the agency's column, reads the tables and downloads the PDF.
    public = page.context.browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{base}/agencies/{desk.agency.pk}/")
    public.get_by_role("link", name="政府信息公开年报").click()
    public.get_by_role("link", name=f"{desk.agency.name}{year}年政府信息公开工作年度报告").click()
    table3 = public.locator("table", has_text="本年新收政府信息公开申请数量")
    assert table3.locator("th", has_text="三、本年度办理结果").get_attribute("rowspan") == "22"
    assert "本年度未发生因政府信息公开工作被责任追究的情况。" in public.content()
    with public.expect_download() as download:
        public.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
