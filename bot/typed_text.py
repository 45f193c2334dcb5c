"""Text a person typed, made fit to store and show (pure)."""

import re

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters but tab and line breaks."""


def without_controls(text: str) -> str:
    """The text without control characters (NUL, escape, bell, …; tabs and line breaks stay):
    no Slack client sends them, they show as nothing or garbage, and PostgreSQL cannot store a
    NUL at all."""
    return _CONTROLS.sub("", text)
