"""An HR roster as CSV: its rows and every line's problems (pure: no Slack, no database).

Columns: email, department, manager email, career stage; a header row naming them (in any order,
any case, `manager email` or `manager_email`) is optional. Problems are message-catalogue keys
(`roster.error.*`) with the line they are on; a file that cannot be a roster at all raises
`RosterFileError`.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final

from bot.catalogue import MAX_NAME
from bot.survey import CareerStage

COLUMNS: Final = ("email", "department", "manager_email", "career_stage")
MAX_LINES: Final = 20_000
MAX_BYTES: Final = 4_000_000
"""About 200 bytes a line: more than any real roster of MAX_LINES people needs."""
MAX_EMAIL: Final = 254
STAGES: Final = tuple(stage.value for stage in CareerStage)
EMAIL: Final = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;.]+")


class RosterFileError(Exception):
    """The file as a whole cannot be read as a roster; `key` names the reason in the catalogue."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class RosterRow:
    """One person of the roster, checked as far as text can be checked."""

    line: int
    email: str
    """Lower case: Slack matches addresses case-insensitively."""
    department: str
    """As written, stripped; empty when not given."""
    manager_email: str | None
    career_stage: CareerStage | None


@dataclass(frozen=True)
class LineProblem:
    """Why a line cannot be used: a catalogue key and its placeholders."""

    line: int
    reason: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedRoster:
    """The usable rows and the problems of the other lines, both in file order."""

    rows: list[RosterRow]
    problems: list[LineProblem]


def parse(text: str) -> ParsedRoster:
    """Read the CSV text and check every line; raise RosterFileError for a file that is no roster."""
    if len(text.encode()) > MAX_BYTES:
        raise RosterFileError("roster.error.file_too_big", limit=MAX_BYTES // 1_000_000)
    records = list(_records(text))
    if not records:
        raise RosterFileError("roster.error.empty")
    columns = _header(records[0][1])
    if columns is not None:
        records = records[1:]
    if len(records) > MAX_LINES:
        raise RosterFileError("roster.error.too_many_lines", limit=MAX_LINES)
    rows: list[RosterRow] = []
    problems: list[LineProblem] = []
    first_line: dict[str, int] = {}
    for line, cells in records:
        row = _row(line, cells, columns or COLUMNS, first_line)
        if isinstance(row, LineProblem):
            problems.append(row)
        else:
            rows.append(row)
    return ParsedRoster(rows, problems)


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank CSV records with the line each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise RosterFileError("roster.error.not_csv", line=reader.line_num) from None
        if any(cell.strip() for cell in cells):
            yield start, cells


def _header(cells: list[str]) -> tuple[str, ...] | None:
    """The column order a header row gives, or None if the first row is data."""
    names = tuple(_column_name(cell) for cell in cells)
    if "email" not in names:
        return None
    unknown = [cell.strip() for cell, name in zip(cells, names, strict=True) if name not in COLUMNS]
    if unknown or len(set(names)) != len(names):
        raise RosterFileError("roster.error.header", columns=", ".join(COLUMNS))
    return names


def _column_name(cell: str) -> str:
    return "_".join(cell.strip().lower().replace("-", " ").split())


def _row(
    line: int, cells: list[str], columns: tuple[str, ...], first_line: dict[str, int]
) -> RosterRow | LineProblem:
    """The line's row, or its first problem; `first_line` remembers where each address was."""
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        return LineProblem(line, "roster.error.columns", {"count": str(len(columns))})
    value = {name: cell.strip() for name, cell in zip(columns, cells, strict=False)}
    email = value.get("email", "").lower()
    if not _is_email(email):
        return LineProblem(line, "roster.error.email")
    if email in first_line:
        return LineProblem(line, "roster.error.duplicate", {"first": str(first_line[email])})
    first_line[email] = line
    manager = value.get("manager_email", "").lower() or None
    if manager is not None and not _is_email(manager):
        return LineProblem(line, "roster.error.manager_email")
    if manager == email:
        return LineProblem(line, "roster.error.own_manager")
    stage = value.get("career_stage", "").lower()
    if stage and stage not in STAGES:
        return LineProblem(line, "roster.error.career_stage", {"stages": ", ".join(STAGES)})
    department = " ".join(value.get("department", "").split())
    if len(department) > MAX_NAME:
        return LineProblem(line, "roster.error.department_long", {"max": str(MAX_NAME)})
    return RosterRow(line, email, department, manager, CareerStage(stage) if stage else None)


def _is_email(text: str) -> bool:
    return len(text) <= MAX_EMAIL and EMAIL.fullmatch(text) is not None


def emails(rows: Iterable[RosterRow]) -> set[str]:
    """Every address the rows name: people and their managers."""
    return {row.email for row in rows} | {row.manager_email for row in rows if row.manager_email}
