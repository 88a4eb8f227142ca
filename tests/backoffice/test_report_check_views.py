"""The report checker page: pasted and uploaded reports (files and ZIP archives) read and checked, the
tables shown beside the findings, the summary as CSV and the data as JSON; a supervising office holding
a region's reports against its agencies; refused input changing nothing and saying why."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.roles import Role
from gongkai.reports.document import put
from tests.factories import UserFactory, grant
from tests.reports.checker.variants import report_text
from tests.reports.helpers import valid_doc

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _results_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path


URL = "backoffice:report_check"
SEEDS = Path(__file__).parent.parent / "reports" / "checker" / "fixtures"


def report(agency: str = "测试市教育局", year: int = 2025, cells: dict | None = None) -> str:
    """A published report of known figures; ``cells``: path → value, to break it."""
    doc = valid_doc(year)
    doc["agency"] = agency
    doc["title"] = None  # printed from the agency and the year
    doc["published_date"] = f"{year + 1}-01-20"
    for path, value in (cells or {}).items():
        put(doc, path, value)
    return report_text(doc)


NEW_BY_PERSONS = ("applications", "new", 0)


def upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def archive(files: dict[str, str]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text.encode("utf-8"))
    return SimpleUploadedFile("reports.zip", buffer.getvalue(), content_type="application/zip")


def test_the_page_offers_upload_and_paste(office):
    page = office.get(reverse(URL))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'name="files"' in text
    assert 'name="text"' in text
    assert 'name="office"' not in text  # the region list is for supervising offices


def test_a_pasted_correct_report_shows_its_tables_and_no_error(office):
    page = office.post(reverse(URL), {"text": report()})
    text = page.content.decode()
    assert page.status_code == 200
    assert "共读出1篇报告，均未发现错误" in text
    assert "测试市教育局" in text
    assert "本年新收政府信息公开申请数量" in text  # table 三 as extracted
    assert "2021年格式" in text


def test_a_broken_total_is_shown_beside_the_tables(office):
    broken = report(cells={NEW_BY_PERSONS: 99})
    page = office.post(reverse(URL), {"files": [upload("east.txt", broken)]})
    text = page.content.decode()
    assert "其中1篇有错误" in text
    assert "[C1]" in text
    assert "east.txt" in text


def test_the_summary_downloads_as_csv_and_the_data_as_json(office):
    office.post(reverse(URL), {"text": report()})
    csv = office.get(reverse("backoffice:report_check_download", args=["csv"]))
    assert csv.status_code == 200
    body = csv.content.decode("utf-8")
    assert body.startswith("\ufeff文件,序号,机构")
    assert "测试市教育局,2025" in body
    data = json.loads(office.get(reverse("backoffice:report_check_download", args=["json"])).content)
    assert data[0]["agency"] == "测试市教育局"
    assert data[0]["applications"]["new"][6] is not None


def test_nothing_to_download_before_a_check(office):
    assert office.get(reverse("backoffice:report_check_download", args=["csv"])).status_code == 404
    office.post(reverse(URL), {"text": report()})
    assert office.get(reverse("backoffice:report_check_download", args=["xml"])).status_code == 404


def test_the_results_are_only_the_checking_users_and_kept_a_day(office, desk, client, tmp_path):
    import os
    import time

    office.post(reverse(URL), {"text": report()})
    token = office.session["report_check"]
    kept = tmp_path / "report-checks" / f"{token}.json"
    assert kept.exists()
    office.post(reverse(URL), {"text": report()})  # the next check replaces it
    assert not kept.exists()
    token = office.session["report_check"]
    client.force_login(desk.supervisor)  # the same token in another user's session finds nothing
    session = client.session
    session["report_check"] = token
    session.save()
    assert client.get(reverse("backoffice:report_check_download", args=["csv"])).status_code == 404
    stale = tmp_path / "report-checks" / f"{token}.json"
    day_ago = time.time() - 25 * 60 * 60
    os.utime(stale, (day_ago, day_ago))
    client.post(reverse(URL), {"text": report()})
    assert not stale.exists()


def test_a_prose_report_shows_the_figures_its_text_states(office):
    seed = next(SEEDS.glob("000_*.txt"))
    page = office.post(reverse(URL), {"files": [SimpleUploadedFile(seed.name, seed.read_bytes())]})
    text = page.content.decode()
    assert "正文所述数字" in text
    assert "2563" in text


def test_an_empty_submission_says_what_is_needed(office):
    page = office.post(reverse(URL), {"text": "   "})
    assert "请上传报告文件或粘贴报告文字。" in page.content.decode()
    assert "检查结果" not in page.content.decode()


def test_a_file_of_another_kind_is_refused_by_name(office):
    page = office.post(reverse(URL), {"files": [upload("virus.exe", "MZ")]})
    text = page.content.decode()
    assert "不能读取virus.exe" in text
    assert "检查结果" not in text


def test_a_broken_zip_is_reported_and_the_other_files_still_checked(office):
    bad = SimpleUploadedFile("bad.zip", b"PK\x03\x04 not really", content_type="application/zip")
    page = office.post(reverse(URL), {"files": [bad, upload("good.txt", report())]})
    text = page.content.decode()
    assert "bad.zip不是有效的ZIP压缩包" in text
    assert "共读出2篇报告" in text


def test_last_years_report_is_used_for_the_carry_over(office):
    carried_in = valid_doc(2025)["applications"]["carried_over_from_last_year"]
    last = upload("2024.txt", report(year=2024, cells={("applications", "carried_to_next_year"): carried_in}))
    page = office.post(reverse(URL), {"text": report(), "previous": [last]})
    assert "[C6]" not in page.content.decode()
    carried = ("applications", "carried_over_from_last_year")
    mine = report(cells={(*carried, 0): 40, (*carried, 6): 40})
    last = upload("2024.txt", report(year=2024, cells={("applications", "carried_to_next_year"): carried_in}))
    page = office.post(reverse(URL), {"text": mine, "previous": [last]})
    assert "[C6]" in page.content.decode()


def test_a_supervisor_sees_the_region_with_the_agencies_whose_report_is_missing(supervisor, desk):
    tree = desk.tree
    files = archive(
        {
            "east.txt": report(tree["east"].name),
            "west.txt": report(tree["west"].name, cells={NEW_BY_PERSONS: 99}),
            "old.txt": report(tree["west"].name, year=2024),
            "other.txt": report("某某县教育局"),
        }
    )
    page = supervisor.post(reverse(URL), {"files": [files], "office": tree["city"].pk, "year": 2025})
    text = page.content.decode()
    assert page.status_code == 200
    assert f"{tree['city'].name}所属机构2025年度报告" in text
    assert "共读出4篇报告" in text
    assert text.count("未找到报告") == 2  # the bureau and the school
    assert "1个机构未找到2025年度的报告" in text  # the school is not under Art. 49
    assert "公共企事业单位，不适用《条例》第四十九条的期限" in text
    assert "其他年度的报告" in text
    assert "不属于本地区机构或未识别机构的报告" in text
    assert "某某县教育局" in text


def test_the_region_choice_is_limited_to_the_supervisors_offices(supervisor, desk):
    page = supervisor.post(reverse(URL), {"text": report(), "office": desk.tree["west"].pk + 1000})
    assert "选择一个有效的选项" in page.content.decode()


def test_the_rollup_links_to_the_check_for_its_region(supervisor, desk):
    page = supervisor.get(reverse("backoffice:report_rollup") + "?year=2025")
    assert reverse(URL) + f"?office={desk.tree['city'].pk}&year=2025" in page.content.decode()


def test_staff_without_report_access_are_refused(client, desk):
    officer = UserFactory(username="officer-only")
    grant(officer, desk.tree["east"], Role.OFFICER)
    client.force_login(officer)
    assert client.get(reverse(URL)).status_code == 403
    assert client.get(reverse("backoffice:report_check_download", args=["csv"])).status_code == 403
