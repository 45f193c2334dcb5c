"""Sending a hostile request through the bot and judging what it did: its HTTP answer, any
unhandled error, what it showed (escaped? catalogue text? no traceback?), what Slack would have
refused, and which database rows it changed and whose they are."""

import json
import logging
import re
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlmodel import SQLModel

from bot.messages import LANGUAGES, MESSAGES
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import Call
from tests.fakes.slack_requests import SignedRequest

Row = dict[str, Any]
Rows = dict[str, dict[str, Row]]
"""Table -> primary key (as text) -> row."""

BOT_MARKUP = re.compile(r"<@[UW][A-Z0-9]+>|<#C[A-Z0-9]+>|<!date\^\d+\^[^<>|]*\|[^<>]*>")
"""What the bot writes in mrkdwn itself: mentions, channel links and date tokens."""
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+")


@dataclass(frozen=True)
class Change:
    """A row the request added (before is None), removed (after is None) or changed."""

    table: str
    before: Row | None
    after: Row | None
    owners: frozenset[str]
    """The Slack users the row is about (none for the program's shared rows: cohorts,
    catalogues, rounds)."""

    def columns(self) -> set[str]:
        """The columns whose value changed."""
        before, after = self.before or {}, self.after or {}
        return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


@dataclass
class Outcome:
    """What one request did."""

    sender: str
    status: int
    answer: dict[str, Any]
    """The JSON body of the HTTP answer ({} if empty): a view submission's response_action."""
    replies: list[dict[str, Any]]
    """Posts to the request's response_url."""
    calls: list[Call]
    """Web API calls, failed ones included."""
    crashes: list[str]
    """Unhandled errors the app's error handler apologised for."""
    changes: list[Change]

    def problems(self) -> list[str]:
        """What no request may ever do: fail, crash, show a traceback or unescaped markup, or
        send Slack something it refuses."""
        found = [] if self.status == 200 else [f"HTTP {self.status}"]
        found += [f"crashed: {crash}" for crash in self.crashes]
        found += [f"Slack refused {c.method}: {c.error}" for c in self.calls if not c.ok]
        shown = self.shown()
        found += [
            f"traceback shown: {text[:200]!r}" for text in texts_of(shown) if TRACEBACK.search(text)
        ]
        found += [
            f"unescaped markup shown: {text[:300]!r}"
            for text in (text for payload in shown for text in unescaped(payload))
        ]
        return found

    def shown(self) -> list[Any]:
        """Everything the bot showed or sent anyone during the request."""
        return [self.answer, *self.replies, *(c.args for c in self.calls if c.ok)]

    def answered(self) -> bool:
        """Whether the sender got any answer: a reply, a modal, their Home tab, a private note or
        a DM."""
        dm = "D" + self.sender[1:]
        return bool(self.answer or self.replies) or any(
            call.ok
            and (
                call.method in ("views.open", "views.update")
                or call.args.get("user_id") == self.sender
                or call.args.get("user") == self.sender
                or call.args.get("channel") == dm
            )
            for call in self.calls
        )

    def reply_texts(self) -> list[str]:
        """The top-level text of each reply."""
        return [str(reply.get("text") or "") for reply in self.replies]


@contextmanager
def _recorded_crashes() -> Iterator[list[str]]:
    crashes: list[str] = []

    class Recorder(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.getMessage().startswith("unhandled"):
                error = record.exc_info[1] if record.exc_info else None
                crashes.append(f"{record.getMessage()}: {error!r}")

    recorder = Recorder(logging.ERROR)
    logger = logging.getLogger("bot.app")
    logger.addHandler(recorder)
    try:
        yield crashes
    finally:
        logger.removeHandler(recorder)


def probe(bot: BotHarness, sender: str, request: SignedRequest) -> Outcome:
    """Dispatch the request and record what it did; then put every row back as it was (ID
    counters go on), so that each hypothesis example meets the same program and a failing one
    can be shrunk and replayed."""
    slack = bot.slack
    replies, calls = len(slack.responses), len(slack.calls)
    before = after = rows(bot)
    try:
        with _recorded_crashes() as crashes:
            response = bot.dispatch(request)
        after = rows(bot)
    finally:
        _restore(bot, before, after)
    answer = json.loads(response.body) if response.body.startswith("{") else {}
    return Outcome(
        sender,
        response.status,
        answer,
        [reply.body for reply in slack.responses[replies:]],
        slack.calls[calls:],
        crashes,
        changes(before, after),
    )


def rows(bot: BotHarness) -> Rows:
    """Every row of every table, by primary key."""
    found: Rows = {}
    with bot.sessions() as session:
        for table in SQLModel.metadata.sorted_tables:
            keys = [column.name for column in table.primary_key.columns]
            found[table.name] = {
                json.dumps([row[k] for k in keys], default=str): dict(row)
                for row in (r._mapping for r in session.execute(table.select()))
            }
    return found


APPEND_ONLY = ("auditentry",)
"""Tables whose triggers refuse UPDATE and DELETE: what a request appended stays."""


def _restore(bot: BotHarness, before: Rows, now: Rows) -> None:
    tables = [t for t in SQLModel.metadata.sorted_tables if t.name not in APPEND_ONLY]
    with bot.sessions() as session:
        for table in tables:  # changed rows first: they may refer to rows about to be deleted
            keys = [column.name for column in table.primary_key.columns]
            for key, row in before[table.name].items():
                if key in now[table.name] and now[table.name][key] != row:
                    condition = [table.c[k] == row[k] for k in keys]
                    session.execute(table.update().where(*condition).values(**row))
        for table in reversed(tables):
            keys = [column.name for column in table.primary_key.columns]
            for key, row in now[table.name].items():
                if key not in before[table.name]:
                    session.execute(table.delete().where(*(table.c[k] == row[k] for k in keys)))
        for table in tables:
            missing = [row for key, row in before[table.name].items() if key not in now[table.name]]
            if missing:
                session.execute(table.insert(), missing)


def changes(before: Rows, after: Rows) -> list[Change]:
    """Every row added, removed or changed."""
    found = []
    for table in before.keys() | after.keys():
        old, new = before.get(table, {}), after.get(table, {})
        for key in old.keys() | new.keys():
            if old.get(key) != new.get(key):
                row = new.get(key) or old[key]
                owners = _people(table, row, before, after)
                found.append(Change(table, old.get(key), new.get(key), owners))
    return found


def _people(table: str, row: Row, before: Rows, after: Rows) -> frozenset[str]:
    """The Slack users a row of the table is about."""

    def participant(participant_id: int) -> set[str]:
        for snapshot in (before, after):
            for found in snapshot["participant"].values():
                if found["id"] == participant_id:
                    return {found["slack_user_id"]}
        return set()

    def pair(pair_id: int) -> set[str]:
        for snapshot in (before, after):
            for found in snapshot["pair"].values():
                if found["id"] == pair_id:
                    return {found["mentor_user_id"], found["mentee_user_id"]}
        return set()

    if table in ("participant", "invitation"):
        return frozenset({row["slack_user_id"]})
    if table in ("profile", "profiletopic", "profilelanguage", "donotpair"):
        return frozenset(participant(row["participant_id"]))
    if table == "pair":
        return frozenset({row["mentor_user_id"], row["mentee_user_id"]})
    if table == "checkin":
        return frozenset(pair(row["pair_id"]))
    if table in ("reflection", "win"):
        return frozenset({row["author_user_id"]})
    if table == "lead":
        return frozenset({row["user_id"]})
    if table == "outboxmessage":
        group = (row["group_user_ids"] or "").split(",")
        return frozenset(user for user in (row["recipient_user_id"], *group) if user)
    return frozenset()


def foreign(
    outcome: Outcome,
    *,
    may_change: Mapping[str, set[str] | None] | None = None,
    may_tell: Collection[str] = (),
) -> list[str]:
    """The changes to rows that are not the sender's: other people's, or the program's shared
    rows; but for the tables (all columns, or only those named) in `may_change`, and messages
    queued for the people in `may_tell`."""
    may_change = may_change or {}
    found = []
    for change in outcome.changes:
        owners = change.owners
        if outcome.sender in owners:
            continue
        if change.table in may_change:
            columns = may_change[change.table]
            if columns is None or change.columns() <= columns:
                continue
        told = change.table == "outboxmessage" and change.before is None
        if told and owners <= set(may_tell):
            continue
        found.append(f"{change.table} of {sorted(owners) or 'the program'}: {change}")
    return found


def unescaped(payload: Any) -> list[str]:
    """The mrkdwn texts of a message, a call's arguments or a view with a `<` the bot did not
    write as markup itself: typed text that was not escaped (a mention, a link or `<!channel>`
    all start with one)."""
    return [text for text in _mrkdwn_texts(payload) if "<" in BOT_MARKUP.sub("", text)]


def _parsed(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _mrkdwn_texts(value: Any, *, top: bool = True) -> list[str]:
    """Texts Slack reads as mrkdwn: a message's top-level text, and text objects of type
    mrkdwn in blocks (plain_text shows `<` as typed)."""
    value = _parsed(value)
    if isinstance(value, list):
        return [text for item in value for text in _mrkdwn_texts(item, top=False)]
    if not isinstance(value, dict):
        return []
    found = []
    text = value.get("text")
    if isinstance(text, str) and (value.get("type") == "mrkdwn" or (top and "type" not in value)):
        found.append(text)
    for key, item in value.items():
        if key != "text" or not isinstance(item, str):
            found += _mrkdwn_texts(item, top=False)
    return found


def texts_of(value: Any) -> list[str]:
    """Every string in a reply, a call's arguments or an answer (JSON in strings included)."""
    value = _parsed(value)
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in texts_of(item)]
    if isinstance(value, list):
        return [text for item in value for text in texts_of(item)]
    return []


@cache
def catalogue_fragments() -> tuple[str, ...]:
    """The longest fixed piece of every catalogue text, in every language."""
    pieces = set()
    for texts in MESSAGES.values():
        for language in LANGUAGES:
            fixed = [p.strip(" .:*_`\n") for p in re.split(r"\{[^{}]*\}", texts[language])]
            longest = max(fixed, key=len)
            if len(longest) >= 6:
                pieces.add(longest)
    return tuple(sorted(pieces))


def is_catalogue_text(text: str) -> bool:
    """Whether the text holds a piece of some catalogue message."""
    return any(piece in text for piece in catalogue_fragments())
