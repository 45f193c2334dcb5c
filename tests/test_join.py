"""`/mentoring join`: joining the open cohort, the welcome DM, joining twice."""

from sqlmodel import select

from bot.working_hours import WorkingHours, next_send_slot
from handlers.blocks import SURVEY_START
from storage.models import Cohort, OutboxMessage, Participant, utcnow
from tests.fakes.bot_harness import BotHarness
from tests.fakes.workspace import LEAD, PEOPLE

LEA, AMIRA = PEOPLE[0], PEOPLE[2]


def test_join_creates_program_and_confirms_ephemerally(bot: BotHarness) -> None:
    response = bot.command(AMIRA.id, "join")

    assert response.status == 200
    reply = bot.slack.responses[-1].body
    assert reply["response_type"] == "ephemeral"
    assert "You have joined *Reverse mentoring" in reply["text"]
    with bot.sessions() as session:
        (participant,) = session.exec(select(Participant)).all()
        cohort = session.exec(select(Cohort)).one()
    assert participant.slack_user_id == AMIRA.id
    assert participant.timezone == "Europe/London"
    assert participant.locale == "en-GB"
    assert cohort.open_for_joining


def test_join_sends_welcome_dm_with_survey_button(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")

    (welcome,) = bot.slack.dms_to(AMIRA.id)
    assert "Welcome to reverse mentoring" in welcome.text
    assert "Confidential" in welcome.text and "Voluntary" in welcome.text
    buttons = [e for b in welcome.blocks or [] for e in b.get("elements", [])]
    assert [(b["action_id"], b["value"]) for b in buttons] == [(SURVEY_START, AMIRA.id)]


def test_join_speaks_german_to_a_german_locale(bot: BotHarness) -> None:
    bot.command(LEA.id, "join")

    assert "Willkommen!" in bot.last_reply()
    assert "Willkommen beim Reverse Mentoring" in bot.slack.dms_to(LEA.id)[0].text


def test_joining_twice_is_harmless_and_says_so(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")
    bot.command(AMIRA.id, "join")

    assert "already part of" in bot.last_reply()
    assert len(bot.slack.dms_to(AMIRA.id)) == 1
    with bot.sessions() as session:
        assert len(session.exec(select(Participant)).all()) == 1


def test_join_when_dms_fail_still_joins_and_retries_later(bot: BotHarness) -> None:
    bot.slack.fail("chat.postMessage", "internal_error", status=500)

    bot.command(AMIRA.id, "join")

    assert "couldn't reach your DMs" in bot.last_reply()
    assert bot.slack.dms_to(AMIRA.id) == []
    with bot.sessions() as session:
        welcome = session.exec(select(OutboxMessage)).one()
    assert (welcome.state, welcome.attempts, welcome.respect_working_hours) == ("pending", 1, True)
    bot.tick(next_send_slot(welcome.due_at, WorkingHours(AMIRA.tz)))
    assert "Welcome to reverse mentoring" in bot.slack.dms_to(AMIRA.id)[0].text


def test_join_when_slack_refuses_the_dm_for_good_says_so_and_tells_the_lead(
    bot: BotHarness,
) -> None:
    bot.slack.fail("chat.postMessage", "messages_tab_disabled")

    bot.command(AMIRA.id, "join")

    assert "won't let me send you a DM" in bot.last_reply()
    bot.tick(next_send_slot(utcnow(), WorkingHours(LEAD.tz)))  # alerts, too, wait for work hours
    (alert,) = bot.slack.dms_to(LEAD.id)
    assert f"<@{AMIRA.id}>" in alert.text and "messages_tab_disabled" in alert.text


def test_join_when_users_info_fails_still_joins_and_answers_in_english(bot: BotHarness) -> None:
    bot.slack.fail("users.info", "user_not_visible")

    bot.command(LEA.id, "join")

    assert "You have joined" in bot.last_reply()
    with bot.sessions() as session:
        participant = session.exec(select(Participant)).one()
    assert (participant.slack_user_id, participant.timezone) == (LEA.id, "UTC")


def test_join_while_slack_rate_limits_says_the_dm_is_coming(bot: BotHarness) -> None:
    bot.slack.fail("conversations.open", "ratelimited", status=429, retry_after=30)

    bot.command(AMIRA.id, "join")

    assert "couldn't reach your DMs" in bot.last_reply()
    assert bot.slack.dms_to(AMIRA.id) == []
