"""What listeners need besides Bolt's arguments: storage, outbox delivery, leads, the clock."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from handlers.delivery import OutboxDelivery
from storage.db import SessionFactory
from storage.models import utcnow


@dataclass(frozen=True)
class Services:
    """Shared by every listener and the scheduler tick; built once in `bot.app`."""

    sessions: SessionFactory
    delivery: OutboxDelivery
    leads: frozenset[str] = frozenset()
    now: Callable[[], datetime] = field(default=utcnow)
