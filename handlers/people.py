"""What Slack knows about a person (locale, timezone), looked up with `users.info`."""

import logging
from dataclasses import dataclass

from slack_sdk import WebClient

from handlers.slack_failures import SLACK_CALL_FAILURES, describe

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SlackProfile:
    """The parts of a Slack user the bot uses."""

    locale: str | None = None
    timezone: str | None = None


def slack_profile(client: WebClient, user_id: str) -> SlackProfile:
    """The person's Slack locale and timezone; an empty profile if Slack cannot tell us."""
    try:
        response = client.users_info(user=user_id, include_locale=True)
    except SLACK_CALL_FAILURES as error:
        log.warning("users.info failed for %s: %s", user_id, describe(error))
        return SlackProfile()
    user = response.get("user") or {}
    return SlackProfile(locale=user.get("locale"), timezone=user.get("tz"))
