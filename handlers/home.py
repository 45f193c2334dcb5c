"""The App Home tab: published when a person opens it and after changes made from it; its
buttons (pause, resume, reflections; for leads match, digest and the wins queue)."""

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.messages import t
from bot.mrkdwn import escape
from handlers.digest import queue_digest
from handlers.home_blocks import (
    HOME_DIGEST,
    HOME_MATCH,
    HOME_PAUSE,
    HOME_REFLECTIONS,
    HOME_RESUME,
    HOME_WINS,
    home_view,
)
from handlers.locale import locale_of, person_locale
from handlers.matching import start_matching
from handlers.ownership import pressed_by_lead, pressed_by_owner, team_of
from handlers.reflections import reflections_reply
from handlers.replies import tell_presser
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES, describe
from handlers.wins_review import wins_queue
from storage import dashboard, digest, outbox, pairs, participants
from storage.models import OutboxKind
from storage.programs import ensure_current_cohort

log = logging.getLogger(__name__)

Reply = Callable[[str, str, str | None], dict[str, Any]]
"""(team, person, their locale) -> the text and blocks to DM them."""


def register(app: App, services: Services) -> None:
    """Listen for `app_home_opened` and the Home tab's buttons."""

    @app.event("app_home_opened")
    def home_opened(event: dict[str, Any], context: dict[str, Any], client: WebClient) -> None:
        if event.get("tab") != "home":
            return
        publish_home(services, client, context["team_id"], event["user"])

    @app.action(HOME_PAUSE)
    @app.action(HOME_RESUME)
    def pause_or_resume(
        ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        ack()
        if not pressed_by_owner(body, client, respond, services):
            return
        team_id, user_id = team_of(body), body["user"]["id"]
        pause = body["actions"][0]["action_id"] == HOME_PAUSE
        with services.sessions() as session:
            membership = participants.current_membership(session, team_id, user_id)
            if membership is not None and not membership.has_left:
                changed = (
                    participants.pause(session, membership, None)
                    if pause
                    else participants.resume(session, membership)
                )
                log.info("%s %s from Home: %s", user_id, "paused" if pause else "resumed", changed)
        publish_home(services, client, team_id, user_id)

    @app.action(HOME_REFLECTIONS)
    def my_reflections(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if pressed_by_owner(body, client, respond, services):
            _reply_by_dm(services, client, body, partial(reflections_reply, services))

    @app.action(HOME_MATCH)
    @app.action(HOME_WINS)
    @app.action(HOME_DIGEST)
    def lead_button(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if not pressed_by_lead(body, client, respond, services):
            return
        action = body["actions"][0]["action_id"]
        if action == HOME_DIGEST:
            _digest(services, client, body, respond)
        elif action == HOME_MATCH:
            _reply_by_dm(
                services,
                client,
                body,
                lambda team, lead, locale: {
                    "text": start_matching(services, client, team, lead, locale)
                },
            )
        else:
            _reply_by_dm(
                services, client, body, lambda team, _, locale: wins_queue(services, team, locale)
            )


def publish_home(services: Services, client: WebClient, team_id: str, user_id: str) -> None:
    """Render and publish the person's Home tab; a Slack failure is logged, not raised."""
    now = services.now()
    lead = services.leads.includes(team_id, user_id)
    with services.sessions() as session:
        membership = participants.current_membership(session, team_id, user_id)
        pair = pairs.current_pair(session, team_id, user_id)
        mine = dashboard.my_program(session, membership, pair) if membership else None
        health = None
        if lead:
            cohort = ensure_current_cohort(session, team_id, now.date())
            health = digest.digest(session, cohort, now, now)
    view = home_view(locale_of(client, user_id, membership), membership, now, pair, mine, health)
    try:
        client.views_publish(user_id=user_id, view=view)
    except SLACK_CALL_FAILURES as error:
        log.warning("views.publish failed for %s: %s", user_id, describe(error))


def _reply_by_dm(services: Services, client: WebClient, body: dict[str, Any], reply: Reply) -> None:
    """Answer a Home button in the person's DM (a Home tab has no place for a reply)."""
    team_id, user_id = team_of(body), body["user"]["id"]
    answer = reply(team_id, user_id, person_locale(services, client, team_id, user_id))
    now = services.now()
    with services.sessions() as session:
        message_id = outbox.enqueue(
            session,
            team_id=team_id,
            kind=OutboxKind.HOME_REPLY,
            text=answer["text"],
            blocks=answer.get("blocks"),
            due_at=now,
            recipient_user_id=user_id,
            respect_working_hours=False,
        ).id
    assert message_id is not None
    services.delivery.send_now(client, now, message_id)


def _digest(services: Services, client: WebClient, body: dict[str, Any], respond: Respond) -> None:
    """The current cohort's digest, to the lead's DM, after the button is answered."""
    team_id, lead = team_of(body), body["user"]["id"]
    locale = person_locale(services, client, team_id, lead)
    with services.sessions() as session:
        cohort = ensure_current_cohort(session, team_id, services.now().date())
    tell_presser(body, client, respond, t(locale, "digest.on_its_way", cohort=escape(cohort.name)))
    queue_digest(
        services,
        client,
        cohort,
        (team_id, lead),
        locale,
        partial(tell_presser, body, client, respond),
    )
