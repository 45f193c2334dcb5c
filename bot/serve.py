"""`python -m bot serve --workers N`: HTTP mode for production, `bot.server.wsgi_app` under gunicorn
with threaded (gthread) workers. The master checks and binds; each worker builds its own database
engine, services, Bolt App and tick after the fork, and on SIGTERM finishes its requests and its
current tick before it exits. Another WSGI application can be served the same way by passing
`serve` a loader of its own (the latency benchmark's empty baseline app does)."""

import argparse
import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any
from wsgiref.types import WSGIApplication

from apscheduler.schedulers.background import BackgroundScheduler
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from bot.app import build_bot
from bot.config import Settings
from bot.logs import JsonFormatter
from bot.scheduler import build_ticker
from bot.server import EVENTS_PATH, wsgi_app
from storage.db import make_engine

log = logging.getLogger(__name__)

DEFAULT_THREADS = 8
GRACEFUL_SECONDS = 30
"""After SIGTERM, how long workers may take to finish their requests and tick before gunicorn
kills them."""


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """The `serve` subcommand."""
    serve = commands.add_parser(
        "serve",
        help="serve Slack over HTTP with several worker processes (production)",
        description="Serve POST /slack/events and GET /healthz with gunicorn: N worker"
        " processes of T threads each, every worker with its own scheduler tick. SIGTERM lets"
        f" requests and ticks in progress finish (up to {GRACEFUL_SECONDS} s).",
    )
    add_options(serve)


def add_options(parser: argparse.ArgumentParser) -> None:
    """--workers N, --threads T and --port P."""
    parser.add_argument("--workers", type=_count, required=True, metavar="N")
    parser.add_argument("--threads", type=_count, default=DEFAULT_THREADS, metavar="T")
    parser.add_argument("--port", type=_port, metavar="P", help="default: PORT, else 3000")


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a TCP port number from 1 to 65535")
    return int(value)


def listening_socket(port: int) -> socket.socket:
    """The server's socket, bound in the master before any worker starts; OSError if the port
    cannot be used."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(("0.0.0.0", port))
    except OSError:
        listener.close()
        raise
    return listener


@dataclass(frozen=True)
class WorkerApp:
    """What a loader builds in each worker after the fork: the WSGI application it serves, and
    what to do once its requests are answered, before it exits."""

    wsgi: WSGIApplication
    stop: Callable[[], None] | None = None


Loader = Callable[[Settings], WorkerApp]


def load_bot(settings: Settings) -> WorkerApp:
    """The bot in a worker: its own engine, services, Bolt App and tick. The master has checked
    the bot token, so no auth.test here: a worker that gunicorn restarts while Slack is
    unreachable still boots."""
    engine = make_engine(settings.database_url)
    bot = build_bot(settings, engine, token_verification=False)
    ticker = build_ticker(bot.services, bot.clients)
    ticker.start()
    log.info("worker ready: serving %s and ticking", EVENTS_PATH)
    return WorkerApp(wsgi_app(bot.app, engine), partial(_stop_tick, ticker))


def _stop_tick(ticker: BackgroundScheduler) -> None:
    """Stop a worker's tick, waiting for a tick in progress to finish."""
    ticker.shutdown(wait=True)
    log.info("worker stopped: requests answered, tick finished")


def serve(
    settings: Settings,
    listener: socket.socket,
    *,
    workers: int,
    threads: int,
    loader: Loader = load_bot,
) -> None:
    """Serve what `loader` builds in each worker (by default the bot) until SIGTERM or SIGINT,
    then exit the process (gunicorn's master and workers)."""
    _Server(settings, listener, workers=workers, threads=threads, loader=loader).run()


def worker_settings(settings: Settings, workers: int) -> Settings:
    """A worker's settings: the workers share SLACK_SEND_RATE, each sending at most its part of
    it (at least one message a second)."""
    return replace(settings, send_rate=max(1, settings.send_rate // workers))


class _Server(BaseApplication):
    """gunicorn embedded: options from here, not from a command line or configuration file."""

    def __init__(
        self,
        settings: Settings,
        listener: socket.socket,
        *,
        workers: int,
        threads: int,
        loader: Loader,
    ) -> None:
        self._settings = worker_settings(settings, workers)
        self._loader = loader
        self._options = {
            "bind": [f"fd://{listener.detach()}"],  # gunicorn takes the bound socket over
            "workers": workers,
            "worker_class": "gthread",
            "threads": threads,
            "graceful_timeout": GRACEFUL_SECONDS,
            "accesslog": None,  # `bot.server` logs each request
            "loglevel": settings.log_level.lower(),
            "logger_class": _JsonGunicornLogger,
            "control_socket_disable": True,  # no gunicornc socket shared by every instance
            "worker_exit": _stop_worker,
        }
        self._worker: WorkerApp | None = None
        super().__init__()

    def load_config(self) -> None:
        """Called by gunicorn: apply the options."""
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> WSGIApplication:
        """Called by gunicorn in each worker, after the fork: what the loader builds there."""
        self._worker = self._loader(self._settings)
        return self._worker.wsgi

    def stop_worker(self) -> None:
        """Let this worker's loaded parts stop (the bot's tick), once."""
        if self._worker is not None and self._worker.stop is not None:
            self._worker.stop()
        self._worker = None


def _stop_worker(_arbiter: Any, worker: Any) -> None:
    """gunicorn's worker_exit hook: runs in the exiting worker once its requests are done."""
    worker.app.stop_worker()


class _JsonGunicornLogger(Logger):
    """Gunicorn's own lines (start, workers booting and exiting, signals) as JSON like the bot's."""

    def setup(self, cfg: Any) -> None:
        """Called by gunicorn: its usual handlers, with the JSON formatter."""
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(JsonFormatter())
