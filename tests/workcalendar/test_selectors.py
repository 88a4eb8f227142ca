import datetime as dt
import warnings

import pytest

from gongkai.audit.services import instance_save
from gongkai.workcalendar.models import DayKind, DayOverride, HolidayArrangement
from gongkai.workcalendar.selectors import unconfirmed_years_note, work_calendar
from gongkai.workdays import UnconfirmedYearWarning

pytestmark = pytest.mark.django_db


def test_official_2026_data_without_overrides():
    assert work_calendar().add_workdays(dt.date(2026, 9, 30), 1) == dt.date(2026, 10, 8)


def test_2027_is_unconfirmed_until_an_arrangement_is_entered():
    calendar = work_calendar()
    computation = calendar.explain_add_workdays(dt.date(2026, 12, 25), 20)
    assert computation.warnings
    assert "2027" in computation.warnings[0]
    with pytest.warns(UnconfirmedYearWarning):
        calendar.add_workdays(dt.date(2026, 12, 25), 20)


def test_override_rows_apply_at_once_and_complete_year_is_confirmed():
    before = work_calendar()
    arrangement = instance_save(
        acting_user=None,
        instance=HolidayArrangement(year=2027, notice_title="关于2027年部分节假日安排的通知（测试）"),
    )
    instance_save(
        acting_user=None,
        instance=DayOverride(
            date=dt.date(2027, 1, 1),
            kind=DayKind.HOLIDAY,
            name="元旦",
            arrangement=arrangement,
        ),
    )
    after = work_calendar()
    assert after is not before, "the calendar is rebuilt when the override table changes"
    with pytest.warns(UnconfirmedYearWarning):
        assert not after.is_workday(dt.date(2027, 1, 1))
    assert after.explain_add_workdays(dt.date(2026, 12, 31), 1).warnings, "year not marked complete yet"
    arrangement.is_complete = True
    instance_save(acting_user=None, instance=arrangement)
    confirmed = work_calendar()
    computation = confirmed.explain_add_workdays(dt.date(2026, 12, 31), 1)
    assert computation.result == dt.date(2027, 1, 4)
    assert computation.warnings == ()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        confirmed.add_workdays(dt.date(2026, 12, 31), 1)


def test_calendar_is_reused_while_nothing_changes(django_assert_max_num_queries):
    first = work_calendar()
    with django_assert_max_num_queries(2):
        assert work_calendar() is first


def test_note_names_unconfirmed_years(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 24, 10, tzinfo=dt.UTC))
    assert "2027年" in unconfirmed_years_note()
    assert "2026年" not in unconfirmed_years_note()


def test_override_outside_supported_span_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="2000年至2099年"):
        instance_save(acting_user=None, instance=DayOverride(date=dt.date(2100, 1, 1), kind="holiday", name="x"))
    assert not DayOverride.objects.exists()
