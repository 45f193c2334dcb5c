"""The Web API faults every call site is tested with, and what the bot makes of each."""

import logging
from dataclasses import dataclass

import pytest

from handlers.slack_failures import Verdict
from tests.fakes.slack_api import BOT_TOKEN, SlackStandIn

CLIENT_TIMEOUT = 0.2
"""Seconds: the tests' Web API clients give up this soon (the bot's own wait 15 s)."""
PROXY_PAGE = "<html><body>502 Bad Gateway: upstream said hello</body></html>"
"""What a proxy answers in Slack's place: no JSON, and text that must never reach a log."""
SECRET_TEXT = "a text that only its reader may see"
"""A message's text: no log line may quote it."""


@dataclass(frozen=True)
class Fault:
    """A way a Web API call fails, and how the bot names and treats it."""

    name: str
    error: str
    verdict: Verdict
    status: int = 200
    retry_after: int | None = None
    raw_body: str | None = None
    delay: float = 0.0
    recorded_as: str | None = None
    """What the outbox records and tells a lead (`classify`), when it is not `error`."""
    logged_as: str | None = None
    """What a log line names (`describe`), when it is not what is recorded."""

    @property
    def code(self) -> str:
        """What the outbox records and tells a lead."""
        return self.recorded_as or self.error

    @property
    def logged(self) -> str:
        """What a log line names: the code, or the exception's type."""
        return self.logged_as or self.code

    def on(self, standin: SlackStandIn, method: str, *, times: int = 1) -> None:
        """Make the next `times` calls of `method` fail this way."""
        standin.fail(
            method,
            self.error,
            status=self.status,
            retry_after=self.retry_after,
            times=times,
            raw_body=self.raw_body,
            delay=self.delay,
        )


FAULTS = (
    Fault("http_429", "ratelimited", Verdict.HALT, status=429, retry_after=30),
    Fault("http_503", "service_unavailable", Verdict.RETRY, status=503),
    Fault(
        "timeout",
        "timeout",
        Verdict.RETRY,
        delay=CLIENT_TIMEOUT * 3,
        recorded_as="connection_error",
        logged_as="TimeoutError",
    ),
    Fault("ratelimited", "ratelimited", Verdict.HALT),
    Fault("channel_not_found", "channel_not_found", Verdict.GIVE_UP),
    Fault("not_in_channel", "not_in_channel", Verdict.GIVE_UP),
    Fault("account_inactive", "account_inactive", Verdict.HALT),
    Fault(
        "not_json",
        "bad_gateway",
        Verdict.RETRY,
        raw_body=PROXY_PAGE,
        recorded_as="invalid_response",
    ),
)
"""HTTP 429 with Retry-After (longer than a request may wait), HTTP 5xx, a timeout, Slack's
`ratelimited` in a 200 answer, the permanent `channel_not_found` and `not_in_channel`, the
token's `account_inactive`, and a body that is not JSON."""
FAULT_IDS = [fault.name for fault in FAULTS]
FAULT = {fault.name: fault for fault in FAULTS}


def assert_logged_safely(caplog: pytest.LogCaptureFixture, code: str) -> None:
    """A warning or error names Slack's code; no log line quotes the token, a proxy's page or a
    message's text."""
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any(code in line for line in problems), (code, problems)
    for secret in (BOT_TOKEN, PROXY_PAGE, "upstream said hello", SECRET_TEXT):
        assert secret not in caplog.text
