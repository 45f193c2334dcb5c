"""A person leaves the program (by choice, by asking to be erased, or deactivated in Slack) while
invited to a pair or in one: the pair ends, the partner is told kindly, without the person's name
or any reason, that they are on the waitlist for a new match, and the leads are told so that they
can match the partner again soon."""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.messages import t
from bot.mrkdwn import escape
from handlers.introductions import Stale, cohort_people, stored_locale, withdraw_invites
from handlers.locale import LeadLocales, leads_in
from handlers.match_blocks import partner_of
from storage import outbox, pairs
from storage.models import Cohort, OutboxKind, Pair, PairState

log = logging.getLogger(__name__)


@dataclass
class Ended:
    """What ending a person's pairs queued: messages to send, introductions whose buttons must
    go (see `introductions.update_stale`), and how many pairs ended."""

    send: list[int] = field(default_factory=list)
    stale: Stale = field(default_factory=list)
    pairs: int = 0


class Departure(StrEnum):
    """Why the person is gone; the leads' message says it (never the partner's)."""

    LEFT = "left"
    ERASED = "erased"
    DEACTIVATED = "deactivated"


def end_pairs_of(
    session: Session,
    team_id: str,
    user_id: str,
    why: Departure,
    lead_locale: LeadLocales,
    now: datetime,
) -> Ended:
    """End every invited or active pair of the person (a mentor may have several)."""
    ended = Ended()
    for pair in pairs.current_pairs(session, team_id, user_id):
        if pairs.end_early(session, pair, now):  # else another request ended it just now
            _tell(session, pair, user_id, why, lead_locale, now, ended)
    return ended


def _tell(
    session: Session,
    pair: Pair,
    user_id: str,
    why: Departure,
    lead_locale: LeadLocales,
    now: datetime,
    ended: Ended,
) -> None:
    """Queue the partner's and the leads' messages about one ended pair."""
    team_id, was_active = pair.team_id, pair.state == PairState.ACTIVE
    partner = partner_of(pair, user_id)
    tell_partner = was_active
    if not was_active:  # an introduction: the partner hears of it only if they saw theirs
        stale, saw_it = withdraw_invites(session, pair, [user_id, partner])
        ended.stale += [entry for entry in stale if entry[4] == partner]
        tell_partner = partner in saw_it
    if tell_partner:
        locale = stored_locale(cohort_people(session, pair.cohort_id, [partner]), partner)
        key = "departure.partner_active" if was_active else "departure.partner_invited"
        ended.send.append(
            outbox.dm(
                session,
                team_id=team_id,
                kind=OutboxKind.PAIR_CLOSED,
                user_id=partner,
                text=t(locale, key),
                now=now,
            )
        )
    cohort = session.get(Cohort, pair.cohort_id)
    assert cohort is not None
    for lead in leads_in(lead_locale, team_id):
        text = t(
            lead_locale[(team_id, lead)],
            f"lead.departure_{why.value}",
            cohort=escape(cohort.name),
            person=user_id,
            partner=partner,
        )
        ended.send.append(outbox.alert_lead(session, team_id, lead, text, now))
    ended.pairs += 1
    log.info("pair %s ended: a partner %s", pair.id, why.value)
