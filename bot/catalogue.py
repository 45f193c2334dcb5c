"""A program's catalogues of topics and departments: defaults, bounds, and the lead's edits.

Pure: no Slack, no database. Default entries carry a key, so each person reads them in their own
language; entries a lead adds are shown as typed.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from bot.numbers import row_id


class TopicKind(StrEnum):
    """Which way a topic usually flows: digital skills up, judgement and strategy down."""

    DIGITAL = "digital"
    LEADERSHIP = "leadership"


MAX_TOPICS = 100
MAX_DEPARTMENTS = 99
"""One less than Slack's 100 options, because the department list always ends with "other"."""
MAX_NAME = 75
"""Slack's limit for an option's text."""

DEFAULT_TOPICS: Final = (
    *(
        (key, TopicKind.DIGITAL)
        for key in (
            "genai",
            "ai_tools",
            "automation",
            "data_analysis",
            "spreadsheets",
            "social_media",
            "collaboration_tools",
            "hybrid_work",
            "agile",
            "diversity",
            "gen_z",
        )
    ),
    *(
        (key, TopicKind.LEADERSHIP)
        for key in (
            "strategy",
            "leadership",
            "decision_making",
            "stakeholders",
            "critical_ai",
            "career",
            "company_knowhow",
        )
    ),
)
DEFAULT_DEPARTMENTS: Final = (
    "engineering",
    "product",
    "sales",
    "marketing",
    "customer_service",
    "finance",
    "people",
    "operations",
    "legal",
    "management",
)


@dataclass(frozen=True)
class CatalogueEdit:
    """A lead's `/mentoring topics …` or `/mentoring departments …` request.

    `action` is "list", "add" or "remove"; `problem` is a message-catalogue key when the text
    cannot be used.
    """

    action: str
    kind: TopicKind | None = None
    name: str = ""
    entry_id: int | None = None
    problem: str | None = None


def clean_name(raw: str) -> str:
    """A catalogue name with runs of whitespace collapsed."""
    return " ".join(raw.split())


def parse_edit(argument: str, *, topics: bool) -> CatalogueEdit:
    """Read "add digital NAME", "add leadership NAME" (topics), "add NAME" (departments),
    "remove ID", or nothing (list)."""
    words = argument.split(maxsplit=1)
    if not words:
        return CatalogueEdit("list")
    action, rest = words[0].lower(), (words[1] if len(words) > 1 else "")
    if action == "remove":
        entry_id = row_id(rest.strip().lstrip("#"))
        if entry_id is None:
            return CatalogueEdit("remove", problem="catalogue.error.remove_usage")
        return CatalogueEdit("remove", entry_id=entry_id)
    if action != "add":
        return CatalogueEdit(action, problem="catalogue.error.usage")
    kind = None
    if topics:
        kind_word, _, rest = rest.partition(" ")
        if kind_word.lower() not in set(TopicKind):
            return CatalogueEdit("add", problem="catalogue.error.kind")
        kind = TopicKind(kind_word.lower())
    name = clean_name(rest)
    if not name:
        return CatalogueEdit("add", kind=kind, problem="catalogue.error.empty")
    if len(name) > MAX_NAME:
        return CatalogueEdit("add", kind=kind, problem="catalogue.error.too_long")
    return CatalogueEdit("add", kind=kind, name=name)
