"""Nudge benchmark: 10,000 active pairs all due at the same minute, sent through the real tick
(check-in claim, outbox, pacing, slack_sdk's retry of 429s) to the local Slack stand-in, which
answers 1 call in 50 with HTTP 429 and `Retry-After: 1`; then the cost of a tick with nothing
due and 100,000 pairs in the database, on SQLite and (when reachable) PostgreSQL.

Duplicates and losses are counted from the stand-in's own record; the rate from its timestamps.

    make bench-nudges
    python bench/nudges.py --pairs 2000 --idle-pairs 20000
"""

import argparse
import json
import statistics
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlmodel import SQLModel

from bot.app import build_services, build_web_client
from bot.config import Settings
from bot.scheduler import run_tick
from handlers.nudges import nudge_due
from handlers.services import Services
from handlers.workspace_clients import OneWorkspace
from storage.db import create_schema, make_engine, session_factory
from tests.fakes.many_pairs import add_active_pairs
from tests.fakes.slack_api import BOT_TOKEN, TEAM_ID, SlackStandIn
from tests.fakes.slack_requests import SIGNING_SECRET

DUE = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)  # a Thursday noon: inside everyone's hours
RATE_CAP = 200
"""Messages per second the bench allows the bot in the workspace (SLACK_SEND_RATE)."""
POSTGRES_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/"
BENCH_DATABASE = "mentoring_bench"
"""A database of its own, so that the bench never touches the test suite's."""
IDLE_TICKS = 50


def services_for(engine: Engine, standin: SlackStandIn, rate: int) -> tuple[Services, OneWorkspace]:
    settings = Settings(
        bot_token=BOT_TOKEN,
        signing_secret=SIGNING_SECRET,
        app_token=None,
        database_url=engine.url.render_as_string(hide_password=False),
        slack_api_url=standin.api_url,
        program_leads=frozenset(),
        port=0,
        log_level="WARNING",
        send_rate=rate,
    )
    services = build_services(settings, session_factory(engine))
    return services, OneWorkspace(build_web_client(settings, services.delivery.pacer))


def send_all(pairs: int) -> dict[str, float | int]:
    """Tick back to back, as the scheduler would after a backlog, until every nudge is out."""
    with tempfile.TemporaryDirectory() as folder, SlackStandIn(rate_limit_every=50) as standin:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        create_schema(engine)
        services, clients = services_for(engine, standin, RATE_CAP)
        with services.sessions() as session:
            channels = add_active_pairs(session, TEAM_ID, pairs, DUE)
        standin.channels.update(channels)
        started = time.perf_counter()
        ticks = 0
        while sum(1 for c in standin.calls if c.ok and c.method == "chat.postMessage") < pairs:
            now = DUE + timedelta(seconds=time.perf_counter() - started)
            run_tick(services, clients, now)
            ticks += 1
            if time.perf_counter() - started > 3600:
                break
        seconds = time.perf_counter() - started
        posts = [c for c in standin.calls if c.method == "chat.postMessage"]
        sent = Counter(c.args["channel"] for c in posts if c.ok)
        times = sorted(c.at for c in posts)
        return {
            "seconds": round(seconds, 2),
            "ticks": ticks,
            "calls": len(standin.calls),
            "post_calls": len(posts),
            "rate_limited": sum(1 for c in posts if c.status == 429),
            "send_rate": round(len(sent) / seconds, 1),
            "max_calls_in_any_second": _max_in_window(times, 1.0),
            "duplicates": sum(count - 1 for count in sent.values()),
            "lost": sum(1 for channel in channels if channel not in sent),
        }


def _max_in_window(times: list[float], window: float) -> int:
    best, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def idle_tick_ms(engine: Engine, pairs: int) -> tuple[float, float]:
    """Median milliseconds, with `pairs` pairs in the database and nothing due, of the tick's
    nudge work (the due check-ins' claim and the outbox's) and of the whole tick (which also
    ends pauses, forgets old event IDs, reminds about surveys and introductions)."""
    with SlackStandIn() as standin:
        SQLModel.metadata.drop_all(engine)
        create_schema(engine)
        services, clients = services_for(engine, standin, RATE_CAP)
        with services.sessions() as session:
            add_active_pairs(session, TEAM_ID, pairs, DUE + timedelta(days=7))
        nudging, whole = [], []
        for _ in range(IDLE_TICKS):
            started = time.perf_counter()
            nudge_due(services, clients, DUE)
            services.delivery.deliver(clients, DUE)
            nudging.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            run_tick(services, clients, DUE)
            whole.append((time.perf_counter() - started) * 1000)
        assert not standin.calls, "an idle tick must not call Slack"
        return round(statistics.median(nudging), 2), round(statistics.median(whole), 2)


def bench_database(name: str = BENCH_DATABASE, *, afresh_from: str | None = None) -> Engine:
    """A bench's own PostgreSQL database, created on first use; with `afresh_from`, dropped and
    made again as a copy of that database (`template1`: an empty one)."""
    server = create_engine(POSTGRES_SERVER + "postgres", isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if afresh_from is not None:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
        ).first()
        if exists is None:
            connection.execute(
                text(f"CREATE DATABASE {name} TEMPLATE {afresh_from or 'template1'}")
            )
    server.dispose()
    return make_engine(POSTGRES_SERVER + name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--idle-pairs", type=int, default=100_000)
    args = parser.parse_args()
    sending = send_all(args.pairs)
    print(f"{args.pairs} nudges due at once, cap {RATE_CAP}/s, stand-in 429s 1 call in 50:")
    for key, value in sending.items():
        print(f"  {key:>24}: {value}")
    with tempfile.TemporaryDirectory() as folder:
        sqlite = make_engine(f"sqlite:///{Path(folder) / 'idle.db'}")
        idle_sqlite, full_sqlite = idle_tick_ms(sqlite, args.idle_pairs)
    try:
        postgres = bench_database()
    except OperationalError as error:  # no PostgreSQL here: say so, measure the rest
        print(f"  PostgreSQL not measured: {type(error).__name__}")
        idle_postgres = full_postgres = None
    else:
        idle_postgres, full_postgres = idle_tick_ms(postgres, args.idle_pairs)
        SQLModel.metadata.drop_all(postgres)
    print(f"idle tick with {args.idle_pairs} pairs, nudge work (target: under 5 ms):")
    print(f"  SQLite {idle_sqlite} ms, PostgreSQL {idle_postgres} ms")
    print(f"  the whole tick: SQLite {full_sqlite} ms, PostgreSQL {full_postgres} ms")
    print(
        json.dumps(
            {
                "bench": "nudges",
                "pairs": args.pairs,
                "seconds": sending["seconds"],
                "calls": sending["calls"],
                "send_rate": sending["send_rate"],
                "rate_cap": RATE_CAP,
                "max_calls_in_any_second": sending["max_calls_in_any_second"],
                "duplicates": sending["duplicates"],
                "lost": sending["lost"],
                "idle_tick_ms": idle_sqlite,
                "idle_tick_ms_postgres": idle_postgres,
                "idle_full_tick_ms": full_sqlite,
                "idle_full_tick_ms_postgres": full_postgres,
            }
        )
    )


if __name__ == "__main__":
    main()
