"""Remembered Events API deliveries, so that a retried or duplicated event has one effect."""

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col

from storage.models import ProcessedEvent
from storage.once import insert_once


def first_delivery(session: Session, event_id: str, team_id: str, now: datetime) -> bool:
    """Record the event; False if it was recorded before (a retry or a second replica)."""
    return insert_once(session, ProcessedEvent(event_id=event_id, team_id=team_id, received_at=now))


def forget_before(session: Session, cutoff: datetime) -> None:
    """Drop records older than any retry Slack still makes (it gives up within about an hour)."""
    session.execute(delete(ProcessedEvent).where(col(ProcessedEvent.received_at) < cutoff))
