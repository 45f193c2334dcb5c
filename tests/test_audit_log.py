"""The audit log is append-only on both databases: rows can be added and read, never changed."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, delete, update
from sqlalchemy.exc import DatabaseError

from storage import audit
from storage.db import session_factory
from storage.models import AuditAction, AuditEntry

TEAM = "T0AUDIT"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


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
