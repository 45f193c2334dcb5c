"""Block Kit and texts for cohort administration: the leads' cohort modal, reading what it
submits, and a cohort's settings as text.

The modal's block IDs and action IDs are the keys of `/mentoring cohort set` (see
`bot.cohort_settings`), so its values go through the same rules and each problem maps straight
onto the input that shows it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    CheckboxesElement,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    DatePickerElement,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.cohort_settings import CADENCES, K_RANGE, MAX_CAPACITY, MAX_COHORT_NAME, SETTINGS
from bot.messages import format_date, t
from bot.mrkdwn import escape
from bot.numbers import row_id
from bot.retention import RETENTION_MONTHS
from bot.typed_text import without_controls
from storage.models import Cohort

COHORT_SETTINGS = "cohort_settings"
"""A lead's button (e.g. in the Home tab) that opens the current cohort's modal."""
COHORT_SUBMIT = "cohort_submit"
JOINING = "joining"
"""The block of the open-for-joining checkbox; every other input is named by its setting key."""
NEW = "new"
"""The modal's target in `private_metadata` when it creates a cohort."""
MAX_TOPICS_SHOWN = 1500
"""Characters of topic names the modal lists (a context text holds 3000)."""


def cohort_view(
    locale: str | None,
    cohort: Cohort,
    topics: Sequence[str],
    *,
    open_elsewhere: str | None = None,
) -> dict[str, Any]:
    """The modal for a new cohort (not stored yet: no ID) or an existing one, prefilled with its
    values; `topics` are the program's topic names, `open_elsewhere` the name of another cohort
    open for joining, which ticking the box closes."""
    new = cohort.id is None
    cadences = [Option(value=c, label=t(locale, f"cadence.{c}")) for c in CADENCES]
    wins = [
        Option(value="off", label=t(locale, "cohort_modal.wins_review")),
        Option(value="on", label=t(locale, "cohort_modal.wins_auto")),
    ]
    joining = Option(value="open", label=t(locale, "cohort_modal.joining_open"))
    joining_hint = (
        t(locale, "cohort_modal.joining_hint_other", cohort=open_elsewhere)
        if open_elsewhere
        else t(locale, "cohort_modal.joining_hint")
    )
    blocks: list[Any] = [
        _input(
            locale,
            "name",
            "name",
            PlainTextInputElement(max_length=MAX_COHORT_NAME, initial_value=cohort.name or None),
            hint=True,
        ),
        _input(
            locale,
            "starts",
            "starts",
            DatePickerElement(initial_date=cohort.starts_on.isoformat()),
        ),
        _input(
            locale,
            "ends",
            "ends",
            DatePickerElement(initial_date=cohort.ends_on.isoformat()),
            hint=True,
        ),
        _input(
            locale,
            "cadence",
            "cadence",
            StaticSelectElement(options=cadences, initial_option=_chosen(cadences, cohort.cadence)),
        ),
        _input(
            locale,
            "capacity",
            "capacity",
            NumberInputElement(
                is_decimal_allowed=False,
                min_value="1",
                max_value=str(MAX_CAPACITY),
                initial_value=str(cohort.mentor_capacity),
            ),
            hint=True,
        ),
        _input(
            locale,
            "timezone",
            "timezone",
            PlainTextInputElement(max_length=64, initial_value=cohort.timezone),
            hint=True,
        ),
        _input(
            locale,
            "wins-channel",
            "channel",
            ConversationSelectElement(
                filter=ConversationFilter(include=["public"], exclude_bot_users=True),
                initial_conversation=cohort.wins_channel,
            ),
            hint=True,
            optional=True,
        ),
        _input(
            locale,
            "wins-auto",
            "wins",
            RadioButtonsElement(
                options=wins, initial_option=wins[1] if cohort.wins_auto_post else wins[0]
            ),
        ),
        _input(
            locale,
            "wins-k",
            "k",
            NumberInputElement(
                is_decimal_allowed=False,
                min_value=str(K_RANGE.start),
                max_value=str(K_RANGE.stop - 1),
                initial_value=str(cohort.wins_k),
            ),
            hint=True,
        ),
        _input(
            locale,
            "retention",
            "retention",
            NumberInputElement(
                is_decimal_allowed=False,
                min_value=str(RETENTION_MONTHS.start),
                max_value=str(RETENTION_MONTHS.stop - 1),
                initial_value=str(cohort.retention_months),
            ),
            hint=True,
        ),
        InputBlock(
            block_id=JOINING,
            label=t(locale, "cohort_modal.joining"),
            hint=joining_hint,
            optional=True,
            element=CheckboxesElement(
                action_id=JOINING,
                options=[joining],
                initial_options=[joining] if new or cohort.open_for_joining else None,
            ),
        ),
        ContextBlock(elements=[MarkdownTextObject(text=_topics_line(locale, topics))]),
    ]
    return View(
        type="modal",
        callback_id=COHORT_SUBMIT,
        private_metadata=f"{NEW if new else cohort.id}|{locale or ''}",
        title=t(locale, "cohort_modal.title_new" if new else "cohort_modal.title_edit"),
        submit=t(locale, "cohort_modal.create" if new else "reflection.save"),
        close=t(locale, "survey.close"),
        blocks=blocks,
    ).to_dict()


def _input(
    locale: str | None,
    key: str,
    label: str,
    element: Any,
    *,
    hint: bool = False,
    optional: bool = False,
) -> InputBlock:
    """An input named by its setting key, labelled (and hinted) from `cohort_modal.<label>`."""
    element.action_id = key
    return InputBlock(
        block_id=key,
        label=t(locale, f"cohort_modal.{label}"),
        hint=t(locale, f"cohort_modal.{label}_hint") if hint else None,
        element=element,
        optional=optional,
    )


def _chosen(options: list[Option], value: str) -> Option | None:
    return next((option for option in options if option.value == value), None)


def _topics_line(locale: str | None, topics: Sequence[str]) -> str:
    names = escape(", ".join(topics))
    if len(names) > MAX_TOPICS_SHOWN:
        names = names[:MAX_TOPICS_SHOWN].rsplit(", ", 1)[0] + ", …"
    return t(locale, "cohort_modal.topics", count=len(topics), names=names)


def form_values(state: dict[str, Any]) -> tuple[dict[str, str], bool]:
    """A submitted modal's `view.state.values` -> each setting key's value as a lead would type
    it after `/mentoring cohort set KEY`, and whether the cohort is to be open for joining.
    Inputs that are no setting (the joining switch; one an older modal had) are left out."""
    values: dict[str, str] = {}
    for key, actions in state.items():
        if key not in SETTINGS:
            continue
        field = actions.get(key) or {}
        if field.get("type") == "datepicker":
            values[key] = str(field.get("selected_date") or "")
        elif field.get("type") == "conversations_select":
            values[key] = str(field.get("selected_conversation") or "none")
        elif field.get("type") in ("static_select", "radio_buttons"):
            values[key] = str((field.get("selected_option") or {}).get("value") or "")
        else:
            values[key] = without_controls(str(field.get("value") or ""))
    chosen = ((state.get(JOINING) or {}).get(JOINING) or {}).get("selected_options") or []
    return values, any(option.get("value") == "open" for option in chosen)


@dataclass(frozen=True)
class Target:
    """What a submitted modal is about, from its `private_metadata`."""

    cohort_id: int | None
    """None for a new cohort."""
    locale: str | None
    """The lead's, found when the modal opened."""


def read_metadata(metadata: str) -> Target | None:
    """The modal's `private_metadata` -> its target, or None if this module did not write it."""
    target, _, locale = metadata.partition("|")
    if target == NEW:
        return Target(None, locale or None)
    cohort_id = row_id(target)
    return None if cohort_id is None else Target(cohort_id, locale or None)


def describe(locale: str | None, cohort: Cohort) -> str:
    """The cohort's settings, one per line, and whether it is open for joining."""
    settings = t(
        locale,
        "cohort.show",
        name=escape(cohort.name),
        starts=format_date(locale, cohort.starts_on),
        ends=format_date(locale, cohort.ends_on),
        cadence=t(locale, f"cadence.{cohort.cadence}"),
        capacity=cohort.mentor_capacity,
        mutual=t(locale, "switch.on" if cohort.mutual_pairs else "switch.off"),
        mode=t(locale, f"mode.{cohort.matching_mode}"),
        timezone=cohort.timezone,
        channel=f"<#{cohort.wins_channel}>" if cohort.wins_channel else t(locale, "channel.none"),
        auto=t(locale, "switch.on" if cohort.wins_auto_post else "switch.off"),
        k=cohort.wins_k,
        every=t(locale, f"cadence.{cohort.wins_every}"),
        day=t(locale, f"weekday.{cohort.wins_weekday}"),
        at=cohort.wins_time.strftime("%H:%M"),
    )
    digest = t(locale, "cohort.digest_off")
    if cohort.digest_every:
        digest = t(
            locale,
            "cohort.digest_when",
            every=t(locale, f"cadence.{cohort.digest_every}"),
            day=t(locale, f"weekday.{cohort.digest_weekday}"),
            at=cohort.digest_time.strftime("%H:%M"),
        )
    joining = "cohort.joining_is_open" if cohort.open_for_joining else "cohort.joining_is_closed"
    return "\n".join(
        (
            settings,
            t(locale, "cohort.show_digest", every=digest),
            t(locale, "cohort.show_retention", months=cohort.retention_months),
            t(locale, joining),
        )
    )
