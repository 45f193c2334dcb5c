"""Pair storage: which earlier pairs bar a new proposal, and answers that race."""

import threading
from datetime import UTC, date, datetime

from sqlalchemy import Engine

from storage import pairs
from storage.db import session_factory
from storage.models import Cohort, MatchRound, Pair, PairState
from storage.pairs import AnswerOutcome
from storage.programs import ensure_current_cohort

TEAM = "T1"
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def _pair(engine: Engine, cohort_id: int, mentor: str, mentee: str, state: PairState) -> int:
    with session_factory(engine)() as session:
        round_ = MatchRound(cohort_id=cohort_id, lead_user_id="U0LEAD")
        session.add(round_)
        session.flush()
        assert round_.id is not None
        pair = Pair(
            round_id=round_.id,
            cohort_id=cohort_id,
            team_id=TEAM,
            mentor_user_id=mentor,
            mentee_user_id=mentee,
            score=50,
            state=state,
            invited_at=NOW,
        )
        session.add(pair)
        session.flush()
        assert pair.id is not None
        return pair.id


def _cohorts(engine: Engine) -> tuple[int, int]:
    with session_factory(engine)() as session:
        current = ensure_current_cohort(session, TEAM, date(2026, 11, 1))
        older = Cohort(
            program_id=current.program_id,
            name="2025",
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 6, 30),
            open_for_joining=False,
        )
        session.add(older)
        session.flush()
        assert current.id is not None and older.id is not None
        return current.id, older.id


def test_declined_lapsed_and_rematched_pairs_bar_a_proposal_in_every_cohort(
    engine: Engine,
) -> None:
    current, older = _cohorts(engine)
    for mentor, state in [
        ("U1", PairState.DECLINED),
        ("U2", PairState.TIMED_OUT),
        ("U3", PairState.REMATCHED),
        ("U4", PairState.ACTIVE),
        ("U5", PairState.WITHDRAWN),  # never reached anyone
        ("U6", PairState.PROPOSED),
        ("U7", PairState.DROPPED),  # a lead dropped it in another cohort
    ]:
        _pair(engine, older, mentor, "UX", state)
    _pair(engine, current, "U8", "UX", PairState.DROPPED)

    with session_factory(engine)() as session:
        barred = set(pairs.previous_pairs(session, TEAM, current))

    assert barred == {("U1", "UX"), ("U2", "UX"), ("U3", "UX"), ("U4", "UX"), ("U8", "UX")}


def test_two_partners_accepting_at_the_same_moment_activate_the_pair_once(
    engine: Engine,
) -> None:
    current, _ = _cohorts(engine)
    pair_id = _pair(engine, current, "U1", "U2", PairState.INVITED)
    sessions = session_factory(engine)
    start = threading.Barrier(2)
    outcomes: list[AnswerOutcome] = []

    def accept(user: str) -> None:
        start.wait()
        with sessions() as session:
            outcome, _ = pairs.answer(session, TEAM, pair_id, user, True, NOW)
        outcomes.append(outcome)

    threads = [threading.Thread(target=accept, args=(user,)) for user in ("U1", "U2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == sorted([AnswerOutcome.WAITING, AnswerOutcome.ACTIVE])
    with sessions() as session:
        assert session.get(Pair, pair_id).state == PairState.ACTIVE  # type: ignore[union-attr]
