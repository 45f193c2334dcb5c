"""Web API faults at each call site outside the outbox: modals (views.open, views.update), the
Home tab (views.publish), withdrawn buttons (chat.update), the lead check (users.info), digests
(conversations.open, chat.postMessage, files upload), the roster import (users.lookupByEmail,
users.list, auth.test) and start-up (auth.test). Whatever fails, the request is answered, state
stays as it was or is complete, the person who asked hears about it in a friendly way, and the
log names Slack's code alone. The shared helpers: tests/test_slack_faults.py."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import func
from sqlmodel import select

from bot import __main__ as entry
from bot.messages import t
from handlers.blocks import HOME_JOIN, SURVEY_START
from handlers.checkin_blocks import BUTTON_ACTIONS
from handlers.cohort_blocks import COHORT_SETTINGS
from handlers.home_blocks import HOME_PAUSE, HOME_RESUME
from handlers.match_blocks import INVITE_ACCEPT, INVITE_DECLINE, REVIEW_APPROVE
from handlers.reflection_blocks import REFLECT
from handlers.slack_failures import Verdict
from handlers.survey_views import EDIT_ABOUT
from handlers.wins_blocks import WIN_EDIT
from storage.checkins import Press
from storage.models import (
    Cohort,
    OutboxKind,
    OutboxMessage,
    Pair,
    PairState,
    Participant,
    ParticipantStatus,
    Reflection,
    Win,
    WinState,
)
from storage.programs import ensure_current_cohort
from tests.fakes.active_pairs import activate_pair, buttons, latest_with, next_check_in
from tests.fakes.bot_harness import BotHarness
from tests.fakes.faults import FAULT, FAULTS, Fault, assert_logged_safely
from tests.fakes.slack_api import BOT_TOKEN, Message, SlackStandIn
from tests.fakes.survey_answers import complete_survey
from tests.fakes.workspace import LEAD, PEOPLE
from tests.test_wins import add_wins

LEA, JONAS, AMIRA, BEN = PEOPLE[0], PEOPLE[1], PEOPLE[2], PEOPLE[3]
TUESDAY_10_LONDON = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
"""Inside everyone's working hours (08:30-16:30 London in the survey), so DMs go out at once."""
BERLIN = {"timezone": "Europe/Berlin", "work_start": "09:00", "work_end": "17:00"}
NEW_YORK = {"timezone": "America/New_York", "work_start": "09:00", "work_end": "17:00"}


@pytest.fixture(autouse=True)
def tuesday_morning() -> Iterator[object]:
    with freeze_time(TUESDAY_10_LONDON) as frozen:
        yield frozen


def private_note(bot: BotHarness, user_id: str) -> str:
    """The text of the latest note only the person sees in their DM with the bot (for a button
    in the Home tab or a modal, which has no message to answer under)."""
    call = bot.slack.calls_to("chat.postEphemeral")[-1]
    assert call.args["user"] == user_id
    return str(call.args["text"])


# -- views.open ------------------------------------------------------------------------------


def test_a_survey_that_cannot_open_is_explained_wherever_it_was_asked_for(
    fast_bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot = fast_bot
    bot.command(AMIRA.id, "join")
    sorry = t(AMIRA.locale, "survey.open_failed")
    for fault in FAULTS:
        fault.on(bot.slack, "views.open")
        bot.click(AMIRA.id, SURVEY_START, AMIRA.id)  # in the welcome DM
        assert bot.last_reply() == sorry, fault.name

        fault.on(bot.slack, "views.open")
        bot.click(AMIRA.id, SURVEY_START, AMIRA.id, container="view")  # in the Home tab
        assert private_note(bot, AMIRA.id) == sorry, fault.name

        fault.on(bot.slack, "views.open")
        bot.command(AMIRA.id, "profile")
        assert bot.last_reply() == sorry, fault.name
        assert_logged_safely(caplog, fault.logged)
    assert bot.slack.calls_to("views.open") == []


def test_a_cohort_form_that_cannot_open_asks_the_lead_to_try_again(
    fast_bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot = fast_bot
    sorry = t(LEAD.locale, "cohort_modal.retry")
    for fault in FAULTS:
        for command in ("cohort new", "cohort edit"):
            fault.on(bot.slack, "views.open")
            bot.command(LEAD.id, command)
            assert bot.last_reply() == sorry, (fault.name, command)

        fault.on(bot.slack, "views.open")
        bot.click(LEAD.id, COHORT_SETTINGS, container="view")
        assert private_note(bot, LEAD.id) == sorry, fault.name
        assert_logged_safely(caplog, fault.logged)
    with bot.sessions() as session:
        assert session.exec(select(func.count()).select_from(Cohort)).one() == 1


def test_a_win_edit_that_cannot_open_leaves_the_win_for_review(
    fast_bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot = fast_bot
    add_wins(bot, ["Automated three reports"], state=WinState.REVIEW)
    with bot.sessions() as session:
        win_id = session.exec(select(Win.id)).one()
    for fault in FAULTS:
        fault.on(bot.slack, "views.open")

        bot.click(LEAD.id, WIN_EDIT, str(win_id))

        assert bot.last_reply() == t(LEAD.locale, "reflection.retry"), fault.name
        assert_logged_safely(caplog, fault.logged)
    with bot.sessions() as session:
        assert session.exec(select(Win.state)).one() == WinState.REVIEW


def test_joining_closed_is_said_in_the_dm_when_the_notice_cannot_open(
    fast_bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot = fast_bot
    with bot.sessions() as session:
        cohort = ensure_current_cohort(session, bot.slack.team_id, TUESDAY_10_LONDON.date())
        cohort.open_for_joining = False
        session.add(cohort)
    for fault in FAULTS:
        fault.on(bot.slack, "views.open")

        bot.click(AMIRA.id, HOME_JOIN, container="view")

        assert private_note(bot, AMIRA.id) == t(AMIRA.locale, "join.closed"), fault.name
        assert_logged_safely(caplog, fault.logged)
    with bot.sessions() as session:
        assert session.exec(select(Participant)).all() == []


@pytest.fixture
def nudged(fast_bot: BotHarness, tuesday_morning: object) -> Message:
    """Ben (junior, New York) and Jonas (leader, Berlin) got their first nudge."""
    tuesday_morning.move_to(TUESDAY_10_LONDON + timedelta(hours=4))  # type: ignore[attr-defined]
    channel = activate_pair(
        fast_bot, BEN.id, JONAS.id, junior_meeting=NEW_YORK, leader_meeting=BERLIN
    )
    due = next_check_in(fast_bot)
    tuesday_morning.move_to(due)  # type: ignore[attr-defined]
    fast_bot.tick(due)
    met = BUTTON_ACTIONS[Press.MET]
    return latest_with([m for m in fast_bot.slack.messages if m.channel == channel], met)


def test_a_reflection_that_cannot_open_comes_as_a_dm_or_a_note_to_try_again(
    fast_bot: BotHarness, nudged: Message, caplog: pytest.LogCaptureFixture
) -> None:
    bot, met = fast_bot, BUTTON_ACTIONS[Press.MET]
    FAULT["http_503"].on(bot.slack, "views.open")

    bot.click(BEN.id, met, buttons(nudged)[met])  # We met: the modal fails, a DM instead

    prompt = latest_with(bot.slack.dms_to(BEN.id), REFLECT)
    with bot.sessions() as session:
        assert len(session.exec(select(Reflection)).all()) == 2  # asked of both partners
    for fault in FAULTS:
        fault.on(bot.slack, "views.open")

        bot.click(BEN.id, REFLECT, buttons(prompt)[REFLECT])

        assert bot.last_reply() == t(BEN.locale, "reflection.retry"), fault.name
        assert_logged_safely(caplog, fault.logged)
    bot.click(BEN.id, REFLECT, buttons(prompt)[REFLECT])
    assert bot.slack.calls_to("views.open"), "a press once Slack is back opens it"


# -- views.publish and views.update -----------------------------------------------------------


def test_a_home_tab_that_cannot_be_published_changes_nothing_but_the_pause(
    fast_bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot = fast_bot
    bot.command(AMIRA.id, "join")
    published = len(bot.slack.calls_to("views.publish"))
    for n, fault in enumerate(FAULTS):
        fault.on(bot.slack, "views.publish")
        assert bot.open_home(AMIRA.id).status == 200
        assert_logged_safely(caplog, fault.logged)

        pausing = n % 2 == 0
        fault.on(bot.slack, "views.publish")
        bot.click(AMIRA.id, HOME_PAUSE if pausing else HOME_RESUME, AMIRA.id, container="view")

        with bot.sessions() as session:
            participant = session.exec(select(Participant)).one()
        assert (participant.status == ParticipantStatus.PAUSED) == pausing, fault.name
    assert len(bot.slack.calls_to("views.publish")) == published


def test_a_profile_step_that_cannot_open_for_editing_is_explained(
    fast_bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot = fast_bot
    complete_survey(bot, AMIRA.id)
    for fault in FAULTS:
        fault.on(bot.slack, "views.update")

        bot.click(AMIRA.id, EDIT_ABOUT, AMIRA.id, container="modal")

        assert private_note(bot, AMIRA.id) == t(AMIRA.locale, "survey.open_failed"), fault.name
        assert_logged_safely(caplog, fault.logged)
    assert bot.slack.calls_to("views.update") == []


# -- chat.update ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fault", [FAULT["http_429"], FAULT["timeout"], FAULT["not_json"]], ids=lambda f: f.name
)
def test_buttons_that_cannot_be_withdrawn_stay_harmless(
    fast_bot: BotHarness, fault: Fault, caplog: pytest.LogCaptureFixture
) -> None:
    bot = fast_bot
    complete_survey(bot, AMIRA.id)
    complete_survey(bot, JONAS.id, leader=True)
    bot.command(LEAD.id, "match")
    review = latest_with(bot.slack.dms_to(LEAD.id), REVIEW_APPROVE)
    bot.click(LEAD.id, REVIEW_APPROVE, buttons(review)[REVIEW_APPROVE])
    amira_invite = latest_with(bot.slack.dms_to(AMIRA.id), INVITE_ACCEPT)
    jonas_invite = latest_with(bot.slack.dms_to(JONAS.id), INVITE_DECLINE)
    fault.on(bot.slack, "chat.update")

    bot.click(JONAS.id, INVITE_DECLINE, buttons(jonas_invite)[INVITE_DECLINE])

    assert bot.last_reply() == t(JONAS.locale, "invite.declined", partner=AMIRA.id)
    assert bot.slack.dms_to(AMIRA.id)[-1].text == t(
        AMIRA.locale, "pair.fell_through", partner=JONAS.id
    )
    assert buttons(amira_invite), "the buttons stayed"
    assert_logged_safely(caplog, fault.logged)
    bot.click(AMIRA.id, INVITE_ACCEPT, buttons(amira_invite)[INVITE_ACCEPT])
    assert bot.slack.responses[-2].body["text"] == t(AMIRA.locale, "invite.already")
    with bot.sessions() as session:
        assert session.exec(select(Pair.state)).one() == PairState.DECLINED


# -- users.info for a new lead -----------------------------------------------------------------


def test_a_lead_slack_cannot_check_is_not_added_and_the_lead_is_asked_to_try_again(
    fast_bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot = fast_bot
    for fault in FAULTS:
        fault.on(bot.slack, "users.info", times=2)  # Maria's language too: English then

        bot.command(LEAD.id, f"lead add <@{AMIRA.id}>")

        expected = t(None, "leads.check_failed", user=AMIRA.id, error=fault.logged)
        assert bot.last_reply() == expected, fault.name
        assert_logged_safely(caplog, fault.logged)
    assert not bot.services.leads.includes(bot.slack.team_id, AMIRA.id)
    bot.command(LEAD.id, f"lead add <@{AMIRA.id}>")
    assert bot.services.leads.includes(bot.slack.team_id, AMIRA.id)


# -- digests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["conversations.open", "chat.postMessage"])
def test_a_digest_that_cannot_reach_the_lead_says_so_where_it_was_asked_for(
    fast_bot: BotHarness, method: str, caplog: pytest.LogCaptureFixture
) -> None:
    bot = fast_bot
    bot.command(LEA.id, "join")
    for fault in FAULTS:
        fault.on(bot.slack, method)

        bot.command(LEAD.id, "digest")

        failed = t(LEAD.locale, "digest.failed", cohort=_cohort_name(bot), error=fault.logged)
        replies = [post.body["text"] for post in bot.slack.responses[-2:]]  # and "on its way"
        assert failed in replies, fault.name
        assert_logged_safely(caplog, fault.logged)
    assert bot.slack.files == []


@pytest.mark.parametrize(
    ("method", "faults"),
    [
        ("files.getUploadURLExternal", FAULTS),
        ("files.completeUploadExternal", (FAULT["http_503"],)),
    ],
)
def test_digest_files_that_cannot_be_attached_leave_the_figures_and_a_note(
    fast_bot: BotHarness,
    method: str,
    faults: tuple[Fault, ...],
    caplog: pytest.LogCaptureFixture,
) -> None:
    bot = fast_bot
    bot.command(LEA.id, "join")
    for fault in faults:
        fault.on(bot.slack, method)

        bot.command(LEAD.id, "digest")

        title, note = (message.text for message in bot.slack.dms_to(LEAD.id)[-2:])
        assert title == t(LEAD.locale, "digest.title", cohort=_cohort_name(bot)), fault.name
        assert note == t(LEAD.locale, "digest.files_failed", error=fault.logged), fault.name
        assert_logged_safely(caplog, fault.logged)
    assert bot.slack.files == []


def _cohort_name(bot: BotHarness) -> str:
    with bot.sessions() as session:
        return str(session.exec(select(Cohort.name)).one())


FIRST_MONDAY_9_BERLIN = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "fault",
    [FAULT["http_503"], FAULT["timeout"], FAULT["channel_not_found"]],
    ids=lambda f: f.name,
)
def test_a_scheduled_digest_that_cannot_reach_a_lead_sends_a_note_through_the_outbox(
    fast_bot: BotHarness, fault: Fault, tuesday_morning: object
) -> None:
    bot = fast_bot
    for setting in ("timezone Europe/Berlin", "starts 2026-11-03", "digest-every monthly"):
        bot.command(LEAD.id, f"cohort set {setting}")
    tuesday_morning.move_to(FIRST_MONDAY_9_BERLIN)  # type: ignore[attr-defined]
    fault.on(bot.slack, "chat.postMessage")

    bot.tick(FIRST_MONDAY_9_BERLIN)

    with bot.sessions() as session:
        (note,) = session.exec(
            select(OutboxMessage).where(OutboxMessage.kind == OutboxKind.LEAD_ALERT)
        ).all()
    expected = t(
        LEAD.locale, "digest.scheduled_failed", cohort=_cohort_name(bot), error=fault.logged
    )
    assert (note.recipient_user_id, note.text, note.state) == (LEAD.id, expected, "sent")
    assert [m.text for m in bot.slack.dms_to(LEAD.id)] == [expected]


# -- auth.test at start-up --------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["serve", "--workers", "1"]], ids=["run", "serve"])
def test_start_up_tells_a_rejected_token_from_a_slack_that_could_not_answer(
    slack: SlackStandIn,
    bot_environment: None,
    command: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    for fault in FAULTS:
        if fault.name == "timeout":
            continue  # the bot's client waits 15 s; a timeout is "Slack cannot be reached"
        fault.on(slack, "auth.test")

        code = entry.main(command)

        line = capsys.readouterr().err.strip()
        if fault.verdict == Verdict.RETRY or fault.code == "ratelimited":
            expected = f"mentoring-bot: Slack answered auth.test with {fault.logged}: it may be"
        else:
            expected = "mentoring-bot: SLACK_BOT_TOKEN was rejected by Slack"
        assert (code, line.startswith(expected)) == (2, True), (fault.name, line)
        assert BOT_TOKEN not in line and "upstream said hello" not in line
