"""`/mentoring cohort show|set`: leads read and change the open cohort's settings; bad values get
a clear answer and change nothing."""

from datetime import date, time

import pytest
from sqlmodel import select

from bot.cohort_settings import Setting, SettingError, parse_setting
from bot.messages import t
from storage.models import Cohort
from tests.fakes.bot_harness import BotHarness
from tests.fakes.workspace import LEAD, PEOPLE

LEA = PEOPLE[0]


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("capacity 2", Setting("mentor_capacity", 2)),
        ("mode best-score", Setting("matching_mode", "best_score")),
        ("MODE Most_Matched", Setting("matching_mode", "most_matched")),
        ("mutual off", Setting("mutual_pairs", False)),
        ("cadence Monthly", Setting("cadence", "monthly")),
        ("ends 2027-06-30", Setting("ends_on", date(2027, 6, 30))),
        ("timezone Europe/Berlin", Setting("timezone", "Europe/Berlin")),
        ("wins-channel <#C0WINS|mentoring-wins>", Setting("wins_channel", "C0WINS")),
        ("wins-channel none", Setting("wins_channel", None)),
        ("name Spring 2027 *pilot*", Setting("name", "Spring 2027 *pilot*")),
        ("wins-auto on", Setting("wins_auto_post", True)),
        ("wins-k 5", Setting("wins_k", 5)),
        ("wins-every biweekly", Setting("wins_every", "biweekly")),
        ("wins-day Friday", Setting("wins_weekday", 4)),
        ("wins-time 16:30", Setting("wins_time", time(16, 30))),
    ],
)
def test_settings_are_parsed(argument: str, expected: Setting) -> None:
    assert parse_setting(argument) == expected


@pytest.mark.parametrize(
    ("argument", "reason"),
    [
        ("", "cohort.usage"),
        ("colour blue", "cohort.usage"),
        ("capacity 4", "cohort.bad_capacity"),
        ("capacity two", "cohort.bad_capacity"),
        ("mode fastest", "cohort.bad_mode"),
        ("mutual maybe", "cohort.bad_switch"),
        ("cadence daily", "cohort.bad_cadence"),
        ("starts 31.12.2026", "cohort.bad_date"),
        ("timezone Mars/Olympus", "cohort.bad_timezone"),
        ("wins-channel #wins", "cohort.bad_channel"),
        ("name " + "x" * 101, "cohort.bad_name"),
        ("wins-k 1", "cohort.bad_k"),
        ("wins-k 21", "cohort.bad_k"),
        ("wins-every daily", "cohort.bad_cadence"),
        ("wins-day someday", "cohort.bad_day"),
        ("wins-time noon", "cohort.bad_time"),
    ],
)
def test_bad_values_name_the_problem(argument: str, reason: str) -> None:
    with pytest.raises(SettingError) as raised:
        parse_setting(argument)
    assert raised.value.reason == reason


def _cohort(bot: BotHarness) -> Cohort:
    with bot.sessions() as session:
        return session.exec(select(Cohort)).one()


def test_a_lead_changes_a_setting_and_sees_them_all(bot: BotHarness) -> None:
    bot.command(LEAD.id, "cohort set capacity 2")

    reply = bot.last_reply()
    assert reply.startswith(t("de", "cohort.saved"))
    assert "`capacity`: 2" in reply
    assert _cohort(bot).mentor_capacity == 2
    bot.command(LEAD.id, "cohort show")
    assert "`mode`: " + t("de", "mode.most_matched") in bot.last_reply()


def test_a_bad_value_changes_nothing_and_explains(bot: BotHarness) -> None:
    bot.command(LEAD.id, "cohort set capacity 9")
    assert bot.last_reply().startswith(t("de", "cohort.bad_capacity"))
    bot.command(LEAD.id, "cohort set ends 2020-01-01")
    assert bot.last_reply() == t("de", "cohort.bad_range")
    assert _cohort(bot).mentor_capacity == 1
    assert _cohort(bot).ends_on > date(2026, 1, 1)


def test_a_typed_cohort_name_is_escaped_when_shown(bot: BotHarness) -> None:
    bot.command(LEAD.id, "cohort set name <!channel> & friends")
    assert "&lt;!channel&gt; &amp; friends" in bot.last_reply()


def test_only_leads_see_or_change_cohort_settings(bot: BotHarness) -> None:
    bot.command(LEAD.id, "cohort show")
    bot.command(LEA.id, "cohort set capacity 3")
    assert bot.last_reply() == t("de", "lead.only")
    bot.command(LEA.id, "cohort show")
    assert bot.last_reply() == t("de", "lead.only")
    assert _cohort(bot).mentor_capacity == 1
