"""The Web API methods the stand-in answers: required arguments and the bot scope each use needs.

A table in code, taken from ../shared/slack-reference/web-api/methods; tests/test_slack_contracts.py
checks it against that reference so it cannot drift.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MethodContract:
    """What Slack requires of a call (besides the token) and which of its arguments are channels."""

    required: tuple[str, ...] = ()
    bot_scopes: tuple[str, ...] = ()
    channel_args: tuple[str, ...] = ()


METHODS: dict[str, MethodContract] = {
    "auth.test": MethodContract(),
    "chat.postMessage": MethodContract(("channel",), ("chat:write",), ("channel",)),
    "chat.postEphemeral": MethodContract(("user", "channel"), ("chat:write",), ("channel",)),
    "chat.update": MethodContract(("ts", "channel"), ("chat:write",), ("channel",)),
    "conversations.open": MethodContract((), ("im:write",)),
    "files.completeUploadExternal": MethodContract(("files",), ("files:write",), ("channel_id",)),
    "files.getUploadURLExternal": MethodContract(("length", "filename"), ("files:write",)),
    "oauth.v2.access": MethodContract(),
    "users.info": MethodContract(("user",), ("users:read",)),
    "users.list": MethodContract((), ("users:read",)),
    "users.lookupByEmail": MethodContract(("email",), ("users:read.email",)),
    "views.open": MethodContract(("view",)),
    "views.publish": MethodContract(("user_id", "view")),
    "views.update": MethodContract(("view",)),
}


def scopes_for(method: str, args: dict[str, Any]) -> tuple[str, ...]:
    """The bot scopes one call needs; a group DM needs mpim:write instead of im:write, and a
    post to a public channel the bot was not invited to needs chat:write.public as well, and
    users.list shows the email addresses the roster import matches only with users:read.email."""
    if method == "conversations.open" and "," in str(args.get("users", "")):
        return ("mpim:write",)
    if method == "chat.postMessage" and str(args.get("channel", "")).startswith("C"):
        return ("chat:write", "chat:write.public")
    if method == "users.list":
        return ("users:read", "users:read.email")
    return METHODS[method].bot_scopes


EVENT_SCOPES: dict[str, tuple[str, ...]] = {
    "app_home_opened": (),
    "app_uninstalled": (),
    "team_join": ("users:read",),
    "tokens_revoked": (),
    "user_change": ("users:read",),
}
"""The bot scopes each subscribed event needs (from ../shared/slack-reference/web-api/events)."""

COMMAND_SCOPE = "commands"
