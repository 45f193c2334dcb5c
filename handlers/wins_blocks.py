"""Block Kit for wins: the leads' review queue and edit modal, and the cohort's wins post."""

import html
from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.messages import t
from bot.reflection_answers import MAX_TEXT
from handlers.blocks import Blocks
from handlers.checkin_blocks import pair_languages, section
from storage.models import Win, WinState

WIN_APPROVE = "win_approve"
WIN_EDIT = "win_edit"
WIN_DROP = "win_drop"
WIN_EDIT_SUBMIT = "win_edit_submit"
WIN_TEXT = "text"


def queue_blocks(locale: str | None, queue: list[Win], total: int) -> Blocks:
    """The wins a lead can still approve, edit or drop, each as the cohort would read it."""
    if not queue:
        return [SectionBlock(text=MarkdownTextObject(text=t(locale, "wins.queue_empty"))).to_dict()]
    blocks: list[Any] = [
        SectionBlock(text=MarkdownTextObject(text=t(locale, "wins.queue_heading", total=total)))
    ]
    for win in queue:
        state = t(locale, f"win_state.{win.state}")
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=t(locale, "wins.entry", state=state, text=win.text))
            )
        )
        buttons = [
            ButtonElement(text=t(locale, "wins.edit"), action_id=WIN_EDIT, value=str(win.id)),
            ButtonElement(
                text=t(locale, "wins.drop"), action_id=WIN_DROP, value=str(win.id), style="danger"
            ),
        ]
        if win.state == WinState.REVIEW:
            approve = ButtonElement(
                text=t(locale, "wins.approve"),
                action_id=WIN_APPROVE,
                value=str(win.id),
                style="primary",
            )
            buttons.insert(0, approve)
        blocks.append(ActionsBlock(elements=buttons))
    if total > len(queue):
        more = t(locale, "wins.queue_more", more=total - len(queue))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    return [block.to_dict() for block in blocks]


def edit_view(locale: str | None, win: Win) -> dict[str, Any]:
    """The lead's modal to edit a win (shown unescaped; saved anonymised again)."""
    element = PlainTextInputElement(
        action_id=WIN_TEXT,
        multiline=True,
        max_length=MAX_TEXT,
        initial_value=html.unescape(win.text)[:MAX_TEXT],
    )
    return View(
        type="modal",
        callback_id=WIN_EDIT_SUBMIT,
        private_metadata=str(win.id),
        title=t(locale, "wins.edit_title"),
        submit=t(locale, "reflection.save"),
        close=t(locale, "survey.close"),
        blocks=[
            InputBlock(
                block_id=WIN_TEXT,
                label=t(locale, "wins.edit_label"),
                hint=t(locale, "wins.edit_hint"),
                element=element,
            )
        ],
    ).to_dict()


def wins_post(
    locales: Sequence[str | None],
    cohort_name: str,
    every: str,
    pairs_met: int | None,
    texts: list[str],
) -> tuple[str, Blocks]:
    """The cohort's post: how many pairs met (if shown) and the wins (already anonymised and
    escaped, in the order given), in each language of the cohort's people."""
    languages = pair_languages(locales)
    blocks: Blocks = []
    summary = []
    for lang in languages:
        lines = [t(lang, "wins.post.heading", cohort=cohort_name)]
        if pairs_met is not None:
            period = t(lang, f"wins.post.period.{every}")
            lines.append(t(lang, "wins.post.met", period=period, pairs=pairs_met))
        if texts:
            lines.append(t(lang, "wins.post.wins"))
        summary.append(" ".join(lines))
        blocks.append(section("\n".join(lines)))
    blocks += [section(f"• {text}") for text in texts]
    footer = " / ".join(t(lang, "wins.post.footer") for lang in languages)
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": footer}]})
    return summary[0], blocks
