"""Matching rounds and pairs: proposals a lead reviews, introductions, answers and endings.

Every change of state is a conditional update (or happens under the pair's row lock), so a second
press, a second worker or a late timeout can never decide a pair twice.
"""

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import CompoundSelect, or_, union, update
from sqlmodel import Session, col, select

from bot.matching import Outcome, Unmatched
from storage.models import (
    Answer,
    Cohort,
    MatchRound,
    Pair,
    PairState,
    Participant,
    ParticipantStatus,
    Program,
    RoundState,
)
from storage.workspaces import installed

ENGAGED = (PairState.INVITED, PairState.ACTIVE)
NEVER_REACHED = (PairState.PROPOSED, PairState.WITHDRAWN)
CLOSED = "closed"
"""Waitlist reason after an introduction or pair ended; the same for both partners, so it never
tells one of them what the other did."""


class AnswerOutcome(StrEnum):
    """What pressing Accept or Decline did."""

    NOT_YOURS = "not_yours"
    ALREADY_DECIDED = "already_decided"
    WAITING = "waiting"
    """Accepted; the partner has not answered yet."""
    ACTIVE = "active"
    DECLINED = "declined"


def previous_pairs(session: Session, team_id: str, cohort_id: int) -> list[tuple[str, str]]:
    """Pairs never to propose again: every pair of the workspace that reached people, in any
    cohort, and the pairs a lead dropped from this cohort's reviews."""
    rows = session.exec(
        select(Pair.mentor_user_id, Pair.mentee_user_id).where(
            Pair.team_id == team_id,
            or_(
                col(Pair.state).not_in([*NEVER_REACHED, PairState.DROPPED]),
                (col(Pair.state) == PairState.DROPPED) & (col(Pair.cohort_id) == cohort_id),
            ),
        )
    )
    return [(mentor, mentee) for mentor, mentee in rows]


def engaged_query(cohort_id: int) -> CompoundSelect:
    """The user IDs of the cohort's people who are invited to or in a pair, as a subquery."""
    under_way = (col(Pair.cohort_id) == cohort_id) & col(Pair.state).in_(ENGAGED)
    return union(
        select(Pair.mentor_user_id).where(under_way),
        select(Pair.mentee_user_id).where(under_way),
    )


def engaged_users(session: Session, cohort_id: int) -> set[str]:
    """People of the cohort who are invited to or in a pair: not matched again meanwhile."""
    return set(session.execute(engaged_query(cohort_id)).scalars())


def latest_round_id(session: Session, cohort_id: int) -> int:
    """The ID of the cohort's newest round (0 if none): what a computation is based on."""
    newest = session.exec(
        select(MatchRound.id)
        .where(MatchRound.cohort_id == cohort_id)
        .order_by(col(MatchRound.id).desc())
    ).first()
    return newest or 0


def start_round(
    session: Session,
    team_id: str,
    cohort_id: int,
    lead_user_id: str,
    outcome: Outcome,
    based_on: int,
) -> MatchRound | None:
    """Store a fresh round for review; an earlier round still under review is replaced. None if
    another round was stored since the input was read (`based_on`): that one is newer."""
    session.exec(select(Cohort).where(Cohort.id == cohort_id).with_for_update()).first()
    if latest_round_id(session, cohort_id) != based_on:
        return None
    earlier = select(MatchRound.id).where(
        MatchRound.cohort_id == cohort_id, MatchRound.state == RoundState.REVIEW
    )
    session.execute(
        update(Pair)
        .where(
            col(Pair.round_id).in_(earlier.scalar_subquery()),
            col(Pair.state) == PairState.PROPOSED,
        )
        .values(state=PairState.WITHDRAWN),
        execution_options={"synchronize_session": False},
    )
    session.execute(
        update(MatchRound)
        .where(col(MatchRound.cohort_id) == cohort_id, col(MatchRound.state) == RoundState.REVIEW)
        .values(state=RoundState.REPLACED),
        execution_options={"synchronize_session": False},
    )
    round_ = MatchRound(
        cohort_id=cohort_id,
        lead_user_id=lead_user_id,
        unmatched={user: reason.value for user, reason in outcome.unmatched.items()},
    )
    session.add(round_)
    session.flush()
    assert round_.id is not None
    session.add_all(
        Pair(
            round_id=round_.id,
            cohort_id=cohort_id,
            team_id=team_id,
            mentor_user_id=proposal.mentor,
            mentee_user_id=proposal.mentee,
            score=proposal.score,
            reasons=[asdict(reason) for reason in proposal.reasons],
        )
        for proposal in outcome.proposals
    )
    session.flush()
    return round_


def round_pairs(session: Session, round_id: int, state: PairState) -> list[Pair]:
    """The round's pairs in one state, best score first."""
    return list(
        session.exec(
            select(Pair)
            .where(Pair.round_id == round_id, Pair.state == state)
            .order_by(col(Pair.score).desc(), col(Pair.id))
        )
    )


def get_round(session: Session, team_id: str, round_id: int) -> MatchRound | None:
    """The round, if it belongs to a cohort of the workspace."""
    return session.exec(
        select(MatchRound)
        .join(Cohort)
        .join(Program)
        .where(MatchRound.id == round_id, Program.team_id == team_id)
    ).first()


def drop(session: Session, team_id: str, pair_id: int) -> Pair | None:
    """Take a proposal out of a round under review; None if that is no longer possible."""
    under_review = select(MatchRound.id).where(MatchRound.state == RoundState.REVIEW)
    dropped = changed(
        session,
        update(Pair)
        .where(
            col(Pair.id) == pair_id,
            col(Pair.team_id) == team_id,
            col(Pair.state) == PairState.PROPOSED,
            col(Pair.round_id).in_(under_review.scalar_subquery()),
        )
        .values(state=PairState.DROPPED),
    )
    return session.get(Pair, pair_id) if dropped else None


@dataclass(frozen=True)
class Approval:
    """An approved round: the introductions to send, and who waits (user -> reason)."""

    invited: list[Pair]
    waitlist: dict[str, str]


def approve(session: Session, round_: MatchRound, now: datetime) -> Approval | None:
    """Approve a round under review: its proposals become invitations and the unmatched go on
    the waitlist. A proposal whose people paused, left or got paired since the round was
    computed is withdrawn, and their partner waits. None if the round was approved or replaced
    meanwhile."""
    approved = changed(
        session,
        update(MatchRound)
        .where(col(MatchRound.id) == round_.id, col(MatchRound.state) == RoundState.REVIEW)
        .values(state=RoundState.APPROVED, approved_at=now),
    )
    if not approved:
        return None
    assert round_.id is not None
    engaged = engaged_users(session, round_.cohort_id)
    available = set(
        session.exec(
            select(Participant.slack_user_id).where(
                Participant.cohort_id == round_.cohort_id,
                Participant.status == ParticipantStatus.ACTIVE,
            )
        )
    )
    waitlist = dict(round_.unmatched)
    for pair in round_pairs(session, round_.id, PairState.PROPOSED):
        people = (pair.mentor_user_id, pair.mentee_user_id)
        gone = [user for user in people if user in engaged or user not in available]
        if gone:
            pair.state = PairState.WITHDRAWN
            session.add(pair)
            waitlist.update(
                {user: Unmatched.NO_PARTNER.value for user in people if user not in gone}
            )
    session.flush()
    session.execute(
        update(Pair)
        .where(col(Pair.round_id) == round_.id, col(Pair.state) == PairState.PROPOSED)
        .values(state=PairState.INVITED, invited_at=now),
        execution_options={"synchronize_session": False},
    )
    invited = round_pairs(session, round_.id, PairState.INVITED)
    matched = {user for pair in invited for user in (pair.mentor_user_id, pair.mentee_user_id)}
    _set_waitlist(session, round_.cohort_id, {user: None for user in matched})
    _set_waitlist(session, round_.cohort_id, dict(waitlist))
    return Approval(invited, waitlist)


def _set_waitlist(session: Session, cohort_id: int, reasons: dict[str, str | None]) -> None:
    by_reason: dict[str | None, list[str]] = {}
    for user, reason in reasons.items():
        by_reason.setdefault(reason, []).append(user)
    for reason, users in by_reason.items():
        session.execute(
            update(Participant)
            .where(
                col(Participant.cohort_id) == cohort_id, col(Participant.slack_user_id).in_(users)
            )
            .values(waitlist_reason=reason),
            execution_options={"synchronize_session": False},
        )


def remember_invites(session: Session, pair: Pair, mentor_invite: int, mentee_invite: int) -> None:
    """Keep the outbox IDs of a pair's introductions."""
    session.execute(
        update(Pair)
        .where(col(Pair.id) == pair.id)
        .values(mentor_invite_id=mentor_invite, mentee_invite_id=mentee_invite),
        execution_options={"synchronize_session": False},
    )


def answer(
    session: Session, team_id: str, pair_id: int, user_id: str, accepted: bool, now: datetime
) -> tuple[AnswerOutcome, Pair | None]:
    """Record a partner's answer to an introduction, under the pair's row lock."""
    pair = session.exec(
        select(Pair).where(Pair.id == pair_id, Pair.team_id == team_id).with_for_update()
    ).first()
    if pair is None or user_id not in (pair.mentor_user_id, pair.mentee_user_id):
        return AnswerOutcome.NOT_YOURS, None
    side = "mentor_answer" if user_id == pair.mentor_user_id else "mentee_answer"
    if pair.state != PairState.INVITED or getattr(pair, side) is not None:
        return AnswerOutcome.ALREADY_DECIDED, pair
    setattr(pair, side, Answer.ACCEPTED if accepted else Answer.DECLINED)
    if not accepted:
        _close(session, pair, PairState.DECLINED, now)
        return AnswerOutcome.DECLINED, pair
    if pair.mentor_answer == pair.mentee_answer == Answer.ACCEPTED:
        pair.state, pair.decided_at, pair.active_since = PairState.ACTIVE, now, now
        session.add(pair)
        session.flush()
        return AnswerOutcome.ACTIVE, pair
    session.add(pair)
    session.flush()
    return AnswerOutcome.WAITING, pair


def _close(session: Session, pair: Pair, state: PairState, now: datetime) -> None:
    pair.state, pair.decided_at = state, now
    session.add(pair)
    _back_on_waitlist(session, pair)
    session.flush()


def claim_reminders(session: Session, now: datetime, after: timedelta) -> list[Pair]:
    """Mark, once, the introductions still unanswered `after` their sending; returns them."""
    return _update_returning(
        session,
        (col(Pair.state) == PairState.INVITED)
        & (col(Pair.invited_at) <= now - after)
        & col(Pair.reminded_at).is_(None)
        & installed(Pair.team_id),
        reminded_at=now,
    )


def expire(session: Session, now: datetime, after_reminder: timedelta) -> list[Pair]:
    """Close the introductions still unanswered `after_reminder` their reminder: no answer counts
    as declined. Counting from the reminder means it always comes first, even after downtime."""
    expired = _update_returning(
        session,
        (col(Pair.state) == PairState.INVITED)
        & (col(Pair.reminded_at) <= now - after_reminder)
        & installed(Pair.team_id),
        state=PairState.TIMED_OUT,
        decided_at=now,
    )
    for pair in expired:
        _back_on_waitlist(session, pair)
    return expired


def changed(session: Session, statement: Any) -> int:
    """Run a conditional UPDATE; how many rows it changed (0: the condition no longer held)."""
    result = session.execute(statement, execution_options={"synchronize_session": False})
    return int(result.rowcount)  # type: ignore[attr-defined]


def _back_on_waitlist(session: Session, pair: Pair) -> None:
    """Both partners of a pair that ended wait for the next round, for the same reason."""
    _set_waitlist(
        session, pair.cohort_id, {pair.mentor_user_id: CLOSED, pair.mentee_user_id: CLOSED}
    )


def _update_returning(session: Session, condition: Any, **values: Any) -> list[Pair]:
    rows = session.execute(
        update(Pair).where(condition).values(**values).returning(Pair),
        execution_options={"synchronize_session": False},
    )
    return sorted(rows.scalars(), key=lambda pair: pair.id or 0)


def current_pair(session: Session, team_id: str, user_id: str) -> Pair | None:
    """The person's newest pair that is invited or active, if any."""
    return session.exec(_engaged(team_id, user_id)).first()


def current_pairs(session: Session, team_id: str, user_id: str) -> list[Pair]:
    """All of the person's invited or active pairs, newest first (a mentor may have several)."""
    return list(session.exec(_engaged(team_id, user_id)))


def _engaged(team_id: str, user_id: str) -> Any:
    return (
        select(Pair)
        .where(
            Pair.team_id == team_id,
            or_(col(Pair.mentor_user_id) == user_id, col(Pair.mentee_user_id) == user_id),
            col(Pair.state).in_(ENGAGED),
        )
        .order_by(col(Pair.id).desc())
    )


def rematch(session: Session, pair: Pair, now: datetime) -> bool:
    """End an active pair at a partner's request; False if it had already ended."""
    return end_early(session, pair, now, (PairState.ACTIVE,))


def end_early(
    session: Session, pair: Pair, now: datetime, states: tuple[PairState, ...] = ENGAGED
) -> bool:
    """End a pair in one of `states` before its time (a rematch, or a partner who left), both
    partners back on the waitlist; False if it was no longer in one of them."""
    ended = changed(
        session,
        update(Pair)
        .where(col(Pair.id) == pair.id, col(Pair.state).in_(states))
        .values(state=PairState.REMATCHED, decided_at=now),
    )
    if not ended:
        return False
    _back_on_waitlist(session, pair)
    return True
