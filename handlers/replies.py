"""Answering a person privately where they pressed a button."""

import logging
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from handlers.slack_failures import SLACK_CALL_FAILURES, describe

log = logging.getLogger(__name__)


def ephemeral(respond: Respond, text: str) -> None:
    """A note only the presser sees, below the message they pressed (which stays as it is)."""
    respond(text=text, response_type="ephemeral", replace_original=False)


def tell_presser(body: dict[str, Any], client: WebClient, respond: Respond, text: str) -> None:
    """A note only the presser sees: below the message they pressed, or, for a button in the
    Home tab or a modal (no message to answer under), in their DM with the bot."""
    if body.get("response_url"):
        ephemeral(respond, text)
        return
    user_id = body["user"]["id"]
    try:
        channel = client.conversations_open(users=user_id)["channel"]["id"]
        client.chat_postEphemeral(channel=channel, user=user_id, text=text)
    except SLACK_CALL_FAILURES as error:
        log.warning("could not tell %s privately: %s", user_id, describe(error))
