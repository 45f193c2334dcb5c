"""Every survey view and message stays inside Slack's Block Kit limits with the largest allowed
catalogue and the longest answers (the stand-in rejects anything Slack would)."""

from sqlalchemy import update
from sqlmodel import select

from bot.catalogue import MAX_DEPARTMENTS, MAX_NAME, MAX_TOPICS, TopicKind
from bot.survey import LANGUAGES, MAX_DO_NOT_PAIR, MAX_GOAL, MAX_TOPICS_PER_SIDE, MAX_YEARS
from handlers.blocks import SURVEY_START
from handlers.survey_views import EDIT_ABOUT, EDIT_MEETING
from storage import catalogue
from storage.models import Cohort, Department, Topic
from tests.fakes.bot_harness import BotHarness
from tests.fakes.modals import option_values
from tests.fakes.workspace import PEOPLE

AMIRA = PEOPLE[2]
WORST_TEXT = "&<>"  # each grows fivefold when escaped for mrkdwn


def _longest(prefix: str) -> str:
    return (prefix + WORST_TEXT * MAX_NAME)[:MAX_NAME]


def _fill_catalogue(bot: BotHarness) -> None:
    """Replace the defaults with 100 topics and 99 departments of 75 awkward characters each."""
    with bot.sessions() as session:
        program_id = session.exec(select(Cohort)).one().program_id
        session.execute(update(Topic).values(retired=True))
        session.execute(update(Department).values(retired=True))
        for number in range(MAX_TOPICS):
            kind = TopicKind.DIGITAL if number % 2 else TopicKind.LEADERSHIP
            assert catalogue.add_topic(session, program_id, kind, _longest(f"T{number} ")) is None
        for number in range(MAX_DEPARTMENTS):
            assert catalogue.add_department(session, program_id, _longest(f"D{number} ")) is None


def test_the_largest_catalogue_and_longest_answers_fit_every_view_and_message(
    bot: BotHarness,
) -> None:
    bot.command(AMIRA.id, "join")
    _fill_catalogue(bot)

    bot.click(AMIRA.id, SURVEY_START, AMIRA.id)
    step1 = bot.opened_view()
    topics = option_values(step1, "teach_topics")
    assert len(topics) == MAX_TOPICS
    assert len(option_values(step1, "department")) == MAX_DEPARTMENTS + 1
    step2 = bot.submit(
        AMIRA.id,
        step1,
        {
            "role": "both",
            "career_stage": "senior",
            "years_in_company": str(MAX_YEARS),
            "department": "other",
            "department_other": WORST_TEXT * 25,
            "teach_topics": topics[:MAX_TOPICS_PER_SIDE],
            "learn_topics": topics[-MAX_TOPICS_PER_SIDE:],
            "goal": (WORST_TEXT * MAX_GOAL)[:MAX_GOAL],
        },
    )["view"]
    finished = bot.submit(
        AMIRA.id,
        step2,
        {
            "weekdays": [str(day) for day in range(7)],
            "formats": ["async", "video", "in_person"],
            "languages": list(LANGUAGES),
            "do_not_pair": [f"U{number:08d}" for number in range(MAX_DO_NOT_PAIR)],
            "consent": ["consent"],
        },
    )
    assert finished == {"response_action": "clear"}

    summary = bot.slack.dms_to(AMIRA.id)[-1]
    assert "all set" in summary.text
    bot.click(AMIRA.id, summary.blocks[-1]["elements"][0]["action_id"], AMIRA.id)
    for edit in (EDIT_ABOUT, EDIT_MEETING):
        bot.click(AMIRA.id, edit, AMIRA.id, container="modal")
    assert [c.method for c in bot.slack.calls if c.method.startswith("views.")][-3:] == [
        "views.open",
        "views.update",
        "views.update",
    ]
    assert all(call.ok for call in bot.slack.calls), [c.error for c in bot.slack.calls if not c.ok]
    edit_about = bot.slack.calls_to("views.update")[0].args["view"]
    assert len(option_values(edit_about, "teach_topics")) == MAX_TOPICS
