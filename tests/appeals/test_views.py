"""The back-office case pages: list (names masked), registration by tracking codes, the case page with its
defence deadline and basis, the actions (refusals re-render with the input; forbidden is 403; other
agencies' cases are 404), the prompt on the application page, and the table 四 preview."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.roles import Role
from gongkai.appeals.models import AppealCase
from gongkai.inforequests.models import Application
from tests.appeals.helpers import D, answered, at, review_of
from tests.factories import UserFactory, grant
from tests.screening.test_extract import make_docx

pytestmark = pytest.mark.django_db
JUNE = D(2025, 6, 1)


def act(client, case, action, day, **fields):
    data = {f"{action}-{name}": value for name, value in fields.items()}
    with at(day):
        return client.post(reverse("backoffice:appeal_action", args=[case.pk, action]), data)


def page(client, name, *args, day=JUNE, **query):
    with at(day):
        return client.get(reverse(f"backoffice:{name}", args=args), query)


def test_list_masks_the_party_and_shows_the_defence_deadline(client, desk):
    case = review_of(desk, answered(desk), copy_received_on=D(2025, 4, 24), today=D(2025, 4, 24))
    client.force_login(desk.office)
    html = page(client, "appeals", day=D(2025, 5, 9)).content.decode()
    assert "王**" in html
    assert "王小明" not in html
    assert "2025-05-12（还剩3日）" in html
    assert "复议诉讼" in html  # the navigation link
    assert str(case) in html
    tab = page(client, "appeals", day=D(2025, 5, 9), tab="defence").content.decode()
    assert "待提交答复（答辩）（1）" in tab
    assert "共 0 件" in page(client, "appeals", kind="litigation_direct").content.decode()


def test_officers_have_no_link_and_see_no_cases(client, desk):
    review_of(desk, answered(desk))
    client.force_login(desk.officer)
    html = page(client, "appeals").content.decode()
    assert "共 0 件" in html
    assert "复议诉讼</a>" not in html


def test_register_by_tracking_code_then_the_case_page(client, desk):
    application = answered(desk)
    client.force_login(desk.office)
    data = {
        "agency": desk.agency.pk,
        "kind": "review",
        "filed_on": "2025-04-20",
        "body_name": "测试市东区人民政府",
        "reference": "东府复〔2025〕3号",
        "application_codes": f" {application.tracking_code.lower()}，",
        "copy_received_on": "2025-04-24",
    }
    with at(D(2025, 4, 25)):
        response = client.post(reverse("backoffice:appeal_new"), data)
    case = AppealCase.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("backoffice:appeal", args=[case.pk])
    assert list(case.applications.all()) == [application]
    html = page(client, "appeal", case.pk, day=D(2025, 4, 25)).content.decode()
    assert "2025年5月12日" in html
    assert "第四十八条" in html
    assert "第八十八条第二款" in html
    assert "跳过劳动节假期" in html
    assert application.tracking_code in html
    with at(D(2025, 4, 25)):
        bad = client.post(reverse("backoffice:appeal_new"), {**data, "application_codes": "2025-NOTHERE"})
    assert bad.status_code == 200
    assert "未找到测试市东区教育局的这些申请：2025-NOTHERE" in bad.content.decode()
    assert AppealCase.objects.count() == 1


def test_actions_move_the_case_and_refusals_keep_the_input(client, desk):
    case = review_of(desk, answered(desk))
    client.force_login(desk.office)
    assert act(client, case, "accept", D(2025, 4, 23), on="2025-04-22").status_code == 302
    response = act(client, case, "copy_received", D(2025, 4, 23), on="2025-04-30")
    assert response.status_code == 200
    assert "不能晚于今天" in response.content.decode()
    assert 'value="2025-04-30"' in response.content.decode()
    assert act(client, case, "copy_received", D(2025, 4, 24), on="2025-04-24").status_code == 302
    assert act(client, case, "defence", D(2025, 5, 8), on="2025-05-08").status_code == 302
    response = act(client, case, "decide", D(2025, 6, 10), decision_type="review_maintain", decided_on="2025-06-10")
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.result, case.defence_submitted_on) == ("decided", "maintained", D(2025, 5, 8))
    html = page(client, "appeal", case.pk, day=D(2025, 6, 10)).content.decode()
    assert "登记审理结果：维持（第六十八条）（结果维持，2025-06-10）" in html  # the history from the audit trail


def test_documents_upload_and_download_with_access_checks(client, desk, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = review_of(desk, answered(desk))
    client.force_login(desk.office)
    upload = SimpleUploadedFile("答复书.docx", make_docx())
    with at(D(2025, 5, 1)):
        response = client.post(
            reverse("backoffice:appeal_action", args=[case.pk, "document_add"]),
            {"document_add-kind": "defence", "document_add-file": upload},
        )
    assert response.status_code == 302
    document = case.documents.get()
    download = page(client, "appeal_document", case.pk, document.pk)
    assert download.status_code == 200
    outsider = UserFactory()
    grant(outsider, tree["west"], Role.OFFICE)
    client.force_login(outsider)
    assert page(client, "appeal_document", case.pk, document.pk).status_code == 404


def test_other_agencies_get_404_and_supervisors_read_only(client, desk, tree):
    case = review_of(desk, answered(desk))
    outsider = UserFactory()
    grant(outsider, tree["west"], Role.OFFICE)
    client.force_login(outsider)
    assert page(client, "appeal", case.pk).status_code == 404
    assert act(client, case, "accept", D(2025, 4, 23), on="2025-04-22").status_code == 404
    assert str(case) not in page(client, "appeals").content.decode()
    supervisor = UserFactory()
    grant(supervisor, tree["bureau"], Role.SUPERVISOR)
    client.force_login(supervisor)
    html = page(client, "appeal", case.pk).content.decode()
    assert str(case) in html
    assert "登记受理（立案）" not in html  # no action forms
    assert act(client, case, "accept", D(2025, 4, 23), on="2025-04-22").status_code == 403
    assert page(client, "appeal_new").status_code == 403


def test_corrected_outcome_prompts_on_the_application_page_until_it_is_handled_again(client, desk):
    application = answered(desk)
    case = review_of(desk, application)
    client.force_login(desk.office)
    act(
        client,
        case,
        "decide",
        D(2025, 6, 12),
        decision_type="review_revoke",
        decided_on="2025-06-10",
        decision_received_on="2025-06-12",
    )
    app_page = page(client, "application", application.pk, day=D(2025, 6, 12)).content.decode()
    assert "行政复议/诉讼结果为纠正，请重新处理" in app_page
    assert reverse("backoffice:appeal", args=[case.pk]) in app_page
    case_page = page(client, "appeal", case.pk, day=D(2025, 6, 12)).content.decode()
    assert "重新处理申请" in case_page
    assert 'value="2025-06-12"' in case_page  # the day the decision was received
    response = act(
        client,
        case,
        "reopen",
        D(2025, 6, 13),
        application=application.pk,
        on="2025-06-12",
        reason="责令重新答复。",
    )
    assert response.status_code == 302
    new = Application.objects.get(reopened_from=application)
    app_page = page(client, "application", application.pk, day=D(2025, 6, 13)).content.decode()
    assert "行政复议/诉讼结果为纠正，请重新处理" not in app_page
    assert (
        f'已重新处理：<a href="{reverse("backoffice:application", args=[new.pk])}">{new.tracking_code}</a>' in app_page
    )
    new_page = page(client, "application", new.pk, day=D(2025, 6, 13)).content.decode()
    assert f'本申请是对原申请 <a href="{reverse("backoffice:application", args=[application.pk])}">' in new_page
    assert "登记新的申请" not in page(client, "appeal", case.pk, day=D(2025, 6, 13)).content.decode()


def test_table4_preview_with_the_counting_rule(client, desk, tree):
    application = answered(desk)
    pending = review_of(desk, application, D(2025, 12, 15), today=D(2025, 12, 15))
    decided = review_of(desk, application, D(2025, 5, 6))
    client.force_login(desk.office)
    act(client, decided, "decide", D(2025, 7, 1), decision_type="review_change", decided_on="2025-07-01")
    html = page(client, "appeal_table4", day=D(2026, 1, 10), agency=desk.agency.pk, year=2025).content.decode()
    assert "四、政府信息公开行政复议、行政诉讼情况" in html
    assert "<td>0</td><td>1</td><td>0</td><td>1</td><td>2</td>" in html
    assert "12月31日" in html
    assert str(pending) in html
    assert page(client, "appeal_table4", agency=tree["west"].pk).status_code == 404
