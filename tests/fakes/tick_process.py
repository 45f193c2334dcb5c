"""One scheduler tick in a process of its own, as a second replica would run it:
`python -m tests.fakes.tick_process DATABASE_URL SLACK_API_URL NOW START_AT`. It waits until the
wall clock reaches START_AT (so that two processes tick at the same moment) and prints its report.
"""

import sys
import time
from datetime import datetime

from bot.app import build_services, build_web_client
from bot.config import Settings
from bot.scheduler import run_tick
from handlers.workspace_clients import OneWorkspace
from storage.db import make_engine, session_factory
from tests.fakes.slack_api import BOT_TOKEN
from tests.fakes.slack_requests import SIGNING_SECRET


def main(database_url: str, api_url: str, now: str, start_at: str) -> None:
    settings = Settings(
        bot_token=BOT_TOKEN,
        signing_secret=SIGNING_SECRET,
        app_token=None,
        database_url=database_url,
        slack_api_url=api_url,
        program_leads=frozenset(),
        port=0,
        log_level="WARNING",
        send_rate=1000,
    )
    services = build_services(settings, session_factory(make_engine(database_url)))
    client = build_web_client(settings, services.delivery.pacer)
    time.sleep(max(0.0, float(start_at) - time.time()))
    print(run_tick(services, OneWorkspace(client), datetime.fromisoformat(now)))


if __name__ == "__main__":
    main(*sys.argv[1:5])
