"""`/mentoring rematch`: a partner ends their active pair, confidentially."""

import logging

from slack_sdk import WebClient

from bot.messages import t
from bot.mrkdwn import escape
from handlers.introductions import tell_closed
from handlers.locale import person_locale
from handlers.match_blocks import partner_of
from handlers.services import Services
from storage import outbox, pairs
from storage.models import Cohort, OutboxKind

log = logging.getLogger(__name__)


def rematch(
    services: Services, client: WebClient, team_id: str, user_id: str, locale: str | None
) -> str:
    """End the person's active pair: the partner is told kindly, the leads that a rematch was
    asked for (not by whom or why); both go back on the waitlist."""
    now = services.now()
    lead_locales = {
        lead: person_locale(services, client, team_id, lead) for lead in services.leads.of(team_id)
    }
    with services.sessions() as session:
        pair = pairs.current_pair(session, team_id, user_id)
        if pair is None or not pairs.rematch(session, pair, now):
            return t(locale, "rematch.none")
        cohort = session.get(Cohort, pair.cohort_id)
        assert cohort is not None
        send = tell_closed(session, pair, [partner_of(pair, user_id)], now, key="rematch.partner")
        send += [
            outbox.dm(
                session,
                team_id=team_id,
                kind=OutboxKind.LEAD_ALERT,
                user_id=lead,
                text=t(lead_locale, "lead.rematch", cohort=escape(cohort.name)),
                now=now,
            )
            for lead, lead_locale in sorted(lead_locales.items())
        ]
    log.info("pair %s ended by a rematch request", pair.id)
    services.delivery.deliver_due(client, now, ids=send)
    return t(locale, "rematch.done")
