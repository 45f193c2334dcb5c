"""Block Kit for the survey: the two step modals, the profile modal, and the summary blocks.

Block IDs and action IDs are the answer's field name (see `bot.survey`), so validation problems map
straight onto the inputs that show them.
"""

from collections.abc import Iterable
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    OptionGroup,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticMultiSelectElement,
    StaticSelectElement,
    TimePickerElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.catalogue import TopicKind
from bot.messages import language, t
from bot.mrkdwn import escape
from bot.survey import (
    DEFAULT_WORK_END,
    DEFAULT_WORK_START,
    LANGUAGES,
    LIMITS,
    MAX_DO_NOT_PAIR,
    MAX_GOAL,
    MAX_TOPICS_PER_SIDE,
    MAX_YEARS,
    OTHER,
    WEEKDAYS,
    AboutAnswers,
    CareerStage,
    MeetingAnswers,
    MeetingFormat,
    Role,
)
from handlers.blocks import SURVEY_START, Blocks
from storage.catalogue import Catalogue, entry_label

SURVEY_ABOUT = "survey_about"
SURVEY_MEETING = "survey_meeting"
PROFILE_VIEW = "profile"
EDIT_ABOUT = "profile_edit_about"
EDIT_MEETING = "profile_edit_meeting"
CONSENT = "consent"
SECTION_LIMIT = 3000
WORKDAYS = frozenset(range(5))


def _text(locale: str | None, key: str) -> str:
    return t(locale, key, **LIMITS)


def _option(value: object, label: str) -> Option:
    return Option(value=str(value), label=label)


def _input(
    locale: str | None,
    field: str,
    element: Any,
    *,
    label: str,
    hint: str | None = None,
    optional: bool = False,
) -> InputBlock:
    element.action_id = field
    return InputBlock(
        block_id=field,
        label=_text(locale, label),
        hint=_text(locale, hint) if hint else None,
        element=element,
        optional=optional,
    )


def _modal(
    locale: str | None,
    callback_id: str,
    title: str,
    blocks: list[Any],
    *,
    submit: str | None,
    close: str,
) -> dict[str, Any]:
    return View(
        type="modal",
        callback_id=callback_id,
        title=t(locale, title),
        submit=t(locale, submit) if submit else None,
        close=t(locale, close),
        blocks=blocks,
    ).to_dict()


def about_view(
    locale: str | None, catalogue: Catalogue, saved: AboutAnswers | None, *, editing: bool
) -> dict[str, Any]:
    """Step 1: role, career stage, years, department, topics to teach and learn, goal."""
    roles = [_option(role, t(locale, f"role.{role}")) for role in Role]
    stages = [_option(stage, t(locale, f"stage.{stage}")) for stage in CareerStage]
    departments = [
        _option(d.id, entry_label(locale, d)) for d in catalogue.offered_departments(saved)
    ] + [_option(OTHER, t(locale, "survey.department.other"))]
    blocks: list[Any] = []
    if not editing:
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=t(locale, "survey.intro_about"))])
        )
    blocks += [
        _input(
            locale,
            "role",
            RadioButtonsElement(options=roles, initial_option=_pick(roles, saved and saved.role)),
            label="survey.role.label",
            hint="survey.role.hint",
        ),
        _input(
            locale,
            "career_stage",
            StaticSelectElement(
                options=stages, initial_option=_pick(stages, saved and saved.career_stage)
            ),
            label="survey.stage.label",
            hint="survey.stage.hint",
        ),
        _input(
            locale,
            "years_in_company",
            NumberInputElement(
                is_decimal_allowed=False,
                min_value=0,
                max_value=MAX_YEARS,
                initial_value=saved.years_in_company if saved else None,
            ),
            label="survey.years.label",
            hint="survey.years.hint",
            optional=True,
        ),
        _input(
            locale,
            "department",
            StaticSelectElement(
                options=departments, initial_option=_pick(departments, saved and saved.department)
            ),
            label="survey.department.label",
            hint="survey.department.hint",
        ),
        _input(
            locale,
            "department_other",
            PlainTextInputElement(
                max_length=LIMITS["name_max"],
                initial_value=(saved.department_other or None) if saved else None,
            ),
            label="survey.department_other.label",
            optional=True,
        ),
        _topics_input(locale, catalogue, "teach_topics", saved),
        _topics_input(locale, catalogue, "learn_topics", saved),
        _input(
            locale,
            "goal",
            PlainTextInputElement(
                multiline=True,
                max_length=MAX_GOAL,
                placeholder=t(locale, "survey.goal.placeholder"),
                initial_value=(saved.goal or None) if saved else None,
            ),
            label="survey.goal.label",
            hint="survey.goal.hint",
        ),
    ]
    return _modal(
        locale,
        SURVEY_ABOUT,
        "survey.title_edit" if editing else "survey.title_about",
        blocks,
        submit="survey.save" if editing else "survey.next",
        close="survey.cancel" if editing else "survey.later",
    )


def _topics_input(
    locale: str | None, catalogue: Catalogue, field: str, saved: AboutAnswers | None
) -> InputBlock:
    groups, every = [], []
    for kind in TopicKind:
        options = [
            _option(topic.id, entry_label(locale, topic))
            for topic in catalogue.offered_topics(saved)
            if topic.kind == kind
        ]
        if options:
            groups.append(OptionGroup(label=t(locale, f"survey.group.{kind}"), options=options))
            every += options
    chosen = getattr(saved, field) if saved else ()
    initial = _pick_many(every, chosen)
    direction = field.removesuffix("_topics")
    return _input(
        locale,
        field,
        StaticMultiSelectElement(
            placeholder=t(locale, "survey.topics.placeholder"),
            option_groups=groups,
            initial_options=initial or None,
            max_selected_items=MAX_TOPICS_PER_SIDE,
        ),
        label=f"survey.{direction}.label",
        hint=f"survey.{direction}.hint",
        optional=True,
    )


def meeting_view(
    locale: str | None, saved: MeetingAnswers | None, *, timezone: str, editing: bool
) -> dict[str, Any]:
    """Step 2: working hours and timezone, days, formats, languages, do-not-pair, consent."""
    days = [_option(day, t(locale, f"weekday.{day}")) for day in WEEKDAYS]
    formats = [_option(kind, t(locale, f"format.{kind}")) for kind in MeetingFormat]
    languages = [_option(code, t(locale, f"language.{code}")) for code in LANGUAGES]
    consent = [_option(CONSENT, t(locale, "survey.consent.option"))]
    start = saved.work_start if saved and saved.work_start else DEFAULT_WORK_START
    end = saved.work_end if saved and saved.work_end else DEFAULT_WORK_END
    spoken = saved.languages if saved else {language(locale)}
    blocks: list[Any] = []
    if not editing:
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=t(locale, "survey.intro_meeting"))])
        )
    blocks += [
        _input(
            locale,
            "work_start",
            TimePickerElement(initial_time=f"{start:%H:%M}"),
            label="survey.work_start.label",
            hint="survey.work_start.hint",
        ),
        _input(
            locale,
            "work_end",
            TimePickerElement(initial_time=f"{end:%H:%M}"),
            label="survey.work_end.label",
            hint="survey.work_end.hint",
        ),
        _input(
            locale,
            "timezone",
            PlainTextInputElement(
                max_length=64, initial_value=saved.timezone if saved else timezone
            ),
            label="survey.timezone.label",
            hint="survey.timezone.hint",
        ),
        _input(
            locale,
            "weekdays",
            CheckboxesElement(
                options=days,
                initial_options=_pick_many(days, saved.weekdays if saved else WORKDAYS),
            ),
            label="survey.weekdays.label",
        ),
        _input(
            locale,
            "formats",
            CheckboxesElement(
                options=formats,
                initial_options=_pick_many(formats, saved.formats if saved else ()) or None,
            ),
            label="survey.formats.label",
        ),
        _input(
            locale,
            "languages",
            StaticMultiSelectElement(
                placeholder=t(locale, "survey.languages.placeholder"),
                options=languages,
                initial_options=_pick_many(languages, spoken) or None,
            ),
            label="survey.languages.label",
        ),
        _input(
            locale,
            "do_not_pair",
            UserMultiSelectElement(
                placeholder=t(locale, "survey.do_not_pair.placeholder"),
                initial_users=sorted(saved.do_not_pair) if saved and saved.do_not_pair else None,
                max_selected_items=MAX_DO_NOT_PAIR,
            ),
            label="survey.do_not_pair.label",
            hint="survey.do_not_pair.hint",
            optional=True,
        ),
        _input(
            locale,
            CONSENT,
            CheckboxesElement(
                options=consent, initial_options=consent if saved and saved.consent else None
            ),
            label="survey.consent.label",
        ),
    ]
    return _modal(
        locale,
        SURVEY_MEETING,
        "survey.title_edit" if editing else "survey.title_meeting",
        blocks,
        submit="survey.save" if editing else "survey.finish",
        close="survey.cancel" if editing else "survey.later",
    )


def _pick(options: list[Option], value: object) -> Option | None:
    return next((option for option in options if option.value == str(value)), None)


def _pick_many(options: list[Option], values: Iterable[object]) -> list[Option]:
    """The options among `options` whose values were chosen (retired entries drop out)."""
    wanted = {str(value) for value in values}
    return [option for option in options if option.value in wanted]


def profile_view(
    locale: str | None,
    user_id: str,
    catalogue: Catalogue,
    about: AboutAnswers,
    meeting: MeetingAnswers,
    *,
    just_saved: bool,
) -> dict[str, Any]:
    """The person's answers, with buttons to edit either step."""
    blocks: list[Any] = []
    if just_saved:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t(locale, "profile.saved"))]))
    blocks += summary_blocks(locale, catalogue, about, meeting)
    blocks.append(
        ActionsBlock(
            elements=[
                ButtonElement(
                    text=t(locale, "profile.edit_about"), action_id=EDIT_ABOUT, value=user_id
                ),
                ButtonElement(
                    text=t(locale, "profile.edit_meeting"), action_id=EDIT_MEETING, value=user_id
                ),
            ]
        )
    )
    return _modal(
        locale, PROFILE_VIEW, "survey.title_profile", blocks, submit=None, close="survey.close"
    )


def notice_view(locale: str | None, key: str) -> dict[str, Any]:
    """A modal that only says something (e.g. why nothing was saved)."""
    blocks = [SectionBlock(text=MarkdownTextObject(text=t(locale, key)))]
    return _modal(
        locale, PROFILE_VIEW, "survey.title_profile", blocks, submit=None, close="survey.close"
    )


def summary_blocks(
    locale: str | None, catalogue: Catalogue, about: AboutAnswers, meeting: MeetingAnswers
) -> list[SectionBlock]:
    """The profile as a few sections, each within Slack's section limit however long the answers."""
    names = {topic.id: escape(entry_label(locale, topic)) for topic in catalogue.topics}
    departments = {d.id: escape(entry_label(locale, d)) for d in catalogue.departments}
    missing = t(locale, "profile.not_answered")
    department = (
        escape(about.department_other)
        if about.department == OTHER
        else departments.get(about.department or 0, missing)
    )
    who = [
        t(locale, "profile.role", value=t(locale, f"role.{about.role}") if about.role else missing),
        t(
            locale,
            "profile.stage",
            value=t(locale, f"stage.{about.career_stage}") if about.career_stage else missing,
        ),
        t(
            locale,
            "profile.years",
            value=missing if about.years_in_company is None else about.years_in_company,
        ),
        t(locale, "profile.department", value=department),
    ]
    when = [
        t(
            locale,
            "profile.hours",
            start=f"{meeting.work_start:%H:%M}",
            end=f"{meeting.work_end:%H:%M}",
            timezone=escape(meeting.timezone),
        ),
        t(locale, "profile.weekdays", value=_listed(locale, "weekday", sorted(meeting.weekdays))),
        t(locale, "profile.formats", value=_listed(locale, "format", sorted(meeting.formats))),
        t(
            locale,
            "profile.languages",
            value=_listed(locale, "language", sorted(meeting.languages)),
        ),
        t(locale, "profile.do_not_pair", count=len(meeting.do_not_pair)),
    ]
    texts = [
        "\n".join(who),
        _topic_line(
            locale, "profile.teach", [names[i] for i in sorted(about.teach_topics) if i in names]
        ),
        _topic_line(
            locale, "profile.learn", [names[i] for i in sorted(about.learn_topics) if i in names]
        ),
        t(locale, "profile.goal", value=escape(about.goal)),
        "\n".join(when),
    ]
    return [SectionBlock(text=MarkdownTextObject(text=text)) for text in texts]


def _listed(locale: str | None, prefix: str, values: Iterable[object]) -> str:
    return ", ".join(t(locale, f"{prefix}.{value}") for value in values) or t(
        locale, "profile.not_answered"
    )


def _topic_line(locale: str | None, key: str, names: list[str]) -> str:
    """A line of topic names that never outgrows a section: "…, and 3 more" when it would."""
    empty = t(locale, key, value=t(locale, "profile.not_answered"))
    if not names:
        return empty
    for shown in range(len(names), 0, -1):
        value = ", ".join(names[:shown])
        if shown < len(names):
            value += " " + t(locale, "profile.more", count=len(names) - shown)
        line = t(locale, key, value=value)
        if len(line) <= SECTION_LIMIT:
            return line
    return t(locale, key, value=t(locale, "profile.more", count=len(names)))


def summary_message(
    locale: str | None,
    user_id: str,
    catalogue: Catalogue,
    about: AboutAnswers,
    meeting: MeetingAnswers,
) -> Blocks:
    """The DM when the survey is complete: what happens next, the profile, and a button to it."""
    blocks: list[Any] = [SectionBlock(text=MarkdownTextObject(text=t(locale, "profile.complete")))]
    blocks += summary_blocks(locale, catalogue, about, meeting)
    blocks.append(_open_button(locale, "profile.open", user_id))
    return [block.to_dict() for block in blocks]


def reminder_message(locale: str | None, user_id: str) -> Blocks:
    """The one reminder for an unfinished survey."""
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=t(locale, "survey.reminder"))),
        _open_button(locale, "survey.continue", user_id),
    ]
    return [block.to_dict() for block in blocks]


def _open_button(locale: str | None, label: str, user_id: str) -> ActionsBlock:
    return ActionsBlock(
        elements=[
            ButtonElement(
                text=t(locale, label), action_id=SURVEY_START, value=user_id, style="primary"
            )
        ]
    )
