"""Importing an HR roster: resolve its email addresses to Slack users, check every line, then
invite everyone in one transaction, or nobody if any line is refused."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.roster import LineProblem, ParsedRoster, RosterRow, emails
from handlers.blocks import roster_invite
from handlers.people import not_a_colleague
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES, describe, passing
from storage import roster
from storage.models import Cohort, Department
from storage.roster import Invitee

LOOKUP_LIMIT = 50
"""users.lookupByEmail is allowed about 50 calls a minute; more addresses are found with one
paginated users.list instead."""
PAGE_SIZE = 200
"""Slack's recommended users.list page size."""

Progress = Callable[[int, int | None], None]
"""(calls done, calls in all or None while unknown)."""


class SlackLookupError(Exception):
    """Slack refused a look-up for a reason other than an unknown address, or (`passing`)
    could not answer it for now."""

    def __init__(self, method: str, error: Exception) -> None:
        super().__init__(f"{method}: {describe(error)}")
        self.method = method
        self.error = describe(error)
        self.passing = passing(error)


@dataclass(frozen=True)
class SlackUser:
    """What the import needs to know about a Slack user."""

    id: str
    locale: str | None
    refusal: str | None
    """Why the person cannot be invited (a catalogue key), or None."""


@dataclass(frozen=True)
class ImportReport:
    """The refused lines (then nothing was stored), or how many were invited and skipped."""

    problems: list[LineProblem]
    invited: int = 0
    skipped: int = 0


def import_roster(
    services: Services, client: WebClient, cohort: Cohort, parsed: ParsedRoster, progress: Progress
) -> ImportReport:
    """Resolve and check every line; if all are good, store the invitations and queue the invite
    DMs (the tick sends them in each person's working hours)."""
    users = resolve(client, emails(parsed.rows), progress)
    with services.sessions() as session:
        departments = roster.departments_by_name(session, cohort.program_id)
        invitees, problems = check(parsed.rows, users, departments)
        problems = sorted([*parsed.problems, *problems], key=lambda problem: problem.line)
        if problems:
            return ImportReport(problems)
        skipped = roster.invite(
            session,
            cohort,
            invitees,
            lambda locale: roster_invite(locale, cohort.name),
            services.now(),
        )
    return ImportReport([], invited=len(invitees) - len(skipped), skipped=len(skipped))


def resolve(client: WebClient, addresses: set[str], progress: Progress) -> dict[str, SlackUser]:
    """The Slack users with these addresses (lower case) that exist: one users.lookupByEmail
    each for up to LOOKUP_LIMIT addresses, else the whole paginated users.list."""
    if len(addresses) > LOOKUP_LIMIT:
        return _list_members(client, addresses, progress)
    return _look_up(client, sorted(addresses), progress)


def _look_up(client: WebClient, addresses: list[str], progress: Progress) -> dict[str, SlackUser]:
    found: dict[str, SlackUser] = {}
    for done, address in enumerate(addresses, 1):
        try:
            response = client.users_lookupByEmail(email=address)
        except SLACK_CALL_FAILURES as error:
            if not (isinstance(error, SlackApiError) and describe(error) == "users_not_found"):
                raise SlackLookupError("users.lookupByEmail", error) from None
        else:
            found[address] = _slack_user(response["user"])
        progress(done, len(addresses))
    return found


def _list_members(
    client: WebClient, addresses: set[str], progress: Progress
) -> dict[str, SlackUser]:
    found: dict[str, SlackUser] = {}
    cursor: str | None = None
    pages = 0
    while True:
        try:
            response = client.users_list(limit=PAGE_SIZE, cursor=cursor, include_locale=True)
        except SLACK_CALL_FAILURES as error:
            raise SlackLookupError("users.list", error) from None
        for member in response.get("members") or []:
            address = str((member.get("profile") or {}).get("email") or "").lower()
            if address in addresses:
                found[address] = _slack_user(member)
        pages += 1
        progress(pages, None)
        cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
        if cursor is None:
            return found


def _slack_user(user: Mapping[str, Any]) -> SlackUser:
    reason = not_a_colleague(user)
    refusal = f"roster.error.{reason}" if reason else None
    return SlackUser(str(user["id"]), user.get("locale"), refusal)


def check(
    rows: Iterable[RosterRow], users: Mapping[str, SlackUser], departments: Mapping[str, Department]
) -> tuple[list[Invitee], list[LineProblem]]:
    """The invitees of the good rows, and the problems of the others: unknown, deactivated, bot
    or guest users, unknown managers, and two addresses of one person."""
    invitees: list[Invitee] = []
    problems: list[LineProblem] = []
    first_line: dict[str, int] = {}
    for row in rows:
        user = users.get(row.email)
        manager = users.get(row.manager_email) if row.manager_email else None
        if user is None:
            problems.append(LineProblem(row.line, "roster.error.unknown_user"))
        elif user.refusal is not None:
            problems.append(LineProblem(row.line, user.refusal))
        elif row.manager_email and manager is None:
            problems.append(LineProblem(row.line, "roster.error.unknown_manager"))
        elif user.id in first_line:
            first = str(first_line[user.id])
            problems.append(LineProblem(row.line, "roster.error.duplicate_user", {"first": first}))
        else:
            first_line[user.id] = row.line
            department = departments.get(row.department.casefold())
            invitees.append(
                Invitee(
                    user_id=user.id,
                    locale=user.locale,
                    department_id=department.id if department else None,
                    department_other=None if department else row.department or None,
                    career_stage=row.career_stage,
                    manager_user_id=manager.id if manager else None,
                )
            )
    return invitees, problems
