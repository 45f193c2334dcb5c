"""`python -m bot` for real: HTTP mode against the stand-in, a rejected token, the ticker wiring."""

import signal
import socket
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse
from sqlalchemy import Engine

from bot.app import confirm_token_workspace
from bot.config import Settings, load_settings
from bot.scheduler import TICK_SECONDS, build_ticker
from bot.server import EVENTS_PATH
from storage import outbox, workspaces
from storage.models import OutboxKind
from tests.fakes.bot_harness import BotHarness
from tests.fakes.bot_process import bot_process, free_port, one_line_exit, wait_for_port
from tests.fakes.slack_api import BOT_TOKEN, SlackStandIn
from tests.fakes.slack_requests import RequestBuilder
from tests.fakes.workspace import PEOPLE

AMIRA = PEOPLE[2]


@pytest.fixture
def http_bot(slack: SlackStandIn, tmp_path: Path) -> Iterator[int]:
    port = free_port()
    # The OAuth settings set but empty, as a copy of .env.example leaves them: token mode.
    process = bot_process(
        slack, tmp_path, PORT=str(port), SLACK_CLIENT_ID="", SLACK_CLIENT_SECRET=""
    )
    try:
        wait_for_port(port, process)
        yield port
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0


def test_http_mode_serves_signed_slack_requests_end_to_end(
    slack: SlackStandIn, http_bot: int
) -> None:
    signed = RequestBuilder(slack).slash_command(AMIRA.id, "join")
    request = urllib.request.Request(
        f"http://127.0.0.1:{http_bot}{EVENTS_PATH}",
        data=signed.body.encode(),
        headers=signed.headers,
        method="POST",
    )

    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    deadline = time.monotonic() + 10
    while not slack.responses and time.monotonic() < deadline:
        time.sleep(0.05)  # the listener answers after ack(), in the bot's worker thread

    assert "You have joined" in slack.responses[-1].body["text"]
    assert slack.calls_to("auth.test"), "the token is verified at start-up"
    assert "Welcome to reverse mentoring" in slack.dms_to(AMIRA.id)[0].text


def test_a_token_slack_rejects_stops_start_up_with_one_line(
    slack: SlackStandIn, tmp_path: Path
) -> None:
    process = bot_process(slack, tmp_path, SLACK_BOT_TOKEN="xoxb-revoked")

    last_line = one_line_exit(process)

    assert last_line.startswith("mentoring-bot: SLACK_BOT_TOKEN was rejected")
    assert "xoxb-revoked" not in last_line


def test_a_token_that_works_again_after_an_uninstall_resumes_the_workspace(
    bot: BotHarness, engine: Engine
) -> None:
    bot.dispatch(bot.requests.event({"type": "app_uninstalled"}))
    with bot.sessions() as session:
        assert workspaces.stopped_among(session, [bot.slack.team_id]) == {bot.slack.team_id}

    confirm_token_workspace(bot.settings, engine)  # at start-up, with the new token

    with bot.sessions() as session:
        assert workspaces.stopped_among(session, [bot.slack.team_id]) == set()


def test_the_ticker_runs_the_outbox_delivery_every_minute(bot: BotHarness) -> None:
    scheduler = build_ticker(bot.services, bot.clients)
    (job,) = scheduler.get_jobs()

    assert job.trigger.interval.total_seconds() == TICK_SECONDS
    assert (job.max_instances, job.coalesce) == (1, True)
    with bot.sessions() as session:
        outbox.enqueue(
            session,
            team_id=bot.slack.team_id,
            kind=OutboxKind.LEAD_ALERT,
            text="due now",
            due_at=datetime(2026, 1, 1, tzinfo=UTC),
            recipient_user_id=AMIRA.id,
            respect_working_hours=False,
        )
    job.func()

    assert [m.text for m in bot.slack.dms_to(AMIRA.id)] == ["due now"]


class _Recorder:
    """Stands in for SocketModeHandler and the scheduler: records, never connects or ticks."""

    made: ClassVar[list["_Recorder"]] = []
    refuse_with: ClassVar[str | None] = None

    def __init__(self, *args: object) -> None:
        self.args = args
        self.events: list[str] = []
        _Recorder.made.append(self)

    def start(self) -> None:
        self.events.append("start")
        if _Recorder.refuse_with and str(self.args[-1]).startswith("xapp-"):
            raise SlackApiError(
                "refused",
                SlackResponse(
                    client=None,
                    http_verb="POST",
                    api_url="",
                    req_args={},
                    data={"ok": False, "error": _Recorder.refuse_with},
                    headers={},
                    status_code=200,
                ),
            )

    def shutdown(self, wait: bool = True) -> None:
        self.events.append("shutdown")


@pytest.fixture
def socket_mode(
    slack: SlackStandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    import slack_bolt.adapter.socket_mode

    from bot import __main__ as entry

    _Recorder.made = []
    monkeypatch.setattr(slack_bolt.adapter.socket_mode, "SocketModeHandler", _Recorder)
    monkeypatch.setattr(entry, "build_ticker", _Recorder)
    yield load_settings(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_APP_TOKEN": "xapp-1-A0MENTOR-1-secret",
            "SLACK_API_URL": slack.api_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        }
    )
    _Recorder.refuse_with = None


def test_socket_mode_is_chosen_when_the_app_token_is_set(socket_mode: Settings) -> None:
    from bot import __main__ as entry

    entry.run(socket_mode)

    ticker, handler = _Recorder.made
    assert handler.args[1] == "xapp-1-A0MENTOR-1-secret" and handler.events == ["start"]
    assert ticker.events == ["start", "shutdown"]


def test_a_rejected_app_token_stops_start_up_with_one_line(socket_mode: Settings) -> None:
    from bot import __main__ as entry

    _Recorder.refuse_with = "invalid_auth"

    with pytest.raises(entry.StartupError) as raised:
        entry.run(socket_mode)

    assert str(raised.value).startswith("SLACK_APP_TOKEN was rejected by Slack (invalid_auth)")
    (ticker, _) = _Recorder.made
    assert ticker.events == ["start", "shutdown"]


def test_an_unreachable_slack_stops_start_up_with_one_line(
    slack: SlackStandIn, tmp_path: Path
) -> None:
    closed = f"http://127.0.0.1:{free_port()}/api/"
    process = bot_process(slack, tmp_path, SLACK_API_URL=closed)

    assert one_line_exit(process).startswith(f"mentoring-bot: Slack cannot be reached at {closed}")


def test_a_port_in_use_stops_start_up_with_one_line(slack: SlackStandIn, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = bot_process(slack, tmp_path, PORT=str(port))

        assert one_line_exit(process).startswith(f"mentoring-bot: PORT {port} cannot be used")
