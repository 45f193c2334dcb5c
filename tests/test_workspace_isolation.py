"""Two workspaces served by one bot on one database: nothing a request from workspace B carries
(a button's value, a modal's private_metadata or answers, a slash command's argument) reads or
changes workspace A's data, and what B's people see is exactly what they would see if A did not
exist.

Workspace B is T0OTHER: Olivia leads it and Kim takes part. Some of A's people are members of B
too (one Slack user ID in two workspaces, as in an Enterprise Grid): their presses in B carry
buttons of A that are theirs in A, so only the workspace scoping can refuse them. Ben even
joined B's program, so B must show him his B participation and nothing of his pair in A.

The tables below must name every button, modal and subcommand the app registers: a new surface
fails `test_every_surface_is_in_the_isolation_tables` until it is added here.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from freezegun import freeze_time
from sqlalchemy import Engine
from sqlmodel import SQLModel, col, select

from bot.command_text import LEAD_SUBCOMMANDS, PARTICIPANT_SUBCOMMANDS
from bot.messages import t
from handlers.blocks import HOME_JOIN, LEAVE_CANCEL, LEAVE_CONFIRM, LEAVE_ERASE, SURVEY_START
from handlers.checkin_blocks import BUTTON_ACTIONS, PAIR_RESUME
from handlers.cohort_blocks import COHORT_SETTINGS, COHORT_SUBMIT
from handlers.home_blocks import (
    HOME_DIGEST,
    HOME_MATCH,
    HOME_PAUSE,
    HOME_REFLECTIONS,
    HOME_RESUME,
    HOME_WINS,
)
from handlers.match_blocks import (
    INVITE_ACCEPT,
    INVITE_DECLINE,
    REVIEW_APPROVE,
    REVIEW_DROP,
    REVIEW_PAGE,
)
from handlers.reflection_blocks import REFLECT, REFLECTION_SUBMIT, WIN_WITHDRAW
from handlers.survey_views import EDIT_ABOUT, EDIT_MEETING, SURVEY_ABOUT, SURVEY_MEETING
from handlers.wins_blocks import WIN_APPROVE, WIN_DROP, WIN_EDIT, WIN_EDIT_SUBMIT, WIN_TEXT
from storage import catalogue, leads, outbox, participants
from storage.checkins import Press
from storage.models import (
    CheckIn,
    CheckInState,
    MatchRound,
    OutboxKind,
    Pair,
    PairState,
    Reflection,
    RoundState,
    Win,
    Workspace,
    utcnow,
)
from storage.programs import cohort_named
from tests.fakes.active_pairs import activate_pair, buttons, latest_with, next_check_in
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import TEAM_ID, FakeUser, Message, SlackStandIn
from tests.fakes.surfaces import registered_surfaces
from tests.fakes.survey_answers import complete_survey
from tests.fakes.workspace import LEAD, PEOPLE

OTHER = "T0OTHER"
OLIVIA = FakeUser("U0OLIVIA", "olivia", "Olivia Brandt", "Europe/Oslo", "en-US")
"""Workspace B's lead."""
KIM = FakeUser("U0KIM", "kim", "Kim Larsen", "Europe/Copenhagen", "en-US")
"""Workspace B's participant."""
JONAS, AMIRA, BEN, TOM, SOFIA, PRIYA = (PEOPLE[i] for i in (1, 2, 3, 6, 5, 7))
A_PEOPLE = (LEAD, JONAS, AMIRA, BEN, TOM, SOFIA, PRIYA)
A_COHORT = "Alpha Guild"
SECRET = "SECRET-LEARNING of workspace A"
WIN = "WIN-OF-A shipped the pilot"
START = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
"""A Thursday, inside the working hours of Ben (New York) and Jonas (Berlin)."""
NEW_YORK = {"timezone": "America/New_York", "work_start": "09:00", "work_end": "17:00"}
BERLIN = {"timezone": "Europe/Berlin", "work_start": "09:00", "work_end": "17:00"}


@dataclass(frozen=True)
class Request:
    """One request from workspace B. `command` and `value` may name A's IDs as {cohort},
    {topic}, {department}, {pair}, {checkin}, {reflection}, {win}, {invited}, {round} and
    {proposed} (see `WorkspaceA.ids`)."""

    sender: FakeUser
    command: str | None = None
    action: str | None = None
    value: str | None = None
    container: str = "message"
    view: str | None = None
    """The callback ID of a modal of workspace A (see `WorkspaceA.views`) the sender submits."""
    answers: dict[str, Any] = field(default_factory=dict)
    home: bool = False

    def label(self) -> str:
        what = self.command or self.action or self.view or "app_home_opened"
        return f"{what} by {self.sender.name}"


@dataclass(frozen=True)
class Forgery:
    """A request carrying A's IDs, and the catalogue key of the refusal it must get."""

    request: Request
    refusal: str
    params: dict[str, str] = field(default_factory=dict)
    """The refusal's parameters; they may name A's IDs like `Request.command`."""


def _forged(sender: FakeUser, refusal: str, **request: Any) -> Forgery:
    params = request.pop("params", {})
    return Forgery(Request(sender, **request), refusal, params)


FORGERIES = [
    # Buttons meant for one of A's people (their user ID is the value).
    *(
        _forged(KIM, "action.not_for_you", action=action, value=BEN.id)
        for action in (LEAVE_CONFIRM, LEAVE_CANCEL, LEAVE_ERASE, SURVEY_START)
    ),
    *(
        _forged(KIM, "action.not_for_you", action=action, value=BEN.id, container="modal")
        for action in (EDIT_ABOUT, EDIT_MEETING)
    ),
    *(
        _forged(KIM, "action.not_for_you", action=action, value=BEN.id, container="view")
        for action in (HOME_PAUSE, HOME_RESUME, HOME_REFLECTIONS)
    ),
    # A's people, pressing A's buttons from B: theirs in A, not in B.
    *(
        _forged(BEN, "action.not_for_you", action=action, value="{checkin}")
        for action in BUTTON_ACTIONS.values()
    ),
    _forged(BEN, "action.not_for_you", action=PAIR_RESUME, value="{pair}"),
    _forged(AMIRA, "action.not_for_you", action=INVITE_ACCEPT, value="{invited}:" + AMIRA.id),
    _forged(AMIRA, "action.not_for_you", action=INVITE_DECLINE, value="{invited}:" + AMIRA.id),
    _forged(JONAS, "action.not_for_you", action=REFLECT, value="{reflection}"),
    _forged(BEN, "action.not_for_you", action=WIN_WITHDRAW, value="{win}"),
    # B's lead, on A's match round, wins and cohort.
    _forged(OLIVIA, "review.stale", action=REVIEW_DROP, value="{proposed}"),
    _forged(OLIVIA, "review.stale", action=REVIEW_APPROVE, value="{round}"),
    _forged(OLIVIA, "review.stale", action=f"{REVIEW_PAGE}_next", value="{round}:2"),
    _forged(OLIVIA, "review.stale", action=f"{REVIEW_PAGE}_previous", value="{round}:1"),
    *(
        _forged(OLIVIA, "wins.gone", action=action, value="{win}")
        for action in (WIN_APPROVE, WIN_DROP, WIN_EDIT)
    ),
    # A's modals, submitted from B.
    _forged(JONAS, "reflection.gone", view=REFLECTION_SUBMIT, answers={"learned": "forged"}),
    _forged(OLIVIA, "wins.gone", view=WIN_EDIT_SUBMIT, answers={WIN_TEXT: "forged"}),
    _forged(OLIVIA, "cohort_modal.gone", view=COHORT_SUBMIT, answers={"name": "Forged"}),
    _forged(KIM, "survey.error.unknown_option", view=SURVEY_ABOUT),
    _forged(BEN, "survey.error.unknown_option", view=SURVEY_ABOUT),
    _forged(JONAS, "survey.not_joined", view=SURVEY_ABOUT),
    _forged(JONAS, "survey.not_joined", view=SURVEY_MEETING),
    # Slash commands naming A's cohort, catalogue entries and leads, or acting on one's own
    # participation, which is in A only.
    _forged(OLIVIA, "digest.no_cohort", command=f"digest {A_COHORT}", params={"name": A_COHORT}),
    _forged(
        OLIVIA,
        "catalogue.not_found",
        command="topics remove {topic}",
        params={"number": "{topic}", "list": "topics"},
    ),
    _forged(
        OLIVIA,
        "catalogue.not_found",
        command="departments remove {department}",
        params={"number": "{department}", "list": "departments"},
    ),
    _forged(
        OLIVIA,
        "leads.removed_already",
        command=f"lead remove <@{LEAD.id}>",
        params={"user": LEAD.id},
    ),
    *(
        _forged(JONAS, "not_joined", command=command)
        for command in ("profile", "pause", "resume", "rematch", "leave")
    ),
    _forged(BEN, "rematch.none", command="rematch"),
    _forged(BEN, "resume.not_paused", command="resume"),
]

READS = [
    *(
        Request(OLIVIA, command=command)
        for command in (
            "status",
            "help",
            "reflections",
            "wins",
            "cohort show",
            "digest",
            "lead list",
            "topics",
            "departments",
            "match",
            "audit",
        )
    ),
    *(Request(KIM, command=command) for command in ("status", "reflections", "join")),
    *(
        Request(person, command=command)
        for person in (BEN, JONAS)
        for command in ("status", "reflections", "help")
    ),
    # An export is audited, which `audit` would show the second time round: only someone with
    # nothing stored in B asks here (tests/test_my_data.py exports across workspaces).
    Request(JONAS, command="my-data"),
    *(Request(person, home=True) for person in (OLIVIA, KIM, BEN, JONAS)),
    *(
        Request(OLIVIA, action=action, container="view")
        for action in (HOME_DIGEST, HOME_WINS, HOME_MATCH, COHORT_SETTINGS)
    ),
    Request(KIM, action=HOME_JOIN, container="view"),
    Request(KIM, action=HOME_REFLECTIONS, value=KIM.id, container="view"),
    *(
        Request(person, action=HOME_REFLECTIONS, value=person.id, container="view")
        for person in (BEN, JONAS)
    ),
]
"""What B's people read (and presses that carry no ID): the same with or without A."""
LEAVING = [{"type": "app_uninstalled"}, {"type": "tokens_revoked", "tokens": {"bot": ["U0BOT"]}}]
"""The app leaving workspace B: whatever it stops there goes on in A."""
MEMBER_NEWS = [
    {"type": "user_change", "user": {"id": BEN.id, "tz": "Asia/Tokyo", "locale": "de-DE"}},
    {"type": "team_join", "user": {"id": JONAS.id, "is_restricted": True}},
    {"type": "user_change", "user": {"id": BEN.id, "deleted": True}},
]
"""Slack's news of members of workspace B (Ben takes part in both): A's people stay as they are."""


@dataclass(frozen=True)
class WorkspaceA:
    """The IDs of workspace A's program that forged requests carry, and A's modals."""

    ids: dict[str, str]
    views: dict[str, dict[str, Any]]


@pytest.fixture
def clock() -> Iterator[Any]:
    with freeze_time(START) as frozen:
        yield frozen


@pytest.fixture
def bot_a(slack: SlackStandIn, engine: Engine) -> BotHarness:
    """One bot for both workspaces. Each workspace's lead is one added in Slack (as an install
    would add them); PROGRAM_LEADS is left empty, since it names leads of every workspace."""
    slack.users.extend([OLIVIA, KIM])
    harness = BotHarness(slack, engine)
    with harness.sessions() as session:
        leads.add(session, TEAM_ID, LEAD.id, LEAD.id, START)
        leads.add(session, OTHER, OLIVIA.id, OLIVIA.id, START)
    return harness


@pytest.fixture
def bot_b(bot_a: BotHarness, clock: Any) -> BotHarness:
    """Workspace B, set up before A: its cohort, Kim with a finished survey, and Ben (of A
    too) who joined."""
    bot_b = bot_a.in_workspace(OTHER)
    bot_b.command(OLIVIA.id, "cohort set name Beta Circle")
    complete_survey(bot_b, KIM.id)
    bot_b.command(BEN.id, "join")
    return bot_b


def build_workspace_a(bot: BotHarness, clock: Any) -> WorkspaceA:
    """A whole program in A: an active pair nudged twice, reflections (one still to write) and
    a shared win; an introduction not answered yet; a round under review."""
    bot.command(LEAD.id, f"cohort set name {A_COHORT}")
    channel = activate_pair(bot, BEN.id, JONAS.id, junior_meeting=NEW_YORK, leader_meeting=BERLIN)
    met = BUTTON_ACTIONS[Press.MET]
    first = _nudge(bot, clock, channel)
    bot.click(BEN.id, met, buttons(first)[met])
    reflection = {"learned": SECRET, "progress": "4", "confidence": "4", "win": WIN}
    answer = bot.submit(BEN.id, bot.opened_view(), {**reflection, "share": ["share"]})
    assert answer["response_action"] == "update"
    _nudge(bot, clock, channel)  # check-in 2 stays unanswered
    for junior, leader in ((AMIRA, TOM), (PRIYA, SOFIA)):
        complete_survey(bot, junior.id)
        complete_survey(bot, leader.id, leader=True)
        bot.command(LEAD.id, "match")
        if junior is AMIRA:
            review = latest_with(bot.slack.dms_to(LEAD.id), REVIEW_APPROVE)
            bot.click(LEAD.id, REVIEW_APPROVE, buttons(review)[REVIEW_APPROVE])
    ids = _ids(bot)
    return WorkspaceA(ids, _views(bot, ids))


def _nudge(bot: BotHarness, clock: Any, channel: str) -> Message:
    """Let the pair's next check-in come due; its nudge."""
    due = next_check_in(bot)
    clock.move_to(due)
    bot.tick(due)
    met = BUTTON_ACTIONS[Press.MET]
    return latest_with([m for m in bot.slack.messages if m.channel == channel], met)


def _ids(bot: BotHarness) -> dict[str, str]:
    with bot.sessions() as session:
        cohort = cohort_named(session, TEAM_ID, A_COHORT)
        assert cohort is not None
        pair = session.exec(select(Pair).where(Pair.state == PairState.ACTIVE)).one()
        round_ = session.exec(select(MatchRound).where(MatchRound.state == RoundState.REVIEW)).one()
        found = {
            "cohort": cohort.id,
            "topic": catalogue.topics(session, cohort.program_id)[0].id,
            "department": catalogue.departments(session, cohort.program_id)[0].id,
            "pair": pair.id,
            "checkin": session.exec(
                select(CheckIn.id).where(
                    CheckIn.pair_id == pair.id, CheckIn.state == CheckInState.NUDGED
                )
            ).one(),
            "reflection": session.exec(
                select(Reflection.id).where(
                    Reflection.author_user_id == JONAS.id, col(Reflection.submitted_at).is_(None)
                )
            ).one(),
            "win": session.exec(select(Win.id).where(Win.author_user_id == BEN.id)).one(),
            "invited": session.exec(select(Pair.id).where(Pair.state == PairState.INVITED)).one(),
            "round": round_.id,
            "proposed": session.exec(
                select(Pair.id).where(Pair.round_id == round_.id, Pair.state == PairState.PROPOSED)
            ).first(),
        }
    assert all(value is not None for value in found.values()), found
    return {name: str(value) for name, value in found.items()}


def _views(bot: BotHarness, ids: dict[str, str]) -> dict[str, dict[str, Any]]:
    """A's modals as A's people saw them (by callback ID), carrying A's IDs."""
    opened = []
    bot.click(JONAS.id, REFLECT, ids["reflection"])
    opened.append(bot.opened_view())
    bot.click(LEAD.id, WIN_EDIT, ids["win"])
    opened.append(bot.opened_view())
    bot.command(LEAD.id, "cohort edit")
    opened.append(bot.opened_view())
    bot.click(BEN.id, SURVEY_START, BEN.id)
    for edit in (EDIT_ABOUT, EDIT_MEETING):
        bot.click(BEN.id, edit, BEN.id, container="modal")
        opened.append(bot.opened_view())
    views = {view["callback_id"]: view for view in opened}
    assert views[REFLECTION_SUBMIT]["private_metadata"] == ids["reflection"]
    assert views[WIN_EDIT_SUBMIT]["private_metadata"] == ids["win"]
    assert views[COHORT_SUBMIT]["private_metadata"].startswith(ids["cohort"] + "|")
    return views


def send(bot_b: BotHarness, request: Request, a: WorkspaceA | None = None) -> list[str]:
    """Send the request from workspace B; every text its sender got back (replies, DMs, the
    Home tab, modals, files), in order."""
    ids = a.ids if a else {}
    slack = bot_b.slack
    responses, calls, files = len(slack.responses), len(slack.calls), len(slack.files)
    answer: dict[str, Any] = {}
    if request.command is not None:
        bot_b.command(request.sender.id, request.command.format(**ids))
    elif request.action is not None:
        value = None if request.value is None else request.value.format(**ids)
        bot_b.click(request.sender.id, request.action, value, container=request.container)
    elif request.view is not None:
        assert a is not None
        answer = bot_b.submit(request.sender.id, a.views[request.view], request.answers)
    else:
        bot_b.open_home(request.sender.id)
    seen: list[Any] = [answer, *(r.body for r in slack.responses[responses:])]
    seen += [_shown(c.method, c.args) for c in slack.calls[calls:] if c.ok]
    seen += [(f.filename, f.title, f.data.hex()) for f in slack.files[files:]]
    return _texts(seen)


def _shown(method: str, args: dict[str, Any]) -> Any:
    """What a Web API call shows a person (not how it was asked: trigger IDs change)."""
    return [method, {k: v for k, v in args.items() if k in ("text", "blocks", "view", "user_id")}]


def _texts(value: Any) -> list[str]:
    """Every text in a reply, a call's arguments (JSON included) or a file, in order."""
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            return [value]
        return _texts(parsed) if isinstance(parsed, dict | list) else [value]
    if isinstance(value, dict):
        return [text for key in sorted(value) for text in _texts(value[key])]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _texts(item)]
    return [] if value is None else [str(value)]


def snapshot(bot: BotHarness) -> dict[str, dict[str, dict[str, Any]]]:
    """Every row of every table (table -> the row as JSON -> the row)."""
    rows: dict[str, dict[str, dict[str, Any]]] = {}
    with bot.sessions() as session:
        for table in SQLModel.metadata.sorted_tables:
            found = [dict(row._mapping) for row in session.execute(table.select())]
            rows[table.name] = {json.dumps(row, sort_keys=True, default=str): row for row in found}
    return rows


def _not_of(rows: dict[str, dict[str, dict[str, Any]]], team_id: str) -> dict[str, set[str]]:
    """Every row but the workspace's own (tables without a team_id count as nobody's own)."""
    return {
        table: {key for key, row in found.items() if row.get("team_id") != team_id}
        for table, found in rows.items()
    }


def test_every_surface_is_in_the_isolation_tables(
    slack: SlackStandIn, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    surfaces = registered_surfaces(slack, engine, monkeypatch)
    registered = {"action": surfaces.actions, "view": surfaces.views, "event": surfaces.events}

    requests = [forgery.request for forgery in FORGERIES] + READS
    pressed = {r.action for r in requests if r.action}
    for constraint in registered["action"]:
        if isinstance(constraint, re.Pattern):
            assert any(constraint.search(action) for action in pressed), constraint.pattern
        else:
            assert constraint in pressed, f"no isolation case for the button {constraint}"
    for action in pressed:
        assert any(
            c.search(action) if isinstance(c, re.Pattern) else c == action
            for c in registered["action"]
        ), f"{action} is no registered button"
    submitted = {forgery.request.view for forgery in FORGERIES if forgery.request.view}
    assert submitted == set(registered["view"])
    news = {event["type"] for event in LEAVING + MEMBER_NEWS}
    assert set(registered["event"]) == {"app_home_opened", *news}
    assert any(r.home for r in READS)
    typed = {r.command.split()[0] for r in requests if r.command}
    assert typed == set(PARTICIPANT_SUBCOMMANDS + LEAD_SUBCOMMANDS)


def test_workspace_b_sees_exactly_what_it_would_see_without_workspace_a(
    bot_b: BotHarness, bot_a: BotHarness, clock: Any
) -> None:
    alone = [send(bot_b, read) for read in READS]

    build_workspace_a(bot_a, clock)
    clock.move_to(START)
    before = snapshot(bot_a)
    beside_a = [send(bot_b, read) for read in READS]
    after = snapshot(bot_a)

    for read, seen_alone, seen in zip(READS, alone, beside_a, strict=True):
        others = [person.id for person in A_PEOPLE if person.id != read.sender.id]
        leaked = [m for m in (A_COHORT, SECRET, WIN, *others) if any(m in s for s in seen)]
        assert not leaked, f"{read.label()} showed workspace A's {leaked}"
        if read.command != "audit":  # the log grows with B's own reads (its digest exports)
            assert seen == seen_alone, f"{read.label()} differs once workspace A exists"
    assert _not_of(after, OTHER) == _not_of(before, OTHER), "B's reads changed others' rows"


def test_workspace_b_cannot_act_on_workspace_a(
    bot_b: BotHarness, bot_a: BotHarness, clock: Any
) -> None:
    a = build_workspace_a(bot_a, clock)
    failures = []
    for forgery in FORGERIES:
        request = forgery.request
        before = snapshot(bot_a)
        seen = send(bot_b, request, a)
        params = {key: value.format(**a.ids) for key, value in forgery.params.items()}
        refusals = {t(locale, forgery.refusal, **params) for locale in ("en", "de")}
        if not any(refusal in text for refusal in refusals for text in seen):
            failures.append(f"{request.label()}: no {forgery.refusal} but {seen}")
        if snapshot(bot_a) != before:
            failures.append(f"{request.label()} changed the database")
    assert not failures, "\n".join(failures)


def test_the_app_leaving_workspace_b_changes_nothing_of_workspace_a(
    bot_b: BotHarness, bot_a: BotHarness, clock: Any
) -> None:
    build_workspace_a(bot_a, clock)
    with bot_a.sessions() as session:
        outbox.enqueue(
            session,
            team_id=TEAM_ID,
            kind=OutboxKind.LEAD_ALERT,
            text="due tomorrow in A",
            due_at=utcnow() + timedelta(days=1),
            recipient_user_id=LEAD.id,
        )
    before = snapshot(bot_a)

    for event in LEAVING:
        bot_b.dispatch(bot_b.requests.event(event))

    assert _not_of(snapshot(bot_a), OTHER) == _not_of(before, OTHER)
    with bot_a.sessions() as session:
        left = session.get(Workspace, OTHER)
    assert left is not None and left.uninstalled_at is not None, "B's events were handled"


def test_news_of_members_of_workspace_b_changes_nothing_of_workspace_a(
    bot_b: BotHarness, bot_a: BotHarness, clock: Any
) -> None:
    build_workspace_a(bot_a, clock)
    before = snapshot(bot_a)

    for event in MEMBER_NEWS:
        bot_b.dispatch(bot_b.requests.event(event))

    assert _not_of(snapshot(bot_a), OTHER) == _not_of(before, OTHER)
    with bot_b.sessions() as session:
        ben_in_b = participants.current_membership(session, OTHER, BEN.id)
    assert ben_in_b is not None and ben_in_b.has_left, "B's news was acted on in B"
