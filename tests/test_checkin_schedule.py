"""The check-in calendar: cadences, and nudge moments on weekdays inside working hours in every
zone, across daylight-saving changes."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.checkin_schedule import (
    PairHours,
    add_period,
    due_after,
    next_slot,
    nudge_slot,
    sessions_between,
)
from bot.working_hours import WorkingHours

BERLIN = WorkingHours("Europe/Berlin", time(9), time(17))
NEW_YORK = WorkingHours("America/New_York", time(9), time(17))
TOKYO = WorkingHours("Asia/Tokyo", time(9), time(17))


def local(moment: datetime, hours: WorkingHours) -> datetime:
    return moment.astimezone(ZoneInfo(hours.timezone))


def within(moment: datetime, hours: WorkingHours) -> bool:
    here = local(moment, hours)
    return here.weekday() < 5 and hours.start <= here.time() < hours.end


@pytest.mark.parametrize(
    ("cadence", "day", "expected"),
    [
        ("weekly", date(2026, 12, 28), date(2027, 1, 4)),
        ("biweekly", date(2026, 12, 24), date(2027, 1, 7)),
        ("monthly", date(2027, 1, 31), date(2027, 2, 28)),
        ("monthly", date(2027, 12, 15), date(2028, 1, 15)),
    ],
)
def test_a_period_is_a_week_two_weeks_or_a_calendar_month(
    cadence: str, day: date, expected: date
) -> None:
    assert add_period(day, cadence) == expected


def test_sessions_count_the_check_ins_before_the_cohort_ends() -> None:
    assert sessions_between(date(2026, 1, 1), date(2026, 3, 26), "biweekly") == 5
    assert sessions_between(date(2026, 1, 1), date(2026, 1, 15), "biweekly") == 0


@pytest.mark.parametrize(
    "day",
    # Each day of the weeks when only one of the two cities has changed its clocks, and around.
    [date(2027, 3, 8) + timedelta(days=n) for n in range(24)]
    + [date(2027, 10, 28) + timedelta(days=n) for n in range(14)],
)
def test_a_nudge_falls_inside_both_working_days_across_daylight_saving(day: date) -> None:
    hours = PairHours(mentor=BERLIN, mentee=NEW_YORK)
    slot = nudge_slot(day, hours, datetime.combine(day, time(0), tzinfo=UTC))

    assert within(slot, BERLIN) and within(slot, NEW_YORK), slot
    assert slot.date() - day < timedelta(days=3)  # a weekend moves it to Monday, no further


def test_without_shared_hours_the_mentee_s_working_day_decides() -> None:
    hours = PairHours(mentor=TOKYO, mentee=BERLIN)
    slot = nudge_slot(date(2027, 1, 13), hours, datetime(2027, 1, 13, tzinfo=UTC))

    assert within(slot, BERLIN)
    assert local(slot, BERLIN).time() == time(9, 30)


def test_night_shift_hours_never_mean_a_nudge_at_night() -> None:
    owl = WorkingHours("Europe/Berlin", time(0), time(23, 30))
    slot = nudge_slot(date(2027, 1, 13), PairHours(owl, owl), datetime(2027, 1, 13, tzinfo=UTC))

    assert local(slot, owl).time() == time(7, 30)


def test_a_moment_inside_the_window_is_used_at_once_and_a_late_one_waits_for_the_next_day() -> None:
    hours = PairHours(mentor=BERLIN, mentee=BERLIN)
    wednesday_noon = datetime(2027, 1, 13, 11, 0, tzinfo=UTC)
    friday_evening = datetime(2027, 1, 15, 18, 0, tzinfo=UTC)

    assert next_slot(wednesday_noon, hours) == wednesday_noon
    assert next_slot(friday_evening, hours) == datetime(2027, 1, 18, 8, 30, tzinfo=UTC)


def test_the_next_check_in_is_one_period_later_at_the_same_good_moment() -> None:
    hours = PairHours(mentor=BERLIN, mentee=NEW_YORK)
    activated = datetime(2026, 11, 26, 16, 0, tzinfo=UTC)  # Thursday, after the shared hours

    assert due_after(activated, "biweekly", hours) == datetime(2026, 12, 10, 14, 30, tzinfo=UTC)
    assert due_after(activated, "weekly", hours) == datetime(2026, 12, 3, 14, 30, tzinfo=UTC)
