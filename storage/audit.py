"""The audit log: lead actions and data-rights actions, appended and read, never changed."""

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from storage.models import AuditAction, AuditEntry

BOT_ACTOR = "bot"
"""The actor of what the scheduler does by itself (the retention job, a deactivated person)."""


def record(
    session: Session,
    team_id: str,
    actor: str,
    action: AuditAction,
    now: datetime,
    *,
    cohort_id: int | None = None,
    subject: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append one entry, in the transaction of the action it records (both or neither)."""
    session.add(
        AuditEntry(
            team_id=team_id,
            at=now,
            actor=actor,
            action=action.value,
            cohort_id=cohort_id,
            subject=subject,
            details=details or {},
        )
    )
    session.flush()


def latest(session: Session, team_id: str, limit: int) -> list[AuditEntry]:
    """The workspace's newest entries, newest first."""
    statement = (
        select(AuditEntry)
        .where(AuditEntry.team_id == team_id)
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .limit(limit)
    )
    return list(session.exec(statement))
