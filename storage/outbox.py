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

from storage.models import OutboxKind, OutboxMessage, OutboxState, Participant

CLAIM_LEASE = timedelta(minutes=15)


def enqueue(
    session: Session,
    *,
    team_id: str,
    kind: OutboxKind,
    text: str,
    due_at: datetime,
    recipient_user_id: str | None = None,
    channel_id: str | None = None,
    group_user_ids: list[str] | None = None,
    blocks: list[dict[str, Any]] | None = None,
    respect_working_hours: bool = True,
    flush: bool = True,
) -> OutboxMessage:
    """Add a message to send at or after `due_at` to a person (by DM), to a channel, or to the
    group DM of several people (whose channel may already be known). Without `flush`, the row
    gets its ID with the session's next flush (many rows are written faster at once)."""
    to_many = channel_id is not None or group_user_ids is not None
    if (recipient_user_id is not None) == to_many:
        raise ValueError("give either recipient_user_id, or channel_id and/or group_user_ids")
    message = OutboxMessage(
        team_id=team_id,
        kind=kind,
        text=text,
        blocks=blocks,
        due_at=due_at,
        recipient_user_id=recipient_user_id,
        channel_id=channel_id,
        group_user_ids=",".join(group_user_ids) if group_user_ids else None,
        respect_working_hours=respect_working_hours,
    )
    session.add(message)
    if flush:
        session.flush()
    return message


def dm(
    session: Session,
    *,
    team_id: str,
    kind: OutboxKind,
    user_id: str,
    text: str,
    now: datetime,
    blocks: list[dict[str, Any]] | None = None,
) -> int:
    """Queue a DM to one person, due now (the tick holds it for their working hours); its ID."""
    message = enqueue(
        session,
        team_id=team_id,
        kind=kind,
        text=text,
        blocks=blocks,
        due_at=now,
        recipient_user_id=user_id,
    )
    assert message.id is not None
    return message.id


def alert_lead(session: Session, team_id: str, lead: str, text: str, now: datetime) -> int:
    """Queue a note to a program lead, due now; its ID."""
    return dm(
        session, team_id=team_id, kind=OutboxKind.LEAD_ALERT, user_id=lead, text=text, now=now
    )


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
        .values(state=OutboxState.SENDING, claim_token=token, claimed_at=now),
        execution_options={"synchronize_session": False},
    )
    claimed = select(OutboxMessage).where(OutboxMessage.claim_token == token)
    return list(session.exec(claimed.order_by(col(OutboxMessage.due_at))))


def mark_sent(
    session: Session, message: OutboxMessage, now: datetime, channel: str, message_ts: str | None
) -> bool:
    """Record a successful send; False if the claim had lapsed to another worker."""
    return _under_claim(
        session,
        message,
        state=OutboxState.SENT,
        sent_at=now,
        sent_channel_id=channel,
        message_ts=message_ts,
        claim_token=None,
        last_error=None,
    )


def renew_claim(session: Session, message: OutboxMessage, at: datetime) -> bool:
    """Restart the lease just before sending; False if another worker has taken the row."""
    return _under_claim(session, message, claimed_at=at)


def postpone(
    session: Session, message: OutboxMessage, due_at: datetime, *, error: str | None = None
) -> bool:
    """Put a claimed row back as pending. An `error` counts as a failed attempt, and its retry is a
    scheduled DM like any other: only a first attempt may skip the recipient's working hours."""
    values: dict[str, Any] = {"state": OutboxState.PENDING, "due_at": due_at, "claim_token": None}
    if error is not None:
        values["last_error"] = error[:255]
        values["attempts"] = OutboxMessage.attempts + 1
        values["respect_working_hours"] = True
    return _under_claim(session, message, **values)


def mark_failed(session: Session, message: OutboxMessage, error: str) -> bool:
    """Give up on a row after a permanent error or too many attempts."""
    return _under_claim(
        session,
        message,
        state=OutboxState.FAILED,
        last_error=error[:255],
        attempts=OutboxMessage.attempts + 1,
        claim_token=None,
    )


def cancel(session: Session, message: OutboxMessage) -> bool:
    """Drop a claimed row that must not be sent any more."""
    return _under_claim(session, message, state=OutboxState.CANCELLED, claim_token=None)


def cancel_pending(session: Session, team_id: str, user_id: str) -> None:
    """Drop what is still waiting to be sent to the person (they left)."""
    session.execute(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.team_id) == team_id,
            col(OutboxMessage.recipient_user_id) == user_id,
            col(OutboxMessage.state) == OutboxState.PENDING,
        )
        .values(state=OutboxState.CANCELLED),
        execution_options={"synchronize_session": False},
    )


def cancel_unsent(session: Session, ids: Iterable[int | None]) -> set[int]:
    """Drop the given messages if they are still waiting (what they offer is gone); returns the
    IDs of those that were dropped, which nobody ever saw."""
    wanted = [i for i in ids if i is not None]
    dropped = session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.id).in_(wanted), col(OutboxMessage.state) == OutboxState.PENDING)
        .values(state=OutboxState.CANCELLED)
        .returning(col(OutboxMessage.id)),
        execution_options={"synchronize_session": False},
    )
    return set(dropped.scalars())


def sent_where(session: Session, ids: Iterable[int | None]) -> list[tuple[str, str]]:
    """(channel, ts) of those of the given messages that were sent."""
    wanted = [i for i in ids if i is not None]
    rows = session.exec(
        select(OutboxMessage.sent_channel_id, OutboxMessage.message_ts).where(
            col(OutboxMessage.id).in_(wanted), col(OutboxMessage.state) == OutboxState.SENT
        )
    )
    return [(channel, ts) for channel, ts in rows if channel and ts]


def sent_channels(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    """Message ID -> the channel it landed in, for those of the given messages that were sent."""
    wanted = [i for i in ids if i is not None]
    rows = session.exec(
        select(OutboxMessage.id, OutboxMessage.sent_channel_id).where(
            col(OutboxMessage.id).in_(wanted), col(OutboxMessage.state) == OutboxState.SENT
        )
    )
    return {message_id: channel for message_id, channel in rows if message_id and channel}


def _under_claim(session: Session, message: OutboxMessage, **values: Any) -> bool:
    result = session.execute(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.id) == message.id,
            col(OutboxMessage.claim_token) == message.claim_token,
        )
        .values(**values),
        execution_options={"synchronize_session": False},
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def latest_participations(
    session: Session, messages: list[OutboxMessage]
) -> dict[tuple[str, str], Participant]:
    """Each DM recipient's latest participation (status, pause, timezone, working hours)."""
    people = {(m.team_id, m.recipient_user_id) for m in messages if m.recipient_user_id}
    if not people:
        return {}
    rows = session.exec(
        select(Participant)
        .where(
            col(Participant.team_id).in_({team for team, _ in people}),
            col(Participant.slack_user_id).in_({user for _, user in people}),
        )
        .order_by(col(Participant.joined_at))
    )
    return {(row.team_id, row.slack_user_id): row for row in rows}
