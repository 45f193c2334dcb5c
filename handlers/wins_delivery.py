"""What the outbox does once a wins post reached its channel: the wins are posted, and each author
is told (in their own language, through the outbox), unless they asked to be erased meanwhile."""

from datetime import datetime

from sqlmodel import Session

from bot.messages import t
from bot.pseudonyms import is_pseudonym
from storage import outbox, wins
from storage.models import OutboxKind, OutboxMessage


def wins_delivered(session: Session, message: OutboxMessage, channel: str, now: datetime) -> None:
    """The post reached its channel: its wins are posted, and each author is told (an erased
    author's win stays posted, under their pseudonym: there is nobody to tell)."""
    posted = wins.posted(session, message.id or 0, now)
    locales = wins.author_locales(session, posted)
    for win in posted:
        if is_pseudonym(win.author_user_id):
            continue
        outbox.dm(
            session,
            team_id=win.team_id,
            kind=OutboxKind.WIN_POSTED,
            user_id=win.author_user_id,
            text=t(locales.get(win.author_user_id), "win.posted", channel=channel, text=win.text),
            now=now,
        )
