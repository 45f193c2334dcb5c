"""Reflections after "We met": asked of both partners, private to their author, one reminder;
a win is shared only by opting in, anonymised first, and can be withdrawn until it is posted."""

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlmodel import select

from bot.messages import t
from handlers.checkin_blocks import BUTTON_ACTIONS
from handlers.reflection_blocks import REFLECT, REFLECTION_SUBMIT, WIN_WITHDRAW
from storage.checkins import Press
from storage.models import Reflection, Win, WinState
from tests.fakes.active_pairs import activate_pair, buttons, latest_with, next_check_in
from tests.fakes.bot_harness import BotHarness
from tests.fakes.workspace import LEAD, PEOPLE

JONAS, BEN, AMIRA = PEOPLE[1], PEOPLE[3], PEOPLE[2]
THURSDAY_AFTERNOON = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
BERLIN = {"timezone": "Europe/Berlin", "work_start": "09:00", "work_end": "17:00"}
NEW_YORK = {"timezone": "America/New_York", "work_start": "09:00", "work_end": "17:00"}
MET = BUTTON_ACTIONS[Press.MET]
SECRET = "SECRET-LEARNING about delegation"
PRIVATE_WIN = "PRIVATE-WIN kept to myself"


@pytest.fixture
def clock() -> Iterator[object]:
    with freeze_time(THURSDAY_AFTERNOON) as frozen:
        yield frozen


@pytest.fixture
def met(bot: BotHarness, clock: object) -> datetime:
    """Ben (junior, New York) and Jonas (leader, Berlin) get their first nudge; Ben presses
    We met. Returns when."""
    channel = activate_pair(bot, BEN.id, JONAS.id, junior_meeting=NEW_YORK, leader_meeting=BERLIN)
    due = next_check_in(bot)
    clock.move_to(due)  # type: ignore[attr-defined]
    bot.tick(due)
    nudge = latest_with([m for m in bot.slack.messages if m.channel == channel], MET)
    bot.click(BEN.id, MET, buttons(nudge)[MET])
    return due


def reflection_modal(bot: BotHarness) -> dict:
    view = bot.opened_view()
    assert view["callback_id"] == REFLECTION_SUBMIT
    return view


def answers(**overrides: object) -> dict:
    return {"learned": SECRET, "progress": "3", "confidence": "4", **overrides}


def test_we_met_opens_a_modal_for_the_presser_and_dms_the_partner_a_reflect_button(
    bot: BotHarness, met: datetime
) -> None:
    view = reflection_modal(bot)
    share = next(b for b in view["blocks"] if b.get("block_id") == "share")
    assert not share["element"].get("initial_options"), "sharing is off until ticked"
    assert "Check-in 1" in json.dumps(view)
    confidence = next(b for b in view["blocks"] if b.get("block_id") == "confidence")
    assert confidence["label"]["text"].startswith("How confident do you feel now in ")
    assert "this session" not in confidence["label"]["text"], "the session's topic is named"
    prompt = latest_with(bot.slack.dms_to(JONAS.id), REFLECT)
    assert prompt.text == t("de", "reflection.prompt", partner=BEN.id, number=1)
    bot.click(JONAS.id, REFLECT, buttons(prompt)[REFLECT])
    german = bot.opened_view()
    assert german["title"]["text"] == "Deine Reflexion"
    assert german["private_metadata"] != view["private_metadata"]


def test_a_reflection_is_saved_once_and_nobody_but_its_author_can_read_it(
    bot: BotHarness, met: datetime
) -> None:
    view = reflection_modal(bot)
    answer = bot.submit(BEN.id, view, answers(win=PRIVATE_WIN))
    assert answer["response_action"] == "update"
    assert bot.submit(BEN.id, view, answers())["view"]["blocks"][0]["text"]["text"] == t(
        "en", "reflection.already"
    )
    for person in (JONAS.id, LEAD.id, AMIRA.id):
        for command in ("reflections", "status", "wins", "cohort show", "help"):
            bot.command(person, command)
    bot.tick()
    bot.command(BEN.id, "reflections")
    own = json.dumps(bot.slack.responses[-1].body)
    assert "SECRET-LEARNING" in own and "PRIVATE-WIN" in own
    seen_by_others = json.dumps(
        [c.args for c in bot.slack.calls if c.method != "views.open"]
        + [r.body for r in bot.slack.responses[:-1]]
        + [m.text for m in bot.slack.messages]
    )
    assert "SECRET-LEARNING" not in seen_by_others and "PRIVATE-WIN" not in seen_by_others
    with bot.sessions() as session:
        assert session.exec(select(Win)).all() == [], "not shared: no win"


def test_nobody_can_open_or_submit_someone_else_s_reflection(
    bot: BotHarness, met: datetime
) -> None:
    view = reflection_modal(bot)
    bot.click(JONAS.id, REFLECT, view["private_metadata"])
    assert bot.last_reply() == t("de", "action.not_for_you")
    forged = bot.submit(JONAS.id, view, answers(learned="forged"))
    assert forged["response_action"] == "update"
    with bot.sessions() as session:
        mine = session.exec(select(Reflection).where(Reflection.author_user_id == BEN.id)).one()
    assert mine.submitted_at is None and mine.learned is None


def test_a_shared_win_is_anonymised_before_it_reaches_the_review_queue(
    bot: BotHarness, met: datetime
) -> None:
    win = "Jonas Becker showed me <!channel> how jonas.becker@acme.com plans; call +49 30 1234567"
    answer = bot.submit(BEN.id, reflection_modal(bot), answers(win=win, share=["share"]))
    with bot.sessions() as session:
        stored = session.exec(select(Win)).one()
    assert stored.state == WinState.REVIEW
    assert stored.text == "[name] showed me how [email] plans; call [phone]"
    assert stored.text in json.dumps(answer["view"])
    bot.command(LEAD.id, "wins")
    assert stored.text in json.dumps(bot.slack.responses[-1].body)


@pytest.mark.parametrize(
    ("given", "field", "key"),
    [
        ({"share": ["share"]}, "win", "reflection.error.win"),
        ({"learned": "   "}, "learned", "reflection.error.learned"),
        ({"progress": None}, "progress", "reflection.error.score"),
    ],
)
def test_an_incomplete_reflection_gets_an_inline_error_and_saves_nothing(
    bot: BotHarness, met: datetime, given: dict, field: str, key: str
) -> None:
    answer = bot.submit(BEN.id, reflection_modal(bot), answers(**given))
    assert answer == {"response_action": "errors", "errors": {field: t("en", key)}}
    with bot.sessions() as session:
        assert all(r.submitted_at is None for r in session.exec(select(Reflection)))


def test_whoever_has_not_reflected_gets_one_reminder_two_days_later(
    bot: BotHarness, clock: object, met: datetime
) -> None:
    bot.submit(BEN.id, reflection_modal(bot), answers())
    for hours in (47, 49, 80, 92, 200):  # held over the weekend: Monday 11:30 in Berlin
        clock.move_to(met + timedelta(hours=hours))  # type: ignore[attr-defined]
        bot.tick(met + timedelta(hours=hours))
    reminders = [m for m in bot.slack.dms_to(JONAS.id) if m.text.startswith("Vor zwei Tagen")]
    assert len(reminders) == 1
    assert not [m for m in bot.slack.dms_to(BEN.id) if "Two days ago" in m.text]


def test_an_author_can_withdraw_a_win_until_it_is_posted_and_nobody_else_can(
    bot: BotHarness, met: datetime
) -> None:
    bot.submit(BEN.id, reflection_modal(bot), answers(win="Automated 3 reports", share=["share"]))
    with bot.sessions() as session:
        win_id = str(session.exec(select(Win.id)).one())
    bot.click(JONAS.id, WIN_WITHDRAW, win_id)
    assert bot.last_reply() == t("de", "action.not_for_you")
    bot.command(BEN.id, "reflections")
    bot.click(BEN.id, WIN_WITHDRAW, win_id)
    assert bot.last_reply() == t("en", "reflections.withdrawn")
    with bot.sessions() as session:
        assert session.exec(select(Win.state)).one() == WinState.WITHDRAWN
    bot.click(BEN.id, WIN_WITHDRAW, win_id)
    assert bot.last_reply() == t("en", "reflections.too_late")
