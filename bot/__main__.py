"""Entry point: `python -m bot` (or `mentoring-bot`) runs the bot in Socket Mode or over HTTP."""

import argparse
import logging
import os
import signal
import sys
from pathlib import Path
from wsgiref.simple_server import WSGIServer

from dotenv import load_dotenv
from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.exc import SQLAlchemyError

from bot.app import build_services, build_web_client, create_app
from bot.config import Settings, SettingsError, load_settings
from bot.scheduler import build_ticker
from bot.server import EVENTS_PATH, make_http_server
from storage.db import create_schema, make_engine, session_factory

log = logging.getLogger("bot")


def main(argv: list[str] | None = None) -> int:
    """Load settings, prepare the database, start the outbox tick and serve Slack."""
    argparse.ArgumentParser(
        prog="mentoring-bot",
        description="Run the reverse-mentoring Slack bot (settings from the environment or .env).",
    ).parse_args(argv)
    load_dotenv(Path.cwd() / ".env")
    try:
        settings = load_settings(os.environ)
    except SettingsError as problem:
        print(f"mentoring-bot: {problem}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    try:
        run(settings)
    except StartupError as problem:
        print(f"mentoring-bot: {problem}", file=sys.stderr)
        return 2
    return 0


class StartupError(Exception):
    """Start-up failed for a reason the operator can fix; the message says how."""


def run(settings: Settings) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM)."""
    if not settings.program_leads:
        log.warning("PROGRAM_LEADS is empty: nobody receives lead alerts until it is set")
    try:
        engine = make_engine(settings.database_url)
        create_schema(engine)
    except (SQLAlchemyError, ImportError) as error:
        raise StartupError(
            f"DATABASE_URL cannot be used ({type(error).__name__}): check that the database"
            " server runs and the URL, user and password are right."
        ) from None
    services = build_services(settings, session_factory(engine))
    try:
        app = create_app(settings, services)
    except BoltError:
        raise StartupError(
            "SLACK_BOT_TOKEN was rejected by Slack: copy the Bot User OAuth Token (xoxb-…) again"
            " from your app's 'OAuth & Permissions' page, and reinstall the app if it changed."
        ) from None
    except (SlackClientError, OSError) as error:
        raise StartupError(
            f"Slack cannot be reached at {settings.slack_api_url or 'slack.com'}"
            f" ({type(error).__name__}): check the network, a proxy, or SLACK_API_URL."
        ) from None
    server = None if settings.socket_mode else _http_server(app, settings.port)
    scheduler = build_ticker(services, build_web_client(settings, services.delivery.pacer))
    scheduler.start()
    previous_sigterm = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if server is None:
            _serve_socket_mode(app, settings)
        else:
            log.info("serving Slack requests on :%s%s", settings.port, EVENTS_PATH)
            server.serve_forever()
    except KeyboardInterrupt:
        log.info("stopping")
    finally:
        signal.signal(signal.SIGTERM, previous_sigterm)
        scheduler.shutdown(wait=False)


def _http_server(app: App, port: int) -> WSGIServer:
    try:
        return make_http_server(app, "0.0.0.0", port)
    except OSError as error:
        raise StartupError(
            f"PORT {port} cannot be used ({error.strerror}): choose a free port."
        ) from None


def _serve_socket_mode(app: App, settings: Settings) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    log.info("starting in Socket Mode")
    try:
        SocketModeHandler(app, settings.app_token).start()
    except SlackApiError as error:
        raise StartupError(
            f"SLACK_APP_TOKEN was rejected by Slack ({error.response.get('error')}): generate an"
            " app-level token with the connections:write scope on your app's 'Basic Information'"
            " page."
        ) from None


def _interrupt(_signum: int, _frame: object) -> None:
    """SIGTERM stops the bot the way Ctrl-C does, so the scheduler shuts down cleanly."""
    raise KeyboardInterrupt


def configure_logging(level: str) -> None:
    """Plain log lines; Slack's own libraries never below INFO, so no message text is logged."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("slack_sdk", "slack_bolt"):
        logging.getLogger(noisy).setLevel(max(logging.getLevelName(level), logging.INFO))
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # not a line per tick


if __name__ == "__main__":
    sys.exit(main())
