"""Program leads: those configured in PROGRAM_LEADS and those a lead added in Slack."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from storage.db import SessionFactory
from storage.models import Lead
from storage.once import insert_once
from storage.programs import ensure_workspace


@dataclass(frozen=True)
class Leads:
    """Who may run the program in a workspace; read from the database on every check, so that a
    lead added or removed counts at once on every replica."""

    sessions: SessionFactory
    configured: frozenset[str] = frozenset()

    def of(self, team_id: str) -> frozenset[str]:
        """The workspace's leads: the configured ones and those added."""
        with self.sessions() as session:
            return self.configured | frozenset(added(session, team_id))

    def includes(self, team_id: str, user_id: str) -> bool:
        """Whether the person is a lead of the workspace."""
        if user_id in self.configured:
            return True
        with self.sessions() as session:
            return session.get(Lead, (team_id, user_id)) is not None


def added(session: Session, team_id: str) -> list[str]:
    """The leads added in Slack, in the order they were added."""
    statement = select(Lead.user_id).where(Lead.team_id == team_id).order_by(col(Lead.added_at))
    return list(session.exec(statement))


def add(session: Session, team_id: str, user_id: str, added_by: str, now: datetime) -> bool:
    """Make the person a lead; False if they already were one."""
    if session.get(Lead, (team_id, user_id)) is not None:
        return False
    ensure_workspace(session, team_id)
    return insert_once(
        session, Lead(team_id=team_id, user_id=user_id, added_by=added_by, added_at=now)
    )


def remove(session: Session, team_id: str, user_id: str) -> bool:
    """Remove a lead added in Slack; False if they were not one."""
    lead = session.get(Lead, (team_id, user_id))
    if lead is None:
        return False
    session.delete(lead)
    session.flush()
    return True
