"""Events API deliveries are acted on once: Slack retries unacknowledged events, and Bolt does not
deduplicate them."""

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse

from handlers.services import Services
from storage import events

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    """Drop an event whose event_id was handled before.

    The ID is recorded before the listener runs, so a listener that fails is not run again on
    Slack's retry: at most once. Listeners therefore keep their own failures safe (they log them
    and, where a person waits, tell them).
    """

    @app.middleware
    def once_per_event(body: dict[str, Any], next: Callable[[], BoltResponse]) -> BoltResponse:
        if body.get("type") != "event_callback" or not body.get("event_id"):
            return next()
        with services.sessions() as session:
            first = events.first_delivery(
                session, body["event_id"], str(body.get("team_id")), services.now()
            )
        if not first:
            log.info("event %s was delivered before; ignored", body["event_id"])
            return BoltResponse(status=200, body="")
        return next()
