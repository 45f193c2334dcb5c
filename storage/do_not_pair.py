"""The confidential do-not-pair lists. Only matching and the author's own profile form read them;
nothing here is ever shown to anyone else."""

from collections.abc import Iterable

from sqlalchemy import delete
from sqlmodel import Session, col, select

from bot.pseudonyms import PREFIX, is_pseudonym
from storage.models import DoNotPair, Participant, ParticipantStatus


def replace(session: Session, participant_id: int, user_ids: Iterable[str]) -> None:
    """Set the people the participant must never be paired with."""
    session.execute(delete(DoNotPair).where(col(DoNotPair.participant_id) == participant_id))
    session.add_all(
        DoNotPair(participant_id=participant_id, excluded_user_id=user_id)
        for user_id in sorted(set(user_ids))
    )
    session.flush()


def chosen_by(session: Session, participant_id: int) -> frozenset[str]:
    """The list the participant made, for their own profile form only."""
    rows = session.exec(
        select(DoNotPair.excluded_user_id).where(DoNotPair.participant_id == participant_id)
    )
    return frozenset(rows)


def of_erased(session: Session, team_id: str) -> list[tuple[str, str]]:
    """(pseudonym, excluded) for the lists of the workspace's erased people, for matching: they
    still hold should the person rejoin."""
    rows = session.exec(
        select(Participant.slack_user_id, DoNotPair.excluded_user_id)
        .join(Participant, col(Participant.id) == DoNotPair.participant_id)
        .where(
            Participant.team_id == team_id,
            Participant.status == ParticipantStatus.LEFT,
            col(Participant.slack_user_id).startswith(PREFIX),
        )
    )
    return [(author, excluded) for author, excluded in rows if is_pseudonym(author)]
