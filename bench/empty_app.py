"""The latency benchmark's baseline: a Bolt app that only acks `/mentoring` and the We met button,
served exactly like the bot (`bot.serve`: gunicorn, gthread workers, the `bot.server.wsgi_app`
router), from the bot's settings in the environment.

    python -m bench.empty_app --workers 2 --port 3100
"""

import argparse
import os

from slack_bolt import Ack, App

from bot import serve
from bot.app import build_web_client
from bot.config import Settings, load_settings
from bot.logs import configure_logging
from bot.send_pacing import SendPacer
from bot.server import wsgi_app
from handlers.checkin_blocks import BUTTON_ACTIONS
from handlers.commands import COMMAND
from storage.checkins import Press
from storage.db import make_engine


def load_empty_app(settings: Settings) -> serve.WorkerApp:
    """A worker's Bolt app with a listener that only acks for each kind of request the bench
    sends; like the bot's, it verifies signatures and checks the bot token on its first
    request."""
    app = App(
        client=build_web_client(settings, SendPacer(settings.send_rate)),
        signing_secret=settings.signing_secret or "",
        token_verification_enabled=False,
    )
    app.command(COMMAND)(_ack)
    app.action(BUTTON_ACTIONS[Press.MET])(_ack)
    return serve.WorkerApp(wsgi_app(app, make_engine(settings.database_url)))


def _ack(ack: Ack) -> None:
    ack()


def main() -> None:
    """Serve the empty app until SIGTERM."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    serve.add_options(parser)
    args = parser.parse_args()
    settings = load_settings(os.environ)
    configure_logging(settings.log_level, json_lines=True)
    listener = serve.listening_socket(args.port or settings.port)
    serve.serve(
        settings, listener, workers=args.workers, threads=args.threads, loader=load_empty_app
    )


if __name__ == "__main__":
    main()
