"""The leave question's third button, "Leave and delete my data", behind Slack's confirmation
dialog: the person's pair ends as when they leave (their partner and the leads are told, without
their name), `storage.erasure` deletes what they wrote and leaves their pseudonym where their ID
was, all in one transaction; then they are told, in their language, and their Home tab shows
them as a newcomer."""

import logging
from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.messages import t
from handlers.blocks import LEAVE_ERASE, erase_offer
from handlers.departure import Departure, end_pairs_of
from handlers.home import publish_home
from handlers.introductions import Stale, update_stale
from handlers.locale import LeadLocales, lead_locales, person_locale
from handlers.ownership import pressed_by_owner, team_of
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES, describe
from handlers.workspace_clients import OneWorkspace
from storage import erasure, personal_data

log = logging.getLogger(__name__)


def erasure_offer(
    services: Services, team_id: str, user_id: str, locale: str | None
) -> dict[str, Any]:
    """`/mentoring leave` from someone not taking part: the erasure button if the bot still keeps
    anything about them, else that they have not joined."""
    with services.sessions() as session:
        if not personal_data.stored_about(session, team_id, user_id):
            return {"text": t(locale, "not_joined")}
    return {"text": t(locale, "erase.offer"), "blocks": erase_offer(locale, user_id)}


def register(app: App, services: Services) -> None:
    """Listen for the erasure button."""

    @app.action(LEAVE_ERASE)
    def erase_me(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if not pressed_by_owner(body, client, respond, services):
            return
        user_id, team_id, now = body["user"]["id"], team_of(body), services.now()
        locale = person_locale(services, client, team_id, user_id)  # stored: ask before erasing
        lead_locale = lead_locales(services, OneWorkspace(client), [team_id])
        send, stale = erase_person(services, team_id, user_id, lead_locale, now)
        _replace_question(respond, t(locale, "erase.done"))
        update_stale(OneWorkspace(client), stale)
        if send:
            services.delivery.deliver_due(client, now, ids=send)
        publish_home(services, client, team_id, user_id)


def erase_person(
    services: Services, team_id: str, user_id: str, lead_locale: LeadLocales, now: datetime
) -> tuple[list[int], Stale]:
    """End the person's pair and erase them from the workspace, in one transaction; returns the
    outbox messages to send (to the partner and the leads) and the partner's introduction whose
    buttons must go. Nothing happens if they were erased already (a second press)."""
    with services.sessions() as session:
        mine = erasure.participations(session, team_id, user_id)
        if not mine:
            return [], []
        ended = end_pairs_of(session, team_id, user_id, Departure.ERASED, lead_locale, now)
        pseudonym = services.pseudonyms.of(team_id, user_id)
        counts = erasure.erase(session, team_id, user_id, pseudonym, mine, now)
    log.info("a person's data was erased on their request: %s", counts)
    return ended.send, ended.stale


def _replace_question(respond: Respond, text: str) -> None:
    """Replace the leave question with the outcome; the erasure stands if Slack fails here."""
    try:
        answer = respond(text=text, replace_original=True)
    except SLACK_CALL_FAILURES as error:
        log.warning("could not confirm an erasure to the person: %s", describe(error))
        return
    if answer.status_code != 200:
        log.warning("could not confirm an erasure to the person: HTTP %s", answer.status_code)
