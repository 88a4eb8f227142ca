"""``gongkai report``: one agency's report in every format, every agency's as a JSON list."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.inforequests.helpers import D, at
from tests.reports.test_services import complete, generate

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    with at(D(2026, 2, 1)):
        call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_json_of_an_agency_by_credit_code_computed_from_the_records(desk):
    data = json.loads(run("--agency", desk.agency.credit_code, "--year", "2025"))
    assert data["agency"] == "测试市东区教育局"
    assert data["format"] == "2021"
    assert {f["rule"] for f in data["findings"]} >= {"sections"}  # no section 五 written yet


def test_the_saved_report_is_what_staff_wrote(desk):
    complete(desk, generate(desk).report)
    data = json.loads(run("--agency", "测试市东区教育局", "--year", "2025"))
    assert data["findings"] == []
    assert data["sections"]["五"]["text"]


@pytest.mark.parametrize(
    ("fmt", "starts"), [("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF"), ("html", b"<!doctype")]
)
def test_files_in_every_format(desk, tmp_path, fmt, starts):
    target = tmp_path / f"report.{fmt}"
    run("--agency", desk.agency.name, "--year", "2025", "--format", fmt, "-o", str(target))
    assert target.read_bytes().startswith(starts)


def test_all_agencies_as_a_json_list(desk):
    reports = json.loads(run("--all", "--year", "2025"))
    assert [r["agency"] for r in reports] == [
        "测试市人民政府",
        "测试市教育局",
        "测试市东区教育局",
        "测试市东区第一小学",
        "测试市西区教育局",
    ]


def test_clear_errors(desk):
    with pytest.raises(CommandError, match="没有找到机构"):
        run("--agency", "不存在的局", "--year", "2025")
    with pytest.raises(CommandError, match="对应多个机构"):
        run("--agency", "测试市", "--year", "2025")
    with pytest.raises(CommandError, match="只能输出 JSON"):
        run("--all", "--year", "2025", "--format", "pdf")
    with pytest.raises(CommandError, match="报告年度"):
        run("--agency", desk.agency.name, "--year", "2016")
