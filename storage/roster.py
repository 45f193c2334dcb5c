"""Invitations from an HR roster: stored all at once, applied to the profile when the person
joins, and forgotten after `KEEP_INVITATIONS` if they never do."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from storage import outbox
from storage.models import (
    Cohort,
    Department,
    DoNotPair,
    Invitation,
    OutboxKind,
    Participant,
    Profile,
    Program,
)

KEEP_INVITATIONS = timedelta(days=30)


@dataclass(frozen=True)
class Invitee:
    """A resolved roster line: who to invite and what to prefill when they join."""

    user_id: str
    locale: str | None
    department_id: int | None
    department_other: str | None
    career_stage: str | None
    manager_user_id: str | None


InviteMessage = Callable[[str | None], tuple[str, list[dict[str, Any]]]]
"""Locale -> the invite DM's text and blocks."""


def departments_by_name(session: Session, program_id: int) -> dict[str, Department]:
    """The program's current departments by lower-case name."""
    rows = session.exec(
        select(Department).where(
            Department.program_id == program_id, col(Department.retired).is_(False)
        )
    )
    return {department.name.casefold(): department for department in rows}


def invite(
    session: Session,
    cohort: Cohort,
    invitees: Sequence[Invitee],
    message: InviteMessage,
    now: datetime,
) -> list[str]:
    """Store an invitation and queue an invite DM for each invitee not already in the cohort or
    invited to it; returns the user IDs it skipped. All in the caller's one transaction."""
    assert cohort.id is not None
    program = session.get(Program, cohort.program_id)
    assert program is not None
    known = set(
        session.exec(select(Participant.slack_user_id).where(Participant.cohort_id == cohort.id))
    ) | set(session.exec(select(Invitation.slack_user_id).where(Invitation.cohort_id == cohort.id)))
    new = [invitee for invitee in invitees if invitee.user_id not in known]
    messages = {invitee.locale: message(invitee.locale) for invitee in new}
    queued = []
    for invitee in new:
        text, blocks = messages[invitee.locale]
        dm = outbox.enqueue(
            session,
            team_id=program.team_id,
            kind=OutboxKind.ROSTER_INVITE,
            text=text,
            blocks=blocks,
            due_at=now,
            recipient_user_id=invitee.user_id,
            flush=False,
        )
        queued.append((invitee, dm))
    session.flush()
    session.add_all(
        Invitation(
            team_id=program.team_id,
            cohort_id=cohort.id,
            slack_user_id=invitee.user_id,
            department_id=invitee.department_id,
            department_other=invitee.department_other,
            career_stage=invitee.career_stage,
            manager_user_id=invitee.manager_user_id,
            invited_at=now,
            outbox_id=dm.id,
        )
        for invitee, dm in queued
    )
    session.flush()
    return [invitee.user_id for invitee in invitees if invitee.user_id in known]


def accept(session: Session, participant: Participant) -> bool:
    """Prefill the new participant's profile from their invitation (answers they already gave
    stay), put their manager on their do-not-pair list and delete the invitation; False if
    they had none."""
    assert participant.id is not None
    invitation = session.exec(
        select(Invitation)
        .where(
            Invitation.cohort_id == participant.cohort_id,
            Invitation.slack_user_id == participant.slack_user_id,
        )
        .with_for_update()
    ).first()
    if invitation is None:
        return False
    profile = session.get(Profile, participant.id) or Profile(participant_id=participant.id)
    profile.career_stage = profile.career_stage or invitation.career_stage
    if profile.department_id is None and profile.department_other is None:
        profile.department_id = invitation.department_id
        profile.department_other = invitation.department_other
    session.add(profile)
    manager = invitation.manager_user_id
    if manager and session.get(DoNotPair, (participant.id, manager)) is None:
        session.add(DoNotPair(participant_id=participant.id, excluded_user_id=manager))
    session.delete(invitation)
    session.flush()
    return True


def forget_unanswered(session: Session, now: datetime) -> int:
    """Delete the invitations (and with them the HR data) of people who did not join within
    `KEEP_INVITATIONS`; returns how many."""
    result = session.execute(
        delete(Invitation).where(col(Invitation.invited_at) <= now - KEEP_INVITATIONS),
        execution_options={"synchronize_session": False},
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
