"""Participants: joining, pausing, resuming and leaving a cohort."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage import outbox, roster
from storage.models import Cohort, Participant, ParticipantStatus
from storage.programs import ensure_current_cohort


class JoiningClosedError(Exception):
    """The workspace has cohorts, but none is open for joining right now."""


@dataclass(frozen=True)
class Membership:
    """A person's most recent participation and the cohort it belongs to."""

    participant: Participant
    cohort: Cohort

    @property
    def has_left(self) -> bool:
        """Whether the person left the program."""
        return self.participant.status == ParticipantStatus.LEFT

    def is_paused(self, now: datetime) -> bool:
        """Whether matching and nudges are paused for the person at `now`."""
        return is_paused(self.participant, now)


def is_paused(participant: Participant, now: datetime) -> bool:
    """Paused and the pause has not ended by `now`."""
    return participant.status == ParticipantStatus.PAUSED and (
        participant.paused_until is None or participant.paused_until > now
    )


def end_expired_pauses(session: Session, now: datetime) -> int:
    """Set people whose pause date has come back to active; returns how many."""
    result = session.execute(
        update(Participant)
        .where(
            col(Participant.status) == ParticipantStatus.PAUSED,
            col(Participant.paused_until) <= now,
        )
        .values(status=ParticipantStatus.ACTIVE, paused_until=None),
        execution_options={"synchronize_session": False},
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def current_membership(session: Session, team_id: str, user_id: str) -> Membership | None:
    """The person's most recent participation in the workspace, if any."""
    statement = (
        select(Participant, Cohort)
        .join(Cohort)
        .where(Participant.team_id == team_id, Participant.slack_user_id == user_id)
        .order_by(col(Participant.joined_at).desc(), col(Participant.id).desc())
    )
    row = session.exec(statement).first()
    return Membership(*row) if row else None


def taking_part(session: Session, team_id: str, user_id: str) -> list[Membership]:
    """The person's participations in the workspace that have not ended (active or paused),
    newest first."""
    statement = (
        select(Participant, Cohort)
        .join(Cohort)
        .where(
            Participant.team_id == team_id,
            Participant.slack_user_id == user_id,
            col(Participant.status) != ParticipantStatus.LEFT,
        )
        .order_by(col(Participant.joined_at).desc(), col(Participant.id).desc())
    )
    return [Membership(*row) for row in session.exec(statement)]


def follow_slack(
    session: Session, team_id: str, user_id: str, *, timezone: str | None, locale: str | None
) -> bool:
    """Store the person's zone and language as Slack now has them (None: unknown, unchanged) on
    each of their participations; returns whether the zone changed."""
    rows = session.exec(
        select(Participant).where(
            Participant.team_id == team_id, Participant.slack_user_id == user_id
        )
    ).all()
    moved = False
    for row in rows:
        moved |= timezone is not None and row.timezone != timezone
        row.timezone = timezone or row.timezone
        row.locale = locale or row.locale
        session.add(row)
    session.flush()
    return moved


def join(
    session: Session,
    team_id: str,
    user_id: str,
    *,
    now: datetime,
    locale: str | None,
    timezone: str | None,
    names: list[str] | None = None,
) -> tuple[Membership, bool]:
    """Add the person to the open cohort; returns the membership and whether they newly joined.

    A newcomer's invitation from an HR roster is applied to their profile in the same
    transaction. Raises JoiningClosedError when no cohort is open, unless the person is still in
    the current one; a workspace without any cohort gets the default one.
    """
    cohort = ensure_current_cohort(session, team_id, now.date())
    assert cohort.id is not None
    existing = session.exec(
        select(Participant).where(
            Participant.cohort_id == cohort.id, Participant.slack_user_id == user_id
        )
    ).first()
    if not cohort.open_for_joining:
        if existing is None or existing.status == ParticipantStatus.LEFT:
            raise JoiningClosedError
        return Membership(existing, cohort), False
    if existing is not None:
        # Rejoining after leaving: only one of several simultaneous rejoins may win the row.
        rejoined = _update_where(
            session,
            existing,
            col(Participant.status) == ParticipantStatus.LEFT,
            status=ParticipantStatus.ACTIVE,
            paused_until=None,
            left_at=None,
            joined_at=now,
            locale=locale or existing.locale,
            timezone=timezone or existing.timezone,
            names=names or existing.names,
        )
        session.refresh(existing)
        return Membership(existing, cohort), rejoined
    participant = Participant(
        cohort_id=cohort.id,
        team_id=team_id,
        slack_user_id=user_id,
        joined_at=now,
        locale=locale,
        timezone=timezone or "UTC",
        names=names or [],
    )
    try:
        with session.begin_nested():
            session.add(participant)
            session.flush()
            roster.accept(session, participant)
    except IntegrityError:
        # A second join of the same person raced this one and won: they are in.
        return join(
            session, team_id, user_id, now=now, locale=locale, timezone=timezone, names=names
        )
    return Membership(participant, cohort), True


def pause(session: Session, membership: Membership, until: datetime | None) -> bool:
    """Pause matching and nudges, open-ended or until the given moment; False if they left."""
    return _update_where(
        session,
        membership.participant,
        col(Participant.status) != ParticipantStatus.LEFT,
        status=ParticipantStatus.PAUSED,
        paused_until=until,
    )


def resume(session: Session, membership: Membership) -> bool:
    """End a pause now; False if the person was not paused (any more)."""
    return _update_where(
        session,
        membership.participant,
        col(Participant.status) == ParticipantStatus.PAUSED,
        status=ParticipantStatus.ACTIVE,
        paused_until=None,
    )


def leave(session: Session, membership: Membership, now: datetime) -> bool:
    """Leave the program: no more matching or nudges, and nothing still queued is sent."""
    participant = membership.participant
    left = _update_where(
        session,
        participant,
        col(Participant.status) != ParticipantStatus.LEFT,
        status=ParticipantStatus.LEFT,
        paused_until=None,
        left_at=now,
    )
    if left:
        outbox.cancel_pending(session, participant.team_id, participant.slack_user_id)
    return left


def _update_where(
    session: Session, participant: Participant, condition: Any, **values: Any
) -> bool:
    """Change the row only if `condition` still holds in the database (not in a stale copy)."""
    result = session.execute(
        update(Participant)
        .where(col(Participant.id) == participant.id, condition)
        .values(**values),
        execution_options={"synchronize_session": False},
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
