"""Answers a person gives the survey, shared by the survey tests and the offline demo."""

from typing import Any

from bot.messages import t
from handlers.blocks import SURVEY_START
from tests.fakes.bot_harness import BotHarness
from tests.fakes.modals import option_labels
from tests.fakes.workspace import PEOPLE

BEN = PEOPLE[3]

GOAL = "Automate 3 recurring reports within 2 months"


def value_of(view: dict[str, Any], block_id: str, key: str) -> str:
    """The option value behind a default catalogue entry, as the person sees it (EN or DE)."""
    labels = {t("en", key), t("de", key)}
    return next(v for v, text in option_labels(view, block_id).items() if text in labels)


def about_answers(view: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A complete, valid step 1 for an English-speaking junior who teaches AI skills."""
    answers = {
        "role": "teach",
        "career_stage": "early",
        "years_in_company": "2",
        "department": value_of(view, "department", "department.engineering"),
        "teach_topics": [
            value_of(view, "teach_topics", "topic.genai"),
            value_of(view, "teach_topics", "topic.automation"),
        ],
        "learn_topics": [value_of(view, "learn_topics", "topic.strategy")],
        "goal": GOAL,
    }
    return {**answers, **changes}


MEETING = {
    "work_start": "08:30",
    "work_end": "16:30",
    "weekdays": ["1", "3"],
    "formats": ["video", "async"],
    "languages": ["en", "de"],
    "timezone": "Europe/London",
    "do_not_pair": [BEN.id],
    "consent": ["consent"],
}


def start_survey(bot: BotHarness, user_id: str) -> dict[str, Any]:
    """Join, press the welcome DM's button; returns the modal that opened."""
    bot.command(user_id, "join")
    bot.click(user_id, SURVEY_START, user_id)
    return bot.opened_view()


def leader_answers(view: dict[str, Any]) -> dict[str, Any]:
    """A senior leader in sales who wants to learn AI and offers strategy."""
    return about_answers(
        view,
        role="learn",
        career_stage="senior",
        department=value_of(view, "department", "department.sales"),
        teach_topics=[value_of(view, "teach_topics", "topic.strategy")],
        learn_topics=[value_of(view, "learn_topics", "topic.genai")],
        goal="Judge which AI pilots are worth funding",
    )


def complete_survey(
    bot: BotHarness,
    user_id: str,
    *,
    leader: bool = False,
    meeting: dict[str, Any] | None = None,
) -> None:
    """Join and answer both steps: as a junior who teaches AI, or as a leader who learns it."""
    step1 = start_survey(bot, user_id)
    about = leader_answers(step1) if leader else about_answers(step1)
    step2 = bot.submit(user_id, step1, about)["view"]
    answer = bot.submit(user_id, step2, {**MEETING, "do_not_pair": [], **(meeting or {})})
    assert answer == {"response_action": "clear"}
