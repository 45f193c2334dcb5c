"""The App Home tab: what the program is, my status, and a join button."""

from datetime import timedelta

from sqlmodel import select

from handlers.blocks import HOME_JOIN, SURVEY_START
from handlers.home_blocks import HOME_PAUSE, HOME_REFLECTIONS
from storage.models import Participant, utcnow
from tests.fakes.bot_harness import BotHarness
from tests.fakes.workspace import PEOPLE

LEA, AMIRA = PEOPLE[0], PEOPLE[2]


def _buttons(view: dict) -> list[str]:
    return [
        e["action_id"] for b in view["blocks"] for e in b.get("elements", []) if "action_id" in e
    ]


def _text(view: dict) -> str:
    return " ".join(str(b.get("text", {}).get("text", "")) for b in view["blocks"])


def test_opening_home_shows_the_program_and_a_join_button(bot: BotHarness) -> None:
    response = bot.open_home(AMIRA.id)

    assert response.status == 200
    view = bot.slack.home_views[AMIRA.id]
    assert "teach each other across generations" in _text(view)
    assert "haven't joined the program yet" in _text(view)
    assert _buttons(view) == [HOME_JOIN]


def test_home_speaks_my_language(bot: BotHarness) -> None:
    bot.open_home(LEA.id)

    assert "generationsübergreifend" in _text(bot.slack.home_views[LEA.id])


def test_joining_from_home_joins_welcomes_and_refreshes_the_tab(bot: BotHarness) -> None:
    bot.open_home(AMIRA.id)

    bot.click(AMIRA.id, HOME_JOIN, container="view")

    with bot.sessions() as session:
        assert session.exec(select(Participant.slack_user_id)).all() == [AMIRA.id]
    assert "Welcome to reverse mentoring" in bot.slack.dms_to(AMIRA.id)[0].text
    view = bot.slack.home_views[AMIRA.id]
    assert "You're part of" in _text(view)
    assert _buttons(view) == [SURVEY_START, HOME_PAUSE, HOME_REFLECTIONS]


def test_the_messages_tab_publishes_nothing(bot: BotHarness) -> None:
    bot.dispatch(
        bot.requests.event({"type": "app_home_opened", "user": AMIRA.id, "tab": "messages"})
    )

    assert bot.slack.calls_to("views.publish") == []


def test_a_failed_publish_is_logged_not_raised(bot: BotHarness) -> None:
    bot.slack.fail("views.publish", "not_enabled")

    response = bot.open_home(AMIRA.id)

    assert response.status == 200
    assert AMIRA.id not in bot.slack.home_views


def test_a_retried_event_is_acted_on_once(bot: BotHarness) -> None:
    event = {"type": "app_home_opened", "user": AMIRA.id, "tab": "home"}
    first = bot.requests.event(event, event_id="Ev0HOME1")
    retry = bot.requests.event(event, event_id="Ev0HOME1", retry_num=1)

    assert bot.dispatch(first).status == 200
    assert bot.dispatch(retry).status == 200

    assert len(bot.slack.calls_to("views.publish")) == 1


def test_event_ids_are_forgotten_after_a_day(bot: BotHarness) -> None:
    event = {"type": "app_home_opened", "user": AMIRA.id, "tab": "home"}
    bot.dispatch(bot.requests.event(event, event_id="Ev0HOME2"))

    bot.tick(utcnow() + timedelta(days=1, minutes=1))
    bot.dispatch(bot.requests.event(event, event_id="Ev0HOME2"))

    assert len(bot.slack.calls_to("views.publish")) == 2
