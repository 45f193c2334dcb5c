"""Button presses: start the survey, confirm or cancel leaving, join from the Home tab."""

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.messages import t
from handlers.blocks import HOME_JOIN, LEAVE_CANCEL, LEAVE_CONFIRM, SURVEY_START
from handlers.home import publish_home
from handlers.joining import join_person
from handlers.locale import locale_of, person_locale
from handlers.services import Services
from storage import participants

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    """Listen for the bot's buttons."""

    @app.action(SURVEY_START)
    def start_survey(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if not _pressed_by_owner(body, client, respond, services):
            return
        locale = person_locale(services, client, _team_id(body), body["user"]["id"])
        respond(
            text=t(locale, "survey.coming_soon"),
            response_type="ephemeral",
            replace_original=False,
        )

    @app.action(LEAVE_CONFIRM)
    def confirm_leave(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if not _pressed_by_owner(body, client, respond, services):
            return
        user_id = body["user"]["id"]
        with services.sessions() as session:
            membership = participants.current_membership(session, _team_id(body), user_id)
            if membership is not None and not membership.has_left:
                participants.leave(session, membership, services.now())
                log.info("%s left the program", user_id)
        respond(text=t(locale_of(client, user_id, membership), "leave.done"), replace_original=True)

    @app.action(LEAVE_CANCEL)
    def cancel_leave(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if not _pressed_by_owner(body, client, respond, services):
            return
        locale = person_locale(services, client, _team_id(body), body["user"]["id"])
        respond(text=t(locale, "leave.cancelled"), replace_original=True)

    @app.action(HOME_JOIN)
    def join_from_home(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        user_id = body["user"]["id"]
        join_person(services, client, _team_id(body), user_id)
        publish_home(services, client, _team_id(body), user_id)


def _team_id(body: dict[str, Any]) -> str:
    return str((body.get("team") or {}).get("id") or body["user"]["team_id"])


def _pressed_by_owner(
    body: dict[str, Any], client: WebClient, respond: Respond, services: Services
) -> bool:
    """A button carries the ID of the person it was meant for; anyone else is refused."""
    clicker = body["user"]["id"]
    owner = (body.get("actions") or [{}])[0].get("value")
    if clicker == owner:
        return True
    log.warning("refused a button press by %s on a button meant for %s", clicker, owner)
    respond(
        text=t(person_locale(services, client, _team_id(body), clicker), "action.not_for_you"),
        response_type="ephemeral",
        replace_original=False,
    )
    return False
