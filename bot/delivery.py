"""The outbox tick: claim due messages, send them inside working hours, retry with back-off."""

import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.messages import t
from bot.working_hours import WorkingHours, next_send_slot
from handlers.people import slack_profile
from storage import outbox
from storage.db import SessionFactory
from storage.models import OutboxMessage, Participant

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
MAX_BACKOFF = timedelta(hours=1)
RETRYABLE_ERRORS = frozenset(
    {
        "ratelimited",
        "rate_limited",
        "internal_error",
        "fatal_error",
        "service_unavailable",
        "request_timeout",
        "connection_error",
    }
)
LEAD_ALERT = "lead_alert"


@dataclass
class DeliveryReport:
    """What one tick did."""

    sent: int = 0
    postponed: int = 0
    retried: int = 0
    failed: int = 0


@dataclass(frozen=True)
class SendFailure:
    """Why a send failed, and whether trying again later may help."""

    error: str
    retryable: bool
    retry_after: float | None = None


def backoff(attempts: int, retry_after: float | None) -> timedelta:
    """Wait before the next try: Slack's Retry-After if given, else 1, 2, 4 … minutes up to 1 hour."""
    if retry_after is not None:
        return timedelta(seconds=max(retry_after, 1))
    return min(timedelta(minutes=2**attempts), MAX_BACKOFF)


def classify(error: Exception) -> SendFailure:
    """Tell retryable failures (rate limits, 5xx, network) from permanent ones."""
    if isinstance(error, SlackApiError):
        status = error.response.status_code
        code = str(error.response.get("error") or f"http_{status}")
        if status == 429:
            retry_after = error.response.headers.get("Retry-After") or error.response.headers.get(
                "retry-after"
            )
            return SendFailure("ratelimited", True, float(retry_after) if retry_after else None)
        if not re.fullmatch(r"[a-z0-9_]+", code):  # not Slack's answer: a proxy page, bad JSON
            return SendFailure("invalid_response", True)
        return SendFailure(code, status >= 500 or code in RETRYABLE_ERRORS)
    if isinstance(error, OSError | TimeoutError):
        return SendFailure("connection_error", True)
    return SendFailure(f"unexpected_{type(error).__name__}", True)


class OutboxDelivery:
    """Sends what the outbox holds; safe to run from several threads or processes at once."""

    def __init__(self, session_factory: SessionFactory, program_leads: frozenset[str]) -> None:
        self._sessions = session_factory
        self._leads = program_leads

    def deliver_due(
        self, client: WebClient, now: datetime, ids: list[int] | None = None
    ) -> DeliveryReport:
        """Claim what is due (or just `ids`), send it and record the outcome of each row."""
        with self._sessions() as session:
            claimed = outbox.claim_due(session, now, ids=ids)
            hours = self._working_hours(session, claimed)
        report = DeliveryReport()
        for message in claimed:
            assert message.id is not None
            if message.recipient_user_id and message.respect_working_hours:
                slot = next_send_slot(now, hours.get(message.recipient_user_id, WorkingHours()))
                if slot > now:
                    with self._sessions() as session:
                        outbox.postpone(session, message.id, slot)
                    report.postponed += 1
                    continue
            self._send(client, message, now, report)
        if claimed:
            log.info("outbox tick: %s", report)
        return report

    def _send(
        self, client: WebClient, message: OutboxMessage, now: datetime, report: DeliveryReport
    ) -> None:
        assert message.id is not None
        try:
            channel = message.channel_id or open_dm(client, message.recipient_user_id or "")
            response = client.chat_postMessage(
                channel=channel, text=message.text, blocks=message.blocks
            )
        except Exception as error:  # every Web API call can fail; classify decides what next
            failure = classify(error)
            self._record_failure(client, message, failure, now, report)
            return
        with self._sessions() as session:
            outbox.mark_sent(session, message.id, now, response.get("ts"))
        report.sent += 1

    def _record_failure(
        self,
        client: WebClient,
        message: OutboxMessage,
        failure: SendFailure,
        now: datetime,
        report: DeliveryReport,
    ) -> None:
        assert message.id is not None
        attempts = message.attempts + 1
        if failure.retryable and attempts < MAX_ATTEMPTS:
            due = now + backoff(message.attempts, failure.retry_after)
            log.warning(
                "outbox message %s (%s) failed with %s; retry %s at %s",
                message.id,
                message.kind,
                failure.error,
                attempts,
                due.isoformat(),
            )
            with self._sessions() as session:
                outbox.postpone(session, message.id, due, error=failure.error)
            report.retried += 1
            return
        log.error(
            "outbox message %s (%s) to %s failed for good after %s attempts: %s",
            message.id,
            message.kind,
            message.recipient_user_id or message.channel_id,
            attempts,
            failure.error,
        )
        alerts = [] if message.kind == LEAD_ALERT else self._lead_alerts(client, message, failure)
        with self._sessions() as session:
            outbox.mark_failed(session, message.id, failure.error)
            for lead, text in alerts:
                outbox.enqueue(
                    session,
                    team_id=message.team_id,
                    kind=LEAD_ALERT,
                    text=text,
                    due_at=now,
                    recipient_user_id=lead,
                    respect_working_hours=False,
                )
        report.failed += 1

    def _lead_alerts(
        self, client: WebClient, message: OutboxMessage, failure: SendFailure
    ) -> list[tuple[str, str]]:
        """What to tell each program lead about a message that could not be delivered."""
        return [
            (
                lead,
                t(
                    slack_profile(client, lead).locale,
                    "lead.delivery_failed",
                    kind=message.kind,
                    target=(
                        f"<@{message.recipient_user_id}>"
                        if message.recipient_user_id
                        else f"<#{message.channel_id}>"
                    ),
                    error=failure.error,
                ),
            )
            for lead in sorted(self._leads)
        ]

    def _working_hours(
        self, session: Session, claimed: list[OutboxMessage]
    ) -> dict[str, WorkingHours]:
        by_team: dict[str, set[str]] = defaultdict(set)
        for message in claimed:
            if message.recipient_user_id and message.respect_working_hours:
                by_team[message.team_id].add(message.recipient_user_id)
        hours: dict[str, WorkingHours] = {}
        for team_id, user_ids in by_team.items():
            for user_id, participant in outbox.recipients_hours(session, team_id, user_ids).items():
                hours[user_id] = _hours_of(participant)
        return hours


def _hours_of(participant: Participant) -> WorkingHours:
    return WorkingHours(participant.timezone, participant.work_start, participant.work_end)


def open_dm(client: WebClient, user_id: str) -> str:
    """The ID of the bot's DM channel with the person."""
    response = client.conversations_open(users=user_id)
    return str(response["channel"]["id"])
