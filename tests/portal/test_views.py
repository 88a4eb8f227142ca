import pytest
from django.urls import reverse

from gongkai.agencies.models import ReadingRoom
from gongkai.agencies.services import agency_save

pytestmark = pytest.mark.django_db


def test_home_lists_active_agencies_in_tree_order(client, tree):
    tree["west"].is_active = False
    agency_save(acting_user=None, agency=tree["west"])
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "政府信息公开" in html
    assert html.index("测试市人民政府") < html.index("测试市教育局") < html.index("测试市东区教育局")
    assert "测试市西区教育局" not in html


def test_agency_page_shows_guide_contact_data(client, tree):
    bureau = tree["bureau"]
    bureau.office_name = "办公室"
    bureau.phone = "0999-1234567"
    agency_save(acting_user=None, agency=bureau)
    ReadingRoom.objects.create(agency=bureau, name="查阅室", address="人民路1号")
    response = client.get(reverse("portal:agency", args=[bureau.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("办公室", "0999-1234567", "查阅室", "人民路1号", "测试市东区教育局"):
        assert text in html


def test_inactive_or_missing_agency_is_404(client, tree):
    tree["west"].is_active = False
    agency_save(acting_user=None, agency=tree["west"])
    assert client.get(reverse("portal:agency", args=[tree["west"].pk])).status_code == 404
    assert client.get(reverse("portal:agency", args=[99999])).status_code == 404
