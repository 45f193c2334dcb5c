"""Latency benchmark: how fast `python -m bot serve` acks `/mentoring status` and the "We met"
button over real HTTP on PostgreSQL, next to an empty Bolt app served the same way.

A load generator (`bench.load`, a process of its own) keeps 50 keep-alive connections busy with
signed requests, half status and half a fresh press of We met on a nudged check-in, for 30 s. A run
counts only once the Slack stand-in has received every follow-up those requests cause (Web API
calls and response_url posts, as one request of each kind caused them when calibrating), so work
pushed past `ack()` is measured too: rps is requests / time from the first request to the last
follow-up, and a follow-up still missing after a timeout counts as an error. The bot runs with
2 workers (the headline figures; 2 cores here), then the empty app with 2 workers (the baseline),
then the bot with 1 and 4 workers; each run starts from the same copy of the seeded database.
Ends with one JSON line.

    make bench-latency
    python bench/latency.py --quick
"""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlmodel import Session, col

from bench.nudges import POSTGRES_SERVER, bench_database
from bot.serve import DEFAULT_THREADS
from bot.server import EVENTS_PATH, HEALTH_PATH
from handlers.checkin_blocks import BUTTON_ACTIONS
from storage.checkins import Press
from storage.migrations import upgrade
from storage.models import CheckIn, CheckInState, Pair, Participant
from tests.fakes.bot_process import ROOT, free_port
from tests.fakes.many_pairs import add_active_pairs
from tests.fakes.slack_api import BOT_TOKEN, TEAM_ID, FakeUser, SlackStandIn
from tests.fakes.slack_requests import SIGNING_SECRET, RequestBuilder, SignedRequest

SEED_DATABASE = "mentoring_latency_seed"
RUN_DATABASE = "mentoring_latency"
"""Each run's database: a fresh copy of the seeded one."""
CONCURRENCY = 50
HEADLINE_WORKERS = 2
"""The worker count of the headline figures and the baseline: one per core here."""
STATUS_USERS = 1000
"""People whose `/mentoring status` the load asks, round and round."""
QUIET_SECONDS = 1.0
"""Calibration: a request's follow-ups are complete once none came for this long."""
FOLLOW_UP_TIMEOUT = 30.0
"""After the load, how long the stand-in may wait for the follow-ups still missing."""
ONCE_PER_WORKER = frozenset({"auth.test"})
"""Calls a worker makes on its first request only (Bolt checks the bot token): no follow-up."""
ZONE_MARGIN = timedelta(hours=1)
"""Longer than the whole bench: its runs all fall on the same working day of the partners."""
KINDS = {"status": "status", "met": "We met"}
"""The kinds of request the load sends, with their names in the report."""
MET = BUTTON_ACTIONS[Press.MET]
APPS = {"bot": ["bot", "serve"], "empty": ["bench.empty_app"]}
"""What `python -m` runs for each app the bench serves."""
Result = dict[str, Any]
"""A run's figures."""


@dataclass(frozen=True)
class Seeded:
    """What the seeded database holds for the load: whose status to ask, which presses to make."""

    status_users: list[str]
    presses: list[tuple[str, int, str]]
    """(the presser, a nudged check-in of their pair, the pair's group DM), oldest first."""
    partners: list[str]
    """Each press's other partner, who gets a DM asking for a reflection."""
    zone: str


def weekday_zone(now: datetime) -> str:
    """A fixed-offset zone where it is a weekday from `now` for ZONE_MARGIN at least (UTC if it
    is there), so that the partner's DM after We met goes out at once in every run rather than
    wait for their working week; UTC if there is none (from Saturday 11:00 to Sunday 10:00 UTC),
    where that DM waits."""
    for hours in sorted(range(-12, 15), key=abs):
        local = now + timedelta(hours=hours)
        if local.weekday() < 5 and (local + ZONE_MARGIN).weekday() < 5:
            return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
    return "UTC"


def seed(pairs: int) -> Seeded:
    """Write `pairs` active pairs whose first check-in has just been nudged, their partners
    working all day on a weekday in `weekday_zone`; the database is the template of every run."""
    engine = bench_database(SEED_DATABASE, afresh_from="template1")
    upgrade(engine)  # as the servers would
    now = datetime.now(UTC)
    zone = weekday_zone(now)
    with Session(engine) as session:
        add_active_pairs(session, TEAM_ID, pairs, now + timedelta(days=7))
        session.execute(update(CheckIn).values(state=CheckInState.NUDGED, nudged_at=now))
        session.execute(
            update(Participant).values(
                timezone=zone, work_start=clock(0), work_end=clock(23, 59, 59)
            )
        )
        session.commit()
        rows = session.execute(
            select(
                col(Pair.mentor_user_id),
                col(Pair.mentee_user_id),
                col(CheckIn.id),
                col(Pair.channel_id),
            )
            .join(CheckIn, col(CheckIn.pair_id) == Pair.id)
            .order_by(col(CheckIn.id))
        ).all()
    engine.dispose()  # a template must have no connections
    return Seeded(
        status_users=[mentee for _, mentee, _, _ in rows[:STATUS_USERS]],
        presses=[(mentor, checkin, str(channel)) for mentor, _, checkin, channel in rows],
        partners=[mentee for _, mentee, _, _ in rows],
        zone=zone,
    )


class Server:
    """`python -m MODULE ARGS --workers N --threads T --port P` with the bench's settings, from
    start (healthy) to SIGTERM; its output goes to a file."""

    def __init__(self, module: list[str], workers: int, standin: SlackStandIn, log: Path) -> None:
        self.port = free_port()
        environ = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
        environ.update(
            {
                "PYTHONPATH": str(ROOT),
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": standin.api_url,
                "SLACK_SEND_RATE": "1000",
                "DATABASE_URL": POSTGRES_SERVER + RUN_DATABASE,
                "LOG_LEVEL": "WARNING",  # the access log is INFO
                "PROGRAM_LEADS": "",
            }
        )
        options = ["--workers", str(workers), "--threads", str(DEFAULT_THREADS)]
        self._log = log
        self._process = subprocess.Popen(
            [sys.executable, "-m", *module, *options, "--port", str(self.port)],
            cwd=ROOT,
            env=environ,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )

    def wait_until_healthy(self) -> None:
        """Return once GET /healthz answers 200; SystemExit if the server exits or takes 60 s."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise SystemExit(f"the server exited:\n{self._log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{HEALTH_PATH}") as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)  # waiting for a child process to listen
        raise SystemExit("the server did not become healthy within 60 s")

    def post(self, request: SignedRequest) -> int:
        """Send one request; its HTTP status."""
        sent = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{EVENTS_PATH}",
            data=request.body.encode(),
            headers=request.headers,
        )
        with urllib.request.urlopen(sent) as answer:
            return int(answer.status)

    def stop(self) -> list[str]:
        """SIGTERM, wait for the exit; the lines it wrote above WARNING (errors, tracebacks)."""
        self._process.send_signal(signal.SIGTERM)
        self._process.wait(timeout=60)
        lines = self._log.read_text().splitlines()
        return [line for line in lines if '"level": "WARNING"' not in line]


@dataclass(frozen=True)
class Mark:
    """How much the stand-in had recorded at some moment."""

    calls: int
    responses: int

    @classmethod
    def of(cls, standin: SlackStandIn) -> "Mark":
        return cls(len(standin.calls), len(standin.responses))


def follow_ups(standin: SlackStandIn, since: Mark) -> tuple[Counter[str], int, float]:
    """What the stand-in received since `since`: successful follow-ups by method (a
    response_url post as "response_url"), failed calls, and when the last of them came."""
    calls = [c for c in standin.calls[since.calls :] if c.method not in ONCE_PER_WORKER]
    responses = standin.responses[since.responses :]
    counts = Counter(c.method for c in calls if c.ok)
    if responses:
        counts["response_url"] = len(responses)
    last = max([c.at for c in calls] + [r.at for r in responses], default=0.0)
    return counts, sum(1 for c in calls if not c.ok), last


def calibrate(
    server: Server, standin: SlackStandIn, first: dict[str, SignedRequest]
) -> dict[str, Counter[str]]:
    """The follow-ups one request of each kind causes, once they stopped coming."""
    caused: dict[str, Counter[str]] = {}
    for kind, request in first.items():
        mark = Mark.of(standin)
        if server.post(request) != 200:
            raise SystemExit(f"calibration: the {KINDS[kind]} request was refused")
        seen, quiet_since = Mark.of(standin), time.monotonic()
        while time.monotonic() - quiet_since < QUIET_SECONDS:
            time.sleep(0.05)  # the follow-ups run in the server after the ack
            if Mark.of(standin) != seen:
                seen, quiet_since = Mark.of(standin), time.monotonic()
        counts, failed, _ = follow_ups(standin, mark)
        if failed:
            raise SystemExit(f"calibration: the {KINDS[kind]} request made {failed} failed calls")
        caused[kind] = counts
    return caused


def generate(
    port: int, seconds: float, bodies: dict[str, list[str]], reused: list[str], folder: Path
) -> dict[str, Any]:
    """Run the load generator (the bodies of `reused` kinds round and round, the others once
    each); its results."""
    spec = folder / "load.json"
    spec.write_text(
        json.dumps(
            {
                "port": port,
                "path": EVENTS_PATH,
                "secret": SIGNING_SECRET,
                "seconds": seconds,
                "concurrency": CONCURRENCY,
                "bodies": bodies,
                "reused": reused,
            }
        )
    )
    done = subprocess.run(
        [sys.executable, "-m", "bench.load", str(spec)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    results: dict[str, Any] = json.loads(done.stdout)
    if results["exhausted"]:
        raise SystemExit("the load ran out of nudged check-ins: seed more with --pairs")
    return results


def figures(answers: list[tuple[int, float]]) -> dict[str, Any]:
    """Count, p50, p99 and non-200 answers of some requests."""
    latencies = [ms for _, ms in answers]
    return {
        "requests": len(answers),
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(statistics.quantiles(latencies, n=100, method="inclusive")[98], 1),
        "errors": sum(1 for status, _ in answers if status != 200),
    }


def measure(app: str, workers: int, seconds: float, seeded: Seeded, folder: Path) -> Result:
    """One run: serve `app` on a fresh copy of the seeded database, calibrate, load it, wait for
    the follow-ups; its figures."""
    bench_database(RUN_DATABASE, afresh_from=SEED_DATABASE).dispose()
    partners = [FakeUser(user, user.lower(), user) for user in seeded.partners]
    channels = {channel for _, _, channel in seeded.presses}
    with SlackStandIn(users=partners, channels=channels) as standin:
        requests = RequestBuilder(standin)
        status = [requests.slash_command(user, "status") for user in seeded.status_users]
        met = [
            requests.block_action(user, MET, value=str(checkin), channel_id=channel)
            for user, checkin, channel in seeded.presses
        ]
        server = Server(APPS[app], workers, standin, folder / f"{app}-{workers}.log")
        try:
            server.wait_until_healthy()
            caused = calibrate(server, standin, {"status": status[0], "met": met[0]})
            mark = Mark.of(standin)
            load = generate(
                server.port,
                seconds,
                {"status": [r.body for r in status], "met": [r.body for r in met[1:]]},
                ["status"] if app == "bot" else list(KINDS),  # only the bot needs fresh presses
                folder,
            )
            missing = wait_for_follow_ups(standin, mark, caused, load["results"])
        finally:
            problems = server.stop()
    arrived, failed, last = follow_ups(standin, mark)
    answers = [answer for kind in load["results"].values() for answer in kind]
    overall = figures(answers)
    return {
        **overall,
        "rps": round(len(answers) / (max(last, load["last_answered"]) - load["first_sent"]), 1),
        "errors": overall["errors"] + missing + failed,
        "kinds": {kind: figures(load["results"][kind]) for kind in KINDS},
        "caused": {kind: dict(counts) for kind, counts in caused.items()},
        "follow_ups": sum(arrived.values()),
        "missing": missing,
        "failed_calls": failed,
        "drain_s": round(max(0.0, last - load["last_answered"]), 2),
        "generator_busy": load["cpu_seconds"] / (load["last_answered"] - load["first_sent"]),
        "problems": problems,
    }


def wait_for_follow_ups(
    standin: SlackStandIn,
    since: Mark,
    caused: dict[str, Counter[str]],
    results: dict[str, list[tuple[int, float]]],
) -> int:
    """Wait until the stand-in has received, since `since`, the follow-ups of every request
    acked (at most FOLLOW_UP_TIMEOUT); how many are still missing then."""
    expected: Counter[str] = Counter()
    for kind, answers in results.items():
        acked = sum(1 for status, _ in answers if status == 200)
        for method, count in caused[kind].items():
            expected[method] += count * acked
    deadline = time.monotonic() + FOLLOW_UP_TIMEOUT
    while (missing := expected - follow_ups(standin, since)[0]) and time.monotonic() < deadline:
        time.sleep(0.05)  # the servers are still making them
    return sum(missing.values())


def report(app: str, workers: int, seconds: float, result: Result) -> None:
    """The run's figures as a few lines."""
    print(
        f"{app}, {workers} worker(s) x {DEFAULT_THREADS} threads, {CONCURRENCY} connections,"
        f" {seconds:g} s: {result['requests']} requests, {result['rps']} rps,"
        f" p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, errors {result['errors']}"
    )
    for kind, label in KINDS.items():
        counts = result["kinds"][kind]
        caused = ", ".join(f"{n} {m}" for m, n in sorted(result["caused"][kind].items())) or "none"
        print(
            f"  {label:>7}: {counts['requests']} requests, p50 {counts['p50_ms']} ms,"
            f" p99 {counts['p99_ms']} ms, errors {counts['errors']}; follow-ups each: {caused}"
        )
    print(
        f"  follow-ups: {result['follow_ups']} arrived ({result['missing']} missing,"
        f" {result['failed_calls']} failed), the last {result['drain_s']} s after the last answer;"
        f" the load generator kept {result['generator_busy']:.0%} of a core busy"
    )
    if result["problems"]:
        print(
            f"  the server logged {len(result['problems'])} errors, e.g. {result['problems'][0][:300]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="each run's load (default 30)")
    parser.add_argument("--pairs", type=int, default=30_000, help="nudged pairs (default 30,000)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 3 s, 3,000 pairs")
    args = parser.parse_args()
    seconds, pairs = (3.0, 3000) if args.quick else (args.seconds, args.pairs)
    started = time.perf_counter()
    seeded = seed(pairs)
    print(
        f"seeded {pairs:,} pairs with a nudged check-in in {time.perf_counter() - started:.1f} s"
        f" (partners working all day, now {datetime.now(ZoneInfo(seeded.zone)):%A %H:%M} for"
        f" them in {seeded.zone}); {os.cpu_count()} cores, load average"
        f" {os.getloadavg()[0]:.2f} before the runs"
    )
    runs = [("bot", HEADLINE_WORKERS), ("empty", HEADLINE_WORKERS), ("bot", 1), ("bot", 4)]
    results: dict[tuple[str, int], Result] = {}
    with tempfile.TemporaryDirectory() as folder:
        for app, workers in runs:
            results[app, workers] = measure(app, workers, seconds, seeded, Path(folder))
            report(app, workers, seconds, results[app, workers])
    bot, empty = results["bot", HEADLINE_WORKERS], results["empty", HEADLINE_WORKERS]
    print(
        json.dumps(
            {
                "bench": "latency",
                "rps": bot["rps"],
                "p50_ms": bot["p50_ms"],
                "p99_ms": bot["p99_ms"],
                "errors": bot["errors"],
                "baseline_p99_ms": empty["p99_ms"],
                "overhead_ratio": round(bot["p99_ms"] / empty["p99_ms"], 2),
                "rps_by_workers": {
                    str(workers): results["bot", workers]["rps"] for workers in (1, 2, 4)
                },
            }
        )
    )


if __name__ == "__main__":
    main()
