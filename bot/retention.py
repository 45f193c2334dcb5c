"""When a cohort's reflections and wins are deleted (pure): once the day its retention period
ends (its end date plus `retention_months`) has passed in the cohort's timezone."""

import calendar
from datetime import date, datetime, timedelta

from bot.working_hours import zone

RETENTION_MONTHS = range(1, 121)
"""What a lead may set: from a month to ten years."""
NONE_EXPIRED_SINCE = timedelta(days=27)
"""A cohort that ended fewer days before today (in UTC) cannot have expired: a month is at least
28 days and no timezone is a whole day ahead of UTC."""


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it is shorter (31 Jan -> 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expired(ends_on: date, months: int, timezone: str, now: datetime) -> bool:
    """Whether the retention period of a cohort that ended on `ends_on` is over at `now`."""
    return now.astimezone(zone(timezone)).date() > add_months(ends_on, months)
