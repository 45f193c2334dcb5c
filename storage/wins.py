"""Shared wins: the authors' withdrawals, the leads' review queue, and the scheduled posts that
publish each win at most once."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import update
from sqlmodel import Session, col, func, select

from storage.models import (
    UNPOSTED_WIN_STATES,
    CheckIn,
    CheckInState,
    Cohort,
    Pair,
    Participant,
    Program,
    Win,
    WinsPost,
    WinsPostState,
    WinState,
)
from storage.once import insert_once
from storage.pairs import changed
from storage.workspaces import installed


class Withdrawal(StrEnum):
    """What became of an author's Withdraw."""

    WITHDRAWN = "withdrawn"
    TOO_LATE = "too_late"
    """Posted, or in a post on its way."""
    NOT_YOURS = "not_yours"


def withdraw(session: Session, team_id: str, win_id: int, user_id: str) -> Withdrawal:
    """The author takes back a win not yet posted; nobody else can."""
    mine = (
        (col(Win.id) == win_id)
        & (col(Win.team_id) == team_id)
        & (col(Win.author_user_id) == user_id)
    )
    if changed(
        session,
        update(Win)
        .where(mine, col(Win.state).in_(UNPOSTED_WIN_STATES))
        .values(state=WinState.WITHDRAWN),
    ):
        return Withdrawal.WITHDRAWN
    found = session.exec(select(Win.id).where(mine)).first()
    return Withdrawal.NOT_YOURS if found is None else Withdrawal.TOO_LATE


def review_queue(session: Session, team_id: str, limit: int) -> tuple[list[Win], int]:
    """The workspace's wins a lead can still approve, edit or drop (oldest first), and how many
    there are in all."""
    unposted = (col(Win.team_id) == team_id) & col(Win.state).in_(UNPOSTED_WIN_STATES)
    wins = session.exec(
        select(Win).where(unposted).order_by(col(Win.created_at), col(Win.id)).limit(limit)
    )
    total = session.exec(select(func.count()).select_from(Win).where(unposted)).one()
    return list(wins), total


def decide(
    session: Session,
    team_id: str,
    win_id: int,
    lead: str,
    state: WinState,
    text: str | None = None,
) -> bool:
    """A lead approves, drops or edits (and so approves) a win not yet posted; False if it was
    posted or withdrawn meanwhile."""
    values: dict[str, object] = {"state": state, "edited_by": lead}
    if text is not None:
        values["text"] = text
    return bool(
        changed(
            session,
            update(Win)
            .where(
                col(Win.id) == win_id,
                col(Win.team_id) == team_id,
                col(Win.state).in_(UNPOSTED_WIN_STATES),
            )
            .values(**values),
        )
    )


def unposted(session: Session, team_id: str, win_id: int) -> Win | None:
    """The win, if a lead may still change it."""
    return session.exec(
        select(Win).where(
            Win.id == win_id, Win.team_id == team_id, col(Win.state).in_(UNPOSTED_WIN_STATES)
        )
    ).first()


def posting_cohorts(session: Session, today: date, ended_since: date) -> list[tuple[Cohort, str]]:
    """The cohorts (with their workspace) whose wins may be posted: started, not ended before
    `ended_since`, in a workspace the app is installed in."""
    return list(
        session.exec(
            select(Cohort, Program.team_id)
            .join(Program, col(Program.id) == Cohort.program_id)
            .where(
                installed(Program.team_id),
                col(Cohort.starts_on) <= today,
                col(Cohort.ends_on) >= ended_since,
            )
        )
    )


def author_locales(session: Session, posted: list[Win]) -> dict[str, str | None]:
    """The stored locale of each win's author."""
    return {
        person.slack_user_id: person.locale
        for person in session.exec(
            select(Participant).where(
                col(Participant.cohort_id).in_({win.cohort_id for win in posted}),
                col(Participant.slack_user_id).in_({win.author_user_id for win in posted}),
            )
        )
    }


def last_slots(session: Session) -> dict[int, datetime]:
    """Each cohort's latest wins-schedule slot that was handled."""
    rows = session.exec(
        select(WinsPost.cohort_id, func.max(WinsPost.slot)).group_by(col(WinsPost.cohort_id))
    )
    return {cohort_id: slot for cohort_id, slot in rows}


def claim_slot(
    session: Session, team_id: str, cohort: Cohort, slot: datetime, period_start: datetime
) -> WinsPost | None:
    """Take the cohort's schedule slot; None if another worker took it first."""
    post = WinsPost(cohort_id=cohort.id or 0, team_id=team_id, slot=slot, period_start=period_start)
    return post if insert_once(session, post) else None


@dataclass(frozen=True)
class Period:
    """What a cohort's people did in one period: the pairs that met and who was in them."""

    pairs_met: int
    people_met: int


def period(session: Session, cohort_id: int, start: datetime, end: datetime) -> Period:
    """The pairs of the cohort that held a check-in between `start` and `end`."""
    pairs = session.exec(
        select(Pair.mentor_user_id, Pair.mentee_user_id)
        .where(
            Pair.cohort_id == cohort_id,
            col(Pair.id).in_(
                select(CheckIn.pair_id).where(
                    CheckIn.state == CheckInState.MET,
                    col(CheckIn.answered_at) >= start,
                    col(CheckIn.answered_at) < end,
                )
            ),
        )
        .distinct()
    ).all()
    people = {user for pair in pairs for user in pair}
    return Period(pairs_met=len(pairs), people_met=len(people))


def approved(session: Session, cohort_id: int, before: datetime) -> list[Win]:
    """The cohort's approved wins waiting for a post."""
    return list(
        session.exec(
            select(Win).where(
                Win.cohort_id == cohort_id,
                Win.state == WinState.APPROVED,
                col(Win.created_at) < before,
            )
        )
    )


def awaiting_review(session: Session, cohort_id: int) -> int:
    """How many of the cohort's wins wait for a lead."""
    return session.exec(
        select(func.count())
        .select_from(Win)
        .where(Win.cohort_id == cohort_id, Win.state == WinState.REVIEW)
    ).one()


def mark_posting(session: Session, wins: Iterable[Win], post: WinsPost) -> None:
    """The wins go out with `post` (in the same transaction as the queued message)."""
    session.execute(
        update(Win)
        .where(col(Win.id).in_([win.id for win in wins]), col(Win.state) == WinState.APPROVED)
        .values(state=WinState.POSTING, post_id=post.id),
        execution_options={"synchronize_session": False},
    )


def posted(session: Session, outbox_id: int, now: datetime) -> list[Win]:
    """The post's message reached the channel: its wins are posted; returns them."""
    post = _post_of(session, outbox_id)
    if post is None:
        return []
    post.state = WinsPostState.SENT
    session.add(post)
    done = session.execute(
        update(Win)
        .where(col(Win.post_id) == post.id, col(Win.state) == WinState.POSTING)
        .values(state=WinState.POSTED, posted_at=now)
        .returning(Win),
        execution_options={"synchronize_session": False},
    )
    return list(done.scalars())


def not_posted(session: Session, outbox_id: int) -> int:
    """The post could not be delivered: its wins wait for the next one; returns how many."""
    post = _post_of(session, outbox_id)
    if post is None:
        return 0
    post.state = WinsPostState.FAILED
    session.add(post)
    return changed(
        session,
        update(Win)
        .where(col(Win.post_id) == post.id, col(Win.state) == WinState.POSTING)
        .values(state=WinState.APPROVED, post_id=None),
    )


def post_summary(session: Session, outbox_id: int) -> tuple[str, int] | None:
    """The cohort's name and the number of wins of the post an outbox message carries."""
    row = session.exec(
        select(Cohort.name, WinsPost.wins)
        .join(WinsPost, col(WinsPost.cohort_id) == Cohort.id)
        .where(WinsPost.outbox_id == outbox_id)
    ).first()
    return (row[0], row[1]) if row else None


def _post_of(session: Session, outbox_id: int) -> WinsPost | None:
    return session.exec(select(WinsPost).where(WinsPost.outbox_id == outbox_id)).first()


def cohort_locales(session: Session, cohort_id: int) -> list[str | None]:
    """The distinct locales of the cohort's people, so a post speaks their languages."""
    return list(
        session.exec(
            select(Participant.locale).where(Participant.cohort_id == cohort_id).distinct()
        )
    )
