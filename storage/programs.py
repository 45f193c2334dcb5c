"""Workspaces, programs and cohorts: find a workspace's current cohort, creating defaults on first
use."""

from datetime import date, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from storage import catalogue
from storage.models import Cohort, Program, Workspace
from storage.once import insert_once

DEFAULT_PROGRAM_NAME = "Reverse mentoring"
DEFAULT_COHORT_LENGTH = timedelta(weeks=26)


def current_cohort(session: Session, team_id: str) -> Cohort | None:
    """The cohort people join and leads act on: the one open for joining, else the most recently
    created one (so lead commands still work after joining closed)."""
    statement = (
        select(Cohort)
        .join(Program)
        .where(Program.team_id == team_id)
        .order_by(
            col(Cohort.open_for_joining).desc(),
            col(Cohort.created_at).desc(),
            col(Cohort.id).desc(),
        )
    )
    return session.exec(statement).first()


def cohort_named(session: Session, team_id: str, name: str) -> Cohort | None:
    """The workspace's cohort of that name (any case), the newest if several share it."""
    statement = (
        select(Cohort)
        .join(Program)
        .where(Program.team_id == team_id, func.lower(Cohort.name) == name.strip().lower())
        .order_by(col(Cohort.id).desc())
    )
    return session.exec(statement).first()


def ensure_workspace(session: Session, team_id: str) -> None:
    """Record the workspace on first use."""
    if session.get(Workspace, team_id) is None:
        insert_once(session, Workspace(team_id=team_id))  # or another request just did


def ensure_program(session: Session, team_id: str) -> Program:
    """The workspace's program; on first use records the workspace and creates the program with
    the default catalogue."""
    program = _program(session, team_id)
    if program is not None:
        return program
    try:
        with session.begin_nested():
            ensure_workspace(session, team_id)
            program = Program(team_id=team_id, name=DEFAULT_PROGRAM_NAME)
            session.add(program)
            session.flush()
            assert program.id is not None
            catalogue.seed_defaults(session, program.id)
    except IntegrityError:  # created by another request at the same moment: use theirs
        program = _program(session, team_id)
        if program is None:
            raise
    return program


def _program(session: Session, team_id: str) -> Program | None:
    statement = select(Program).where(Program.team_id == team_id).order_by(col(Program.id))
    return session.exec(statement).first()


def ensure_current_cohort(session: Session, team_id: str, today: date) -> Cohort:
    """The current cohort; only when the workspace has none at all creates its program and an
    open 26-week cohort from today."""
    cohort = current_cohort(session, team_id)
    if cohort is not None:
        return cohort
    try:
        with session.begin_nested():
            program = ensure_program(session, team_id)
            assert program.id is not None
            cohort = Cohort(
                program_id=program.id,
                name=f"{DEFAULT_PROGRAM_NAME} {today.year}",
                starts_on=today,
                ends_on=today + DEFAULT_COHORT_LENGTH,
            )
            session.add(cohort)
            session.flush()
    except IntegrityError:
        # Another request created the defaults at the same moment: use theirs.
        cohort = current_cohort(session, team_id)
        if cohort is None:
            raise
    return cohort
