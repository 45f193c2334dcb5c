"""The app factory: builds the Web API client, the shared services and the Bolt App."""

import json
import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

from slack_bolt import App, BoltResponse, Respond
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler
from sqlalchemy import Engine

from bot.config import Settings
from bot.installations import installation_store, oauth_settings
from bot.logs import slack_client_logger
from bot.messages import in_every_language, t
from bot.pseudonyms import Pseudonyms
from bot.send_pacing import SendPacer
from handlers import (
    actions,
    checkin_actions,
    cohort_modal,
    commands,
    deduplication,
    erasure,
    home,
    installation,
    introductions,
    matching,
    member_changes,
    reflections,
    survey,
    wins_review,
)
from handlers.deactivation import take_out
from handlers.delivery import OutboxDelivery
from handlers.installation import welcome_installer
from handlers.people import slack_profile
from handlers.replies import check_responses
from handlers.services import Services
from handlers.slack_failures import PacedRateLimitRetry
from handlers.survey_views import notice_view
from handlers.workspace_clients import InstalledWorkspaces, OneWorkspace, WorkspaceClients
from storage import workspaces
from storage.db import SessionFactory, session_factory
from storage.leads import Leads

log = logging.getLogger(__name__)


def build_web_client(settings: Settings, pacer: SendPacer, token: str | None = None) -> WebClient:
    """A Web API client for a bot token (by default SLACK_BOT_TOKEN; none to run the OAuth
    flow), at SLACK_API_URL when set.

    It retries a dropped connection once, and a call answered 429 once after Retry-After (paced,
    see `PacedRateLimitRetry`); what still fails is the caller's to handle (the outbox keeps a
    message due). Bolt copies these retry handlers into the client of every request.
    """
    kwargs: dict[str, Any] = {
        "token": token or settings.bot_token,
        "retry_handlers": [ConnectionErrorRetryHandler(), PacedRateLimitRetry(pacer)],
        "timeout": 15,
        "logger": slack_client_logger(),
    }
    if settings.slack_api_url:
        kwargs["base_url"] = settings.slack_api_url
    return WebClient(**kwargs)


def build_services(settings: Settings, sessions: SessionFactory) -> Services:
    """The services every listener shares."""
    pacer = SendPacer(settings.send_rate)
    leads = Leads(sessions, settings.program_leads)
    return Services(
        sessions=sessions,
        delivery=OutboxDelivery(sessions, leads, pacer),
        leads=leads,
        pseudonyms=Pseudonyms(settings.pseudonym_secret),
    )


@dataclass(frozen=True)
class Bot:
    """A running bot's parts: the Bolt App for requests, and what the scheduler tick needs."""

    app: App
    services: Services
    clients: WorkspaceClients


def build_bot(settings: Settings, engine: Engine, *, token_verification: bool = True) -> Bot:
    """The bot for one workspace's token, or for every workspace that installs it by OAuth.
    Without `token_verification`, Bolt checks the one token on the first request, not now."""
    services = build_services(settings, session_factory(engine))
    clients = workspace_clients(settings, engine, services.delivery.pacer)
    if isinstance(clients, OneWorkspace):
        app = create_app(
            settings, services, client=clients.client, token_verification=token_verification
        )
        return Bot(app, services, clients)
    assert settings.oauth is not None
    on_installed = partial(welcome_installer, services, clients)
    oauth = oauth_settings(settings.oauth, clients.store, engine, on_installed)
    return Bot(create_app(settings, services, oauth=oauth), services, clients)


def confirm_token_workspace(settings: Settings, engine: Engine) -> None:
    """Token mode: the bot token works, so the app is installed in its workspace, even if it was
    uninstalled before (whoever reinstalls it puts in the new token and restarts the bot).
    Raises what the Web API call raises."""
    client = build_web_client(settings, SendPacer(settings.send_rate))
    team_id = str(client.auth_test()["team_id"])
    with session_factory(engine)() as session:
        workspaces.restart(session, team_id)


def workspace_clients(
    settings: Settings, engine: Engine, pacer: SendPacer
) -> OneWorkspace | InstalledWorkspaces:
    """The bot token's client, or (OAuth) a client per installed workspace."""
    if settings.oauth is None:
        return OneWorkspace(build_web_client(settings, pacer))
    store = installation_store(settings.oauth, engine)
    return InstalledWorkspaces(store, partial(build_web_client, settings, pacer))


def create_app(
    settings: Settings,
    services: Services,
    *,
    client: WebClient | None = None,
    oauth: OAuthSettings | None = None,
    token_verification: bool = True,
    process_before_response: bool = False,
) -> App:
    """The Bolt App with every surface registered; request signatures are always verified.
    With `oauth`, it serves Slack's install flow and finds each workspace's token itself."""
    app = App(
        client=client or build_web_client(settings, services.delivery.pacer),
        signing_secret=settings.signing_secret or "",
        oauth_settings=oauth,
        # who asks is not known before authorisation, so in both languages
        user_facing_authorize_error_message=in_every_language("install.missing"),
        token_verification_enabled=token_verification,
        process_before_response=process_before_response,
    )
    app.error(_apologise)
    app.use(check_responses)
    surfaces = (
        deduplication,
        commands,
        actions,
        erasure,
        survey,
        home,
        matching,
        introductions,
        checkin_actions,
        reflections,
        wins_review,
        cohort_modal,
        installation,
        member_changes,
    )
    for surface in surfaces:
        surface.register(app, services)
    # A DM Slack refuses because its recipient left takes them out as their user_change would
    services.delivery.take_out_departed_with(partial(take_out, services))
    return app


def _apologise(
    error: Exception, body: dict[str, Any], respond: Respond, client: WebClient
) -> BoltResponse:
    """Log an unhandled listener error and tell the person, never with a stack trace.

    Answers Slack with an empty 200 so that it shows no error of its own on top of the apology; a
    failed modal submission is answered with an apology view in place of the form instead.
    """
    answered = BoltResponse(status=200, body="")
    log.error(
        "unhandled %s in a %s request",
        type(error).__name__,
        body.get("type") or "command",
        exc_info=error,
    )
    user_id = body.get("user_id") or (body.get("user") or {}).get("id")
    if body.get("type") == "view_submission":  # the modal stays open and says nothing was saved
        locale = slack_profile(client, user_id).locale if user_id else None
        apology = {"response_action": "update", "view": notice_view(locale, "error.not_saved")}
        return BoltResponse(
            status=200, body=json.dumps(apology), headers={"content-type": "application/json"}
        )
    if not body.get("response_url"):
        return answered
    locale = slack_profile(client, user_id).locale if user_id else None
    try:
        respond(text=t(locale, "error.generic"), response_type="ephemeral", replace_original=False)
    except Exception:  # the apology itself must never raise
        log.warning("could not tell the person about the error", exc_info=True)
    return answered
