"""Entry point: `python -m bot` (or `mentoring-bot`) runs the bot in Socket Mode or over HTTP;
`python -m bot serve --workers N` serves HTTP with gunicorn (production); `python -m bot manifest
--request-url URL` prints the manifest for HTTP; `python -m bot import-roster FILE --cohort NAME`
invites the people of an HR roster; `python -m bot db upgrade` migrates the database schema to the
latest revision."""

import argparse
import logging
import os
import signal
import sys
from pathlib import Path
from typing import TextIO
from wsgiref.simple_server import WSGIServer
from wsgiref.types import WSGIApplication

from dotenv import load_dotenv
from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot import manifest_cli, serve
from bot.app import build_bot, build_services, confirm_token_workspace, workspace_clients
from bot.config import Settings, SettingsError, load_database_url, load_settings
from bot.logs import configure_logging
from bot.messages import t
from bot.roster import MAX_BYTES, ParsedRoster, RosterFileError, parse
from bot.scheduler import build_ticker
from bot.server import EVENTS_PATH, make_http_server, wsgi_app
from handlers import roster_import
from handlers.slack_failures import SLACK_CALL_FAILURES, describe, passing
from handlers.workspace_clients import InstalledWorkspaces
from storage.db import make_engine, session_factory
from storage.migrations import MigrationError, upgrade
from storage.programs import cohort_named

log = logging.getLogger("bot")

OAUTH_VARIABLES = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET")


def main(argv: list[str] | None = None) -> int:
    """Load settings, migrate the database, then start the outbox tick and serve Slack, or run
    the subcommand given."""
    args = _parser().parse_args(argv)
    if args.command == "manifest":
        return manifest_cli.print_manifest(args.request_url)  # needs no settings
    load_dotenv(Path.cwd() / ".env")
    for blank in [name for name in OAUTH_VARIABLES if not os.environ.get(name, "").strip()]:
        os.environ.pop(blank, None)  # Bolt would take a set-but-empty one for OAuth mode
    try:
        if args.command == "db":
            configure_logging("INFO")
            return upgrade_database(load_database_url(os.environ))
        settings = load_settings(os.environ)
        configure_logging(settings.log_level, json_lines=args.command == "serve")
        if args.command == "import-roster":
            return import_roster(settings, args.file, args.cohort, args.team)
        if args.command == "serve":
            serve_http(settings, args.workers, args.threads, args.port)
        else:
            run(settings)
    except (SettingsError, StartupError) as problem:
        print(f"mentoring-bot: {problem}", file=sys.stderr)
        return 2
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentoring-bot",
        description="Run the reverse-mentoring Slack bot (settings from the environment or .env).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    roster = commands.add_parser(
        "import-roster",
        help="invite the people of an HR roster (CSV) to a cohort",
        description="Invite the people of an HR roster to a cohort: every line is checked first;"
        " nothing is imported if any is refused (exit code 1). Columns: email, department,"
        " manager_email, career_stage (a header row is optional).",
    )
    roster.add_argument("file", type=Path, help="the roster as a CSV file (UTF-8)")
    roster.add_argument("--cohort", required=True, help="the cohort's name (ignoring case)")
    roster.add_argument(
        "--team",
        help="the workspace's team ID (T…); by default the bot token's workspace (auth.test)",
    )
    database = commands.add_parser(
        "db",
        help="manage the database schema (needs only DATABASE_URL)",
        description="Manage the database schema. The bot also migrates it when it starts.",
    )
    database.add_argument(
        "action", choices=["upgrade"], help="upgrade: migrate the schema to the latest revision"
    )
    serve.add_parser(commands)
    manifest_cli.add_parser(commands)
    return parser


class StartupError(Exception):
    """Start-up failed for a reason the operator can fix; the message says how."""


def import_roster(settings: Settings, file: Path, cohort_name: str, team_id: str | None) -> int:
    """Check and import a roster: 0 when imported, 1 when lines were refused (each printed with
    its number and reason; nothing stored), 2 when the cohort or file cannot be used."""
    engine, _revision = _database(settings.database_url)
    services = build_services(settings, session_factory(engine))
    clients = workspace_clients(settings, engine, services.delivery.pacer)
    if isinstance(clients, InstalledWorkspaces):
        if team_id is None:
            raise StartupError(t(None, "roster.cli.team_needed"))
        client = clients.for_team(team_id)
        if client is None:
            raise StartupError(t(None, "roster.cli.not_installed", team=team_id))
    else:
        client = clients.client
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=5))  # wait it out
    try:
        team_id = team_id or str(client.auth_test()["team_id"])
    except SLACK_CALL_FAILURES as error:
        raise _lookup_problem(roster_import.SlackLookupError("auth.test", error)) from None
    with services.sessions() as session:
        cohort = cohort_named(session, team_id, cohort_name)
    if cohort is None:
        raise StartupError(t(None, "roster.cli.no_cohort", cohort=cohort_name, team=team_id))
    if not cohort.open_for_joining:
        raise StartupError(t(None, "roster.cli.closed_cohort", cohort=cohort.name))
    parsed = _read_roster(file)
    progress = ProgressBar(t(None, "roster.cli.progress"), sys.stderr)
    try:
        report = roster_import.import_roster(services, client, cohort, parsed, progress.show)
    except roster_import.SlackLookupError as error:
        raise _lookup_problem(error) from None
    finally:
        progress.finish()
    for problem in report.problems:
        reason = t(None, problem.reason, **problem.params)
        print(t(None, "roster.cli.line", line=problem.line, reason=reason))
    if report.problems:
        print(t(None, "roster.cli.rejected", count=len(report.problems)))
        return 1
    print(
        t(
            None,
            "roster.cli.done",
            invited=report.invited,
            skipped=report.skipped,
            cohort=cohort.name,
        )
    )
    return 0


def _lookup_problem(error: roster_import.SlackLookupError) -> StartupError:
    """A look-up Slack refused (check the token and scope) or could not answer (try again)."""
    key = "roster.cli.slack_unavailable" if error.passing else "roster.cli.slack_failed"
    return StartupError(t(None, key, method=error.method, error=error.error))


def _read_roster(file: Path) -> ParsedRoster:
    """The file's rows and line problems; StartupError if it is unreadable or no roster."""
    try:
        if file.stat().st_size > MAX_BYTES:
            raise RosterFileError("roster.error.file_too_big", limit=MAX_BYTES // 1_000_000)
        return parse(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise StartupError(t(None, "roster.cli.unreadable", file=file, reason=reason)) from None
    except RosterFileError as error:
        reason = t(None, error.key, **error.params)
        raise StartupError(t(None, "roster.cli.unreadable", file=file, reason=reason)) from None


class ProgressBar:
    """A one-line text progress bar, redrawn in place on a stream (stderr)."""

    WIDTH = 30

    def __init__(self, label: str, stream: TextIO) -> None:
        self._label = label
        self._stream = stream
        self._drawn = False

    def show(self, done: int, total: int | None) -> None:
        """Redraw: a bar when the total is known, else a count of calls."""
        if total:
            filled = self.WIDTH * done // total
            bar = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total}"
        else:
            bar = f"{done} …"
        self._stream.write(f"\r{self._label} {bar}")
        self._stream.flush()
        self._drawn = True

    def finish(self) -> None:
        """End the bar's line, if one was drawn."""
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()


def upgrade_database(database_url: str) -> int:
    """`db upgrade`: migrate the schema to the latest revision and say which that is."""
    engine, revision = _database(database_url)
    engine.dispose()
    print(f"database is at revision {revision}")
    return 0


def _database(database_url: str) -> tuple[Engine, str]:
    """The database engine and the revision its schema was migrated to; StartupError if the
    database cannot be used."""
    try:
        engine = make_engine(database_url)
        return engine, upgrade(engine)
    except (SQLAlchemyError, ImportError) as error:
        raise StartupError(
            f"DATABASE_URL cannot be used ({type(error).__name__}): check that the database"
            " server runs and the URL, user and password are right."
        ) from None
    except MigrationError as error:
        raise StartupError(f"the database schema cannot be migrated: {error}") from None


def run(settings: Settings) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM)."""
    if not settings.program_leads and settings.oauth is None:
        log.warning("PROGRAM_LEADS is empty: nobody receives lead alerts until it is set")
    engine, _revision = _database(settings.database_url)
    try:
        if settings.oauth is None:  # first: our check tells a rejected token from a busy Slack
            confirm_token_workspace(settings, engine)
        bot = build_bot(settings, engine)
    except (BoltError, SlackClientError, OSError) as error:
        raise _slack_problem(settings, error) from None
    server = (
        None if settings.socket_mode else _http_server(wsgi_app(bot.app, engine), settings.port)
    )
    scheduler = build_ticker(bot.services, bot.clients)
    scheduler.start()
    previous_sigterm = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if server is None:
            _serve_socket_mode(bot.app, settings)
        else:
            log.info("serving Slack requests on :%s%s", settings.port, EVENTS_PATH)
            server.serve_forever()
    except KeyboardInterrupt:
        log.info("stopping")
    finally:
        signal.signal(signal.SIGTERM, previous_sigterm)
        scheduler.shutdown(wait=False)


def _slack_problem(settings: Settings, error: Exception) -> StartupError:
    """Why the bot token cannot be used, as one line for the operator: Slack rejected it, or
    could not answer for now, or cannot be reached."""
    if isinstance(error, SlackApiError) and passing(error):
        return StartupError(
            f"Slack answered auth.test with {describe(error)}: it may be having trouble; try"
            " again in a minute (https://slack-status.com)."
        )
    if isinstance(error, BoltError | SlackApiError):
        return StartupError(
            "SLACK_BOT_TOKEN was rejected by Slack: copy the Bot User OAuth Token (xoxb-…) again"
            " from your app's 'OAuth & Permissions' page, and reinstall the app if it changed."
        )
    return StartupError(
        f"Slack cannot be reached at {settings.slack_api_url or 'slack.com'}"
        f" ({type(error).__name__}): check the network, a proxy, or SLACK_API_URL."
    )


def _http_server(wsgi: WSGIApplication, port: int) -> WSGIServer:
    try:
        return make_http_server(wsgi, "0.0.0.0", port)
    except OSError as error:
        raise _port_problem(port, error) from None


def _port_problem(port: int, error: OSError) -> StartupError:
    return StartupError(f"PORT {port} cannot be used ({error.strerror}): choose a free port.")


def serve_http(settings: Settings, workers: int, threads: int, port: int | None) -> None:
    """Check the signing secret, migrate the database, check the bot token (token mode) and the
    port once, here in gunicorn's master, then serve (see `bot.serve`) until SIGTERM; the workers
    are forked after the checks."""
    if settings.signing_secret is None:
        raise StartupError(
            "SLACK_SIGNING_SECRET is missing (needed to serve HTTP): copy the Signing Secret"
            " from your app's 'Basic Information' page."
        )
    engine, _revision = _database(settings.database_url)
    if settings.oauth is None:  # installed by OAuth, each installation brings its own token
        try:
            confirm_token_workspace(settings, engine)
        except (SlackClientError, OSError) as error:
            raise _slack_problem(settings, error) from None
    engine.dispose()  # each worker connects itself
    port = port or settings.port
    try:
        listener = serve.listening_socket(port)
    except OSError as error:
        raise _port_problem(port, error) from None
    serve.serve(settings, listener, workers=workers, threads=threads)


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


if __name__ == "__main__":
    sys.exit(main())
