"""The story's clock, and the fault-injection run (`python -m demo --faults`): the stand-in fails
one Web API call in ten at random (a fixed seed), with passing faults; after each step the
clock moves on to each retry as it falls due and the tick runs there; people who wait for a
message wait until it comes, and press again when a modal did not open. At the end the
outbox's retries are drained, the data checked for consistency, and a summary printed of what
was retried and what failed for good."""

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from http import HTTPStatus
from typing import Any, TypeVar

from sqlmodel import col, func, select

from demo.consistency import inconsistencies
from storage.models import OutboxKind, OutboxMessage, OutboxState, utcnow
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import Call, SlackStandIn

FAILURE_RATE = 0.1
SEED = 42
SETTLE_WITHIN = timedelta(hours=1)
"""After a step, the retries falling due this soon are waited for (back-off: 1, 2, 4 … min)."""
DRAIN_WITHIN = timedelta(days=1)
"""At the end, what falls due this soon is waited for (a retry waits for working hours)."""
WAIT_WITHIN = timedelta(days=7)
"""How long a person waits for a message (its retry may wait for their working hours)."""
PATIENCE = 10
"""How often a person does something again that Slack failed."""
MAX_TICKS = 1000
"""A bound for the loops that tick (a paused person's messages are looked at hourly)."""
T = TypeVar("T")


class DemoError(Exception):
    """The story could not go on: something a person waited for never came."""


class Story:
    """The story's clock and how its people meet Slack's failures. Without faults it changes
    nothing: every call works, the clock is the real one until the story sets it."""

    def __init__(self, bot: BotHarness, note: Callable[[str], None], *, faults: bool) -> None:
        self.bot = bot
        self.note = note
        self.faults = faults
        self.presses_again = 0
        if faults:  # a working morning in Europe, so that the run is the same each day
            today = utcnow().date()
            tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
            bot.at = datetime.combine(tuesday, time(9), UTC)

    def now(self) -> datetime:
        """The story's time."""
        return self.bot.at or utcnow()

    def tick(self, when: datetime) -> None:
        """The scheduler ticks at `when` (under faults, the clock moves there for good)."""
        if self.faults:
            self.bot.at = max(self.now(), when)
        self.bot.tick(when)

    def settle(self, within: timedelta = SETTLE_WITHIN) -> None:
        """Under faults: tick at each outbox message's due time, as long as one falls due
        within `within` of the clock (retries, and messages held for a moment)."""
        if not self.faults:
            return
        deadline = self.now() + within
        for _ in range(MAX_TICKS):
            due = self._next_due()
            if due is None or due > deadline:
                return
            self.tick(max(self.now(), due))

    def wait_for(self, find: Callable[[], T | None], what: str) -> T:
        """What a person waits for (a DM, say): there now, or under faults once the outbox's
        retries have brought it."""
        found = find()
        deadline = self.now() + WAIT_WITHIN
        for _ in range(MAX_TICKS if self.faults else 0):
            if found is not None:
                break
            due = self._next_due()
            if due is None or due > deadline:
                break
            self.tick(max(self.now(), due))
            found = find()
        if found is None:
            raise DemoError(f"{what} never came")
        return found

    def patiently(self, act: Callable[[], object], done: Callable[[], bool], again: str) -> None:
        """Do something; under faults, do it again (saying so) while Slack failed it."""
        for _ in range(PATIENCE):
            act()
            if done():
                return
            if not self.faults:
                break
            self.presses_again += 1
            self.note(again)
        raise DemoError(f"never done: {again}")

    def modal(self, press: Callable[[], object]) -> dict[str, Any]:
        """Press what opens a modal (again while Slack will not open it); the modal."""
        opened = len(self.bot.slack.calls_to("views.open"))
        self.patiently(
            press,
            lambda: len(self.bot.slack.calls_to("views.open")) > opened,
            "the modal did not open (Slack failed); they press the button again",
        )
        return self.bot.opened_view()

    def drain(self) -> None:
        """Under faults, at the end: wait for everything due within a day (every retry)."""
        self.settle(DRAIN_WITHIN)

    def _next_due(self) -> datetime | None:
        with self.bot.sessions() as session:
            return session.exec(
                select(func.min(OutboxMessage.due_at)).where(
                    col(OutboxMessage.state) == OutboxState.PENDING
                )
            ).one()


def fault_report(story: Story, standin: SlackStandIn) -> tuple[list[str], list[str]]:
    """After a run with faults: the summary's lines, and the inconsistencies found (none, when
    every pair, check-in and outbox row agrees)."""
    with story.bot.sessions() as session:
        problems = inconsistencies(session, story.now())
        messages = list(session.exec(select(OutboxMessage)))
    injected = Counter(failed_call(call) for call in standin.injected).most_common()
    limited = sum(call.status == HTTPStatus.TOO_MANY_REQUESTS for call in standin.injected)
    lines = [
        f"The stand-in failed {len(standin.injected)} of {len(standin.calls)} Web API calls"
        f" at random ({FAILURE_RATE:.0%}, seed {SEED}):",
        *(f"  {call}: {count} time(s)" for call, count in injected),
        f"Calls answered 429 and retried by the Web API client after Retry-After: {limited}",
        "Outbox messages that needed more than one try (a rate limit waits without counting):",
        *_retried(messages),
        f"Times a person did something again because Slack had failed it: {story.presses_again}",
        "Failed for good (the leads were told):",
        *(
            f"  {m.kind} to {m.recipient_user_id or m.group_user_ids or m.channel_id}:"
            f" {m.last_error}"
            for m in messages
            if m.state == OutboxState.FAILED
        ),
    ]
    if not any(m.state == OutboxState.FAILED for m in messages):
        lines.append("  nothing")
    lines.append(
        "Consistency: every pair, check-in and outbox row agrees."
        if not problems
        else f"Consistency: {len(problems)} problem(s):"
    )
    lines += [f"  {problem}" for problem in problems]
    return lines, problems


def failed_call(call: Call) -> str:
    """A failed Web API call as a person reads it: the method, Slack's error, the HTTP status
    when it was not 200."""
    status = f" (HTTP {call.status})" if call.status != HTTPStatus.OK else ""
    return f"{call.method} {call.error}{status}"


def _retried(messages: list[OutboxMessage]) -> list[str]:
    tries: Counter[OutboxKind] = Counter()
    retried: Counter[OutboxKind] = Counter()
    for message in messages:
        if message.attempts and message.state == OutboxState.SENT:
            retried[OutboxKind(message.kind)] += 1
            tries[OutboxKind(message.kind)] += message.attempts
    if not retried:
        return ["  none"]
    return [
        f"  {kind}: {count} message(s), {tries[kind]} failed tr{'y' if tries[kind] == 1 else 'ies'}"
        for kind, count in retried.most_common()
    ]
