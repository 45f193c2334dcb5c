"""The aggregates a cohort's digest is made of: a fixed number of grouped queries, however many
people the cohort has. No function here returns what a person wrote in a reflection."""

from collections import defaultdict
from datetime import datetime

from sqlmodel import Session, col, func, select

from bot.digest import (
    CycleCounts,
    Digest,
    PairActivity,
    Pairs,
    People,
    TopicCount,
    cycles_of,
    merge_small,
    top_topics,
)
from storage import wins
from storage.models import (
    CheckIn,
    CheckInState,
    Cohort,
    Department,
    PairState,
    Participant,
    ParticipantStatus,
    Profile,
    Reflection,
    Topic,
    Win,
    WinState,
)
from storage.models import Pair as PairRow

NOT_DUE = (CheckInState.SCHEDULED, CheckInState.CLOSED, CheckInState.PAUSED)
"""Check-ins whose nudge never went out, or that the pair paused from: not expected to be held."""
DECLINED = (PairState.DECLINED, PairState.TIMED_OUT)
EXPORTED_PAIR_STATES = (
    PairState.INVITED,
    PairState.ACTIVE,
    PairState.COMPLETED,
    *DECLINED,
    PairState.REMATCHED,
)
"""Pairs that reached people; proposals a lead withdrew or dropped never did."""
NAMELESS_PAIR_STATES = (*DECLINED, PairState.REMATCHED)
"""Pairs whose people the export leaves out: it must not tell who declined or asked to rematch."""
WINS_SHOWN = 5


def digest(session: Session, cohort: Cohort, start: datetime, end: datetime) -> Digest:
    """The cohort's digest for the period; every breakdown respects the cohort's k."""
    assert cohort.id is not None
    k, learned = cohort.wins_k, topics(session, cohort.id)
    return Digest(
        cohort=cohort.name,
        k=k,
        period_start=start,
        period_end=end,
        people=people(session, cohort.id),
        pairs=pairs(session, cohort.id),
        cycles=cycles_of(cycles(session, cohort.id), k),
        digital_topics=top_topics(learned, "digital", k),
        leadership_topics=top_topics(learned, "leadership", k),
        departments=merge_small(departments(session, cohort.id), k),
        wins=posted_wins(session, cohort.id, start, end),
        wins_in_review=wins.awaiting_review(session, cohort.id),
    )


def people(session: Session, cohort_id: int) -> People:
    """Joined, surveyed, paused, left and waitlisted people."""
    rows = session.exec(
        select(
            Participant.status,
            col(Participant.survey_completed_at).is_not(None),
            col(Participant.waitlist_reason).is_not(None),
            func.count(),
        )
        .where(Participant.cohort_id == cohort_id)
        .group_by(
            Participant.status,
            col(Participant.survey_completed_at).is_not(None),
            col(Participant.waitlist_reason).is_not(None),
        )
    ).all()
    counts: dict[str, int] = defaultdict(int)
    for status, surveyed, waitlisted, count in rows:
        if status == ParticipantStatus.LEFT:
            counts["left"] += count
            continue
        counts["joined"] += count
        counts["surveyed"] += count if surveyed else 0
        counts["paused"] += count if status == ParticipantStatus.PAUSED else 0
        counts["waitlisted"] += count if waitlisted else 0
    return People(**counts)


def pairs(session: Session, cohort_id: int) -> Pairs:
    """The cohort's pairs by state; at risk are active pairs that missed check-ins in a row."""
    at_risk = col(PairRow.at_risk_since).is_not(None)
    rows = session.exec(
        select(PairRow.state, at_risk, func.count())
        .where(PairRow.cohort_id == cohort_id)
        .group_by(PairRow.state, at_risk)
    ).all()
    counts: dict[str, int] = defaultdict(int)
    for state, risky, count in rows:
        counts[state] += count
        if state == PairState.ACTIVE and risky:
            counts["at_risk"] += count
    return Pairs(
        invited=counts[PairState.INVITED],
        active=counts[PairState.ACTIVE],
        at_risk=counts["at_risk"],
        completed=counts[PairState.COMPLETED],
        declined=sum(counts[state] for state in DECLINED),
        rematched=counts[PairState.REMATCHED],
    )


def cycles(session: Session, cohort_id: int) -> list[CycleCounts]:
    """Per check-in number: how many came due and were held, and the reflections on them."""
    due = session.exec(
        select(CheckIn.number, CheckIn.state, func.count())
        .join(PairRow, col(PairRow.id) == CheckIn.pair_id)
        .where(PairRow.cohort_id == cohort_id, col(CheckIn.state).not_in(NOT_DUE))
        .group_by(col(CheckIn.number), col(CheckIn.state))
    ).all()
    reflected = session.exec(
        select(
            CheckIn.number,
            func.count(func.distinct(Reflection.author_user_id)),
            func.avg(Reflection.progress),
            func.avg(Reflection.confidence),
        )
        .join(CheckIn, col(CheckIn.id) == Reflection.checkin_id)
        .where(Reflection.cohort_id == cohort_id, col(Reflection.submitted_at).is_not(None))
        .group_by(col(CheckIn.number))
    ).all()
    numbers: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for number, state, count in due:
        numbers[number]["due"] += count
        numbers[number]["held"] += count if state == CheckInState.MET else 0
    reflections = {row[0]: row for row in reflected}
    counts = []
    for number, held in numbers.items():
        _, authors, progress, confidence = reflections.get(number, (number, 0, None, None))
        counts.append(
            CycleCounts(number, **held, authors=authors, progress=progress, confidence=confidence)
        )
    return counts


def topics(session: Session, cohort_id: int) -> list[TopicCount]:
    """How many people learned each topic in the sessions they reflected on."""
    rows = session.exec(
        select(
            Topic.kind, Topic.name, Topic.key, func.count(func.distinct(Reflection.author_user_id))
        )
        .join(Topic, col(Topic.id) == Reflection.topic_id)
        .where(Reflection.cohort_id == cohort_id, col(Reflection.submitted_at).is_not(None))
        .group_by(col(Topic.id), col(Topic.kind), col(Topic.name), col(Topic.key))
    ).all()
    return [TopicCount(kind, name, key, people) for kind, name, key, people in rows]


def departments(session: Session, cohort_id: int) -> dict[str, int]:
    """People who have not left, by department (typed-in departments by their text; none: "")."""
    label = func.coalesce(Department.name, Profile.department_other, "")
    rows = session.exec(
        select(label, func.count())
        .select_from(Participant)
        .join(Profile, col(Profile.participant_id) == Participant.id, isouter=True)
        .join(Department, col(Department.id) == Profile.department_id, isouter=True)
        .where(Participant.cohort_id == cohort_id, Participant.status != ParticipantStatus.LEFT)
        .group_by(label)
    ).all()
    return {str(name): count for name, count in rows}


def posted_wins(session: Session, cohort_id: int, start: datetime, end: datetime) -> list[str]:
    """The anonymised wins posted to the cohort in the period (as the channel saw them)."""
    return list(
        session.exec(
            select(Win.text)
            .where(
                Win.cohort_id == cohort_id,
                Win.state == WinState.POSTED,
                col(Win.posted_at) >= start,
                col(Win.posted_at) < end,
            )
            .order_by(col(Win.posted_at), col(Win.id))
            .limit(WINS_SHOWN)
        )
    )


def pair_activity(session: Session, cohort_id: int) -> list[PairActivity]:
    """Every pair that reached people, with its check-in counts; the people of declined and
    rematched pairs are left out."""
    rows = session.exec(
        select(PairRow)
        .where(PairRow.cohort_id == cohort_id, col(PairRow.state).in_(EXPORTED_PAIR_STATES))
        .order_by(col(PairRow.id))
    ).all()
    counted = session.exec(
        select(CheckIn.pair_id, CheckIn.state, func.count(), func.max(CheckIn.answered_at))
        .join(PairRow, col(PairRow.id) == CheckIn.pair_id)
        .where(PairRow.cohort_id == cohort_id, col(CheckIn.state).not_in(NOT_DUE))
        .group_by(col(CheckIn.pair_id), col(CheckIn.state))
    ).all()
    checkins: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    last_held: dict[int, datetime] = {}
    for pair_id, state, count, answered in counted:
        checkins[pair_id][state] += count
        checkins[pair_id]["due"] += count
        if state == CheckInState.MET and answered is not None:
            last_held[pair_id] = answered
    activity = []
    for pair in rows:
        assert pair.id is not None
        counts, nameless = checkins[pair.id], pair.state in NAMELESS_PAIR_STATES
        activity.append(
            PairActivity(
                pair_id=pair.id,
                state=pair.state,
                mentor_user_id=None if nameless else pair.mentor_user_id,
                mentee_user_id=None if nameless else pair.mentee_user_id,
                active_since=pair.active_since,
                at_risk=pair.state == PairState.ACTIVE and pair.at_risk_since is not None,
                due=counts["due"],
                held=counts[CheckInState.MET],
                skipped=counts[CheckInState.SKIPPED],
                missed=counts[CheckInState.MISSED],
                last_held=last_held.get(pair.id),
            )
        )
    return activity
