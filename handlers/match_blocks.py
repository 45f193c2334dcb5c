"""Block Kit for matching: the lead's review, introductions, the pair's welcome, closings.

Reasons are stored as data and worded here, in the reader's language. Topic names a lead typed and
goals a person typed are escaped; people appear as mentions, which Slack renders for each reader.
"""

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.match_score import MAX_SCORE
from bot.messages import language, t
from bot.mrkdwn import escape
from storage.models import Pair

Blocks = list[dict[str, Any]]
TopicName = Callable[[str | None, int], str]
"""(reader's locale, topic ID) -> the topic's name in that language."""

REVIEW_DROP = "review_drop"
REVIEW_APPROVE = "review_approve"
REVIEW_PAGE = "review_page"
INVITE_ACCEPT = "invite_accept"
INVITE_DECLINE = "invite_decline"
PAIRS_PER_PAGE = 20
"""A page holds 20 pair sections plus four more blocks: well under Slack's 50."""
UNMATCHED_SHOWN = 30
INVITE_DAYS = 5


def _section(text: str) -> dict[str, Any]:
    return SectionBlock(text=MarkdownTextObject(text=text[:3000])).to_dict()


def reason_lines(locale: str | None, pair: Pair, topic_name: TopicName) -> str:
    """The pair's reasons as bullet lines in the reader's language."""
    lines = []
    for reason in pair.reasons:
        topics = ", ".join(escape(topic_name(locale, topic)) for topic in reason["topics"])
        text = t(
            locale,
            f"reason.{reason['kind']}",
            mentor=pair.mentor_user_id,
            mentee=pair.mentee_user_id,
            topics=topics,
            hours=reason["hours"],
        )
        lines.append(f"• {text}")
    return "\n".join(lines)


def review_message(
    locale: str | None,
    *,
    cohort: str,
    round_id: int,
    mode: str,
    pairs: Sequence[Pair],
    unmatched: Mapping[str, str],
    page: int,
    topic_name: TopicName,
) -> tuple[str, Blocks]:
    """One page of the lead's review: pairs with score, reasons and a drop button; the unmatched
    and their reasons; approve all, and paging."""
    pages = max(1, math.ceil(len(pairs) / PAIRS_PER_PAGE))
    page = min(max(page, 1), pages)
    summary = t(
        locale,
        "review.summary",
        cohort=escape(cohort),
        pairs=len(pairs),
        unmatched=len(unmatched),
        mode=t(locale, f"mode.{mode}"),
        page=page,
        pages=pages,
    )
    blocks: Blocks = [
        HeaderBlock(text=t(locale, "review.title")).to_dict(),
        ContextBlock(elements=[MarkdownTextObject(text=summary)]).to_dict(),
    ]
    shown = pairs[(page - 1) * PAIRS_PER_PAGE : page * PAIRS_PER_PAGE]
    for pair in shown:
        text = t(
            locale,
            "review.pair",
            mentor=pair.mentor_user_id,
            mentee=pair.mentee_user_id,
            score=pair.score,
            max=MAX_SCORE,
            reasons=reason_lines(locale, pair, topic_name),
        )
        drop = ButtonElement(
            text=t(locale, "review.drop"), action_id=REVIEW_DROP, value=str(pair.id)
        )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text), accessory=drop).to_dict())
    if not pairs:
        blocks.append(_section(t(locale, "review.empty")))
    if unmatched:
        lines = [
            f"• <@{user}>: {t(locale, f'unmatched.{reason}')}"
            for user, reason in sorted(unmatched.items())[:UNMATCHED_SHOWN]
        ]
        if len(unmatched) > UNMATCHED_SHOWN:
            lines.append(f"• … +{len(unmatched) - UNMATCHED_SHOWN}")
        blocks.append(_section(t(locale, "review.unmatched", lines="\n".join(lines))))
    blocks.append(_review_buttons(locale, round_id, page, pages, bool(pairs)))
    return summary, blocks


def _review_buttons(
    locale: str | None, round_id: int, page: int, pages: int, any_pairs: bool
) -> dict[str, Any]:
    buttons = []
    if any_pairs:
        confirm = ConfirmObject(
            title=t(locale, "review.confirm_title"),
            text=t(locale, "review.confirm_text"),
            confirm=t(locale, "review.confirm"),
            deny=t(locale, "review.cancel"),
        )
        buttons.append(
            ButtonElement(
                text=t(locale, "review.approve"),
                action_id=REVIEW_APPROVE,
                value=str(round_id),
                style="primary",
                confirm=confirm,
            )
        )
    for label, target in (("review.previous", page - 1), ("review.next", page + 1)):
        if 1 <= target <= pages:
            buttons.append(
                ButtonElement(
                    text=t(locale, label),
                    action_id=f"{REVIEW_PAGE}_{label.rsplit('.', 1)[1]}",
                    value=f"{round_id}:{target}",
                )
            )
    if not buttons:
        return ContextBlock(elements=[MarkdownTextObject(text=t(locale, "review.empty"))]).to_dict()
    return ActionsBlock(elements=buttons).to_dict()


def invite_message(
    locale: str | None, pair: Pair, user_id: str, topic_name: TopicName
) -> tuple[str, Blocks]:
    """The introduction one partner gets: who, why, and Accept / Decline (for them only)."""
    is_mentor = user_id == pair.mentor_user_id
    partner = pair.mentee_user_id if is_mentor else pair.mentor_user_id
    role = t(locale, "invite.role_mentor" if is_mentor else "invite.role_mentee", partner=partner)
    text = t(locale, "invite.text", partner=partner, role=role)
    value = f"{pair.id}:{user_id}"
    buttons = ActionsBlock(
        elements=[
            ButtonElement(
                text=t(locale, "invite.accept"),
                action_id=INVITE_ACCEPT,
                value=value,
                style="primary",
            ),
            ButtonElement(text=t(locale, "invite.decline"), action_id=INVITE_DECLINE, value=value),
        ]
    )
    blocks = [
        _section(text),
        _section(t(locale, "invite.why", reasons=reason_lines(locale, pair, topic_name))),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=t(locale, "invite.private", partner=partner, days=INVITE_DAYS)
                )
            ]
        ).to_dict(),
        buttons.to_dict(),
    ]
    return text, blocks


def partner_of(pair: Pair, user_id: str) -> str:
    """The other person of the pair."""
    return pair.mentee_user_id if user_id == pair.mentor_user_id else pair.mentor_user_id


def closed_invite(locale: str | None, pair: Pair, user_id: str) -> tuple[str, Blocks]:
    """What an introduction becomes once it is decided: no buttons left."""
    text = t(locale, "invite.closed", partner=partner_of(pair, user_id))
    return text, [_section(text)]


def intro_message(
    locales: Sequence[str | None],
    pair: Pair,
    goals: tuple[str, str],
    cadence: str,
    topic_name: TopicName,
) -> tuple[str, Blocks]:
    """The pair's welcome in their group DM: in their shared language, or in each of theirs."""
    languages = list(dict.fromkeys(language(locale) for locale in locales))
    blocks: Blocks = []
    for lang in languages:
        blocks.extend(_intro_in(lang, pair, goals, cadence, topic_name))
    text = t(languages[0], "intro.title", mentor=pair.mentor_user_id, mentee=pair.mentee_user_id)
    return text, blocks


def _intro_in(
    locale: str, pair: Pair, goals: tuple[str, str], cadence: str, topic_name: TopicName
) -> Blocks:
    people = {"mentor": pair.mentor_user_id, "mentee": pair.mentee_user_id}
    first_topics = {
        reason["kind"]: reason["topics"][0] for reason in pair.reasons if reason["topics"]
    }
    taught = first_topics.get("teaches")
    offered = first_topics.get("offers")
    agenda = t(
        locale,
        "intro.agenda",
        taught=escape(topic_name(locale, taught)) if taught else t(locale, "intro.any_topic"),
        offered=escape(topic_name(locale, offered)) if offered else t(locale, "intro.any_strategy"),
        **people,
    )
    goal_text = t(
        locale,
        "intro.goals",
        mentor_goal=escape(goals[0]),
        mentee_goal=escape(goals[1]),
        **people,
    )
    return [
        _section(t(locale, "intro.title", **people)),
        _section(goal_text),
        _section(agenda),
        _section(t(locale, "intro.cadence", cadence=t(locale, f"cadence.{cadence}"))),
    ]
