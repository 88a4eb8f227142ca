"""The back-office letter pages: draft, edit, issue, download; access through ``access_application``."""

import datetime as dt
import io

import docx
import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.roles import Role
from gongkai.inforequests.models import Letter, LetterState
from gongkai.inforequests.services.intake import application_register
from tests.factories import UserFactory, grant
from tests.inforequests.conftest import desk, person  # noqa: F401 - shared fixture

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 5)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(2), tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def application(desk):  # noqa: F811
    application, _ = application_register(
        acting_user=desk.office, agency=desk.agency, channel="in_person", submitted_on=dt.date(2026, 3, 2), **person()
    )
    return application


def url(name, application, *args):
    return reverse(f"backoffice:{name}", args=[application.pk, *args])


def test_office_drafts_edits_issues_and_downloads_a_letter(client, desk, application):  # noqa: F811
    client.force_login(desk.office)
    page = client.get(url("letters", application)).content.decode()
    assert "尚无文书" in page
    assert "受理回执" in page
    response = client.post(url("letter_new", application), {"kind": "acknowledgement"})
    letter = Letter.objects.get()
    assert response.status_code == 302
    assert response.url == url("letter_edit", application, letter.pk)
    edit = client.get(response.url).content.decode()
    assert "政府信息公开申请受理回执" in edit
    assert "签发" in edit

    response = client.post(
        url("letter_edit", application, letter.pk), {"title": letter.title, "body": letter.body + "\n特此回执。"}
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.body.endswith("特此回执。")

    draft_pdf = client.get(url("letter_pdf", application, letter.pk))
    assert draft_pdf["Content-Type"] == "application/pdf"
    assert draft_pdf.content.startswith(b"%PDF")

    response = client.post(url("letter_issue", application, letter.pk), {"issued_on": "2026-03-05"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.state == LetterState.ISSUED
    assert f"已签发，文号：{letter.number}。" in client.get(response.url).content.decode()

    pdf = client.get(url("letter_pdf", application, letter.pk))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    response = client.get(url("letter_docx", application, letter.pk))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    texts = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert letter.number in texts

    # Frozen: the edit page shows the text and the hash, and a late edit is refused.
    page = client.get(url("letter_edit", application, letter.pk)).content.decode()
    assert letter.sha256 in page
    assert "保存草稿" not in page
    assert client.post(url("letter_edit", application, letter.pk), {"title": "x", "body": "y"}).status_code == 403


def test_issue_refusals_are_shown_and_nothing_is_issued(client, desk, application):  # noqa: F811
    client.force_login(desk.office)
    client.post(url("letter_new", application), {"kind": "correction_notice"})
    letter = Letter.objects.get()
    page = client.get(url("letter_edit", application, letter.pk)).content.decode()
    assert "以下内容尚未填写" in page
    assert "【请填写需要补正的事项】" in page
    response = client.post(url("letter_issue", application, letter.pk), {"issued_on": "2026-03-05"}, follow=True)
    assert "文书中还有未填写的内容" in response.content.decode()
    letter.refresh_from_db()
    assert letter.state == LetterState.DRAFT
    response = client.post(url("letter_new", application), {"kind": "reply"}, follow=True)
    assert "尚未作出处理决定" in response.content.decode()


def test_handler_drafts_but_cannot_issue(client, desk, application):  # noqa: F811
    application.handler = desk.officer
    application.save()
    client.force_login(desk.officer)
    client.post(url("letter_new", application), {"kind": "acknowledgement"})
    letter = Letter.objects.get()
    page = client.get(url("letter_edit", application, letter.pk)).content.decode()
    assert "保存草稿" in page
    assert 'id="issue-title"' not in page
    response = client.post(url("letter_issue", application, letter.pk), {"issued_on": "2026-03-05"}, follow=True)
    assert "没有在该机构办理此事项的权限" in response.content.decode()
    letter.refresh_from_db()
    assert letter.state == LetterState.DRAFT
    response = client.post(url("letter_discard", application, letter.pk))
    assert response.status_code == 302
    assert not Letter.objects.exists()


def test_others_see_nothing(client, desk, tree, application):  # noqa: F811
    client.force_login(desk.office)
    client.post(url("letter_new", application), {"kind": "acknowledgement"})
    letter = Letter.objects.get()
    outsider = UserFactory(username="west-office")
    grant(outsider, tree["west"], Role.OFFICE)
    client.force_login(outsider)
    for name, args in [
        ("letters", []),
        ("letter_edit", [letter.pk]),
        ("letter_pdf", [letter.pk]),
        ("letter_docx", [letter.pk]),
    ]:
        assert client.get(url(name, application, *args)).status_code == 404
    assert client.post(url("letter_new", application), {"kind": "acknowledgement"}).status_code == 404
    assert client.post(url("letter_issue", application, letter.pk), {"issued_on": "2026-03-05"}).status_code == 404
    client.force_login(desk.officer)  # an officer the application is not assigned to
    assert client.get(url("letters", application)).status_code == 404
    client.logout()
    response = client.get(url("letters", application))
    assert response.status_code == 302
    assert reverse("backoffice:login") in response.url
    assert Letter.objects.get().state == LetterState.DRAFT
