"""The onboarding survey through Bolt's real pipeline: two modal steps, drafts, resuming,
validation, the profile and editing it, German, and forged input."""

from typing import Any

import pytest
from sqlmodel import select

from handlers.blocks import SURVEY_START
from handlers.survey_state import read_about
from handlers.survey_views import EDIT_ABOUT, SURVEY_ABOUT, SURVEY_MEETING
from storage import participants, profiles
from storage.models import (
    DoNotPair,
    OutboxMessage,
    Participant,
    Profile,
    ProfileLanguage,
    ProfileTopic,
)
from tests.fakes.bot_harness import BotHarness
from tests.fakes.modals import fill, input_labels, option_labels
from tests.fakes.survey_answers import (
    GOAL,
    MEETING,
    about_answers,
    complete_survey,
    start_survey,
    value_of,
)
from tests.fakes.workspace import LEAD, PEOPLE

LEA, JONAS, AMIRA, BEN = PEOPLE[0], PEOPLE[1], PEOPLE[2], PEOPLE[3]


def participant(bot: BotHarness, user_id: str) -> Participant:
    with bot.sessions() as session:
        return session.exec(select(Participant).where(Participant.slack_user_id == user_id)).one()


def test_the_welcome_button_opens_step_one_in_a_modal(bot: BotHarness) -> None:
    view = start_survey(bot, AMIRA.id)

    assert view["callback_id"] == SURVEY_ABOUT
    assert view["title"]["text"] == "Mentoring survey 1/2"
    assert list(input_labels(view)) == [
        "role",
        "career_stage",
        "years_in_company",
        "department",
        "department_other",
        "teach_topics",
        "learn_topics",
        "goal",
    ]
    assert all(
        b.get("hint")
        for b in view["blocks"]
        if b["type"] == "input" and b["block_id"] != "department_other"
    )


def test_a_complete_survey_saves_a_normalised_profile_and_sends_a_summary(bot: BotHarness) -> None:
    step1 = start_survey(bot, AMIRA.id)

    answer = bot.submit(AMIRA.id, step1, about_answers(step1))

    assert answer["response_action"] == "update"
    step2 = answer["view"]
    assert step2["callback_id"] == SURVEY_MEETING
    assert participant(bot, AMIRA.id).survey_completed_at is None

    assert bot.submit(AMIRA.id, step2, MEETING) == {"response_action": "clear"}

    amira = participant(bot, AMIRA.id)
    assert amira.survey_completed_at is not None
    assert (amira.timezone, f"{amira.work_start:%H:%M}", f"{amira.work_end:%H:%M}") == (
        "Europe/London",
        "08:30",
        "16:30",
    )
    with bot.sessions() as session:
        profile = session.get(Profile, amira.id)
        topics = session.exec(select(ProfileTopic.direction, ProfileTopic.topic_id)).all()
        languages = session.exec(select(ProfileLanguage.language)).all()
        excluded = session.exec(select(DoNotPair.excluded_user_id)).all()
    assert profile is not None
    assert (profile.role, profile.career_stage, profile.years_in_company) == ("teach", "early", 2)
    assert profile.goal == GOAL and profile.consent_at is not None
    assert sorted(direction for direction, _ in topics) == ["learn", "teach", "teach"]
    assert sorted(languages) == ["de", "en"]
    assert excluded == [BEN.id]
    summary = bot.slack.dms_to(AMIRA.id)[-1]
    assert "You're all set" in summary.text
    shown = "\n".join(b["text"]["text"] for b in summary.blocks or [] if b["type"] == "section")
    assert GOAL in shown and "Generative AI and prompting" in shown and "Strategy" in shown
    assert "08:30 to 16:30 (Europe/London)" in shown and "Tue, Thu" in shown
    assert "*Not to be paired with:* 1 (confidential)" in shown
    assert BEN.id not in shown and "Ben" not in shown
    assert "My profile" in str(bot.slack.home_views[AMIRA.id])


def test_an_abandoned_survey_resumes_at_the_step_where_it_stopped(bot: BotHarness) -> None:
    step1 = start_survey(bot, AMIRA.id)
    bot.submit(AMIRA.id, step1, about_answers(step1))  # then closes step 2 with "Later"

    bot.command(AMIRA.id, "profile")

    resumed = bot.opened_view()
    assert resumed["callback_id"] == SURVEY_MEETING
    assert "Step 1 is saved" in str(resumed["blocks"][0])
    assert bot.submit(AMIRA.id, resumed, MEETING) == {"response_action": "clear"}
    with bot.sessions() as session:
        profile = session.get(Profile, participant(bot, AMIRA.id).id)
    assert profile is not None and profile.goal == GOAL


def test_step_two_is_prefilled_from_slack_with_sensible_defaults(bot: BotHarness) -> None:
    step1 = start_survey(bot, LEA.id)
    step2 = bot.submit(
        LEA.id, step1, about_answers(step1, department="other", department_other="Einkauf")
    )["view"]

    fields = {b["block_id"]: b["element"] for b in step2["blocks"] if b["type"] == "input"}
    assert fields["timezone"]["initial_value"] == "Europe/Berlin"
    assert (fields["work_start"]["initial_time"], fields["work_end"]["initial_time"]) == (
        "09:00",
        "17:00",
    )
    assert [o["value"] for o in fields["weekdays"]["initial_options"]] == ["0", "1", "2", "3", "4"]
    assert [o["value"] for o in fields["languages"]["initial_options"]] == ["de"]
    assert "initial_options" not in fields["consent"]


def test_the_profile_shows_my_answers_and_edits_keep_me_complete(bot: BotHarness) -> None:
    complete_survey(bot, AMIRA.id)
    completed_at = participant(bot, AMIRA.id).survey_completed_at
    summaries = len(bot.slack.dms_to(AMIRA.id))

    bot.command(AMIRA.id, "profile")
    profile = bot.opened_view()
    assert profile["title"]["text"] == "Your profile"
    assert GOAL in str(profile["blocks"])

    bot.click(AMIRA.id, EDIT_ABOUT, AMIRA.id, container="modal")
    form = bot.opened_view()
    assert bot.slack.calls_to("views.update")[-1].args["view_id"] == "V0MODAL"
    assert form["title"]["text"] == "Edit your profile"
    goal = next(b for b in form["blocks"] if b.get("block_id") == "goal")
    assert goal["element"]["initial_value"] == GOAL

    answer = bot.submit(AMIRA.id, form, {"goal": "Post on LinkedIn every week", "role": "both"})

    assert answer["response_action"] == "update"
    assert "Saved" in str(answer["view"]["blocks"][0])
    assert "Post on LinkedIn every week" in str(answer["view"]["blocks"])
    assert participant(bot, AMIRA.id).survey_completed_at == completed_at
    assert len(bot.slack.dms_to(AMIRA.id)) == summaries
    with bot.sessions() as session:
        topics = session.exec(select(ProfileTopic)).all()
    assert len(topics) == 3  # the untouched topic answers stayed as they were


def test_the_home_tab_button_opens_the_survey_and_then_the_profile(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")

    bot.click(AMIRA.id, SURVEY_START, AMIRA.id, container="view")
    assert bot.opened_view()["callback_id"] == SURVEY_ABOUT

    complete_survey(bot, AMIRA.id)
    bot.click(AMIRA.id, SURVEY_START, AMIRA.id, container="view")
    assert bot.opened_view()["title"]["text"] == "Your profile"


def test_a_save_for_someone_who_left_meanwhile_writes_nothing(bot: BotHarness) -> None:
    step1 = start_survey(bot, AMIRA.id)
    answers = read_about(fill(step1, about_answers(step1)))
    amira = participant(bot, AMIRA.id)
    with bot.sessions() as session:
        membership = participants.current_membership(session, bot.slack.team_id, AMIRA.id)
        assert membership is not None
        participants.leave(session, membership, amira.joined_at)

    with bot.sessions() as session:
        assert amira.id is not None
        outcome = profiles.save_about(session, amira.id, answers, amira.joined_at)

    assert outcome == profiles.SaveOutcome.NOT_JOINED
    with bot.sessions() as session:
        assert session.exec(select(Profile)).all() == []


def test_someone_elses_survey_button_is_refused(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")

    bot.click(BEN.id, SURVEY_START, AMIRA.id)

    assert bot.slack.calls_to("views.open") == []
    assert "belongs to someone else" in bot.last_reply()


def test_the_profile_command_asks_people_who_have_not_joined_to_join(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "profile")

    assert bot.slack.calls_to("views.open") == []
    assert "/mentoring join" in bot.last_reply()


def test_a_submission_after_leaving_saves_nothing_and_says_why(bot: BotHarness) -> None:
    step1 = start_survey(bot, AMIRA.id)
    bot.command(AMIRA.id, "leave")
    bot.click(AMIRA.id, "leave_confirm", AMIRA.id)

    answer = bot.submit(AMIRA.id, step1, about_answers(step1))

    assert answer["response_action"] == "update"
    assert "haven't saved this" in str(answer["view"]["blocks"])
    with bot.sessions() as session:
        assert session.exec(select(Profile)).all() == []


def test_when_the_modal_cannot_open_the_person_is_told(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")
    bot.slack.fail("views.open", "expired_trigger_id")

    bot.click(AMIRA.id, SURVEY_START, AMIRA.id)

    assert "couldn't open the survey" in bot.last_reply()


def test_german_speakers_get_the_survey_and_summary_in_german(bot: BotHarness) -> None:
    step1 = start_survey(bot, LEA.id)
    assert step1["title"]["text"] == "Mentoring-Umfrage 1/2"
    assert input_labels(step1)["goal"] == "Mein Ziel für das Programm"
    assert "Generative KI und Prompting" in option_labels(step1, "teach_topics").values()

    errors = bot.submit(LEA.id, step1, about_answers(step1, teach_topics=[]))["errors"]
    assert errors == {
        "teach_topics": "Du möchtest vermitteln: Bitte wähle mindestens ein Thema, das du"
        " vermitteln kannst."
    }
    step2 = bot.submit(LEA.id, step1, about_answers(step1))["view"]
    assert step2["submit"]["text"] == "Abschließen"
    bot.submit(LEA.id, step2, MEETING)

    summary = bot.slack.dms_to(LEA.id)[-1]
    assert "Alles erledigt" in summary.text
    assert "Generative KI und Prompting" in str(summary.blocks)


def test_a_new_survey_never_counts_as_complete_before_both_steps(bot: BotHarness) -> None:
    step1 = start_survey(bot, JONAS.id)
    bot.submit(JONAS.id, step1, about_answers(step1))

    bot.command(JONAS.id, "status")

    assert participant(bot, JONAS.id).survey_completed_at is None
    assert "• Umfrage: noch offen" in bot.last_reply()  # Jonas reads German


def test_the_lead_help_lists_the_catalogue_commands(bot: BotHarness) -> None:
    bot.command(LEAD.id, "help")
    assert "/mentoring topics" in bot.last_reply()

    bot.command(AMIRA.id, "help")
    assert "/mentoring topics" not in bot.last_reply()


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"role": None}, "role", "Please answer this."),
        ({"career_stage": None}, "career_stage", "Please answer this."),
        ({"years_in_company": "61"}, "years_in_company", "from 0 to 60"),
        ({"years_in_company": "-1"}, "years_in_company", "from 0 to 60"),
        ({"department": None}, "department", "Please answer this."),
        ({"department": "other"}, "department_other", "please name your department"),
        ({"department": "other", "department_other": "x" * 76}, "department_other", "75"),
        ({"teach_topics": []}, "teach_topics", "at least one topic you can teach"),
        ({"role": "learn", "learn_topics": []}, "learn_topics", "at least one topic you want"),
        ({"role": "both", "teach_topics": []}, "teach_topics", "at least one topic you can"),
        ({"goal": "   "}, "goal", "Please answer this."),
        ({"goal": "x" * 501}, "goal", "to 500 characters"),
    ],
)
def test_every_step_one_error_is_shown_inline_and_saves_nothing(
    bot: BotHarness, changes: dict[str, Any], field: str, says: str
) -> None:
    step1 = start_survey(bot, AMIRA.id)

    answer = bot.submit(AMIRA.id, step1, about_answers(step1, **changes))

    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == [field]
    assert says in answer["errors"][field]
    with bot.sessions() as session:
        assert session.exec(select(Profile)).all() == []
        assert session.exec(select(ProfileTopic)).all() == []


def test_a_topic_taught_and_learned_at_once_is_an_error(bot: BotHarness) -> None:
    step1 = start_survey(bot, AMIRA.id)
    strategy = value_of(step1, "learn_topics", "topic.strategy")

    answer = bot.submit(AMIRA.id, step1, about_answers(step1, teach_topics=[strategy]))

    assert answer["errors"] == {
        "learn_topics": "A topic can't be both one you teach and one you learn. Please pick it"
        " only once."
    }


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"work_start": "17:00", "work_end": "09:00"}, "work_end", "1 to 14 hours"),
        ({"work_start": "09:00", "work_end": "09:30"}, "work_end", "1 to 14 hours"),
        ({"work_start": "06:00", "work_end": "21:00"}, "work_end", "1 to 14 hours"),
        ({"work_start": None}, "work_start", "Please answer this."),
        ({"weekdays": []}, "weekdays", "at least one day"),
        ({"formats": []}, "formats", "at least one way to meet"),
        ({"languages": []}, "languages", "at least one language"),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone", "I don't know this timezone"),
        ({"timezone": "localtime"}, "timezone", "I don't know this timezone"),
        ({"consent": []}, "consent", "Please confirm this"),
    ],
)
def test_every_step_two_error_is_shown_inline_and_saves_nothing(
    bot: BotHarness, changes: dict[str, Any], field: str, says: str
) -> None:
    step1 = start_survey(bot, AMIRA.id)
    step2 = bot.submit(AMIRA.id, step1, about_answers(step1))["view"]
    before = participant(bot, AMIRA.id)

    answer = bot.submit(AMIRA.id, step2, {**MEETING, "timezone": "Asia/Tokyo", **changes})

    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == [field]
    assert says in answer["errors"][field]
    after = participant(bot, AMIRA.id)
    assert (after.timezone, after.work_start, after.survey_completed_at) == (
        before.timezone,
        before.work_start,
        None,
    )
    with bot.sessions() as session:
        assert session.exec(select(ProfileLanguage)).all() == []
        assert session.exec(select(DoNotPair)).all() == []


@pytest.mark.parametrize(
    "changes",
    [
        {"teach_topics": ["999999"]},
        {"teach_topics": ["not-a-number"]},
        {"department": "424242"},
        {"role": "admin"},
    ],
)
def test_forged_choices_are_rejected_not_stored(bot: BotHarness, changes: dict[str, Any]) -> None:
    step1 = start_survey(bot, AMIRA.id)

    answer = bot.submit(AMIRA.id, step1, about_answers(step1, **changes), forged=True)

    assert answer["response_action"] == "errors"
    with bot.sessions() as session:
        assert session.exec(select(Profile)).all() == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"work_start": "09:00+05:00"}, "work_start"),
        ({"work_end": "25:00"}, "work_end"),
        ({"weekdays": ["9"]}, "weekdays"),
        ({"formats": ["carrier pigeon"]}, "formats"),
        ({"languages": ["xx"]}, "languages"),
        ({"do_not_pair": ["x" * 40]}, "do_not_pair"),
        ({"do_not_pair": [f"U{n:08d}" for n in range(21)]}, "do_not_pair"),
    ],
)
def test_forged_step_two_answers_are_rejected_not_stored(
    bot: BotHarness, changes: dict[str, Any], field: str
) -> None:
    step1 = start_survey(bot, AMIRA.id)
    step2 = bot.submit(AMIRA.id, step1, about_answers(step1))["view"]

    answer = bot.submit(AMIRA.id, step2, {**MEETING, **changes}, forged=True)

    assert answer["response_action"] == "errors" and field in answer["errors"]
    assert participant(bot, AMIRA.id).survey_completed_at is None


def test_a_failing_save_keeps_the_modal_open_and_says_nothing_was_saved(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    step1 = start_survey(bot, AMIRA.id)

    def database_down(*args: object) -> None:
        raise ConnectionError("the database went away")

    monkeypatch.setattr(profiles, "save_about", database_down)
    answer = bot.submit(AMIRA.id, step1, about_answers(step1))

    assert answer["response_action"] == "update"
    assert "nothing was saved" in str(answer["view"]["blocks"])


def test_choosing_myself_as_do_not_pair_is_ignored(bot: BotHarness) -> None:
    step1 = start_survey(bot, AMIRA.id)
    step2 = bot.submit(AMIRA.id, step1, about_answers(step1))["view"]

    bot.submit(AMIRA.id, step2, {**MEETING, "do_not_pair": [AMIRA.id, BEN.id]})

    with bot.sessions() as session:
        assert session.exec(select(DoNotPair.excluded_user_id)).all() == [BEN.id]


def test_the_summary_dm_is_queued_with_the_save_and_retried_if_slack_fails(
    bot: BotHarness,
) -> None:
    step1 = start_survey(bot, AMIRA.id)
    step2 = bot.submit(AMIRA.id, step1, about_answers(step1))["view"]
    bot.slack.fail("chat.postMessage", "internal_error", status=500)

    assert bot.submit(AMIRA.id, step2, MEETING) == {"response_action": "clear"}

    with bot.sessions() as session:
        summary = session.exec(
            select(OutboxMessage).where(OutboxMessage.kind == "profile_summary")
        ).one()
    assert (summary.state, summary.attempts) == ("pending", 1)
