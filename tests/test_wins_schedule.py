"""When a cohort's wins post is due: the latest slot of its schedule, in the cohort's zone."""

from datetime import UTC, date, datetime, time

from bot.wins_schedule import WinsSchedule, latest_slot

STARTS = date(2026, 11, 2)  # a Monday


def schedule(every: str = "weekly", timezone: str = "Europe/Berlin") -> WinsSchedule:
    return WinsSchedule(every, weekday=0, at=time(10), timezone=timezone, starts_on=STARTS)


def test_weekly_the_slot_is_monday_10_local_and_stays_until_the_next() -> None:
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
    assert latest_slot(schedule(), monday) == monday
    assert latest_slot(schedule(), datetime(2026, 11, 23, 8, 59, tzinfo=UTC)) == datetime(
        2026, 11, 16, 9, 0, tzinfo=UTC
    )
    assert latest_slot(schedule(), datetime(2026, 11, 28, 12, tzinfo=UTC)) == monday


def test_summer_time_moves_the_slot_in_utc() -> None:
    assert latest_slot(schedule(), datetime(2027, 4, 5, 12, tzinfo=UTC)) == datetime(
        2027, 4, 5, 8, 0, tzinfo=UTC
    )


def test_biweekly_counts_from_the_cohort_s_start_and_monthly_is_the_first_monday() -> None:
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    assert latest_slot(schedule("biweekly"), now) == datetime(2026, 11, 16, 9, tzinfo=UTC)
    assert latest_slot(schedule("monthly"), now) == datetime(2026, 11, 2, 9, tzinfo=UTC)
    assert latest_slot(schedule("monthly"), datetime(2026, 12, 8, tzinfo=UTC)) == datetime(
        2026, 12, 7, 9, tzinfo=UTC
    )


def test_there_is_no_slot_before_the_cohort_starts() -> None:
    assert latest_slot(schedule(), datetime(2026, 11, 1, 12, tzinfo=UTC)) is None
