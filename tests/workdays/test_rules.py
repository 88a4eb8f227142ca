"""Working-day rules, each test named after the rule or the official arrangement it checks.

Periods in 《政府信息公开条例》 (Art. 30: 7 working days to request correction; Art. 32: 15 working
days for a third party; Art. 33: 20 working days to reply, extension of at most 20) are counted from
the day after the start day and end at the end of the n-th working day.
"""

import datetime as dt
import warnings

import pytest

from gongkai.workdays import (
    CalendarRangeError,
    DayOverride,
    UnconfirmedYearWarning,
    WorkCalendar,
    add_workdays,
    default_calendar,
    explain_add_workdays,
    is_workday,
    workdays_between,
)

D = dt.date


@pytest.fixture(autouse=True)
def _no_warnings_unless_expected():
    """Computations inside confirmed years must stay silent; tests expecting a warning say so."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnconfirmedYearWarning)
        yield


def test_art33_start_day_not_counted():
    # Monday 2026-03-02 received; the first counted day is Tuesday 03-03.
    assert add_workdays(D(2026, 3, 2), 1) == D(2026, 3, 3)
    assert add_workdays(D(2026, 3, 2), 20) == D(2026, 3, 30)


def test_art33_period_ends_on_nth_working_day_not_on_following_weekend():
    # Friday 2026-03-06 + 5 working days = Friday 03-13, not the weekend after.
    assert add_workdays(D(2026, 3, 6), 5) == D(2026, 3, 13)


def test_2026_national_day_week_holidays_not_counted():
    # 国庆节 2026-10-01..07 off: the first working day after 09-30 is 10-08.
    assert add_workdays(D(2026, 9, 30), 1) == D(2026, 10, 8)
    for day in range(1, 8):
        assert not is_workday(D(2026, 10, day))


def test_2026_national_day_makeup_sunday_and_saturday_are_working_days():
    # 调休: Sunday 2026-09-20 and Saturday 2026-10-10 are working days.
    assert is_workday(D(2026, 9, 20))
    assert is_workday(D(2026, 10, 10))
    assert add_workdays(D(2026, 9, 19), 1) == D(2026, 9, 20)
    assert add_workdays(D(2026, 10, 9), 1) == D(2026, 10, 10)
    # Twenty working days from 09-30: 10-08, 09, 10 (Sat), then Mon–Fri → 11-03.
    assert add_workdays(D(2026, 9, 30), 20) == D(2026, 11, 3)


def test_2026_spring_festival_break_and_makeup_saturdays():
    # 春节 2026-02-15..23 off; Saturdays 02-14 and 02-28 are working days.
    assert not any(is_workday(D(2026, 2, day)) for day in range(15, 24))
    assert is_workday(D(2026, 2, 14))
    assert is_workday(D(2026, 2, 28))
    assert add_workdays(D(2026, 2, 13), 2) == D(2026, 2, 24)
    assert add_workdays(D(2026, 2, 10), 10) == D(2026, 3, 2)


def test_period_crossing_new_year():
    # 元旦 2026-01-01..03 off; Sunday 2026-01-04 is a working day.
    assert add_workdays(D(2025, 12, 30), 1) == D(2025, 12, 31)
    assert add_workdays(D(2025, 12, 31), 1) == D(2026, 1, 4)
    assert workdays_between(D(2025, 12, 26), D(2026, 1, 5)) == 5  # 29, 30, 31, Jan 4, Jan 5


def test_start_on_a_holiday_counts_from_the_next_working_day():
    # Received during the National Day break (e.g. online, confirmed on 10-03).
    assert add_workdays(D(2026, 10, 3), 1) == D(2026, 10, 8)
    assert add_workdays(D(2026, 10, 3), 7) == add_workdays(D(2026, 9, 30), 7)


def test_start_on_a_weekend_counts_from_monday():
    assert add_workdays(D(2026, 3, 7), 1) == D(2026, 3, 9)


def test_zero_length_period_returns_start():
    assert add_workdays(D(2026, 10, 1), 0) == D(2026, 10, 1)
    assert workdays_between(D(2026, 10, 1), D(2026, 10, 1)) == 0


def test_negative_period_counts_backwards():
    assert add_workdays(D(2026, 10, 8), -1) == D(2026, 9, 30)
    assert add_workdays(D(2026, 9, 21), -1) == D(2026, 9, 20)  # make-up Sunday
    assert add_workdays(add_workdays(D(2026, 5, 6), 15), -15) == D(2026, 5, 6)


def test_workdays_between_counts_after_a_up_to_and_including_b():
    assert workdays_between(D(2026, 9, 30), D(2026, 10, 8)) == 1
    assert workdays_between(D(2026, 10, 8), D(2026, 9, 30)) == -1
    assert workdays_between(D(2026, 9, 30), add_workdays(D(2026, 9, 30), 20)) == 20


def test_2027_unconfirmed_year_uses_monday_to_friday_with_warning():
    with pytest.warns(UnconfirmedYearWarning, match="2027年"):
        assert add_workdays(D(2026, 12, 31), 1) == D(2027, 1, 1)  # real arrangement unknown here
    computation = explain_add_workdays(D(2026, 12, 31), 1)
    assert computation.result == D(2027, 1, 1)
    assert computation.warnings
    assert "2027年" in computation.warnings[0]
    assert "周一至周五" in computation.text
    with pytest.warns(UnconfirmedYearWarning):
        assert is_workday(D(2027, 1, 4))
    with pytest.warns(UnconfirmedYearWarning):
        assert not is_workday(D(2027, 1, 2))


def test_2027_override_honoured_and_confirmed_year_has_no_warning():
    overrides = [
        DayOverride(D(2027, 1, 1), is_workday=False, name="元旦", source="测试通知"),
        DayOverride(D(2027, 1, 2), is_workday=True, name="调休上班"),
    ]
    entered = WorkCalendar.official(overrides=overrides)
    with pytest.warns(UnconfirmedYearWarning):
        assert entered.add_workdays(D(2026, 12, 31), 1) == D(2027, 1, 2)
    confirmed = WorkCalendar.official(overrides=overrides, confirmed_years=[2027])
    assert confirmed.add_workdays(D(2026, 12, 31), 2) == D(2027, 1, 4)
    assert confirmed.explain_add_workdays(D(2026, 12, 31), 2).warnings == ()


def test_override_wins_over_official_data():
    calendar = WorkCalendar.official(
        overrides=[
            DayOverride(D(2026, 10, 8), is_workday=False, name="临时休假"),
            DayOverride(D(2026, 10, 3), is_workday=True, name="调休上班"),
        ]
    )
    assert not calendar.is_workday(D(2026, 10, 8))
    assert calendar.is_workday(D(2026, 10, 3))
    assert calendar.add_workdays(D(2026, 9, 30), 2) == D(2026, 10, 9)
    assert default_calendar().add_workdays(D(2026, 9, 30), 2) == D(2026, 10, 9), "same day by another path"
    assert default_calendar().add_workdays(D(2026, 9, 30), 1) == D(2026, 10, 8), "default calendar untouched"


def test_out_of_range_date_raises_clear_error():
    with pytest.raises(CalendarRangeError, match="超出工作日日历支持范围"):
        add_workdays(D(1999, 12, 31), 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnconfirmedYearWarning)
        with pytest.raises(CalendarRangeError):
            add_workdays(D(2099, 12, 30), 5)


def test_datetime_is_refused_legal_dates_are_calendar_days():
    with pytest.raises(TypeError, match="北京时间"):
        add_workdays(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), 1)


def test_explanation_text_names_skipped_holidays_and_makeup_days():
    computation = explain_add_workdays(D(2026, 9, 30), 20)
    assert computation.result == D(2026, 11, 3)
    runs = computation.skipped_runs()
    assert runs[0].name == "国庆节"
    assert (runs[0].first, runs[0].last, runs[0].days) == (D(2026, 10, 1), D(2026, 10, 7), 7)
    assert computation.makeup_days == ((D(2026, 10, 10), "国庆节调休上班"),)
    assert computation.text == (
        "自2026年9月30日起（当日不计）向后计算20个工作日：跳过国庆节假期10月1日至10月7日，"
        "不计周末7天，计入调休上班日10月10日（周六），截止2026年11月3日（周二）。"
    )


def test_explanation_of_a_plain_week_has_no_holidays():
    computation = explain_add_workdays(D(2026, 3, 2), 5)
    assert [name for _, name in computation.skipped] == ["周末", "周末"]
    assert computation.text == "自2026年3月2日起（当日不计）向后计算5个工作日：不计周末2天，截止2026年3月9日（周一）。"


def test_small_calendar_built_from_explicit_data():
    calendar = WorkCalendar(
        holidays={D(2030, 5, 1): "劳动节"},
        makeup_workdays={D(2030, 5, 4): "劳动节调休上班"},
        confirmed_years=[2030],
    )
    assert not calendar.is_workday(D(2030, 5, 1))
    assert calendar.is_workday(D(2030, 5, 4))
    assert calendar.add_workdays(D(2030, 4, 30), 1) == D(2030, 5, 2)
    assert calendar.day_name(D(2030, 5, 1)) == "劳动节"
    assert calendar.day_name(D(2030, 5, 5)) == "周日"
