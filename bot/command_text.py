"""Parsing of `/mentoring` text into a subcommand and its argument; pure and total."""

from dataclasses import dataclass
from datetime import date, timedelta

from bot.typed_text import without_controls

PARTICIPANT_SUBCOMMANDS = (
    "join",
    "status",
    "profile",
    "pause",
    "resume",
    "rematch",
    "reflections",
    "my-data",
    "leave",
    "help",
)
LEAD_SUBCOMMANDS = (
    "topics",
    "departments",
    "cohort",
    "match",
    "wins",
    "lead",
    "digest",
    "audit",
)
LONGEST_PAUSE = timedelta(days=366)


@dataclass(frozen=True)
class Command:
    """A parsed command; `name` is "help" for empty or unknown text, with `unknown` set then."""

    name: str
    argument: str = ""
    unknown: str | None = None


def parse_command(text: str | None) -> Command:
    """Split the command text into subcommand and argument (without control characters);
    never raises."""
    words = without_controls(text or "").strip().split(maxsplit=1)
    if not words:
        return Command("help")
    name = words[0].lower()
    argument = words[1].strip() if len(words) > 1 else ""
    if name not in PARTICIPANT_SUBCOMMANDS + LEAD_SUBCOMMANDS:
        return Command("help", unknown=words[0][:40])
    return Command(name, argument)


class PauseDateError(ValueError):
    """The pause argument is not a usable date; `reason` is a message-catalogue key."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_pause_until(argument: str, today: date) -> date | None:
    """`None` for an open-ended pause, else the first day the person is back (tomorrow at the soonest).

    Accepts "until 2026-12-24" or "2026-12-24".
    """
    words = argument.lower().split()
    if not words:
        return None
    if words[0] == "until":
        words = words[1:]
    if len(words) != 1:
        raise PauseDateError("pause.bad_date")
    try:
        until = date.fromisoformat(words[0])
    except ValueError:
        raise PauseDateError("pause.bad_date") from None
    if until <= today:
        raise PauseDateError("pause.date_not_future")
    if until - today > LONGEST_PAUSE:
        raise PauseDateError("pause.date_too_far")
    return until
