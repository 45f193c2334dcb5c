"""What a failed Web API call means for the outbox: retry this message, pause all sends, or give up."""

import json
import re
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.numbers import whole_number
from bot.send_pacing import SendPacer

SLACK_CALL_FAILURES = (SlackApiError, SlackClientError, OSError)
"""What a Web API call can raise: Slack's error answers, client errors, network errors."""

MAX_BACKOFF = timedelta(hours=1)
MAX_RETRY_AFTER = 86_400
"""Seconds: a longer Retry-After is read as no number at all."""


def describe(error: Exception) -> str:
    """Slack's error code, or the exception's type: never a token, message text or whatever a
    proxy answered in Slack's place."""
    if isinstance(error, SlackApiError):
        return _error_code(error)
    return type(error).__name__


def _error_code(error: SlackApiError) -> str:
    """Slack's error code; `http_<status>` when it gave none, `invalid_response` when the
    answer was not Slack's JSON (a proxy's page: slack_sdk quotes it as the error)."""
    code = str(error.response.get("error") or f"http_{error.response.status_code}")
    return code if re.fullmatch(r"[a-z0-9_]+", code) else "invalid_response"


HALT_FOR = timedelta(minutes=15)
MAX_RETRY_WAIT = 5.0
"""Seconds: a 429 asking for a longer wait is not retried in the thread that made the call."""

RETRYABLE_ERRORS = frozenset(
    {"internal_error", "fatal_error", "service_unavailable", "request_timeout", "connection_error"}
)
WORKSPACE_ERRORS = frozenset(
    {
        "not_authed",
        "invalid_auth",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "no_permission",
        "missing_scope",
        "team_access_not_granted",
        "org_login_required",
    }
)
"""Errors about the bot's token or workspace, not the message: every send would fail alike."""

RECIPIENT_GONE_ERRORS = frozenset({"user_not_found", "user_disabled", "account_inactive"})
"""What a DM to a deactivated or deleted person may fail with; account_inactive also means that
the bot token's own account is gone, so `users.info` tells the cases apart."""


class Verdict(StrEnum):
    """What to do after a failed send."""

    RETRY = "retry"  # this message, later, with back-off; counts as an attempt
    HALT = "halt"  # stop sending for a while (rate limit, token trouble); no attempt counted
    GIVE_UP = "give_up"  # this message can never be delivered
    GONE = "gone"  # its recipient left Slack: given up, and they were taken out of the program


@dataclass(frozen=True)
class SendFailure:
    """Why a send failed and what to do about it."""

    error: str
    verdict: Verdict
    wait: timedelta | None = None


def classify(error: Exception) -> SendFailure:
    """Tell rate limits and token trouble from passing faults and from permanent errors."""
    if isinstance(error, SlackApiError):
        status = error.response.status_code
        code = _error_code(error)
        if status == 429 or code in ("ratelimited", "rate_limited"):
            retry_after = str(
                error.response.headers.get("Retry-After")
                or error.response.headers.get("retry-after")
                or ""
            )
            seconds = whole_number(retry_after, MAX_RETRY_AFTER)
            wait = timedelta(seconds=max(seconds, 1)) if seconds is not None else None
            return SendFailure("ratelimited", Verdict.HALT, wait or timedelta(minutes=1))
        if code in WORKSPACE_ERRORS:
            return SendFailure(code, Verdict.HALT, HALT_FOR)
        retry = status >= 500 or code in RETRYABLE_ERRORS or code == "invalid_response"
        return SendFailure(code, Verdict.RETRY if retry else Verdict.GIVE_UP)
    if isinstance(error, OSError | TimeoutError):
        return SendFailure("connection_error", Verdict.RETRY)
    return SendFailure(f"unexpected_{type(error).__name__}", Verdict.RETRY)


def passing(error: Exception) -> bool:
    """Whether Slack may well answer the same call in a minute: a server fault, a timeout, a
    rate limit; not trouble with the token or scopes, nor a call Slack refuses for good."""
    failure = classify(error)
    return failure.verdict == Verdict.RETRY or failure.error == "ratelimited"


def backoff(attempts: int) -> timedelta:
    """Wait before the next try after `attempts` failed ones: 1, 2, 4 … minutes, at most 1 hour."""
    return min(timedelta(minutes=2**attempts), MAX_BACKOFF)


class PacedRateLimitRetry(RateLimitErrorRetryHandler):
    """slack_sdk's retry of a call answered 429: once (its default), after `Retry-After`, and
    then in turn with the pacer, so that a retry never breaks the send-rate cap either. A call
    limited again, or asked to wait longer than `MAX_RETRY_WAIT` (no thread should hang that
    long), fails, and the outbox keeps its message due for a later tick."""

    def __init__(self, pacer: SendPacer) -> None:
        super().__init__(max_retry_count=1)
        self._pacer = pacer

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return (
            response is not None
            and response.status_code == 429
            and _retry_after(response) <= MAX_RETRY_WAIT
        )

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        """Wait as Slack asked, then for the pacer's turn."""
        assert response is not None  # _can_retry asked for one
        self._pacer.sleep(_retry_after(response))
        self._pacer.wait_turn(_channel_of(request))
        state.next_attempt_requested = True
        state.increment_current_attempt()


def _retry_after(response: HttpResponse) -> float:
    """Seconds Slack asked to wait (1 if it did not say)."""
    values = next((v for k, v in response.headers.items() if k.lower() == "retry-after"), ["1"])
    value = str(values[0] if isinstance(values, list) else values)
    seconds = whole_number(value, MAX_RETRY_AFTER)
    return float(seconds) if seconds is not None else 1.0


def _channel_of(request: HttpRequest) -> str:
    """The channel a Web API request posts to ("" if it names none)."""
    params = request.body_params or {}
    if not params and request.data:
        try:
            params = json.loads(request.data)
        except ValueError:
            params = {}
    return str(params.get("channel") or "")
