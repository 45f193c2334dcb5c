"""Button presses: confirm or cancel leaving, join from the Home tab."""

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.messages import t
from handlers.blocks import HOME_JOIN, LEAVE_CANCEL, LEAVE_CONFIRM
from handlers.departure import Departure, end_pairs_of
from handlers.home import publish_home
from handlers.introductions import Stale, update_stale
from handlers.joining import join_person
from handlers.locale import lead_locales, locale_of, person_locale
from handlers.ownership import pressed_by_owner, team_of
from handlers.reflection_blocks import notice_view
from handlers.replies import tell_presser
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES, describe
from handlers.workspace_clients import OneWorkspace
from storage import participants

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    """Listen for the bot's buttons."""

    @app.action(LEAVE_CONFIRM)
    def confirm_leave(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if not pressed_by_owner(body, client, respond, services):
            return
        user_id, team_id, now = body["user"]["id"], team_of(body), services.now()
        lead_locale = lead_locales(services, OneWorkspace(client), [team_id])
        send: list[int] = []
        stale: Stale = []
        with services.sessions() as session:
            membership = participants.current_membership(session, team_id, user_id)
            if membership is not None and not membership.has_left:
                for taking_part in participants.taking_part(session, team_id, user_id):
                    participants.leave(session, taking_part, now)  # cohorts may overlap
                ended = end_pairs_of(session, team_id, user_id, Departure.LEFT, lead_locale, now)
                send, stale = ended.send, ended.stale
                log.info("%s left the program", user_id)
        respond(text=t(locale_of(client, user_id, membership), "leave.done"), replace_original=True)
        update_stale(OneWorkspace(client), stale)
        if send:
            services.delivery.deliver_due(client, now, ids=send)
        publish_home(services, client, team_id, user_id)

    @app.action(LEAVE_CANCEL)
    def cancel_leave(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if not pressed_by_owner(body, client, respond, services):
            return
        locale = person_locale(services, client, team_of(body), body["user"]["id"])
        respond(text=t(locale, "leave.cancelled"), replace_original=True)

    @app.action(HOME_JOIN)
    def join_from_home(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        user_id = body["user"]["id"]
        outcome = join_person(services, client, team_of(body), user_id)
        if outcome.membership is None:  # refused: say why kindly, in a small modal
            refusal = t(outcome.locale, outcome.refusal)
            notice = notice_view(outcome.locale, refusal, title="home.title")
            try:
                client.views_open(trigger_id=body["trigger_id"], view=notice)
            except SLACK_CALL_FAILURES as error:
                log.warning("views.open of the refusal notice failed: %s", describe(error))
                tell_presser(body, client, respond, refusal)
            return
        publish_home(services, client, team_of(body), user_id)
