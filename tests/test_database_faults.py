"""The database going away for a moment (a connection reset, a failover): on PostgreSQL the
connection is really ended (tests/fakes/db_faults.py)."""

import logging
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from tests.fakes.bot_harness import BotHarness
from tests.fakes.db_faults import ConnectionLoss
from tests.fakes.many_pairs import add_active_pairs
from tests.fakes.slack_api import TEAM_ID

THURSDAY_NOON = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
"""Inside the working hours (08:00-18:00 UTC) of the synthetic pairs."""


def _pair_due(bot: BotHarness, number: int, due: datetime) -> str:
    """Active pair `number`, its first check-in due at `due`; its group DM."""
    with bot.sessions() as session:
        (channel,) = add_active_pairs(session, TEAM_ID, 1, due, first=number)
    bot.slack.channels.add(channel)
    return channel


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
