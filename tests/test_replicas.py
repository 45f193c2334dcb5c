"""Two real servers (`python -m bot serve`) on loopback share one PostgreSQL database, as two
replicas behind a load balancer would: an event delivered to both has one effect, and what their scheduler ticks
send (queued messages, a scheduled digest) goes out exactly once."""

import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from bot.messages import t
from storage import outbox
from storage.models import OutboxKind, utcnow
from tests.conftest import POSTGRES_URL
from tests.fakes.bot_harness import BotHarness
from tests.fakes.bot_process import (
    LogLines,
    bot_process,
    free_port,
    post,
    until,
    wait_for_port,
)
from tests.fakes.slack_api import SlackStandIn
from tests.fakes.workspace import LEAD, PEOPLE

ROOT = Path(__file__).resolve().parent.parent
QUEUED = 2 * len(PEOPLE)
"""Two DMs to each person: Slack takes one message a second per channel, so more only waits."""


@pytest.fixture
def replicas(slack: SlackStandIn, postgres_engine: Engine, tmp_path: Path) -> Iterator[list[int]]:
    """Two servers of two worker processes each, started together, all four ticking at once on
    the same database."""
    ports = [free_port(), free_port()]
    processes = [
        bot_process(
            slack,
            tmp_path,
            *("serve", "--workers", "2", "--port", str(port)),
            DATABASE_URL=POSTGRES_URL or "",
            SLACK_SEND_RATE="1000",
            PROGRAM_LEADS=LEAD.id,
        )
        for port in ports
    ]
    logs = [LogLines(process) for process in processes]  # read as they come: pipes never fill
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_for_port(port, process)
        yield ports
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process, log in zip(processes, logs, strict=True):
            assert process.wait(timeout=30) == 0, "".join(log.raw)[-3000:]


def _seed(slack: SlackStandIn, engine: Engine) -> BotHarness:
    """A cohort whose weekly digest is due today, and messages queued for right now."""
    bot = BotHarness(slack, engine, leads=frozenset({LEAD.id}))
    today = utcnow().astimezone(ZoneInfo("Europe/Berlin"))
    for setting in (
        "timezone Europe/Berlin",
        f"starts {(today - timedelta(days=14)).date()}",
        "digest-every weekly",
        f"digest-day {today.strftime('%A').lower()}",
        "digest-time 00:00",
    ):
        bot.command(LEAD.id, f"cohort set {setting}")
        assert bot.last_reply().startswith(t("de", "cohort.saved")), bot.last_reply()
    with bot.sessions() as session:
        for number in range(QUEUED):
            outbox.enqueue(
                session,
                team_id=slack.team_id,
                kind=OutboxKind.LEAD_ALERT,
                text=f"queued {number}",
                due_at=utcnow() - timedelta(minutes=1),
                recipient_user_id=PEOPLE[number % len(PEOPLE)].id,
                respect_working_hours=False,
            )
    slack.calls.clear()
    return bot


@pytest.fixture
def seeded(slack: SlackStandIn, postgres_engine: Engine) -> BotHarness:
    return _seed(slack, postgres_engine)


def test_two_replicas_send_every_scheduled_message_exactly_once(
    slack: SlackStandIn, seeded: BotHarness, replicas: list[int]
) -> None:
    title = t("de", "digest.title", cohort="Reverse mentoring 2026")

    def posted() -> Counter[str]:
        return Counter(
            str(call.args.get("text"))
            for call in list(slack.calls)
            if call.ok and call.method == "chat.postMessage"
        )

    until(lambda: len([text for text in posted() if text.startswith("queued")]) == QUEUED)
    until(lambda: posted()[title] >= 1)
    time.sleep(1)  # a duplicate from the slower replica would arrive meanwhile

    texts = posted()
    assert all(texts[f"queued {number}"] == 1 for number in range(QUEUED))
    assert texts[title] == 1, "one scheduled digest for the one lead"


def test_an_event_delivered_to_both_replicas_has_one_effect(
    slack: SlackStandIn, seeded: BotHarness, replicas: list[int]
) -> None:
    amira = PEOPLE[2]
    home = {"type": "app_home_opened", "user": amira.id, "tab": "home"}
    first = seeded.requests.event(home, event_id="Ev0REPLICA")
    retry = seeded.requests.event(home, event_id="Ev0REPLICA", retry_num=1)
    statuses: list[int] = []
    both = [
        threading.Thread(target=lambda p=port, r=request: statuses.append(post(p, r)))
        for port, request in zip(replicas, (first, retry), strict=True)
    ]
    for thread in both:
        thread.start()
    for thread in both:
        thread.join()
    until(lambda: bool(slack.calls_to("views.publish")))
    time.sleep(1)  # the other replica's publish, if it made one, would arrive meanwhile

    assert statuses == [200, 200]
    assert [call.args["user_id"] for call in slack.calls_to("views.publish")] == [amira.id]
