"""The confidential do-not-pair lists. Only matching and the author's own profile form read them;
nothing here is ever shown to anyone else."""

from collections.abc import Iterable

from sqlalchemy import delete
from sqlmodel import Session, col, select

from storage.models import DoNotPair


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
