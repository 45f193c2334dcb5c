"""The latency benchmark's pieces: its load generator signs and sends both kinds of request over
HTTP, sending the bodies that must stay fresh once each, and the empty baseline app acks them."""

import asyncio
import threading
from pathlib import Path

from bench.empty_app import load_empty_app
from bench.load import Load, run
from bot.config import load_settings
from bot.server import EVENTS_PATH, make_http_server
from handlers.checkin_blocks import BUTTON_ACTIONS
from storage.checkins import Press
from tests.fakes.slack_api import BOT_TOKEN, SlackStandIn
from tests.fakes.slack_requests import SIGNING_SECRET, RequestBuilder

PRESSES = 20
MET = BUTTON_ACTIONS[Press.MET]


def test_the_load_generator_gets_its_requests_acked_by_the_empty_app(tmp_path: Path) -> None:
    with SlackStandIn() as slack:
        settings = load_settings(
            {
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": slack.api_url,
                "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.db'}",
            }
        )
        server = make_http_server(load_empty_app(settings).wsgi, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        requests = RequestBuilder(slack)
        load = Load(
            {
                "port": server.server_port,
                "path": EVENTS_PATH,
                "secret": SIGNING_SECRET,
                "seconds": 5,
                "bodies": {
                    "status": [requests.slash_command("U0AMIRA", "status").body],
                    "met": [
                        requests.block_action("U0AMIRA", MET, value=str(n)).body
                        for n in range(PRESSES)
                    ],
                },
                "reused": ["status"],
            }
        )

        asyncio.run(run(load, 3))
        server.shutdown()

    assert load.exhausted, "the load ends when the presses run out, before its 5 s"
    assert len(load.results["met"]) == PRESSES
    assert len(load.results["status"]) >= PRESSES
    assert {status for kind in load.results.values() for status, _ in kind} == {200}
    assert slack.recorded_methods() <= {"auth.test"}, "the empty app only acks"
