"""The public search page: substring matches with <mark>, filters (agency subtree, year, genre, kind),
invalid parameters as Chinese errors (400, no search), keyset pages without overlap, the 繁体
suggestion, the header search box on every page, and nothing unescaped from the index."""

import datetime as dt
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.urls import reverse

from gongkai.publications.choices import Genre
from gongkai.search.backends import backend_for
from gongkai.search.models import DocumentKind, SearchDocument
from gongkai.search.services import search_sync
from tests.portal.test_column import publish
from tests.search.factories import DAY, index_document

pytestmark = pytest.mark.django_db
HIT = re.compile(r'<li class="hit">.*?<h3><a href="([^"]+)">(.*?)</a></h3>', re.DOTALL)
NEXT = re.compile(r'<a href="([^"]+)" rel="next">下一页</a>')


@pytest.fixture(autouse=True)
def empty_index(db):
    """The index as the test writes it: rows a transactional (browser) test left in SQLite's FTS5 table
    survive its flush, so start from nothing (undone with the test's transaction)."""
    with connection.cursor() as cursor:
        backend_for(connection.vendor).clear(cursor)
    SearchDocument.objects.all().delete()


index = index_document


def search(client, **params):
    return client.get(reverse("portal:search"), params)


def titles(response) -> list[str]:
    """The result titles of a page, marks removed."""
    return [unescape(re.sub(r"</?mark>", "", title)) for _, title in HIT.findall(response.content.decode())]


def test_a_query_finds_a_substring_and_marks_it(client, tree):
    index(tree["east"], "关于2025年招生考试安排的通知", number="东教〔2025〕7号", body="各校：招生考试定于六月举行。")
    index(tree["west"], "关于学生体质健康监测的通知")
    response = search(client, q="招生")
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == ["关于2025年招生考试安排的通知"]
    assert "关于2025年<mark>招生</mark>考试安排的通知" in html
    assert "各校：<mark>招生</mark>考试定于六月举行。" in html
    assert "找到约 1 条结果" in html
    for text in (
        "测试市东区教育局",
        "东教〔2025〕7号",
        "2025-06-02",
        "政府信息",
        "法定主动公开内容 › 政策文件",
        "现行有效",
    ):
        assert text in html


def test_title_matches_rank_before_body_matches_and_newer_first(client, tree):
    index(tree["east"], "义务教育入学工作方案", body="招生范围见附件。", published_on=dt.date(2025, 9, 1))
    index(tree["east"], "2024年招生简章", published_on=dt.date(2024, 3, 1))
    index(tree["east"], "2025年招生简章", published_on=dt.date(2025, 3, 1))
    assert titles(search(client, q="招生")) == ["2025年招生简章", "2024年招生简章", "义务教育入学工作方案"]


def test_filters_narrow_results(client, tree):
    index(tree["east"], "东区招生通知", genre=Genre.NOTICE, published_on=dt.date(2025, 5, 1))
    index(tree["school"], "第一小学招生公告", genre=Genre.ANNOUNCEMENT, published_on=dt.date(2024, 5, 1))
    index(tree["west"], "西区招生通知", genre=Genre.NOTICE, published_on=dt.date(2025, 5, 2))
    index(tree["east"], "东区招生咨询答复", kind=DocumentKind.ANSWER, published_on=dt.date(2025, 4, 1))

    assert len(titles(search(client, q="招生"))) == 4
    # The agency and its subtree (the school is under the east district).
    assert set(titles(search(client, q="招生", agency=tree["east"].pk))) == {
        "东区招生通知",
        "第一小学招生公告",
        "东区招生咨询答复",
    }
    assert set(titles(search(client, q="招生", agency=tree["bureau"].pk))) == set(titles(search(client, q="招生")))
    assert titles(search(client, q="招生", agency=tree["west"].pk)) == ["西区招生通知"]
    assert titles(search(client, q="招生", year=2024)) == ["第一小学招生公告"]
    assert titles(search(client, q="招生", genre=Genre.NOTICE)) == ["西区招生通知", "东区招生通知"]
    assert titles(search(client, q="招生", kind=DocumentKind.ANSWER)) == ["东区招生咨询答复"]
    assert titles(search(client, q="招生", agency=tree["east"].pk, year=2025, genre=Genre.NOTICE)) == ["东区招生通知"]
    # The filter controls keep what was chosen.
    html = search(client, q="招生", agency=tree["east"].pk, year=2024).content.decode()
    assert f'<option value="{tree["east"].pk}" selected>' in html
    assert '<option value="2024" selected>2024年</option>' in html


def test_filters_with_no_match_say_so_and_offer_to_drop_them(client, tree):
    index(tree["east"], "东区招生通知")
    response = search(client, q="招生", agency=tree["west"].pk)
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == []
    assert "没有找到与“招生”相关的结果" in html
    assert "找到约" not in html
    assert "取消筛选条件" in html
    assert 'href="?q=%E6%8B%9B%E7%94%9F"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "abc"}, "发布年度：年度应为2000至2100之间的整数。"),
        ({"year": "1999"}, "发布年度：年度应为2000至2100之间的整数。"),
        ({"agency": "999999"}, "发布机构：所选发布机构不存在或已停用，请重新选择。"),
        ({"agency": "abc"}, "发布机构：所选发布机构不存在或已停用，请重新选择。"),
        ({"genre": "bogus"}, "文种：文种“bogus”不是可选的值。"),
        ({"kind": "secret"}, "类型：类型“secret”不是可选的值。"),
        ({"node": "999999"}, "公开目录栏目：所选公开目录栏目不存在或已停用。"),
        ({"topic": "x"}, "主题分类：所选主题分类不存在。"),
        ({"after": "9-abc"}, "翻页位置：翻页参数无效，请回到第一页重新检索。"),
        ({"after": f"1-{2**64}"}, "翻页位置：翻页参数无效，请回到第一页重新检索。"),
    ],
)
def test_invalid_parameters_show_a_chinese_error_and_no_results(client, tree, params, message):
    index(tree["east"], "东区招生通知")
    response = search(client, q="招生", **params)
    html = response.content.decode()
    assert response.status_code == 400
    assert "检索条件有误，未进行检索" in html
    assert message in html
    assert titles(response) == []
    assert "找到约" not in html


def test_a_deactivated_agency_is_not_a_filter(client, tree):
    from gongkai.agencies.services import agency_save

    tree["west"].is_active = False
    agency_save(acting_user=None, agency=tree["west"])
    response = search(client, q="招生", agency=tree["west"].pk)
    assert response.status_code == 400
    html = search(client).content.decode()
    assert "测试市西区教育局" not in html
    assert "测试市东区第一小学" in html


def test_pages_follow_by_cursor_without_overlap(client, tree):
    for n in range(15):
        index(tree["east"], f"招生工作通知第{n}号", published_on=DAY - dt.timedelta(days=n))
    for n in range(10):
        index(tree["west"], f"学籍管理通知第{n}号", body="涉及招生。", published_on=DAY - dt.timedelta(days=n))
    index(tree["city"], "市政府招生通知")  # outside the filter: the bureau's subtree

    first = search(client, q="招生", agency=tree["bureau"].pk)
    html = first.content.decode()
    assert "找到约 25 条结果" in html
    page1 = titles(first)
    assert len(page1) == 20
    assert page1[:15] == [f"招生工作通知第{n}号" for n in range(15)]  # title matches first
    assert "回到第一页" not in html
    next_url = unescape(NEXT.search(html).group(1))
    query = parse_qs(urlsplit(next_url).query)
    assert query["q"] == ["招生"]
    assert query["agency"] == [str(tree["bureau"].pk)]

    second = client.get(reverse("portal:search") + next_url)
    page2 = titles(second)
    html2 = second.content.decode()
    assert len(page2) == 5
    assert not set(page1) & set(page2)
    assert set(page1) | set(page2) == {f"招生工作通知第{n}号" for n in range(15)} | {
        f"学籍管理通知第{n}号" for n in range(10)
    }
    assert NEXT.search(html2) is None
    first_page = re.search(r'<a href="([^"]+)">回到第一页</a>', html2).group(1)
    assert parse_qs(urlsplit(unescape(first_page)).query) == {"q": ["招生"], "agency": [str(tree["bureau"].pk)]}


def test_a_count_past_the_cap_is_shown_as_at_least(client, tree, monkeypatch):
    monkeypatch.setattr("gongkai.search.selectors.COUNT_CAP", 3)
    for n in range(4):
        index(tree["east"], f"招生通知{n}")
    html = search(client, q="招生").content.decode()
    assert "找到 3 条以上结果" in html
    assert len(HIT.findall(html)) == 4


def test_traditional_characters_suggest_the_simplified_query(client, tree):
    index(tree["east"], "2025年东区学区划分方案")
    html = search(client, q="學區", year=2025).content.decode()
    assert "您是不是要找：" in html
    link = re.search(r'您是不是要找：<a href="([^"]+)"[^>]*>学区</a>', html)
    assert parse_qs(urlsplit(unescape(link.group(1))).query) == {"q": ["学区"], "year": ["2025"]}
    assert "您是不是要找" not in search(client, q="学区").content.decode()


def test_a_query_nothing_contains_is_searched_as_its_words_and_says_so(client, tree):
    index(tree["east"], "高中阶段学校招生政策解读")
    response = search(client, q="高中招生政策")
    html = response.content.decode()
    assert titles(response) == ["高中阶段学校招生政策解读"]
    assert "没有找到完整包含“高中招生政策”的结果" in html
    assert 'value="高中招生政策"' in html  # the search box keeps what was typed


def test_query_errors_of_the_selector_are_shown(client, tree):
    html = search(client, q="《》").content.decode()
    assert "检索词中没有可检索的文字或数字。" in html
    html = search(client, q="招" * 101).content.decode()
    assert "检索词过长" in html


def test_no_query_shows_the_form_and_a_prompt(client, tree):
    for response in (search(client), search(client, q="  ", year=2025)):
        html = response.content.decode()
        assert response.status_code == 200
        assert "请输入检索词" in html
        assert "找到约" not in html
        assert '<label for="id_agency">发布机构</label>' in html
        assert "测试市东区第一小学" in html


def test_titles_and_snippets_from_the_index_are_escaped(client, tree):
    index(tree["east"], "<script>alert(1)</script>招生", body="<img src=x onerror=alert(1)>招生")
    html = search(client, q="招生").content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>招生</mark>" in html


def test_node_and_topic_are_kept_as_hidden_inputs(client, staff):
    from gongkai.publications.models import Topic

    topic = Topic.objects.filter(parent__isnull=False).first()
    html = search(client, q="招生", node=staff.node.pk, topic=topic.pk).content.decode()
    assert f'<input type="hidden" name="node" value="{staff.node.pk}">' in html
    assert f'<input type="hidden" name="topic" value="{topic.pk}">' in html
    assert "公开目录：测试市教育局 › 政策文件" in html


def test_a_published_item_is_found_with_its_catalog_data(client, staff):
    item = publish(staff, staff.draft(title="关于2026年学区划分的公告", genre=Genre.ANNOUNCEMENT))
    search_sync(item)
    staff.draft(title="尚未发布的学区调整草稿")
    response = search(client, q="学区", node=staff.node.pk, genre=Genre.ANNOUNCEMENT)
    html = response.content.decode()
    assert titles(response) == ["关于2026年学区划分的公告"]
    assert f'href="/agencies/{staff.agency.pk}/items/{item.pk}/"' in html
    assert "示教基〔2026〕3号" in html
    assert "政策文件" in html
    assert "草稿" not in html


def test_every_portal_page_has_the_search_box(client, tree):
    for url in (reverse("portal:home"), reverse("portal:agency", args=[tree["east"].pk])):
        html = client.get(url).content.decode()
        assert 'role="search" aria-label="全站搜索"' in html
        assert f'action="{reverse("portal:search")}"' in html
        assert '<label class="visually-hidden" for="site-search-q">搜索政府信息</label>' in html
