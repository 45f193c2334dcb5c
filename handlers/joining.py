"""Joining the program, shared by `/mentoring join` and the Home tab's join button."""

import logging
from dataclasses import dataclass

from slack_sdk import WebClient

from bot.messages import t
from handlers.blocks import welcome_dm
from handlers.delivery import Immediate
from handlers.people import slack_profile
from handlers.services import Services
from storage import outbox, participants
from storage.models import OutboxKind
from storage.participants import Membership

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JoinOutcome:
    """The person's membership after joining, and what happened on the way."""

    membership: Membership | None
    """None when the person was refused (see `refusal`): nothing was stored."""
    newly_joined: bool
    welcome: Immediate
    locale: str | None
    refusal: str = "join.closed"
    """When nothing was stored, the catalogue key that says why: joining is closed, or the
    person is a guest or a bot."""


def join_person(services: Services, client: WebClient, team_id: str, user_id: str) -> JoinOutcome:
    """Add the person to the open cohort and send the welcome DM (through the outbox) if new;
    a guest or bot account is refused (Slack says which, unless it cannot answer)."""
    profile = slack_profile(client, user_id)
    if profile.excluded is not None:
        log.info("%s asked to join, refused: %s", user_id, profile.excluded)
        return JoinOutcome(None, False, "sent", profile.locale, "join.not_a_colleague")
    now = services.now()
    with services.sessions() as session:
        try:
            membership, newly_joined = participants.join(
                session,
                team_id,
                user_id,
                now=now,
                locale=profile.locale,
                timezone=profile.timezone,
                names=profile.names,
            )
        except participants.JoiningClosedError:
            log.info("%s asked to join while joining is closed", user_id)
            return JoinOutcome(None, False, "sent", profile.locale)
        welcome_id = None
        if newly_joined:
            message = outbox.enqueue(
                session,
                team_id=team_id,
                kind=OutboxKind.WELCOME,
                text=t(profile.locale, "welcome.text"),
                blocks=welcome_dm(profile.locale, user_id),
                due_at=now,
                recipient_user_id=user_id,
                respect_working_hours=False,
            )
            welcome_id = message.id
    welcome: Immediate = "sent"
    if welcome_id is not None:
        welcome = services.delivery.send_now(client, now, welcome_id)
    return JoinOutcome(membership, newly_joined, welcome, profile.locale)
