"""Cohort administration: leads create and configure cohorts in a modal and open or close joining;
people join the open cohort, and hear kindly when joining is closed."""

from datetime import date
from typing import Any

import pytest
from sqlmodel import select

from bot.cohort_settings import Setting, parse_settings
from bot.messages import t
from handlers.blocks import HOME_JOIN
from handlers.cohort_blocks import COHORT_SETTINGS, COHORT_SUBMIT
from storage.models import Cohort, Participant
from storage.programs import ensure_current_cohort
from tests.fakes.bot_harness import BotHarness
from tests.fakes.workspace import LEAD, PEOPLE

LEA, AMIRA = PEOPLE[0], PEOPLE[2]
SPRING = {"name": "Spring 2027", "starts": "2027-03-01", "ends": "2027-08-31"}


def _cohorts(bot: BotHarness) -> list[Cohort]:
    with bot.sessions() as session:
        return list(session.exec(select(Cohort).order_by(Cohort.id)))  # type: ignore[arg-type]


def _snapshot(bot: BotHarness) -> list[dict[str, Any]]:
    return [cohort.model_dump() for cohort in _cohorts(bot)]


def _participants(bot: BotHarness) -> list[Participant]:
    with bot.sessions() as session:
        return list(session.exec(select(Participant)))


def _opened(bot: BotHarness, text: str) -> dict[str, Any]:
    """The lead types `/mentoring <text>` and gets the cohort modal."""
    bot.command(LEAD.id, text)
    view = bot.opened_view()
    assert view["callback_id"] == COHORT_SUBMIT
    return view


def _initial(view: dict[str, Any], block_id: str) -> Any:
    element = next(b for b in view["blocks"] if b.get("block_id") == block_id)["element"]
    for name in ("initial_value", "initial_date", "initial_conversation", "initial_option"):
        if name in element:
            return element[name]
    return element.get("initial_options")


def test_settings_from_a_form_follow_the_rules_of_cohort_set() -> None:
    changes, problems = parse_settings(
        {"capacity": "2", "timezone": " Europe/Berlin ", "wins-channel": "none", "wins-k": "21"}
    )

    assert changes == [
        Setting("mentor_capacity", 2),
        Setting("timezone", "Europe/Berlin"),
        Setting("wins_channel", None),
    ]
    assert problems == {"wins-k": "cohort.bad_k"}
    assert parse_settings({"starts": "2027-03-01", "ends": "2027-03-01"})[1] == {
        "ends": "cohort.bad_range"
    }


def test_a_lead_opens_the_modal_prefilled_with_the_current_cohort(bot: BotHarness) -> None:
    bot.command(LEAD.id, "cohort set timezone America/New_York")

    view = _opened(bot, "cohort edit")

    (cohort,) = _cohorts(bot)
    assert _initial(view, "name") == cohort.name
    assert _initial(view, "starts") == cohort.starts_on.isoformat()
    assert _initial(view, "timezone") == "America/New_York"
    assert _initial(view, "capacity") == "1"
    assert _initial(view, "joining")[0]["value"] == "open"
    assert view["title"]["text"] == t("de", "cohort_modal.title_edit")
    assert "/mentoring topics" in view["blocks"][-1]["elements"][0]["text"]


@pytest.mark.parametrize("text", ["cohort edit", "cohort new"])
def test_a_non_lead_is_refused_the_modal_and_nothing_opens(bot: BotHarness, text: str) -> None:
    bot.command(LEA.id, text)

    assert bot.last_reply() == t("de", "lead.only")
    assert bot.slack.responses[-1].body["response_type"] == "ephemeral"
    assert bot.slack.calls_to("views.open") == []


def test_the_cohort_settings_button_opens_the_modal_for_leads_only(bot: BotHarness) -> None:
    bot.click(LEA.id, COHORT_SETTINGS, container="view")

    assert bot.slack.calls_to("views.open") == []
    (refusal,) = bot.slack.calls_to("chat.postEphemeral")
    assert (refusal.args["user"], refusal.args["text"]) == (LEA.id, t("de", "lead.only"))

    bot.click(LEAD.id, COHORT_SETTINGS, container="view")

    (opened,) = bot.slack.calls_to("views.open")
    assert opened.args["view"]["callback_id"] == COHORT_SUBMIT


def test_a_lead_changes_the_cohort_in_the_modal(bot: BotHarness) -> None:
    view = _opened(bot, "cohort edit")

    answer = bot.submit(
        LEAD.id,
        view,
        {
            "name": "Pilot <!channel>",
            "cadence": "weekly",
            "capacity": "2",
            "timezone": "Europe/Berlin",
            "wins-channel": "C0WINS",
            "wins-auto": "on",
            "wins-k": "5",
        },
    )

    (cohort,) = _cohorts(bot)
    assert (cohort.name, cohort.cadence, cohort.mentor_capacity) == (
        "Pilot <!channel>",
        "weekly",
        2,
    )
    assert (cohort.timezone, cohort.wins_channel, cohort.wins_auto_post, cohort.wins_k) == (
        "Europe/Berlin",
        "C0WINS",
        True,
        5,
    )
    assert cohort.open_for_joining
    notice = answer["view"]["blocks"][0]["text"]["text"]
    assert notice.startswith(t("de", "cohort.saved"))
    assert "Pilot &lt;!channel&gt;" in notice and "<#C0WINS>" in notice


@pytest.mark.parametrize(
    ("answers", "block_id", "reason"),
    [
        ({"starts": "2027-03-01", "ends": "2027-02-01"}, "ends", "cohort.bad_range"),
        ({"wins-k": "1"}, "wins-k", "cohort.bad_k"),
        ({"wins-k": "21"}, "wins-k", "cohort.bad_k"),
        ({"timezone": "Mars/Olympus"}, "timezone", "cohort.bad_timezone"),
        ({"capacity": "4"}, "capacity", "cohort.bad_capacity"),
        ({"capacity": "1.5"}, "capacity", "cohort.bad_capacity"),
        ({"name": "   "}, "name", "cohort.bad_name"),
    ],
)
def test_bad_values_are_shown_inline_and_change_nothing(
    bot: BotHarness, answers: dict[str, str], block_id: str, reason: str
) -> None:
    view = _opened(bot, "cohort edit")
    before = _snapshot(bot)

    answer = bot.submit(LEAD.id, view, {**answers, "cadence": "monthly"})

    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == [block_id]
    assert answer["errors"][block_id] == t("de", reason).replace("`", "")
    assert _snapshot(bot) == before


def test_a_forged_submission_by_a_non_lead_changes_nothing(bot: BotHarness) -> None:
    view = _opened(bot, "cohort edit")
    before = _snapshot(bot)

    answer = bot.submit(LEA.id, view, {"capacity": "3", "joining": []})

    assert t("de", "lead.only") in answer["view"]["blocks"][0]["text"]["text"]
    assert _snapshot(bot) == before


@pytest.mark.parametrize("metadata", ["{other}|de-DE", "x|de-DE", ""])
def test_a_submission_for_a_cohort_not_of_this_workspace_changes_nothing(
    bot: BotHarness, metadata: str
) -> None:
    view = _opened(bot, "cohort edit")
    with bot.sessions() as session:
        other = ensure_current_cohort(session, "T0OTHER", date(2026, 11, 1))
    before = _snapshot(bot)
    forged = {**view, "private_metadata": metadata.format(other=other.id)}

    answer = bot.submit(LEAD.id, forged, {"name": "Taken over", "joining": []})

    notice = answer["view"]["blocks"][0]["text"]["text"]
    assert notice in (t("de", "cohort_modal.gone"), t("en", "cohort_modal.gone"))
    assert _snapshot(bot) == before


def test_a_new_open_cohort_closes_joining_for_the_old_one(bot: BotHarness) -> None:
    bot.command(LEAD.id, "cohort set capacity 2")
    view = _opened(bot, "cohort new")
    assert _initial(view, "name") is None
    assert _initial(view, "capacity") == "2"  # settings carried over from the current cohort
    assert _initial(view, "joining")[0]["value"] == "open"

    answer = bot.submit(LEAD.id, view, SPRING)

    old, new = _cohorts(bot)
    assert (old.open_for_joining, new.open_for_joining) == (False, True)
    assert (new.name, new.starts_on, new.mentor_capacity) == ("Spring 2027", date(2027, 3, 1), 2)
    assert "Spring 2027" in answer["view"]["blocks"][0]["text"]["text"]
    bot.command(LEA.id, "join")
    (participant,) = _participants(bot)
    assert participant.cohort_id == new.id


def test_a_new_cohort_left_closed_keeps_the_open_one(bot: BotHarness) -> None:
    bot.command(LEAD.id, "cohort show")
    view = _opened(bot, "cohort new")

    bot.submit(LEAD.id, view, {**SPRING, "joining": []})

    old, new = _cohorts(bot)
    assert (old.open_for_joining, new.open_for_joining) == (True, False)
    bot.command(LEAD.id, "cohort show")
    assert old.name in bot.last_reply()


def test_closed_joining_refuses_kindly_and_stores_nothing(bot: BotHarness) -> None:
    bot.command(LEAD.id, "cohort close")
    (cohort,) = _cohorts(bot)
    assert bot.last_reply() == t("de", "cohort.close_done", cohort=cohort.name)

    bot.command(LEA.id, "join")
    assert bot.last_reply() == t("de", "join.closed")
    bot.click(AMIRA.id, HOME_JOIN, container="view")

    notice = bot.opened_view()["blocks"][0]["text"]["text"]
    assert notice == t("en", "join.closed")
    assert _participants(bot) == []
    assert bot.slack.dms_to(LEA.id) == [] and bot.slack.dms_to(AMIRA.id) == []
    assert [c.open_for_joining for c in _cohorts(bot)] == [False]


def test_someone_already_in_the_closed_cohort_hears_they_are_in(bot: BotHarness) -> None:
    bot.command(LEA.id, "join")
    bot.command(LEAD.id, "cohort close")

    bot.command(LEA.id, "join")

    assert "schon in" in bot.last_reply()


def test_opening_joining_again_lets_people_join_that_cohort(bot: BotHarness) -> None:
    bot.command(LEAD.id, "cohort close")
    bot.command(LEAD.id, "cohort close")
    (cohort,) = _cohorts(bot)
    assert bot.last_reply() == t("de", "cohort.close_already", cohort=cohort.name)

    bot.command(LEAD.id, "cohort open")
    assert bot.last_reply() == t("de", "cohort.open_done", cohort=cohort.name)
    bot.command(LEA.id, "join")

    (participant,) = _participants(bot)
    assert participant.cohort_id == cohort.id
    assert "Willkommen" in bot.last_reply()


def test_lead_commands_act_on_the_closed_cohort(bot: BotHarness) -> None:
    bot.command(LEA.id, "join")
    bot.command(LEAD.id, "cohort close")

    bot.command(LEAD.id, "cohort set capacity 3")
    assert "`capacity`: 3" in bot.last_reply()
    bot.command(LEAD.id, "topics add digital Spreadsheet <b>magic</b>")
    bot.command(LEAD.id, "topics")
    assert "Spreadsheet &lt;b&gt;magic&lt;/b&gt;" in bot.last_reply()
    bot.command(LEAD.id, "match")
    assert bot.last_reply() == t("de", "match.too_few", people=0)
    view = _opened(bot, "cohort edit")

    assert "Spreadsheet &lt;b&gt;magic" in view["blocks"][-1]["elements"][0]["text"]
    (cohort,) = _cohorts(bot)
    assert (cohort.open_for_joining, cohort.mentor_capacity) == (False, 3)
    assert _initial(view, "joining") is None
    bot.command(LEAD.id, "cohort show")
    assert t("de", "cohort.joining_is_closed") in bot.last_reply()
