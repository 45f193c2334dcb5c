"""Storage on SQLite and PostgreSQL: UTC timestamps, one open cohort, safe concurrent joins."""

import threading
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, StatementError
from sqlmodel import select

from storage import participants
from storage.db import session_factory
from storage.models import Cohort, Lead, Participant, Workspace
from storage.programs import ensure_current_cohort

TEAM = "T0STORAGE"


def test_timestamps_come_back_timezone_aware_in_utc(engine: Engine) -> None:
    sessions = session_factory(engine)
    berlin_time = datetime(2026, 11, 24, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    with sessions() as session:
        participants.join(session, TEAM, "U1", now=berlin_time, locale=None, timezone=None)
    with sessions() as session:
        stored = session.exec(select(Participant)).one()

    assert stored.joined_at == datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    assert stored.joined_at.tzinfo == UTC


def test_a_naive_timestamp_is_refused(engine: Engine) -> None:
    sessions = session_factory(engine)
    with pytest.raises(StatementError), sessions() as session:
        participants.join(
            session, TEAM, "U1", now=datetime(2026, 11, 24, 12, 0), locale=None, timezone=None
        )
    with sessions() as session:
        assert session.exec(select(Participant)).all() == []


def test_at_most_one_cohort_per_program_is_open(engine: Engine) -> None:
    sessions = session_factory(engine)
    with sessions() as session:
        first = ensure_current_cohort(session, TEAM, date(2026, 11, 21))
    with pytest.raises(IntegrityError), sessions() as session:
        session.add(
            Cohort(
                program_id=first.program_id,
                name="second",
                starts_on=date(2027, 1, 1),
                ends_on=date(2027, 6, 1),
            )
        )
    with sessions() as session:
        assert ensure_current_cohort(session, TEAM, date(2026, 12, 1)).id == first.id


def test_the_first_cohort_gets_sensible_defaults(engine: Engine) -> None:
    with session_factory(engine)() as session:
        cohort = ensure_current_cohort(session, TEAM, date(2026, 11, 21))

    assert cohort.starts_on == date(2026, 11, 21)
    assert cohort.ends_on == date(2027, 5, 22)
    assert (cohort.cadence, cohort.timezone, cohort.open_for_joining) == ("biweekly", "UTC", True)


def test_concurrent_joins_of_the_same_person_make_one_participant(engine: Engine) -> None:
    sessions = session_factory(engine)
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    with sessions() as session:
        ensure_current_cohort(session, TEAM, now.date())
    outcomes = _four_joins_at_once(engine, now)

    with sessions() as session:
        assert len(session.exec(select(Participant)).all()) == 1
    assert sorted(outcomes) == [False, False, False, True]


def test_a_failure_after_joining_rolls_the_join_back(engine: Engine) -> None:
    sessions = session_factory(engine)
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    with pytest.raises(RuntimeError), sessions() as session:
        participants.join(session, TEAM, "U1", now=now, locale=None, timezone=None)
        raise RuntimeError("the welcome could not be queued")

    with sessions() as session:
        assert session.exec(select(Participant)).all() == []
        assert session.exec(select(Cohort)).all() == []


def test_simultaneous_rejoins_after_leaving_welcome_the_person_once(engine: Engine) -> None:
    sessions = session_factory(engine)
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    with sessions() as session:
        membership, _ = participants.join(session, TEAM, "U1", now=now, locale=None, timezone=None)
        participants.leave(session, membership, now)
    assert sorted(_four_joins_at_once(engine, now)) == [False, False, False, True]


def _four_joins_at_once(engine: Engine, now: datetime) -> list[bool]:
    """Four threads join the same person at the same moment; whether each one was new."""
    sessions = session_factory(engine)
    start = threading.Barrier(4)
    outcomes: list[bool] = []

    def join() -> None:
        start.wait()
        with sessions() as session:
            _, newly = participants.join(session, TEAM, "U1", now=now, locale=None, timezone=None)
        outcomes.append(newly)

    threads = [threading.Thread(target=join) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_a_database_error_never_quotes_the_values_it_was_given(engine: Engine) -> None:
    secret = "xoxb-never-in-a-log"  # a value that is no key (PostgreSQL names a clashing key)
    sessions = session_factory(engine)
    with sessions() as session:
        session.add(Workspace(team_id="T0DUP"))
        session.flush()
        session.add(Lead(team_id="T0DUP", user_id="U0LEAD", added_by="U0LEAD"))
    with pytest.raises(IntegrityError) as failed, sessions() as session:
        session.add(Lead(team_id="T0DUP", user_id="U0LEAD", added_by=secret))
        session.flush()

    assert secret not in str(failed.value)
