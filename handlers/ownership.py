"""Who pressed a button, in which workspace, and whether the button was meant for them."""

import logging
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.messages import t
from handlers.locale import person_locale
from handlers.replies import tell_presser
from handlers.services import Services

log = logging.getLogger(__name__)


def team_of(body: dict[str, Any]) -> str:
    """The workspace of an interaction payload."""
    return str((body.get("team") or {}).get("id") or body["user"]["team_id"])


def pressed_by_owner(
    body: dict[str, Any], client: WebClient, respond: Respond, services: Services
) -> bool:
    """A button carries the ID of the person it was meant for; anyone else gets a polite private
    refusal (in a message, the Home tab or a modal), and a log line."""
    clicker = body["user"]["id"]
    owner = (body.get("actions") or [{}])[0].get("value")
    if clicker == owner:
        return True
    log.warning("refused a button press by %s on a button meant for %s", clicker, owner)
    _refuse(body, client, respond, services, "action.not_for_you")
    return False


def pressed_by_lead(
    body: dict[str, Any], client: WebClient, respond: Respond, services: Services
) -> bool:
    """Lead-only buttons, in messages, the Home tab or modals: anyone else gets a polite private
    refusal, and a log line."""
    clicker = body["user"]["id"]
    if services.leads.includes(team_of(body), clicker):
        return True
    action = (body.get("actions") or [{}])[0].get("action_id")
    log.warning("refused %s pressed by %s: not a program lead", action, clicker)
    _refuse(body, client, respond, services, "lead.only")
    return False


def _refuse(
    body: dict[str, Any], client: WebClient, respond: Respond, services: Services, key: str
) -> None:
    locale = person_locale(services, client, team_of(body), body["user"]["id"])
    tell_presser(body, client, respond, t(locale, key))
