"""APScheduler wiring: one short interval tick; the schedule itself lives in the database."""

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from apscheduler.schedulers.background import BackgroundScheduler

from handlers.delivery import DeliveryReport
from handlers.introductions import handle_unanswered
from handlers.nudges import nudge_due
from handlers.reflections import queue_reflection_reminders
from handlers.scheduled_digests import send_due_digests
from handlers.services import Services
from handlers.survey_reminders import queue_survey_reminders
from handlers.wins_posts import post_due_wins
from handlers.workspace_clients import WorkspaceClients
from storage import events, participants, retention, roster
from storage.models import utcnow

log = logging.getLogger(__name__)

T = TypeVar("T")

TICK_SECONDS = 60
EVENT_MEMORY = timedelta(days=1)


def run_tick(services: Services, clients: WorkspaceClients, now: datetime) -> DeliveryReport:
    """One tick: end the pauses whose date has come, forget old event IDs and the invitations of
    people who never joined, queue survey and reflection reminders, remind about or lapse
    unanswered introductions, queue due check-in nudges and wins posts, send scheduled digests,
    deliver the outbox; then delete the reflections and wins whose retention period is over.

    A step that fails (the database gone for a moment) is logged and the others still run;
    each step's writes are whole transactions, so the next tick finds the work it left undone.
    """
    _step("reminders", lambda: _bookkeeping(services, now))
    _step("introductions", lambda: handle_unanswered(services, clients, now))
    _step("nudges", lambda: nudge_due(services, clients, now))
    _step("wins posts", lambda: post_due_wins(services, clients, now))
    _step("digests", lambda: send_due_digests(services, clients, now))
    report = _step("delivery", lambda: services.delivery.deliver(clients, now))
    _step("retention", lambda: retention.delete_expired(services.sessions, now))
    return report or DeliveryReport()


def _bookkeeping(services: Services, now: datetime) -> None:
    with services.sessions() as session:
        participants.end_expired_pauses(session, now)
        events.forget_before(session, now - EVENT_MEMORY)
        roster.forget_unanswered(session, now)
        queue_survey_reminders(session, now)
        queue_reflection_reminders(session, now)


def _step(name: str, work: Callable[[], T]) -> T | None:
    """Run one step of the tick; a failure is logged (never with values: see storage.db)."""
    try:
        return work()
    except Exception:
        log.exception("tick step %s failed; the next tick tries again", name)
        return None


def build_ticker(
    services: Services, clients: WorkspaceClients, seconds: int = TICK_SECONDS
) -> BackgroundScheduler:
    """The background tick, not yet started; it holds no domain state."""
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(
        lambda: _timed_tick(services, clients),
        "interval",
        seconds=seconds,
        id="outbox-tick",
        max_instances=1,
        coalesce=True,
        next_run_time=utcnow(),
    )
    return scheduler


def _timed_tick(services: Services, clients: WorkspaceClients) -> None:
    started = time.perf_counter()
    report = run_tick(services, clients, utcnow())
    log.debug("tick done in %.0f ms: %s", (time.perf_counter() - started) * 1000, report)
