"""Block Kit builders; slack_sdk.models checks Slack's length and count limits on `to_dict()`."""

from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ConfirmObject,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.messages import format_date, t
from bot.mrkdwn import escape
from bot.working_hours import zone
from storage.models import Pair, PairState, Participant
from storage.participants import Membership

Blocks = list[dict[str, Any]]

SURVEY_START = "survey_start"
LEAVE_CONFIRM = "leave_confirm"
LEAVE_CANCEL = "leave_cancel"
LEAVE_ERASE = "leave_erase"
HOME_JOIN = "home_join"


def _dicts(*blocks: Any) -> Blocks:
    return [block.to_dict() for block in blocks]


def welcome_dm(locale: str | None, user_id: str) -> Blocks:
    """The welcome DM: what the program is, and a button to start the survey."""
    return _dicts(
        SectionBlock(text=MarkdownTextObject(text=t(locale, "welcome.text"))),
        ActionsBlock(
            elements=[
                ButtonElement(
                    text=t(locale, "welcome.start_survey"),
                    action_id=SURVEY_START,
                    value=user_id,
                    style="primary",
                )
            ]
        ),
    )


def roster_invite(locale: str | None, cohort_name: str) -> tuple[str, Blocks]:
    """The invite DM of a roster import, with the Home tab's join button: pressing it joins."""
    text = t(locale, "roster.invite.text", cohort=escape(cohort_name))
    join = ButtonElement(text=t(locale, "home.join"), action_id=HOME_JOIN, style="primary")
    return text, _dicts(
        SectionBlock(text=MarkdownTextObject(text=text)), ActionsBlock(elements=[join])
    )


def leave_confirmation(locale: str | None, cohort_name: str, user_id: str) -> Blocks:
    """Asks whether the person really wants to leave, with buttons to leave, to leave and have
    their data deleted (behind Slack's confirmation dialog: it cannot be undone), and to stay."""
    return _dicts(
        SectionBlock(
            text=MarkdownTextObject(text=t(locale, "leave.question", cohort=escape(cohort_name)))
        ),
        ActionsBlock(
            elements=[
                ButtonElement(
                    text=t(locale, "leave.confirm"),
                    action_id=LEAVE_CONFIRM,
                    value=user_id,
                    style="danger",
                ),
                _erase_button(locale, "leave.erase", user_id),
                ButtonElement(
                    text=t(locale, "leave.cancel"), action_id=LEAVE_CANCEL, value=user_id
                ),
            ]
        ),
    )


def erase_offer(locale: str | None, user_id: str) -> Blocks:
    """For someone who left already but whose data the bot still keeps: have it deleted."""
    return _dicts(
        SectionBlock(text=MarkdownTextObject(text=t(locale, "erase.offer"))),
        ActionsBlock(elements=[_erase_button(locale, "erase.offer_button", user_id)]),
    )


def _erase_button(locale: str | None, label: str, user_id: str) -> ButtonElement:
    """The erasure button, behind Slack's confirmation dialog (it cannot be undone)."""
    return ButtonElement(
        text=t(locale, label),
        action_id=LEAVE_ERASE,
        value=user_id,
        confirm=ConfirmObject(
            title=t(locale, "erase.confirm.title"),
            text=PlainTextObject(text=t(locale, "erase.confirm.text")),
            confirm=t(locale, "erase.confirm.yes"),
            deny=t(locale, "erase.confirm.no"),
            style="danger",
        ),
    )


def status_text(
    locale: str | None, membership: Membership | None, now: datetime, pair: Pair | None
) -> str:
    """What the bot knows about the person, as mrkdwn lines."""
    if membership is None:
        return t(locale, "status.not_joined")
    cohort = escape(membership.cohort.name)
    if membership.has_left:
        return t(locale, "status.left", cohort=cohort)
    participant = membership.participant
    lines = [
        t(locale, "status.joined", cohort=cohort),
        t(
            locale,
            "status.survey_done" if participant.survey_completed_at else "status.survey_open",
        ),
        _pair_line(locale, participant, pair),
        t(locale, "status.no_checkin"),
    ]
    if not membership.is_paused(now):
        lines.append(t(locale, "status.active"))
    elif participant.paused_until is None:
        lines.append(t(locale, "status.paused"))
    else:
        back_on = participant.paused_until.astimezone(zone(participant.timezone)).date()
        lines.append(t(locale, "status.paused_until", date=format_date(locale, back_on)))
    return "\n".join(lines)


def _pair_line(locale: str | None, participant: Participant, pair: Pair | None) -> str:
    if pair is not None:
        partner = (
            pair.mentee_user_id
            if pair.mentor_user_id == participant.slack_user_id
            else pair.mentor_user_id
        )
        key = "status.pair_active" if pair.state == PairState.ACTIVE else "status.pair_invited"
        return t(locale, key, partner=partner)
    if participant.waitlist_reason:
        reason = t(locale, f"unmatched.{participant.waitlist_reason}")
        return t(locale, "status.waitlist", reason=reason)
    return t(locale, "status.no_pair")
