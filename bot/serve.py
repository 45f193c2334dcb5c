"""`python -m bot serve --workers N`: HTTP mode for production, `bot.server.wsgi_app` under gunicorn
with threaded (gthread) workers. The master checks and binds; each worker builds its own database
engine, services, Bolt App and tick after the fork, and on SIGTERM finishes its requests and its
current tick before it exits."""

import argparse
import logging
import socket
from dataclasses import replace
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
    serve.add_argument("--workers", type=_count, required=True, metavar="N")
    serve.add_argument("--threads", type=_count, default=DEFAULT_THREADS, metavar="T")
    serve.add_argument("--port", type=_port, metavar="P", help="default: PORT, else 3000")


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


def serve(settings: Settings, listener: socket.socket, *, workers: int, threads: int) -> None:
    """Serve until SIGTERM or SIGINT, then exit the process (gunicorn's master and workers)."""
    _Server(settings, listener, workers=workers, threads=threads).run()


def worker_settings(settings: Settings, workers: int) -> Settings:
    """A worker's settings: the workers share SLACK_SEND_RATE, each sending at most its part of
    it (at least one message a second)."""
    return replace(settings, send_rate=max(1, settings.send_rate // workers))


class _Server(BaseApplication):
    """gunicorn embedded: options from here, not from a command line or configuration file."""

    def __init__(
        self, settings: Settings, listener: socket.socket, *, workers: int, threads: int
    ) -> None:
        self._settings = worker_settings(settings, workers)
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
            "worker_exit": _stop_worker_tick,
        }
        self._ticker: BackgroundScheduler | None = None
        super().__init__()

    def load_config(self) -> None:
        """Called by gunicorn: apply the options."""
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> WSGIApplication:
        """Called by gunicorn in each worker, after the fork: its own engine, services, Bolt App
        and tick. The master has checked the bot token, so no auth.test here: a worker that
        gunicorn restarts while Slack is unreachable still boots."""
        engine = make_engine(self._settings.database_url)
        bot = build_bot(self._settings, engine, token_verification=False)
        self._ticker = build_ticker(bot.services, bot.clients)
        self._ticker.start()
        log.info("worker ready: serving %s and ticking", EVENTS_PATH)
        return wsgi_app(bot.app, engine)

    def stop_tick(self) -> None:
        """Stop this worker's tick, waiting for a tick in progress to finish."""
        if self._ticker is not None:
            self._ticker.shutdown(wait=True)
            self._ticker = None
            log.info("worker stopped: requests answered, tick finished")


def _stop_worker_tick(_arbiter: Any, worker: Any) -> None:
    """gunicorn's worker_exit hook: runs in the exiting worker once its requests are done."""
    worker.app.stop_tick()


class _JsonGunicornLogger(Logger):
    """Gunicorn's own lines (start, workers booting and exiting, signals) as JSON like the bot's."""

    def setup(self, cfg: Any) -> None:
        """Called by gunicorn: its usual handlers, with the JSON formatter."""
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(JsonFormatter())
