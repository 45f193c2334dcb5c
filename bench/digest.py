"""Digest benchmark: a cohort of 10,000 participants with 100,000 check-ins and 100,000
reflections, on SQLite and (when reachable) PostgreSQL. Prints the time to compute the digest's
figures (median of 5), its ratio to a baseline run in the same process (one counting pass over the
same check-ins and reflections), the SQL statements it ran, and the whole package a lead receives
(figures, per-pair CSV and chart PNG); ends with one JSON line.

    make bench-digest
    python bench/digest.py --participants 2000
"""

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, func, insert, select
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, SQLModel, col

from bench.nudges import bench_database
from bot.digest import chart_series
from bot.digest_chart import chart_png
from bot.digest_csv import pairs_csv
from storage import digest as digests
from storage.db import create_schema, make_engine
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
)
from storage.programs import ensure_current_cohort

TEAM = "T0BENCH"
NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
CHECKINS_PER_PAIR = 20
REFLECTED_PER_PAIR = 10
"""Check-ins per pair with a reflection from each partner: 100,000 for 5,000 pairs."""
RUNS = 5


def populate(engine: Engine, participants: int, seed: int = 7) -> int:
    """Write the cohort with bulk inserts; returns its ID."""
    rng = random.Random(seed)
    with Session(engine) as session:
        cohort = ensure_current_cohort(session, TEAM, date(2025, 11, 1))
        cohort.ends_on = date(2027, 1, 1)
        session.add(cohort)
        session.flush()
        departments = list(session.exec(select(Department.id)).scalars())
        topics = list(session.exec(select(Topic.id)).scalars())
        matching = MatchRound(cohort_id=cohort.id or 0, lead_user_id="U0LEAD", state="approved")
        session.add(matching)
        session.commit()
        cohort_id, round_id = cohort.id or 0, matching.id or 0
    users = [f"U{number:08d}" for number in range(participants)]
    with engine.begin() as connection:
        rows = connection.execute(
            insert(Participant).returning(Participant.id),
            [
                {
                    "cohort_id": cohort_id,
                    "team_id": TEAM,
                    "slack_user_id": user,
                    "status": "active",
                    "timezone": "UTC",
                    "names": [user.lower()],
                    "survey_completed_at": NOW if rng.random() < 0.9 else None,
                    "joined_at": NOW - timedelta(days=300),
                    "work_start": datetime.min.time().replace(hour=9),
                    "work_end": datetime.min.time().replace(hour=17),
                }
                for user in users
            ],
            # several rows per statement with RETURNING on both databases
        ).scalars()
        participant_ids = list(rows)
        connection.execute(
            insert(Profile),
            [
                {
                    "participant_id": pid,
                    "department_id": rng.choice(departments) if rng.random() < 0.97 else None,
                    "department_other": None,
                    "meeting_days": 31,
                    "meeting_formats": 1,
                }
                for pid in participant_ids
            ],
        )
        pairs = [(users[i], users[i + 1]) for i in range(0, participants - 1, 2)]
        pair_ids = list(
            connection.execute(
                insert(Pair).returning(Pair.id),
                [
                    {
                        "round_id": round_id,
                        "cohort_id": cohort_id,
                        "team_id": TEAM,
                        "mentor_user_id": mentor,
                        "mentee_user_id": mentee,
                        "score": 80,
                        "reasons": [],
                        "state": "active",
                        "missed_in_row": 0,
                        "active_since": NOW - timedelta(days=290),
                        "at_risk_since": NOW if rng.random() < 0.05 else None,
                    }
                    for mentor, mentee in pairs
                ],
            ).scalars()
        )
        checkins = []
        for pair_id in pair_ids:
            for number in range(1, CHECKINS_PER_PAIR + 1):
                state = rng.choice(("met", "met", "met", "skipped", "missed"))
                due = NOW - timedelta(days=14 * (CHECKINS_PER_PAIR - number + 1))
                checkins.append(
                    {
                        "pair_id": pair_id,
                        "team_id": TEAM,
                        "number": number,
                        "state": state,
                        "due_at": due,
                        "answered_at": due if state == "met" else None,
                    }
                )
        checkin_ids = list(
            connection.execute(insert(CheckIn).returning(CheckIn.id), checkins).scalars()
        )
        reflections = []
        for index, (pair_id, (mentor, mentee)) in enumerate(zip(pair_ids, pairs, strict=True)):
            for number in range(REFLECTED_PER_PAIR):
                checkin_id = checkin_ids[index * CHECKINS_PER_PAIR + number]
                for author in (mentor, mentee):
                    reflections.append(
                        {
                            "checkin_id": checkin_id,
                            "pair_id": pair_id,
                            "cohort_id": cohort_id,
                            "team_id": TEAM,
                            "author_user_id": author,
                            "topic_id": rng.choice(topics),
                            "asked_at": NOW - timedelta(days=100),
                            "submitted_at": NOW - timedelta(days=rng.randint(1, 99)),
                            "learned": "private",
                            "progress": rng.randint(1, 5),
                            "confidence": rng.randint(1, 5),
                        }
                    )
        reflection_ids = list(
            connection.execute(insert(Reflection).returning(Reflection.id), reflections).scalars()
        )
        connection.execute(
            insert(Win),
            [
                {
                    "reflection_id": reflection_id,
                    "cohort_id": cohort_id,
                    "team_id": TEAM,
                    "author_user_id": reflections[i]["author_user_id"],
                    "text": "Automated a weekly report",
                    "state": "posted",
                    "created_at": NOW - timedelta(days=20),
                    "posted_at": NOW - timedelta(days=rng.randint(1, 60)),
                }
                for i, reflection_id in enumerate(reflection_ids[::50])
            ],
        )
    return cohort_id


class QueryCounter:
    """Counts the SQL statements an engine runs."""

    def __init__(self, engine: Engine) -> None:
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_: Any) -> None:
        self.count += 1


def scan(session: Session, cohort_id: int) -> None:
    """The baseline: one counting pass over the rows a digest reads (check-ins and reflections)."""
    session.execute(
        select(func.count())
        .select_from(CheckIn)
        .join(Pair, col(Pair.id) == CheckIn.pair_id)
        .where(Pair.cohort_id == cohort_id)
    ).one()
    session.execute(
        select(func.count(), func.avg(Reflection.progress)).where(Reflection.cohort_id == cohort_id)
    ).one()


def measure(engine: Engine, cohort_id: int) -> dict[str, float | int]:
    """Median seconds for the figures, the whole package and the baseline scan; the figures'
    ratio to the baseline; statements per digest."""
    counter = QueryCounter(engine)
    figures, package, baseline = [], [], []
    for _ in range(RUNS):
        with Session(engine) as session:
            started = time.perf_counter()
            scan(session, cohort_id)
            baseline.append(time.perf_counter() - started)
            cohort = session.get(Cohort, cohort_id)
            assert cohort is not None
            counter.count = 0
            started = time.perf_counter()
            digest = digests.digest(session, cohort, NOW - timedelta(days=30), NOW)
            figures.append(time.perf_counter() - started)
            queries = counter.count
            pairs_csv(digests.pair_activity(session, cohort_id))
            chart_png(chart_series(digest.cycles), "en")
            package.append(time.perf_counter() - started)
    return {
        "seconds": round(statistics.median(figures), 3),
        "baseline_seconds": round(statistics.median(baseline), 3),
        "ratio": round(statistics.median(figures) / statistics.median(baseline), 1),
        "package_seconds": round(statistics.median(package), 3),
        "queries": queries,
    }


def run(engine: Engine, participants: int) -> dict[str, float | int]:
    create_schema(engine)
    started = time.perf_counter()
    cohort_id = populate(engine, participants)
    print(f"  populated in {time.perf_counter() - started:.1f} s")
    return measure(engine, cohort_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=10_000)
    args = parser.parse_args()
    print(f"Digest of a cohort of {args.participants:,} participants")
    with tempfile.TemporaryDirectory() as folder:
        print("SQLite:")
        sqlite = run(make_engine(f"sqlite:///{Path(folder) / 'bench.db'}"), args.participants)
        print(f"  {sqlite}")
    postgres: dict[str, float | int] = {}
    try:
        engine = bench_database()
        SQLModel.metadata.drop_all(engine)
        print("PostgreSQL:")
        postgres = run(engine, args.participants)
        print(f"  {postgres}")
        SQLModel.metadata.drop_all(engine)
    except OperationalError as error:
        print(f"PostgreSQL not reachable, skipped: {error.__class__.__name__}")
    print(
        json.dumps(
            {
                "bench": "digest",
                "participants": args.participants,
                "sqlite_seconds": sqlite["seconds"],
                "postgres_seconds": postgres.get("seconds"),
                "queries": sqlite["queries"],
                "sqlite_ratio_to_scan": sqlite["ratio"],
                "postgres_ratio_to_scan": postgres.get("ratio"),
                "sqlite_package_seconds": sqlite["package_seconds"],
                "postgres_package_seconds": postgres.get("package_seconds"),
            }
        )
    )


if __name__ == "__main__":
    main()
