"""When a pair's check-ins fall: the cadence, and a good moment for a nudge.

A nudge goes out on a weekday, inside both partners' working hours where they overlap that day,
otherwise inside the mentee's, and never outside 07:00-21:00 local time whatever the survey says.
Windows are computed per calendar date in each person's zone, so daylight-saving changes (which
Europe and North America make on different weekends) are handled.
"""

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.working_hours import WorkingHours, zone

DAYTIME = (time(7, 0), time(21, 0))
SETTLE = timedelta(minutes=30)
"""A nudge comes this long after the window opens (or halfway into a shorter one), not on the dot
of the first working minute."""
SEARCH_DAYS = 14

Window = tuple[datetime, datetime]


@dataclass(frozen=True)
class PairHours:
    """The working hours of a pair's two partners."""

    mentor: WorkingHours
    mentee: WorkingHours


def add_period(day: date, cadence: str) -> date:
    """The day one period of the cadence ("weekly", "biweekly", "monthly") after `day`."""
    if cadence == "weekly":
        return day + timedelta(days=7)
    if cadence == "monthly":
        year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
        return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return day + timedelta(days=14)


def sessions_between(start: date, end: date, cadence: str) -> int:
    """How many check-ins fit: one each period after `start`, before the cohort ends on `end`."""
    count, day = 0, add_period(start, cadence)
    while day < end:
        count, day = count + 1, add_period(day, cadence)
    return count


def local_day(moment: datetime, hours: WorkingHours) -> date:
    """The calendar date of `moment` in the person's zone."""
    return moment.astimezone(zone(hours.timezone)).date()


def nudge_slot(day: date, hours: PairHours, not_before: datetime) -> datetime:
    """The first good moment for a nudge on `day` (the mentee's calendar) or a later day, and not
    before `not_before` (UTC)."""
    for offset in range(SEARCH_DAYS):
        candidate = day + timedelta(days=offset)
        mentee = _window(candidate, hours.mentee)
        if mentee is None:
            continue
        window = _shared(mentee, candidate, hours.mentor) or mentee
        opens, closes = window
        moment = max(opens + min(SETTLE, (closes - opens) / 2), not_before)
        if moment < closes:
            return moment
    raise AssertionError("unreachable: two weeks always hold a weekday window")


def next_slot(after: datetime, hours: PairHours) -> datetime:
    """The first good moment at or after `after`."""
    return nudge_slot(local_day(after, hours.mentee), hours, after)


def due_after(previous: datetime, cadence: str, hours: PairHours) -> datetime:
    """The nudge one period after `previous` (a nudge, an activation, or the end of a pause)."""
    return nudge_slot(add_period(local_day(previous, hours.mentee), cadence), hours, previous)


def _window(day: date, hours: WorkingHours) -> Window | None:
    """The person's working window on their local `day`, clipped to daytime; None off work."""
    if day.weekday() not in hours.weekdays:
        return None
    start, end = (hours.start, hours.end) if hours.start < hours.end else (time(9), time(17))
    start, end = max(start, DAYTIME[0]), min(end, DAYTIME[1])
    if start >= end:
        start, end = time(9), time(17)
    tz = zone(hours.timezone)
    return (
        datetime.combine(day, start, tzinfo=tz).astimezone(UTC),
        datetime.combine(day, end, tzinfo=tz).astimezone(UTC),
    )


def _shared(mentee: Window, day: date, mentor: WorkingHours) -> Window | None:
    """The longest overlap of the mentee's window with one of the mentor's on nearby dates (the
    mentor's calendar may be a day ahead or behind)."""
    best: Window | None = None
    for offset in (-1, 0, 1):
        theirs = _window(day + timedelta(days=offset), mentor)
        if theirs is None:
            continue
        opens, closes = max(mentee[0], theirs[0]), min(mentee[1], theirs[1])
        if opens < closes and (best is None or closes - opens > best[1] - best[0]):
            best = (opens, closes)
    return best
