"""People who leave Slack or change in it: a participant deactivated or turned into a guest or a
bot leaves the program (from Slack's user_change event, or from a DM Slack refuses because they
are gone), a new timezone moves their check-ins, a new locale their language; guests and bots
never join."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from slack_bolt.response import BoltResponse
from sqlmodel import col, select

from bot.messages import t
from handlers.blocks import HOME_JOIN, LEAVE_CONFIRM
from handlers.match_blocks import INVITE_ACCEPT, REVIEW_APPROVE
from storage import outbox
from storage.models import (
    AuditAction,
    AuditEntry,
    MatchRound,
    OutboxKind,
    OutboxMessage,
    OutboxState,
    Pair,
    PairState,
    Participant,
    ParticipantStatus,
)
from tests.fakes.active_pairs import activate_pair, buttons, latest_with, next_check_in
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import TEAM_ID, FakeUser
from tests.fakes.survey_answers import complete_survey
from tests.fakes.workspace import BOT, LEAD, PEOPLE

LEA, JONAS, AMIRA = PEOPLE[0], PEOPLE[1], PEOPLE[2]
GUEST = FakeUser("U0GUEST", "guest", "Gina Guest", is_guest=True)
TUESDAY_10_UTC = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
NINE_TO_FIVE = {"work_start": "09:00", "work_end": "17:00"}
LONDON = {"timezone": "Europe/London", **NINE_TO_FIVE}
BERLIN = {"timezone": "Europe/Berlin", **NINE_TO_FIVE}
COHORT = f"Reverse mentoring {TUESDAY_10_UTC.year}"


@pytest.fixture
def clock() -> Iterator[Any]:
    """Tuesday 10:00 UTC: inside London's and Berlin's working hours."""
    with freeze_time(TUESDAY_10_UTC) as frozen:
        yield frozen


def in_slack(bot: BotHarness, user: FakeUser, **changes: Any) -> FakeUser:
    """Change the member in the stand-in's workspace (what users.info answers from now on)."""
    changed = replace(user, **changes)
    bot.slack.users = [changed if u.id == user.id else u for u in bot.slack.users]
    return changed


def user_change(
    bot: BotHarness,
    user: FakeUser,
    *,
    event_id: str | None = None,
    retry_num: int | None = None,
    event_type: str = "user_change",
    **fields: Any,
) -> BoltResponse:
    """Slack tells the bot that a member changed (or joined): their user object, as it is in the
    stand-in, with `fields` on top."""
    member = {**bot.slack.user_object(user.id), **fields}
    event = {"type": event_type, "user": member, "event_ts": "1700000000.000100"}
    response = bot.dispatch(bot.requests.event(event, event_id=event_id, retry_num=retry_num))
    assert response.status == 200
    return response


def status_of(bot: BotHarness, user_id: str) -> str:
    with bot.sessions() as session:
        return session.exec(
            select(Participant.status).where(Participant.slack_user_id == user_id)
        ).one()


def audit_entries(bot: BotHarness) -> list[AuditEntry]:
    """The audit entries of people taken out (a lead's match approval is logged too)."""
    with bot.sessions() as session:
        return list(
            session.exec(
                select(AuditEntry).where(AuditEntry.action == AuditAction.PERSON_DEACTIVATED)
            )
        )


def pair_state(bot: BotHarness) -> str:
    with bot.sessions() as session:
        return session.exec(select(Pair.state)).one()


def deactivated_alert(partner: str) -> str:
    return t("de", "lead.departure_deactivated", cohort=COHORT, person=AMIRA.id, partner=partner)


def test_a_deactivated_partner_leaves_their_pair_and_the_next_round_goes_without_them(
    bot: BotHarness, clock: Any
) -> None:
    activate_pair(bot, AMIRA.id, JONAS.id)
    complete_survey(bot, LEA.id)

    user_change(bot, in_slack(bot, AMIRA, deleted=True))

    told = bot.slack.dms_to(JONAS.id)[-1].text
    assert told == t("de", "departure.partner_active") and AMIRA.id not in told
    assert bot.slack.dms_to(LEAD.id)[-1].text == deactivated_alert(JONAS.id)
    assert pair_state(bot) == PairState.REMATCHED
    assert status_of(bot, AMIRA.id) == ParticipantStatus.LEFT
    (entry,) = audit_entries(bot)
    assert (entry.action, entry.actor, entry.subject) == (
        AuditAction.PERSON_DEACTIVATED,
        "bot",
        bot.services.pseudonyms.of(TEAM_ID, AMIRA.id),  # the log outlives an erasure
    )
    assert entry.details == {"reason": "deactivated"}

    bot.command(LEAD.id, "match")

    with bot.sessions() as session:
        round_ = session.exec(select(MatchRound).order_by(col(MatchRound.id).desc())).first()
        assert round_ is not None
        proposed = session.exec(
            select(Pair.mentor_user_id, Pair.mentee_user_id).where(Pair.round_id == round_.id)
        ).all()
    assert [set(pair) for pair in proposed] == [{LEA.id, JONAS.id}]
    assert AMIRA.id not in round_.unmatched


def test_a_deactivated_mentor_of_two_ends_both_pairs(bot: BotHarness, clock: Any) -> None:
    bot.command(LEAD.id, "cohort set capacity 2")
    complete_survey(bot, AMIRA.id)
    for leader in (JONAS.id, LEA.id):
        complete_survey(bot, leader, leader=True)
    match_and_approve(bot)
    for user in (AMIRA.id, JONAS.id, LEA.id):
        for invite in [m for m in bot.slack.dms_to(user) if INVITE_ACCEPT in buttons(m)]:
            bot.click(user, INVITE_ACCEPT, buttons(invite)[INVITE_ACCEPT])
    with bot.sessions() as session:
        mentees = session.exec(select(Pair.mentee_user_id).where(Pair.state == PairState.ACTIVE))
        assert set(mentees) == {JONAS.id, LEA.id}

    user_change(bot, in_slack(bot, AMIRA, deleted=True))

    for partner in (JONAS.id, LEA.id):
        assert bot.slack.dms_to(partner)[-1].text == t("de", "departure.partner_active")
    assert set(lead_alerts(bot)) == {deactivated_alert(JONAS.id), deactivated_alert(LEA.id)}
    with bot.sessions() as session:
        assert set(session.exec(select(Pair.state))) == {PairState.REMATCHED}


def test_a_deactivated_person_without_a_pair_is_removed_and_the_leads_are_told(
    bot: BotHarness, clock: Any
) -> None:
    complete_survey(bot, AMIRA.id)
    with bot.sessions() as session:
        queued = outbox.dm(
            session,
            team_id=TEAM_ID,
            kind=OutboxKind.WAITLIST,
            user_id=AMIRA.id,
            text="queued before",
            now=TUESDAY_10_UTC + timedelta(days=1),
        )

    user_change(bot, in_slack(bot, AMIRA, deleted=True))

    assert status_of(bot, AMIRA.id) == ParticipantStatus.LEFT
    alert = t("de", "lead.removed_no_pair", person=AMIRA.id, cohort=COHORT)
    assert bot.slack.dms_to(LEAD.id)[-1].text == alert
    with bot.sessions() as session:
        assert session.get(OutboxMessage, queued).state == OutboxState.CANCELLED  # type: ignore[union-attr]
    assert [entry.subject for entry in audit_entries(bot)] == [
        bot.services.pseudonyms.of(TEAM_ID, AMIRA.id)
    ]


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"is_restricted": True}, "guest"),
        ({"is_ultra_restricted": True}, "guest"),
        ({"is_bot": True}, "bot"),
    ],
)
def test_a_participant_who_becomes_a_guest_or_a_bot_leaves_the_program(
    bot: BotHarness, clock: Any, fields: dict[str, bool], reason: str
) -> None:
    activate_pair(bot, AMIRA.id, JONAS.id)

    user_change(bot, AMIRA, **fields)

    assert status_of(bot, AMIRA.id) == ParticipantStatus.LEFT
    assert pair_state(bot) == PairState.REMATCHED
    assert bot.slack.dms_to(LEAD.id)[-1].text == deactivated_alert(JONAS.id)
    assert [entry.details for entry in audit_entries(bot)] == [{"reason": reason}]


def test_a_paused_participant_who_is_deactivated_leaves_too(bot: BotHarness, clock: Any) -> None:
    complete_survey(bot, AMIRA.id)
    bot.command(AMIRA.id, "pause")

    user_change(bot, in_slack(bot, AMIRA, deleted=True))

    assert status_of(bot, AMIRA.id) == ParticipantStatus.LEFT


def test_a_retried_event_and_a_second_change_take_the_person_out_once(
    bot: BotHarness, clock: Any
) -> None:
    activate_pair(bot, AMIRA.id, JONAS.id)
    gone = in_slack(bot, AMIRA, deleted=True)
    partner_dms, lead_dms = len(bot.slack.dms_to(JONAS.id)), len(bot.slack.dms_to(LEAD.id))

    user_change(bot, gone, event_id="Ev0DEACTIVATED")
    user_change(bot, gone, event_id="Ev0DEACTIVATED", retry_num=1)
    user_change(bot, gone, event_id="Ev0PROFILE_EDITED")  # another change of the deleted account

    assert len(bot.slack.dms_to(JONAS.id)) == partner_dms + 1
    assert len(bot.slack.dms_to(LEAD.id)) == lead_dms + 1
    assert len(audit_entries(bot)) == 1


def test_news_of_people_who_take_no_part_changes_nothing(bot: BotHarness, clock: Any) -> None:
    bot.slack.users.append(GUEST)
    complete_survey(bot, AMIRA.id)
    bot.command(AMIRA.id, "leave")
    bot.click(AMIRA.id, LEAVE_CONFIRM, AMIRA.id)
    calls = len(bot.slack.calls)

    user_change(bot, in_slack(bot, AMIRA, deleted=True))  # she had left already
    user_change(bot, LEA, event_type="team_join")
    user_change(bot, GUEST, event_type="team_join")
    user_change(bot, BOT, event_type="team_join")

    assert len(bot.slack.calls) == calls
    with bot.sessions() as session:
        assert session.exec(select(Participant.slack_user_id)).all() == [AMIRA.id]
    assert audit_entries(bot) == []


@pytest.mark.parametrize("member", [GUEST, BOT], ids=["guest", "bot"])
def test_a_guest_or_a_bot_cannot_join_by_command_or_home_button(
    bot: BotHarness, clock: Any, member: FakeUser
) -> None:
    bot.slack.users.append(GUEST)

    bot.command(member.id, "join")

    refusal = t(member.locale, "join.not_a_colleague")
    assert bot.last_reply() == refusal

    bot.click(member.id, HOME_JOIN, member.id, container="view")

    notice = bot.opened_view()
    assert refusal in str(notice["blocks"])
    with bot.sessions() as session:
        assert session.exec(select(Participant)).all() == []
    assert bot.slack.dms_to(member.id) == []


def inside(moment: datetime, zone: str) -> bool:
    local = moment.astimezone(ZoneInfo(zone))
    return local.weekday() < 5 and 9 <= local.hour < 17


def posted_in(bot: BotHarness, channel: str) -> int:
    return len([message for message in bot.slack.messages if message.channel == channel])


def test_a_new_timezone_moves_the_next_nudge_into_working_hours_there(
    bot: BotHarness, clock: Any
) -> None:
    channel = activate_pair(bot, AMIRA.id, JONAS.id, junior_meeting=LONDON, leader_meeting=BERLIN)
    before = next_check_in(bot)
    assert not inside(before, "America/New_York")

    user_change(bot, AMIRA, tz="America/New_York")

    after = next_check_in(bot)
    assert after.date() == before.date()
    assert inside(after, "America/New_York") and inside(after, "Europe/Berlin")
    posted = posted_in(bot, channel)
    clock.move_to(before)
    bot.tick(before)
    assert posted_in(bot, channel) == posted, "the old time passes quietly"
    clock.move_to(after)
    bot.tick(after)
    assert posted_in(bot, channel) == posted + 1


def test_a_dm_waits_for_working_hours_in_the_new_timezone(bot: BotHarness, clock: Any) -> None:
    complete_survey(bot, AMIRA.id, meeting=LONDON)
    user_change(bot, AMIRA, tz="America/New_York")  # 05:00 there
    with bot.sessions() as session:
        queued = outbox.dm(
            session,
            team_id=TEAM_ID,
            kind=OutboxKind.WAITLIST,
            user_id=AMIRA.id,
            text="after the move",
            now=TUESDAY_10_UTC,
        )

    report = bot.tick(TUESDAY_10_UTC)

    assert report.postponed == 1
    with bot.sessions() as session:
        message = session.get(OutboxMessage, queued)
        assert message is not None
        assert message.due_at == datetime(2026, 11, 24, 14, 0, tzinfo=UTC)  # 09:00 New York


def introduction_to(bot: BotHarness, user_id: str) -> str:
    return latest_with(bot.slack.dms_to(user_id), INVITE_ACCEPT).text


def expected_introduction(bot: BotHarness, locale: str, user_id: str, partner: str) -> str:
    with bot.sessions() as session:
        pair = session.exec(select(Pair)).one()
    role = "invite.role_mentor" if pair.mentor_user_id == user_id else "invite.role_mentee"
    return t(locale, "invite.text", partner=partner, role=t(locale, role, partner=partner))


def match_and_approve(bot: BotHarness) -> None:
    bot.command(LEAD.id, "match")
    review = latest_with(bot.slack.dms_to(LEAD.id), REVIEW_APPROVE)
    bot.click(LEAD.id, REVIEW_APPROVE, buttons(review)[REVIEW_APPROVE])


@pytest.mark.parametrize("in_event", [True, False], ids=["in the event", "from users.info"])
def test_a_new_locale_makes_the_next_dm_german(bot: BotHarness, clock: Any, in_event: bool) -> None:
    complete_survey(bot, AMIRA.id)
    complete_survey(bot, JONAS.id, leader=True)
    german = in_slack(bot, AMIRA, locale="de-DE")

    user_change(bot, german, **({"locale": "de-DE"} if in_event else {}))
    match_and_approve(bot)

    assert introduction_to(bot, AMIRA.id) == expected_introduction(bot, "de", AMIRA.id, JONAS.id)


def test_when_users_info_fails_the_locale_stays_and_the_timezone_still_follows(
    bot: BotHarness, clock: Any
) -> None:
    complete_survey(bot, AMIRA.id)
    bot.slack.fail("users.info", "internal_error")

    user_change(bot, in_slack(bot, AMIRA, locale="de-DE"), tz="America/New_York")

    with bot.sessions() as session:
        amira = session.exec(select(Participant)).one()
    assert (amira.locale, amira.timezone) == ("en-GB", "America/New_York")


def queue_dm_to(bot: BotHarness, user_id: str) -> int:
    with bot.sessions() as session:
        return outbox.dm(
            session,
            team_id=TEAM_ID,
            kind=OutboxKind.WAITLIST,
            user_id=user_id,
            text="hello",
            now=TUESDAY_10_UTC,
        )


def lead_alerts(bot: BotHarness) -> list[str]:
    """The texts of every alert queued for the leads."""
    with bot.sessions() as session:
        return list(
            session.exec(
                select(OutboxMessage.text).where(col(OutboxMessage.kind) == OutboxKind.LEAD_ALERT)
            )
        )


def outbox_row(bot: BotHarness, message_id: int) -> OutboxMessage:
    with bot.sessions() as session:
        message = session.get(OutboxMessage, message_id)
    assert message is not None
    return message


@pytest.mark.parametrize("error", ["user_disabled", "user_not_found", "account_inactive"])
def test_a_dm_slack_refuses_because_its_recipient_is_gone_takes_them_out(
    bot: BotHarness, clock: Any, error: str
) -> None:
    activate_pair(bot, AMIRA.id, JONAS.id)
    in_slack(bot, AMIRA, deleted=True)
    message = queue_dm_to(bot, AMIRA.id)
    bot.slack.fail("conversations.open", error)

    report = bot.tick(TUESDAY_10_UTC)

    assert report.failed == 1 and report.retried == 0
    assert outbox_row(bot, message).state == OutboxState.FAILED
    assert status_of(bot, AMIRA.id) == ParticipantStatus.LEFT
    assert pair_state(bot) == PairState.REMATCHED
    assert [entry.subject for entry in audit_entries(bot)] == [
        bot.services.pseudonyms.of(TEAM_ID, AMIRA.id)
    ]

    bot.tick(TUESDAY_10_UTC + timedelta(minutes=1))  # what the take-out queued

    assert bot.slack.dms_to(JONAS.id)[-1].text == t("de", "departure.partner_active")
    assert bot.slack.dms_to(LEAD.id)[-1].text == deactivated_alert(JONAS.id)
    assert lead_alerts(bot) == [deactivated_alert(JONAS.id)], "no delivery-failed alert besides"


def test_a_person_slack_no_longer_knows_is_taken_out(bot: BotHarness, clock: Any) -> None:
    complete_survey(bot, AMIRA.id)
    bot.slack.users = [u for u in bot.slack.users if u.id != AMIRA.id]  # conversations.open fails
    message = queue_dm_to(bot, AMIRA.id)

    bot.tick(TUESDAY_10_UTC)

    assert outbox_row(bot, message).state == OutboxState.FAILED
    assert status_of(bot, AMIRA.id) == ParticipantStatus.LEFT


def test_when_slack_says_the_recipient_is_fine_a_refused_dm_is_handled_as_before(
    bot: BotHarness, clock: Any
) -> None:
    complete_survey(bot, AMIRA.id)
    gave_up = queue_dm_to(bot, AMIRA.id)
    bot.slack.fail("conversations.open", "user_not_found")

    bot.tick(TUESDAY_10_UTC)

    assert outbox_row(bot, gave_up).state == OutboxState.FAILED
    assert any("user_not_found" in text for text in lead_alerts(bot))  # the lead hears of it
    waiting = queue_dm_to(bot, AMIRA.id)
    bot.slack.fail("conversations.open", "account_inactive")  # the bot token's account is gone

    report = bot.tick(TUESDAY_10_UTC)

    assert report.postponed >= 1  # every send waits, none is given up
    assert (outbox_row(bot, waiting).state, outbox_row(bot, waiting).attempts) == (
        OutboxState.PENDING,
        0,
    )
    assert status_of(bot, AMIRA.id) == ParticipantStatus.ACTIVE
    assert audit_entries(bot) == []


def test_when_users_info_fails_during_the_check_the_dm_is_retried_not_lost(
    bot: BotHarness, clock: Any
) -> None:
    complete_survey(bot, AMIRA.id)
    in_slack(bot, AMIRA, deleted=True)
    message = queue_dm_to(bot, AMIRA.id)
    bot.slack.fail("users.info", "internal_error")

    report = bot.tick(TUESDAY_10_UTC)

    row = outbox_row(bot, message)
    assert report.retried == 1
    assert (row.state, row.attempts) == (OutboxState.PENDING, 1)
    assert status_of(bot, AMIRA.id) == ParticipantStatus.ACTIVE

    clock.move_to(row.due_at)
    bot.tick(row.due_at)

    assert outbox_row(bot, message).state == OutboxState.FAILED
    assert status_of(bot, AMIRA.id) == ParticipantStatus.LEFT
    assert lead_alerts(bot) == [t("de", "lead.removed_no_pair", person=AMIRA.id, cohort=COHORT)]
