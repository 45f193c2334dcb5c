"""Matching in Slack: the lead's review, approval, introductions both must accept, decline,
timeout, rematch, and that only the intended person can press each button."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from freezegun import freeze_time
from sqlmodel import select

from bot.messages import t
from handlers.blocks import LEAVE_CONFIRM
from handlers.match_blocks import (
    INVITE_ACCEPT,
    INVITE_DECLINE,
    REVIEW_APPROVE,
    REVIEW_DROP,
)
from storage.models import Pair, PairState, Participant
from storage.pairs import current_pair
from tests.fakes.active_pairs import buttons
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import TEAM_ID, Message
from tests.fakes.survey_answers import complete_survey
from tests.fakes.workspace import LEAD, PEOPLE

LEA, JONAS, AMIRA, BEN = PEOPLE[0], PEOPLE[1], PEOPLE[2], PEOPLE[3]
TUESDAY_10_LONDON = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def tuesday_morning() -> Iterator[None]:
    """Inside everyone's working hours (08:30-16:30 London), so DMs go out at once."""
    with freeze_time(TUESDAY_10_LONDON):
        yield


def everything(message: Message) -> str:
    return str(message.blocks) + message.text


def review(bot: BotHarness) -> Message:
    """The latest review in the lead's DM."""
    titles = {t("en", "review.title"), t("de", "review.title")}
    return next(
        m
        for m in reversed(bot.slack.dms_to(LEAD.id))
        if any(b.get("text", {}).get("text") in titles for b in m.blocks or [])
    )


def invite(bot: BotHarness, user_id: str) -> Message:
    return next(m for m in reversed(bot.slack.dms_to(user_id)) if INVITE_ACCEPT in buttons(m))


def responses(bot: BotHarness) -> list[dict[str, Any]]:
    return [post.body for post in bot.slack.responses]


def matched_and_approved(bot: BotHarness, junior: str = AMIRA.id) -> None:
    """A junior and Jonas (a leader) finish the survey; Maria matches and approves."""
    complete_survey(bot, junior)
    complete_survey(bot, JONAS.id, leader=True)
    bot.command(LEAD.id, "match")
    bot.click(LEAD.id, REVIEW_APPROVE, buttons(review(bot))[REVIEW_APPROVE])


def test_only_a_lead_can_match(bot: BotHarness) -> None:
    complete_survey(bot, AMIRA.id)
    complete_survey(bot, JONAS.id, leader=True)

    bot.command(JONAS.id, "match")

    assert bot.last_reply() == t("de", "lead.only")
    assert bot.slack.dms_to(LEAD.id) == []


def test_matching_needs_two_people_ready(bot: BotHarness) -> None:
    complete_survey(bot, AMIRA.id)

    bot.command(LEAD.id, "match")

    assert bot.last_reply() == t("de", "match.too_few", people=1)


def test_the_lead_gets_a_review_with_scores_reasons_and_the_unmatched(bot: BotHarness) -> None:
    complete_survey(bot, AMIRA.id)
    complete_survey(bot, LEA.id)
    complete_survey(bot, JONAS.id, leader=True)

    bot.command(LEAD.id, "match")

    cohort = f"Reverse mentoring {TUESDAY_10_LONDON.year}"
    assert bot.last_reply() == t("de", "match.started", cohort=f"{cohort}", people=3)
    text = everything(review(bot))
    assert "/100" in text
    assert "<@U0JONAS>" in text
    assert "Generative KI" in text or "generative AI" in text.lower()
    assert t("de", "unmatched.odd_one_out") in text
    assert not any(INVITE_ACCEPT in buttons(m) for m in bot.slack.dms_to(JONAS.id))


def test_a_non_lead_cannot_approve_or_drop(bot: BotHarness) -> None:
    complete_survey(bot, AMIRA.id)
    complete_survey(bot, JONAS.id, leader=True)
    bot.command(LEAD.id, "match")
    controls = buttons(review(bot))

    bot.click(JONAS.id, REVIEW_APPROVE, controls[REVIEW_APPROVE])
    bot.click(JONAS.id, REVIEW_DROP, controls[REVIEW_DROP])

    assert [r["text"] for r in responses(bot)[-2:]] == [t("de", "lead.only")] * 2
    assert not any(INVITE_ACCEPT in buttons(m) for m in bot.slack.dms_to(AMIRA.id))
    bot.click(LEAD.id, REVIEW_APPROVE, controls[REVIEW_APPROVE])  # the proposal is still there
    assert INVITE_ACCEPT in buttons(invite(bot, AMIRA.id))


def test_both_accept_and_the_pair_is_welcomed_in_a_group_dm_in_both_languages(
    bot: BotHarness,
) -> None:
    matched_and_approved(bot)
    assert responses(bot)[-1]["text"] == t("de", "review.approved", pairs=1, waitlist=0)
    amira_invite, jonas_invite = invite(bot, AMIRA.id), invite(bot, JONAS.id)
    assert "<@U0JONAS>" in everything(amira_invite)
    assert "<@U0AMIRA>" in everything(jonas_invite)

    bot.click(AMIRA.id, INVITE_ACCEPT, buttons(amira_invite)[INVITE_ACCEPT])
    assert responses(bot)[-1]["text"] == t("en-GB", "invite.waiting", partner=JONAS.id)
    bot.click(JONAS.id, INVITE_ACCEPT, buttons(jonas_invite)[INVITE_ACCEPT])
    assert responses(bot)[-1]["text"] == t("de", "invite.active", partner=AMIRA.id)

    [opened] = [c for c in bot.slack.calls_to("conversations.open") if "," in c.args["users"]]
    assert set(opened.args["users"].split(",")) == {AMIRA.id, JONAS.id}
    [welcome] = [m for m in bot.slack.messages if m.channel.startswith("G")]
    text = everything(welcome)
    assert "Welcome" in text and "Willkommen" in text  # English and German partners
    assert "Judge which AI pilots are worth funding" in text  # Jonas's goal
    assert "Automate 3 recurring reports" in text  # Amira's goal
    bot.command(AMIRA.id, "status")
    assert t("en-GB", "status.pair_active", partner=JONAS.id) in bot.last_reply()


def test_only_the_invited_person_can_answer_and_only_once(bot: BotHarness) -> None:
    matched_and_approved(bot)
    amira_accept = buttons(invite(bot, AMIRA.id))[INVITE_ACCEPT]

    bot.click(JONAS.id, INVITE_ACCEPT, amira_accept)
    assert responses(bot)[-1]["text"] == t("de", "action.not_for_you")
    bot.click(AMIRA.id, INVITE_ACCEPT, amira_accept)
    bot.click(AMIRA.id, INVITE_DECLINE, amira_accept)  # a second press, even the other button

    assert responses(bot)[-2]["text"] == t("en-GB", "invite.already")
    assert responses(bot)[-1]["text"] == t("en-GB", "invite.waiting", partner=JONAS.id)
    bot.command(AMIRA.id, "status")
    assert t("en-GB", "status.pair_invited", partner=JONAS.id) in bot.last_reply()


def test_a_decline_is_confidential_and_the_pair_never_comes_back(bot: BotHarness) -> None:
    matched_and_approved(bot)
    amira_invite = invite(bot, AMIRA.id)
    amira_accept = buttons(amira_invite)[INVITE_ACCEPT]

    bot.click(JONAS.id, INVITE_DECLINE, buttons(invite(bot, JONAS.id))[INVITE_DECLINE])

    assert responses(bot)[-1]["text"] == t("de", "invite.declined", partner=AMIRA.id)
    news = bot.slack.dms_to(AMIRA.id)[-1]
    assert news.text == t("en-GB", "pair.fell_through", partner=JONAS.id)
    assert "declin" not in news.text.lower()
    assert buttons(amira_invite) == {}  # chat.update took the buttons away
    bot.click(AMIRA.id, INVITE_ACCEPT, amira_accept)  # too late: nothing changes
    assert responses(bot)[-2]["text"] == t("en-GB", "invite.already")
    bot.command(LEAD.id, "match")
    text = everything(review(bot))
    assert t("de", "review.empty") in text
    assert t("de", "unmatched.no_partner") in text


def test_no_answer_gets_one_reminder_then_lapses_like_a_decline(bot: BotHarness) -> None:
    matched_and_approved(bot)
    jonas_invite = invite(bot, JONAS.id)
    jonas_accept = buttons(jonas_invite)[INVITE_ACCEPT]
    bot.click(AMIRA.id, INVITE_ACCEPT, buttons(invite(bot, AMIRA.id))[INVITE_ACCEPT])

    bot.tick(TUESDAY_10_LONDON + timedelta(days=3))
    bot.tick(TUESDAY_10_LONDON + timedelta(days=3, hours=1))
    reminders = [m for m in bot.slack.messages if "Erinnerung" in m.text or "reminder" in m.text]
    assert [m.channel for m in reminders] == ["D0JONAS"]  # once, and only to who has not answered

    bot.tick(TUESDAY_10_LONDON + timedelta(days=6))  # Monday: lapsed on Sunday, told now
    assert bot.slack.dms_to(AMIRA.id)[-1].text == t("en-GB", "pair.fell_through", partner=JONAS.id)
    assert bot.slack.dms_to(JONAS.id)[-1].text == t("de", "pair.fell_through", partner=AMIRA.id)
    assert buttons(jonas_invite) == {}
    bot.click(JONAS.id, INVITE_ACCEPT, jonas_accept)
    assert responses(bot)[-2]["text"] == t("de", "invite.already")
    bot.command(AMIRA.id, "status")
    assert t("en-GB", "unmatched.closed") in bot.last_reply()


def test_dropping_a_pair_recomputes_without_it(bot: BotHarness) -> None:
    complete_survey(bot, AMIRA.id)
    complete_survey(bot, LEA.id)
    complete_survey(bot, JONAS.id, leader=True)
    bot.command(LEAD.id, "match")
    first = review(bot)
    [first_mentor] = [u for u in (AMIRA.id, LEA.id) if f"*<@{u}> " in everything(first)]

    bot.click(LEAD.id, REVIEW_DROP, buttons(first)[REVIEW_DROP])

    recomputed = responses(bot)[-1]
    assert recomputed["replace_original"] is True
    other = LEA.id if first_mentor == AMIRA.id else AMIRA.id
    assert f"*<@{other}> " in str(recomputed["blocks"])
    assert f"*<@{first_mentor}> " not in str(recomputed["blocks"])
    bot.click(LEAD.id, REVIEW_APPROVE, buttons(first)[REVIEW_APPROVE])  # the old review is stale
    assert responses(bot)[-1]["text"] == t("de", "review.stale")


def test_approving_twice_changes_nothing_the_second_time(bot: BotHarness) -> None:
    matched_and_approved(bot)
    sent = len(bot.slack.messages)

    bot.click(LEAD.id, REVIEW_APPROVE, buttons(review(bot))[REVIEW_APPROVE])

    assert responses(bot)[-1]["text"] == t("de", "review.stale")
    assert len(bot.slack.messages) == sent


def test_the_unmatched_are_told_why_and_wait_on_the_waitlist(bot: BotHarness) -> None:
    complete_survey(bot, AMIRA.id)
    complete_survey(bot, LEA.id)
    complete_survey(bot, JONAS.id, leader=True)
    bot.command(LEAD.id, "match")
    bot.click(LEAD.id, REVIEW_APPROVE, buttons(review(bot))[REVIEW_APPROVE])

    waiting = [
        u
        for u in (AMIRA, LEA)
        if not any(INVITE_ACCEPT in buttons(m) for m in bot.slack.dms_to(u.id))
    ]
    [person] = waiting
    reason = t(person.locale, "unmatched.odd_one_out")
    assert bot.slack.dms_to(person.id)[-1].text == t(person.locale, "waitlist.dm", reason=reason)
    bot.command(person.id, "status")
    assert t(person.locale, "status.waitlist", reason=reason) in bot.last_reply()


def test_a_rematch_is_confidential(bot: BotHarness) -> None:
    matched_and_approved(bot)
    bot.click(AMIRA.id, INVITE_ACCEPT, buttons(invite(bot, AMIRA.id))[INVITE_ACCEPT])
    bot.click(JONAS.id, INVITE_ACCEPT, buttons(invite(bot, JONAS.id))[INVITE_ACCEPT])

    bot.command(AMIRA.id, "rematch")

    assert bot.last_reply() == t("en-GB", "rematch.done")
    assert bot.slack.dms_to(JONAS.id)[-1].text == t("de", "rematch.partner", partner=AMIRA.id)
    alert = bot.slack.dms_to(LEAD.id)[-1].text
    assert alert == t("de", "lead.rematch", cohort=f"Reverse mentoring {TUESDAY_10_LONDON.year}")
    assert AMIRA.id not in alert and JONAS.id not in alert
    bot.command(AMIRA.id, "rematch")
    assert bot.last_reply() == t("en-GB", "rematch.none")


def test_paused_people_and_unfinished_surveys_are_not_matched(bot: BotHarness) -> None:
    complete_survey(bot, LEA.id)
    bot.command(LEA.id, "pause")
    complete_survey(bot, AMIRA.id)
    complete_survey(bot, JONAS.id, leader=True)
    bot.command(BEN.id, "join")  # joined, survey not done

    bot.command(LEAD.id, "match")

    text = everything(review(bot))
    assert "<@U0AMIRA>" in text and "<@U0JONAS>" in text
    assert "<@U0LEA>" not in text and "<@U0BEN>" not in text


def test_only_a_lead_can_turn_the_reviews_pages(bot: BotHarness) -> None:
    complete_survey(bot, AMIRA.id)
    complete_survey(bot, JONAS.id, leader=True)
    bot.command(LEAD.id, "match")
    round_id = buttons(review(bot))[REVIEW_APPROVE]

    bot.click(JONAS.id, "review_page_next", f"{round_id}:1")
    assert responses(bot)[-1]["text"] == t("de", "lead.only")
    bot.click(LEAD.id, "review_page_next", f"{round_id}:1")
    assert responses(bot)[-1]["replace_original"] is True
    assert "<@U0JONAS>" in str(responses(bot)[-1]["blocks"])


def test_a_decline_before_the_partner_saw_the_introduction_tells_the_partner_nothing(
    bot: BotHarness,
) -> None:
    complete_survey(bot, AMIRA.id)
    tokyo = {"timezone": "Asia/Tokyo", "work_start": "09:00", "work_end": "19:00"}
    complete_survey(bot, JONAS.id, leader=True, meeting=tokyo)  # 00:00-10:00 UTC
    bot.command(LEAD.id, "match")
    bot.click(LEAD.id, REVIEW_APPROVE, buttons(review(bot))[REVIEW_APPROVE])
    assert not any(INVITE_ACCEPT in buttons(m) for m in bot.slack.dms_to(JONAS.id))  # night there

    bot.click(AMIRA.id, INVITE_DECLINE, buttons(invite(bot, AMIRA.id))[INVITE_DECLINE])
    bot.tick(TUESDAY_10_LONDON + timedelta(hours=15))  # 10:00 on Wednesday in Tokyo

    assert not any(AMIRA.id in m.text for m in bot.slack.dms_to(JONAS.id))
    assert not any(INVITE_ACCEPT in buttons(m) for m in bot.slack.dms_to(JONAS.id))
    bot.command(JONAS.id, "status")
    assert t("de", "unmatched.closed") in bot.last_reply()


def test_someone_who_paused_before_approval_is_not_introduced(bot: BotHarness) -> None:
    complete_survey(bot, AMIRA.id)
    complete_survey(bot, JONAS.id, leader=True)
    bot.command(LEAD.id, "match")
    bot.command(JONAS.id, "pause")

    bot.click(LEAD.id, REVIEW_APPROVE, buttons(review(bot))[REVIEW_APPROVE])

    assert responses(bot)[-1]["text"] == t("de", "review.approved", pairs=0, waitlist=1)
    assert not any(INVITE_ACCEPT in buttons(m) for m in bot.slack.messages)
    reason = t("en-GB", "unmatched.no_partner")
    assert bot.slack.dms_to(AMIRA.id)[-1].text == t("en-GB", "waitlist.dm", reason=reason)


def leave(bot: BotHarness, user_id: str) -> None:
    """The person types `/mentoring leave` and confirms."""
    bot.command(user_id, "leave")
    bot.click(user_id, LEAVE_CONFIRM, user_id)


def test_leaving_ends_my_pair_and_my_partner_hears_kindly_without_my_name(
    bot: BotHarness,
) -> None:
    matched_and_approved(bot)
    bot.click(AMIRA.id, INVITE_ACCEPT, buttons(invite(bot, AMIRA.id))[INVITE_ACCEPT])
    bot.click(JONAS.id, INVITE_ACCEPT, buttons(invite(bot, JONAS.id))[INVITE_ACCEPT])

    leave(bot, AMIRA.id)

    told = bot.slack.dms_to(JONAS.id)[-1].text
    assert told == t("de", "departure.partner_active") and AMIRA.id not in told
    alert = bot.slack.dms_to(LEAD.id)[-1].text
    cohort = f"Reverse mentoring {TUESDAY_10_LONDON.year}"
    assert alert == t("de", "lead.departure_left", cohort=cohort, person=AMIRA.id, partner=JONAS.id)
    with bot.sessions() as session:
        pair = session.exec(select(Pair)).one()
        waiting = session.exec(
            select(Participant.waitlist_reason).where(Participant.slack_user_id == JONAS.id)
        ).one()
    assert (pair.state, waiting) == (PairState.REMATCHED, "closed")
    assert pairs_current(bot, JONAS.id) is None


def test_leaving_during_an_introduction_withdraws_the_partners_buttons(bot: BotHarness) -> None:
    matched_and_approved(bot)
    partner_invite = invite(bot, JONAS.id)
    accept = buttons(partner_invite)[INVITE_ACCEPT]

    leave(bot, AMIRA.id)

    assert bot.slack.dms_to(JONAS.id)[-1].text == t("de", "departure.partner_invited")
    assert INVITE_ACCEPT not in buttons(partner_invite)  # chat.update took the buttons away
    bot.click(JONAS.id, INVITE_ACCEPT, accept)
    with bot.sessions() as session:
        assert session.exec(select(Pair)).one().state == PairState.REMATCHED


def test_leaving_without_a_pair_tells_nobody(bot: BotHarness) -> None:
    complete_survey(bot, AMIRA.id)
    before = len(bot.slack.dms_to(LEAD.id))

    leave(bot, AMIRA.id)

    assert len(bot.slack.dms_to(LEAD.id)) == before


def pairs_current(bot: BotHarness, user_id: str) -> Pair | None:
    with bot.sessions() as session:
        return current_pair(session, TEAM_ID, user_id)
