"""The bot wired to the stand-in and a database, driven through Bolt's real request pipeline."""

import copy
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import Any

from slack_bolt.response import BoltResponse
from sqlalchemy import Engine

from bot.app import build_services, build_web_client, create_app
from bot.config import Settings
from bot.scheduler import run_tick
from bot.send_pacing import SendPacer
from handlers.delivery import DeliveryReport, OutboxDelivery
from handlers.workspace_clients import OneWorkspace
from storage.db import session_factory
from storage.models import utcnow
from tests.fakes.modals import fill
from tests.fakes.slack_api import BOT_TOKEN, SlackStandIn
from tests.fakes.slack_requests import SIGNING_SECRET, RequestBuilder, SignedRequest


def harness_settings(standin: SlackStandIn, engine: Engine, leads: frozenset[str]) -> Settings:
    """HTTP-mode settings that point the bot at the stand-in."""
    return Settings(
        bot_token=BOT_TOKEN,
        signing_secret=SIGNING_SECRET,
        app_token=None,
        database_url=engine.url.render_as_string(hide_password=False),
        slack_api_url=standin.api_url,
        program_leads=leads,
        port=0,
        log_level="INFO",
    )


class VirtualClock:
    """Seconds that pass only when someone sleeps; records every sleep."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.slept: list[float] = []

    def now(self) -> float:
        return self.seconds

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.seconds += seconds


class BotHarness:
    """One bot: signed requests in, Web API calls out to the stand-in, state in the database."""

    def __init__(
        self, standin: SlackStandIn, engine: Engine, leads: frozenset[str] = frozenset()
    ) -> None:
        self.slack = standin
        self.settings = harness_settings(standin, engine, leads)
        self.sessions = session_factory(engine)
        # Pacing and rate-limit retries wait in virtual time, and one sender keeps the order of
        # sends fixed; work a listener starts after ack() runs inline, so a test sees its effect
        # at once.
        self.waits = VirtualClock()
        self.pacer = SendPacer(
            self.settings.send_rate, clock=self.waits.now, sleep=self.waits.sleep
        )
        self.at: datetime | None = None
        """Set it to play listeners at a moment of a story (the offline demo); else the clock."""
        services = build_services(self.settings, self.sessions)
        self.services = replace(
            services,
            delivery=OutboxDelivery(self.sessions, services.leads, self.pacer, workers=1),
            in_background=lambda job: job(),
            now=lambda: self.at or utcnow(),
        )
        self.client = build_web_client(self.settings, self.pacer)
        self.clients = OneWorkspace(self.client)
        self.app = create_app(
            self.settings,
            self.services,
            client=self.client,
            token_verification=False,
            process_before_response=True,
        )
        self.requests = RequestBuilder(standin)

    def in_workspace(self, team_id: str) -> "BotHarness":
        """The same bot, database and stand-in, sent requests from another workspace (team)."""
        other = copy.copy(self)
        other.requests = RequestBuilder(self.slack, team_id=team_id)
        return other

    def dispatch(self, request: SignedRequest) -> BoltResponse:
        """Run a signed request through Bolt (listeners finish before this returns)."""
        return self.app.dispatch(request.to_bolt())

    def command(self, user_id: str, text: str) -> BoltResponse:
        """The person types `/mentoring <text>`."""
        return self.dispatch(self.requests.slash_command(user_id, text))

    def click(
        self, user_id: str, action_id: str, value: str | None = None, container: str = "message"
    ) -> BoltResponse:
        """The person presses a button."""
        return self.dispatch(
            self.requests.block_action(user_id, action_id, value=value, container=container)
        )

    def open_home(self, user_id: str) -> BoltResponse:
        """The person opens the bot's Home tab."""
        return self.dispatch(
            self.requests.event({"type": "app_home_opened", "user": user_id, "tab": "home"})
        )

    def submit(
        self, user_id: str, view: dict[str, Any], answers: dict[str, Any], *, forged: bool = False
    ) -> dict[str, Any]:
        """The person fills in and submits a modal; returns the bot's JSON answer ({} if empty).

        A view the answer replaces the modal with is checked like a view sent to views.update.
        """
        values = fill(view, answers, forged=forged)
        response = self.dispatch(
            self.requests.view_submission(
                user_id, view["callback_id"], values, view.get("private_metadata", "")
            )
        )
        assert response.status == 200, response.body
        answer: dict[str, Any] = json.loads(response.body) if response.body else {}
        if answer.get("response_action") in ("update", "push"):
            self.slack.record_view(answer["view"])
        return answer

    def opened_view(self) -> dict[str, Any]:
        """The modal the bot most recently opened or updated."""
        call = next(
            c
            for c in reversed(self.slack.calls)
            if c.ok and c.method in ("views.open", "views.update")
        )
        return dict(call.args["view"])

    def tick(
        self, now: datetime | None = None, *, failures_allowed: bool = False
    ) -> DeliveryReport:
        """One run of the scheduler's tick. A step that failed (the tick logs it and goes on)
        is raised here, unless the test makes steps fail on purpose."""
        with _failed_steps() as failed:
            report = run_tick(self.services, self.clients, now or utcnow())
        if failed and not failures_allowed:
            raise failed[0]
        return report

    def last_reply(self) -> str:
        """The text of the latest ephemeral reply (response_url post)."""
        return str(self.slack.responses[-1].body.get("text", ""))


@contextmanager
def _failed_steps() -> Iterator[list[BaseException]]:
    """The exceptions of the tick steps that failed meanwhile (bot.scheduler logs each)."""
    failed: list[BaseException] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.exc_info and record.exc_info[1] is not None:
                failed.append(record.exc_info[1])

    handler = Collect(logging.ERROR)
    scheduler_log = logging.getLogger("bot.scheduler")
    scheduler_log.addHandler(handler)
    try:
        yield failed
    finally:
        scheduler_log.removeHandler(handler)
