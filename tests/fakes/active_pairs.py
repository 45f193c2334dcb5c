"""A pair that both partners accepted, made through the real Slack flow: survey, match, approve,
accept. Shared by the check-in tests and the offline demo."""

from datetime import datetime
from typing import Any

from sqlmodel import col, func, select

from handlers.match_blocks import INVITE_ACCEPT, REVIEW_APPROVE
from storage.models import CheckIn, CheckInState
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import Message
from tests.fakes.survey_answers import complete_survey
from tests.fakes.workspace import LEAD


def buttons(message: Message) -> dict[str, str]:
    """action_id -> value of every button in a message."""
    return {
        element["action_id"]: element.get("value", "")
        for block in message.blocks or []
        for element in [*block.get("elements", []), block.get("accessory") or {}]
        if element.get("type") == "button"
    }


def latest_with(messages: list[Message], action_id: str) -> Message:
    """The newest of the messages that has a button with that action_id."""
    return next(m for m in reversed(messages) if action_id in buttons(m))


def next_check_in(bot: BotHarness) -> datetime:
    """When the next check-in nudge (or reminder after "Not yet") falls due."""
    with bot.sessions() as session:
        due = session.exec(
            select(func.min(CheckIn.due_at)).where(
                col(CheckIn.state).in_([CheckInState.SCHEDULED, CheckInState.SNOOZED])
            )
        ).one()
    assert due is not None
    return due


def activate_pair(
    bot: BotHarness,
    junior: str,
    leader: str,
    *,
    junior_meeting: dict[str, Any] | None = None,
    leader_meeting: dict[str, Any] | None = None,
) -> str:
    """Both answer the survey, the lead matches and approves, both accept; returns the pair's
    group DM channel. Call it at a time inside both partners' working hours."""
    complete_survey(bot, junior, meeting=junior_meeting)
    complete_survey(bot, leader, leader=True, meeting=leader_meeting)
    bot.command(LEAD.id, "match")
    review = latest_with(bot.slack.dms_to(LEAD.id), REVIEW_APPROVE)
    bot.click(LEAD.id, REVIEW_APPROVE, buttons(review)[REVIEW_APPROVE])
    for user in (junior, leader):
        invite = latest_with(bot.slack.dms_to(user), INVITE_ACCEPT)
        bot.click(user, INVITE_ACCEPT, buttons(invite)[INVITE_ACCEPT])
    return "G" + "".join(sorted((junior, leader)))
