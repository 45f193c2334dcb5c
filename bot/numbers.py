"""Whole numbers read from text a request carries: a button's value, a modal's metadata or
choice, a lead's setting (pure).

`str.isdigit` accepts superscripts and other scripts' digits that `int` refuses ("²", "①"), and
`int` reads signs, spaces, underscores and numbers no database column holds: only plain ASCII
digits within bounds pass here, so forged text never reaches `int` or a query.
"""

from typing import Final

MAX_ROW_ID: Final = 2**31 - 1
"""The largest ID an integer column holds (PostgreSQL's `integer`)."""


def whole_number(text: str, most: int) -> int | None:
    """`text` as a number from 0 to `most` if it is written in ASCII digits alone, else None."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(most)):
        return None
    number = int(text)
    return number if number <= most else None


def row_id(text: str) -> int | None:
    """The database ID a button's value or a modal's metadata names; None for anything else."""
    return whole_number(text, MAX_ROW_ID)
