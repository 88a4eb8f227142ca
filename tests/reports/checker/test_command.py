"""``gongkai check-report``: one file's figures and findings, a folder's summary table and CSV, the JSON
of every report, last year's report for the comparisons, and a clear refusal of a missing file."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongkai.reports.document import put
from tests.reports.checker.variants import report_text
from tests.reports.helpers import valid_doc

SEEDS = Path(__file__).parent / "fixtures"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("check-report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(path: Path, year: int = 2025, *, carried: int | None = None, carried_on: list | None = None) -> Path:
    doc = valid_doc(year)
    doc["published_date"] = f"{year + 1}-01-20"
    if carried_on is not None:
        doc["applications"]["carried_to_next_year"] = carried_on
    if carried is not None:
        put(doc, ("applications", "carried_over_from_last_year", 0), carried)
        put(doc, ("applications", "carried_over_from_last_year", 6), carried)
    path.write_text(report_text(doc), encoding="utf-8")
    return path


def test_one_file_prints_its_summary_line_and_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out, _ = run(str(SEEDS / "17_hongze_2023.txt"))
    assert "洪泽区" in out
    assert "[C5] 错误" in out
    assert not (tmp_path / "check-report.csv").exists()  # one report: no summary file


def test_a_prose_report_prints_the_figures_its_text_states():
    out, _ = run(str(next(SEEDS.glob("000_*.txt"))))
    assert "proactive_items_total=104" in out
    assert "consultations=2563" in out


def test_a_folder_gives_a_summary_table_and_a_csv(tmp_path, monkeypatch):
    folder = tmp_path / "region"
    folder.mkdir()
    write(folder / "a.txt")
    write(folder / "b.txt", carried=40)  # breaks C1
    monkeypatch.chdir(tmp_path)
    out, err = run(str(folder))
    lines = out.splitlines()
    assert lines[0].split() == ["文件", "机构", "年度", "格式", "错误", "提示"]
    assert len(lines) == 3
    assert lines[1].split()[-2:] == ["0", "0"]
    assert lines[2].split()[-2] != "0"
    assert "check-report.csv" in err
    csv = (tmp_path / "check-report.csv").read_text(encoding="utf-8")
    assert csv.startswith("\ufeff文件,序号,机构,年度,格式,发布日期,错误,提示,主要问题")
    assert csv.count("\n") == 3


def test_the_csv_goes_where_asked(tmp_path):
    target = tmp_path / "out" / "summary.csv"
    target.parent.mkdir()
    run(str(write(tmp_path / "a.txt")), str(write(tmp_path / "b.txt")), "--csv", str(target))
    assert target.read_text(encoding="utf-8").count("测试市教育局") == 2


def test_json_gives_every_report_in_the_report_data_shape(tmp_path):
    out, _ = run(str(SEEDS / "16_huaian_2024.txt"), str(write(tmp_path / "a.txt")), "--json")
    docs = json.loads(out)
    assert [d["year"] for d in docs] == [2024, 2025]
    assert {"agency", "format", "proactive", "applications", "review_litigation", "findings", "source"} <= set(docs[0])
    assert docs[1]["findings"] == []


def test_previous_checks_the_carry_over_against_last_years_report(tmp_path):
    carried_in = valid_doc(2025)["applications"]["carried_over_from_last_year"]
    last = write(tmp_path / "2024.txt", 2024, carried_on=carried_in)
    mine = write(tmp_path / "2025.txt", 2025)
    out, _ = run(str(mine), "--json", "--previous", str(last))
    (doc,) = json.loads(out)
    assert "C6" not in {f["rule"] for f in doc["findings"]}
    changed = write(tmp_path / "changed.txt", 2025, carried=4)
    out, _ = run(str(changed), "--json", "--previous", str(last))
    assert "C6" in {f["rule"] for f in json.loads(out)[0]["findings"]}


def test_a_missing_file_is_refused_by_name(tmp_path):
    with pytest.raises(CommandError, match=r"找不到文件：.*nothing\.txt"):
        run(str(tmp_path / "nothing.txt"))
    with pytest.raises(CommandError, match="找不到上一年度的报告"):
        run(str(write(tmp_path / "a.txt")), "--previous", str(tmp_path / "gone.txt"))
