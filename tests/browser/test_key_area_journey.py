"""Issue 9 journey: the bureau's 学区划分 task (due by 30 June) is open on the plan board; an officer drafts
the school-district list, imports it from XLSX, and it is reviewed and signed off; the task turns green.
A parent then looks up the school district for an address on the portal and downloads the list."""

import csv
import io

import openpyxl
import pytest

from gongkai import playback
from gongkai.keyareas import schedule
from gongkai.keyareas.services.plans import plan_install_default
from tests.browser.conftest import login, logout
from tests.publications.conftest import staff  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-for-tests-123"
ZONING = "招生范围与学区划分"
GREEN = "rgb(230, 244, 234)"  # .standing-done in backoffice/plans.css
ROWS = [
    ("街道/镇", "道路或小区", "门牌号范围", "对口小学", "对口初中"),
    ("解放街道", "解放路", "单号1-99号", "示范市解放路小学", "示范市第一中学"),
    ("解放街道", "解放路", "双号2-58号", "示范市实验小学", "示范市第一中学"),
    ("人民街道", "人民路", "全部", "示范市人民路小学", "示范市第二中学"),
    ("人民街道", "幸福里小区", "全部", "示范市人民路小学", "示范市第二中学"),
]


def district_workbook(path) -> str:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in ROWS:
        sheet.append(row)
    book.save(path)
    return str(path)


def task_on_board(page, year: int):
    return page.locator(f'.plan-task[data-entry="{ZONING}"][data-year="{year}"]')


def test_zoning_task_turns_green_when_the_list_is_published_and_a_parent_looks_up_an_address(
    live_server, page, staff, tmp_path  # noqa: F811
):
    base = live_server.url
    plan_install_default(acting_user=None, agency=staff.agency)
    # The cycle whose window holds today: this year's when 30 June is still ahead, else next year's.
    year = schedule.current_year(6, 30, playback.today())
    title = f"{year}年小学招生学区划分"

    # The officer sees the 学区划分 task on the plan board: open, due by 30 June.
    login(page, base, "officer1", PASSWORD)
    page.get_by_role("link", name="公开计划").first.click()
    page.goto(f"{base}/office/plans/{staff.agency.pk}/")
    task = task_on_board(page, year)
    assert task.get_attribute("data-standing") in {"upcoming", "due"}
    assert f"{year}-06-30" in task.inner_text()
    assert "已完成" not in task.inner_text()

    # The officer drafts the list in 招生范围与学区划分 and imports the XLSX.
    page.goto(f"{base}/office/")
    page.get_by_role("link", name="新建信息").first.click()
    page.fill("#id_title", title)
    page.select_option("#id_catalog_node", label=ZONING)
    page.fill("#id_formed_on", playback.today().isoformat())
    page.locator("#id_body_editor").click()
    page.keyboard.type("现将各小学、初中招生范围公布如下，可在本页查询和下载。")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("link", name="导入数据清单").click()
    page.select_option("#id_kind", label="学区划分")
    page.set_input_files("#id_file", district_workbook(tmp_path / "学区划分.xlsx"))
    page.get_by_role("button", name="检查并导入").click()
    assert "当前数据（学区划分，4 行）" in page.locator("#dl-preview").inner_text()
    page.get_by_role("link", name=title).first.click()
    page.get_by_role("button", name="提交审核").click()
    logout(page)

    login(page, base, "reviewer1", PASSWORD)
    page.get_by_role("link", name=title).first.click()
    page.get_by_role("button", name="审核通过").click()
    logout(page)

    login(page, base, "approver1", PASSWORD)
    page.get_by_role("link", name=title).first.click()
    page.get_by_role("button", name="签发并发布").click()
    assert "已发布" in page.locator(".state").inner_text()

    # The task turned green: done, by this publication.
    page.goto(f"{base}/office/plans/{staff.agency.pk}/")
    task = task_on_board(page, year)
    assert task.get_attribute("data-standing") == "done"
    assert "已完成" in task.inner_text()
    assert task.evaluate("e => getComputedStyle(e).backgroundColor") == GREEN
    logout(page)

    # A parent looks up the school district for an address on the bureau's page.
    page.goto(f"{base}/agencies/{staff.agency.pk}/")
    page.get_by_role("link", name="学区查询").click()
    page.get_by_label("地址").fill("示范市解放路18号")
    page.get_by_role("button", name="查询").click()
    results = page.locator(".results")
    assert "示范市实验小学" in results.inner_text()
    assert "示范市第一中学" in results.inner_text()
    assert "示范市解放路小学" not in results.inner_text()  # 18 is even: the 双号 range

    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载CSV").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    text = download.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == list(ROWS[0])
    assert [r[:5] for r in rows[1:]] == [list(r) for r in ROWS[1:]]
