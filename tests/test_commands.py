"""`/mentoring status`, `pause`, `resume`, `leave` and `help`, through Bolt's real pipeline."""

from datetime import UTC, datetime

import pytest
from freezegun import freeze_time
from sqlmodel import select

from handlers.blocks import LEAVE_CANCEL, LEAVE_CONFIRM, LEAVE_ERASE, SURVEY_START
from storage import participants
from storage.models import Participant
from tests.fakes.bot_harness import BotHarness
from tests.fakes.workspace import PEOPLE

LEA, AMIRA, BEN = PEOPLE[0], PEOPLE[2], PEOPLE[3]


def _participant(bot: BotHarness, user_id: str) -> Participant:
    with bot.sessions() as session:
        return session.exec(select(Participant).where(Participant.slack_user_id == user_id)).one()


def test_status_before_joining_invites_to_join(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "status")

    assert "haven't joined the program yet" in bot.last_reply()


def test_status_after_joining_shows_survey_pair_and_checkin(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")
    bot.command(AMIRA.id, "status")

    reply = bot.last_reply()
    assert "You're part of *Reverse mentoring" in reply
    assert "Survey: not done yet" in reply
    assert "Pair: not matched yet" in reply
    assert "Next check-in: none scheduled yet" in reply
    assert "Matching and nudges: on" in reply


@freeze_time("2026-11-21 10:00:00")
def test_pause_until_a_date_pauses_until_that_day_in_my_timezone(bot: BotHarness) -> None:
    bot.command(LEA.id, "join")
    bot.command(LEA.id, "pause until 2026-12-24")

    assert "ab 24.12.2026 bist du wieder dabei" in bot.last_reply()
    participant = _participant(bot, LEA.id)
    assert participant.status == "paused"
    assert participant.paused_until == datetime(2026, 12, 23, 23, 0, tzinfo=UTC)  # Berlin midnight
    bot.command(LEA.id, "status")
    assert "pausiert, ab 24.12.2026 wieder an" in bot.last_reply()


def test_pause_ends_by_itself_on_the_date(bot: BotHarness) -> None:
    with freeze_time("2026-11-21 10:00:00"):
        bot.command(AMIRA.id, "join")
        bot.command(AMIRA.id, "pause until 2026-11-25")
    with freeze_time("2026-11-25 08:00:00"):
        bot.command(AMIRA.id, "status")

    assert "Matching and nudges: on" in bot.last_reply()


def test_open_ended_pause_and_resume(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")
    bot.command(AMIRA.id, "pause")
    assert "until you type `/mentoring resume`" in bot.last_reply()
    assert _participant(bot, AMIRA.id).status == "paused"

    bot.command(AMIRA.id, "resume")

    assert "Welcome back" in bot.last_reply()
    participant = _participant(bot, AMIRA.id)
    assert (participant.status, participant.paused_until) == ("active", None)


def test_resume_when_not_paused_says_so(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")
    bot.command(AMIRA.id, "resume")

    assert "not paused" in bot.last_reply()


@pytest.mark.parametrize(
    ("argument", "answer"),
    [
        ("until tomorrow", "couldn't read that date"),
        ("until 2026-02-30", "couldn't read that date"),
        ("until 2026-11-21", "isn't in the future"),
        ("until 2020-01-01", "isn't in the future"),
        ("until 2030-01-01", "up to a year"),
        ("until 2026-12-24 and more", "couldn't read that date"),
    ],
)
@freeze_time("2026-11-21 10:00:00")
def test_pause_with_a_bad_date_explains_and_changes_nothing(
    bot: BotHarness, argument: str, answer: str
) -> None:
    bot.command(AMIRA.id, "join")
    bot.command(AMIRA.id, f"pause {argument}")

    assert answer in bot.last_reply()
    assert _participant(bot, AMIRA.id).status == "active"


@pytest.mark.parametrize("subcommand", ["pause", "resume", "leave"])
def test_participant_subcommands_before_joining_invite_to_join(
    bot: BotHarness, subcommand: str
) -> None:
    bot.command(AMIRA.id, subcommand)

    assert "haven't joined the program" in bot.last_reply()


def test_leave_asks_for_confirmation_with_buttons(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")
    bot.command(AMIRA.id, "leave")

    reply = bot.slack.responses[-1].body
    assert "really want to leave" in reply["text"]
    buttons = [e for b in reply["blocks"] for e in b.get("elements", [])]
    assert [(b["action_id"], b["value"]) for b in buttons] == [
        (LEAVE_CONFIRM, AMIRA.id),
        (LEAVE_ERASE, AMIRA.id),
        (LEAVE_CANCEL, AMIRA.id),
    ]
    assert [b["text"]["text"] for b in buttons][1] == "Leave and delete my data"
    dialog = buttons[1]["confirm"]
    assert dialog["title"]["text"] == "Delete your data?" and dialog["style"] == "danger"
    assert "This cannot be undone." in dialog["text"]["text"]
    assert "confirm" not in buttons[0] and "confirm" not in buttons[2]
    assert _participant(bot, AMIRA.id).status == "active"


def test_confirming_leave_leaves_and_replaces_the_question(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")
    bot.command(AMIRA.id, "leave")
    bot.click(AMIRA.id, LEAVE_CONFIRM, value=AMIRA.id)

    reply = bot.slack.responses[-1].body
    assert reply["replace_original"] is True
    assert "You've left the program" in reply["text"]
    participant = _participant(bot, AMIRA.id)
    assert participant.status == "left" and participant.left_at is not None
    bot.command(AMIRA.id, "status")
    assert "You left" in bot.last_reply()


def test_cancelling_leave_keeps_me_in(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")
    bot.click(AMIRA.id, LEAVE_CANCEL, value=AMIRA.id)

    assert "Nothing has changed" in bot.last_reply()
    assert _participant(bot, AMIRA.id).status == "active"


@pytest.mark.parametrize("button", [LEAVE_CONFIRM, LEAVE_ERASE, LEAVE_CANCEL, SURVEY_START])
def test_a_button_pressed_by_someone_else_is_refused(bot: BotHarness, button: str) -> None:
    bot.command(AMIRA.id, "join")
    bot.command(BEN.id, "join")
    responses_before = len(bot.slack.responses)

    bot.click(BEN.id, button, value=AMIRA.id)

    (reply,) = [post.body for post in bot.slack.responses[responses_before:]]
    assert reply["response_type"] == "ephemeral" and reply["replace_original"] is False
    assert "belongs to someone else" in reply["text"]
    assert _participant(bot, AMIRA.id).status == "active"
    assert _participant(bot, BEN.id).status == "active"


def test_rejoining_after_leaving_welcomes_me_back(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")
    bot.click(AMIRA.id, LEAVE_CONFIRM, value=AMIRA.id)
    bot.command(AMIRA.id, "join")

    assert "You have joined" in bot.last_reply()
    assert _participant(bot, AMIRA.id).status == "active"
    assert len(bot.slack.dms_to(AMIRA.id)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "help",
        "HELP",
        "dance",
        "x" * 5000,
        "<!channel> <@U0LEA> <https://evil.example|click>",
        "ünïcödé 🎉 日本語",
        "'\"; DROP TABLE participant; --",
        "`backticks` *bold* _it_",
    ],
)
def test_help_and_any_unknown_text_get_the_help_never_an_error(bot: BotHarness, text: str) -> None:
    response = bot.command(AMIRA.id, text)

    assert response.status == 200
    reply = bot.slack.responses[-1].body
    assert reply["response_type"] == "ephemeral"
    assert "`/mentoring join`" in reply["text"]
    assert "<!channel>" not in reply["text"] and "<@" not in reply["text"]


def test_help_is_in_german_for_a_german_locale(bot: BotHarness) -> None:
    bot.command(LEA.id, "help")

    assert "das kannst du tun" in bot.last_reply()


def test_an_unexpected_failure_gets_an_apology_not_a_traceback(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database exploded")

    monkeypatch.setattr("storage.participants.current_membership", broken)

    response = bot.command(AMIRA.id, "status")

    assert response.status == 200
    assert "something went wrong on my side" in bot.last_reply()
    assert "exploded" not in bot.last_reply()


@pytest.mark.parametrize("leaves", [True, False])
def test_after_leaving_nothing_still_queued_reaches_me(bot: BotHarness, leaves: bool) -> None:
    with freeze_time("2026-11-24 10:00:00"):  # a Tuesday morning in London
        bot.slack.fail("chat.postMessage", "internal_error", status=500)
        bot.command(AMIRA.id, "join")  # the welcome DM waits in the outbox for a retry
        if leaves:
            bot.click(AMIRA.id, LEAVE_CONFIRM, value=AMIRA.id)

    assert bot.tick(datetime(2026, 11, 24, 11, 0, tzinfo=UTC)).sent == (0 if leaves else 1)
    assert len(bot.slack.dms_to(AMIRA.id)) == (0 if leaves else 1)


def test_pausing_after_leaving_does_not_bring_me_back(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")
    with bot.sessions() as session:
        stale = participants.current_membership(session, bot.slack.team_id, AMIRA.id)
    bot.click(AMIRA.id, LEAVE_CONFIRM, value=AMIRA.id)  # leaves between the read and the write
    assert stale is not None

    with bot.sessions() as session:
        assert participants.pause(session, stale, None) is False

    assert _participant(bot, AMIRA.id).status == "left"
