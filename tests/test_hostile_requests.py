"""Hostile requests through Bolt's real pipeline, in a whole running program (workspace A of
tests/test_workspace_isolation.py: an active pair with check-ins, reflections and a shared win,
an introduction not yet answered, a round under review): each gets HTTP 200 and a clear answer,
never the apology for an unhandled error, and changes nothing it should not.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from freezegun import freeze_time

from bot.messages import t
from handlers.checkin_blocks import BUTTON_ACTIONS, PAIR_RESUME
from handlers.cohort_blocks import COHORT_SUBMIT
from handlers.match_blocks import (
    INVITE_ACCEPT,
    REVIEW_APPROVE,
    REVIEW_DROP,
    REVIEW_PAGE,
)
from handlers.reflection_blocks import REFLECT, REFLECTION_SUBMIT, WIN_WITHDRAW
from handlers.survey_views import SURVEY_ABOUT
from handlers.wins_blocks import WIN_APPROVE, WIN_DROP, WIN_EDIT, WIN_EDIT_SUBMIT
from tests.fakes.bot_harness import BotHarness
from tests.fakes.hostile import Outcome, probe, texts_of
from tests.fakes.modals import fill
from tests.fakes.workspace import LEAD
from tests.test_workspace_isolation import (
    BEN,
    JONAS,
    PRIYA,
    START,
    build_workspace_a,
)


@dataclass(frozen=True)
class World:
    """Workspace A's running program and the IDs its requests may carry."""

    bot: BotHarness
    ids: dict[str, str]
    views: dict[str, dict[str, Any]]


@pytest.fixture
def world(bot: BotHarness) -> Iterator[World]:
    """The program at the moment of its latest nudge (a weekday, within the partners' working
    hours); Maria leads it."""
    with freeze_time(START) as clock:
        program = build_workspace_a(bot, clock)
        yield World(bot, program.ids, program.views)


# -- what the properties found, one request each ------------------------------------------------

NO_ID = ("²", "①", "9" * 25)
"""Numbers str.isdigit accepts but int() refuses, and one no ID column holds."""


def _says(outcome: Outcome, key: str) -> bool:
    texts = texts_of(outcome.shown())
    return any(t(locale, key) in text for locale in ("en", "de") for text in texts)


def test_a_number_no_id_can_be_is_refused_on_every_button_and_modal(world: World) -> None:
    """`str.isdigit` let "²" through to `int()`, which raised; a 25-digit ID reached the query."""
    bot = world.bot
    buttons = [
        *((BEN, action, "action.not_for_you") for action in BUTTON_ACTIONS.values()),
        *((BEN, action, "action.not_for_you") for action in (PAIR_RESUME, REFLECT, WIN_WITHDRAW)),
        *((LEAD, action, "review.stale") for action in (REVIEW_DROP, REVIEW_APPROVE)),
        *((LEAD, action, "wins.gone") for action in (WIN_APPROVE, WIN_DROP, WIN_EDIT)),
    ]
    modals = [
        (JONAS, REFLECTION_SUBMIT, "reflection.gone", "{}"),
        (LEAD, WIN_EDIT_SUBMIT, "wins.gone", "{}"),
        (LEAD, COHORT_SUBMIT, "cohort_modal.gone", "{}|de"),
    ]
    failures = []
    for number in NO_ID:
        requests = [
            (person, key, bot.requests.block_action(person.id, action, value=number))
            for person, action, key in buttons
        ]
        requests += [
            (
                PRIYA,
                "action.not_for_you",
                bot.requests.block_action(PRIYA.id, INVITE_ACCEPT, value=f"{number}:{PRIYA.id}"),
            ),
            (
                LEAD,
                "review.stale",
                bot.requests.block_action(
                    LEAD.id, f"{REVIEW_PAGE}_next", value=f"{world.ids['round']}:{number}"
                ),
            ),
        ]
        for person, callback, key, metadata in modals:
            view = world.views[callback]
            values = fill(view, {})
            request = bot.requests.view_submission(
                person.id, callback, values, metadata.format(number)
            )
            requests.append((person, key, request))
        for person, key, request in requests:
            outcome = probe(bot, person.id, request)
            if outcome.problems() or outcome.changes or not _says(outcome, key):
                failures.append(
                    f"{number!r} by {person.name}: {outcome.problems()} {outcome.replies} {outcome.answer}"
                )
    assert not failures, "\n".join(failures)

    view = world.views[REFLECTION_SUBMIT]
    answers = {"learned": "prompts", "progress": "²", "confidence": "4"}
    request = bot.requests.view_submission(
        JONAS.id, REFLECTION_SUBMIT, fill(view, answers, forged=True), view["private_metadata"]
    )
    outcome = probe(bot, JONAS.id, request)

    assert outcome.problems() == [] and outcome.changes == []
    assert outcome.answer == {
        "response_action": "errors",
        "errors": {"progress": t("de", "reflection.error.score")},
    }


@pytest.mark.parametrize(
    ("setting", "key"), [("capacity ²", "cohort.bad_capacity"), ("wins-k ①", "cohort.bad_k")]
)
def test_a_cohort_setting_in_other_digits_is_explained(
    bot: BotHarness, setting: str, key: str
) -> None:
    bot.command(LEAD.id, "cohort show")  # the cohort exists before

    outcome = probe(bot, LEAD.id, bot.requests.slash_command(LEAD.id, f"cohort set {setting}"))

    assert outcome.problems() == [] and outcome.changes == []
    assert _says(outcome, key)


def test_control_characters_typed_anywhere_are_dropped_before_anything_is_stored(
    world: World,
) -> None:
    """PostgreSQL refuses to store a NUL (and the bot apologised for an error); nothing shows an
    escape character either."""
    bot = world.bot
    commands = [
        "cohort set name Gamma\x00 Guild\x1b",
        "topics add digital Prompt\x00ing",
        "departments add Lab\x07",
        "digest Alpha\x00 Guild",
    ]
    forms = [
        (JONAS, REFLECTION_SUBMIT, {"learned": "a\x00b", "progress": "4", "confidence": "4"}),
        (LEAD, COHORT_SUBMIT, {"name": "Beta\x00"}),
        (LEAD, WIN_EDIT_SUBMIT, {"text": "We\x00 shipped"}),
        (BEN, SURVEY_ABOUT, {"goal": "Automate\x00 3 reports", "department_other": "Lab\x00"}),
    ]
    outcomes = [probe(bot, LEAD.id, bot.requests.slash_command(LEAD.id, text)) for text in commands]
    for person, callback, answers in forms:
        view = world.views[callback]
        values = fill(view, answers, forged=True)
        metadata = view.get("private_metadata", "")
        outcomes.append(
            probe(
                bot, person.id, bot.requests.view_submission(person.id, callback, values, metadata)
            )
        )

    for outcome in outcomes:
        assert outcome.problems() == []
        assert outcome.answer.get("response_action") != "errors", outcome.answer
        stored = [c.after for c in outcome.changes]
        assert not re.search("[\x00\x07\x1b]", repr(stored) + repr(outcome.shown()))
    assert [bool(o.changes) for o in outcomes] == [True] * 3 + [False] + [True] * 4, [
        (o.replies, o.answer) for o in outcomes
    ]


def test_an_input_of_an_older_cohort_modal_is_left_out_and_the_rest_saved(
    bot: BotHarness,
) -> None:
    """A modal opened before an upgrade that renamed an input is submitted after it."""
    bot.command(LEAD.id, "cohort edit")
    view = bot.opened_view()
    values = {**fill(view, {"name": "Beta"}), "retired_input": {"retired_input": {"value": "x"}}}
    request = bot.requests.view_submission(LEAD.id, COHORT_SUBMIT, values, view["private_metadata"])

    outcome = probe(bot, LEAD.id, request)

    assert outcome.problems() == []
    assert [c.after["name"] for c in outcome.changes if c.table == "cohort" and c.after] == ["Beta"]
