"""What Slack knows about a person (locale, timezone, names), looked up with `users.info`, and
whether a Slack user is a colleague who may take part at all."""

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.slack_failures import SLACK_CALL_FAILURES, describe

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SlackProfile:
    """The parts of a Slack user the bot uses."""

    locale: str | None = None
    timezone: str | None = None
    names: list[str] = field(default_factory=list)
    """Handle, real and display names, first and last name: what the person may be called."""
    display_name: str | None = None
    """The name Slack shows for the person: the display name, else the real name."""
    excluded: str | None = None
    """Why the person may not take part (see `not_a_colleague`); None for a colleague, or when
    Slack could not tell."""


def slack_profile(client: WebClient, user_id: str) -> SlackProfile:
    """The person's Slack locale, timezone and names; an empty profile if Slack cannot tell us."""
    try:
        response = client.users_info(user=user_id, include_locale=True)
    except SLACK_CALL_FAILURES as error:
        log.warning("users.info failed for %s: %s", user_id, describe(error))
        return SlackProfile()
    user = response.get("user") or {}
    profile = user.get("profile") or {}
    names = [user.get("name"), user.get("real_name")] + [
        profile.get(key) for key in ("real_name", "display_name", "first_name", "last_name")
    ]
    return SlackProfile(
        locale=user.get("locale"),
        timezone=user.get("tz"),
        names=list(dict.fromkeys(str(name) for name in names if name)),
        display_name=profile.get("display_name") or profile.get("real_name") or None,
        excluded=not_a_colleague(user) if user else None,
    )


def no_longer_a_colleague(client: WebClient, user_id: str) -> str | None:
    """Why the person cannot take part any more, by `users.info` ("deactivated" also when Slack
    knows no such user); None for an active full member. Raises SLACK_CALL_FAILURES when Slack
    cannot tell."""
    try:
        response = client.users_info(user=user_id)
    except SlackApiError as error:
        if describe(error) == "user_not_found":
            return "deactivated"
        raise
    return not_a_colleague(response.get("user") or {})


def not_a_colleague(user: Mapping[str, Any]) -> str | None:
    """Why a Slack user object cannot be invited or made a lead ("deactivated", "bot" or
    "guest"); None for an active full member."""
    if user.get("deleted"):
        return "deactivated"
    if user.get("is_bot") or user.get("is_app_user"):
        return "bot"
    if user.get("is_restricted") or user.get("is_ultra_restricted"):
        return "guest"
    return None
