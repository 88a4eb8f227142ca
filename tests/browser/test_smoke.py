import pytest

from gongkai.demo.data import DEMO_PASSWORD
from gongkai.demo.loader import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_home_page_renders_in_chinese(live_server, page):
    load_demo()
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert page.locator("h1").inner_text() == "政府信息公开"
    page.get_by_role("link", name="示范市教育局").click()
    assert page.locator("h1").inner_text() == "示范市教育局 · 政府信息公开"
    assert "示范市教育局办公室" in page.content()


def test_admin_login_works_and_admin_is_in_chinese(live_server, page):
    load_demo()
    page.goto(live_server.url + "/admin/")
    assert "登录" in page.content()
    page.fill("#id_username", "office")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/admin/")
    body = page.locator("body").inner_text()
    assert "政府信息公开平台管理后台" in body
    assert "机构" in body


def test_wrong_password_is_refused_in_chinese(live_server, page):
    load_demo()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "office")
    page.fill("#id_password", "wrong-password")
    page.get_by_role("button", name="登录").click()
    assert "请输入一个正确的" in page.locator(".errornote").inner_text()
