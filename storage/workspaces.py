"""Whether the app is still installed in a workspace: nothing is sent to one it left."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select, update

from storage.models import OutboxMessage, OutboxState, Workspace
from storage.programs import ensure_workspace


def stop(session: Session, team_id: str, now: datetime) -> int:
    """Record that the app left the workspace and cancel every message still waiting to be sent
    there; returns how many were cancelled."""
    ensure_workspace(session, team_id)
    workspace = session.get(Workspace, team_id)
    assert workspace is not None
    workspace.uninstalled_at = workspace.uninstalled_at or now
    cancelled = session.execute(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.team_id) == team_id,
            col(OutboxMessage.state) == OutboxState.PENDING,
        )
        .values(state=OutboxState.CANCELLED, last_error="app_uninstalled")
    )
    return int(cancelled.rowcount)  # type: ignore[attr-defined]


def restart(session: Session, team_id: str) -> None:
    """Record that the app is installed in the workspace (again)."""
    ensure_workspace(session, team_id)
    workspace = session.get(Workspace, team_id)
    assert workspace is not None
    workspace.uninstalled_at = None


def installed(team_id: Any) -> ColumnElement[bool]:
    """A condition on a team ID column: the app has not left that workspace (for the tick's
    queries, so that nothing is even prepared for a workspace it left)."""
    left = select(Workspace.team_id).where(col(Workspace.uninstalled_at).is_not(None))
    return col(team_id).not_in(left)


def stopped_among(session: Session, team_ids: Iterable[str]) -> set[str]:
    """Those of the workspaces the app has left."""
    teams = set(team_ids)
    if not teams:
        return set()
    statement = select(Workspace.team_id).where(
        col(Workspace.team_id).in_(teams), col(Workspace.uninstalled_at).is_not(None)
    )
    return set(session.exec(statement))
