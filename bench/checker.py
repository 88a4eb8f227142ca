"""Benchmark: the report checker's speed, in reports per second, on the project's seeds and real reports and
on a few hundred generated reports in every input format and text layout.

* seeds: the five seed reports of ``../shared/seeds`` (prose reports of 2008–2018, one holding ten
  reports; a 2019-format report flattened one cell per line) and the three real 2021-format reports of
  ``tests/reports/checker/fixtures``;
* generated: ``--reports`` reports (default 300) of random agencies, years 2019–2025 and figures
  (computed by the annual report generator, so every total holds), written as text in the seven layouts
  real websites give (cells on one row, one cell per line, tab-separated, a web page's layout, full-width
  digits, "—" for zero, page furniture), as HTML, as DOCX and — one in ten — as PDF;
* a 100 KB report: the generated texts joined until they reach 100 KB, read as one file (the issue's
  target: "well under a second").

Before anything is timed, every generated report must read back with each of its cells exactly as
generated and without a finding (exit status 1 otherwise: a checker that is fast but wrong proves
nothing). Each set is timed best of ``--repeat`` (3) runs of ``check_bytes`` over all of its files.

    python bench/checker.py [--reports 300] [--repeat 3] [--seed 7]

Takes about a minute, most of it writing the PDFs. Exit status: 1 on a misread report, 2 when the
100 KB report takes a second or more, else 0.
"""

import argparse
import datetime as dt
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the text layouts are the tests' (tests/reports/checker/variants.py)

from tests.reports.checker.variants import report_text  # noqa: E402

from gongkai.appeals.counting import CaseFacts  # noqa: E402
from gongkai.appeals.kinds import CaseKind, Result  # noqa: E402
from gongkai.reports.checker.parse import check_bytes  # noqa: E402
from gongkai.reports.compute import (  # noqa: E402
    AgencyYear,
    ApplicationCounts,
    DocumentCounts,
    Fees,
    StaffTexts,
    compute,
)
from gongkai.reports.document import ReportDoc, cells, get  # noqa: E402
from gongkai.reports.render import render  # noqa: E402
from gongkai.rules.outcomes import ApplicantType, Outcome  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
REAL = ROOT / "tests" / "reports" / "checker" / "fixtures"
STYLES = ("rows", "cells", "tabs", "layout", "fullwidth", "dash_zero", "furniture")
PLACES = ("青禾市", "青禾市东湖区", "青禾市西山区", "青禾县", "临川镇")
DEPARTMENTS = ("教育局", "人民政府办公室", "发展和改革委员会", "自然资源局", "卫生健康委员会", "人民政府")
TARGET_100KB_SECONDS = 1.0
PDF_SHARE = 10  # one generated report in ten is a PDF


def _statistics(rng: random.Random, year: int) -> dict[str, int | float]:
    if year >= 2021:
        return {
            "proactive/licensing_decisions": rng.randint(0, 900),
            "proactive/penalty_decisions": rng.randint(0, 60),
            "proactive/enforcement_decisions": rng.randint(0, 9),
            "proactive/fees_amount_wan": round(rng.uniform(0, 500), 4),
        }
    values: dict[str, int | float] = {}
    for row in ("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制"):
        values[f"proactive/2019/{row}/上一年项目数量"] = rng.randint(0, 80)
        values[f"proactive/2019/{row}/本年增/减"] = rng.randint(-5, 5)
        values[f"proactive/2019/{row}/处理决定数量"] = rng.randint(0, 900)
    values["proactive/2019/行政事业性收费/上一年项目数量"] = rng.randint(0, 9)
    values["proactive/2019/行政事业性收费/本年增/减"] = rng.randint(-2, 2)
    values["proactive/2019/政府集中采购/采购项目数量"] = rng.randint(0, 40)
    values["proactive/2019/政府集中采购/采购总金额"] = round(rng.uniform(0, 2000), 4)
    return values


def _applications(rng: random.Random) -> ApplicationCounts:
    applicants = list(ApplicantType)
    outcomes = list(Outcome)
    decided: Counter[tuple[str, str]] = Counter()
    new: Counter[str] = Counter()
    carried: Counter[str] = Counter()
    carried_next: Counter[str] = Counter()
    for _ in range(rng.choice((0, 3, 12, 40, 150))):
        applicant = rng.choices(applicants, weights=(60, 15, 3, 3, 8, 11))[0].value
        if rng.random() < 0.1:
            carried[applicant] += 1
        else:
            new[applicant] += 1
        if rng.random() < 0.08:
            carried_next[applicant] += 1
        else:
            decided[(applicant, rng.choice(outcomes).value)] += 1
    # what was carried in and not decided stays open: only new ones are carried to next year here
    return ApplicationCounts(new=new, carried_over=carried, carried_next=carried_next, decided=decided)


def _cases(rng: random.Random, year: int) -> list[CaseFacts]:
    cases = []
    for _ in range(rng.choice((0, 0, 1, 3, 8))):
        kind = rng.choice(list(CaseKind))
        opened = dt.date(year, rng.randint(1, 11), rng.randint(1, 28))
        if rng.random() < 0.3:
            cases.append(CaseFacts(kind, opened))
        else:
            closed = opened + dt.timedelta(days=rng.randint(10, 40))
            cases.append(
                CaseFacts(kind, opened, closed, rng.choice((Result.MAINTAINED, Result.CORRECTED, Result.OTHER)))
            )
    return cases


def generated_doc(rng: random.Random) -> ReportDoc:
    year = rng.randint(2019, 2025)
    issued, repealed = rng.randint(0, 30), rng.randint(0, 5)
    facts = AgencyYear(
        agency=rng.choice(PLACES) + rng.choice(DEPARTMENTS),
        year=year,
        regulations=DocumentCounts(),
        normative=DocumentCounts(
            issued=issued, repealed=repealed, in_force=rng.randint(repealed, 200) + issued, published=issued
        ),
        statistics=_statistics(rng, year),
        applications=_applications(rng),
        cases=_cases(rng, year),
        fees=Fees(yuan=rng.choice((0, 0, 0, 100, 1700)), applications=0),
        texts=StaffTexts(
            problems="一是政策解读形式较为单一；二是依申请公开办理的规范化程度有待提高。下一步将加强培训，完善制度。",
            other="本机关无其他需要报告的事项。",
        ),
    )
    doc = compute(facts).doc
    doc["published_date"] = f"{year + 1}-01-{rng.randint(10, 28)}"
    return doc


def _encoded(rng: random.Random, doc: ReportDoc, index: int) -> tuple[str, str, bytes, str]:
    """(set, layout, the file's bytes, its text when it is a text file)."""
    if index % PDF_SHARE == PDF_SHARE - 1:
        return "pdf", "pdf", render(doc, "pdf").content, ""
    layout = rng.choice((*STYLES, "html", "docx"))
    if layout in {"html", "docx"}:
        return layout, layout, render(doc, layout).content, ""
    text = report_text(doc, layout)
    return "text", layout, text.encode("gb18030" if rng.random() < 0.2 else "utf-8"), text


def misread(doc: ReportDoc, found: list[ReportDoc]) -> str | None:
    if len(found) != 1:
        return f"{len(found)} reports found"
    wrong = [c.name for c in cells(doc["format"]) if get(doc, c.path) != get(found[0], c.path)]
    if wrong:
        return "cells " + "、".join(wrong[:5])
    if found[0]["findings"]:
        return "findings " + "; ".join(f["message"] for f in found[0]["findings"][:3])
    if (found[0]["agency"], found[0]["year"]) != (doc["agency"], doc["year"]):
        return f"title read as {found[0]['agency']} {found[0]['year']}"
    return None


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _line(label: str, files: list[tuple[str, bytes]], repeat: int) -> float:
    if not files:
        print(f"{label:<28} (none)")
        return 0.0
    reports = sum(len(check_bytes(data, name)) for name, data in files)
    seconds = best_of(repeat, lambda: [check_bytes(data, name) for name, data in files])
    size = sum(len(data) for _, data in files) / 1024
    print(
        f"{label:<28} {len(files):>4} files {reports:>4} reports {size:>8.0f} KB  "
        f"{seconds:>7.3f} s  {reports / seconds:>8.1f} reports/s  {seconds / len(files) * 1000:>7.1f} ms/file"
    )
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    seeds = [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]
    real = [(p.name, p.read_bytes()) for p in sorted(REAL.glob("1[0-9]_*.txt"))]

    print(f"Generating {args.reports} reports …", flush=True)
    started = time.perf_counter()
    generated: dict[str, list[tuple[str, bytes]]] = {}
    failures = []
    texts = []
    for index in range(args.reports):
        doc = generated_doc(rng)
        kind, layout, data, text = _encoded(rng, doc, index)
        name = f"{index:03d}.{'txt' if kind == 'text' else kind}"
        generated.setdefault(kind, []).append((name, data))
        if text:
            texts.append(text)
        problem = misread(doc, check_bytes(data, name))
        if problem:
            failures.append(f"{name} ({layout}, {doc['year']}): {problem}")
    print(f"  generated and verified in {time.perf_counter() - started:.1f} s")
    if failures:
        print(f"MISREAD {len(failures)} of {args.reports} generated reports:")
        for line in failures[:20]:
            print("  " + line)
        return 1
    print(f"  all {args.reports} read back exactly, without a finding\n")

    big = ""
    for text in texts:
        if len(big.encode("utf-8")) >= 100 * 1024:
            break
        big += text + "\n"
    large = [("100kb.txt", big.encode("utf-8"))]

    print(f"{'set':<28} {'':>10} {'':>12} {'size':>11}  {'best of ' + str(args.repeat):>9}")
    _line("seeds (../shared/seeds)", seeds, args.repeat)
    _line("real 2021 reports", real, args.repeat)
    total = sum(len(v) for v in generated.values())
    for kind in ("text", "html", "docx", "pdf"):
        _line(f"generated {kind}", generated.get(kind, []), args.repeat)
    seconds = _line("generated, all", [f for files in generated.values() for f in files], args.repeat)
    print(f"  {total} generated reports: {total / seconds:.1f} reports/s")
    big_seconds = _line(f"one {len(big.encode()) // 1024} KB text", large, args.repeat)
    verdict = "met" if big_seconds < TARGET_100KB_SECONDS else "MISSED"
    print(
        f"\n100 KB report in {big_seconds * 1000:.0f} ms (target: well under {TARGET_100KB_SECONDS:.0f} s): {verdict}"
    )
    return 0 if big_seconds < TARGET_100KB_SECONDS else 2


if __name__ == "__main__":
    sys.exit(main())
