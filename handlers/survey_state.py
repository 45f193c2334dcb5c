"""Reading a submitted survey modal's state into answers. Total: forged or odd values never raise;
they become answers that validation rejects (an unknown choice, an impossible number)."""

from datetime import datetime, time
from typing import Any, TypeVar

from bot.survey import (
    OTHER,
    AboutAnswers,
    CareerStage,
    Department,
    MeetingAnswers,
    MeetingFormat,
    Role,
)
from bot.typed_text import without_controls
from handlers.survey_views import CONSENT

UNKNOWN = -1
"""Stands for a choice that names no catalogue entry; validation reports it."""

Values = dict[str, Any]
E = TypeVar("E", Role, CareerStage, MeetingFormat)


def read_about(values: Values) -> AboutAnswers:
    """Step 1's answers from `view.state.values`."""
    years = _text(values, "years_in_company")
    department = _selected(values, "department")
    return AboutAnswers(
        role=_enum(Role, _selected(values, "role")),
        career_stage=_enum(CareerStage, _selected(values, "career_stage")),
        years_in_company=None if years is None else _number(years),
        department=_department(department),
        department_other=_text(values, "department_other") or "",
        teach_topics=frozenset(_number(v) for v in _selected_many(values, "teach_topics")),
        learn_topics=frozenset(_number(v) for v in _selected_many(values, "learn_topics")),
        goal=_text(values, "goal") or "",
    )


def read_meeting(values: Values, user_id: str) -> MeetingAnswers:
    """Step 2's answers; choosing oneself as someone not to pair with is simply dropped."""
    formats = {_enum(MeetingFormat, v) for v in _selected_many(values, "formats")}
    return MeetingAnswers(
        work_start=_time(_field(values, "work_start").get("selected_time")),
        work_end=_time(_field(values, "work_end").get("selected_time")),
        weekdays=frozenset(_number(v) for v in _selected_many(values, "weekdays")),
        formats=frozenset(f for f in formats if f is not None),
        languages=frozenset(_selected_many(values, "languages")),
        timezone=(_text(values, "timezone") or "").strip(),
        do_not_pair=frozenset(
            str(u)
            for u in _field(values, "do_not_pair").get("selected_users") or []
            if u != user_id
        ),
        consent=CONSENT in _selected_many(values, CONSENT),
    )


def _field(values: Values, name: str) -> dict[str, Any]:
    block = values.get(name)
    field = block.get(name) if isinstance(block, dict) else None
    return field if isinstance(field, dict) else {}


def _text(values: Values, name: str) -> str | None:
    value = _field(values, name).get("value")
    typed = without_controls(value) if isinstance(value, str) else ""
    return typed if typed.strip() else None


def _selected(values: Values, name: str) -> str | None:
    option = _field(values, name).get("selected_option")
    return str(option.get("value")) if isinstance(option, dict) else None


def _selected_many(values: Values, name: str) -> list[str]:
    options = _field(values, name).get("selected_options")
    if not isinstance(options, list):
        return []
    return [str(o.get("value")) for o in options if isinstance(o, dict)]


def _number(value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        return UNKNOWN


def _enum(kind: type[E], value: str | None) -> E | None:
    try:
        return kind(value) if value is not None else None
    except ValueError:
        return None


def _department(value: str | None) -> Department:
    if value is None:
        return None
    return OTHER if value == OTHER else _number(value)


def _time(value: object) -> time | None:
    """A timepicker's "HH:MM"; anything else (offsets, seconds, junk) counts as unanswered."""
    try:
        return datetime.strptime(str(value), "%H:%M").time() if value else None
    except ValueError:
        return None
