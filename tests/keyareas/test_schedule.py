import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.keyareas import schedule
from gongkai.keyareas.schedule import Standing

D = dt.date
JUNE_30 = (6, 30)


def test_due_date_is_the_same_day_every_year():
    assert schedule.due_on(6, 30, 2026) == D(2026, 6, 30)
    assert schedule.due_on(6, 30, 2027) == D(2027, 6, 30)


def test_feb_29_due_date_in_common_year_falls_on_feb_28():
    assert schedule.due_on(2, 29, 2027) == D(2027, 2, 28)
    assert schedule.due_on(2, 29, 2028) == D(2028, 2, 29)


def test_window_opens_day_after_previous_due_date():
    assert schedule.window(*JUNE_30, 2027) == (D(2026, 7, 1), D(2027, 6, 30))
    assert schedule.opens_on(2, 29, 2029) == D(2028, 3, 1)


def test_current_task_after_the_due_date_is_next_years():
    assert schedule.current_year(*JUNE_30, D(2026, 12, 4)) == 2027
    assert schedule.current_year(*JUNE_30, D(2026, 6, 30)) == 2026
    assert schedule.current_year(*JUNE_30, D(2026, 7, 1)) == 2027
    assert schedule.current_year(12, 31, D(2026, 12, 31)) == 2026


def test_entry_created_mid_year_gets_only_the_current_task():
    assert schedule.years_to_generate(*JUNE_30, D(2026, 12, 4), D(2026, 12, 4)) == [2027]


def test_generation_catches_up_every_year_whose_window_opened():
    assert schedule.years_to_generate(*JUNE_30, D(2025, 3, 1), D(2027, 7, 1)) == [2025, 2026, 2027, 2028]


def test_entry_not_started_yet_generates_nothing():
    assert schedule.years_to_generate(*JUNE_30, D(2027, 1, 1), D(2026, 12, 4)) == []


def test_plan_creation_back_creates_at_most_the_previous_cycle():
    start = schedule.earliest_start(*JUNE_30, D(2026, 12, 4))
    assert start == D(2025, 7, 1)
    assert schedule.years_to_generate(*JUNE_30, start, D(2026, 12, 4)) == [2026, 2027]


@pytest.mark.parametrize(
    ("completed", "today", "expected"),
    [
        (D(2026, 6, 20), D(2026, 12, 4), Standing.DONE),
        (D(2026, 6, 30), D(2026, 7, 1), Standing.DONE),
        (D(2026, 7, 2), D(2026, 12, 4), Standing.DONE_LATE),
        (None, D(2026, 7, 1), Standing.LATE),
        (None, D(2026, 6, 30), Standing.DUE),
        (None, D(2026, 5, 31), Standing.DUE),
        (None, D(2026, 5, 30), Standing.UPCOMING),
    ],
)
def test_standing_done_late_due_upcoming(completed, today, expected):
    assert schedule.standing(D(2026, 6, 30), completed, today, (30, 7, 1)) is expected


def test_due_starts_with_the_largest_reminder_window():
    assert schedule.standing(D(2026, 6, 30), None, D(2026, 6, 20), (7, 10)) is Standing.DUE
    assert schedule.standing(D(2026, 6, 30), None, D(2026, 6, 19), (7, 10)) is Standing.UPCOMING
    assert schedule.standing(D(2026, 6, 30), None, D(2026, 6, 29), ()) is Standing.UPCOMING


def test_standing_labels_are_chinese():
    assert [s.label for s in Standing] == ["已完成", "逾期完成", "已逾期", "即将到期", "未到期"]


def test_late_publication_fills_the_previous_open_task():
    # The 2026 list published in July 2026: the 2026 task is still open, so it is filled (late).
    assert schedule.completing_year(*JUNE_30, D(2026, 7, 15), {2026, 2027}) == 2026


def test_publication_after_previous_task_done_fills_the_current_one():
    assert schedule.completing_year(*JUNE_30, D(2026, 12, 4), {2027}) == 2027


def test_publication_on_the_due_day_fills_that_years_task():
    assert schedule.completing_year(*JUNE_30, D(2026, 6, 30), {2025, 2026}) == 2025
    assert schedule.completing_year(*JUNE_30, D(2026, 6, 30), {2026, 2027}) == 2026


def test_publication_never_fills_a_task_two_cycles_back():
    assert schedule.completing_year(*JUNE_30, D(2026, 12, 4), {2025}) is None


def test_manual_link_only_within_the_cycle_or_the_next():
    assert schedule.may_complete(*JUNE_30, 2026, D(2025, 7, 1))
    assert schedule.may_complete(*JUNE_30, 2026, D(2027, 6, 30))
    assert not schedule.may_complete(*JUNE_30, 2026, D(2025, 6, 30))
    assert not schedule.may_complete(*JUNE_30, 2026, D(2027, 7, 1))


def test_reminder_stage_is_the_smallest_whose_day_has_arrived():
    due = D(2026, 6, 30)
    assert schedule.reminder_stage(due, D(2026, 5, 30), (30, 7, 1)) is None
    assert schedule.reminder_stage(due, D(2026, 5, 31), (30, 7, 1)) == 30
    assert schedule.reminder_stage(due, D(2026, 6, 23), (30, 7, 1)) == 7
    assert schedule.reminder_stage(due, D(2026, 6, 30), (30, 7, 1)) == 1


def test_several_missed_stages_send_only_the_nearest():
    assert schedule.reminder_stage(D(2026, 6, 30), D(2026, 6, 29), (30, 7, 1)) == 1


def test_no_reminder_once_late():
    assert schedule.reminder_stage(D(2026, 6, 30), D(2026, 7, 1), (30, 7, 1)) is None


@pytest.mark.parametrize(
    ("month", "day", "message"),
    [(13, 1, "月份应为1至12。"), (4, 31, "4月只有30天"), (2, 30, "2月只有29天"), (1, 0, "日期应为1至31")],
)
def test_invalid_month_day_is_refused_in_chinese(month, day, message):
    assert message in schedule.month_day_error(month, day)


def test_feb_29_is_a_valid_yearly_date():
    assert schedule.month_day_error(2, 29) is None


def test_remind_days_must_be_distinct_positive_integers_up_to_180():
    assert schedule.remind_days_errors([30, 7, 1]) == []
    assert schedule.remind_days_errors([0]) == ["提醒天数应为1至180之间的整数：0"]
    assert schedule.remind_days_errors([181]) == ["提醒天数应为1至180之间的整数：181"]
    assert schedule.remind_days_errors(["7"]) == ["提醒天数应为1至180之间的整数：7"]
    assert schedule.remind_days_errors([7, 7]) == ["提醒天数不能重复。"]
    assert schedule.parse_remind_days("7，30、1") == [30, 7, 1]
    with pytest.raises(ValueError, match="整数：七"):
        schedule.parse_remind_days("七")


def test_due_text():
    assert schedule.due_text(D(2026, 6, 30), D(2026, 6, 20)) == "还有10天"
    assert schedule.due_text(D(2026, 6, 30), D(2026, 6, 30)) == "今天到期"
    assert schedule.due_text(D(2026, 6, 30), D(2026, 7, 2)) == "已逾期2天"


month_days = st.tuples(st.integers(1, 12), st.integers(1, 31)).filter(lambda md: schedule.month_day_error(*md) is None)
days = st.dates(min_value=D(2001, 1, 1), max_value=D(2098, 12, 31))


@given(month_days, days)
def test_every_day_belongs_to_exactly_one_window(month_day, day):
    month, dd = month_day
    windows = {y: schedule.window(month, dd, y) for y in range(day.year - 2, day.year + 3)}
    containing = [y for y, (opens, due) in windows.items() if opens <= day <= due]
    assert containing == [schedule.current_year(month, dd, day)]


@given(month_days, days, st.sets(st.integers(1999, 2100), max_size=6))
def test_a_publication_fills_its_window_or_the_previous_cycle(month_day, day, open_years):
    month, dd = month_day
    year = schedule.completing_year(month, dd, day, open_years)
    if year is not None:
        assert year in open_years
        assert schedule.may_complete(month, dd, year, day)
