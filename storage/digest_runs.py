"""Scheduled digests: which cohorts have one, and each slot claimed once."""

from datetime import date, datetime

from sqlmodel import Session, col, func, select

from storage.models import Cohort, DigestRun, Program
from storage.once import insert_once
from storage.workspaces import installed


def scheduled_cohorts(session: Session, today: date) -> list[tuple[Cohort, str]]:
    """Running cohorts (with their workspace) that have a digest schedule, in workspaces the
    app is installed in."""
    return list(
        session.exec(
            select(Cohort, Program.team_id)
            .join(Program, col(Program.id) == Cohort.program_id)
            .where(
                installed(Program.team_id),
                col(Cohort.digest_every).is_not(None),
                col(Cohort.starts_on) <= today,
                col(Cohort.ends_on) >= today,
            )
        )
    )


def last_slots(session: Session) -> dict[int, datetime]:
    """Each cohort's latest digest slot that was handled."""
    rows = session.exec(
        select(DigestRun.cohort_id, func.max(DigestRun.slot)).group_by(col(DigestRun.cohort_id))
    )
    return {cohort_id: slot for cohort_id, slot in rows}


def claim(session: Session, cohort: Cohort, team_id: str, slot: datetime) -> DigestRun | None:
    """Take the slot; None if another worker took it first."""
    run = DigestRun(cohort_id=cohort.id or 0, team_id=team_id, slot=slot)
    return run if insert_once(session, run) else None


def reached(session: Session, run_id: int, leads: int) -> None:
    """Record how many leads the slot's digest reached."""
    run = session.get(DigestRun, run_id)
    if run is not None:
        run.leads_reached = leads
        session.add(run)
