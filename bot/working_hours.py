"""When a scheduled DM may reach a person: weekdays, inside their working hours, in their zone."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONDAY_TO_FRIDAY = frozenset(range(5))


@dataclass(frozen=True)
class WorkingHours:
    """A person's working window; weekdays use Python's numbering (Monday is 0)."""

    timezone: str = "UTC"
    start: time = time(9, 0)
    end: time = time(17, 0)
    weekdays: frozenset[int] = field(default=MONDAY_TO_FRIDAY)


def zone(name: str) -> ZoneInfo:
    """The named IANA zone, or UTC when the name is unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def next_send_slot(now: datetime, hours: WorkingHours) -> datetime:
    """`now` if it lies inside the person's working hours, else the start of their next window (UTC).

    Windows are computed on local wall-clock times, so they stay right across daylight-saving changes.
    A window with start >= end, or no weekdays, falls back to the default 09:00-17:00, Monday-Friday.
    """
    if hours.start >= hours.end or not hours.weekdays & set(range(7)):
        hours = WorkingHours(timezone=hours.timezone)
    tz = zone(hours.timezone)
    today = now.astimezone(tz).date()
    for offset in range(8):
        day = today + timedelta(days=offset)
        if day.weekday() not in hours.weekdays:
            continue
        opens = datetime.combine(day, hours.start, tzinfo=tz).astimezone(UTC)
        closes = datetime.combine(day, hours.end, tzinfo=tz).astimezone(UTC)
        if opens <= now < closes:
            return now
        if now < opens:
            return opens
    raise AssertionError("unreachable: every week holds one of the weekdays")


def start_of_day(day: date, timezone: str) -> datetime:
    """Midnight of `day` in the zone, as a UTC moment (e.g. when a pause "until" that day ends)."""
    return datetime.combine(day, time(0), tzinfo=zone(timezone)).astimezone(UTC)
