"""A person Slack no longer counts as a colleague (deactivated, or turned into a guest or a bot)
leaves the program: out of matching, nothing more queued for them, their pair ended (the partner
told kindly, the leads told; see `handlers.departure`), or the leads told on their own when there
was no pair, and one audit entry. The one path both for Slack's `user_change` event and for a DM
Slack refused because its recipient is gone (`handlers.delivery`)."""

import logging
from datetime import datetime

from slack_sdk import WebClient
from sqlmodel import Session

from bot.messages import t
from bot.mrkdwn import escape
from handlers.departure import Departure, end_pairs_of
from handlers.introductions import Stale, update_stale
from handlers.locale import LeadLocales, lead_locales, leads_in
from handlers.services import Services
from handlers.workspace_clients import OneWorkspace
from storage import audit, outbox, participants
from storage.models import AuditAction

log = logging.getLogger(__name__)


def take_out(
    services: Services, client: WebClient, team_id: str, user_id: str, why: str, now: datetime
) -> list[int]:
    """Take the person out of the program (`why`: "deactivated", "guest" or "bot"); returns the
    outbox messages queued for their partner and the leads, to send when convenient. Does
    nothing if they are not taking part (any more). Slack is called only outside the
    transaction (the leads' locales, withdrawing an introduction's buttons)."""
    with services.sessions() as session:
        if not participants.taking_part(session, team_id, user_id):
            return []
    clients = OneWorkspace(client)
    lead_locale = lead_locales(services, clients, [team_id])
    with services.sessions() as session:
        pseudonym = services.pseudonyms.of(team_id, user_id)
        send, stale = _remove(session, team_id, user_id, pseudonym, why, lead_locale, now)
    update_stale(clients, stale)
    return send


def _remove(
    session: Session,
    team_id: str,
    user_id: str,
    pseudonym: str,
    why: str,
    lead_locale: LeadLocales,
    now: datetime,
) -> tuple[list[int], Stale]:
    """Leave every cohort, end the pair and tell whoever needs to know, in one transaction; a
    second removal (a concurrent event, a retried DM) finds nothing left to do. The audit log
    names the person by pseudonym: it is append-only, and they may later ask to be erased."""
    taking_part = participants.taking_part(session, team_id, user_id)
    left = [
        membership for membership in taking_part if participants.leave(session, membership, now)
    ]
    if not left:
        return [], []
    cohort = left[0].cohort
    ended = end_pairs_of(session, team_id, user_id, Departure.DEACTIVATED, lead_locale, now)
    send, stale = ended.send, ended.stale
    if not ended.pairs:
        for lead in leads_in(lead_locale, team_id):
            text = t(
                lead_locale[(team_id, lead)],
                "lead.removed_no_pair",
                person=user_id,
                cohort=escape(cohort.name),
            )
            send.append(outbox.alert_lead(session, team_id, lead, text, now))
    audit.record(
        session,
        team_id,
        audit.BOT_ACTOR,
        AuditAction.PERSON_DEACTIVATED,
        now,
        cohort_id=cohort.id,
        subject=pseudonym,
        details={"reason": why},
    )
    log.info("%s taken out of the program: %s in Slack", user_id, why)
    return send, stale
