"""The outbox: every message sent later than the request that caused it is a row with a due time.

A tick claims due rows atomically (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite serialises
writers), so two ticks, threads or replicas never claim the same row. A claim is a lease: a row left
in `sending` by a process that died is claimed again once the lease has run out.
"""

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, update
from sqlmodel import Session, col, select

from storage.models import OutboxMessage, OutboxState, Participant

CLAIM_LEASE = timedelta(minutes=5)


def enqueue(
    session: Session,
    *,
    team_id: str,
    kind: str,
    text: str,
    due_at: datetime,
    recipient_user_id: str | None = None,
    channel_id: str | None = None,
    blocks: list[dict[str, Any]] | None = None,
    respect_working_hours: bool = True,
) -> OutboxMessage:
    """Add a message to send at or after `due_at` to a person (by DM) or to a channel."""
    if (recipient_user_id is None) == (channel_id is None):
        raise ValueError("give exactly one of recipient_user_id and channel_id")
    message = OutboxMessage(
        team_id=team_id,
        kind=kind,
        text=text,
        blocks=blocks,
        due_at=due_at,
        recipient_user_id=recipient_user_id,
        channel_id=channel_id,
        respect_working_hours=respect_working_hours,
    )
    session.add(message)
    session.flush()
    return message


def claim_due(
    session: Session, now: datetime, *, limit: int = 50, ids: Iterable[int] | None = None
) -> list[OutboxMessage]:
    """Atomically take up to `limit` due rows (or expired claims) for sending by this caller."""
    claimable = or_(
        and_(col(OutboxMessage.state) == OutboxState.PENDING, col(OutboxMessage.due_at) <= now),
        and_(
            col(OutboxMessage.state) == OutboxState.SENDING,
            col(OutboxMessage.claimed_at) < now - CLAIM_LEASE,
        ),
    )
    candidates = (
        select(OutboxMessage.id)
        .where(claimable)
        .order_by(col(OutboxMessage.due_at))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    if ids is not None:
        candidates = candidates.where(col(OutboxMessage.id).in_(list(ids)))
    token = uuid.uuid4().hex
    session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.id).in_(candidates.scalar_subquery()), claimable)
        .values(state=OutboxState.SENDING, claim_token=token, claimed_at=now)
    )
    claimed = select(OutboxMessage).where(OutboxMessage.claim_token == token)
    return list(session.exec(claimed.order_by(col(OutboxMessage.due_at))))


def mark_sent(session: Session, message_id: int, now: datetime, message_ts: str | None) -> None:
    """Record a successful send."""
    _set(
        session,
        message_id,
        state=OutboxState.SENT,
        sent_at=now,
        message_ts=message_ts,
        claim_token=None,
        last_error=None,
    )


def postpone(
    session: Session, message_id: int, due_at: datetime, *, error: str | None = None
) -> None:
    """Put a claimed row back as pending; an `error` counts as a failed attempt."""
    values: dict[str, Any] = {"state": OutboxState.PENDING, "due_at": due_at, "claim_token": None}
    if error is not None:
        values["last_error"] = error[:255]
        values["attempts"] = OutboxMessage.attempts + 1
    _set(session, message_id, **values)


def mark_failed(session: Session, message_id: int, error: str) -> None:
    """Give up on a row after a permanent error or too many attempts."""
    _set(
        session,
        message_id,
        state=OutboxState.FAILED,
        last_error=error[:255],
        attempts=OutboxMessage.attempts + 1,
        claim_token=None,
    )


def cancel_pending(session: Session, team_id: str, user_id: str) -> None:
    """Drop what is still waiting to be sent to the person (they left)."""
    session.execute(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.team_id) == team_id,
            col(OutboxMessage.recipient_user_id) == user_id,
            col(OutboxMessage.state) == OutboxState.PENDING,
        )
        .values(state=OutboxState.CANCELLED)
    )


def _set(session: Session, message_id: int, **values: Any) -> None:
    session.execute(
        update(OutboxMessage).where(col(OutboxMessage.id) == message_id).values(**values)
    )


def recipients_hours(session: Session, team_id: str, user_ids: set[str]) -> dict[str, Participant]:
    """The latest participation of each recipient, for their timezone and working hours."""
    if not user_ids:
        return {}
    rows = session.exec(
        select(Participant)
        .where(Participant.team_id == team_id, col(Participant.slack_user_id).in_(user_ids))
        .order_by(col(Participant.joined_at))
    )
    return {row.slack_user_id: row for row in rows}
