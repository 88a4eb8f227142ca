"""The public search API: ``GET /api/v1/search`` returns the JSON shape with plain and marked titles,
narrows by the same filters as the portal page, pages by ``next_after``, suggests the simplified query,
answers 422 with ninja's ``detail`` for bad parameters, and keeps its OpenAPI docs."""

import datetime as dt

import pytest

from gongkai.publications.choices import Genre
from gongkai.search.models import DocumentKind
from tests.portal.test_views_search import empty_index  # noqa: F401 - fixture
from tests.search.factories import DAY
from tests.search.factories import index_document as index

pytestmark = pytest.mark.django_db
URL = "/api/v1/search"
HIT_KEYS = {
    "title",
    "title_html",
    "snippet_html",
    "url",
    "kind",
    "kind_label",
    "agency_id",
    "agency_name",
    "number",
    "published_on",
    "rank",
}


def api(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content.decode()
    return response.json()


def titles(data) -> list[str]:
    return [hit["title"] for hit in data["hits"]]


def test_the_json_shape(client, tree):
    index(tree["east"], "关于<2025>年招生考试安排的通知", number="东教〔2025〕7号", body="各校：招生考试定于六月举行。")
    data = api(client, q="招生")
    assert set(data) == {"q", "total", "total_capped", "next_after", "suggestion", "relaxed_from", "error", "hits"}
    assert data["q"] == "招生"
    assert data["total"] == 1
    assert data["total_capped"] is False
    assert data["next_after"] == ""
    assert data["suggestion"] == ""
    assert data["relaxed_from"] == ""
    assert data["error"] == ""
    (hit,) = data["hits"]
    assert set(hit) == HIT_KEYS
    assert hit["title"] == "关于<2025>年招生考试安排的通知"
    assert hit["title_html"] == "关于&lt;2025&gt;年<mark>招生</mark>考试安排的通知"
    assert hit["snippet_html"] == "各校：<mark>招生</mark>考试定于六月举行。"
    assert hit["url"].startswith("http://testserver/agencies/")
    assert hit["kind"] == "item"
    assert hit["kind_label"] == "政府信息"
    assert hit["agency_id"] == tree["east"].pk
    assert hit["agency_name"] == "测试市东区教育局"
    assert hit["number"] == "东教〔2025〕7号"
    assert hit["published_on"] == DAY.isoformat()
    assert hit["rank"] == 1


def test_no_query_is_an_empty_answer(client, tree):
    index(tree["east"], "招生通知")
    data = api(client)
    assert (data["q"], data["total"], data["hits"], data["error"]) == ("", 0, [], "")


def test_filters_narrow_results(client, tree):
    index(tree["east"], "东区招生通知", genre=Genre.NOTICE, published_on=dt.date(2025, 5, 1))
    index(tree["school"], "第一小学招生公告", genre=Genre.ANNOUNCEMENT, published_on=dt.date(2024, 5, 1))
    index(tree["west"], "西区招生通知", genre=Genre.NOTICE, published_on=dt.date(2025, 5, 2))
    index(tree["east"], "东区招生咨询答复", kind=DocumentKind.ANSWER, published_on=dt.date(2025, 4, 1))
    assert api(client, q="招生")["total"] == 4
    assert set(titles(api(client, q="招生", agency=tree["east"].pk))) == {
        "东区招生通知",
        "第一小学招生公告",
        "东区招生咨询答复",
    }
    assert titles(api(client, q="招生", year=2024)) == ["第一小学招生公告"]
    assert titles(api(client, q="招生", genre="notice")) == ["西区招生通知", "东区招生通知"]
    assert titles(api(client, q="招生", kind="answer")) == ["东区招生咨询答复"]
    # Blank parameters (an HTML form's "all") are no filter.
    assert api(client, q="招生", agency="", year="", genre="", validity="", kind="", after="")["total"] == 4


def test_pages_by_next_after_without_overlap(client, tree):
    for n in range(15):
        index(tree["east"], f"招生工作通知第{n}号", published_on=DAY - dt.timedelta(days=n))
    for n in range(10):
        index(tree["west"], f"学籍管理通知第{n}号", body="涉及招生。", published_on=DAY - dt.timedelta(days=n))
    first = api(client, q="招生")
    assert first["total"] == 25
    assert len(first["hits"]) == 20
    assert [hit["rank"] for hit in first["hits"]] == [1] * 15 + [3] * 5
    second = api(client, q="招生", after=first["next_after"])
    assert len(second["hits"]) == 5
    assert second["next_after"] == ""
    assert not set(titles(first)) & set(titles(second))
    assert len(set(titles(first)) | set(titles(second))) == 25


def test_a_count_past_the_cap_is_flagged(client, tree, monkeypatch):
    monkeypatch.setattr("gongkai.search.selectors.COUNT_CAP", 3)
    for n in range(4):
        index(tree["east"], f"招生通知{n}")
    data = api(client, q="招生")
    assert (data["total"], data["total_capped"], len(data["hits"])) == (3, True, 4)


def test_traditional_characters_get_a_suggestion(client, tree):
    index(tree["east"], "2025年东区学区划分方案")
    assert api(client, q="學區")["suggestion"] == "学区"
    assert titles(api(client, q="学区")) == ["2025年东区学区划分方案"]


def test_a_query_nothing_contains_is_searched_as_its_words(client, tree):
    index(tree["east"], "高中阶段学校招生政策解读")
    data = api(client, q="高中招生政策")
    assert data["relaxed_from"] == "高中招生政策"
    assert data["q"] != "高中招生政策"
    assert titles(data) == ["高中阶段学校招生政策解读"]
    assert "<mark>高中</mark>阶段学校<mark>招生政策</mark>解读" in data["hits"][0]["title_html"]


def test_a_query_that_cannot_be_searched_comes_back_with_error(client, tree):
    data = api(client, q="招" * 101)
    assert data["error"].startswith("检索词过长")
    assert data["hits"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "abc"}, "year"),
        ({"year": "1999"}, "year"),
        ({"year": "2101"}, "year"),
        ({"agency": "abc"}, "agency"),
        ({"agency": "999999"}, "agency"),
        ({"node": "999999"}, "node"),
        ({"topic": "999999"}, "topic"),
        ({"genre": "bogus"}, "genre"),
        ({"validity": "forever"}, "validity"),
        ({"kind": "secret"}, "kind"),
        ({"after": "9-abc"}, "after"),
        ({"after": f"1-{2**64}"}, "after"),
    ],
)
def test_bad_parameters_are_422_with_the_detail(client, tree, params, field):
    response = client.get(URL, {"q": "招生", **params})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [error["loc"][-1] for error in detail] == [field]
    assert all(error["msg"] for error in detail)


def test_a_deactivated_agency_is_422(client, tree):
    from gongkai.agencies.services import agency_save

    tree["west"].is_active = False
    agency_save(acting_user=None, agency=tree["west"])
    response = client.get(URL, {"q": "招生", "agency": tree["west"].pk})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "机构不存在或已停用"


def test_openapi_docs_describe_the_endpoint(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "公开 · 政府信息公开平台 API"
    assert schema["info"]["version"] == "1"
    parameters = {p["name"] for p in schema["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert parameters == {"q", "agency", "node", "topic", "genre", "year", "validity", "kind", "after"}
    assert client.get("/api/v1/docs").status_code == 200


def test_json_is_utf8(client, tree):
    index(tree["east"], "东区招生通知")
    response = client.get(URL, {"q": "招生"})
    assert response["Content-Type"].startswith("application/json")
    assert "东区<mark>招生</mark>通知".encode() in response.content


def test_the_api_is_read_only(client, db):
    assert client.post(URL, {"q": "招生"}).status_code == 405
