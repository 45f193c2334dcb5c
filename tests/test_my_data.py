"""`/mentoring my-data`: a person gets, in their DM, a JSON file with everything the bot stores
about them, and nothing that anyone else wrote or chose about them; each export is audited under
their pseudonym."""

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from freezegun import freeze_time
from sqlalchemy import update
from sqlmodel import col, select

from bot.messages import t
from handlers.checkin_blocks import BUTTON_ACTIONS
from handlers.match_blocks import INVITE_DECLINE, REVIEW_APPROVE
from handlers.reflection_blocks import REFLECT
from storage import roster
from storage.checkins import Press
from storage.models import AuditAction, AuditEntry, Participant, ParticipantStatus
from storage.programs import ensure_current_cohort
from storage.roster import Invitee
from tests.fakes.active_pairs import activate_pair, buttons, latest_with, next_check_in
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import SharedFile
from tests.fakes.survey_answers import complete_survey
from tests.fakes.workspace import LEAD, PEOPLE

JONAS, AMIRA, BEN, CHEN, SOFIA = (PEOPLE[i] for i in (1, 2, 3, 4, 5))
THURSDAY_AFTERNOON = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
BERLIN = {"timezone": "Europe/Berlin", "work_start": "09:00", "work_end": "17:00"}
NEW_YORK = {"timezone": "America/New_York", "work_start": "09:00", "work_end": "17:00"}
MET = BUTTON_ACTIONS[Press.MET]
BEN_LEARNED = "BEN-LEARNED how to frame a budget"
BEN_WIN = "BEN-WIN: automated the weekly report"
JONAS_LEARNED = "JONAS-LEARNED prompting for summaries"


@pytest.fixture
def clock() -> Iterator[Any]:
    with freeze_time(THURSDAY_AFTERNOON) as frozen:
        yield frozen


@pytest.fixture
def reflected(bot: BotHarness, clock: Any) -> None:
    """Ben (junior, New York; Chen on his do-not-pair list) and Jonas (leader, Berlin) meet and
    both reflect, Ben sharing a win; later Amira joins with Ben on her do-not-pair list."""
    channel = activate_pair(
        bot,
        BEN.id,
        JONAS.id,
        junior_meeting={**NEW_YORK, "do_not_pair": [CHEN.id]},
        leader_meeting={**BERLIN, "do_not_pair": [SOFIA.id]},
    )
    due = next_check_in(bot)
    clock.move_to(due)
    bot.tick(due)
    nudge = latest_with([m for m in bot.slack.messages if m.channel == channel], MET)
    bot.click(BEN.id, MET, buttons(nudge)[MET])
    ben = {"learned": BEN_LEARNED, "progress": "3", "confidence": "4"}
    bot.submit(BEN.id, bot.opened_view(), {**ben, "win": BEN_WIN, "share": ["share"]})
    prompt = latest_with(bot.slack.dms_to(JONAS.id), REFLECT)
    bot.click(JONAS.id, REFLECT, buttons(prompt)[REFLECT])
    jonas = {"learned": JONAS_LEARNED, "progress": "5", "confidence": "5"}
    bot.submit(JONAS.id, bot.opened_view(), jonas)
    complete_survey(bot, AMIRA.id, meeting={"do_not_pair": [BEN.id]})


def the_file(bot: BotHarness, user_id: str) -> tuple[SharedFile, dict[str, Any]]:
    """The one file shared in the person's DM, and its JSON."""
    [shared] = [f for f in bot.slack.files if f.channel == "D" + user_id[1:]]
    return shared, json.loads(shared.data)


def audit_entries(bot: BotHarness) -> list[AuditEntry]:
    with bot.sessions() as session:
        return list(session.exec(select(AuditEntry).order_by(col(AuditEntry.id))))


def test_my_data_arrives_in_my_dm_with_my_profile_pairs_reflections_and_wins(
    bot: BotHarness, reflected: None
) -> None:
    bot.command(BEN.id, "my-data")

    assert bot.last_reply() == t("en", "my_data.on_its_way")
    shared, data = the_file(bot, BEN.id)
    assert shared.filename.endswith(".json") and shared.title == t("en", "my_data.file_title")
    [participation] = data["participations"]
    assert participation["status"] == "active"
    assert participation["timezone"] == "America/New_York"
    assert participation["work_hours"] == {"start": "09:00", "end": "17:00"}
    assert "Ben Carter" in participation["slack_names_for_anonymising"]
    profile = participation["profile"]
    assert profile["role"] == "teach" and profile["career_stage"] == "early"
    assert profile["meeting_days"] == ["tuesday", "thursday"]
    assert profile["meeting_formats"] == ["async", "video"]
    assert profile["topics_to_teach"] == [t("en", "topic.genai"), t("en", "topic.automation")]
    assert profile["languages"] == ["de", "en"] and profile["consent_given_at"]
    assert participation["do_not_pair"] == [CHEN.id]
    [pair] = participation["pairs"]
    assert pair["my_role"] == "mentor" and pair["state"] == "active"
    assert pair["partner_display_name"] == JONAS.name
    assert [c["state"] for c in pair["check_ins"]][:1] == ["met"]
    [reflection] = participation["reflections"]
    assert reflection["learned"] == BEN_LEARNED and reflection["win"] == BEN_WIN
    assert (reflection["progress"], reflection["confidence"]) == (3, 4)
    assert reflection["win_shared"]["status"] == "review"


def test_my_data_holds_nothing_others_wrote_or_chose_about_me(
    bot: BotHarness, reflected: None
) -> None:
    bot.command(BEN.id, "my-data")

    shared, _ = the_file(bot, BEN.id)
    text = shared.data.decode()
    assert AMIRA.id not in text, "Amira's do-not-pair entry naming Ben"
    assert JONAS.id not in text and JONAS_LEARNED not in text, "the partner's ID or words"
    assert SOFIA.id not in text, "the partner's do-not-pair list"
    assert "Jonas Becker" not in text, "the partner is named by display name only"


def test_each_export_is_audited_under_the_person_s_pseudonym(
    bot: BotHarness, reflected: None
) -> None:
    bot.command(BEN.id, "my-data")

    [entry] = [e for e in audit_entries(bot) if e.action == AuditAction.DATA_EXPORTED]
    assert entry.actor == bot.services.pseudonyms.of(entry.team_id, BEN.id)
    assert BEN.id not in json.dumps([entry.actor, entry.subject, entry.details])
    assert entry.details["reflections"] == 1 and entry.details["pairs"] == 1


def test_someone_who_left_still_gets_their_data(bot: BotHarness, reflected: None) -> None:
    with bot.sessions() as session:
        session.execute(
            update(Participant)
            .where(col(Participant.slack_user_id) == BEN.id)
            .values(status=ParticipantStatus.LEFT)
        )

    bot.command(BEN.id, "my-data")

    _, data = the_file(bot, BEN.id)
    assert data["participations"][0]["status"] == "left"
    assert data["participations"][0]["reflections"][0]["learned"] == BEN_LEARNED


def test_someone_who_never_joined_is_told_kindly_that_nothing_is_stored(
    bot: BotHarness, clock: Any
) -> None:
    bot.command(CHEN.id, "my-data")

    assert bot.last_reply() == t("en", "my_data.nothing")
    assert bot.slack.files == [] and audit_entries(bot) == []


def test_an_invitation_from_a_roster_is_shown_without_naming_the_manager(
    bot: BotHarness, clock: Any
) -> None:
    with bot.sessions() as session:
        cohort = ensure_current_cohort(session, bot.slack.team_id, THURSDAY_AFTERNOON.date())
        invitee = Invitee(CHEN.id, "en-US", None, "Platform", "professional", LEAD.id)
        roster.invite(session, cohort, [invitee], lambda _: ("Join us", []), THURSDAY_AFTERNOON)

    bot.command(CHEN.id, "my-data")

    shared, data = the_file(bot, CHEN.id)
    [invitation] = data["roster_invitations"]
    assert invitation["department"] == "Platform" and invitation["career_stage"] == "professional"
    assert invitation["manager_on_record"] is True
    assert LEAD.id not in shared.data.decode()


@pytest.mark.parametrize(
    "method", ["conversations.open", "files.getUploadURLExternal", "files.completeUploadExternal"]
)
def test_a_failed_upload_is_explained_kindly_and_not_audited(
    bot: BotHarness, reflected: None, method: str
) -> None:
    bot.slack.fail(method, "file_uploads_disabled")

    bot.command(BEN.id, "my-data")

    replies = [post.body["text"] for post in bot.slack.responses[-2:]]
    assert t("en", "my_data.failed") in replies
    assert all("file_uploads_disabled" not in reply for reply in replies)
    assert [e for e in audit_entries(bot) if e.action == AuditAction.DATA_EXPORTED] == []
    assert [f for f in bot.slack.files if f.channel == "D0BEN"] == []


def test_a_german_speaker_gets_german_texts(bot: BotHarness, reflected: None) -> None:
    bot.command(JONAS.id, "my-data")

    assert bot.last_reply() == t("de", "my_data.on_its_way")
    shared, data = the_file(bot, JONAS.id)
    assert shared.title == t("de", "my_data.file_title")
    upload = bot.slack.calls_to("files.completeUploadExternal")[-1]
    assert upload.args["initial_comment"] == t("de", "my_data.file_comment")
    assert data["about"] == t("de", "my_data.file_about")
    assert data["participations"][0]["profile"]["topics_to_learn"] == [t("de", "topic.genai")]
    assert data["participations"][0]["pairs"][0]["partner_display_name"] == BEN.name


def test_an_export_in_another_workspace_holds_only_that_workspace_s_data(
    bot: BotHarness, reflected: None
) -> None:
    elsewhere = bot.in_workspace("T0OTHER")
    elsewhere.command(LEAD.id, "cohort set name Beta Circle")
    elsewhere.command(BEN.id, "join")

    elsewhere.command(BEN.id, "my-data")

    shared, data = the_file(bot, BEN.id)
    [participation] = data["participations"]
    assert participation["cohort"]["name"] == "Beta Circle" and data["workspace"] == "T0OTHER"
    assert participation["pairs"] == [] and participation["reflections"] == []
    assert BEN_LEARNED not in shared.data.decode() and CHEN.id not in shared.data.decode()
    [entry] = [e for e in audit_entries(bot) if e.action == AuditAction.DATA_EXPORTED]
    assert entry.team_id == "T0OTHER"


def test_an_introduction_withdrawn_before_i_saw_it_does_not_name_who_declined(
    bot: BotHarness, clock: Any
) -> None:
    tokyo = {"timezone": "Asia/Tokyo", "work_start": "09:00", "work_end": "19:00"}
    complete_survey(bot, AMIRA.id)
    complete_survey(bot, JONAS.id, leader=True, meeting=tokyo)  # night in Tokyo: held
    bot.command(LEAD.id, "match")
    review = latest_with(bot.slack.dms_to(LEAD.id), REVIEW_APPROVE)
    bot.click(LEAD.id, REVIEW_APPROVE, buttons(review)[REVIEW_APPROVE])
    invite = latest_with(bot.slack.dms_to(AMIRA.id), INVITE_DECLINE)
    bot.click(AMIRA.id, INVITE_DECLINE, buttons(invite)[INVITE_DECLINE])

    bot.command(JONAS.id, "my-data")
    bot.command(AMIRA.id, "my-data")

    [jonas_pair] = the_file(bot, JONAS.id)[1]["participations"][0]["pairs"]
    [amira_pair] = the_file(bot, AMIRA.id)[1]["participations"][0]["pairs"]
    assert jonas_pair["partner_display_name"] is None  # his introduction never reached him
    assert amira_pair["partner_display_name"] is not None  # she saw hers, and declined
