"""Back office: uploading a data list into a draft, the per-row errors, the preview, the templates."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.roles import Role
from gongkai.datalists.kinds import KINDS
from gongkai.datalists.models import DataList
from gongkai.datalists.validate import read_table
from tests.datalists.helpers import aid_csv, district_csv, district_draft, published_district

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(staff):
    return published_district(staff)


def _upload(client, item, data, kind="school_district"):
    url = reverse("backoffice:datalist_upload", args=[item.pk])
    return client.post(url, {"kind": kind, "file": SimpleUploadedFile("学区.csv", data, content_type="text/csv")})


def test_upload_imports_and_shows_the_preview(client, staff):
    item = district_draft(staff)
    client.force_login(staff.officer)
    page = client.get(reverse("backoffice:datalist_upload", args=[item.pk])).content.decode()
    assert '<option value="school_district" selected>' in page  # the XQHF column suggests the kind
    response = _upload(client, item, district_csv())
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "已导入3行（学区划分）" in page
    assert "示范市解放路小学" in page
    detail = client.get(reverse("backoffice:item", args=[item.pk])).content.decode()
    assert "学区划分：3 行" in detail


def test_upload_with_a_bad_row_shows_every_error_and_imports_nothing(client, staff):
    item = district_draft(staff)
    client.force_login(staff.officer)
    bad = [["解放街道", "解放路", "东边一片", "a", "b"], ["人民街道", "人民路", "99-1号", "c", "d"]]
    response = _upload(client, item, district_csv(bad))
    html = response.content.decode()
    assert response.status_code == 400
    assert "发现2处问题，未导入任何数据" in html
    assert "第2行“门牌号范围”" in html
    assert "第3行“门牌号范围”" in html
    assert not DataList.objects.exists()


def test_aid_upload_preview_is_masked(client, staff):
    item = district_draft(staff, title="资助公示")
    client.force_login(staff.officer)
    _upload(
        client, item, aid_csv(["张三丰", "解放路小学", "三年级", "生活补助", "625", "13912345678"]), "aid_recipients"
    )
    page = client.get(reverse("backoffice:datalist_upload", args=[item.pk])).content.decode()
    assert "张*丰" in page
    assert "张三丰" not in page
    assert "13912345678" not in page
    assert "以下列未保存、不公开：联系电话" in page


def test_published_item_cannot_be_uploaded_to(client, staff, district):
    client.force_login(staff.officer)
    page = client.get(reverse("backoffice:datalist_upload", args=[district.pk])).content.decode()
    assert "检查并导入" not in page
    assert _upload(client, district, district_csv()).status_code == 403


def test_other_staff_cannot_upload_into_someone_elses_draft(client, staff):
    item = district_draft(staff)
    client.force_login(staff.officer2)
    assert _upload(client, item, district_csv()).status_code == 403
    assert not DataList.objects.exists()


def test_staff_of_other_agencies_do_not_see_the_page(client, staff, tree):
    from tests.factories import UserFactory, grant

    item = district_draft(staff)
    outsider = UserFactory()
    grant(outsider, tree["west"], Role.OFFICER)
    client.force_login(outsider)
    assert client.get(reverse("backoffice:datalist_upload", args=[item.pk])).status_code == 404


def test_templates_have_the_header_and_an_example_row_the_import_refuses(client, staff):
    client.force_login(staff.officer)
    for code, kind in KINDS.items():
        response = client.get(reverse("backoffice:datalist_template", args=[code]))
        assert response.status_code == 200
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert [c.value for c in sheet[1]] == [c.label for c in kind.columns]
        table = read_table(kind, "t.xlsx", response.content)
        assert any("示例行" in e.message for e in table.errors), code
    assert client.get(reverse("backoffice:datalist_template", args=["nope"])).status_code == 404


def test_copy_button_copies_the_amended_version(client, staff, district):
    amendment = district_draft(staff, title="修订", amends=district)
    client.force_login(staff.officer)
    page = client.get(reverse("backoffice:datalist_upload", args=[amendment.pk])).content.decode()
    assert "复制原版本的数据" in page
    client.post(reverse("backoffice:datalist_copy", args=[amendment.pk]))
    assert DataList.objects.get(item=amendment).row_count == 3
