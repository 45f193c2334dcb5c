"""What the outbox does once a wins post reached its channel: the wins are posted, and each author
is told (in their own language, through the outbox)."""

from datetime import datetime

from sqlmodel import Session, col, select

from bot.messages import t
from storage import outbox, wins
from storage.models import OutboxKind, OutboxMessage, Participant


def wins_delivered(session: Session, message: OutboxMessage, channel: str, now: datetime) -> None:
    """The post reached its channel: its wins are posted, and each author is told."""
    posted = wins.posted(session, message.id or 0, now)
    locales = {
        person.slack_user_id: person.locale
        for person in session.exec(
            select(Participant).where(
                col(Participant.cohort_id).in_({win.cohort_id for win in posted}),
                col(Participant.slack_user_id).in_({win.author_user_id for win in posted}),
            )
        )
    }
    for win in posted:
        outbox.dm(
            session,
            team_id=win.team_id,
            kind=OutboxKind.WIN_POSTED,
            user_id=win.author_user_id,
            text=t(locales.get(win.author_user_id), "win.posted", channel=channel, text=win.text),
            now=now,
        )
