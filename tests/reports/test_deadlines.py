"""When the annual report is due (《条例》第四十九条), where a report stands, and the reminder stages."""

import datetime as dt

import pytest

from gongkai.reports.deadlines import (
    ReporterKind,
    Standing,
    internal_deadline,
    kind_from_name,
    reminders_due,
    standing,
    statutory_deadline,
)

D = dt.date


def test_art49_1_a_department_publishes_last_years_report_by_31_january():
    assert statutory_deadline(2025, ReporterKind.DEPARTMENT) == D(2026, 1, 31)


def test_art49_2_a_government_publishes_by_31_march():
    assert statutory_deadline(2025, ReporterKind.GOVERNMENT) == D(2026, 3, 31)


@pytest.mark.parametrize("kind", [ReporterKind.DEPARTMENT, ReporterKind.GOVERNMENT])
def test_art31_of_2007_reports_of_2008_to_2018_were_due_by_31_march_for_every_organ(kind):
    assert statutory_deadline(2009, kind) == D(2010, 3, 31)
    assert statutory_deadline(2018, kind) == D(2019, 3, 31)  # published before the revision took effect


def test_art49_applies_from_the_report_of_2019():
    assert statutory_deadline(2019, ReporterKind.DEPARTMENT) == D(2020, 1, 31)


def test_art55_public_institutions_have_no_art49_deadline():
    assert statutory_deadline(2025, ReporterKind.INSTITUTION) is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("淮安市人民政府", ReporterKind.GOVERNMENT),
        ("淮安市洪泽区人民政府", ReporterKind.GOVERNMENT),
        ("淮安市人民政府办公室", ReporterKind.GOVERNMENT),
        ("牡丹江市教育局", ReporterKind.DEPARTMENT),
        ("人民政府研究室", ReporterKind.DEPARTMENT),
        (None, ReporterKind.DEPARTMENT),
    ],
)
def test_kind_from_the_agencys_name(name, kind):
    assert kind_from_name(name) is kind


def test_internal_deadline_is_in_the_following_year_and_must_be_a_date():
    assert internal_deadline(2025, 1, 20) == D(2026, 1, 20)
    with pytest.raises(ValueError, match="2月30日"):
        internal_deadline(2025, 2, 30)


def test_standing_published_on_time_late_or_not_yet():
    due = D(2026, 1, 31)
    assert (
        standing(state="published", published_on=D(2026, 1, 20), deadline=due, today=D(2026, 5, 1))
        is Standing.PUBLISHED
    )
    assert (
        standing(state="published", published_on=D(2026, 2, 2), deadline=due, today=D(2026, 5, 1))
        is Standing.PUBLISHED_LATE
    )
    assert standing(state="submitted", published_on=None, deadline=due, today=D(2026, 1, 31)) is Standing.SUBMITTED
    assert standing(state="submitted", published_on=None, deadline=due, today=D(2026, 2, 1)) is Standing.LATE
    assert standing(state=None, published_on=None, deadline=due, today=D(2026, 1, 5)) is Standing.NOT_STARTED
    assert standing(state=None, published_on=None, deadline=None, today=D(2026, 5, 5)) is Standing.NOT_REQUIRED
    assert standing(state="draft", published_on=None, deadline=None, today=D(2026, 5, 5)) is Standing.DRAFT


def test_reminders_reach_each_stage_before_the_date_on_it_and_once_overdue():
    due = D(2026, 1, 31)

    def stages(today):
        return [(r.kind, r.days_before) for r in reminders_due(today, internal=None, statutory=due)]

    assert stages(D(2026, 1, 20)) == []  # 11 days before
    assert stages(D(2026, 1, 21)) == [("statutory", 10)]
    assert stages(D(2026, 1, 25)) == [("statutory", 10)]  # still the 10-day stage (sent once)
    assert stages(D(2026, 1, 28)) == [("statutory", 3)]
    assert stages(D(2026, 1, 30)) == [("statutory", 1)]
    assert stages(D(2026, 1, 31)) == [("statutory", 0)]
    assert stages(D(2026, 2, 9)) == [("statutory", -1)]


def test_reminders_for_the_internal_date_too():
    found = reminders_due(D(2026, 1, 18), internal=D(2026, 1, 20), statutory=D(2026, 1, 31))
    assert [(r.kind, r.days_before) for r in found] == [("internal", 3)]  # 13 days before 31 January: none yet
    assert found[0].text == "距内部报送期限（2026年1月20日）还有3天"
