"""Scheduled DMs go out on weekdays inside the person's working hours, in their timezone."""

from datetime import UTC, date, datetime, time

import pytest

from bot.working_hours import WorkingHours, next_send_slot, start_of_day

BERLIN = WorkingHours("Europe/Berlin")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_inside_working_hours_sends_now() -> None:
    now = utc(2026, 11, 24, 10, 0)  # Tuesday 11:00 in Berlin
    assert next_send_slot(now, BERLIN) == now


def test_at_night_waits_for_the_morning() -> None:
    now = utc(2026, 11, 24, 22, 0)  # Tuesday 23:00 in Berlin
    assert next_send_slot(now, BERLIN) == utc(2026, 11, 25, 8, 0)  # Wednesday 09:00 in Berlin


def test_at_the_weekend_waits_for_monday() -> None:
    now = utc(2026, 11, 21, 12, 0)  # Saturday
    assert next_send_slot(now, BERLIN) == utc(2026, 11, 23, 8, 0)


def test_friday_evening_waits_for_monday() -> None:
    now = utc(2026, 11, 27, 16, 0)  # Friday 17:00 in Berlin: the window has just closed
    assert next_send_slot(now, BERLIN) == utc(2026, 11, 30, 8, 0)


def test_own_hours_and_zone_are_respected() -> None:
    hours = WorkingHours("America/New_York", time(7, 30), time(15, 0))
    now = utc(2026, 11, 24, 11, 0)  # 06:00 in New York
    assert next_send_slot(now, hours) == utc(2026, 11, 24, 12, 30)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Berlin springs forward on Sunday 29 March 2026: Monday 09:00 is 07:00 UTC, not 08:00.
        (utc(2026, 3, 28, 12, 0), utc(2026, 3, 30, 7, 0)),
        # and falls back on Sunday 25 October 2026: Monday 09:00 is 08:00 UTC again.
        (utc(2026, 10, 24, 12, 0), utc(2026, 10, 26, 8, 0)),
    ],
)
def test_daylight_saving_changes_keep_local_nine_oclock(now: datetime, expected: datetime) -> None:
    assert next_send_slot(now, BERLIN) == expected


def test_an_unknown_zone_or_broken_window_falls_back_to_defaults() -> None:
    broken = WorkingHours("Mars/Olympus_Mons", time(18, 0), time(8, 0), frozenset({9}))
    now = utc(2026, 11, 24, 3, 0)
    assert next_send_slot(now, broken) == utc(2026, 11, 24, 9, 0)


def test_custom_weekdays() -> None:
    hours = WorkingHours("UTC", weekdays=frozenset({2}))  # Wednesdays only
    assert next_send_slot(utc(2026, 11, 23, 10, 0), hours) == utc(2026, 11, 25, 9, 0)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 24), datetime(2026, 12, 23, 23, 0, tzinfo=UTC)),  # winter: UTC+1
        (date(2026, 7, 1), datetime(2026, 6, 30, 22, 0, tzinfo=UTC)),  # summer: UTC+2
    ],
)
def test_start_of_day_is_local_midnight(day: date, expected: datetime) -> None:
    assert start_of_day(day, "Europe/Berlin") == expected
