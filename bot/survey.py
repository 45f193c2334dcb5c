"""The onboarding survey: its answers and the rules they must meet (pure: no Slack, no database).

Validation returns a message-catalogue key per field that is wrong; the texts may use any of
`LIMITS` as placeholders, so the numbers in them never drift from the rules.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from functools import cache
from typing import Final, Literal
from zoneinfo import available_timezones

from bot.catalogue import MAX_NAME


class Role(StrEnum):
    """Which way digital and AI skills flow for the person."""

    TEACH = "teach"
    LEARN = "learn"
    BOTH = "both"


class CareerStage(StrEnum):
    """How far into their career the person is, most junior first."""

    EARLY = "early"
    PROFESSIONAL = "professional"
    MANAGER = "manager"
    SENIOR = "senior"


class MeetingFormat(StrEnum):
    """How a pair can hold its check-ins."""

    ASYNC = "async"
    VIDEO = "video"
    IN_PERSON = "in_person"


LANGUAGES: Final = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "uk", "ar", "hi", "zh")
"""Languages a person can mentor in, as ISO 639-1 codes (names live in the message catalogue)."""

SLACK_USER_ID: Final = re.compile(r"[UW][A-Z0-9]{2,31}")

OTHER: Final = "other"
"""The department choice "other", which needs a free-text name."""

MAX_GOAL = 500
MAX_TOPICS_PER_SIDE = 10
MAX_YEARS = 60
MAX_DO_NOT_PAIR = 20
SHORTEST_DAY = timedelta(hours=1)
LONGEST_DAY = timedelta(hours=14)
DEFAULT_WORK_START = time(9, 0)
DEFAULT_WORK_END = time(17, 0)
WEEKDAYS = range(7)
"""Monday is 0, as in Python's `date.weekday()`."""

LIMITS: Final = {
    "goal_max": MAX_GOAL,
    "topics_max": MAX_TOPICS_PER_SIDE,
    "years_max": MAX_YEARS,
    "name_max": MAX_NAME,
    "people_max": MAX_DO_NOT_PAIR,
    "shortest_hours": int(SHORTEST_DAY.total_seconds() // 3600),
    "longest_hours": int(LONGEST_DAY.total_seconds() // 3600),
}

Department = int | Literal["other"] | None
"""A catalogue department's ID, OTHER, or no choice."""


@dataclass(frozen=True)
class AboutAnswers:
    """Step 1: who I am and what I want to teach and learn."""

    role: Role | None
    career_stage: CareerStage | None
    years_in_company: int | None
    department: Department
    department_other: str
    teach_topics: frozenset[int]
    learn_topics: frozenset[int]
    goal: str


@dataclass(frozen=True)
class MeetingAnswers:
    """Step 2: when, how and in which languages I can meet; who not to pair me with; consent."""

    work_start: time | None
    work_end: time | None
    weekdays: frozenset[int]
    formats: frozenset[MeetingFormat]
    languages: frozenset[str]
    timezone: str
    do_not_pair: frozenset[str]
    consent: bool


Problems = dict[str, str]
"""Field name -> message-catalogue key of what is wrong with it."""


def validate_about(
    answers: AboutAnswers, *, topic_ids: Iterable[int], department_ids: Iterable[int]
) -> Problems:
    """What is wrong with step 1, given the program's current topics and departments."""
    problems: Problems = {}
    if answers.role is None:
        problems["role"] = "survey.error.required"
    if answers.career_stage is None:
        problems["career_stage"] = "survey.error.required"
    if answers.years_in_company is not None and not 0 <= answers.years_in_company <= MAX_YEARS:
        problems["years_in_company"] = "survey.error.years"
    _check_department(answers, set(department_ids), problems)
    _check_topics(answers, set(topic_ids), problems)
    goal = answers.goal.strip()
    if not goal:
        problems["goal"] = "survey.error.required"
    elif len(goal) > MAX_GOAL:
        problems["goal"] = "survey.error.goal_too_long"
    return problems


def _check_department(answers: AboutAnswers, known: set[int], problems: Problems) -> None:
    if answers.department is None:
        problems["department"] = "survey.error.required"
    elif answers.department == OTHER:
        other = answers.department_other.strip()
        if not other:
            problems["department_other"] = "survey.error.department_other_missing"
        elif len(other) > MAX_NAME:
            problems["department_other"] = "survey.error.name_too_long"
    elif answers.department not in known:
        problems["department"] = "survey.error.unknown_option"


def _check_topics(answers: AboutAnswers, known: set[int], problems: Problems) -> None:
    needs = {
        "teach_topics": answers.role in (Role.TEACH, Role.BOTH),
        "learn_topics": answers.role in (Role.LEARN, Role.BOTH),
    }
    chosen = {"teach_topics": answers.teach_topics, "learn_topics": answers.learn_topics}
    for field, topics in chosen.items():
        if topics - known:
            problems[field] = "survey.error.unknown_option"
        elif len(topics) > MAX_TOPICS_PER_SIDE:
            problems[field] = "survey.error.too_many_topics"
        elif needs[field] and not topics:
            problems[field] = f"survey.error.{field}_needed"
    if "learn_topics" not in problems and answers.teach_topics & answers.learn_topics:
        problems["learn_topics"] = "survey.error.topic_both_ways"


def validate_meeting(answers: MeetingAnswers) -> Problems:
    """What is wrong with step 2."""
    problems: Problems = {}
    if answers.work_start is None:
        problems["work_start"] = "survey.error.required"
    if answers.work_end is None:
        problems["work_end"] = "survey.error.required"
    elif answers.work_start is not None and not _sensible_day(answers.work_start, answers.work_end):
        problems["work_end"] = "survey.error.hours_range"
    if not answers.weekdays:
        problems["weekdays"] = "survey.error.weekdays_needed"
    elif not answers.weekdays <= set(WEEKDAYS):
        problems["weekdays"] = "survey.error.unknown_option"
    if not answers.formats:
        problems["formats"] = "survey.error.format_needed"
    if not answers.languages:
        problems["languages"] = "survey.error.language_needed"
    elif not answers.languages <= set(LANGUAGES):
        problems["languages"] = "survey.error.unknown_option"
    if not is_timezone(answers.timezone):
        problems["timezone"] = "survey.error.timezone_unknown"
    if len(answers.do_not_pair) > MAX_DO_NOT_PAIR:
        problems["do_not_pair"] = "survey.error.too_many_people"
    elif not all(SLACK_USER_ID.fullmatch(user) for user in answers.do_not_pair):
        problems["do_not_pair"] = "survey.error.unknown_option"
    if not answers.consent:
        problems["consent"] = "survey.error.consent_needed"
    return problems


def _sensible_day(start: time, end: time) -> bool:
    length = datetime.combine(datetime.min, end) - datetime.combine(datetime.min, start)
    return SHORTEST_DAY <= length <= LONGEST_DAY


def is_timezone(name: str) -> bool:
    """Whether `name` is a real IANA timezone name such as "Europe/Berlin"."""
    return name in _timezones()


@cache
def _timezones() -> frozenset[str]:
    return frozenset(available_timezones() - {"localtime", "Factory"})


def to_mask(values: Iterable[int]) -> int:
    """A set of small integers (weekdays, format positions) as a bit mask."""
    mask = 0
    for value in values:
        mask |= 1 << value
    return mask


def from_mask(mask: int, size: int) -> frozenset[int]:
    """The integers whose bits are set in `mask`."""
    return frozenset(value for value in range(size) if mask >> value & 1)


FORMAT_ORDER: Final = tuple(MeetingFormat)
"""The bit position of each meeting format in a stored mask."""
