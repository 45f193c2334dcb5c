"""Web API faults in the helpers every call site shares: how a fault is classified and named,
the outbox (conversations.open and chat.postMessage for every scheduled message), a send that
answers the person's own request at once, the profile look-up (users.info) and private notes
(chat.postEphemeral). Each fault of `tests.fakes.faults.FAULTS`: a 429 with Retry-After, a 5xx,
a timeout, `ratelimited`, `channel_not_found`, `not_in_channel`, `account_inactive` and a body
that is not JSON. Per call site: tests/test_call_site_faults.py."""

import logging
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse
from sqlmodel import select

from bot.messages import t
from handlers.home_blocks import HOME_PAUSE
from handlers.slack_failures import Verdict, backoff, classify, describe
from storage import outbox, participants
from storage.models import Cohort, OutboxKind, OutboxMessage, OutboxState
from tests.fakes.bot_harness import BotHarness
from tests.fakes.faults import (
    CLIENT_TIMEOUT,
    FAULT_IDS,
    FAULTS,
    PROXY_PAGE,
    SECRET_TEXT,
    Fault,
    assert_logged_safely,
)
from tests.fakes.slack_api import BOT_TOKEN, RESPONSE_URL, SlackStandIn
from tests.fakes.workspace import LEAD, PEOPLE

LEA, AMIRA = PEOPLE[0], PEOPLE[2]
TUESDAY_NOON_UTC = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # working hours in Berlin and London


def test_each_fault_is_classified_and_named_by_its_code_alone(slack: SlackStandIn) -> None:
    client = WebClient(
        token=BOT_TOKEN, base_url=slack.api_url, timeout=CLIENT_TIMEOUT, retry_handlers=[]
    )
    for fault in FAULTS:
        fault.on(slack, "users.info")
        with pytest.raises(Exception) as raised:
            client.users_info(user=AMIRA.id)

        failure = classify(raised.value)
        assert (failure.error, failure.verdict) == (fault.code, fault.verdict), fault.name
        assert describe(raised.value) == fault.logged, fault.name


def test_a_rate_limit_waits_as_long_as_retry_after_says(slack: SlackStandIn) -> None:
    client = WebClient(token=BOT_TOKEN, base_url=slack.api_url, retry_handlers=[])
    waits = []
    for retry_after in (30, None):
        slack.fail("users.info", "ratelimited", status=429, retry_after=retry_after)
        with pytest.raises(Exception) as raised:
            client.users_info(user=AMIRA.id)
        waits.append(classify(raised.value).wait)

    assert waits == [timedelta(seconds=30), timedelta(minutes=1)]
    as_a_date = SlackResponse(
        client=client,
        http_verb="POST",
        api_url="users.info",
        req_args={},
        data={"ok": False, "error": "ratelimited"},
        headers={"Retry-After": "Wed, 25 Nov 2026 07:28:00 GMT"},
        status_code=429,
    )
    assert classify(SlackApiError("limited", as_a_date)).wait == timedelta(minutes=1)


# -- the outbox: every scheduled message ---------------------------------------------------


def _join(bot: BotHarness, user_id: str, timezone: str) -> None:
    joined = TUESDAY_NOON_UTC - timedelta(days=30)
    with bot.sessions() as session:
        membership, _ = participants.join(
            session, bot.slack.team_id, user_id, now=joined, locale="en-GB", timezone=timezone
        )
        membership.participant.survey_completed_at = joined
        session.add(membership.participant)


def _row(bot: BotHarness, message_id: int) -> OutboxMessage:
    with bot.sessions() as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None
        return row


def _tick(bot: BotHarness, when: datetime) -> None:
    with freeze_time(when):
        bot.tick(when)


@pytest.fixture
def welcome(fast_bot: BotHarness) -> int:
    """Amira's welcome DM, due now."""
    _join(fast_bot, AMIRA.id, AMIRA.tz)
    with fast_bot.sessions() as session:
        message = outbox.enqueue(
            session,
            team_id=fast_bot.slack.team_id,
            kind=OutboxKind.WELCOME,
            text=SECRET_TEXT,
            due_at=TUESDAY_NOON_UTC,
            recipient_user_id=AMIRA.id,
        )
    assert message.id is not None
    return message.id


@pytest.mark.parametrize("method", ["conversations.open", "chat.postMessage"])
@pytest.mark.parametrize("fault", FAULTS, ids=FAULT_IDS)
def test_a_scheduled_message_is_retried_held_or_put_before_the_lead(
    fast_bot: BotHarness,
    welcome: int,
    method: str,
    fault: Fault,
    caplog: pytest.LogCaptureFixture,
) -> None:
    bot, now = fast_bot, TUESDAY_NOON_UTC
    fault.on(bot.slack, method)

    _tick(bot, now)

    row = _row(bot, welcome)
    if fault.verdict == Verdict.GIVE_UP:
        assert (row.state, row.attempts, row.last_error) == (OutboxState.FAILED, 1, fault.code)
        _tick(bot, now + timedelta(minutes=1))  # the lead's alert goes out with the next tick
        (alert,) = bot.slack.dms_to(LEAD.id)
        assert f"<@{AMIRA.id}>" in alert.text and fault.code in alert.text
        assert SECRET_TEXT not in alert.text
    else:
        counted = fault.verdict == Verdict.RETRY  # a halt is not the message's fault
        wait = {
            "http_429": timedelta(seconds=30),
            "ratelimited": timedelta(minutes=1),
            "account_inactive": timedelta(minutes=15),
        }.get(fault.name, backoff(0))
        assert (row.state, row.attempts, row.due_at) == (OutboxState.PENDING, counted, now + wait)
        assert row.last_error == (fault.code if counted else None)
        _tick(bot, now + wait - timedelta(seconds=1))
        assert bot.slack.dms_to(AMIRA.id) == []
        _tick(bot, now + wait)
        assert [dm.text for dm in bot.slack.dms_to(AMIRA.id)] == [SECRET_TEXT]
        assert _row(bot, welcome).state == OutboxState.SENT
        assert bot.slack.dms_to(LEAD.id) == []
    assert_logged_safely(caplog, fault.code)


# -- a send that answers the person's own request at once ------------------------------------


def test_joining_says_whether_the_welcome_dm_will_come_or_cannot_come(
    fast_bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot = fast_bot
    for fault, person in zip(FAULTS, PEOPLE[1:], strict=False):
        fault.on(bot.slack, "chat.postMessage")

        response = bot.command(person.id, "join")

        gave_up = fault.verdict == Verdict.GIVE_UP
        with bot.sessions() as session:
            (welcome,) = session.exec(
                select(OutboxMessage).where(OutboxMessage.recipient_user_id == person.id)
            ).all()
            cohort = session.exec(select(Cohort.name)).one()
        key = "join.welcome_failed" if gave_up else "join.welcome_retrying"
        assert (response.status, bot.last_reply()) == (
            200,
            t(person.locale, key, cohort=cohort),
        ), fault.name
        assert welcome.state == (OutboxState.FAILED if gave_up else OutboxState.PENDING)
        assert bot.slack.dms_to(person.id) == [], fault.name
        assert fault.code in caplog.text, fault.name


# -- answers through a request's response_url ------------------------------------------------

RESPONSE_URL_FAULTS = [
    ("expired_url", {"status": 404}, "HTTP 404 expired_url"),
    ("internal_error", {"status": 500}, "HTTP 500 internal_error"),
    ("bad_gateway", {"status": 502, "raw_body": PROXY_PAGE}, "HTTP 502"),
    ("timeout", {"delay": CLIENT_TIMEOUT * 3}, "TimeoutError"),
]


def test_a_failed_answer_is_logged_by_its_status_and_the_rest_of_the_request_happens(
    fast_bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot = fast_bot
    for (error, how, logged), person in zip(RESPONSE_URL_FAULTS, PEOPLE, strict=False):
        bot.slack.fail(RESPONSE_URL, error, **how)  # type: ignore[arg-type]
        caplog.clear()

        response = bot.command(person.id, "join")

        assert response.status == 200
        assert person.id in bot.slack.home_views, "the Home tab is refreshed after the answer"
        assert bot.slack.dms_to(person.id), "and the welcome DM sent"
        warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
        assert any("response_url" in line and logged in line for line in warnings), warnings
        assert "/respond/" not in caplog.text and "upstream said hello" not in caplog.text
    assert bot.slack.responses == []


# -- what Slack knows about a person (users.info) --------------------------------------------


def test_without_the_persons_slack_profile_the_bot_answers_in_english(
    fast_bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot = fast_bot
    bot.command(LEA.id, "help")
    assert bot.last_reply().startswith("*Reverse Mentoring: das kannst du tun*")
    for fault in FAULTS:
        fault.on(bot.slack, "users.info")

        response = bot.command(LEA.id, "help")

        assert response.status == 200, fault.name
        assert bot.last_reply() == t("en", "help.text"), fault.name
        assert_logged_safely(caplog, fault.logged)


# -- private notes where no message can be answered (chat.postEphemeral) ---------------------


@pytest.mark.parametrize("method", ["conversations.open", "chat.postEphemeral"])
def test_a_private_note_that_fails_is_logged_and_changes_nothing(
    fast_bot: BotHarness, method: str, caplog: pytest.LogCaptureFixture
) -> None:
    bot = fast_bot
    bot.command(AMIRA.id, "join")
    for fault in FAULTS:
        fault.on(bot.slack, method)
        caplog.clear()

        response = bot.click(LEA.id, HOME_PAUSE, AMIRA.id, container="view")  # not hers

        assert response.status == 200, fault.name
        assert_logged_safely(caplog, fault.logged)
        with bot.sessions() as session:
            membership = participants.current_membership(session, bot.slack.team_id, AMIRA.id)
            assert membership is not None and not membership.is_paused(datetime.now(UTC))
    assert bot.slack.calls_to("chat.postEphemeral") == []
