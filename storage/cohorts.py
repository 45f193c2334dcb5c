"""Leads' administration of cohorts: find one of the workspace's, draft and save one, open or
close joining. At most one cohort per program is open (a unique partial index): opening one closes
the other in the same transaction."""

from collections.abc import Iterable
from datetime import date
from typing import Final

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.cohort_settings import Setting
from storage.catalogue import lock_program
from storage.models import Cohort, Program
from storage.programs import DEFAULT_COHORT_LENGTH, current_cohort, ensure_program

CARRIED: Final = (
    "cadence",
    "timezone",
    "mentor_capacity",
    "mutual_pairs",
    "matching_mode",
    "wins_channel",
    "wins_auto_post",
    "wins_k",
    "wins_every",
    "wins_weekday",
    "wins_time",
    "retention_months",
)
"""The settings a new cohort takes over from the current one."""


def of_workspace(session: Session, team_id: str, cohort_id: int) -> Cohort | None:
    """The cohort with that ID if it belongs to the workspace (a submitted ID may be forged)."""
    statement = (
        select(Cohort).join(Program).where(Cohort.id == cohort_id, Program.team_id == team_id)
    )
    return session.exec(statement).first()


def draft(session: Session, team_id: str, today: date) -> Cohort:
    """A new cohort, not stored yet: 26 weeks from today, with the current cohort's settings (or
    the defaults); creates the workspace's program on first use."""
    program = ensure_program(session, team_id)
    assert program.id is not None
    current = current_cohort(session, team_id)
    carried = {name: getattr(current, name) for name in CARRIED} if current else {}
    return Cohort(
        program_id=program.id,
        name="",
        starts_on=today,
        ends_on=today + DEFAULT_COHORT_LENGTH,
        open_for_joining=False,
        **carried,
    )


def save(
    session: Session, cohort: Cohort, changes: Iterable[Setting], *, open_for_joining: bool
) -> None:
    """Store a lead's changes (adding the cohort if it is new), then open or close joining."""
    for change in changes:
        setattr(cohort, change.field, change.value)
    if cohort.id is None:  # joins the open ones only through set_joining
        cohort.open_for_joining = False
    session.add(cohort)
    session.flush()
    set_joining(session, cohort, open_for_joining)


def set_joining(session: Session, cohort: Cohort, open_for_joining: bool) -> bool:
    """Open or close joining; opening closes the program's other open cohort. False if the
    cohort already was so."""
    assert cohort.id is not None
    lock_program(session, cohort.program_id)
    was_open = session.exec(select(Cohort.open_for_joining).where(Cohort.id == cohort.id)).one()
    if was_open == open_for_joining:
        return False
    if open_for_joining:
        session.execute(
            update(Cohort)
            .where(
                col(Cohort.program_id) == cohort.program_id,
                col(Cohort.open_for_joining),
                col(Cohort.id) != cohort.id,
            )
            .values(open_for_joining=False)
        )
    cohort.open_for_joining = open_for_joining
    session.add(cohort)
    session.flush()
    return True
