"""Workspaces, programs and cohorts: find the cohort people join, creating defaults on first use."""

from datetime import date, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from storage import catalogue
from storage.models import Cohort, Program, Workspace

DEFAULT_PROGRAM_NAME = "Reverse mentoring"
DEFAULT_COHORT_LENGTH = timedelta(weeks=26)


def open_cohort(session: Session, team_id: str) -> Cohort | None:
    """The workspace's cohort that is open for joining, if any."""
    statement = (
        select(Cohort)
        .join(Program)
        .where(Program.team_id == team_id, Cohort.open_for_joining)
        .order_by(Cohort.id)  # type: ignore[arg-type]
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
    if session.get(Workspace, team_id) is not None:
        return
    try:
        with session.begin_nested():
            session.add(Workspace(team_id=team_id))
    except IntegrityError:  # recorded by another request at the same moment
        pass


def ensure_open_cohort(session: Session, team_id: str, today: date) -> Cohort:
    """The open cohort; on first use creates the workspace, its program and a 26-week cohort."""
    cohort = open_cohort(session, team_id)
    if cohort is not None:
        return cohort
    try:
        with session.begin_nested():
            ensure_workspace(session, team_id)
            program = session.exec(select(Program).where(Program.team_id == team_id)).first()
            if program is None:
                program = Program(team_id=team_id, name=DEFAULT_PROGRAM_NAME)
                session.add(program)
                session.flush()
                assert program.id is not None
                catalogue.seed_defaults(session, program.id)
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
        cohort = open_cohort(session, team_id)
        if cohort is None:
            raise
    return cohort
