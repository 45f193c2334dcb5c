"""The database going away for a moment (a connection reset, a failover), at every statement of
a tick and of a request in turn: nothing is half-written, the person hears a friendly apology
and Slack gets its HTTP 200, and the next tick does the work the lost one could not, once. On
PostgreSQL the connection is really ended (tests/fakes/db_faults.py), and a dead pooled
connection is replaced before it is used."""

import logging
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import Engine, func, text
from sqlmodel import col, select

from bot.messages import t
from handlers.checkin_blocks import BUTTON_ACTIONS
from storage.checkins import Press
from storage.db import make_engine
from storage.models import (
    CheckIn,
    CheckInState,
    OutboxKind,
    OutboxMessage,
    OutboxState,
    Pair,
    Participant,
    Reflection,
)
from tests.fakes.active_pairs import buttons
from tests.fakes.bot_harness import BotHarness
from tests.fakes.db_faults import ConnectionLoss
from tests.fakes.many_pairs import add_active_pairs
from tests.fakes.slack_api import TEAM_ID, FakeUser
from tests.fakes.workspace import LEAD

THURSDAY_NOON = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
MET = BUTTON_ACTIONS[Press.MET]
"""Inside the working hours (08:00-18:00 UTC) of the synthetic pairs."""


def _pair_due(bot: BotHarness, number: int, due: datetime) -> str:
    """Active pair `number`, its first check-in due at `due`; its group DM."""
    with bot.sessions() as session:
        (channel,) = add_active_pairs(session, TEAM_ID, 1, due, first=number)
    bot.slack.channels.add(channel)
    return channel


def _tick(bot: BotHarness, when: datetime) -> None:
    bot.tick(when, failures_allowed=True)


def _nudge_round(bot: BotHarness, loss: ConnectionLoss, number: int, strike: int | None) -> int:
    """Pair `number` falls due; the tick there loses the connection at statement `strike`;
    the next tick does what is left. Returns the first tick's statements."""
    due = THURSDAY_NOON + timedelta(minutes=5 * number)
    channel = _pair_due(bot, number, due)
    loss.strike_at(strike)
    _tick(bot, due)
    statements = loss.statements
    assert strike is None or loss.struck is not None, f"statement {strike} of {statements}"
    loss.strike_at(None)
    _tick(bot, due + timedelta(minutes=1))
    nudges = [m for m in bot.slack.messages if m.channel == channel]
    with bot.sessions() as session:  # a claim left behind would send again after its lease
        claimed = session.exec(select(OutboxMessage.id).where(OutboxMessage.state == "sending"))
        assert (len(nudges), claimed.all()) == (1, []), f"statement {strike}: {loss.struck}"
    return statements


def test_a_connection_lost_at_any_statement_of_a_tick_loses_no_nudge_and_doubles_none(
    bot: BotHarness, engine: Engine
) -> None:
    with ConnectionLoss(engine) as loss:
        _nudge_round(bot, loss, 0, None)  # the first tick does more (the cohort's first look)
        statements = _nudge_round(bot, loss, 1, None)
        for number in range(2, statements + 2):
            _nudge_round(bot, loss, number, strike=number - 1)
    with bot.sessions() as session:
        states = Counter(session.exec(select(OutboxMessage.state)))
        checkins = Counter(session.exec(select(CheckIn.number, CheckIn.state)))
    pairs = statements + 2
    assert states == {OutboxState.SENT: pairs}
    assert checkins == {(1, CheckInState.NUDGED): pairs, (2, CheckInState.SCHEDULED): pairs}


def test_a_tick_step_that_fails_is_logged_and_the_rest_of_the_tick_still_runs(
    bot: BotHarness, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    channel = _pair_due(bot, 0, THURSDAY_NOON)
    with ConnectionLoss(engine) as loss:
        loss.strike_at(1)  # the tick's first statement: ending pauses

        report = bot.tick(THURSDAY_NOON, failures_allowed=True)

    assert report.sent == 1 and len(bot.slack.messages) == 1
    assert bot.slack.messages[0].channel == channel
    (failed,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert failed.getMessage() == "tick step reminders failed; the next tick tries again"


TUESDAY_10_LONDON = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def _join(bot: BotHarness, user: FakeUser) -> list[str]:
    """The person types /mentoring join; the texts they were answered."""
    answered = len(bot.slack.responses)
    assert bot.command(user.id, "join").status == 200
    return [str(post.body.get("text")) for post in bot.slack.responses[answered:]]


def _membership(bot: BotHarness, user_id: str) -> tuple[int, int]:
    """The person's participant rows and welcome DMs queued."""
    with bot.sessions() as session:
        people = session.exec(
            select(func.count()).where(col(Participant.slack_user_id) == user_id)
        ).one()
        welcomes = session.exec(
            select(func.count()).where(
                col(OutboxMessage.recipient_user_id) == user_id,
                col(OutboxMessage.kind) == OutboxKind.WELCOME,
            )
        ).one()
    return people, welcomes


def test_a_connection_lost_at_any_statement_of_joining_leaves_it_whole_or_undone(
    bot: BotHarness, engine: Engine
) -> None:
    newcomers = [
        FakeUser(f"U0NEW{n:03d}", f"new{n}", f"Newcomer {n}", "Europe/London") for n in range(80)
    ]
    bot.slack.users.extend(newcomers)
    sorry = t("en-GB", "error.generic")
    with freeze_time(TUESDAY_10_LONDON), ConnectionLoss(engine) as loss:
        _join(bot, LEAD)  # the first join also starts the program and its cohort
        loss.strike_at(None)
        _join(bot, newcomers[0])
        statements = loss.statements
        outcomes = Counter()
        for number, person in enumerate(newcomers[1 : statements + 1], 1):
            loss.strike_at(number)

            answers = _join(bot, person)

            assert loss.struck is not None, f"statement {number} of {statements}"
            joined, welcomes = _membership(bot, person.id)
            assert welcomes == joined, f"statement {number}: {loss.struck}"
            if joined:
                assert any("You have joined" in answer for answer in answers), answers
            else:
                assert answers == [sorry], f"statement {number}: {loss.struck}"
            outcomes[bool(joined)] += 1
        loss.strike_at(None)
        bot.tick(TUESDAY_10_LONDON + timedelta(minutes=5))
    for person in newcomers[1 : statements + 1]:
        joined, _ = _membership(bot, person.id)
        assert len(bot.slack.dms_to(person.id)) == joined, person.id  # once, not twice or never
    with bot.sessions() as session:  # a claim left behind would send again after its lease
        states = set(session.exec(select(OutboxMessage.state)))
    assert states == {OutboxState.SENT}
    assert outcomes[True] and outcomes[False]


def _reflections_asked(bot: BotHarness, checkin_id: int) -> tuple[str, int, int]:
    """The check-in's state, its reflections and the partner's prompts queued."""
    with bot.sessions() as session:
        checkin = session.get(CheckIn, checkin_id)
        assert checkin is not None
        reflections = session.exec(
            select(func.count()).where(col(Reflection.checkin_id) == checkin_id)
        ).one()
        pair = session.get(Pair, checkin.pair_id)
        assert pair is not None
        prompts = session.exec(
            select(func.count()).where(
                col(OutboxMessage.kind) == OutboxKind.REFLECTION_PROMPT,
                col(OutboxMessage.recipient_user_id) == pair.mentee_user_id,
            )
        ).one()
    return checkin.state, reflections, prompts


def test_a_connection_lost_at_any_statement_of_we_met_records_it_all_or_nothing(
    bot: BotHarness, engine: Engine
) -> None:
    with bot.sessions() as session:
        bot.slack.channels.update(add_active_pairs(session, TEAM_ID, 60, THURSDAY_NOON))
    with freeze_time(THURSDAY_NOON):
        bot.tick(THURSDAY_NOON)
    nudges = sorted(bot.slack.messages, key=lambda message: message.channel)
    sorry = t("en-US", "error.generic")
    with freeze_time(THURSDAY_NOON), ConnectionLoss(engine) as loss:
        presses = [(f"UM{n:07d}", int(buttons(nudge)[MET])) for n, nudge in enumerate(nudges)]
        loss.strike_at(None)
        bot.click(presses[0][0], MET, str(presses[0][1]))
        statements = loss.statements
        assert _reflections_asked(bot, presses[0][1]) == (CheckInState.MET, 2, 1)
        assert statements < len(presses)
        for number, (mentor, checkin_id) in enumerate(presses[1 : statements + 1], 1):
            loss.strike_at(number)
            answered = len(bot.slack.responses)

            assert bot.click(mentor, MET, str(checkin_id)).status == 200

            assert loss.struck is not None, f"statement {number} of {statements}"
            state, reflections, prompts = _reflections_asked(bot, checkin_id)
            replies = [post.body.get("text") for post in bot.slack.responses[answered:]]
            if state == CheckInState.NUDGED:
                assert (reflections, prompts, replies) == (0, 0, [sorry]), loss.struck
            else:
                assert (state, reflections, prompts) == (CheckInState.MET, 2, 1), loss.struck


def test_a_dead_pooled_connection_is_replaced_before_it_is_used(postgres_engine: Engine) -> None:
    engine = make_engine(postgres_engine.url.render_as_string(hide_password=False))
    with engine.connect() as connection:
        first = connection.connection.dbapi_connection.info.backend_pid  # type: ignore[union-attr]
    with postgres_engine.connect() as admin:  # the server restarts, or a proxy drops it
        admin.execute(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": first})

    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar() == 1
        second = connection.connection.dbapi_connection.info.backend_pid  # type: ignore[union-attr]
    assert second != first
    engine.dispose()
