"""Scheduled digests: on each slot of a cohort's digest schedule (e.g. monthly, first Monday
09:00), every lead gets the digest of the period since the previous slot by DM, once; a lead
Slack would not let it reach gets a note through the outbox instead, saying how to ask for it."""

import logging
from datetime import datetime, timedelta

from bot.messages import t
from bot.mrkdwn import escape
from bot.wins_schedule import WinsSchedule, latest_slot
from handlers.digest import compute_digest, deliver_digest
from handlers.locale import person_locale
from handlers.services import Services
from handlers.workspace_clients import WorkspaceClients
from storage import audit, digest_runs, outbox
from storage.audit import BOT_ACTOR
from storage.models import AuditAction, Cohort

log = logging.getLogger(__name__)

FIRST_PERIOD = timedelta(days=31)
"""The period of a cohort's first scheduled digest."""


def schedule_of(cohort: Cohort) -> WinsSchedule:
    """The cohort's digest schedule (the caller checked it has one)."""
    assert cohort.digest_every is not None
    return WinsSchedule(
        every=cohort.digest_every,
        weekday=cohort.digest_weekday,
        at=cohort.digest_time,
        timezone=cohort.timezone,
        starts_on=cohort.starts_on,
    )


def send_due_digests(services: Services, clients: WorkspaceClients, now: datetime) -> int:
    """Send the digests whose slot has come; returns how many slots were handled here."""
    with services.sessions() as session:
        cohorts = digest_runs.scheduled_cohorts(session, now.date())
        handled = digest_runs.last_slots(session) if cohorts else {}
    sent = 0
    for cohort, team_id in cohorts:
        assert cohort.id is not None
        name = escape(cohort.name)
        slot, previous = latest_slot(schedule_of(cohort), now), handled.get(cohort.id)
        client = clients.for_team(team_id)
        if client is None or slot is None or (previous is not None and slot <= previous):
            continue
        with services.sessions() as session:
            run = digest_runs.claim(session, cohort, team_id, slot)
            run_id = run.id if run else None
        if run_id is None:
            continue  # another worker has it
        reached, missed = 0, []
        try:  # computed once, rendered in each lead's language
            package = compute_digest(services, cohort.id, previous or slot - FIRST_PERIOD, slot)
            for lead in sorted(services.leads.of(team_id)):
                locale = person_locale(services, client, team_id, lead)
                error = deliver_digest(client, package, lead, locale)
                if error is None:
                    reached += 1
                else:
                    missed.append(
                        (lead, t(locale, "digest.scheduled_failed", cohort=name, error=error))
                    )
        except Exception:  # a failing digest must not stop the tick or other cohorts' digests
            log.exception("scheduled digest of cohort %s failed", cohort.id)
        with services.sessions() as session:
            digest_runs.reached(session, run_id, reached)
            if reached:
                audit.record(
                    session,
                    team_id,
                    BOT_ACTOR,
                    AuditAction.DIGEST_EXPORTED,
                    slot,
                    cohort_id=cohort.id,
                    details={"leads": reached},
                )
            for lead, text in missed:  # through the outbox, which retries with back-off
                outbox.alert_lead(session, team_id, lead, text, now)
        log.info("scheduled digest of cohort %s reached %s leads", cohort.id, reached)
        sent += 1
    return sent
