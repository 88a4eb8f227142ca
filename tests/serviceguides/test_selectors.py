"""Table 二 of the annual report takes the yearly count of recorded decisions; an entered figure wins."""

import datetime as dt

import pytest
import time_machine

from gongkai.reports.selectors import facts_for_year
from gongkai.reports.services.statistics import statistics_save
from gongkai.serviceguides.selectors import decision_cells, decision_counts, guides_by_kind, table2_preview
from gongkai.serviceguides.services import service_decision_record, service_decision_withdraw, service_matter_save
from tests.factories import UserFactory
from tests.serviceguides.fixtures import publish

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 2, 10, 10, 0, tzinfo=dt.UTC)
LICENSING_2021 = "proactive/licensing_decisions"
LICENSING_2019 = "proactive/2019/行政许可/处理决定数量"
OTHER_2019 = "proactive/2019/其他对外管理服务事项/处理决定数量"


def decide(staff, matter, number, day, result="granted"):
    return service_decision_record(
        acting_user=staff.officer,
        matter=matter,
        number=number,
        decided_on=day,
        applicant_kind="organisation",
        applicant_name="示范市阳光学校",
        result=result,
    )


def statistics(agency, year):
    return facts_for_year([agency], year)[agency.pk].statistics


def test_the_cells_of_each_format():
    assert decision_cells(2025) == {"licensing": LICENSING_2021}
    assert decision_cells(2020) == {"licensing": LICENSING_2019, "other": OTHER_2019}


@time_machine.travel(NOW)
def test_table2_counts_the_years_decisions_not_withdrawn(staff, matter, other_matter):
    decide(staff, matter, "许1", dt.date(2025, 1, 1))
    decide(staff, matter, "许2", dt.date(2025, 12, 31))
    decide(staff, matter, "许3", dt.date(2026, 1, 5))  # next year
    wrong = decide(staff, matter, "许4", dt.date(2025, 6, 1))
    service_decision_withdraw(acting_user=staff.officer, decision=wrong, reason="录入错误")
    decide(staff, other_matter, "其1", dt.date(2025, 3, 3), result="completed")  # no row in the 2021 form
    assert statistics(staff.agency, 2025)[LICENSING_2021] == 2
    assert statistics(staff.agency, 2026)[LICENSING_2021] == 1


@time_machine.travel(NOW)
def test_the_2019_format_counts_both_rows(staff, matter, other_matter):
    decide(staff, matter, "许1", dt.date(2020, 4, 1))
    decide(staff, other_matter, "其1", dt.date(2020, 5, 1), result="completed")
    decide(staff, other_matter, "其2", dt.date(2020, 6, 1), result="declined")
    facts = statistics(staff.agency, 2020)
    assert facts[LICENSING_2019] == 1
    assert facts[OTHER_2019] == 2


@time_machine.travel(NOW)
def test_an_entered_figure_wins(staff, matter):
    decide(staff, matter, "许1", dt.date(2025, 4, 1))
    admin = UserFactory(is_superuser=True)
    statistics_save(
        acting_user=admin, agency=staff.agency, year=2025, values={LICENSING_2021: ("126", "省政务服务网审批系统")}
    )
    assert statistics(staff.agency, 2025)[LICENSING_2021] == 126
    (row,) = table2_preview(staff.agency, 2025)
    assert (row.counted, row.entered, row.source, row.shown) == (1, 126, "省政务服务网审批系统", 126)


@time_machine.travel(NOW)
def test_an_agency_with_matters_but_no_decisions_reports_zero(staff, matter, tree):
    assert statistics(staff.agency, 2026)[LICENSING_2021] == 0
    assert LICENSING_2021 not in statistics(tree["west"], 2026)  # no matters: left to be entered
    assert decision_counts([staff.agency.pk], 2026) == {staff.agency.pk: {LICENSING_2021: 0}}


@time_machine.travel(NOW)
def test_matters_created_after_the_year_leave_it_blank(staff, matter):
    assert decision_counts([staff.agency.pk], 2025) == {}


@time_machine.travel(NOW)
def test_one_query_for_a_whole_region(staff, matter, tree, django_assert_num_queries):
    other = service_matter_save(
        acting_user=staff.office, agency=staff.agency, name="教师资格认定", code="XK-2", kind="licensing"
    )
    decide(staff, other, "许9", dt.date(2025, 2, 2))
    ids = [a.pk for a in tree.values()]
    with django_assert_num_queries(1):
        counts = decision_counts(ids, 2025)
    assert counts == {staff.agency.pk: {LICENSING_2021: 1}}


@time_machine.travel(NOW)
def test_public_list_has_only_published_current_guides(staff, matter, other_matter, draft):
    groups = guides_by_kind(staff.agency)
    assert [(g.label, g.guides) for g in groups] == [("行政许可", []), ("其他对外管理服务事项", [])]
    publish(staff, draft)
    groups = guides_by_kind(staff.agency)
    assert [g.matter.name for g in groups[0].guides] == ["民办学校设立审批"]
    assert guides_by_kind(staff.agency, q="教师")[0].guides == []
