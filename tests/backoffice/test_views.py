import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.roles import Role
from gongkai.publications.models import InformationItem
from gongkai.publications.states import ItemState
from tests.factories import UserFactory, grant
from tests.screening.test_detectors import valid_id
from tests.screening.test_extract import make_docx

pytestmark = pytest.mark.django_db


def form_data(staff, **changes):
    data = {
        "catalog_node": staff.node.pk,
        "title": "关于公布2026年学区划分的通知",
        "summary": "",
        "body": "第一段\n\n第二段",
        "formed_on": "2026-10-08",
        "genre": "notice",
        "origin": "own_document",
        "attribute": "proactive",
        "withholding_ground": "",
        "report_kind": "",
        "issuer": "",
        "document_number": "",
        "keywords": "",
    }
    data.update(changes)
    return data


def test_login_required_and_role_required(client, staff):
    response = client.get(reverse("backoffice:dashboard"))
    assert response.status_code == 302
    assert reverse("backoffice:login") in response.url
    nobody = UserFactory()
    client.force_login(nobody)
    assert client.get(reverse("backoffice:dashboard")).status_code == 403


def test_officer_drafts_uploads_and_submits_through_the_office(client, staff):
    client.force_login(staff.officer)
    response = client.post(reverse("backoffice:item_new"), form_data(staff))
    item = InformationItem.objects.get()
    assert response.url == reverse("backoffice:item", args=[item.pk])
    assert item.body == "<p>第一段</p><p>第二段</p>"
    upload = SimpleUploadedFile("名单.docx", make_docx())
    client.post(reverse("backoffice:attachment_upload", args=[item.pk]), {"file": upload})
    assert item.attachments.count() == 1
    client.post(reverse("backoffice:item_action", args=[item.pk, "submit"]))
    item.refresh_from_db()
    assert item.state == ItemState.IN_REVIEW
    # The docx holds a mobile number: the reviewer sees the finding with its place.
    client.force_login(staff.reviewer)
    dashboard = client.get(reverse("backoffice:dashboard")).content.decode()
    assert "关于公布2026年学区划分的通知" in dashboard
    detail = client.get(reverse("backoffice:item", args=[item.pk])).content.decode()
    assert "手机号码" in detail
    assert "附件“名单.docx”表格1" in detail
    assert "138****5678" in detail
    assert "13812345678" not in detail


def test_invalid_form_keeps_input_and_shows_chinese_errors(client, staff):
    client.force_login(staff.officer)
    response = client.post(reverse("backoffice:item_new"), form_data(staff, title="", attribute="withheld"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项" in html
    assert "第一段" in html
    assert not InformationItem.objects.exists()


def test_attachment_with_wrong_type_is_refused_and_nothing_is_stored(client, staff):
    client.force_login(staff.officer)
    client.post(reverse("backoffice:item_new"), form_data(staff))
    item = InformationItem.objects.get()
    upload = SimpleUploadedFile("伪装.pdf", make_docx())
    response = client.post(reverse("backoffice:attachment_upload", args=[item.pk]), {"file": upload}, follow=True)
    assert "附件类型与内容不符" in response.content.decode()
    assert item.attachments.count() == 0


def test_reviewer_returns_and_approver_publishes_with_override(client, staff):
    from gongkai.publications.services.workflow import item_submit

    item = staff.draft(body=f"<p>{valid_id()}</p>")
    item_submit(acting_user=staff.officer, item=item)
    client.force_login(staff.reviewer)
    client.post(reverse("backoffice:item_action", args=[item.pk, "approve"]), {"comment": "同意"})
    client.force_login(staff.approver)
    response = client.post(reverse("backoffice:item_action", args=[item.pk, "approve"]), {"comment": ""}, follow=True)
    assert "自动检查发现1处" in response.content.decode()
    item.refresh_from_db()
    assert item.state == ItemState.IN_REVIEW
    client.post(reverse("backoffice:item_action", args=[item.pk, "approve"]), {"override_reason": "虚构号码，已核实"})
    item.refresh_from_db()
    assert item.state == ItemState.PUBLISHED


def test_staff_of_another_agency_gets_404(client, staff, tree):
    item = staff.draft()
    outsider = UserFactory()
    grant(outsider, tree["west"], Role.OFFICE)
    client.force_login(outsider)
    assert client.get(reverse("backoffice:item", args=[item.pk])).status_code == 404
    assert client.post(reverse("backoffice:item_action", args=[item.pk, "submit"])).status_code == 404


def test_item_list_search_and_pagination(client, staff):
    for n in range(30):
        staff.draft(title=f"通知{n:02d}", formed_on=dt.date(2026, 10, 8))
    client.force_login(staff.office)
    html = client.get(reverse("backoffice:items"), {"q": "通知07"}).content.decode()
    assert "通知07" in html
    assert "通知08" not in html
    page2 = client.get(reverse("backoffice:items"), {"page": 2}).content.decode()
    assert "第 2 / 2 页" in page2


def test_navigation_offers_only_what_the_role_allows(client, staff):
    client.force_login(staff.reviewer)
    page = client.get(reverse("backoffice:dashboard")).content.decode()
    assert "新建信息" not in page
    assert "批量导入" not in page
    client.force_login(staff.office)
    page = client.get(reverse("backoffice:dashboard")).content.decode()
    assert "新建信息" in page
    assert "批量导入" in page


def test_edit_form_keeps_the_stored_dates_in_the_browser_date_picker(client, staff):
    # zh-hans formats dates as 2026/09/30, which <input type="date"> cannot show: the form must use ISO.
    item = staff.draft(formed_on=dt.date(2026, 9, 30))
    client.force_login(staff.officer)
    html = client.get(reverse("backoffice:item_edit", args=[item.pk])).content.decode()
    assert 'value="2026-09-30"' in html
