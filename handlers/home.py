"""The App Home tab: published when a person opens it, and after they join from it."""

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from handlers.blocks import home_view
from handlers.locale import locale_of
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES, describe
from storage import pairs, participants

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    """Listen for `app_home_opened`."""

    @app.event("app_home_opened")
    def home_opened(event: dict[str, Any], context: dict[str, Any], client: WebClient) -> None:
        if event.get("tab") != "home":
            return
        publish_home(services, client, context["team_id"], event["user"])


def publish_home(services: Services, client: WebClient, team_id: str, user_id: str) -> None:
    """Render and publish the person's Home tab; a Slack failure is logged, not raised."""
    with services.sessions() as session:
        membership = participants.current_membership(session, team_id, user_id)
        pair = pairs.current_pair(session, team_id, user_id)
    view = home_view(locale_of(client, user_id, membership), membership, services.now(), pair)
    try:
        client.views_publish(user_id=user_id, view=view)
    except SLACK_CALL_FAILURES as error:
        log.warning("views.publish failed for %s: %s", user_id, describe(error))
