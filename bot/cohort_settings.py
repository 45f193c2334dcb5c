"""Which cohort settings a lead may change and what values mean, for `/mentoring cohort set KEY
VALUE` and the cohort modal alike (pure)."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Final

from bot.matching import Mode
from bot.numbers import whole_number
from bot.retention import RETENTION_MONTHS
from bot.survey import is_timezone
from bot.wins_schedule import EVERY, WEEKDAY_NAMES

CADENCES: Final = ("weekly", "biweekly", "monthly")
MAX_CAPACITY: Final = 3
MAX_COHORT_NAME: Final = 100
SETTINGS: Final = {
    "name": "name",
    "starts": "starts_on",
    "ends": "ends_on",
    "cadence": "cadence",
    "capacity": "mentor_capacity",
    "mutual": "mutual_pairs",
    "mode": "matching_mode",
    "timezone": "timezone",
    "wins-channel": "wins_channel",
    "wins-auto": "wins_auto_post",
    "wins-k": "wins_k",
    "wins-every": "wins_every",
    "wins-day": "wins_weekday",
    "wins-time": "wins_time",
    "digest-every": "digest_every",
    "digest-day": "digest_weekday",
    "digest-time": "digest_time",
    "retention": "retention_months",
}
"""The key a lead types -> the cohort's field."""
K_RANGE: Final = range(2, 21)
"""k below 2 would let a single person's win be posted alone."""
MODES: Final = {"most-matched": Mode.MOST_MATCHED, "best-score": Mode.BEST_SCORE}
_CHANNEL = re.compile(r"<#(C[A-Z0-9]{2,31})(?:\|[^>]*)?>|(C[A-Z0-9]{2,31})")
_YES, _NO = ("on", "yes", "true", "ja"), ("off", "no", "false", "nein")

SettingValue = str | int | bool | date | time | None


class SettingError(ValueError):
    """The value does not fit the key; `reason` is a message-catalogue key."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Setting:
    """A parsed change: the cohort field and its new value."""

    field: str
    value: SettingValue


def parse_setting(argument: str) -> Setting:
    """`KEY VALUE` -> the change it asks for; raises SettingError with what is wrong."""
    words = argument.strip().split(maxsplit=1)
    if len(words) < 2 or words[0].lower() not in SETTINGS:
        raise SettingError("cohort.usage")
    key, value = words[0].lower(), words[1].strip()
    return Setting(SETTINGS[key], _value(key, value))


def _value(key: str, value: str) -> SettingValue:
    lowered = value.lower()
    if key == "name":
        if not value or len(value) > MAX_COHORT_NAME:
            raise SettingError("cohort.bad_name")
        return value
    if key in ("starts", "ends"):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise SettingError("cohort.bad_date") from None
    if key == "cadence":
        if lowered not in CADENCES:
            raise SettingError("cohort.bad_cadence")
        return lowered
    if key == "capacity":
        capacity = whole_number(value, MAX_CAPACITY)
        if not capacity:
            raise SettingError("cohort.bad_capacity")
        return capacity
    if key in ("mutual", "wins-auto"):
        if lowered not in _YES + _NO:
            raise SettingError("cohort.bad_switch")
        return lowered in _YES
    if key in ("wins-k", "wins-every", "wins-day", "wins-time", "digest-day", "digest-time"):
        return _wins_value(key, lowered)
    if key == "digest-every":
        if lowered in (*_NO, "none"):
            return None
        if lowered not in EVERY:
            raise SettingError("cohort.bad_cadence")
        return lowered
    if key == "retention":
        months = whole_number(value, RETENTION_MONTHS.stop - 1)
        if months is None or months not in RETENTION_MONTHS:
            raise SettingError("cohort.bad_retention")
        return months
    if key == "mode":
        mode = MODES.get(lowered.replace("_", "-"))
        if mode is None:
            raise SettingError("cohort.bad_mode")
        return mode.value
    if key == "timezone":
        if not is_timezone(value):
            raise SettingError("cohort.bad_timezone")
        return value
    return _channel(value)


def _wins_value(key: str, value: str) -> SettingValue:
    if key == "wins-k":
        k = whole_number(value, K_RANGE.stop - 1)
        if k not in K_RANGE:
            raise SettingError("cohort.bad_k")
        return k
    if key == "wins-every":
        if value not in EVERY:
            raise SettingError("cohort.bad_cadence")
        return value
    if key in ("wins-day", "digest-day"):
        if value[:3] not in WEEKDAY_NAMES:
            raise SettingError("cohort.bad_day")
        return WEEKDAY_NAMES.index(value[:3])
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise SettingError("cohort.bad_time") from None


def _channel(value: str) -> str | None:
    if value.lower() in (*_NO, "none"):
        return None
    found = _CHANNEL.fullmatch(value)
    if found is None:
        raise SettingError("cohort.bad_channel")
    return found.group(1) or found.group(2)


def parse_settings(values: Mapping[str, str]) -> tuple[list[Setting], dict[str, str]]:
    """Several changes at once (KEY -> VALUE, as in a lead's form) by the same rules as
    `parse_setting`: the changes, and each key's problem (a message-catalogue key). An end on or
    before the start is the end's problem."""
    changes: list[Setting] = []
    problems: dict[str, str] = {}
    for key, value in values.items():
        try:
            changes.append(Setting(SETTINGS[key], _value(key, value.strip())))
        except SettingError as error:
            problems[key] = error.reason
    parsed = {change.field: change.value for change in changes}
    starts, ends = parsed.get("starts_on"), parsed.get("ends_on")
    if isinstance(starts, date) and isinstance(ends, date):
        try:
            check_range(starts, ends)
        except SettingError as error:
            problems["ends"] = error.reason
    return changes, problems


def check_dates(setting: Setting, starts_on: date, ends_on: date) -> None:
    """Raise SettingError if the change would make the cohort end on or before its start."""
    starts = setting.value if setting.field == "starts_on" else starts_on
    ends = setting.value if setting.field == "ends_on" else ends_on
    assert isinstance(starts, date) and isinstance(ends, date)
    check_range(starts, ends)


def check_range(starts_on: date, ends_on: date) -> None:
    """Raise SettingError if a cohort would end on or before its start."""
    if ends_on <= starts_on:
        raise SettingError("cohort.bad_range")
