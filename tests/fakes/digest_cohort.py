"""A small cohort written straight to the database, whose digest is computed by hand in
tests/test_digest.py: ten people, six pairs in every state, check-ins, reflections and wins."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, select

from storage.models import (
    CheckIn,
    Cohort,
    Department,
    MatchRound,
    Pair,
    Participant,
    Profile,
    Reflection,
    Topic,
    Win,
    WinState,
)
from storage.programs import ensure_current_cohort
from tests.fakes.slack_api import TEAM_ID

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
PEOPLE = [f"U0P{number}" for number in range(10)]


@dataclass(frozen=True)
class DigestCohort:
    """What the tests need to find again."""

    cohort_id: int
    pair_ids: dict[str, int]


def build(session: Session) -> DigestCohort:
    """Write the cohort (k = 3) and return its IDs."""
    cohort = ensure_current_cohort(session, TEAM_ID, date(2026, 6, 1))
    assert cohort.id is not None
    cohort.wins_k = 3
    session.add(cohort)
    departments = {d.key: d.id for d in session.exec(select(Department))}
    topics = {t.key: t.id for t in session.exec(select(Topic))}
    _people(session, cohort, departments)
    pair_ids = _pairs(session, cohort)
    _checkins_and_reflections(session, cohort, pair_ids, topics)
    session.flush()
    return DigestCohort(cohort.id, pair_ids)


def _people(session: Session, cohort: Cohort, departments: dict[str | None, int | None]) -> None:
    # P0-P3 engineering, P4-P6 sales, P7 marketing, P8 a typed-in department, P9 left (engineering).
    department_of = ["engineering"] * 4 + ["sales"] * 3 + ["marketing", None, "engineering"]
    for number, user in enumerate(PEOPLE):
        participant = Participant(
            cohort_id=cohort.id or 0,
            team_id=TEAM_ID,
            slack_user_id=user,
            status="paused" if number == 8 else "left" if number == 9 else "active",
            survey_completed_at=NOW if number <= 6 or number == 9 else None,
            waitlist_reason="no_partner" if number == 7 else None,
            names=[user.lower()],
        )
        session.add(participant)
        session.flush()
        key = department_of[number]
        session.add(
            Profile(
                participant_id=participant.id or 0,
                department_id=departments[key] if key else None,
                department_other=None if key else "=Skunkworks",
            )
        )


def _pairs(session: Session, cohort: Cohort) -> dict[str, int]:
    matching = MatchRound(cohort_id=cohort.id or 0, lead_user_id="U0MARIA", state="approved")
    session.add(matching)
    session.flush()
    shapes = {
        "A": (0, 1, "active", None),
        "B": (2, 3, "active", NOW - timedelta(days=3)),
        "C": (4, 5, "completed", None),
        "D": (6, 7, "declined", None),
        "E": (8, 0, "invited", None),
        "F": (3, 4, "proposed", None),
    }
    ids = {}
    for name, (mentor, mentee, state, at_risk) in shapes.items():
        pair = Pair(
            round_id=matching.id or 0,
            cohort_id=cohort.id or 0,
            team_id=TEAM_ID,
            mentor_user_id=PEOPLE[mentor],
            mentee_user_id=PEOPLE[mentee],
            score=80,
            state=state,
            active_since=NOW - timedelta(days=60) if state in ("active", "completed") else None,
            at_risk_since=at_risk,
        )
        session.add(pair)
        session.flush()
        ids[name] = pair.id or 0
    return ids


def _checkins_and_reflections(
    session: Session, cohort: Cohort, pair_ids: dict[str, int], topics: dict[str | None, int | None]
) -> None:
    states = {
        "A": ["met", "met", "scheduled"],
        "B": ["met", "missed", "missed", "nudged"],
        "C": ["met", "skipped"],
    }
    checkins: dict[tuple[str, int], CheckIn] = {}
    for name, pair_states in states.items():
        for number, state in enumerate(pair_states, 1):
            checkin = CheckIn(
                pair_id=pair_ids[name],
                team_id=TEAM_ID,
                number=number,
                state=state,
                due_at=NOW - timedelta(days=14 * (5 - number)),
                answered_at=NOW - timedelta(days=14 * (5 - number)) if state == "met" else None,
            )
            session.add(checkin)
            checkins[(name, number)] = checkin
    session.flush()
    # (pair, check-in, author, progress, confidence, topic learned, submitted)
    reflections = [
        ("A", 1, 0, 4, 3, "strategy", True),
        ("A", 1, 1, 2, 5, "genai", True),
        ("B", 1, 2, 3, 4, "genai", True),
        ("C", 1, 4, 5, 2, "genai", True),
        ("A", 2, 0, 5, 5, "strategy", True),
        ("A", 2, 1, 3, 3, "genai", True),
        ("B", 1, 3, 1, 1, "strategy", False),
    ]
    written = []
    for pair, number, author, progress, confidence, topic, submitted in reflections:
        checkin = checkins[(pair, number)]
        reflection = Reflection(
            checkin_id=checkin.id or 0,
            pair_id=pair_ids[pair],
            cohort_id=cohort.id or 0,
            team_id=TEAM_ID,
            author_user_id=PEOPLE[author],
            topic_id=topics[topic],
            asked_at=NOW - timedelta(days=30),
            submitted_at=NOW - timedelta(days=29) if submitted else None,
            learned="private text" if submitted else None,
            progress=progress if submitted else None,
            confidence=confidence if submitted else None,
        )
        session.add(reflection)
        written.append(reflection)
    session.flush()
    wins = [
        (written[0], WinState.POSTED, NOW - timedelta(days=5), "Automated my weekly report"),
        (written[1], WinState.POSTED, NOW - timedelta(days=40), "An older win"),
        (written[2], WinState.REVIEW, None, "Waiting for review"),
    ]
    for reflection, state, posted_at, text in wins:
        session.add(
            Win(
                reflection_id=reflection.id or 0,
                cohort_id=cohort.id or 0,
                team_id=TEAM_ID,
                author_user_id=reflection.author_user_id,
                text=text,
                state=state,
                created_at=NOW - timedelta(days=41),
                posted_at=posted_at,
            )
        )
