"""When a cohort's wins are posted (pure): a weekday and local time, every week, every second
week (counted from the cohort's start) or on the first such weekday of a month."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.working_hours import zone

EVERY = ("weekly", "biweekly", "monthly")
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_LOOK_BACK = timedelta(days=62)


@dataclass(frozen=True)
class WinsSchedule:
    """A cohort's posting schedule, in the cohort's timezone (its scheduled digest uses the
    same kind of schedule)."""

    every: str
    weekday: int
    at: time
    timezone: str
    starts_on: date


def latest_slot(schedule: WinsSchedule, now: datetime) -> datetime | None:
    """The most recent posting moment at or before `now` (None before the first one)."""
    tz = zone(schedule.timezone)
    day = now.astimezone(tz).date()
    while day >= max(schedule.starts_on, (now - _LOOK_BACK).date()):
        moment = datetime.combine(day, schedule.at, tz)
        if moment <= now and _is_slot_day(schedule, day):
            return moment.astimezone(UTC)
        day -= timedelta(days=1)
    return None


def _is_slot_day(schedule: WinsSchedule, day: date) -> bool:
    if day.weekday() != schedule.weekday:
        return False
    if schedule.every == "biweekly":
        return (day - schedule.starts_on).days // 7 % 2 == 0
    if schedule.every == "monthly":
        return day.day <= 7
    return True
