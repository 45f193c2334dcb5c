"""Participants: joining, pausing, resuming and leaving a cohort."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage import outbox
from storage.models import Cohort, Participant, ParticipantStatus
from storage.programs import ensure_open_cohort


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


def join(
    session: Session,
    team_id: str,
    user_id: str,
    *,
    now: datetime,
    locale: str | None,
    timezone: str | None,
) -> tuple[Membership, bool]:
    """Add the person to the open cohort; returns the membership and whether they newly joined."""
    cohort = ensure_open_cohort(session, team_id, now.date())
    assert cohort.id is not None
    existing = session.exec(
        select(Participant).where(
            Participant.cohort_id == cohort.id, Participant.slack_user_id == user_id
        )
    ).first()
    if existing is not None and existing.status != ParticipantStatus.LEFT:
        return Membership(existing, cohort), False
    participant = existing or Participant(
        cohort_id=cohort.id, team_id=team_id, slack_user_id=user_id
    )
    participant.status = ParticipantStatus.ACTIVE
    participant.paused_until = None
    participant.left_at = None
    participant.joined_at = now
    participant.locale = locale or participant.locale
    participant.timezone = timezone or participant.timezone
    try:
        with session.begin_nested():
            session.add(participant)
    except IntegrityError:
        # A second join of the same person raced this one and won: they are in.
        return join(session, team_id, user_id, now=now, locale=locale, timezone=timezone)
    return Membership(participant, cohort), True


def pause(session: Session, membership: Membership, until: datetime | None) -> None:
    """Pause matching and nudges, open-ended or until the given moment."""
    membership.participant.status = ParticipantStatus.PAUSED
    membership.participant.paused_until = until
    session.add(membership.participant)


def resume(session: Session, membership: Membership) -> None:
    """End a pause now."""
    membership.participant.status = ParticipantStatus.ACTIVE
    membership.participant.paused_until = None
    session.add(membership.participant)


def leave(session: Session, membership: Membership, now: datetime) -> None:
    """Leave the program: no more matching or nudges, and nothing still queued is sent."""
    participant = membership.participant
    participant.status = ParticipantStatus.LEFT
    participant.paused_until = None
    participant.left_at = now
    session.add(participant)
    outbox.cancel_pending(session, participant.team_id, participant.slack_user_id)
