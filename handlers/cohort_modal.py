"""The leads' cohort modal: create a cohort or edit the current one (name, dates, cadence,
capacity, timezone, wins channel and review, k, retention, joining). Opened by `/mentoring
cohort new|edit` and the COHORT_SETTINGS button; every opening and submission checks that a lead
is at it, and a submission only touches a cohort of the submitter's own workspace."""

import logging
from datetime import date
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlmodel import Session

from bot.cohort_settings import parse_settings
from bot.messages import t
from handlers.cohort_blocks import (
    COHORT_SETTINGS,
    COHORT_SUBMIT,
    Target,
    cohort_view,
    describe,
    form_values,
    read_metadata,
)
from handlers.locale import person_locale
from handlers.ownership import pressed_by_lead, team_of
from handlers.reflection_blocks import notice_view
from handlers.replies import tell_presser
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES
from handlers.slack_failures import describe as describe_failure
from storage import catalogue, cohorts
from storage.models import Cohort
from storage.programs import current_cohort, ensure_current_cohort

log = logging.getLogger(__name__)

TITLE = "cohort_modal.title_edit"


def register(app: App, services: Services) -> None:
    """Listen for the COHORT_SETTINGS button and the modal's submission."""

    @app.action(COHORT_SETTINGS)
    def settings(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if not pressed_by_lead(body, client, respond, services):
            return
        team_id, lead = team_of(body), body["user"]["id"]
        locale = person_locale(services, client, team_id, lead)
        problem = open_cohort_modal(
            services, client, team_id, body["trigger_id"], locale, new=False
        )
        if problem:
            tell_presser(body, client, respond, problem)

    @app.view(COHORT_SUBMIT)
    def submitted(ack: Ack, body: dict[str, Any]) -> None:
        _submitted(services, ack, body)


def open_cohort_modal(
    services: Services,
    client: WebClient,
    team_id: str,
    trigger_id: str,
    locale: str | None,
    *,
    new: bool,
) -> str | None:
    """Open the modal for a new cohort or the current one (the caller checked the lead); what
    to tell the lead if Slack would not open it."""
    today = services.now().date()
    with services.sessions() as session:
        if new:
            current = current_cohort(session, team_id)
            cohort = cohorts.draft(session, team_id, today)
            open_elsewhere = current.name if current and current.open_for_joining else None
        else:
            cohort = ensure_current_cohort(session, team_id, today)
            open_elsewhere = None
        topics = [
            catalogue.entry_label(locale, topic)
            for topic in catalogue.topics(session, cohort.program_id)
        ]
    view = cohort_view(locale, cohort, topics, open_elsewhere=open_elsewhere)
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SLACK_CALL_FAILURES as error:
        log.warning("views.open of the cohort modal failed: %s", describe_failure(error))
        return t(locale, "cohort_modal.retry")
    return None


def _submitted(services: Services, ack: Ack, body: dict[str, Any]) -> None:
    """Check the lead and the cohort, show problems inline, else save and show the settings."""
    lead, team_id = body["user"]["id"], team_of(body)
    target = read_metadata(str(body["view"].get("private_metadata") or ""))
    locale = target.locale if target else None  # no Slack call before ack
    if not services.leads.includes(team_id, lead):
        log.warning("refused a cohort form submitted by %s: not a program lead", lead)
        ack(response_action="update", view=notice_view(locale, t(locale, "lead.only"), title=TITLE))
        return
    values, open_for_joining = form_values(body["view"]["state"]["values"])
    changes, problems = parse_settings(values)
    if problems:
        # Inline errors are plain text: code marks would show as backticks.
        errors = {key: t(locale, reason).replace("`", "") for key, reason in problems.items()}
        ack(response_action="errors", errors=errors)
        return
    today = services.now().date()
    with services.sessions() as session:
        cohort = _target_cohort(session, team_id, target, today)
        if cohort is not None:
            cohorts.save(session, cohort, changes, open_for_joining=open_for_joining)
    if cohort is None:
        log.warning("refused a cohort form by %s for %r: not a cohort of %s", lead, target, team_id)
        ack(
            response_action="update",
            view=notice_view(locale, t(locale, "cohort_modal.gone"), title=TITLE),
        )
        return
    log.info("lead %s saved cohort %s (open for joining: %s)", lead, cohort.id, open_for_joining)
    saved = f"{t(locale, 'cohort.saved')}\n{describe(locale, cohort)}"
    ack(response_action="update", view=notice_view(locale, saved, title=TITLE))


def _target_cohort(
    session: Session, team_id: str, target: Target | None, today: date
) -> Cohort | None:
    """A new cohort's draft, or the workspace's cohort the modal was opened for (None when the
    metadata was forged or names another workspace's cohort)."""
    if target is None:
        return None
    if target.cohort_id is None:
        return cohorts.draft(session, team_id, today)
    return cohorts.of_workspace(session, team_id, target.cohort_id)
