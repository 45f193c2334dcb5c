"""Reflections: asked for after "We met", written once, read only by their author.

Every function that returns a reflection's text takes the reader's user ID and returns only
rows that person wrote; nothing else in the code reads `Reflection.learned` or `win_text`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.reflection_answers import Answers
from storage.models import CheckIn, Cohort, Pair, Participant, Reflection, Win, WinState
from storage.pairs import changed
from storage.workspaces import installed


def ask(
    session: Session,
    checkin: CheckIn,
    cohort_id: int,
    topics: dict[str, int | None],
    now: datetime,
) -> dict[str, Reflection]:
    """One reflection to write for each partner (user ID -> the topic they learned about)."""
    assert checkin.id is not None
    asked = {
        user: Reflection(
            checkin_id=checkin.id,
            pair_id=checkin.pair_id,
            cohort_id=cohort_id,
            team_id=checkin.team_id,
            author_user_id=user,
            topic_id=topic,
            asked_at=now,
        )
        for user, topic in topics.items()
    }
    session.add_all(asked.values())
    session.flush()
    return asked


def own(session: Session, team_id: str, reflection_id: int, user_id: str) -> Reflection | None:
    """The reflection, if `user_id` is its author; None for anyone else."""
    return session.exec(
        select(Reflection).where(
            Reflection.id == reflection_id,
            Reflection.team_id == team_id,
            Reflection.author_user_id == user_id,
        )
    ).first()


@dataclass(frozen=True)
class Context:
    """A reflection with what its modal and prompts need."""

    reflection: Reflection
    checkin: CheckIn
    pair: Pair
    author: Participant
    cohort: Cohort

    @property
    def partner(self) -> str:
        """The author's partner in the pair."""
        mentor = self.pair.mentor_user_id
        return self.pair.mentee_user_id if self.reflection.author_user_id == mentor else mentor


def contexts(session: Session, reflection_ids: Iterable[int]) -> dict[int, Context]:
    """The reflections with their check-ins, pairs, authors and cohorts, in two queries."""
    rows = session.exec(
        select(Reflection, CheckIn, Pair, Participant)
        .join(CheckIn, col(CheckIn.id) == Reflection.checkin_id)
        .join(Pair, col(Pair.id) == Reflection.pair_id)
        .join(
            Participant,
            (col(Participant.cohort_id) == Reflection.cohort_id)
            & (col(Participant.slack_user_id) == Reflection.author_user_id),
        )
        .where(col(Reflection.id).in_(set(reflection_ids)))
    ).all()
    cohort_ids = {row[0].cohort_id for row in rows}
    cohorts = {c.id: c for c in session.exec(select(Cohort).where(col(Cohort.id).in_(cohort_ids)))}
    return {
        reflection.id or 0: Context(
            reflection, checkin, pair, author, cohorts[reflection.cohort_id]
        )
        for reflection, checkin, pair, author in rows
    }


def submit(
    session: Session,
    reflection: Reflection,
    answers: Answers,
    shared_win: str | None,
    cohort: Cohort,
    now: datetime,
) -> bool:
    """Save the author's answers, and `shared_win` (the anonymised copy of their win, if they
    chose to share it), together; False (and nothing written) if it was submitted already."""
    saved = changed(
        session,
        update(Reflection)
        .where(col(Reflection.id) == reflection.id, col(Reflection.submitted_at).is_(None))
        .values(
            submitted_at=now,
            learned=answers.learned,
            progress=answers.progress,
            confidence=answers.confidence,
            win_text=answers.win_text,
        ),
    )
    if not saved:
        return False
    if shared_win:
        assert reflection.id is not None
        session.add(
            Win(
                reflection_id=reflection.id,
                cohort_id=cohort.id or 0,
                team_id=reflection.team_id,
                author_user_id=reflection.author_user_id,
                text=shared_win,
                state=WinState.APPROVED if cohort.wins_auto_post else WinState.REVIEW,
                created_at=now,
            )
        )
    session.flush()
    return True


@dataclass(frozen=True)
class Written:
    """One of the author's reflections, with its check-in's number and the shared win, if any."""

    reflection: Reflection
    number: int
    win: Win | None


def mine(session: Session, team_id: str, user_id: str, limit: int) -> list[Written]:
    """The person's own reflections, newest first: written ones and those still to write."""
    rows = session.exec(
        select(Reflection, CheckIn.number, Win)
        .join(CheckIn, col(CheckIn.id) == Reflection.checkin_id)
        .outerjoin(Win, col(Win.reflection_id) == Reflection.id)
        .where(Reflection.team_id == team_id, Reflection.author_user_id == user_id)
        .order_by(col(Reflection.asked_at).desc(), col(Reflection.id).desc())
        .limit(limit)
    )
    return [Written(reflection, number, win) for reflection, number, win in rows]


def claim_reminders(session: Session, asked_before: datetime, now: datetime) -> list[Reflection]:
    """The reflections asked for before `asked_before` and still unwritten, marked reminded in
    the same statement, so that each gets one reminder even with two workers."""
    reminded = session.execute(
        update(Reflection)
        .where(
            col(Reflection.submitted_at).is_(None),
            col(Reflection.reminded_at).is_(None),
            col(Reflection.asked_at) <= asked_before,
            installed(Reflection.team_id),
        )
        .values(reminded_at=now)
        .returning(Reflection),
        execution_options={"synchronize_session": False},
    )
    return list(reminded.scalars())


def cohort_names(session: Session, cohort_id: int) -> list[str]:
    """Every Slack name of the cohort's people, for anonymising its wins."""
    return [
        name
        for names in session.exec(
            select(Participant.names).where(Participant.cohort_id == cohort_id)
        )
        for name in names or []
    ]
