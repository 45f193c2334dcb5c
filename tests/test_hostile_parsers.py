"""The pure parsers of what people type or what a request carries, fed anything (hypothesis):
each returns a value or raises only its documented error, whose reason is a catalogue key.

No database and no Slack are involved, so these run once, not per database backend.
"""

from datetime import date
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.catalogue import parse_edit
from bot.cohort_settings import SETTINGS, Setting, SettingError, parse_setting, parse_settings
from bot.command_text import (
    LEAD_SUBCOMMANDS,
    LONGEST_PAUSE,
    PARTICIPANT_SUBCOMMANDS,
    PauseDateError,
    parse_command,
    parse_pause_until,
)
from bot.messages import MESSAGES
from bot.numbers import whole_number
from bot.reflection_answers import SCALE, score
from bot.typed_text import without_controls
from handlers.cohort_blocks import read_metadata
from handlers.survey_state import read_about, read_meeting

SUBCOMMANDS = PARTICIPANT_SUBCOMMANDS + LEAD_SUBCOMMANDS
PROPERTIES = settings(max_examples=200, deadline=None, derandomize=True, database=None)

DIGITS = st.one_of(
    st.sampled_from(["²", "١٢", "①", "0", "7", "+3", "-1", "1_0", "9" * 25]),
    st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=3),
)
"""Numbers in other scripts, superscripts, signs, underscores and overlong ones: str.isdigit or
int() accept some of them although they are no plain number."""
WORDS = st.one_of(
    st.text(max_size=30),
    DIGITS,
    st.sampled_from(["<!channel>", "<@U0BEN>", "`x`", "\x00", "\u202e", "until", "2026-12-24"]),
    st.sampled_from(sorted(SETTINGS)),
    st.dates().map(date.isoformat),
)
ARGUMENTS = st.lists(WORDS, max_size=4).map(" ".join)


@PROPERTIES
@given(
    st.one_of(
        st.none(), st.text(), st.builds("{} {}".format, st.sampled_from(SUBCOMMANDS), ARGUMENTS)
    )
)
def test_any_command_text_parses_to_a_known_subcommand(text: str | None) -> None:
    command = parse_command(text)

    assert command.name in SUBCOMMANDS
    assert command.argument == without_controls(command.argument).strip()
    if command.unknown is not None:
        assert command.name == "help" and 0 < len(command.unknown) <= 40


@PROPERTIES
@given(st.sampled_from(SUBCOMMANDS), st.booleans(), ARGUMENTS)
def test_a_subcommand_keeps_its_argument_whatever_follows(
    name: str, shout: bool, argument: str
) -> None:
    command = parse_command(f" {name.upper() if shout else name}  {argument} ")

    assert (command.name, command.argument) == (name, without_controls(argument).strip())


@PROPERTIES
@given(ARGUMENTS, st.dates(max_value=date(9000, 1, 1)))
def test_any_pause_argument_gives_a_date_within_a_year_or_a_reason(
    argument: str, today: date
) -> None:
    try:
        back_on = parse_pause_until(argument, today)
    except PauseDateError as error:
        assert error.reason in MESSAGES
        return
    assert back_on is None or today < back_on <= today + LONGEST_PAUSE


@PROPERTIES
@given(
    st.one_of(
        st.text(),
        st.builds("{} {}".format, st.sampled_from(sorted(SETTINGS)), WORDS),
        st.builds("{} {}".format, st.sampled_from(sorted(SETTINGS)), ARGUMENTS),
    )
)
@example("capacity ²")
@example("wins-k ①")
def test_any_cohort_setting_parses_or_names_its_problem(argument: str) -> None:
    try:
        setting = parse_setting(argument)
    except SettingError as error:
        assert error.reason in MESSAGES
        return
    assert isinstance(setting, Setting) and setting.field in SETTINGS.values()


@PROPERTIES
@given(st.dictionaries(st.sampled_from(sorted(SETTINGS)), WORDS))
def test_any_cohort_form_parses_or_names_each_problem(values: dict[str, str]) -> None:
    changes, problems = parse_settings(values)

    assert all(reason in MESSAGES for reason in problems.values())
    assert {change.field for change in changes} <= set(SETTINGS.values())


@PROPERTIES
@given(st.sampled_from(["topics", "departments"]), ARGUMENTS)
def test_any_catalogue_edit_parses_or_names_its_problem(name: str, argument: str) -> None:
    edit = parse_edit(argument, topics=name == "topics")

    assert edit.problem is None or edit.problem in MESSAGES
    assert edit.entry_id is None or 0 <= edit.entry_id < 2**31


@PROPERTIES
@given(st.one_of(st.text(), st.builds("{}|{}".format, DIGITS, st.text(max_size=10))))
@example("²|en")
@example("9999999999999999999999|de")
def test_any_cohort_modal_metadata_is_read_or_refused(metadata: str) -> None:
    target = read_metadata(metadata)

    assert target is None or target.cohort_id is None or 0 <= target.cohort_id < 2**31


@PROPERTIES
@given(st.one_of(st.none(), st.text(), DIGITS))
@example("²")
def test_any_reflection_score_is_on_the_scale_or_none(value: str | None) -> None:
    assert score(value) in (*SCALE, None)


@PROPERTIES
@given(st.one_of(st.text(max_size=12), DIGITS), st.integers(0, 2**40))
def test_a_whole_number_is_read_only_from_plain_digits_within_bounds(text: str, most: int) -> None:
    number = whole_number(text, most)

    assert number is None or (0 <= number <= most and text.isascii() and int(text) == number)


@PROPERTIES
@given(st.integers(0, 2**40), st.integers(0, 2**40))
def test_every_number_within_bounds_is_read(number: int, most: int) -> None:
    assert whole_number(str(number), most) == (number if number <= most else None)


JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=10,
)
SURVEY_FIELDS = st.sampled_from(
    [
        "role",
        "career_stage",
        "years_in_company",
        "department",
        "department_other",
        "teach_topics",
        "learn_topics",
        "goal",
        "work_start",
        "work_end",
        "weekdays",
        "formats",
        "languages",
        "timezone",
        "do_not_pair",
        "consent",
    ]
)
ELEMENT_STATE = st.dictionaries(
    st.sampled_from(
        ["type", "value", "selected_option", "selected_options", "selected_time", "selected_users"]
    ),
    JSON,
)


@st.composite
def survey_states(draw: Any) -> dict[str, Any]:
    """A modal's `view.state.values` with the survey's block IDs holding any JSON."""
    fields = draw(st.lists(SURVEY_FIELDS, max_size=6))
    return {field: {field: draw(st.one_of(ELEMENT_STATE, JSON))} for field in fields}


@settings(PROPERTIES, max_examples=50)
@given(survey_states())
def test_any_survey_state_reads_into_answers(values: dict[str, Any]) -> None:
    read_about(values)
    read_meeting(values, "U0BEN")
