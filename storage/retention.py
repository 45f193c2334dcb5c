"""The retention job: the reflections and wins of a cohort are deleted once its retention period
is over (`bot.retention`), set-based, one transaction per cohort, with one audit entry each time
something was deleted.

Safe on several replicas at once: the cohort's row is locked (FOR UPDATE on PostgreSQL; SQLite
transactions start with BEGIN IMMEDIATE), so a second worker waits, then deletes nothing and
records nothing.
"""

from datetime import datetime

from sqlalchemy import Delete, delete, exists
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from bot.retention import NONE_EXPIRED_SINCE, expired
from storage import audit
from storage.db import SessionFactory
from storage.models import AuditAction, Cohort, Program, Reflection, Win


def delete_expired(sessions: SessionFactory, now: datetime) -> dict[int, dict[str, int]]:
    """Delete the reflections and wins of every cohort whose retention period is over; returns
    what was deleted, by cohort. Nothing due costs one query."""
    with sessions() as session:
        due = [
            cohort.id
            for cohort in candidates(session, now)
            if cohort.id is not None
            and expired(cohort.ends_on, cohort.retention_months, cohort.timezone, now)
        ]
    deleted = {}
    for cohort_id in due:
        with sessions() as session:
            counts = delete_cohort_data(session, cohort_id, now)
        if counts:
            deleted[cohort_id] = counts
    return deleted


def candidates(session: Session, now: datetime) -> list[Cohort]:
    """Cohorts that ended long enough ago to have expired and still hold reflections (every win
    hangs on a reflection)."""
    return list(session.exec(candidates_query(now)))


def candidates_query(now: datetime) -> SelectOfScalar[Cohort]:
    """The query of `candidates`: the cohort table (a row per cohort) with a probe of the
    reflections' cohort index each."""
    holds_reflections = exists().where(col(Reflection.cohort_id) == Cohort.id)
    return select(Cohort).where(
        col(Cohort.ends_on) < now.date() - NONE_EXPIRED_SINCE, holds_reflections
    )


def delete_cohort_data(session: Session, cohort_id: int, now: datetime) -> dict[str, int]:
    """In the caller's transaction: lock the cohort, check under the lock that its retention
    period is over (a lead may just have lengthened it), delete its wins and reflections and
    record how many; nothing is recorded when another worker got there first."""
    row = session.exec(
        select(Cohort, Program.team_id)
        .join(Program, col(Program.id) == Cohort.program_id)
        .where(Cohort.id == cohort_id)
        .with_for_update(of=Cohort)
    ).first()
    if row is None:
        return {}
    cohort, team_id = row
    if not expired(cohort.ends_on, cohort.retention_months, cohort.timezone, now):
        return {}
    wins = _delete(session, delete(Win).where(col(Win.cohort_id) == cohort_id))
    reflections = _delete(session, delete(Reflection).where(col(Reflection.cohort_id) == cohort_id))
    if not (wins or reflections):
        return {}
    counts = {"reflections": reflections, "wins": wins}
    audit.record(
        session,
        team_id,
        audit.BOT_ACTOR,
        AuditAction.RETENTION_DELETED,
        now,
        cohort_id=cohort_id,
        details={**counts, "retention_months": cohort.retention_months},
    )
    return counts


def _delete(session: Session, statement: Delete) -> int:
    result = session.execute(statement, execution_options={"synchronize_session": False})
    return int(result.rowcount)  # type: ignore[attr-defined]
