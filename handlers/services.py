"""What listeners need besides Bolt's arguments: storage, outbox delivery, leads, the clock, and a
way to run slow work after `ack()`."""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.pseudonyms import Pseudonyms
from handlers.delivery import OutboxDelivery
from storage.db import SessionFactory
from storage.leads import Leads
from storage.models import utcnow

log = logging.getLogger(__name__)

Job = Callable[[], None]


def in_a_thread(job: Job) -> None:
    """Run `job` in a thread of its own; its errors are logged (the job tells people itself).
    Not a daemon: a process told to stop (SIGTERM) finishes the job before it exits."""

    def run() -> None:
        try:
            job()
        except Exception:
            log.exception("background job failed")

    threading.Thread(target=run, name="background-job").start()


@dataclass(frozen=True)
class Services:
    """Shared by every listener and the scheduler tick; built once in `bot.app`."""

    sessions: SessionFactory
    delivery: OutboxDelivery
    leads: Leads
    pseudonyms: Pseudonyms
    now: Callable[[], datetime] = field(default=utcnow)
    in_background: Callable[[Job], None] = field(default=in_a_thread)
