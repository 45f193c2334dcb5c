"""Over real HTTP: the WSGI server at POST /slack/events verifies every request's signature; GET
/healthz checks the database; every request is logged once."""

import json
import logging
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.server import EVENTS_PATH, HEALTH_PATH, make_http_server, wsgi_app
from storage.db import make_engine
from storage.models import Participant
from tests.fakes.bot_harness import BotHarness
from tests.fakes.bot_process import free_port
from tests.fakes.slack_requests import FORM, SignedRequest, signed_headers
from tests.fakes.workspace import PEOPLE

AMIRA = PEOPLE[2]


@pytest.fixture
def url(bot: BotHarness, engine: Engine) -> Iterator[str]:
    server = make_http_server(wsgi_app(bot.app, engine), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


def _post(url: str, request: SignedRequest) -> tuple[int, str]:
    http_request = urllib.request.Request(
        url + EVENTS_PATH, data=request.body.encode(), headers=request.headers, method="POST"
    )
    try:
        with urllib.request.urlopen(http_request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _participants(bot: BotHarness) -> list[Participant]:
    with bot.sessions() as session:
        return list(session.exec(select(Participant)))


def test_a_signed_slash_command_is_served(bot: BotHarness, url: str) -> None:
    status, _ = _post(url, bot.requests.slash_command(AMIRA.id, "join"))

    assert status == 200
    assert "You have joined" in bot.last_reply()
    assert [p.slack_user_id for p in _participants(bot)] == [AMIRA.id]


def test_a_bad_signature_gets_401_and_does_nothing(bot: BotHarness, url: str) -> None:
    genuine = bot.requests.slash_command(AMIRA.id, "join")
    forged = SignedRequest(genuine.body.replace("join", "leave"), genuine.headers)

    status, _ = _post(url, forged)

    assert status == 401
    assert _participants(bot) == [] and bot.slack.calls == []


def test_a_request_signed_with_another_secret_gets_401_and_does_nothing(
    bot: BotHarness, url: str
) -> None:
    body = bot.requests.slash_command(AMIRA.id, "join").body
    request = SignedRequest(body, signed_headers(body, FORM, secret="0" * 32))

    assert _post(url, request)[0] == 401
    assert _participants(bot) == [] and bot.slack.calls == [] and bot.slack.responses == []


@pytest.mark.parametrize("minutes", [-6, 6])
def test_a_timestamp_over_five_minutes_off_gets_401_even_with_a_valid_signature(
    bot: BotHarness, url: str, minutes: int
) -> None:
    body = bot.requests.slash_command(AMIRA.id, "join").body
    stamp = int(time.time()) + minutes * 60
    request = SignedRequest(body, signed_headers(body, FORM, timestamp=stamp))

    assert _post(url, request)[0] == 401
    assert _participants(bot) == [] and bot.slack.calls == [] and bot.slack.responses == []


@pytest.mark.parametrize("stamp", ["", "soon", "1e10", "\xb2", "-1", "9" * 40])
def test_a_timestamp_that_is_no_number_gets_401_and_does_nothing(
    bot: BotHarness, url: str, stamp: str
) -> None:
    """Bolt's own check raises on such a timestamp; the bot must not answer the unverified
    request's response_url with an apology (nor call Slack for it)."""
    body = bot.requests.slash_command(AMIRA.id, "join").body
    headers = {**signed_headers(body, FORM), "X-Slack-Request-Timestamp": stamp}

    assert _post(url, SignedRequest(body, headers))[0] == 401
    assert _participants(bot) == [] and bot.slack.calls == [] and bot.slack.responses == []


def test_a_request_without_signature_headers_gets_401_and_does_nothing(
    bot: BotHarness, url: str
) -> None:
    body = urlencode({"command": "/mentoring", "text": "join", "user_id": AMIRA.id})

    assert _post(url, SignedRequest(body, {"Content-Type": FORM}))[0] == 401
    assert _participants(bot) == [] and bot.slack.calls == [] and bot.slack.responses == []


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("payload=%7Bnot-json", FORM),
        ("payload=%5B%5D", FORM),
        ("payload=null", FORM),
        ("{not json", "application/json"),
        ("[1, 2]", "application/json"),
    ],
)
def test_a_body_that_is_no_slack_request_gets_400_not_a_server_error(
    bot: BotHarness, url: str, body: str, content_type: str
) -> None:
    status, _ = _post(url, SignedRequest(body, signed_headers(body, content_type)))

    assert status == 400
    assert bot.slack.calls == [] and bot.slack.responses == []


def test_the_url_verification_challenge_is_answered(url: str) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "3eZbrw1aB", "token": "x"})

    status, answer = _post(url, SignedRequest(body, signed_headers(body, "application/json")))

    assert status == 200 and "3eZbrw1aB" in answer


def test_other_paths_are_not_found(url: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(url + "/admin", timeout=10)
    assert raised.value.code == 404


def test_a_signed_view_submission_for_no_known_view_changes_nothing(
    bot: BotHarness, url: str
) -> None:
    request = bot.requests.view_submission(AMIRA.id, "no_such_view", {"b": {"a": {"value": "x"}}})

    status, _ = _post(url, request)

    assert status == 404  # signature accepted, but no listener claims the view
    assert _participants(bot) == []
    assert bot.slack.recorded_methods() <= {"auth.test"}  # Bolt's one-off token check at most


def _get(url: str) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_the_health_check_answers_ok_when_the_database_answers(url: str) -> None:
    assert _get(url + HEALTH_PATH) == (200, {"status": "ok"})


def test_the_health_check_answers_503_naming_no_url_when_the_database_is_down(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    password = "hunter2-sesame"
    closed_port = free_port()
    down = make_engine(f"postgresql+psycopg://mentor:{password}@127.0.0.1:{closed_port}/db")
    server = make_http_server(wsgi_app(bot.app, down), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        status, body = _get(f"http://127.0.0.1:{server.server_port}{HEALTH_PATH}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

    assert status == 503 and body["status"] == "unavailable"
    for detail in (password, "mentor", str(closed_port), "postgresql"):
        assert detail not in json.dumps(body) and detail not in caplog.text


def test_each_request_is_logged_once_with_its_status_and_latency_and_no_body(
    bot: BotHarness, url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.access")
    command = bot.requests.slash_command(AMIRA.id, "help quokka-7731")
    retried = bot.requests.event({"type": "app_home_opened", "user": AMIRA.id}, retry_num=2)

    _post(url, command)
    _post(url, retried)
    _get(url + HEALTH_PATH)

    lines = [record.__dict__ for record in caplog.records if record.name == "bot.access"]
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("POST", EVENTS_PATH, 200),
        ("POST", EVENTS_PATH, 200),
        ("GET", HEALTH_PATH, 200),
    ]
    assert all(line["latency_ms"] >= 0 for line in lines)
    assert [line.get("slack_kind") for line in lines] == ["interaction", "events_api", None]
    assert (lines[1]["slack_retry_num"], lines[1]["slack_retry_reason"]) == (2, "http_timeout")
    assert "quokka" not in caplog.text and command.headers["X-Slack-Signature"] not in caplog.text


@pytest.mark.parametrize("retry", ["\xb2", "many", "-1", "9" * 30])
def test_a_retry_number_that_is_no_number_is_served_and_logged_without_it(
    bot: BotHarness, url: str, caplog: pytest.LogCaptureFixture, retry: str
) -> None:
    caplog.set_level(logging.INFO, logger="bot.access")
    event = bot.requests.event({"type": "app_home_opened", "user": AMIRA.id, "tab": "home"})

    status, _ = _post(url, SignedRequest(event.body, {**event.headers, "X-Slack-Retry-Num": retry}))

    assert status == 200
    [line] = [record.__dict__ for record in caplog.records if record.name == "bot.access"]
    assert line["status"] == 200 and "slack_retry_num" not in line
