"""The App Home dashboards: a participant's own program, and for leads the cohort's health with
the lead buttons; every Home button checks who pressed it."""

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from sqlalchemy import Engine
from sqlmodel import Session

from bot.messages import format_date, t
from handlers.blocks import SURVEY_START
from handlers.cohort_blocks import COHORT_SETTINGS
from handlers.home_blocks import (
    HOME_DIGEST,
    HOME_MATCH,
    HOME_PAUSE,
    HOME_REFLECTIONS,
    HOME_RESUME,
    HOME_WINS,
)
from storage import checkins, pairs
from tests.fakes.active_pairs import activate_pair
from tests.fakes.bot_harness import BotHarness
from tests.fakes.many_pairs import add_active_pairs
from tests.fakes.slack_api import TEAM_ID
from tests.fakes.survey_answers import GOAL
from tests.fakes.workspace import LEAD, PEOPLE

LEA, JONAS, AMIRA = PEOPLE[0], PEOPLE[1], PEOPLE[2]
TUESDAY_10_LONDON = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
LEAD_BUTTONS = [HOME_MATCH, HOME_DIGEST, COHORT_SETTINGS, HOME_WINS]


@pytest.fixture(autouse=True)
def tuesday_morning() -> Iterator[None]:
    with freeze_time(TUESDAY_10_LONDON):
        yield


def buttons(view: dict) -> list[str]:
    return [
        e["action_id"] for b in view["blocks"] for e in b.get("elements", []) if "action_id" in e
    ]


def text(view: dict) -> str:
    return str(view["blocks"])


def test_a_participant_sees_their_pair_next_checkin_goal_and_buttons(bot: BotHarness) -> None:
    activate_pair(bot, AMIRA.id, JONAS.id)

    bot.open_home(AMIRA.id)

    view = bot.slack.home_views[AMIRA.id]
    shown = text(view)
    assert f"<@{JONAS.id}>" in shown
    with bot.sessions() as session:
        pair = pairs.current_pair(session, TEAM_ID, AMIRA.id)
        assert pair is not None and pair.id is not None
        upcoming = checkins.upcoming(session, pair.id)
        assert upcoming is not None
    day = upcoming.due_at.astimezone(ZoneInfo(AMIRA.tz)).date()
    assert t("en-GB", "home.next_checkin", date=format_date("en-GB", day)) in shown
    assert t("en-GB", "home.goal", goal=GOAL) in shown
    assert buttons(view) == [SURVEY_START, HOME_PAUSE, HOME_REFLECTIONS]


def test_pausing_and_resuming_from_home_change_my_status(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")

    bot.click(AMIRA.id, HOME_PAUSE, AMIRA.id, container="view")
    view = bot.slack.home_views[AMIRA.id]
    assert t("en-GB", "status.paused") in text(view)
    assert HOME_RESUME in buttons(view)

    bot.click(AMIRA.id, HOME_RESUME, AMIRA.id, container="view")
    assert t("en-GB", "status.active") in text(bot.slack.home_views[AMIRA.id])


def test_a_forged_pause_for_someone_else_changes_nothing(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")

    bot.click(LEA.id, HOME_PAUSE, AMIRA.id, container="view")

    refusal = bot.slack.calls_to("chat.postEphemeral")[-1].args
    assert (refusal["user"], refusal["text"]) == (LEA.id, t("de", "action.not_for_you"))
    bot.open_home(AMIRA.id)
    assert t("en-GB", "status.active") in text(bot.slack.home_views[AMIRA.id])


def test_my_reflections_come_to_my_dm(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")

    bot.click(AMIRA.id, HOME_REFLECTIONS, AMIRA.id, container="view")

    assert bot.slack.dms_to(AMIRA.id)[-1].text == t("en-GB", "reflections.none")


def test_a_lead_sees_cohort_health_and_the_lead_buttons(bot: BotHarness) -> None:
    activate_pair(bot, AMIRA.id, JONAS.id)

    bot.open_home(LEAD.id)

    view = bot.slack.home_views[LEAD.id]
    assert buttons(view)[-4:] == LEAD_BUTTONS
    assert "2 in der Kohorte · 2 mit fertiger Umfrage (100 %)" in text(view)
    assert "1 aktiv, davon 0 gefährdet" in text(view)
    bot.open_home(AMIRA.id)
    assert not set(LEAD_BUTTONS) & set(buttons(bot.slack.home_views[AMIRA.id]))


def test_home_stays_within_slacks_block_limit_for_a_big_cohort(
    bot: BotHarness, engine: Engine
) -> None:
    with Session(engine) as session:
        add_active_pairs(session, TEAM_ID, 3000, TUESDAY_10_LONDON)
        session.commit()

    bot.open_home(LEAD.id)

    view = bot.slack.home_views[LEAD.id]
    assert len(view["blocks"]) <= 100
    assert "3000 aktiv" in text(view)


def test_lead_buttons_answer_in_the_leads_dm(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")

    bot.click(LEAD.id, HOME_WINS, container="view")
    bot.click(LEAD.id, HOME_MATCH, container="view")
    bot.click(LEAD.id, HOME_DIGEST, container="view")

    texts = [message.text for message in bot.slack.dms_to(LEAD.id)]
    assert texts[0] == t("de", "wins.queue_empty", total=0)
    assert texts[1] == t("de", "match.too_few", people=0)
    assert texts[2] == t("de", "digest.title", cohort="Reverse mentoring 2026")
    assert len(bot.slack.files) == 2


def test_a_non_lead_pressing_lead_buttons_gets_nothing(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")
    before = len(bot.slack.messages)

    for action in (HOME_WINS, HOME_MATCH, HOME_DIGEST):
        bot.click(AMIRA.id, action, container="view")

    assert bot.slack.messages[before:] == []
    assert bot.slack.files == []
    refusals = [call.args["text"] for call in bot.slack.calls_to("chat.postEphemeral")]
    assert refusals == [t("en-GB", "lead.only")] * 3


def test_commands_that_change_my_status_refresh_my_home(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")
    assert HOME_PAUSE in buttons(bot.slack.home_views[AMIRA.id])

    bot.command(AMIRA.id, "pause")

    assert t("en-GB", "status.paused") in text(bot.slack.home_views[AMIRA.id])


def test_the_cohort_settings_button_opens_the_modal_for_a_lead_only(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")

    bot.click(AMIRA.id, COHORT_SETTINGS, container="view")
    assert bot.slack.calls_to("views.open") == []

    bot.click(LEAD.id, COHORT_SETTINGS, container="view")
    [opened] = bot.slack.calls_to("views.open")
    assert opened.args["view"]["type"] == "modal"


def test_a_paused_person_still_gets_the_answer_to_their_own_press(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")
    bot.click(AMIRA.id, HOME_PAUSE, AMIRA.id, container="view")

    bot.click(AMIRA.id, HOME_REFLECTIONS, AMIRA.id, container="view")

    assert bot.slack.dms_to(AMIRA.id)[-1].text == t("en-GB", "reflections.none")


def test_the_home_digest_button_says_on_its_way_and_reports_a_closed_dm(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")
    bot.slack.fail("chat.postMessage", "channel_not_found")

    bot.click(LEAD.id, HOME_DIGEST, container="view")

    notes = [call.args["text"] for call in bot.slack.calls_to("chat.postEphemeral")]
    cohort = "Reverse mentoring 2026"
    assert notes == [
        t("de", "digest.on_its_way", cohort=cohort),
        t("de", "digest.failed", cohort=cohort, error="channel_not_found"),
    ]
    assert bot.slack.files == []
