"""The outbox: scheduled sends survive restarts, are never doubled, respect working hours and
retry with back-off. freezegun sets the clock for each tick; nothing sleeps.
"""

import threading
from datetime import UTC, datetime, timedelta

from freezegun import freeze_time
from sqlalchemy import Engine
from sqlmodel import select

from handlers.delivery import MAX_ATTEMPTS, DeliveryReport
from storage import outbox, participants
from storage.db import make_engine
from storage.models import OutboxKind, OutboxMessage
from storage.outbox import CLAIM_LEASE
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import SlackStandIn
from tests.fakes.workspace import LEAD, PEOPLE

LEA, AMIRA, BEN = PEOPLE[0], PEOPLE[2], PEOPLE[3]
TUESDAY_NOON_UTC = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # 13:00 in Berlin, 12:00 in London


def _tick_at(bot: BotHarness, when: datetime) -> DeliveryReport:
    """One scheduler tick with the clock frozen at `when`."""
    with freeze_time(when):
        return bot.tick()


def _join(bot: BotHarness, user_id: str, timezone: str) -> None:
    """A participant who joined a month ago and has finished the survey (so gets no reminder)."""
    joined = TUESDAY_NOON_UTC - timedelta(days=30)
    with bot.sessions() as session:
        membership, _ = participants.join(
            session, bot.slack.team_id, user_id, now=joined, locale="en-US", timezone=timezone
        )
        membership.participant.survey_completed_at = joined
        session.add(membership.participant)


def _schedule(bot: BotHarness, user_id: str, due_at: datetime, text: str = "nudge") -> int:
    with bot.sessions() as session:
        message = outbox.enqueue(
            session,
            team_id=bot.slack.team_id,
            kind=OutboxKind.WELCOME,
            text=text,
            due_at=due_at,
            recipient_user_id=user_id,
        )
        assert message.id is not None
        return message.id


def _row(bot: BotHarness, message_id: int) -> OutboxMessage:
    with bot.sessions() as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None
        return row


def test_a_message_is_sent_when_due_and_not_before(bot: BotHarness) -> None:
    _join(bot, AMIRA.id, AMIRA.tz)
    message_id = _schedule(bot, AMIRA.id, TUESDAY_NOON_UTC)

    assert _tick_at(bot, TUESDAY_NOON_UTC - timedelta(minutes=1)).sent == 0
    assert bot.slack.dms_to(AMIRA.id) == []

    assert _tick_at(bot, TUESDAY_NOON_UTC).sent == 1
    (dm,) = bot.slack.dms_to(AMIRA.id)
    row = _row(bot, message_id)
    assert (row.state, row.message_ts, row.sent_at) == ("sent", dm.ts, TUESDAY_NOON_UTC)
    assert _tick_at(bot, TUESDAY_NOON_UTC + timedelta(minutes=1)).sent == 0


def test_a_message_due_at_night_waits_for_working_hours(bot: BotHarness) -> None:
    _join(bot, LEA.id, LEA.tz)
    night = datetime(2026, 11, 24, 22, 30, tzinfo=UTC)  # 23:30 in Berlin
    message_id = _schedule(bot, LEA.id, night)

    report = _tick_at(bot, night)

    assert (report.sent, report.postponed) == (0, 1)
    assert _row(bot, message_id).due_at == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    assert _tick_at(bot, datetime(2026, 11, 25, 7, 59, tzinfo=UTC)).sent == 0
    assert _tick_at(bot, datetime(2026, 11, 25, 8, 0, tzinfo=UTC)).sent == 1


def test_after_a_week_of_downtime_an_overdue_message_goes_once_at_the_next_slot(
    bot: BotHarness,
) -> None:
    _join(bot, LEA.id, LEA.tz)
    _schedule(bot, LEA.id, datetime(2026, 11, 13, 10, 0, tzinfo=UTC))
    back_up = datetime(2026, 11, 21, 23, 0, tzinfo=UTC)  # Sunday 00:00 in Berlin

    minute = back_up
    sent = 0
    while minute < datetime(2026, 11, 23, 9, 0, tzinfo=UTC):  # every 10 minutes until Monday
        sent += _tick_at(bot, minute).sent
        minute += timedelta(minutes=10)

    (dm,) = bot.slack.dms_to(LEA.id)
    assert sent == 1 and dm.text == "nudge"


def test_a_new_process_sends_what_was_due(slack: SlackStandIn, engine: Engine) -> None:
    first = BotHarness(slack, engine)
    _join(first, AMIRA.id, AMIRA.tz)
    _schedule(first, AMIRA.id, TUESDAY_NOON_UTC)
    del first  # the process stops before the message is due

    restarted = BotHarness(slack, make_engine(engine.url.render_as_string(hide_password=False)))

    assert _tick_at(restarted, TUESDAY_NOON_UTC).sent == 1
    assert len(slack.dms_to(AMIRA.id)) == 1


def test_a_claim_left_by_a_dead_process_is_taken_over_after_the_lease(bot: BotHarness) -> None:
    _join(bot, AMIRA.id, AMIRA.tz)
    message_id = _schedule(bot, AMIRA.id, TUESDAY_NOON_UTC)
    with bot.sessions() as session:
        assert [m.id for m in outbox.claim_due(session, TUESDAY_NOON_UTC)] == [message_id]
    # the claiming process dies here, before sending

    assert _tick_at(bot, TUESDAY_NOON_UTC + CLAIM_LEASE - timedelta(seconds=1)).sent == 0
    assert _tick_at(bot, TUESDAY_NOON_UTC + CLAIM_LEASE + timedelta(seconds=1)).sent == 1
    assert _row(bot, message_id).state == "sent"


def test_a_worker_whose_claim_lapsed_cannot_overwrite_the_new_owners_result(
    bot: BotHarness,
) -> None:
    _join(bot, AMIRA.id, AMIRA.tz)
    message_id = _schedule(bot, AMIRA.id, TUESDAY_NOON_UTC)
    with bot.sessions() as session:
        (stale,) = outbox.claim_due(session, TUESDAY_NOON_UTC)  # a slow worker's claim
    assert _tick_at(bot, TUESDAY_NOON_UTC + CLAIM_LEASE + timedelta(minutes=1)).sent == 1

    with bot.sessions() as session:  # the slow worker finally fails and tries to retry later
        kept = outbox.postpone(session, stale, TUESDAY_NOON_UTC + timedelta(hours=1), error="x")

    assert kept is False
    with bot.sessions() as session:  # nor may it send: its claim cannot be renewed
        assert outbox.renew_claim(session, stale, TUESDAY_NOON_UTC + CLAIM_LEASE) is False
    row = _row(bot, message_id)
    assert (row.state, row.attempts) == ("sent", 0)
    assert len(bot.slack.dms_to(AMIRA.id)) == 1


def test_two_ticks_at_the_same_time_never_send_a_message_twice(
    slack: SlackStandIn, engine: Engine
) -> None:
    replicas = [BotHarness(slack, engine), BotHarness(slack, engine)]
    everyone = [(person.id, person.tz) for person in PEOPLE]
    for user_id, tz in everyone:
        _join(replicas[0], user_id, tz)
        for n in range(3):
            _schedule(replicas[0], user_id, TUESDAY_NOON_UTC - timedelta(days=1), f"m{n}")
    now = datetime(2026, 11, 24, 12, 30, tzinfo=UTC)
    start = threading.Barrier(2)
    reports = []

    def tick(replica: BotHarness) -> None:
        start.wait()
        reports.append(replica.services.delivery.deliver_due(replica.client, now))

    threads = [threading.Thread(target=tick, args=(r,)) for r in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for replica in replicas:  # catch up what working hours postponed, with plenty of ticks
        for hours in range(0, 24 * 3):
            _tick_at(replica, now + timedelta(hours=hours))

    texts = [(m.channel, m.text) for m in slack.messages]
    assert len(texts) == len(set(texts)) == 3 * len(everyone)


def test_a_failed_send_stays_due_and_is_retried_with_back_off(bot: BotHarness) -> None:
    _join(bot, AMIRA.id, AMIRA.tz)
    message_id = _schedule(bot, AMIRA.id, TUESDAY_NOON_UTC)
    bot.slack.fail("chat.postMessage", "internal_error", status=503)

    report = _tick_at(bot, TUESDAY_NOON_UTC)

    row = _row(bot, message_id)
    assert (report.retried, row.state, row.attempts, row.last_error) == (
        1,
        "pending",
        1,
        "internal_error",
    )
    assert row.due_at == TUESDAY_NOON_UTC + timedelta(minutes=1)
    assert _tick_at(bot, TUESDAY_NOON_UTC + timedelta(seconds=30)).sent == 0
    assert _tick_at(bot, TUESDAY_NOON_UTC + timedelta(minutes=1)).sent == 1


def test_back_off_doubles_with_each_failed_attempt(bot: BotHarness) -> None:
    _join(bot, AMIRA.id, AMIRA.tz)
    message_id = _schedule(bot, AMIRA.id, TUESDAY_NOON_UTC)
    bot.slack.fail("chat.postMessage", "fatal_error", status=500, times=3)

    now = TUESDAY_NOON_UTC
    waits = []
    for _ in range(3):
        _tick_at(bot, now)
        due = _row(bot, message_id).due_at
        waits.append(due - now)
        now = due

    assert waits == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert _tick_at(bot, now).sent == 1


def test_a_rate_limited_send_waits_for_retry_after(bot: BotHarness) -> None:
    _join(bot, AMIRA.id, AMIRA.tz)
    message_id = _schedule(bot, AMIRA.id, TUESDAY_NOON_UTC)
    bot.slack.fail("chat.postMessage", "ratelimited", status=429, retry_after=30)

    _tick_at(bot, TUESDAY_NOON_UTC)

    row = _row(bot, message_id)
    assert (row.state, row.attempts) == ("pending", 0)  # a rate limit is not the message's fault
    assert row.due_at == TUESDAY_NOON_UTC + timedelta(seconds=30)


def test_a_permanent_failure_is_not_retried_and_the_lead_is_told(bot: BotHarness) -> None:
    _join(bot, AMIRA.id, AMIRA.tz)
    message_id = _schedule(bot, AMIRA.id, TUESDAY_NOON_UTC)
    bot.slack.fail("conversations.open", "user_disabled")

    report = _tick_at(bot, TUESDAY_NOON_UTC)
    _tick_at(bot, TUESDAY_NOON_UTC)  # the lead alert goes out at once, working hours or not

    assert report.failed == 1
    row = _row(bot, message_id)
    assert (row.state, row.last_error) == ("failed", "user_disabled")
    (alert,) = bot.slack.dms_to(LEAD.id)
    assert f"<@{AMIRA.id}>" in alert.text and "user_disabled" in alert.text
    assert "die Willkommensnachricht nicht zustellen" in alert.text  # Maria reads German
    assert _tick_at(bot, TUESDAY_NOON_UTC + timedelta(hours=2)).sent == 0


def test_a_message_that_keeps_failing_is_given_up_after_the_last_attempt(bot: BotHarness) -> None:
    _join(bot, AMIRA.id, AMIRA.tz)
    message_id = _schedule(bot, AMIRA.id, TUESDAY_NOON_UTC)
    bot.slack.fail("chat.postMessage", "internal_error", status=500, times=MAX_ATTEMPTS)

    now = TUESDAY_NOON_UTC
    for _ in range(MAX_ATTEMPTS):
        _tick_at(bot, now)
        now = _row(bot, message_id).due_at

    row = _row(bot, message_id)
    assert (row.state, row.attempts) == ("failed", MAX_ATTEMPTS)
    with bot.sessions() as session:
        alerts = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "lead_alert"))
        assert [a.recipient_user_id for a in alerts] == [LEAD.id]


def test_invalid_json_from_slack_is_retried(bot: BotHarness) -> None:
    _join(bot, AMIRA.id, AMIRA.tz)
    message_id = _schedule(bot, AMIRA.id, TUESDAY_NOON_UTC)
    bot.slack.fail("chat.postMessage", status=200, raw_body="<html>gateway</html>")

    _tick_at(bot, TUESDAY_NOON_UTC)

    assert _row(bot, message_id).state == "pending"
    assert _tick_at(bot, TUESDAY_NOON_UTC + timedelta(hours=1)).sent == 1


def _failed_calls(bot: BotHarness, method: str) -> int:
    return len([call for call in bot.slack.calls if call.method == method and not call.ok])


def test_a_rejected_token_holds_every_message_without_using_up_attempts(bot: BotHarness) -> None:
    ids = [_schedule(bot, user.id, TUESDAY_NOON_UTC) for user in (AMIRA, BEN)]
    for user in (AMIRA, BEN):
        _join(bot, user.id, "UTC")
    bot.slack.fail("conversations.open", "token_revoked")

    report = _tick_at(bot, TUESDAY_NOON_UTC)

    assert (report.sent, report.failed, report.postponed) == (0, 0, 2)
    assert _failed_calls(bot, "conversations.open") == 1  # the batch stopped at the first answer
    for message_id in ids:
        row = _row(bot, message_id)
        assert (row.state, row.attempts) == ("pending", 0)
        assert row.due_at == TUESDAY_NOON_UTC + timedelta(minutes=15)
    assert bot.slack.dms_to(LEAD.id) == []  # nobody to tell through a revoked token
    assert _tick_at(bot, TUESDAY_NOON_UTC + timedelta(minutes=15)).sent == 2


def test_a_rate_limit_holds_the_rest_of_the_batch_until_retry_after(bot: BotHarness) -> None:
    for user in (AMIRA, BEN):
        _join(bot, user.id, "UTC")
    ids = [_schedule(bot, user.id, TUESDAY_NOON_UTC) for user in (AMIRA, BEN)]
    bot.slack.fail("chat.postMessage", "ratelimited", status=429, retry_after=20)

    _tick_at(bot, TUESDAY_NOON_UTC)

    assert _failed_calls(bot, "chat.postMessage") == 1
    assert len(bot.slack.calls_to("chat.postMessage")) == 0
    assert {_row(bot, i).due_at for i in ids} == {TUESDAY_NOON_UTC + timedelta(seconds=20)}


def test_a_paused_persons_messages_wait_until_the_pause_ends(bot: BotHarness) -> None:
    _join(bot, AMIRA.id, "UTC")
    back = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    with bot.sessions() as session:
        membership = participants.current_membership(session, bot.slack.team_id, AMIRA.id)
        assert membership is not None
        participants.pause(session, membership, back)
    message_id = _schedule(bot, AMIRA.id, TUESDAY_NOON_UTC)

    assert _tick_at(bot, TUESDAY_NOON_UTC).postponed == 1
    assert _row(bot, message_id).due_at == TUESDAY_NOON_UTC + timedelta(hours=1)  # looked at hourly
    assert _tick_at(bot, datetime(2026, 11, 30, 23, 59, tzinfo=UTC)).sent == 0
    assert _tick_at(bot, datetime(2026, 12, 1, 10, 0, tzinfo=UTC)).sent == 1
    with bot.sessions() as session:
        membership = participants.current_membership(session, bot.slack.team_id, AMIRA.id)
        assert membership is not None and membership.participant.status == "active"


def test_an_open_ended_pause_holds_messages_and_looks_again_daily(bot: BotHarness) -> None:
    _join(bot, AMIRA.id, "UTC")
    with bot.sessions() as session:
        membership = participants.current_membership(session, bot.slack.team_id, AMIRA.id)
        assert membership is not None
        participants.pause(session, membership, None)
    message_id = _schedule(bot, AMIRA.id, TUESDAY_NOON_UTC)

    _tick_at(bot, TUESDAY_NOON_UTC)
    _tick_at(bot, TUESDAY_NOON_UTC + timedelta(hours=1))

    assert _row(bot, message_id).due_at == TUESDAY_NOON_UTC + timedelta(hours=2)
    assert bot.slack.dms_to(AMIRA.id) == []


def test_resuming_releases_held_messages_within_the_hour(bot: BotHarness) -> None:
    _join(bot, AMIRA.id, "UTC")
    with bot.sessions() as session:
        membership = participants.current_membership(session, bot.slack.team_id, AMIRA.id)
        assert membership is not None
        participants.pause(session, membership, datetime(2026, 12, 20, tzinfo=UTC))
    _schedule(bot, AMIRA.id, TUESDAY_NOON_UTC)
    assert _tick_at(bot, TUESDAY_NOON_UTC).postponed == 1

    with bot.sessions() as session:
        assert participants.resume(session, membership)

    assert _tick_at(bot, TUESDAY_NOON_UTC + timedelta(hours=1)).sent == 1


def test_a_lead_alert_waits_for_the_leads_working_hours_in_their_slack_timezone(
    bot: BotHarness,
) -> None:
    night = datetime(2026, 11, 24, 21, 0, tzinfo=UTC)  # 22:00 in Berlin, Maria's Slack zone
    with bot.sessions() as session:
        alert = outbox.enqueue(
            session,
            team_id=bot.slack.team_id,
            kind=OutboxKind.LEAD_ALERT,
            text="alert",
            due_at=night,
            recipient_user_id=LEAD.id,
        )

    assert _tick_at(bot, night).postponed == 1
    assert alert.id is not None
    assert _row(bot, alert.id).due_at == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def test_a_tick_looks_each_lead_up_in_slack_once_however_many_alerts(bot: BotHarness) -> None:
    night = datetime(2026, 11, 24, 21, 0, tzinfo=UTC)
    with bot.sessions() as session:
        for n in range(3):
            outbox.enqueue(
                session,
                team_id=bot.slack.team_id,
                kind=OutboxKind.LEAD_ALERT,
                text=f"alert {n}",
                due_at=night,
                recipient_user_id=LEAD.id,
            )

    assert _tick_at(bot, night).postponed == 3
    assert [c.args["user"] for c in bot.slack.calls_to("users.info")] == [LEAD.id]
