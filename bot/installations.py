"""Installing the app in many workspaces: Slack's OAuth flow, with installations and OAuth
state kept in the bot's database by slack_sdk's SQLAlchemy stores."""

import logging
from collections.abc import Callable

from slack_bolt import BoltResponse
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.installation_store import Installation, InstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from bot.config import OAuthCredentials

log = logging.getLogger(__name__)

BOT_SCOPES = (
    "chat:write",
    "chat:write.public",
    "commands",
    "files:write",
    "im:write",
    "mpim:write",
    "users:read",
    "users:read.email",
)
"""What the bot asks each workspace for: manifest.yml's bot scopes (tests keep them equal)."""
STATE_EXPIRY_SECONDS = 600
"""How long an installer has between /slack/install and Slack's redirect back."""


def installation_store(
    credentials: OAuthCredentials, engine: Engine
) -> SQLAlchemyInstallationStore:
    """Each workspace's bot token, in the `slack_bots` and `slack_installations` tables."""
    return SQLAlchemyInstallationStore(client_id=credentials.client_id, engine=engine)


def oauth_settings(
    credentials: OAuthCredentials,
    store: InstallationStore,
    engine: Engine,
    on_installed: Callable[[Installation], None],
) -> OAuthSettings:
    """Bolt's OAuth flow at /slack/install and /slack/oauth_redirect; `on_installed` runs after
    an installation is stored, before Slack's installer sees the success page."""

    def success(args: SuccessArgs) -> BoltResponse:
        try:
            on_installed(args.installation)
        except Exception:  # the installation is stored; the welcome can be repeated by reinstalling
            log.exception("after installing in %s", args.installation.team_id)
        return args.default.success(args)

    def failure(args: FailureArgs) -> BoltResponse:
        log.warning("installation failed: %s", args.reason)
        return args.default.failure(args)

    return OAuthSettings(
        client_id=credentials.client_id,
        client_secret=credentials.client_secret,
        scopes=list(BOT_SCOPES),
        installation_store=store,
        installation_store_bot_only=True,
        state_store=SQLAlchemyOAuthStateStore(
            expiration_seconds=STATE_EXPIRY_SECONDS, engine=engine
        ),
        callback_options=CallbackOptions(success=success, failure=failure),
    )
