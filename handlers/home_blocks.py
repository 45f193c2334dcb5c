"""Block Kit for the App Home tab: the participant's own program, and for leads the cohort's
health at a glance. A fixed number of blocks whatever the cohort's size (Slack allows 100)."""

from datetime import datetime
from typing import Any

from bot.digest import Digest
from bot.messages import format_date, t
from bot.mrkdwn import escape
from bot.working_hours import zone
from handlers.blocks import HOME_JOIN, SURVEY_START, status_text
from handlers.checkin_blocks import section
from handlers.cohort_blocks import COHORT_SETTINGS
from handlers.digest_blocks import headline
from storage.dashboard import MyProgram
from storage.models import Pair
from storage.participants import Membership

HOME_PAUSE = "home_pause"
HOME_RESUME = "home_resume"
HOME_REFLECTIONS = "home_reflections"
HOME_MATCH = "home_match"
HOME_DIGEST = "home_digest"
HOME_WINS = "home_wins"


def home_view(
    locale: str | None,
    membership: Membership | None,
    now: datetime,
    pair: Pair | None,
    mine: MyProgram | None,
    cohort_health: Digest | None,
) -> dict[str, Any]:
    """The Home tab: what the program is, the person's own status and, for a lead, the cohort."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": t(locale, "home.title")}},
        section(t(locale, "home.intro")),
        {"type": "divider"},
        _heading(t(locale, "home.status_heading")),
        section(status_text(locale, membership, now, pair)),
    ]
    if membership is None or membership.has_left:
        blocks.append(_buttons(_button(locale, "home.join", HOME_JOIN, style="primary")))
    else:
        blocks += _my_program(locale, membership, now, mine or MyProgram())
    if cohort_health is not None:
        blocks += [
            {"type": "divider"},
            _heading(t(locale, "home.lead_heading", cohort=escape(cohort_health.cohort))),
            section(headline(locale, cohort_health)),
            _buttons(
                _button(locale, "home.match", HOME_MATCH),
                _button(locale, "home.digest", HOME_DIGEST),
                _button(locale, "home.cohort", COHORT_SETTINGS),
                _button(locale, "home.wins", HOME_WINS),
            ),
        ]
    return {"type": "home", "blocks": blocks}


def _my_program(
    locale: str | None, membership: Membership, now: datetime, mine: MyProgram
) -> list[dict[str, Any]]:
    participant = membership.participant
    lines = []
    if mine.next_checkin is not None:
        day = mine.next_checkin.astimezone(zone(participant.timezone)).date()
        lines.append(t(locale, "home.next_checkin", date=format_date(locale, day)))
    goal = escape(mine.goal) if mine.goal else t(locale, "profile.not_answered")
    lines.append(t(locale, "home.goal", goal=goal))
    if mine.progress is not None:
        lines.append(t(locale, "home.progress", score=mine.progress))
    user = participant.slack_user_id
    done = participant.survey_completed_at is not None
    paused = membership.is_paused(now)
    return [
        section("\n".join(lines)),
        _buttons(
            _button(
                locale,
                "profile.open" if done else "survey.continue",
                SURVEY_START,
                user,
                style=None if done else "primary",
            ),
            _button(
                locale,
                "home.resume" if paused else "home.pause",
                HOME_RESUME if paused else HOME_PAUSE,
                user,
            ),
            _button(locale, "home.reflections", HOME_REFLECTIONS, user),
        ),
    ]


def _heading(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": f"*{text}*"}]}


def _buttons(*buttons: dict[str, Any]) -> dict[str, Any]:
    return {"type": "actions", "elements": list(buttons)}


def _button(
    locale: str | None, key: str, action_id: str, value: str | None = None, style: str | None = None
) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": t(locale, key)[:75]},
        "action_id": action_id,
    }
    if value is not None:
        button["value"] = value
    if style is not None:
        button["style"] = style
    return button
