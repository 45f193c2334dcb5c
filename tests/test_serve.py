"""`python -m bot serve --workers 2` for real: gunicorn's master and two workers against the stand-in,
each worker with its own tick; JSON logs; SIGTERM lets a request and a tick in progress finish."""

import json
import os
import secrets
import signal
import socket
import subprocess
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, make_url

from bot import __main__ as entry
from bot import serve
from bot.config import Settings, load_settings
from bot.server import EVENTS_PATH, HEALTH_PATH
from storage import outbox
from storage.db import make_engine, session_factory
from storage.migrations import upgrade
from storage.models import OutboxKind
from tests.fakes.bot_process import Line, LogLines, bot_process, free_port, post, wait_for_port
from tests.fakes.slack_api import BOT_TOKEN, CLIENT_ID, CLIENT_SECRET, SlackStandIn
from tests.fakes.slack_requests import SIGNING_SECRET, RequestBuilder, SignedRequest
from tests.fakes.workspace import LEAD, PEOPLE

AMIRA = PEOPLE[2]
PRIVATE_WORDS = "quokka-7731 crossed the zebra"
"""Text typed after the command: no log line may contain it."""


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A SQLite file, or with TEST_DATABASE_URL a PostgreSQL database of this test's own (the
    other tests empty theirs at any moment)."""
    server_url = os.environ.get("TEST_DATABASE_URL")
    if server_url is None:
        yield f"sqlite:///{tmp_path / 'serve.db'}"
        return
    server = make_url(server_url)
    name = f"{server.database}_serve_{secrets.token_hex(4)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def serving(
    slack: SlackStandIn, tmp_path: Path, database_url: str
) -> Iterator[Callable[[], tuple[int, LogLines]]]:
    """Starts `python -m bot serve --workers 2` on a free port: (port, its log); killed at the
    end if a test left it running."""
    processes: list[subprocess.Popen[str]] = []

    def start() -> tuple[int, LogLines]:
        port = free_port()
        process = bot_process(
            slack,
            tmp_path,
            *("serve", "--workers", "2", "--port", str(port)),
            DATABASE_URL=database_url,
            LOG_LEVEL="DEBUG",  # for the per-tick line
            PROGRAM_LEADS=LEAD.id,
        )
        processes.append(process)
        log = LogLines(process)
        wait_for_port(port, process)
        return port, log

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait()


def _worker_pids(lines: list[Line]) -> set[int]:
    return {line["pid"] for line in lines if line["message"].startswith("Booting worker")}


def _tick_pids(lines: list[Line]) -> set[int]:
    return {line["pid"] for line in lines if line["message"].startswith("tick done")}


def _access(lines: list[Line], path: str) -> list[Line]:
    return [line for line in lines if line["logger"] == "bot.access" and line["path"] == path]


def _get(port: int, path: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_two_workers_tick_and_answer_health_checks_and_slack_in_json_logs(
    slack: SlackStandIn, serving: Callable[[], tuple[int, LogLines]]
) -> None:
    port, log = serving()
    process = log.process
    log.wait_for(lambda lines: len(_tick_pids(lines)) == 2, "tick from each of two workers")
    health = _get(port, HEALTH_PATH)
    command = RequestBuilder(slack).slash_command(AMIRA.id, f"help {PRIVATE_WORDS}")
    command_status = post(port, command)

    process.send_signal(signal.SIGTERM)
    exit_code = process.wait(timeout=30)
    lines = log.close()

    assert exit_code == 0
    assert health == (200, {"status": "ok"})
    assert command_status == 200
    assert "/mentoring join" in slack.responses[-1].body["text"]  # answered before the exit
    workers = _worker_pids(lines)
    assert len(workers) == 2 and process.pid not in workers
    assert _tick_pids(lines) == workers, "each worker ticks, the master does not"
    assert all({"time", "level", "logger", "message", "pid"} <= line.keys() for line in lines)
    (access,) = _access(lines, EVENTS_PATH)
    assert (access["method"], access["status"], access["slack_kind"]) == (
        "POST",
        200,
        "interaction",
    )
    assert access["latency_ms"] > 0 and access["pid"] in workers
    assert [line["status"] for line in _access(lines, HEALTH_PATH)] == [200]
    logged = "".join(log.raw)
    for secret in (SIGNING_SECRET, BOT_TOKEN, command.headers["X-Slack-Signature"]):
        assert secret not in logged
    for text_from_the_body in ("quokka", "trigger.", slack.response_url("")):
        assert text_from_the_body not in logged


def _queue_due_dm(database_url: str, team_id: str, text: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)  # as the server will find it
    with session_factory(engine)() as session:
        outbox.enqueue(
            session,
            team_id=team_id,
            kind=OutboxKind.LEAD_ALERT,
            text=text,
            due_at=datetime(2026, 1, 1, tzinfo=UTC),
            recipient_user_id=AMIRA.id,
            respect_working_hours=False,
        )
    engine.dispose()


def _send_headers(port: int, request: SignedRequest) -> socket.socket:
    """Start a request and send everything but its body; return once a worker thread has taken
    it (gunicorn answers `Expect: 100-continue` just before it calls the application)."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=30)
    headers = {
        **request.headers,
        "Host": f"127.0.0.1:{port}",
        "Content-Length": str(len(request.body.encode())),
        "Expect": "100-continue",
        "Connection": "close",
    }
    head = f"POST {EVENTS_PATH} HTTP/1.1\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    connection.sendall((head + "\r\n").encode())
    interim = b""
    while not interim.endswith(b"\r\n\r\n"):
        interim += connection.recv(1)
    assert interim.startswith(b"HTTP/1.1 100 Continue"), interim
    return connection


def _finish(connection: socket.socket, body: str) -> bytes:
    connection.sendall(body.encode())
    response = b""
    while chunk := connection.recv(65536):
        response += chunk
    connection.close()
    return response


def _index(lines: list[Line], pid: int, starts: str) -> int:
    return next(
        i
        for i, line in enumerate(lines)
        if line["pid"] == pid and line["message"].startswith(starts)
    )


def test_sigterm_lets_a_request_in_flight_and_a_tick_in_progress_finish_then_exits_0(
    slack: SlackStandIn, database_url: str, serving: Callable[[], tuple[int, LogLines]]
) -> None:
    _queue_due_dm(database_url, slack.team_id, "due now")
    sending = slack.hold("chat.postMessage")
    port, log = serving()
    process = log.process
    assert sending.arrived.wait(timeout=30), "no tick sent the due message"
    log.wait_for(lambda lines: len(_worker_pids(lines)) == 2, "two workers booted")
    request = RequestBuilder(slack).slash_command(AMIRA.id, "status")
    connection = _send_headers(port, request)

    process.send_signal(signal.SIGTERM)
    log.wait_for(
        lambda lines: any(line["message"] == "Handling signal: term" for line in lines),
        "the master handling SIGTERM",
    )
    response = _finish(connection, request.body)
    sending.release()
    exit_code = process.wait(timeout=30)
    lines = log.close()

    assert response.startswith(b"HTTP/1.1 200"), response
    assert exit_code == 0
    assert [message.text for message in slack.dms_to(AMIRA.id)] == ["due now"]
    (ticker,) = {line["pid"] for line in lines if "sent=1" in line["message"]}
    assert _index(lines, ticker, "tick done") < _index(lines, ticker, "worker stopped")
    (access,) = _access(lines, EVENTS_PATH)
    assert access["status"] == 200
    assert lines.index(access) < _index(lines, access["pid"], "Worker exiting")


def test_sigterm_lets_work_started_after_an_ack_finish(
    slack: SlackStandIn, serving: Callable[[], tuple[int, LogLines]]
) -> None:
    uploading = slack.hold("files.getUploadURLExternal")
    port, log = serving()
    assert post(port, RequestBuilder(slack).slash_command(LEAD.id, "digest")) == 200
    assert uploading.arrived.wait(timeout=30), "the digest is being sent"

    log.process.send_signal(signal.SIGTERM)
    log.wait_for(
        lambda lines: any(line["message"] == "Handling signal: term" for line in lines),
        "the master handling SIGTERM",
    )
    uploading.release()

    assert log.process.wait(timeout=30) == 0
    log.close()
    assert slack.calls_to("files.completeUploadExternal"), "the digest's files were shared"


@pytest.fixture
def serve_settings(
    slack: SlackStandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[dict[str, Any]]:
    """HTTP-mode settings in the environment of this process; `serve.serve` (gunicorn) is not
    started, each call is recorded instead (and its socket closed)."""
    monkeypatch.chdir(tmp_path)
    for name in [name for name in os.environ if name.startswith("SLACK_")]:
        monkeypatch.delenv(name)
    settings = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
    }
    for name, value in settings.items():
        monkeypatch.setenv(name, value)

    started: list[dict[str, Any]] = []

    def record(settings: Settings, listener: socket.socket, **options: int) -> None:
        started.append({"settings": settings, "port": listener.getsockname()[1], **options})
        listener.close()

    monkeypatch.setattr(serve, "serve", record)
    return started


@pytest.mark.parametrize(
    ("settings", "problem"),
    [
        ({"PORT": "http"}, "PORT is malformed"),
        (
            {"SLACK_SIGNING_SECRET": "", "SLACK_APP_TOKEN": "xapp-1-A1-2-def"},
            "SLACK_SIGNING_SECRET is missing (needed to serve HTTP)",
        ),
        ({"SLACK_BOT_TOKEN": "xoxb-revoked"}, "SLACK_BOT_TOKEN was rejected by Slack"),
    ],
)
def test_a_bad_setting_stops_serve_in_the_master_with_one_line(
    serve_settings: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    settings: dict[str, str],
    problem: str,
) -> None:
    for name, value in settings.items():
        monkeypatch.setenv(name, value)

    assert entry.main(["serve", "--workers", "2"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"mentoring-bot: {problem}")
    assert serve_settings == [], "gunicorn started despite the problem"


def test_a_port_in_use_stops_serve_in_the_master_with_one_line(
    serve_settings: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]

        assert entry.main(["serve", "--workers", "2", "--port", str(port)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"mentoring-bot: PORT {port} cannot be used")
    assert serve_settings == []


@pytest.mark.parametrize("mode", ["token", "oauth"])
def test_serve_starts_gunicorn_once_the_master_checks_pass(
    serve_settings: list[dict[str, Any]],
    slack: SlackStandIn,
    monkeypatch: pytest.MonkeyPatch,
    mode: str,
) -> None:
    if mode == "oauth":  # no bot token to check: each installation brings its own
        monkeypatch.delenv("SLACK_BOT_TOKEN")
        monkeypatch.setenv("SLACK_CLIENT_ID", CLIENT_ID)
        monkeypatch.setenv("SLACK_CLIENT_SECRET", CLIENT_SECRET)
    port = free_port()

    assert entry.main(["serve", "--workers", "3", "--threads", "4", "--port", str(port)]) == 0

    (started,) = serve_settings
    assert (started["port"], started["workers"], started["threads"]) == (port, 3, 4)
    assert slack.recorded_methods() == ({"auth.test"} if mode == "token" else set())


def test_the_workers_share_the_send_rate() -> None:
    settings = load_settings(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_SEND_RATE": "10",
        }
    )

    assert [serve.worker_settings(settings, n).send_rate for n in (1, 3, 10, 20)] == [10, 3, 1, 1]
