"""A reflection's answers and their validation (pure)."""

from dataclasses import dataclass
from typing import Final

from bot.numbers import whole_number

MAX_TEXT: Final = 500
SCALE: Final = range(1, 6)


@dataclass(frozen=True)
class Answers:
    """What a person wrote in the reflection modal."""

    learned: str
    progress: int | None
    confidence: int | None
    win_text: str | None
    share: bool


def validate(answers: Answers) -> dict[str, str]:
    """Field -> message-catalogue key of what is wrong; empty if the answers can be saved."""
    problems = {}
    if not answers.learned.strip():
        problems["learned"] = "reflection.error.learned"
    elif len(answers.learned) > MAX_TEXT:
        problems["learned"] = "reflection.error.too_long"
    for field in ("progress", "confidence"):
        if getattr(answers, field) not in SCALE:
            problems[field] = "reflection.error.score"
    if answers.win_text and len(answers.win_text) > MAX_TEXT:
        problems["win"] = "reflection.error.too_long"
    elif answers.share and not (answers.win_text or "").strip():
        problems["win"] = "reflection.error.win"
    return problems


def score(value: str | None) -> int | None:
    """A chosen scale value, or None if it is not one the modal offers."""
    number = whole_number(value or "", SCALE.stop - 1)
    return number if number in SCALE else None
