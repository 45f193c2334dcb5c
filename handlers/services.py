"""What listeners need besides Bolt's arguments: storage, outbox delivery, the clock."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.delivery import OutboxDelivery
from storage.db import SessionFactory


def utc_now() -> datetime:
    """The current time in UTC (freezegun moves it in tests)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Services:
    """Shared by every listener; built once in `bot.app.create_app`."""

    sessions: SessionFactory
    delivery: OutboxDelivery
    program_leads: frozenset[str]
    now: Callable[[], datetime] = field(default=utc_now)
