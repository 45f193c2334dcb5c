"""The outbox tick: claim due messages, hold them for working hours and pauses, send, and record
each outcome under the claim (a worker whose claim lapsed cannot overwrite another's result).
"""

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from typing import Literal

from slack_sdk import WebClient

from bot.messages import t
from bot.mrkdwn import escape
from bot.send_pacing import SendPacer
from bot.working_hours import WorkingHours, next_send_slot
from handlers.people import SlackProfile, no_longer_a_colleague, slack_profile
from handlers.slack_failures import (
    RECIPIENT_GONE_ERRORS,
    SLACK_CALL_FAILURES,
    SendFailure,
    Verdict,
    backoff,
    classify,
    describe,
)
from handlers.wins_delivery import wins_delivered
from handlers.workspace_clients import OneWorkspace, WorkspaceClients
from storage import checkins, outbox, wins, workspaces
from storage.db import SessionFactory, again_if_disconnected
from storage.leads import Leads
from storage.models import OutboxKind, OutboxMessage, Participant, ParticipantStatus, utcnow
from storage.outbox import CLAIM_LEASE
from storage.participants import is_paused

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
NUDGE_KINDS = (OutboxKind.CHECKIN_NUDGE, OutboxKind.CHECKIN_REMINDER)
"""A nudge that can never be delivered puts its pair in front of the lead."""
BATCH = 100
PAUSE_RECHECK = timedelta(hours=1)
"""A paused person's messages are looked at again this often, so a resume takes effect soon."""


Immediate = Literal["sent", "retrying", "failed"]
"""Retrying: Slack failed for now and the tick tries again; failed: for good (leads are told)."""

TakeOut = Callable[[WebClient, str, str, str, datetime], list[int]]
"""(workspace client, team, person, why, now) -> outbox IDs queued: takes a person Slack no
longer counts as a colleague out of the program (`handlers.deactivation.take_out`)."""


@dataclass
class DeliveryReport:
    """What one tick did."""

    sent: int = 0
    postponed: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0


class _Profiles:
    """Slack profiles looked up at most once per tick, however many messages name the person."""

    def __init__(self, clients: WorkspaceClients) -> None:
        self._clients = clients
        self._seen: dict[tuple[str, str], SlackProfile] = {}

    def of(self, team_id: str, user_id: str) -> SlackProfile:
        if (team_id, user_id) not in self._seen:
            client = self._clients.for_team(team_id)
            profile = slack_profile(client, user_id) if client else SlackProfile()
            self._seen[(team_id, user_id)] = profile
        return self._seen[(team_id, user_id)]


class _Halts:
    """Set for a workspace once Slack asks for all sends there to wait (a rate limit that
    outlasted the retry, or trouble with its token: both are a workspace's own); its other
    messages are then postponed, not sent, while other workspaces' go on."""

    def __init__(self) -> None:
        self._until: dict[str, datetime] = {}
        self._lock = threading.Lock()

    def until(self, team_id: str) -> datetime | None:
        with self._lock:
            return self._until.get(team_id)

    def halt(self, team_id: str, until: datetime) -> None:
        with self._lock:
            self._until[team_id] = max(until, self._until.get(team_id, until))

    def cover(self, team_ids: set[str]) -> bool:
        """Whether every one of these workspaces (at least one) is halted."""
        with self._lock:
            return bool(team_ids) and team_ids <= self._until.keys()


class OutboxDelivery:
    """Sends what the outbox holds; safe to run from several threads or processes at once.

    Within one call, `workers` threads send in parallel, each send waiting its turn with the
    `pacer` (Slack's per-channel and workspace caps); a call stops claiming after `budget`, so a
    big backlog is spread over several ticks and the tick's other work is never starved.
    """

    def __init__(
        self,
        session_factory: SessionFactory,
        leads: Leads,
        pacer: SendPacer,
        *,
        workers: int = 8,
        budget: timedelta = timedelta(seconds=45),
    ) -> None:
        self._sessions = session_factory
        self._leads = leads
        self.pacer = pacer
        self._workers = workers
        self._budget = budget
        self._count = threading.Lock()
        self._take_out: TakeOut | None = None

    def take_out_departed_with(self, take_out: TakeOut) -> None:
        """From now on, a DM that fails as if its recipient had left Slack is checked with
        `users.info`: if they did, `take_out` removes them from the program and the DM is given
        up. Until then (and in tools that never call this), such a failure is like any other."""
        self._take_out = take_out

    def deliver_due(
        self, client: WebClient, now: datetime, ids: list[int] | None = None
    ) -> DeliveryReport:
        """Send what is due (or just `ids`) in the workspace of a request, with its client."""
        return self.deliver(OneWorkspace(client), now, ids)

    def deliver(
        self, clients: WorkspaceClients, now: datetime, ids: list[int] | None = None
    ) -> DeliveryReport:
        """Claim what is due (or just `ids`), batch by batch, send each message with its
        workspace's client and record the outcome of each row."""
        report = DeliveryReport()
        profiles = _Profiles(clients)
        halts = _Halts()
        started = time.monotonic()
        in_flight: set[Future[None]] = set()
        teams: set[str] = set()  # of the last batch: no more claiming once all are halted
        with ThreadPoolExecutor(self._workers, thread_name_prefix="send") as pool:
            budget = self._budget.total_seconds()
            while not halts.cover(teams) and time.monotonic() - started < budget:
                batch_now = now + timedelta(seconds=time.monotonic() - started)
                with self._sessions() as session:
                    claimed = outbox.claim_due(session, batch_now, limit=BATCH, ids=ids)
                    people = outbox.latest_participations(session, claimed)
                    left = workspaces.stopped_among(session, {m.team_id for m in claimed})
                deliver = partial(
                    self._deliver,
                    clients,
                    profiles,
                    people=people,
                    left=left,
                    now=batch_now,
                    report=report,
                )
                in_flight |= {pool.submit(deliver, message, halts=halts) for message in claimed}
                teams = {message.team_id for message in claimed}
                if ids is not None or len(claimed) < BATCH:
                    break
                # Claim more while the senders still have work, so that one send waiting out a
                # rate limit never holds up the others.
                while len(in_flight) > BATCH // 2:
                    _, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in in_flight:
                future.result()
        if report != DeliveryReport():
            log.info("outbox tick: %s", report)
        return report

    def _deliver(
        self,
        clients: WorkspaceClients,
        profiles: _Profiles,
        message: OutboxMessage,
        people: dict[tuple[str, str], Participant],
        left: set[str],
        now: datetime,
        report: DeliveryReport,
        halts: _Halts,
    ) -> None:
        """Cancel, hold or send one claimed message; never to a workspace the app has left."""
        if (halted_until := halts.until(message.team_id)) is not None:
            self._record(message, report, "postponed", due_at=halted_until)
            return
        person = people.get((message.team_id, message.recipient_user_id or ""))
        client = None if message.team_id in left else clients.for_team(message.team_id)
        if client is None:
            log.info("outbox message %s: the app left workspace %s", message.id, message.team_id)
            self._record(message, report, "cancelled")
        elif _obsolete(message, person):
            self._record(message, report, "cancelled")
        elif (held_until := _held_until(message, person, profiles, now)) is not None:
            self._record(message, report, "postponed", due_at=held_until)
        elif (until := self._send(client, profiles, message, now, report)) is not None:
            halts.halt(message.team_id, until)

    def send_now(self, client: WebClient, now: datetime, message_id: int) -> Immediate:
        """Send one message that answers the person's own action at once; if Slack fails now,
        the tick retries it like any other."""
        try:
            report = self.deliver_due(client, now, ids=[message_id])
        except Exception:  # the row stays claimed; the tick takes it again once the lease lapses
            log.exception("sending outbox message %s at once failed", message_id)
            return "retrying"
        return "sent" if report.sent else "failed" if report.failed else "retrying"

    def _send(
        self,
        client: WebClient,
        profiles: _Profiles,
        message: OutboxMessage,
        now: datetime,
        report: DeliveryReport,
    ) -> datetime | None:
        """Send one message; returns a time to halt all sending until, if Slack asks for that."""
        if not self._still_ours(message, now):  # the lease ran out during a slow batch
            log.warning("outbox message %s: claim lapsed before sending; skipped", message.id)
            return None
        try:
            channel = message.channel_id or open_conversation(
                client, message.recipient_user_id or message.group_user_ids or ""
            )
            self.pacer.wait_turn(channel)
            response = client.chat_postMessage(
                channel=channel, text=message.text, blocks=message.blocks
            )
        except Exception as error:  # every Web API call can fail; classify decides what next
            failure = classify(error)
            if message.recipient_user_id and failure.error in RECIPIENT_GONE_ERRORS:
                failure = self._confirm_gone(client, message, failure, now)
            return self._failed(profiles, message, failure, now, report)
        self._record(
            message, report, "sent", now=now, channel=channel, message_ts=response.get("ts")
        )
        return None

    def _confirm_gone(
        self, client: WebClient, message: OutboxMessage, failure: SendFailure, now: datetime
    ) -> SendFailure:
        """Ask Slack whether the recipient really left: if so, take them out of the program
        (the DM is then given up); if Slack says they are fine, `failure` stands; if it cannot
        tell, the DM is tried again later (or all sends wait, when the token itself fails)."""
        user_id = message.recipient_user_id
        if self._take_out is None or user_id is None:
            return failure
        try:
            why = no_longer_a_colleague(client, user_id)
        except SLACK_CALL_FAILURES as error:
            log.warning(
                "outbox message %s: users.info could not confirm %s: %s",
                message.id,
                failure.error,
                describe(error),
            )
            check = classify(error)
            return (
                check if check.verdict == Verdict.HALT else replace(failure, verdict=Verdict.RETRY)
            )
        if why is None:
            return failure
        self._take_out(client, message.team_id, user_id, why, now)
        return replace(failure, verdict=Verdict.GONE)

    def _still_ours(self, message: OutboxMessage, now: datetime) -> bool:
        """Renew the claim if it is old enough that it might have lapsed by now; False if
        another worker has taken the row meanwhile."""
        at = max(now, utcnow())
        if message.claimed_at is not None and at - message.claimed_at < CLAIM_LEASE / 2:
            return True
        with self._sessions() as session:
            return outbox.renew_claim(session, message, at)

    def _failed(
        self,
        profiles: _Profiles,
        message: OutboxMessage,
        failure: SendFailure,
        now: datetime,
        report: DeliveryReport,
    ) -> datetime | None:
        attempts = message.attempts + 1
        if failure.verdict == Verdict.HALT:
            until = now + (failure.wait or timedelta(minutes=1))
            log.warning("Slack answered %s: all sends wait until %s", failure.error, until)
            self._record(message, report, "postponed", due_at=until)
            return until
        if failure.verdict == Verdict.RETRY and attempts < MAX_ATTEMPTS:
            due = now + backoff(message.attempts)
            log.warning(
                "outbox message %s (%s) failed with %s; retry %s at %s",
                message.id,
                message.kind,
                failure.error,
                attempts,
                due.isoformat(),
            )
            self._record(message, report, "retried", due_at=due, error=failure.error)
            return None
        if failure.verdict == Verdict.GONE:  # the leads heard of it from the take-out
            log.info("outbox message %s (%s): its recipient left Slack", message.id, message.kind)
        else:
            log.error(
                "outbox message %s (%s) to %s failed for good after %s attempts: %s",
                message.id,
                message.kind,
                message.recipient_user_id or message.channel_id,
                attempts,
                failure.error,
            )
        alerts = (
            []
            if message.kind == OutboxKind.LEAD_ALERT or failure.verdict == Verdict.GONE
            else self._lead_alerts(profiles, message, failure)
        )
        with self._sessions() as session:
            if outbox.mark_failed(session, message, failure.error):
                if message.kind in NUDGE_KINDS:
                    checkins.flag_undelivered(session, message.id, failure.error)
                if message.kind == OutboxKind.WINS_POST:
                    wins.not_posted(session, message.id or 0)
                for lead, text in alerts:
                    outbox.enqueue(
                        session,
                        team_id=message.team_id,
                        kind=OutboxKind.LEAD_ALERT,
                        text=text,
                        due_at=now,
                        recipient_user_id=lead,
                    )
        with self._count:
            report.failed += 1
        return None

    def _record(
        self,
        message: OutboxMessage,
        report: DeliveryReport,
        outcome: str,
        *,
        now: datetime | None = None,
        due_at: datetime | None = None,
        channel: str | None = None,
        message_ts: str | None = None,
        error: str | None = None,
    ) -> None:
        """Write one row's outcome under its claim (once more if the database connection was
        lost: a sent message must not be sent again) and count it."""

        def write() -> bool:
            with self._sessions() as session:
                if outcome == "sent":
                    assert now is not None and channel is not None
                    kept = outbox.mark_sent(session, message, now, channel, message_ts)
                    if kept and message.kind == OutboxKind.WINS_POST:
                        wins_delivered(session, message, channel, now)
                    return kept
                if outcome == "cancelled":
                    return outbox.cancel(session, message)
                assert due_at is not None
                return outbox.postpone(session, message, due_at, error=error)

        kept = again_if_disconnected(write)
        if not kept:
            log.warning("outbox message %s: claim lapsed, another worker owns it", message.id)
            return
        with self._count:
            setattr(report, outcome, getattr(report, outcome) + 1)

    def _lead_alerts(
        self, profiles: _Profiles, message: OutboxMessage, failure: SendFailure
    ) -> list[tuple[str, str]]:
        """What to tell each program lead about a message that could not be delivered."""
        if message.recipient_user_id:
            target = f"<@{message.recipient_user_id}>"
        elif message.group_user_ids:
            target = ", ".join(f"<@{user}>" for user in message.group_user_ids.split(","))
        else:
            target = f"<#{message.channel_id}>"
        post = None
        if message.kind == OutboxKind.WINS_POST:
            with self._sessions() as session:
                post = wins.post_summary(session, message.id or 0)
        alerts = []
        for lead in sorted(self._leads.of(message.team_id)):
            locale = profiles.of(message.team_id, lead).locale
            kind = t(locale, f"outbox_kind.{message.kind}")
            text = t(locale, "lead.delivery_failed", kind=kind, target=target, error=failure.error)
            if post is not None:
                cohort, count = post
                text = t(
                    locale,
                    "lead.wins_failed",
                    cohort=escape(cohort),
                    channel=message.channel_id,
                    error=failure.error,
                    count=count,
                )
            alerts.append((lead, text))
        return alerts


def _held_until(
    message: OutboxMessage, person: Participant | None, profiles: _Profiles, now: datetime
) -> datetime | None:
    """Later than now if the recipient is paused or off work, else None."""
    if message.recipient_user_id is None:
        return None
    if _participant_facing(message) and person is not None and is_paused(person, now):
        return min(person.paused_until or now + PAUSE_RECHECK, now + PAUSE_RECHECK)
    if not message.respect_working_hours:
        return None
    if person is not None:
        hours = WorkingHours(person.timezone, person.work_start, person.work_end)
    else:
        hours = WorkingHours(
            profiles.of(message.team_id, message.recipient_user_id).timezone or "UTC"
        )
    slot = next_send_slot(now, hours)
    return slot if slot > now else None


def _obsolete(message: OutboxMessage, person: Participant | None) -> bool:
    """Not worth sending any more: the person left, or finished the survey a reminder is about.
    An invitation to a new cohort still goes to someone who left an earlier one."""
    if person is None or not _participant_facing(message):
        return False
    if person.status == ParticipantStatus.LEFT:
        return message.kind != OutboxKind.ROSTER_INVITE
    return message.kind == OutboxKind.SURVEY_REMINDER and person.survey_completed_at is not None


def _participant_facing(message: OutboxMessage) -> bool:
    """Pauses and leaving hold a participant's messages, never the alerts a lead gets nor the
    answer to a button the person just pressed."""
    return message.kind not in (OutboxKind.LEAD_ALERT, OutboxKind.HOME_REPLY)


def open_conversation(client: WebClient, user_ids: str) -> str:
    """The ID of the bot's DM with one person, or group DM with several (comma-separated)."""
    response = client.conversations_open(users=user_ids)
    return str(response["channel"]["id"])
