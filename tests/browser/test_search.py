"""Search journey: a visitor types 学区 in the header search box of the home page, sees the published
item with the word highlighted (a draft stays out), and follows the result to the item page."""

import pytest
from django.db import connection

from gongkai.search.backends import backend_for
from gongkai.search.services import search_sync
from tests.portal.test_column import publish
from tests.publications.conftest import staff  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "关于2026年东区学区划分调整的公告"


@pytest.fixture
def clean_index(transactional_db):
    """SQLite's FTS5 table is not a model: the flush after a transactional test leaves its rows behind
    (an earlier browser test's, or ours for a later one), so the index is emptied before and after."""

    def clear() -> None:
        with connection.cursor() as cursor:
            backend_for(connection.vendor).clear(cursor)

    clear()
    yield
    clear()


def test_visitor_searches_from_the_header_and_follows_a_highlighted_result(live_server, page, staff, clean_index):  # noqa: F811
    item = publish(staff, staff.draft(title=TITLE, body="<p>东区学区范围调整如下。</p>"))
    search_sync(item)
    staff.draft(title="学区调整草稿（未发布）")

    page.goto(live_server.url + "/")
    header_search = page.get_by_role("search", name="全站搜索")
    header_search.get_by_role("searchbox", name="搜索政府信息").fill("学区")
    header_search.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**/search/?q=*")

    assert page.get_by_role("searchbox", name="检索词").input_value() == "学区"
    assert page.get_by_role("status").first.inner_text() == "找到约 1 条结果"
    result = page.get_by_role("link", name=TITLE)
    assert result.locator("mark").inner_text() == "学区"
    assert "未发布" not in page.locator(".results").inner_text()
    assert "<mark>学区</mark>范围调整" in page.locator(".snippet").inner_html()

    result.click()
    page.wait_for_url(f"**/agencies/{staff.agency.pk}/items/{item.pk}/")
    assert page.locator("h1").inner_text() == TITLE
