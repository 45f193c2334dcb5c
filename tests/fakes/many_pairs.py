"""Many active pairs written straight to the database, for scale tests and the nudge benchmark:
two partners each (English, UTC, working 08:00-18:00), a known group DM, and check-in 1 due."""

from datetime import date, datetime, time, timedelta

from sqlalchemy import insert
from sqlmodel import Session

from storage.models import CheckIn, Pair, PairState, Participant, RoundState
from storage.models import MatchRound as Round
from storage.programs import ensure_current_cohort

CHUNK = 5000


def channel_of(number: int) -> str:
    """The group DM of synthetic pair `number`."""
    return f"GPAIR{number:07d}"


def add_active_pairs(
    session: Session, team_id: str, count: int, due_at: datetime, *, first: int = 0
) -> list[str]:
    """Add `count` active pairs whose first check-in is due at `due_at`; returns their group
    DMs (which the Slack stand-in must know)."""
    cohort = ensure_current_cohort(session, team_id, due_at.date() - timedelta(days=14))
    cohort.ends_on = date(due_at.year + 2, 1, 1)
    session.add(cohort)
    assert cohort.id is not None
    round_ = Round(cohort_id=cohort.id, lead_user_id="U0LEAD", state=RoundState.APPROVED)
    session.add(round_)
    session.flush()
    since = due_at - timedelta(days=14)
    numbers = range(first, first + count)
    for start in range(0, count, CHUNK):
        chunk = numbers[start : start + CHUNK]
        people = [
            {
                "cohort_id": cohort.id,
                "team_id": team_id,
                "slack_user_id": f"U{side}{n:07d}",
                "locale": "en-US",
                "timezone": "UTC",
                "work_start": time(8),
                "work_end": time(18),
                "survey_completed_at": since,
                "joined_at": since,
            }
            for n in chunk
            for side in ("M", "E")
        ]
        session.execute(insert(Participant), people)
        pair_rows = [
            {
                "round_id": round_.id,
                "cohort_id": cohort.id,
                "team_id": team_id,
                "mentor_user_id": f"UM{n:07d}",
                "mentee_user_id": f"UE{n:07d}",
                "score": 50,
                "reasons": [],
                "state": PairState.ACTIVE,
                "active_since": since,
                "decided_at": since,
                "channel_id": channel_of(n),
                "missed_in_row": 0,
            }
            for n in chunk
        ]
        pair_ids = session.execute(insert(Pair).returning(Pair.id), pair_rows).scalars().all()
        session.execute(
            insert(CheckIn),
            [
                {"pair_id": pair_id, "team_id": team_id, "number": 1, "due_at": due_at}
                for pair_id in pair_ids
            ],
        )
    return [channel_of(n) for n in numbers]
