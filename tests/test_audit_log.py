"""The audit log: append-only on both databases (rows can be added and read, never changed), and
what leads read with `/mentoring audit`."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from freezegun import freeze_time
from sqlalchemy import Engine, delete, update
from sqlalchemy.exc import DatabaseError

from bot.messages import t
from handlers.match_blocks import REVIEW_APPROVE
from storage import audit
from storage.db import session_factory
from storage.models import AuditAction, AuditEntry
from tests.fakes.active_pairs import buttons, latest_with
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import TEAM_ID
from tests.fakes.survey_answers import complete_survey
from tests.fakes.workspace import LEAD, PEOPLE

TEAM = "T0AUDIT"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TUESDAY_10_UTC = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
AMIRA, JONAS, BEN = PEOPLE[2], PEOPLE[1], PEOPLE[3]


def test_entries_are_read_newest_first(engine: Engine) -> None:
    sessions = session_factory(engine)
    with sessions() as session:
        audit.record(session, TEAM, "U0LEAD", AuditAction.LEAD_ADDED, NOW, subject="U0NEW")
        audit.record(session, TEAM, "U0LEAD", AuditAction.MATCH_APPROVED, NOW, subject="round 1")
        audit.record(session, "T0OTHER", "U0ELSE", AuditAction.LEAD_ADDED, NOW)
    with sessions() as session:
        entries = audit.latest(session, TEAM, limit=10)

    assert [e.action for e in entries] == ["match_approved", "lead_added"]


@pytest.mark.parametrize(
    "change",
    [update(AuditEntry).values(actor="U0SOMEONE"), delete(AuditEntry)],
    ids=["update", "delete"],
)
def test_an_entry_can_be_neither_changed_nor_deleted(engine: Engine, change: object) -> None:
    sessions = session_factory(engine)
    with sessions() as session:
        audit.record(session, TEAM, "U0LEAD", AuditAction.LEAD_REMOVED, NOW, subject="U0OLD")

    with pytest.raises(DatabaseError, match="append-only"), sessions() as session:
        session.execute(change)  # type: ignore[call-overload]

    with sessions() as session:
        (entry,) = audit.latest(session, TEAM, limit=10)
    assert (entry.actor, entry.subject) == ("U0LEAD", "U0OLD")


@pytest.fixture
def tuesday() -> Iterator[None]:
    with freeze_time(TUESDAY_10_UTC):
        yield


def approve_a_round(bot: BotHarness) -> str:
    """Amira and Jonas finish the survey; Maria matches and approves; returns the round's ID."""
    complete_survey(bot, AMIRA.id)
    complete_survey(bot, JONAS.id, leader=True)
    bot.command(LEAD.id, "match")
    review = latest_with(bot.slack.dms_to(LEAD.id), REVIEW_APPROVE)
    round_id = buttons(review)[REVIEW_APPROVE]
    bot.click(LEAD.id, REVIEW_APPROVE, round_id)
    return round_id


def test_a_lead_reads_approvals_and_lead_changes_newest_first(
    bot: BotHarness, tuesday: None
) -> None:
    round_id = approve_a_round(bot)
    bot.command(LEAD.id, f"lead add <@{BEN.id}>")
    bot.command(BEN.id, f"lead remove <@{BEN.id}>")

    bot.command(LEAD.id, "audit")

    lines = bot.last_reply().splitlines()
    assert lines[0] == t("de", "audit.heading", shown=3)
    assert lines[1].startswith("`2026-11-24 10:00` <@U0BEN> ")
    assert lines[1].endswith(t("de", "audit.action.lead_removed", subject=f"<@{BEN.id}>"))
    assert t("de", "audit.action.lead_added", subject=f"<@{BEN.id}>") in lines[2]
    assert t("de", "audit.action.match_approved", subject=f"round {round_id}") in lines[3]
    assert "`pairs=1 waitlist=0`" in lines[3] and "Reverse mentoring 2026" in lines[3]


def test_only_a_lead_reads_the_audit_log(bot: BotHarness, tuesday: None) -> None:
    approve_a_round(bot)

    bot.command(AMIRA.id, "audit")

    assert bot.last_reply() == t("en-GB", "lead.only")


def test_an_empty_log_says_so_and_a_participant_is_never_named(
    bot: BotHarness, tuesday: None
) -> None:
    bot.command(LEAD.id, "audit")
    assert bot.last_reply() == t("de", "audit.empty")
    pseudonym = bot.services.pseudonyms.of(TEAM_ID, AMIRA.id)
    with bot.sessions() as session:
        audit.record(session, TEAM_ID, pseudonym, AuditAction.DATA_EXPORTED, NOW)

    bot.command(LEAD.id, "audit")

    reply = bot.last_reply()
    assert t("de", "audit.actor.participant") in reply and pseudonym not in reply
