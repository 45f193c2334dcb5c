"""The one friendly reminder for a survey left unfinished for two days."""

import logging
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.messages import t
from handlers.survey_views import reminder_message
from storage import outbox, profiles
from storage.models import OutboxKind

log = logging.getLogger(__name__)

QUIET_FOR = timedelta(hours=48)


def queue_survey_reminders(session: Session, now: datetime) -> int:
    """Queue a reminder for each person whose survey has waited `QUIET_FOR`; never a second one.

    The outbox sends it inside the person's working hours and drops it if they finish first.
    """
    queued = 0
    for participant in profiles.claim_reminders(session, now, QUIET_FOR):
        outbox.enqueue(
            session,
            team_id=participant.team_id,
            kind=OutboxKind.SURVEY_REMINDER,
            text=t(participant.locale, "survey.reminder"),
            blocks=reminder_message(participant.locale, participant.slack_user_id),
            due_at=now,
            recipient_user_id=participant.slack_user_id,
        )
        queued += 1
    if queued:
        log.info("queued %s survey reminders", queued)
    return queued
