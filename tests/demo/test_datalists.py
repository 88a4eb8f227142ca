"""The demo's data lists: published through the workflow on played days, the 学区查询 works, aid masked."""

import pytest
from django.urls import reverse

from gongkai.datalists.models import DataList
from gongkai.demo.loader import load_demo

pytestmark = pytest.mark.django_db


def test_demo_bureau_publishes_its_lists_and_the_district_lookup_works(client):
    load_demo()
    lists = {d.kind: d for d in DataList.objects.select_related("item__agency", "item__catalog_node")}
    assert set(lists) == {"school_district", "school_list", "aid_recipients", "fee_schedule"}
    district = lists["school_district"]
    assert district.item.state == "published"
    assert district.item.catalog_node.code == "XQHF"
    assert district.item.published_at.month == 5
    assert 40 <= district.row_count <= 80
    assert lists["aid_recipients"].masked_count > 0
    aid_values = str(list(lists["aid_recipients"].rows.values_list("values", flat=True)))
    assert "*" in aid_values
    assert "1390000" not in aid_values
    url = reverse("portal:datalist_lookup", args=[district.item.agency_id, "school_district"])
    html = client.get(url, {"q": "解放路18号"}).content.decode()
    assert "示范市实验小学" in html
    assert "示范市第一中学" in html
    count = DataList.objects.count()
    load_demo()
    assert DataList.objects.count() == count
