"""Signed Slack requests (slash commands, button presses, view submissions, events) for Bolt."""

import itertools
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_bolt.request import BoltRequest
from slack_sdk.signature import SignatureVerifier

from tests.fakes.slack_api import TEAM_ID, SlackStandIn

SIGNING_SECRET = "8f742231b10e8888abcd99b1e2c3d4a5"
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class SignedRequest:
    """A raw body with the headers Slack would send."""

    body: str
    headers: dict[str, str]

    def to_bolt(self) -> BoltRequest:
        """The request as Bolt's `dispatch` takes it."""
        return BoltRequest(body=self.body, headers={k: [v] for k, v in self.headers.items()})


def signed_headers(
    body: str,
    content_type: str,
    *,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    retry_num: int | None = None,
) -> dict[str, str]:
    """X-Slack-Signature and X-Slack-Request-Timestamp for `body`, signed now unless told."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": SignatureVerifier(secret).generate_signature(
            timestamp=stamp, body=body
        ),
    }
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return headers


class RequestBuilder:
    """Builds the requests Slack sends to the bot, with response URLs pointing at the stand-in."""

    def __init__(self, standin: SlackStandIn, team_id: str = TEAM_ID) -> None:
        self._standin = standin
        self._team_id = team_id
        self._ids = itertools.count(1)

    def _next(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):06d}"

    def slash_command(self, user_id: str, text: str, command: str = "/mentoring") -> SignedRequest:
        """`/mentoring <text>` typed by the person in some channel."""
        body = urlencode(
            {
                "token": "legacy-verification-token",
                "team_id": self._team_id,
                "team_domain": "acme",
                "channel_id": "C0GENERAL",
                "channel_name": "general",
                "user_id": user_id,
                "user_name": user_id.lower(),
                "command": command,
                "text": text,
                "api_app_id": "A0MENTOR",
                "is_enterprise_install": "false",
                "response_url": self._standin.response_url(self._next("cmd")),
                "trigger_id": self._next("trigger."),
            }
        )
        return SignedRequest(body, signed_headers(body, FORM))

    def block_action(
        self,
        user_id: str,
        action_id: str,
        *,
        value: str | None = None,
        container: str = "message",
        channel_id: str | None = None,
    ) -> SignedRequest:
        """A press of a button with `action_id` in a message, the Home tab (container="view") or
        a modal (container="modal")."""
        action: dict[str, Any] = {
            "type": "button",
            "action_id": action_id,
            "block_id": "b1",
            "text": {"type": "plain_text", "text": "button"},
            "action_ts": "1700000000.000001",
        }
        if value is not None:
            action["value"] = value
        payload: dict[str, Any] = {
            "type": "block_actions",
            "team": {"id": self._team_id, "domain": "acme"},
            "user": {"id": user_id, "username": user_id.lower(), "team_id": self._team_id},
            "api_app_id": "A0MENTOR",
            "token": "legacy-verification-token",
            "trigger_id": self._next("trigger."),
            "actions": [action],
        }
        if container in ("view", "modal"):
            kind = "home" if container == "view" else "modal"
            view_id = "V0HOME" if container == "view" else "V0MODAL"
            payload["container"] = {"type": "view", "view_id": view_id}
            payload["view"] = {"id": view_id, "type": kind, "hash": "1.abc", "blocks": []}
        else:
            channel = channel_id or "D" + user_id[1:]
            payload["container"] = {"type": "message", "channel_id": channel, "message_ts": "1.0"}
            payload["channel"] = {"id": channel}
            payload["message"] = {"ts": "1.0", "text": ""}
            payload["response_url"] = self._standin.response_url(self._next("act"))
        return self._payload(payload)

    def view_submission(
        self, user_id: str, callback_id: str, values: dict[str, Any], private_metadata: str = ""
    ) -> SignedRequest:
        """Submitting a modal with the given state values."""
        payload = {
            "type": "view_submission",
            "team": {"id": self._team_id, "domain": "acme"},
            "user": {"id": user_id, "team_id": self._team_id},
            "api_app_id": "A0MENTOR",
            "trigger_id": self._next("trigger."),
            "view": {
                "id": self._next("V"),
                "type": "modal",
                "callback_id": callback_id,
                "private_metadata": private_metadata,
                "state": {"values": values},
            },
        }
        return self._payload(payload)

    def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None
    ) -> SignedRequest:
        """An Events API callback wrapping `event`."""
        envelope = {
            "token": "legacy-verification-token",
            "team_id": self._team_id,
            "api_app_id": "A0MENTOR",
            "event": event,
            "type": "event_callback",
            "event_id": event_id or self._next("Ev"),
            "event_time": int(time.time()),
            "authorizations": [{"team_id": self._team_id, "user_id": "U0BOT", "is_bot": True}],
        }
        body = json.dumps(envelope)
        return SignedRequest(body, signed_headers(body, "application/json", retry_num=retry_num))

    def _payload(self, payload: dict[str, Any]) -> SignedRequest:
        body = urlencode({"payload": json.dumps(payload)})
        return SignedRequest(body, signed_headers(body, FORM))
