"""Check-in nudges in Slack: when they come (cadence, working hours, daylight saving), what they
offer, and what each button does."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from sqlmodel import col, func, select

from handlers.checkin_blocks import BUTTON_ACTIONS
from storage.checkins import Press
from storage.models import CheckIn, CheckInState
from tests.fakes.active_pairs import activate_pair, buttons
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import Message
from tests.fakes.workspace import LEAD, PEOPLE

LEA, JONAS, AMIRA, BEN = PEOPLE[0], PEOPLE[1], PEOPLE[2], PEOPLE[3]
THURSDAY_AFTERNOON = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)  # Berlin 15:00, New York 09:00
BERLIN = {"timezone": "Europe/Berlin", "work_start": "09:00", "work_end": "17:00"}
NEW_YORK = {"timezone": "America/New_York", "work_start": "09:00", "work_end": "17:00"}
MET, NOT_YET, SKIP, PAUSE, HELP = (BUTTON_ACTIONS[p] for p in Press)


@pytest.fixture
def clock() -> Iterator[object]:
    with freeze_time(THURSDAY_AFTERNOON) as frozen:
        yield frozen


@pytest.fixture
def pair_channel(bot: BotHarness, clock: object) -> str:
    """Jonas (a leader in Berlin) and Ben (a junior in New York), active since Thursday."""
    return activate_pair(bot, BEN.id, JONAS.id, junior_meeting=NEW_YORK, leader_meeting=BERLIN)


def nudges(bot: BotHarness, channel: str) -> list[Message]:
    return [m for m in bot.slack.messages if m.channel == channel and MET in buttons(m)]


def next_due(bot: BotHarness) -> datetime:
    with bot.sessions() as session:
        due = session.exec(
            select(func.min(CheckIn.due_at)).where(
                col(CheckIn.state).in_([CheckInState.SCHEDULED, CheckInState.SNOOZED])
            )
        ).one()
    assert due is not None
    return due


def tick_at(bot: BotHarness, clock: object, moment: datetime) -> None:
    clock.move_to(moment)  # type: ignore[attr-defined]
    bot.tick(moment)


def inside(moment: datetime, zone: str, start: int = 9, end: int = 17) -> bool:
    local = moment.astimezone(ZoneInfo(zone))
    return local.weekday() < 5 and start <= local.hour + local.minute / 60 < end


def test_a_berlin_new_york_pair_gets_26_nudges_a_year_inside_both_working_days(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    bot.command(LEAD.id, "cohort set ends 2028-01-31")
    sent_at = []
    while len(sent_at) < 27:
        due = next_due(bot)
        if due > THURSDAY_AFTERNOON + timedelta(days=365):
            break
        tick_at(bot, clock, due - timedelta(minutes=1))
        assert len(nudges(bot, pair_channel)) == len(sent_at), "nothing before its time"
        tick_at(bot, clock, due)
        assert len(nudges(bot, pair_channel)) == len(sent_at) + 1
        sent_at.append(due)
        bot.click(BEN.id, MET, buttons(nudges(bot, pair_channel)[-1])[MET])

    assert len(sent_at) == 26
    assert sent_at[0].date() == (THURSDAY_AFTERNOON + timedelta(days=14)).date()
    for moment in sent_at:
        assert inside(moment, "Europe/Berlin") and inside(moment, "America/New_York"), moment
    assert [m.weekday() for m in sent_at] == [3] * 26
    # Half an hour into the overlap: 15:30 Berlin / 09:30 New York in winter; on 18 March, when
    # only New York has moved its clocks, and in summer the overlap starts an hour earlier in UTC.
    assert datetime(2026, 12, 10, 14, 30, tzinfo=UTC) in sent_at
    assert datetime(2027, 3, 18, 13, 30, tzinfo=UTC) in sent_at
    assert datetime(2027, 7, 8, 13, 30, tzinfo=UTC) in sent_at
