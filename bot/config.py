"""Settings from the environment, validated once at start-up."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.survey import SLACK_USER_ID

DEFAULT_DATABASE_URL = "sqlite:///mentoring.db"
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class SettingsError(Exception):
    """A missing or malformed setting; the message is one line that says how to fix it."""


@dataclass(frozen=True)
class OAuthCredentials:
    """The app's client ID and secret, for installing it in many workspaces."""

    client_id: str
    client_secret: str

    def __repr__(self) -> str:  # the secret never reaches a log line
        return f"OAuthCredentials(client_id={self.client_id!r}, client_secret='***')"


@dataclass(frozen=True)
class Settings:
    """Everything the bot needs from its environment."""

    bot_token: str | None
    """The one workspace's bot token (token mode); None when installed by OAuth."""
    signing_secret: str | None
    app_token: str | None
    database_url: str
    slack_api_url: str | None
    program_leads: frozenset[str]
    port: int
    log_level: str
    send_rate: int = 10
    """Messages per second the bot sends in the whole workspace, at most (SLACK_SEND_RATE)."""
    oauth: OAuthCredentials | None = None
    """Set when the app is installed in workspaces through Slack's OAuth flow."""
    pseudonym_key: str | None = field(default=None, repr=False)
    """PSEUDONYM_KEY: the secret behind erased people's pseudonyms (`bot.pseudonyms`)."""

    @property
    def pseudonym_secret(self) -> bytes:
        """PSEUDONYM_KEY, else the signing secret (or, in Socket Mode, the app token): keep it
        for good, since erased people's pseudonyms are made with it."""
        secret = self.pseudonym_key or self.signing_secret or self.app_token
        assert secret is not None, "load_settings() requires one of them"
        return secret.encode()

    @property
    def socket_mode(self) -> bool:
        """Socket Mode when an app-level token is set, otherwise HTTP."""
        return self.app_token is not None


def load_settings(environ: Mapping[str, str]) -> Settings:
    """Build and validate the settings; raise SettingsError naming the first bad variable."""

    def get(name: str) -> str | None:
        value = environ.get(name, "").strip()
        return value or None

    oauth = _oauth(get("SLACK_CLIENT_ID"), get("SLACK_CLIENT_SECRET"))
    bot_token = get("SLACK_BOT_TOKEN")
    if oauth is not None:
        bot_token = None  # each workspace's token comes from its installation
    elif bot_token is None or not bot_token.startswith("xoxb-"):
        raise SettingsError(
            _problem("SLACK_BOT_TOKEN", bot_token)
            + ": use the Bot User OAuth Token (xoxb-…) from your app's 'OAuth & Permissions' page,"
            " or set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to install the app by OAuth."
        )
    app_token = get("SLACK_APP_TOKEN")
    if oauth is not None and app_token is not None:
        raise SettingsError(
            "SLACK_APP_TOKEN is set with SLACK_CLIENT_ID: installing by OAuth needs HTTP mode"
            " (Slack redirects the installer to /slack/oauth_redirect); unset SLACK_APP_TOKEN."
        )
    if oauth is not None and get("PROGRAM_LEADS") is not None:
        raise SettingsError(
            "PROGRAM_LEADS is set with SLACK_CLIENT_ID: its people would lead every workspace that"
            " installs the app; unset it (each workspace's installer becomes its first lead)."
        )
    if app_token is not None and not app_token.startswith("xapp-"):
        raise SettingsError(
            "SLACK_APP_TOKEN is malformed: use an app-level token (xapp-…) with the"
            " connections:write scope from your app's 'Basic Information' page, or unset it"
            " to serve HTTP."
        )
    signing_secret = get("SLACK_SIGNING_SECRET")
    if app_token is None and signing_secret is None:
        raise SettingsError(
            "SLACK_SIGNING_SECRET is missing (needed in HTTP mode): copy the Signing Secret from"
            " your app's 'Basic Information' page, or set SLACK_APP_TOKEN for Socket Mode."
        )
    if signing_secret is not None and not re.fullmatch(r"[A-Za-z0-9]{16,128}", signing_secret):
        raise SettingsError(
            "SLACK_SIGNING_SECRET is malformed: copy the Signing Secret from your app's"
            " 'Basic Information' page."
        )
    return Settings(
        bot_token=bot_token,
        signing_secret=signing_secret,
        app_token=app_token,
        database_url=load_database_url(environ),
        slack_api_url=_slack_api_url(get("SLACK_API_URL")),
        program_leads=_program_leads(get("PROGRAM_LEADS")),
        port=_port(get("PORT")),
        log_level=_log_level(get("LOG_LEVEL")),
        send_rate=_send_rate(get("SLACK_SEND_RATE")),
        oauth=oauth,
        pseudonym_key=_pseudonym_key(get("PSEUDONYM_KEY")),
    )


def load_database_url(environ: Mapping[str, str]) -> str:
    """DATABASE_URL validated and normalised (SQLite's file by default), without the Slack
    settings: all that `python -m bot db` needs. SettingsError if it is malformed."""
    return _database_url(environ.get("DATABASE_URL", "").strip() or None)


def _oauth(client_id: str | None, client_secret: str | None) -> OAuthCredentials | None:
    if client_id is None and client_secret is None:
        return None
    if client_id is None or not re.fullmatch(r"[0-9]+\.[0-9]+", client_id):
        raise SettingsError(
            _problem("SLACK_CLIENT_ID", client_id)
            + ": copy the Client ID (digits.digits) from your app's 'Basic Information' page,"
            " or unset SLACK_CLIENT_SECRET for single-workspace token mode."
        )
    if client_secret is None or not re.fullmatch(r"[A-Za-z0-9]{16,128}", client_secret):
        raise SettingsError(
            _problem("SLACK_CLIENT_SECRET", client_secret)
            + ": copy the Client Secret from your app's 'Basic Information' page."
        )
    return OAuthCredentials(client_id, client_secret)


def _problem(name: str, value: str | None) -> str:
    return f"{name} is missing" if value is None else f"{name} is malformed"


def _database_url(value: str | None) -> str:
    if value is None:
        return DEFAULT_DATABASE_URL
    hint = (
        ": use sqlite:///mentoring.db (the default) or"
        " postgresql+psycopg://user:password@host:5432/dbname."
    )
    try:
        url = make_url(value)
    except ArgumentError:
        raise SettingsError("DATABASE_URL is malformed" + hint) from None
    backend, driver = url.get_backend_name(), url.get_driver_name()
    if backend == "postgresql" and driver in ("psycopg", "psycopg2") and "+" not in url.drivername:
        url = url.set(drivername="postgresql+psycopg")  # plain postgresql:// means psycopg 3 here
    elif (backend, driver) not in (("sqlite", "pysqlite"), ("postgresql", "psycopg")):
        raise SettingsError("DATABASE_URL names an unsupported database or driver" + hint)
    return url.render_as_string(hide_password=False)


def _slack_api_url(value: str | None) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?/", value):
        raise SettingsError(
            "SLACK_API_URL is malformed: give a Web API base URL ending in '/',"
            " e.g. http://127.0.0.1:8080/api/, or unset it to reach Slack directly."
        )
    return value


def _program_leads(value: str | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    leads = [part.strip() for part in value.split(",") if part.strip()]
    for lead in leads:
        if not SLACK_USER_ID.fullmatch(lead):
            raise SettingsError(
                f"PROGRAM_LEADS is malformed ({lead[:40]!r} is not a Slack user ID): list member"
                " IDs such as U012ABCDEF, separated by commas (profile > ⋮ > 'Copy member ID')."
            )
    return frozenset(leads)


def _port(value: str | None) -> int:
    if value is None:
        return 3000
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise SettingsError("PORT is malformed: give a TCP port number from 1 to 65535.")
    return int(value)


def _send_rate(value: str | None) -> int:
    if value is None:
        return 10
    if not value.isdigit() or not 1 <= int(value) <= 1000:
        raise SettingsError(
            "SLACK_SEND_RATE is malformed: give the most messages per second the bot may send in"
            " the workspace, from 1 to 1000 (default 10)."
        )
    return int(value)


def _pseudonym_key(value: str | None) -> str | None:
    if value is not None and len(value) < 32:
        raise SettingsError(
            "PSEUDONYM_KEY is malformed: give a random secret of at least 32 characters"
            " (python -c 'import secrets; print(secrets.token_hex(32))'), and keep it for good."
        )
    return value


def _log_level(value: str | None) -> str:
    if value is None:
        return "INFO"
    if value.upper() not in _LOG_LEVELS:
        raise SettingsError(f"LOG_LEVEL is malformed: use one of {', '.join(_LOG_LEVELS)}.")
    return value.upper()
