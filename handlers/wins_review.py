"""The leads' review of shared wins (`/mentoring wins`): approve, edit or drop each one before it
is posted. Only leads may use any of it; an edited text is anonymised again before it is stored.
"""

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.anonymise import anonymise, name_forms
from bot.messages import t
from bot.numbers import row_id
from bot.typed_text import without_controls
from handlers.locale import person_locale
from handlers.ownership import pressed_by_lead, team_of
from handlers.reflection_blocks import notice_view
from handlers.replies import ephemeral
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES, describe
from handlers.wins_blocks import (
    WIN_APPROVE,
    WIN_DROP,
    WIN_EDIT,
    WIN_EDIT_SUBMIT,
    WIN_TEXT,
    edit_view,
    queue_blocks,
)
from storage import audit, participants, reflections, wins
from storage.models import AuditAction, WinState

log = logging.getLogger(__name__)

TITLE = "wins.edit_title"
SHOWN = 15
"""Wins one queue message shows (two blocks each, within Slack's 50)."""


def register(app: App, services: Services) -> None:
    """Listen for the queue's buttons and the edit modal."""

    def decide(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if pressed_by_lead(body, client, respond, services):
            _decide(services, client, body, respond)

    app.action(WIN_APPROVE)(decide)
    app.action(WIN_DROP)(decide)

    @app.action(WIN_EDIT)
    def edit(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if pressed_by_lead(body, client, respond, services):
            _open_edit(services, client, body, respond)

    @app.view(WIN_EDIT_SUBMIT)
    def edited(ack: Ack, body: dict[str, Any]) -> None:
        _edited(services, ack, body)


def wins_queue(services: Services, team_id: str, locale: str | None) -> dict[str, Any]:
    """The workspace's wins not yet posted, for a lead (the caller checked)."""
    with services.sessions() as session:
        queue, total = wins.review_queue(session, team_id, SHOWN)
    heading = "wins.queue_heading" if queue else "wins.queue_empty"
    return {"text": t(locale, heading, total=total), "blocks": queue_blocks(locale, queue, total)}


def _decide(services: Services, client: WebClient, body: dict[str, Any], respond: Respond) -> None:
    lead, team_id = body["user"]["id"], team_of(body)
    action = body["actions"][0]
    value = str(action.get("value") or "")
    state = WinState.APPROVED if action["action_id"] == WIN_APPROVE else WinState.DROPPED
    locale = person_locale(services, client, team_id, lead)
    with services.sessions() as session:
        win_id = row_id(value)
        done = win_id is not None and wins.decide(session, team_id, win_id, lead, state)
        if done:
            action_done = (
                AuditAction.WIN_APPROVED if state == WinState.APPROVED else AuditAction.WIN_DROPPED
            )
            audit.record(
                session, team_id, lead, action_done, services.now(), subject=f"win {win_id}"
            )
    log.info("win %s: %s by lead %s: %s", value, state.value, lead, done)
    respond(replace_original=True, **wins_queue(services, team_id, locale))
    if not done:
        ephemeral(respond, t(locale, "wins.gone"))


def _open_edit(
    services: Services, client: WebClient, body: dict[str, Any], respond: Respond
) -> None:
    lead, team_id = body["user"]["id"], team_of(body)
    win_id = row_id(str(body["actions"][0].get("value") or ""))
    with services.sessions() as session:
        win = wins.unposted(session, team_id, win_id) if win_id is not None else None
    locale = person_locale(services, client, team_id, lead)
    if win is None:
        ephemeral(respond, t(locale, "wins.gone"))
        return
    try:
        client.views_open(trigger_id=body["trigger_id"], view=edit_view(locale, win))
    except SLACK_CALL_FAILURES as error:
        log.warning("views.open of a win edit failed for %s: %s", lead, describe(error))
        ephemeral(respond, t(locale, "reflection.retry"))


def _edited(services: Services, ack: Ack, body: dict[str, Any]) -> None:
    """Anonymise the lead's text again and store it (approved); the modal shows the result."""
    lead, team_id = body["user"]["id"], team_of(body)
    metadata = str(body["view"].get("private_metadata") or "")
    value = (body["view"]["state"]["values"].get(WIN_TEXT) or {}).get(WIN_TEXT) or {}
    text = without_controls(str(value.get("value") or "")).strip()
    with services.sessions() as session:  # no Slack call before ack: the stored locale
        membership = participants.current_membership(session, team_id, lead)
    locale = membership.participant.locale if membership else None
    if not services.leads.includes(team_id, lead):
        log.warning("refused a win edit submitted by %s: not a program lead", lead)
        ack(response_action="update", view=notice_view(locale, t(locale, "lead.only"), title=TITLE))
        return
    if not text:
        ack(response_action="errors", errors={WIN_TEXT: t(locale, "wins.edit_empty")})
        return
    with services.sessions() as session:
        win_id = row_id(metadata)
        win = wins.unposted(session, team_id, win_id) if win_id is not None else None
        cleaned = None
        if win is not None:
            cleaned = anonymise(text, name_forms(reflections.cohort_names(session, win.cohort_id)))
            if not wins.decide(session, team_id, win.id or 0, lead, WinState.APPROVED, cleaned):
                cleaned = None  # posted or withdrawn meanwhile
        if win is not None and cleaned is not None:
            audit.record(
                session,
                team_id,
                lead,
                AuditAction.WIN_EDITED,
                services.now(),
                cohort_id=win.cohort_id,
                subject=f"win {win.id}",
            )
    if cleaned is None:
        ack(response_action="update", view=notice_view(locale, t(locale, "wins.gone"), title=TITLE))
        return
    log.info("win %s edited and approved by lead %s", metadata, lead)
    ack(
        response_action="update",
        view=notice_view(locale, t(locale, "wins.edited", text=cleaned), title=TITLE),
    )
