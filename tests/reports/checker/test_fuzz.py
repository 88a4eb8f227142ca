"""The checker never crashes, whatever it is given: random text, random bytes, and real report texts
mutated (lines dropped, duplicated, shuffled, characters inserted, numbers changed)."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.reports.checker.parse import check_bytes
from gongkai.reports.checks import RULES
from tests.reports.checker.variants import report_text
from tests.reports.helpers import valid_doc

FIXTURES = Path(__file__).parent / "fixtures"
TEXTS = [
    report_text(valid_doc(2025), "rows"),
    report_text(valid_doc(2020), "cells"),
    (FIXTURES / "16_huaian_2024.txt").read_text(encoding="utf-8"),
    (FIXTURES / "004_228ab8e062f15c07.txt").read_text(encoding="utf-8"),
]
ALPHABET = "0123456789０１２３—-/+., \t\n、。（）()一二三四五六年度报告政府信息公开申请总计予以结转篇∅<>td"


def well_formed(docs: list[dict]) -> None:
    assert docs
    for doc in docs:
        assert doc["format"] in {"2019", "2021", "prose"}
        assert isinstance(doc["findings"], list)
        for finding in doc["findings"]:
            assert finding["rule"] in RULES or finding["rule"] == "unreadable"
            assert finding["severity"] in {"error", "warning"}
            assert finding["message"]


@settings(max_examples=120, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=3000))
def test_random_text(text):
    well_formed(check_bytes(text.encode()))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=4000))
def test_random_bytes(data):
    well_formed(check_bytes(data))


@st.composite
def mutated(draw):
    lines = draw(st.sampled_from(TEXTS)).split("\n")
    for _ in range(draw(st.integers(1, 12))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "duplicate", "swap", "insert", "number", "split"]))
        if action == "drop":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "insert":
            lines.insert(i, draw(st.text(alphabet=ALPHABET, max_size=40)))
        elif action == "number":
            lines[i] = lines[i] + " " + str(draw(st.integers(-5, 10**9)))
        else:
            cut = draw(st.integers(0, len(lines[i])))
            lines[i : i + 1] = [lines[i][:cut], lines[i][cut:]]
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.sampled_from(["utf-8", "gb18030"]))
def test_mutated_reports(text, encoding):
    well_formed(check_bytes(text.encode(encoding, errors="ignore")))


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=ALPHABET + "<>/=\"' rowspancolspantable", max_size=2000))
def test_random_html(body):
    well_formed(check_bytes(f"<html><body><table><tr><td>{body}</td></tr></table><p>{body}</p></body></html>".encode()))
