"""Back-office annual report pages: the list, generation, the report page with its findings and actions,
texts side by side with last year's, table cells, statistics, downloads in every format, the roll-up —
each behind the access rules (missing and forbidden look alike)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from gongkai.reports.models import AnnualReport
from tests.inforequests.helpers import D, at
from tests.reports.test_services import STATS_2021, complete, generate
from tests.reports.texts import PROBLEMS

pytestmark = pytest.mark.django_db


def test_the_list_shows_where_each_report_stands_and_offers_generation(office, desk):
    with at(D(2026, 1, 6)):
        page = office.get(reverse("backoffice:reports") + "?year=2025")
    assert page.status_code == 200
    text = page.content.decode()
    assert "测试市东区教育局" in text
    assert "未开始" in text
    assert "按记录生成" in text


def test_generating_from_the_list_opens_the_report_with_its_findings(office, desk):
    with at(D(2026, 1, 6)):
        response = office.post(reverse("backoffice:report_new"), {"agency": desk.agency.pk, "year": "2025"})
    report = AnnualReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:report", args=[report.pk])
    with at(D(2026, 1, 6)):
        page = office.get(response["Location"])
    text = page.content.decode()
    assert "五、存在的主要问题及改进情况" in text
    assert "[sections] 错误" in text  # section 五 not written yet
    assert "本年新收政府信息公开申请数量" in text  # the report as printed
    assert "编辑文字部分" in text


def test_generating_for_another_agency_is_not_found(office, desk):
    with at(D(2026, 1, 6)):
        response = office.post(reverse("backoffice:report_new"), {"agency": desk.tree["west"].pk, "year": "2025"})
    assert response.status_code == 404
    assert not AnnualReport.objects.exists()


def test_someone_elses_report_is_not_found(client, desk):
    from tests.factories import UserFactory, grant

    report = generate(desk).report
    outsider = UserFactory(username="west-office")
    from gongkai.agencies.roles import Role

    grant(outsider, desk.tree["west"], Role.OFFICE)
    client.force_login(outsider)
    assert client.get(reverse("backoffice:report", args=[report.pk])).status_code == 404


def test_texts_page_shows_last_years_text_and_warns_of_a_copy(office, desk):
    last = complete(desk, generate(desk, 2024, on=D(2025, 1, 6)).report, on=D(2025, 1, 7))
    report = generate(desk).report
    url = reverse("backoffice:report_texts", args=[report.pk])
    with at(D(2026, 1, 7)):
        page = office.get(url)
        assert PROBLEMS[2024] in page.content.decode()
        response = office.post(
            url,
            {
                "overview": report.data["sections"]["一"]["text"],
                "problems": last.data["sections"]["五"]["text"],
                "other": "",
            },
        )
    assert response.status_code == 302
    with at(D(2026, 1, 7)):
        page = office.get(url)
    assert "内容雷同" in page.content.decode()
    report.refresh_from_db()
    assert any(f["rule"] == "similarity" for f in report.findings)


def test_texts_errors_keep_what_was_typed(office, desk):
    report = generate(desk).report
    with at(D(2026, 1, 7)):
        page = office.post(reverse("backoffice:report_texts", args=[report.pk]), {"overview": "", "problems": "保留我"})
    assert page.status_code == 200
    assert "请填写一、总体情况" in page.content.decode()
    assert "保留我" in page.content.decode()


def test_tables_page_edits_a_cell_with_a_reason(office, desk):
    report = generate(desk).report
    url = reverse("backoffice:report_tables", args=[report.pk])
    with at(D(2026, 1, 7)):
        page = office.get(url)
        form = page.context["form"]
        data = {name: form[name].value() or "" for name in form.cell_fields}
        data["cell-proactive__regulations_in_force"] = "x"
        refused = office.post(url, {**data, "reason": ""})
        assert refused.status_code == 200
        assert "不是整数" in refused.content.decode()
        data["cell-proactive__regulations_in_force"] = "2"
        no_reason = office.post(url, {**data, "reason": ""})
        assert "请说明修改理由" in no_reason.content.decode()
        saved = office.post(url, {**data, "reason": "规章按执行口径计入"})
    assert saved.status_code == 302
    report.refresh_from_db()
    assert report.data["proactive"]["regulations_in_force"] == 2


def test_statistics_page_saves_with_sources(office, desk):
    report = generate(desk).report
    url = reverse("backoffice:report_statistics", args=[desk.agency.pk, 2025])
    data = {}
    for key, (value, source) in STATS_2021.items():
        base = key.replace("/", "__")
        data[f"value-{base}"] = value
        data[f"source-{base}"] = source
    with at(D(2026, 1, 7)):
        assert "行政许可" in office.get(url).content.decode()
        response = office.post(url, data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.data["proactive"]["licensing_decisions"] == 12


def test_workflow_through_the_pages(client, desk):
    report = complete(desk, generate(desk).report)
    client.force_login(desk.office)
    with at(D(2026, 1, 12)):
        response = client.post(
            reverse("backoffice:report_action", args=[report.pk, "submit"]), {"submit-note": "请审核"}
        )
    assert response.status_code == 302
    client.force_login(desk.supervisor)
    with at(D(2026, 1, 13)):
        page = client.get(reverse("backoffice:report", args=[report.pk]))
        assert "审核通过" in page.content.decode()
        refused = client.post(reverse("backoffice:report_action", args=[report.pk, "return"]), {"return-comment": ""})
        assert refused.status_code == 200
        assert "请填写退回意见" in refused.content.decode()
        client.post(reverse("backoffice:report_action", args=[report.pk, "accept"]), {"accept-comment": "同意"})
    client.force_login(desk.office)
    with at(D(2026, 1, 14)):
        unconfirmed = client.post(reverse("backoffice:report_action", args=[report.pk, "publish"]), {})
        assert "请勾选确认" in unconfirmed.content.decode()
        client.post(reverse("backoffice:report_action", args=[report.pk, "publish"]), {"publish-confirm": "on"})
    report.refresh_from_db()
    assert report.state == "published"


def test_an_action_the_user_may_not_take_is_forbidden(client, desk):
    report = complete(desk, generate(desk).report)
    client.force_login(desk.office)
    with at(D(2026, 1, 12)):
        response = client.post(reverse("backoffice:report_action", args=[report.pk, "accept"]), {})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.state == "draft"


@pytest.mark.parametrize(
    ("fmt", "starts"),
    [("json", b"{"), ("html", b"<!doctype html>"), ("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")],
)
def test_downloads_in_every_format(office, desk, fmt, starts):
    report = generate(desk).report
    response = office.get(reverse("backoffice:report_download", args=[report.pk, fmt]))
    assert response.status_code == 200
    assert response.content.startswith(starts)
    assert "filename*=UTF-8''" in response["Content-Disposition"]


def test_rollup_lists_every_agency_below_and_exports_the_consolidated_tables(client, desk):
    complete(desk, generate(desk).report)
    client.force_login(desk.supervisor)
    with at(D(2026, 2, 2)):
        page = client.get(reverse("backoffice:report_rollup") + "?year=2025")
    text = page.content.decode()
    assert page.status_code == 200
    for key in ("bureau", "east", "west", "school"):
        assert desk.tree[key].name in text
    assert "逾期未发布" in text  # 31 January has passed
    assert "不适用" in text  # the school
    with at(D(2026, 2, 2)):
        export = client.get(reverse("backoffice:report_rollup") + "?year=2025&export=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(export.content))
    assert workbook.sheetnames[:1] == ["汇总情况"]
    names = [row[0] for row in workbook["汇总情况"].iter_rows(values_only=True)]
    assert desk.tree["east"].name in names


def test_rollup_is_for_supervisors_only(office):
    assert office.get(reverse("backoffice:report_rollup")).status_code == 403


def test_a_submitted_report_cannot_be_edited_through_the_pages(office, desk):
    from gongkai.reports.services.workflow import report_submit

    report = complete(desk, generate(desk).report)
    with at(D(2026, 1, 12)):
        report_submit(acting_user=desk.office, report=report)
        response = office.get(reverse("backoffice:report_texts", args=[report.pk]), follow=True)
    assert "不能修改" in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("backoffice:report", args=[report.pk])
