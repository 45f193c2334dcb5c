"""Answering a person privately where they pressed a button, and answering through a
request's response_url at all."""

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient, WebhookResponse

from handlers.slack_failures import SLACK_CALL_FAILURES, describe

log = logging.getLogger(__name__)


class CheckedRespond(Respond):
    """Bolt's `respond()`, waiting no longer than the Web API client does, and logging a post
    Slack refused (Bolt ignores it) or that failed (Bolt raises) by its status and error code
    alone: a response_url is a secret. A failed answer never stops the rest of a listener."""

    def __init__(self, response_url: str, client: WebClient) -> None:
        super().__init__(response_url=response_url, proxy=client.proxy, ssl=client.ssl)
        self.timeout = client.timeout

    def __call__(
        self,
        text: str | dict[str, Any] = "",
        blocks: Sequence[Any] | None = None,
        attachments: Sequence[Any] | None = None,
        response_type: str | None = None,
        replace_original: bool | None = None,
        delete_original: bool | None = None,
        unfurl_links: bool | None = None,
        unfurl_media: bool | None = None,
        thread_ts: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> WebhookResponse:
        """Post the answer; on failure, the response says why (status 0 when Slack was not
        reached)."""
        assert self.response_url is not None
        message = (
            text
            if isinstance(text, dict)
            else {
                "text": text,
                "blocks": blocks,
                "attachments": attachments,
                "response_type": response_type,
                "replace_original": replace_original,
                "delete_original": delete_original,
                "unfurl_links": unfurl_links,
                "unfurl_media": unfurl_media,
                "thread_ts": thread_ts,
                "metadata": metadata,
            }
        )
        webhook = WebhookClient(
            self.response_url, timeout=self.timeout, proxy=self.proxy, ssl=self.ssl
        )
        try:
            response = webhook.send_dict(message)
        except SLACK_CALL_FAILURES as error:
            log.warning("an answer to a response_url failed: %s", describe(error))
            return WebhookResponse(url="", status_code=0, body=describe(error), headers={})
        if response.status_code != 200:
            code = response.body if re.fullmatch(r"[a-z0-9_]+", response.body or "") else ""
            log.warning(
                "Slack refused an answer to a response_url: HTTP %s %s", response.status_code, code
            )
        return response


def check_responses(context: BoltContext, next: Callable[[], None]) -> None:
    """Middleware: listeners answer through `CheckedRespond`."""
    if context.response_url:
        context["respond"] = CheckedRespond(context.response_url, context.client)
    next()


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
