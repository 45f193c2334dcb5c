"""The tick's wins part: at each slot of a cohort's schedule, one anonymised post to its wins
channel, "This week 4 pairs met; wins: …", if at least k people contributed; else the wins wait.

Each slot is claimed once (a unique row per cohort and slot), and the post is queued in the same
transaction that marks its wins as posting: two replicas or a restart never post a win twice. The
outbox sends it; once sent, each author is told; if Slack refuses it for good, the wins wait for
the next post and the leads are told how to fix the channel.
"""

import logging
import random
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.messages import t
from bot.mrkdwn import escape
from bot.wins_schedule import WinsSchedule, latest_slot
from bot.wins_selection import choose_wins
from bot.working_hours import start_of_day
from handlers.locale import lead_locales, leads_in
from handlers.services import Services
from handlers.wins_blocks import wins_post
from handlers.workspace_clients import WorkspaceClients
from storage import outbox, wins
from storage.models import (
    Cohort,
    OutboxKind,
    WinsPost,
    WinsPostState,
)

log = logging.getLogger(__name__)

POST_AFTER_END = timedelta(days=31)
"""A cohort's wins keep being posted this long after it ends (the last sessions' wins)."""
_RANDOM = random.SystemRandom()


def schedule_of(cohort: Cohort) -> WinsSchedule:
    """The cohort's wins schedule."""
    return WinsSchedule(
        every=cohort.wins_every,
        weekday=cohort.wins_weekday,
        at=cohort.wins_time,
        timezone=cohort.timezone,
        starts_on=cohort.starts_on,
    )


def post_due_wins(
    services: Services, clients: WorkspaceClients, now: datetime, rng: random.Random = _RANDOM
) -> int:
    """Handle every cohort whose schedule slot has come; returns how many posts were queued."""
    with services.sessions() as session:
        cohorts = wins.posting_cohorts(session, now.date(), (now - POST_AFTER_END).date())
        handled = wins.last_slots(session)
    due = []
    for cohort, team_id in cohorts:
        slot = latest_slot(schedule_of(cohort), now)
        previous = handled.get(cohort.id or 0)
        if slot is not None and (previous is None or slot > previous):
            due.append((cohort, team_id, slot, previous))
    if not due:
        return 0
    lead_locale = lead_locales(services, clients, [team for _, team, _, _ in due])
    queued = 0
    for cohort, team_id, slot, previous in due:
        with services.sessions() as session:
            start = previous or start_of_day(cohort.starts_on, cohort.timezone)
            post = wins.claim_slot(session, team_id, cohort, slot, start)
            if post is None:
                continue  # another worker has it
            notes = _post(session, cohort, post, rng)
            queued += post.state == WinsPostState.QUEUED
            for lead in leads_in(lead_locale, team_id):
                for key, params in notes:
                    text = t(
                        lead_locale[(team_id, lead)], key, cohort=escape(cohort.name), **params
                    )
                    outbox.alert_lead(session, team_id, lead, text, now)
    return queued


def _post(
    session: Session, cohort: Cohort, post: WinsPost, rng: random.Random
) -> list[tuple[str, dict[str, object]]]:
    """Queue the slot's post, or record why there is none; returns notes for the leads."""
    assert cohort.id is not None
    notes: list[tuple[str, dict[str, object]]] = []
    if not cohort.wins_auto_post and (waiting := wins.awaiting_review(session, cohort.id)):
        notes.append(("lead.wins_waiting", {"count": waiting}))
    met = wins.period(session, cohort.id, post.period_start, post.slot)
    approved = {win.id: win for win in wins.approved(session, cohort.id, before=post.slot)}
    chosen = choose_wins(
        [(win_id or 0, win.author_user_id) for win_id, win in approved.items()], cohort.wins_k, rng
    )
    show_met = met.people_met >= cohort.wins_k
    if not chosen and not show_met:
        post.state = WinsPostState.SKIPPED
        log.info(
            "cohort %s: wins post of %s skipped, fewer than k contributors", cohort.id, post.slot
        )
    elif not cohort.wins_channel:
        post.state = WinsPostState.NO_CHANNEL
        notes.append(("lead.wins_no_channel", {}))
    else:
        text, blocks = wins_post(
            wins.cohort_locales(session, cohort.id),
            escape(cohort.name),
            cohort.wins_every,
            met.pairs_met if show_met else None,
            [approved[win_id].text for win_id in chosen],
        )
        message = outbox.enqueue(
            session,
            team_id=post.team_id,
            kind=OutboxKind.WINS_POST,
            text=text,
            blocks=blocks,
            due_at=post.slot,
            channel_id=cohort.wins_channel,
            respect_working_hours=False,
        )
        post.outbox_id, post.wins = message.id, len(chosen)
        post.pairs_met = met.pairs_met if show_met else 0
        wins.mark_posting(session, [approved[win_id] for win_id in chosen], post)
        log.info("cohort %s: wins post queued with %s wins", cohort.id, len(chosen))
    session.add(post)
    session.flush()
    return notes
