"""Slack's news about members (`user_change`, `team_join`): a participant who was deactivated or
turned into a guest or a bot leaves the program (`handlers.deactivation`); one whose timezone or
language changed gets their check-ins and messages in the new ones. Anyone else, such as a
newcomer announced by `team_join`, is left alone: joining stays their own choice."""

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.survey import is_timezone
from handlers.deactivation import take_out
from handlers.nudges import reschedule
from handlers.people import not_a_colleague, slack_profile
from handlers.services import Services
from storage import participants

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    """Listen for members that change or join (each event is handled once: see
    `handlers.deduplication`)."""

    @app.event("user_change")
    @app.event("team_join")
    def member_changed(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        user = event.get("user")
        if isinstance(user, dict) and user.get("id"):
            follow(services, client, context.team_id or "", user)


def follow(services: Services, client: WebClient, team_id: str, user: dict[str, Any]) -> None:
    """Bring a participant's membership in line with their Slack user object."""
    user_id = str(user["id"])
    with services.sessions() as session:
        if not participants.taking_part(session, team_id, user_id):
            return
    now = services.now()
    why = not_a_colleague(user)
    if why is not None:
        send = take_out(services, client, team_id, user_id, why, now)
        if send:
            services.delivery.deliver_due(client, now, ids=send)
        return
    # user_change carries no locale as a rule: ask (outside any transaction); None if Slack fails
    locale = user.get("locale") or slack_profile(client, user_id).locale
    zone = str(user.get("tz") or "")
    with services.sessions() as session:
        moved = participants.follow_slack(
            session,
            team_id,
            user_id,
            timezone=zone if is_timezone(zone) else None,
            locale=locale,
        )
        if moved:
            count = reschedule(session, team_id, user_id)
            log.info("%s moved to %s: %s scheduled check-ins follow", user_id, zone, count)
