"""The facts of the annual report read from the records: the same for one agency or a whole region, in
the same fixed number of queries whatever the number of agencies."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.models import Agency
from gongkai.publications.models import CatalogNode
from gongkai.publications.services.imports import item_import_published
from gongkai.publications.services.setup import disclosure_setup
from gongkai.reports import selectors
from tests.inforequests.helpers import D, received_in_person
from tests.reports.test_services import decided

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def publish(agency: Agency, code: str, day: dt.date, author, **fields):
    disclosure_setup(acting_user=None, agency=agency)
    node = CatalogNode.objects.get(agency=agency, code=code)
    return item_import_published(
        acting_user=None,
        created_by=author,
        agency=agency,
        published_at=dt.datetime.combine(day, dt.time(10), SHANGHAI),
        catalog_node=node,
        title=fields.pop("title", f"{code}信息{day}"),
        formed_on=day,
        **fields,
    )


@pytest.fixture
def region(desk, tree):
    """Records at two agencies of the tree: items in several columns and channels, a normative document
    and its interpretation, applications decided and open."""
    east, west, author = tree["east"], tree["west"], desk.office
    document = publish(
        east,
        "ZCWJ",
        D(2025, 3, 3),
        author,
        report_kind="normative",
        issued_on=D(2025, 3, 1),
        channels=["website", "gazette"],
    )
    publish(east, "ZCJD", D(2025, 3, 5), author, title="政策解读", interprets=[document])
    publish(east, "ZSGL", D(2025, 6, 1), author, channels=["website", "new_media"])
    publish(west, "ZSGL", D(2025, 7, 1), author)
    publish(west, "ZSGL", D(2024, 7, 1), author)  # another year
    decided(desk, D(2025, 3, 3), D(2025, 3, 20), "granted")
    received_in_person(desk, D(2025, 12, 22))
    return list(Agency.objects.order_by("path"))


def test_a_region_read_gives_each_agency_what_its_own_read_gives(region, monkeypatch):
    year = 2025
    one_by_one = {a.pk: selectors.facts_for_year([a], year)[a.pk] for a in region}
    monkeypatch.setattr(selectors, "MANY_AGENCIES", 1)  # read as a region: no agency list in the SQL
    together = selectors.facts_for_year(region, year)
    assert together == one_by_one
    east = together[Agency.objects.get(name="测试市东区教育局").pk]
    assert east.overview.items_published == 3
    assert east.overview.interpretations == 1
    assert {c.label: c.count for c in east.overview.items_by_channel}["政府网站"] == 3
    assert east.normative.issued == 1
    assert sum(east.applications.new.values()) == 2
    assert sum(east.applications.carried_next.values()) == 1


def test_the_number_of_queries_does_not_grow_with_the_agencies(region):
    with CaptureQueriesContext(connection) as one:
        selectors.facts_for_year(region[:1], 2025)
    with CaptureQueriesContext(connection) as all_of_them:
        selectors.facts_for_year(region, 2025)
    assert len(all_of_them.captured_queries) == len(one.captured_queries)
