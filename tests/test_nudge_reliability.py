"""Nudges are data: a restart or a week's downtime loses none and sends none twice, concurrent
ticks (threads, and processes on PostgreSQL) never double one, Slack's failures are retried or
put before the lead, and the due query uses an index."""

import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import Engine
from sqlmodel import col, select

from bot.messages import t
from handlers.checkin_blocks import BUTTON_ACTIONS
from storage import checkins
from storage.checkins import Press
from storage.models import CheckIn, CheckInState, OutboxMessage, OutboxState, Pair
from tests.fakes.active_pairs import activate_pair, buttons
from tests.fakes.bot_harness import BotHarness
from tests.fakes.many_pairs import add_active_pairs
from tests.fakes.query_plans import query_plan
from tests.fakes.slack_api import TEAM_ID, SlackStandIn
from tests.fakes.workspace import LEAD, PEOPLE
from tests.test_nudges import BERLIN, NEW_YORK, THURSDAY_AFTERNOON, inside, next_due, tick_at

JONAS, BEN = PEOPLE[1], PEOPLE[3]
MET = BUTTON_ACTIONS[Press.MET]


@pytest.fixture
def clock() -> Iterator[object]:
    with freeze_time(THURSDAY_AFTERNOON) as frozen:
        yield frozen


@pytest.fixture
def pair_channel(bot: BotHarness, clock: object) -> str:
    return activate_pair(bot, BEN.id, JONAS.id, junior_meeting=NEW_YORK, leader_meeting=BERLIN)


def nudges_in(slack: SlackStandIn, channel: str) -> int:
    return sum(1 for m in slack.messages if m.channel == channel and MET in buttons(m))


def test_a_restarted_bot_sends_the_nudge_the_old_one_scheduled(
    bot: BotHarness, engine: Engine, clock: object, pair_channel: str
) -> None:
    due = next_due(bot)
    restarted = BotHarness(bot.slack, engine, leads=frozenset({LEAD.id}))

    tick_at(restarted, clock, due)

    assert nudges_in(bot.slack, pair_channel) == 1


def test_after_a_week_down_an_overdue_pair_gets_one_nudge_at_the_next_good_moment(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    due = next_due(bot)
    back_up = due.replace(hour=2, minute=0) + timedelta(days=7)  # night in Berlin and New York

    moment = back_up
    while moment < back_up + timedelta(days=3):  # ticks every quarter of an hour from then on
        tick_at(bot, clock, moment)
        if nudges_in(bot.slack, pair_channel) and "sent_at" not in locals():
            sent_at = moment
        moment += timedelta(minutes=15)

    assert nudges_in(bot.slack, pair_channel) == 1
    assert inside(sent_at, "Europe/Berlin") and inside(sent_at, "America/New_York")
    assert sent_at - back_up < timedelta(days=1)
    assert next_due(bot) - sent_at >= timedelta(days=13)  # the cadence goes on from the nudge


def test_two_ticks_at_the_same_moment_send_each_nudge_once(
    slack: SlackStandIn, engine: Engine
) -> None:
    due = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    first, second = (BotHarness(slack, engine) for _ in range(2))
    with first.sessions() as session:
        slack.channels.update(add_active_pairs(session, TEAM_ID, 150, due))
    start = threading.Barrier(2)

    def tick(bot: BotHarness) -> None:
        start.wait()
        bot.tick(due)

    with freeze_time(due):
        threads = [threading.Thread(target=tick, args=(b,)) for b in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        first.tick(due)  # whatever either left over

    posted = Counter(c.args["channel"] for c in slack.calls_to("chat.postMessage"))
    assert len(posted) == 150 and set(posted.values()) == {1}


def test_two_processes_on_postgresql_send_each_nudge_once(
    slack: SlackStandIn, postgres_engine: Engine
) -> None:
    engine = postgres_engine
    due = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    harness = BotHarness(slack, engine)
    with harness.sessions() as session:
        slack.channels.update(add_active_pairs(session, TEAM_ID, 300, due))
    url = engine.url.render_as_string(hide_password=False)
    start_at = str(time.time() + 3)
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.fakes.tick_process",
                url,
                slack.api_url,
                due.isoformat(),
                start_at,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs

    posted = Counter(c.args["channel"] for c in slack.calls_to("chat.postMessage"))
    assert len(posted) == 300 and set(posted.values()) == {1}
    assert all("sent=" in out for out, _ in outputs)  # both ticked


def nudge_rows(bot: BotHarness) -> list[OutboxMessage]:
    with bot.sessions() as session:
        return list(
            session.exec(select(OutboxMessage).where(OutboxMessage.kind == "checkin_nudge"))
        )


def test_a_429_is_retried_after_retry_after_and_the_nudge_goes_out_once(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    bot.slack.fail("chat.postMessage", "ratelimited", status=429, retry_after=1)

    tick_at(bot, clock, next_due(bot))

    assert nudges_in(bot.slack, pair_channel) == 1
    assert 1.0 in bot.waits.slept  # slack_sdk's RateLimitErrorRetryHandler waited Retry-After


def test_a_nudge_still_rate_limited_after_the_retry_stays_due_for_a_later_tick(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    due = next_due(bot)
    bot.slack.fail("chat.postMessage", "ratelimited", status=429, retry_after=1, times=2)

    tick_at(bot, clock, due)
    [row] = nudge_rows(bot)
    assert (row.state, nudges_in(bot.slack, pair_channel)) == (OutboxState.PENDING, 0)
    tick_at(bot, clock, due + timedelta(minutes=1))

    assert nudges_in(bot.slack, pair_channel) == 1


def test_a_timeout_leaves_the_nudge_due_for_a_retry_with_back_off(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    due = next_due(bot)
    bot.client.timeout = 0.1
    bot.slack.fail("chat.postMessage", "timeout", delay=0.3)

    tick_at(bot, clock, due)
    [row] = nudge_rows(bot)
    assert (row.state, row.attempts, row.last_error) == (OutboxState.PENDING, 1, "connection_error")
    assert row.due_at == due + timedelta(minutes=1)
    tick_at(bot, clock, row.due_at)

    assert nudges_in(bot.slack, pair_channel) == 1


def test_channel_not_found_puts_the_pair_before_the_lead(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    bot.slack.fail("chat.postMessage", "channel_not_found")
    due = next_due(bot)

    tick_at(bot, clock, due)
    tick_at(bot, clock, due + timedelta(minutes=1))  # the lead's alert goes out with the next tick

    [row] = nudge_rows(bot)
    assert row.state == OutboxState.FAILED
    with bot.sessions() as session:
        assert session.exec(select(Pair.attention).where(Pair.state == "active")).one() == (
            "channel_not_found"
        )
    alert = bot.slack.dms_to(LEAD.id)[-1].text
    assert t("de", "outbox_kind.checkin_nudge") in alert
    assert "<@U0BEN>" in alert and "<@U0JONAS>" in alert and "channel_not_found" in alert


def test_account_inactive_holds_all_sends_and_the_nudge_goes_out_once_slack_is_back(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    due = next_due(bot)
    bot.slack.fail("chat.postMessage", "account_inactive")

    tick_at(bot, clock, due)
    tick_at(bot, clock, due + timedelta(minutes=5))
    assert nudges_in(bot.slack, pair_channel) == 0
    tick_at(bot, clock, due + timedelta(minutes=16))

    assert nudges_in(bot.slack, pair_channel) == 1
    assert [row.state for row in nudge_rows(bot)] == [OutboxState.SENT]


def test_the_due_query_is_served_by_the_checkin_due_index(engine: Engine) -> None:
    plan = query_plan(engine, checkins.due_ids(datetime(2026, 12, 10, tzinfo=UTC), 500))
    assert "checkin_due" in plan, plan
    # The workspaces the app left are read whole: a table of one row per workspace.
    assert "SCAN checkin" not in plan and "Seq Scan on checkin" not in plan, plan


def test_answered_check_ins_are_never_claimed_again(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    due = next_due(bot)
    tick_at(bot, clock, due)
    with bot.sessions() as session:
        first = session.exec(select(CheckIn).where(CheckIn.number == 1)).one()
    assert first.state == CheckInState.NUDGED
    tick_at(bot, clock, due + timedelta(minutes=1))
    tick_at(bot, clock, due + timedelta(hours=3))

    assert nudges_in(bot.slack, pair_channel) == 1
    with bot.sessions() as session:
        assert session.exec(select(col(CheckIn.number)).order_by(col(CheckIn.number))).all() == [
            1,
            2,
        ]
