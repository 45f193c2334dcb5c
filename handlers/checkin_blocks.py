"""Block Kit for check-ins: the nudge with its buttons, what a nudge becomes once answered, and the
pair's notes. A pair's messages are in their shared language, or in both of theirs.

Blocks are plain dicts (a tick builds thousands of nudges; slack_sdk's models validate each one
slowly); the lengths Slack allows are enforced here, and the test suite checks every message the
bot sends against Slack's Block Kit schema.
"""

from collections.abc import Sequence
from typing import Any

from bot.checkin_schedule import PairHours, local_day, sessions_between
from bot.messages import language, t
from bot.mrkdwn import escape
from handlers.match_blocks import Blocks, TopicName
from storage.checkins import PairInfo, Press
from storage.models import CheckIn, Pair

BUTTON_ACTIONS = {
    Press.MET: "checkin_met",
    Press.NOT_YET: "checkin_not_yet",
    Press.SKIP: "checkin_skip",
    Press.PAUSE: "checkin_pause",
    Press.HELP: "checkin_help",
}
PAIR_RESUME = "pair_resume"
QUESTIONS = 3
GOAL_SHOWN = 150


def pair_languages(locales: Sequence[str | None]) -> list[str]:
    """The catalogue languages of a pair's people, each once, in order."""
    return list(dict.fromkeys(language(locale) for locale in locales))


def section(text: str) -> dict[str, Any]:
    """A mrkdwn section, cut to Slack's 3,000 characters."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}}


def _button(languages: list[str], key: str, action_id: str, value: str) -> dict[str, Any]:
    label = " / ".join(t(lang, key) for lang in languages)
    if len(label) > 75:  # Slack's limit for a button: the first language's label alone
        label = t(languages[0], key)
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": label[:75]},
        "action_id": action_id,
        "value": value,
    }


def _actions(buttons: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "actions", "elements": buttons}


def _short(goal: str) -> str:
    goal = " ".join(goal.split()) or "…"
    return escape(goal if len(goal) <= GOAL_SHOWN else goal[: GOAL_SHOWN - 1] + "…")


def nudge_message(
    info: PairInfo, checkin: CheckIn, hours: PairHours, topic_name: TopicName, *, reminder: bool
) -> tuple[str, Blocks]:
    """The nudge: which session this is, a suggested focus from what the pair matched on, their
    goals, a question to try, and the buttons (no second "Not yet" on the reminder)."""
    pair = info.pair
    languages = pair_languages([info.mentor.locale, info.mentee.locale])
    start = local_day(pair.active_since or checkin.due_at, hours.mentee)
    total = max(sessions_between(start, info.cohort.ends_on, info.cohort.cadence), checkin.number)
    people = {"mentor": pair.mentor_user_id, "mentee": pair.mentee_user_id}
    title_key = "checkin.title_reminder" if reminder else "checkin.title"
    blocks: Blocks = []
    for lang in languages:
        blocks += [
            section(t(lang, title_key, number=checkin.number, total=total, **people)),
            section(_agenda(lang, pair, checkin.number, topic_name)),
            section(
                t(
                    lang,
                    "checkin.goals",
                    mentor_goal=_short(info.mentor_goal),
                    mentee_goal=_short(info.mentee_goal),
                    **people,
                )
            ),
            section(t(lang, f"checkin.question.{(checkin.number - 1) % QUESTIONS + 1}")),
        ]
    value = str(checkin.id)
    presses = [p for p in Press if not (reminder and p == Press.NOT_YET)]
    buttons = [
        _button(languages, f"checkin.button.{press.value}", BUTTON_ACTIONS[press], value)
        for press in presses
    ]
    blocks.append(_actions(buttons))
    text = t(languages[0], title_key, number=checkin.number, total=total, **people)
    return text, blocks


def session_topics(pair: Pair, number: int) -> tuple[int | None, int | None]:
    """Session `number`'s focus, the matched topics taken in turn: what the mentor teaches (the
    mentee learns), and what the mentee offers (the mentor learns)."""
    topics = {reason["kind"]: reason["topics"] for reason in pair.reasons if reason["topics"]}
    taught, offered = topics.get("teaches"), topics.get("offers")
    return (
        taught[(number - 1) % len(taught)] if taught else None,
        offered[(number - 1) % len(offered)] if offered else None,
    )


def _agenda(locale: str, pair: Pair, number: int, topic_name: TopicName) -> str:
    """This session's focus, in the reader's language."""
    taught, offered = session_topics(pair, number)
    return t(
        locale,
        "checkin.agenda",
        mentor=pair.mentor_user_id,
        mentee=pair.mentee_user_id,
        taught=escape(topic_name(locale, taught)) if taught else t(locale, "intro.any_topic"),
        offered=escape(topic_name(locale, offered)) if offered else t(locale, "intro.any_strategy"),
    )


def pair_note(locales: Sequence[str | None], key: str, **params: Any) -> tuple[str, Blocks]:
    """A message to the pair, in each of their languages."""
    languages = pair_languages(locales)
    texts = [t(lang, key, **params) for lang in languages]
    return texts[0], [section(text) for text in texts]


def answered_message(
    locales: Sequence[str | None], key: str, *, pair_id: int | None = None, **params: Any
) -> tuple[str, Blocks]:
    """What a nudge becomes once answered: no buttons left, except "Resume our pair" (for
    `pair_id`) on a paused one."""
    text, blocks = pair_note(locales, key, **params)
    if pair_id is not None:
        resume = _button(
            pair_languages(locales), "checkin.button.resume", PAIR_RESUME, str(pair_id)
        )
        blocks.append(_actions([resume]))
    return text, blocks
