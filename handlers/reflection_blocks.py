"""Block Kit for reflections: the modal, the DM that asks for one, what the author sees once it is
saved, and the author's own list (`/mentoring reflections`)."""

from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.messages import format_date, t
from bot.mrkdwn import escape
from bot.reflection_answers import MAX_TEXT, SCALE
from handlers.blocks import Blocks
from storage.reflections import Written

REFLECT = "reflection_open"
REFLECTION_SUBMIT = "reflection_submit"
WIN_WITHDRAW = "win_withdraw"
SHARE = "share"


def reflection_view(
    locale: str | None, reflection_id: int, number: int, partner: str, topic: str | None
) -> dict[str, Any]:
    """The modal: what I learned or taught, progress, confidence, and an optional win with an
    opt-in to share it (off by default)."""
    scale = [Option(value=str(n), label=str(n)) for n in SCALE]
    confidence = (
        t(locale, "reflection.confidence.label", topic=topic)
        if topic
        else t(locale, "reflection.confidence.label_any")
    )
    blocks = [
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=t(locale, "reflection.intro", number=number, partner=partner)
                )
            ]
        ),
        _input(
            "learned",
            PlainTextInputElement(multiline=True, max_length=MAX_TEXT),
            t(locale, "reflection.learned.label"),
            t(locale, "reflection.learned.hint"),
        ),
        _input(
            "progress",
            RadioButtonsElement(options=scale),
            t(locale, "reflection.progress.label"),
            t(locale, "reflection.progress.hint"),
        ),
        _input(
            "confidence",
            RadioButtonsElement(options=scale),
            confidence[:2000],
            t(locale, "reflection.confidence.hint"),
        ),
        _input(
            "win",
            PlainTextInputElement(multiline=True, max_length=MAX_TEXT),
            t(locale, "reflection.win.label"),
            t(locale, "reflection.win.hint"),
            optional=True,
        ),
        _input(
            SHARE,
            CheckboxesElement(
                options=[Option(value=SHARE, label=t(locale, "reflection.share.option"))]
            ),
            t(locale, "reflection.share.label"),
            optional=True,
        ),
    ]
    return View(
        type="modal",
        callback_id=REFLECTION_SUBMIT,
        private_metadata=str(reflection_id),
        title=t(locale, "reflection.title"),
        submit=t(locale, "reflection.save"),
        close=t(locale, "reflection.later"),
        blocks=blocks,
    ).to_dict()


def _input(
    block_id: str, element: Any, label: str, hint: str | None = None, *, optional: bool = False
) -> InputBlock:
    element.action_id = block_id
    return InputBlock(block_id=block_id, label=label, hint=hint, element=element, optional=optional)


def notice_view(locale: str | None, *texts: str, title: str = "reflection.title") -> dict[str, Any]:
    """A modal that only tells the person something (mrkdwn paragraphs)."""
    return View(
        type="modal",
        title=t(locale, title),
        close=t(locale, "survey.close"),
        blocks=[SectionBlock(text=MarkdownTextObject(text=text[:3000])) for text in texts],
    ).to_dict()


def prompt_message(
    locale: str | None, reflection_id: int, partner: str, number: int, *, reminder: bool
) -> tuple[str, Blocks]:
    """The DM asking for a reflection, with the button that opens the modal."""
    text = t(
        locale,
        "reflection.reminder" if reminder else "reflection.prompt",
        partner=partner,
        number=number,
    )
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ActionsBlock(
            elements=[
                ButtonElement(
                    text=t(locale, "reflection.button"),
                    action_id=REFLECT,
                    value=str(reflection_id),
                    style="primary",
                )
            ]
        ),
    ]
    return text, [block.to_dict() for block in blocks]


def reflections_list(locale: str | None, written: list[Written], limit: int) -> Blocks:
    """The author's own reflections, newest first, with Reflect on unwritten ones and Withdraw
    on shared wins not yet posted."""
    if not written:
        return [SectionBlock(text=MarkdownTextObject(text=t(locale, "reflections.none"))).to_dict()]
    blocks: list[Any] = [
        SectionBlock(text=MarkdownTextObject(text=t(locale, "reflections.heading")))
    ]
    for entry in written:
        reflection, win = entry.reflection, entry.win
        day = format_date(locale, reflection.asked_at.date())
        button = None
        if reflection.submitted_at is None:
            text = t(locale, "reflections.pending", number=entry.number, date=day)
            button = ButtonElement(
                text=t(locale, "reflection.button"), action_id=REFLECT, value=str(reflection.id)
            )
        else:
            text = t(
                locale,
                "reflections.entry",
                number=entry.number,
                date=day,
                progress=reflection.progress,
                confidence=reflection.confidence,
                learned=escape(reflection.learned or ""),
            )
        if win is None and reflection.win_text:
            text += "\n" + t(locale, "reflections.private_win", text=escape(reflection.win_text))
        if win is not None:
            state = t(locale, f"win_state.{win.state}")
            text += "\n" + t(locale, "reflections.win", state=state, text=win.text)
            if win.state in ("review", "approved"):
                button = ButtonElement(
                    text=t(locale, "reflections.withdraw"),
                    action_id=WIN_WITHDRAW,
                    value=str(win.id),
                    style="danger",
                )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text[:3000]), accessory=button))
    if len(written) == limit:
        blocks.append(
            ContextBlock(
                elements=[MarkdownTextObject(text=t(locale, "reflections.more", shown=limit))]
            )
        )
    return [block.to_dict() for block in blocks]
