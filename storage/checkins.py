"""Check-ins: the pairs' schedule as rows, claimed atomically when due, answered once per nudge."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import case, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import SelectOfScalar

from storage.models import (
    OPEN_CHECKIN_STATES,
    CheckIn,
    CheckInState,
    Cohort,
    Pair,
    PairState,
    Participant,
    Profile,
)
from storage.pairs import changed
from storage.workspaces import installed

CLAIMABLE = (CheckInState.SCHEDULED, CheckInState.SNOOZED)


@dataclass(frozen=True)
class PairInfo:
    """What a nudge needs to know about a pair: its cohort, both partners and their goals."""

    pair: Pair
    cohort: Cohort
    mentor: Participant
    mentee: Participant
    mentor_goal: str
    mentee_goal: str


def schedule(session: Session, pair: Pair, number: int, due_at: datetime) -> CheckIn:
    """Add the pair's check-in number `number`, due at `due_at` (written with the session's next
    flush)."""
    assert pair.id is not None
    checkin = CheckIn(pair_id=pair.id, team_id=pair.team_id, number=number, due_at=due_at)
    session.add(checkin)
    return checkin


def scheduled_of(session: Session, team_id: str, user_id: str) -> list[tuple[CheckIn, datetime]]:
    """The scheduled check-ins of the person's active pairs, each with the moment it was
    scheduled from: its pair's previous nudge, or the pair's activation for the first one."""
    previous = aliased(CheckIn)
    rows = session.exec(
        select(CheckIn, Pair.active_since, previous.nudged_at)
        .join(Pair, col(Pair.id) == CheckIn.pair_id)
        .outerjoin(
            previous,
            (col(previous.pair_id) == CheckIn.pair_id) & (previous.number == CheckIn.number - 1),
        )
        .where(
            Pair.team_id == team_id,
            or_(col(Pair.mentor_user_id) == user_id, col(Pair.mentee_user_id) == user_id),
            Pair.state == PairState.ACTIVE,
            CheckIn.state == CheckInState.SCHEDULED,
        )
    )
    scheduled = []
    for checkin, active_since, nudged_at in rows:
        since = nudged_at or active_since
        assert since is not None  # an active pair always has its activation time
        scheduled.append((checkin, since))
    return scheduled


def move(session: Session, checkin: CheckIn, due_at: datetime) -> bool:
    """Give a scheduled check-in a new due time; False if a tick has claimed it meanwhile."""
    return bool(
        changed(
            session,
            update(CheckIn)
            .where(col(CheckIn.id) == checkin.id, col(CheckIn.state) == CheckInState.SCHEDULED)
            .values(due_at=due_at),
        )
    )


def claim_due(session: Session, now: datetime, limit: int) -> list[CheckIn]:
    """Atomically take up to `limit` due check-ins: a scheduled one becomes nudged, a snoozed one
    reminded. Two ticks, threads or replicas never take the same row (`FOR UPDATE SKIP LOCKED`
    on PostgreSQL; SQLite serialises writers)."""
    claimed = session.execute(
        update(CheckIn)
        .where(col(CheckIn.id).in_(due_ids(now, limit).scalar_subquery()), _due(now))
        .values(
            state=case(
                (col(CheckIn.state) == CheckInState.SCHEDULED, CheckInState.NUDGED.value),
                else_=CheckInState.REMINDED.value,
            )
        )
        .returning(CheckIn),
        execution_options={"synchronize_session": False},
    )
    return sorted(claimed.scalars(), key=lambda checkin: (checkin.due_at, checkin.id or 0))


def _due(now: datetime) -> Any:
    """Due, in a workspace the app has not left (its check-ins wait for a reinstall)."""
    return (
        col(CheckIn.state).in_(CLAIMABLE)
        & (col(CheckIn.due_at) <= now)
        & installed(CheckIn.team_id)
    )


def due_ids(now: datetime, limit: int) -> SelectOfScalar[int | None]:
    """The query for the first `limit` due check-ins, skipping rows another worker holds; the
    `checkin_due` index serves it, so a tick with nothing due costs next to nothing."""
    return (
        select(col(CheckIn.id))
        .where(_due(now))
        .order_by(col(CheckIn.due_at))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )


def teams_due(session: Session, now: datetime) -> set[str]:
    """The workspaces with check-ins due by `now`."""
    return set(session.exec(select(CheckIn.team_id).where(_due(now)).distinct()))


def load_pairs(session: Session, pair_ids: Iterable[int]) -> dict[int, PairInfo]:
    """The pairs with their cohorts, partners and goals, in four queries whatever their number."""
    pairs = {p.id: p for p in session.exec(select(Pair).where(col(Pair.id).in_(set(pair_ids))))}
    cohort_ids = {pair.cohort_id for pair in pairs.values()}
    cohorts = {c.id: c for c in session.exec(select(Cohort).where(col(Cohort.id).in_(cohort_ids)))}
    users = {u for pair in pairs.values() for u in (pair.mentor_user_id, pair.mentee_user_id)}
    people = {
        (person.cohort_id, person.slack_user_id): person
        for person in session.exec(
            select(Participant).where(
                col(Participant.cohort_id).in_(cohort_ids),
                col(Participant.slack_user_id).in_(users),
            )
        )
    }
    goals = {
        profile.participant_id: profile.goal or ""
        for profile in session.exec(
            select(Profile).where(
                col(Profile.participant_id).in_([person.id for person in people.values()])
            )
        )
    }
    loaded = {}
    for pair_id, pair in pairs.items():
        mentor = people[(pair.cohort_id, pair.mentor_user_id)]
        mentee = people[(pair.cohort_id, pair.mentee_user_id)]
        loaded[pair_id or 0] = PairInfo(
            pair=pair,
            cohort=cohorts[pair.cohort_id],
            mentor=mentor,
            mentee=mentee,
            mentor_goal=goals.get(mentor.id or 0, ""),
            mentee_goal=goals.get(mentee.id or 0, ""),
        )
    return loaded


def mark_missed(session: Session, nudged: list[CheckIn]) -> dict[int, int]:
    """The pairs' earlier check-ins nobody answered become missed, now that the next one is due;
    returns pair ID -> how many check-ins in a row that pair has now missed."""
    if not nudged:
        return {}
    missed = session.execute(
        update(CheckIn)
        .where(
            col(CheckIn.pair_id).in_({checkin.pair_id for checkin in nudged}),
            col(CheckIn.state).in_(OPEN_CHECKIN_STATES),
            col(CheckIn.id).not_in([checkin.id for checkin in nudged]),
        )
        .values(state=CheckInState.MISSED)
        .returning(col(CheckIn.pair_id)),
        execution_options={"synchronize_session": False},
    )
    pair_ids = set(missed.scalars())
    if not pair_ids:
        return {}
    counts = session.execute(
        update(Pair)
        .where(col(Pair.id).in_(pair_ids))
        .values(missed_in_row=Pair.missed_in_row + 1)
        .returning(col(Pair.id), col(Pair.missed_in_row)),
        execution_options={"synchronize_session": False},
    )
    return {pair_id: count for pair_id, count in counts}


def flag_at_risk(session: Session, pair_id: int, now: datetime) -> bool:
    """Mark the pair at risk; False if it already was (its people were told already)."""
    return bool(
        changed(
            session,
            update(Pair)
            .where(col(Pair.id) == pair_id, col(Pair.at_risk_since).is_(None))
            .values(at_risk_since=now),
        )
    )


def complete(session: Session, pair_id: int, now: datetime) -> bool:
    """The cohort ended: an active pair is complete; False if it had ended already."""
    return bool(
        changed(
            session,
            update(Pair)
            .where(col(Pair.id) == pair_id, col(Pair.state) == PairState.ACTIVE)
            .values(state=PairState.COMPLETED, decided_at=now),
        )
    )


def held_count(session: Session, pair_id: int) -> int:
    """How many of the pair's check-ins took place."""
    return session.exec(
        select(func.count())
        .select_from(CheckIn)
        .where(CheckIn.pair_id == pair_id, col(CheckIn.state) == CheckInState.MET)
    ).one()


def flag_undelivered(session: Session, outbox_id: int | None, error: str) -> None:
    """A nudge Slack refused for good: its pair needs the lead's attention."""
    pair_ids = select(CheckIn.pair_id).where(
        (col(CheckIn.nudge_id) == outbox_id) | (col(CheckIn.reminder_id) == outbox_id)
    )
    session.execute(
        update(Pair).where(col(Pair.id).in_(pair_ids.scalar_subquery())).values(attention=error),
        execution_options={"synchronize_session": False},
    )


def upcoming(session: Session, pair_id: int) -> CheckIn | None:
    """The pair's next scheduled check-in."""
    return session.exec(
        select(CheckIn).where(CheckIn.pair_id == pair_id, CheckIn.state == CheckInState.SCHEDULED)
    ).first()


class Press(StrEnum):
    """A button on a nudge."""

    MET = "met"
    NOT_YET = "not_yet"
    SKIP = "skip"
    PAUSE = "pause"
    HELP = "help"


class PressOutcome(StrEnum):
    """What became of a button press."""

    DONE = "done"
    NOT_YOURS = "not_yours"
    STALE = "stale"
    """The nudge was answered already, or the pair ended: the buttons are out of date."""
    ASKED_ALREADY = "asked_already"


_ANSWERED_STATE = {
    Press.MET: CheckInState.MET,
    Press.NOT_YET: CheckInState.SNOOZED,
    Press.SKIP: CheckInState.SKIPPED,
    Press.PAUSE: CheckInState.PAUSED,
}


@dataclass(frozen=True)
class Pressed:
    """A press with the check-in and pair it was about (None where the press was refused)."""

    outcome: PressOutcome
    checkin: CheckIn | None = None
    pair: Pair | None = None


def press(
    session: Session,
    team_id: str,
    checkin_id: int,
    user_id: str,
    button: Press,
    now: datetime,
    remind_at: datetime | None = None,
) -> Pressed:
    """Record a partner's press under the check-in's row lock, so each button works once per
    nudge. "Not yet" works only on a first nudge and needs `remind_at`."""
    found = session.exec(
        select(CheckIn, Pair)
        .join(Pair, col(Pair.id) == CheckIn.pair_id)
        .where(CheckIn.id == checkin_id, CheckIn.team_id == team_id)
        .with_for_update()
    ).first()
    if found is None or user_id not in (found[1].mentor_user_id, found[1].mentee_user_id):
        return Pressed(PressOutcome.NOT_YOURS)
    checkin, pair = found
    answerable = (CheckInState.NUDGED,) if button == Press.NOT_YET else OPEN_CHECKIN_STATES
    if pair.state != PairState.ACTIVE or checkin.state not in answerable:
        return Pressed(PressOutcome.STALE, checkin, pair)
    if button == Press.HELP:
        asked = set(filter(None, (checkin.help_asked_by or "").split(",")))
        if user_id in asked:
            return Pressed(PressOutcome.ASKED_ALREADY, checkin, pair)
        checkin.help_asked_by = ",".join(sorted(asked | {user_id}))
    else:
        checkin.state = _ANSWERED_STATE[button]
        checkin.answered_by, checkin.answered_at = user_id, now
        if button == Press.NOT_YET:
            assert remind_at is not None
            checkin.due_at = remind_at
        if button in (Press.MET, Press.SKIP):
            pair.missed_in_row, pair.at_risk_since = 0, None
        if button == Press.PAUSE:
            pair.paused_at = now
    session.add_all([checkin, pair])
    session.flush()
    return Pressed(PressOutcome.DONE, checkin, pair)


def resume_pair(session: Session, team_id: str, pair_id: int, user_id: str) -> Pressed:
    """Either partner ends the pair's pause; STALE if it was not paused (or has ended)."""
    pair = session.exec(
        select(Pair).where(Pair.id == pair_id, Pair.team_id == team_id).with_for_update()
    ).first()
    if pair is None or user_id not in (pair.mentor_user_id, pair.mentee_user_id):
        return Pressed(PressOutcome.NOT_YOURS)
    if pair.state != PairState.ACTIVE or pair.paused_at is None:
        return Pressed(PressOutcome.STALE, pair=pair)
    pair.paused_at = None
    session.add(pair)
    session.flush()
    return Pressed(PressOutcome.DONE, pair=pair)
