"""Over real HTTP: the WSGI server at POST /slack/events verifies every request's signature."""

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from sqlmodel import select

from bot.server import EVENTS_PATH, make_http_server
from storage.models import Participant
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_requests import FORM, SignedRequest, signed_headers
from tests.fakes.workspace import PEOPLE

AMIRA = PEOPLE[2]


@pytest.fixture
def url(bot: BotHarness) -> Iterator[str]:
    server = make_http_server(bot.app, "127.0.0.1", 0)
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


def test_a_request_signed_with_another_secret_gets_401(bot: BotHarness, url: str) -> None:
    body = bot.requests.slash_command(AMIRA.id, "join").body
    request = SignedRequest(body, signed_headers(body, FORM, secret="0" * 32))

    assert _post(url, request)[0] == 401
    assert _participants(bot) == []


def test_a_stale_timestamp_gets_401_even_with_a_valid_signature(bot: BotHarness, url: str) -> None:
    body = bot.requests.slash_command(AMIRA.id, "join").body
    six_minutes_ago = int(time.time()) - 6 * 60
    request = SignedRequest(body, signed_headers(body, FORM, timestamp=six_minutes_ago))

    assert _post(url, request)[0] == 401
    assert _participants(bot) == []


def test_a_request_without_signature_headers_gets_401(bot: BotHarness, url: str) -> None:
    body = urlencode({"command": "/mentoring", "text": "join", "user_id": AMIRA.id})

    assert _post(url, SignedRequest(body, {"Content-Type": FORM}))[0] == 401


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
