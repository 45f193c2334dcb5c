"""Check-in nudges in Slack: when they come (cadence, working hours, daylight saving), what they
offer, and what each button does."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from sqlmodel import col, select

from bot.messages import t
from handlers.checkin_blocks import BUTTON_ACTIONS, PAIR_RESUME
from storage.checkins import Press
from storage.models import CheckIn, CheckInState, Pair, PairState
from tests.fakes.active_pairs import activate_pair, buttons
from tests.fakes.active_pairs import next_check_in as next_due
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import Message
from tests.fakes.workspace import LEAD, PEOPLE

LEA, JONAS, AMIRA, BEN = PEOPLE[0], PEOPLE[1], PEOPLE[2], PEOPLE[3]
THURSDAY_AFTERNOON = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)  # Berlin 15:00, New York 09:00
BERLIN = {"timezone": "Europe/Berlin", "work_start": "09:00", "work_end": "17:00"}
NEW_YORK = {"timezone": "America/New_York", "work_start": "09:00", "work_end": "17:00"}
MET, NOT_YET, SKIP, PAUSE, HELP = (BUTTON_ACTIONS[p] for p in Press)


@pytest.fixture
def clock() -> Iterator[object]:
    with freeze_time(THURSDAY_AFTERNOON) as frozen:
        yield frozen


@pytest.fixture
def pair_channel(bot: BotHarness, clock: object) -> str:
    """Jonas (a leader in Berlin) and Ben (a junior in New York), active since Thursday."""
    return activate_pair(bot, BEN.id, JONAS.id, junior_meeting=NEW_YORK, leader_meeting=BERLIN)


def nudges(bot: BotHarness, channel: str) -> list[Message]:
    return [m for m in bot.slack.messages if m.channel == channel and MET in buttons(m)]


def tick_at(bot: BotHarness, clock: object, moment: datetime) -> None:
    clock.move_to(moment)  # type: ignore[attr-defined]
    bot.tick(moment)


def inside(moment: datetime, zone: str, start: int = 9, end: int = 17) -> bool:
    local = moment.astimezone(ZoneInfo(zone))
    return local.weekday() < 5 and start <= local.hour + local.minute / 60 < end


def test_a_berlin_new_york_pair_gets_26_nudges_a_year_inside_both_working_days(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    bot.command(LEAD.id, "cohort set ends 2028-01-31")
    sent_at = []
    while len(sent_at) < 27:
        due = next_due(bot)
        if due > THURSDAY_AFTERNOON + timedelta(days=365):
            break
        tick_at(bot, clock, due - timedelta(minutes=1))
        assert len(nudges(bot, pair_channel)) == len(sent_at), "nothing before its time"
        tick_at(bot, clock, due)
        assert len(nudges(bot, pair_channel)) == len(sent_at) + 1
        sent_at.append(due)
        bot.click(BEN.id, MET, buttons(nudges(bot, pair_channel)[-1])[MET])

    assert len(sent_at) == 26
    assert sent_at[0].date() == (THURSDAY_AFTERNOON + timedelta(days=14)).date()
    for moment in sent_at:
        assert inside(moment, "Europe/Berlin") and inside(moment, "America/New_York"), moment
    assert [m.weekday() for m in sent_at] == [3] * 26
    # Half an hour into the overlap: 15:30 Berlin / 09:30 New York in winter; on 18 March, when
    # only New York has moved its clocks, and in summer the overlap starts an hour earlier in UTC.
    assert datetime(2026, 12, 10, 14, 30, tzinfo=UTC) in sent_at
    assert datetime(2027, 3, 18, 13, 30, tzinfo=UTC) in sent_at
    assert datetime(2027, 7, 8, 13, 30, tzinfo=UTC) in sent_at


def checkin_states(bot: BotHarness) -> list[str]:
    with bot.sessions() as session:
        return list(session.exec(select(CheckIn.state).order_by(col(CheckIn.number))))


def the_pair(bot: BotHarness) -> Pair:
    with bot.sessions() as session:
        return session.exec(select(Pair).where(Pair.state != "proposed")).one()


def replies(bot: BotHarness) -> list[dict[str, object]]:
    return [post.body for post in bot.slack.responses]


def first_nudge(bot: BotHarness, clock: object, channel: str) -> Message:
    tick_at(bot, clock, next_due(bot))
    return nudges(bot, channel)[-1]


def test_the_nudge_says_which_session_it_is_offers_a_focus_and_five_buttons(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    nudge = first_nudge(bot, clock, pair_channel)

    text = str(nudge.blocks)
    # Ben writes English, Jonas German: the pair reads it in both. The cohort's 26 weeks hold 12.
    for lang in ("en", "de"):
        assert t(lang, "checkin.title", number=1, total=12, mentor=BEN.id, mentee=JONAS.id) in text
    assert "Generative" in text  # the topic Ben teaches, from the match
    assert "Automate 3 recurring reports" in text  # Ben's goal
    assert set(buttons(nudge)) == {MET, NOT_YET, SKIP, PAUSE, HELP}


def test_we_met_records_the_session_and_each_button_works_once(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    value = buttons(first_nudge(bot, clock, pair_channel))[MET]

    bot.click(BEN.id, MET, value)
    done = replies(bot)[-1]
    assert done["replace_original"] is True
    assert t("en", "checkin.done.met", user=BEN.id, number=1) in str(done)
    assert "actions" not in str(done["blocks"])  # the buttons are gone for both
    bot.click(JONAS.id, SKIP, value)  # a stale button, pressed a moment later

    assert checkin_states(bot)[0] == CheckInState.MET
    assert replies(bot)[-2] == {
        "text": t("de", "checkin.stale"),
        "response_type": "ephemeral",
        "replace_original": False,
    }


def test_only_the_two_partners_can_press_a_pair_s_buttons(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    value = buttons(first_nudge(bot, clock, pair_channel))[MET]

    bot.click(LEA.id, MET, value)
    bot.click(LEA.id, PAUSE, "not-a-number")

    assert [r["text"] for r in replies(bot)[-2:]] == [t("de", "action.not_for_you")] * 2
    assert checkin_states(bot)[0] == CheckInState.NUDGED
    assert the_pair(bot).paused_at is None


def test_not_yet_reminds_the_pair_once_two_days_later_at_a_good_time(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    value = buttons(first_nudge(bot, clock, pair_channel))[NOT_YET]
    pressed_at = next_due(bot) - timedelta(days=14)  # the first nudge's time

    bot.click(JONAS.id, NOT_YET, value)
    remind_at = next_due(bot)
    tick_at(bot, clock, remind_at)

    assert t("de", "checkin.done.not_yet", user=JONAS.id, when="").split(":")[0] in str(
        replies(bot)[-1]
    )
    assert timedelta(days=2) <= remind_at - pressed_at < timedelta(days=5)  # Saturday -> Monday
    assert inside(remind_at, "Europe/Berlin") and inside(remind_at, "America/New_York")
    reminder = nudges(bot, pair_channel)[-1]
    assert t(
        "en", "checkin.title_reminder", number=1, total=12, mentor=BEN.id, mentee=JONAS.id
    ) in (str(reminder.blocks))
    assert NOT_YET not in buttons(reminder)  # "Not yet" works once
    bot.click(BEN.id, MET, buttons(reminder)[MET])
    assert checkin_states(bot)[0] == CheckInState.MET


def test_two_missed_check_ins_in_a_row_make_the_pair_at_risk_once(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    lead_dms = len(bot.slack.dms_to(LEAD.id))
    for _ in range(4):  # nobody ever answers
        tick_at(bot, clock, next_due(bot))

    assert checkin_states(bot)[:3] == [CheckInState.MISSED] * 3
    at_risk = [m for m in bot.slack.messages if t("en", "pair.at_risk") in str(m.blocks)]
    assert [m.channel for m in at_risk] == [pair_channel]
    lead_notes = bot.slack.dms_to(LEAD.id)[lead_dms:]
    assert [note.text for note in lead_notes] == [  # Maria reads German
        t("de", "lead.at_risk", mentor=BEN.id, mentee=JONAS.id, cohort="Reverse mentoring 2026")
    ]
    assert the_pair(bot).at_risk_since is not None


def test_a_skip_is_an_answer_not_a_miss(bot: BotHarness, clock: object, pair_channel: str) -> None:
    for _ in range(3):
        nudge = first_nudge(bot, clock, pair_channel)
        bot.click(BEN.id, SKIP, buttons(nudge)[SKIP])

    assert checkin_states(bot)[:3] == [CheckInState.SKIPPED] * 3
    assert the_pair(bot).at_risk_since is None
    assert "⏭" in str(replies(bot)[-1]["blocks"])


def test_a_paused_pair_gets_no_nudges_and_the_cadence_restarts_from_the_resume(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    nudge = first_nudge(bot, clock, pair_channel)
    bot.click(JONAS.id, PAUSE, buttons(nudge)[PAUSE])
    paused = replies(bot)[-1]
    assert PAIR_RESUME in str(paused["blocks"])

    second_due = next_due(bot)
    for days in range(0, 42, 1):  # six weeks of ticks, three of them on due check-ins
        tick_at(bot, clock, second_due + timedelta(days=days))
    assert len(nudges(bot, pair_channel)) == 1

    resume_value = next(
        e["value"]
        for b in paused["blocks"]  # type: ignore[union-attr]
        for e in b.get("elements", [])
        if e.get("action_id") == PAIR_RESUME
    )
    bot.click(BEN.id, PAIR_RESUME, resume_value)
    assert "▶️" in str(replies(bot)[-1])
    resumed_at = second_due + timedelta(days=41)
    held_nudge_at = next_due(bot)
    tick_at(bot, clock, held_nudge_at)
    tick_at(bot, clock, held_nudge_at + timedelta(hours=2))
    assert len(nudges(bot, pair_channel)) == 2  # one nudge after the pause, not a burst
    assert held_nudge_at - resumed_at < timedelta(days=3)
    assert next_due(bot) - held_nudge_at >= timedelta(days=13)


def test_a_paused_partner_holds_the_nudges_and_only_one_follows_the_pause(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    bot.command(BEN.id, "pause until 2027-01-20")  # three check-ins would fall due meanwhile
    pause_ends = datetime(2027, 1, 20, 5, 0, tzinfo=UTC)  # midnight in New York
    moment = next_due(bot)
    while moment < pause_ends:
        tick_at(bot, clock, moment)
        moment += timedelta(hours=6)
    assert nudges(bot, pair_channel) == []

    sent_at = []
    while moment < pause_ends + timedelta(days=3):
        tick_at(bot, clock, moment)
        if len(nudges(bot, pair_channel)) > len(sent_at):
            sent_at.append(moment)
        moment += timedelta(hours=1)

    assert len(sent_at) == 1  # the held check-in, not one per missed period
    assert sent_at[0].date() == pause_ends.date()
    assert inside(sent_at[0], "Europe/Berlin") and inside(sent_at[0], "America/New_York")
    assert t("en", "checkin.title", number=1, total=12, mentor=BEN.id, mentee=JONAS.id) in str(
        nudges(bot, pair_channel)[0].blocks
    )
    assert next_due(bot) - sent_at[0] >= timedelta(days=13)  # the cadence restarts from here


def test_resume_typed_by_a_partner_ends_the_pair_s_pause_and_tells_the_other(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    bot.click(JONAS.id, PAUSE, buttons(first_nudge(bot, clock, pair_channel))[PAUSE])
    before = len(bot.slack.messages)

    bot.command(BEN.id, "resume")

    assert bot.last_reply() == t("en-US", "resume.pair_done")
    assert the_pair(bot).paused_at is None
    [note] = bot.slack.messages[before:]
    assert note.channel == pair_channel and "▶️ <@U0BEN>" in note.text
    bot.command(BEN.id, "resume")
    assert bot.last_reply() == t("en-US", "resume.not_paused")


def test_at_the_cohort_s_end_the_pair_gets_a_farewell_and_no_more_nudges(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    bot.command(LEAD.id, "cohort set ends 2026-12-20")
    bot.click(BEN.id, MET, buttons(first_nudge(bot, clock, pair_channel))[MET])

    farewell_at = next_due(bot)
    tick_at(bot, clock, farewell_at)
    for days in range(1, 60, 7):
        tick_at(bot, clock, farewell_at + timedelta(days=days))

    assert farewell_at.date() <= datetime(2026, 12, 21, tzinfo=UTC).date()
    assert len(nudges(bot, pair_channel)) == 1
    farewell_text = t("en", "pair.farewell", mentor=BEN.id, mentee=JONAS.id, held=1)
    [farewell] = [m for m in bot.slack.messages if m.text == farewell_text]
    assert farewell.channel == pair_channel
    assert the_pair(bot).state == PairState.COMPLETED
    assert "actions" not in str(farewell.blocks)


def test_need_help_reaches_the_lead_privately_with_the_names_only(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    value = buttons(first_nudge(bot, clock, pair_channel))[HELP]
    before = len(bot.slack.messages)

    bot.click(BEN.id, HELP, value)
    bot.click(BEN.id, HELP, value)

    [note] = bot.slack.messages[before:]
    assert note.channel == "D0MARIA"
    assert note.text == t("de", "lead.help", user=BEN.id, mentor=BEN.id, mentee=JONAS.id)
    assert [r["text"] for r in replies(bot)[-2:]] == [
        t("en-US", "checkin.help_sent"),
        t("en-US", "checkin.help_already"),
    ]
    assert all(r.get("replace_original") is False for r in replies(bot)[-2:])
    assert checkin_states(bot)[0] == CheckInState.NUDGED  # the nudge is still open for both


def test_a_lead_added_in_slack_is_asked_for_help_too(
    bot: BotHarness, clock: object, pair_channel: str
) -> None:
    amira = PEOPLE[2]
    bot.command(LEAD.id, f"lead add <@{amira.id}>")
    value = buttons(first_nudge(bot, clock, pair_channel))[HELP]
    before = len(bot.slack.messages)

    bot.click(BEN.id, HELP, value)

    notes = {m.channel: m.text for m in bot.slack.messages[before:]}
    assert notes == {
        "D0MARIA": t("de", "lead.help", user=BEN.id, mentor=BEN.id, mentee=JONAS.id),
        "D0AMIRA": t("en-GB", "lead.help", user=BEN.id, mentor=BEN.id, mentee=JONAS.id),
    }
