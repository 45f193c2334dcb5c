"""The `/mentoring` slash command: join, status, profile, pause, resume, reflections, my-data,
rematch, leave, help, and the leads' commands."""

import logging
from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.command_text import (
    LEAD_SUBCOMMANDS,
    Command,
    PauseDateError,
    parse_command,
    parse_pause_until,
)
from bot.messages import format_date, t
from bot.mrkdwn import escape
from bot.working_hours import start_of_day, zone
from handlers.audit_log import audit_reply
from handlers.blocks import leave_confirmation, status_text
from handlers.catalogue_commands import edit_catalogue
from handlers.checkin_actions import resume_by_command
from handlers.cohort_commands import cohort_command
from handlers.digest import digest_command
from handlers.erasure import erasure_offer
from handlers.home import publish_home
from handlers.joining import join_person
from handlers.lead_commands import lead_command
from handlers.locale import locale_of
from handlers.matching import start_matching
from handlers.my_data import my_data_command
from handlers.reflections import reflections_reply
from handlers.rematch import rematch
from handlers.services import Services
from handlers.survey import open_survey
from handlers.wins_review import wins_queue
from storage import pairs, participants

log = logging.getLogger(__name__)

COMMAND = "/mentoring"
REFRESHES_HOME = ("join", "pause", "resume")
"""Commands whose effect the person's Home tab shows."""


def register(app: App, services: Services) -> None:
    """Listen for `/mentoring`."""

    @app.command(COMMAND)
    def mentoring(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        parsed = parse_command(command.get("text"))
        log.info("%s %s from %s", COMMAND, parsed.name, command["user_id"])
        reply = _handle(services, client, command, parsed, respond)
        if reply is not None:
            respond(response_type="ephemeral", **reply)
        if parsed.name in REFRESHES_HOME:
            publish_home(services, client, command["team_id"], command["user_id"])


def _handle(
    services: Services,
    client: WebClient,
    request: dict[str, Any],
    command: Command,
    respond: Respond,
) -> dict[str, Any] | None:
    """What to answer the person; None when a modal answered them instead."""
    team_id, user_id = request["team_id"], request["user_id"]
    if command.name == "profile":  # the trigger expires in 3 s: open the modal first
        problem = open_survey(services, client, team_id, user_id, request["trigger_id"])
        return {"text": problem} if problem else None
    if command.name == "join":
        outcome = join_person(services, client, team_id, user_id)
        if outcome.membership is None:
            return {"text": t(outcome.locale, outcome.refusal)}
        cohort = escape(outcome.membership.cohort.name)
        key = "join.already" if not outcome.newly_joined else f"join.welcome_{outcome.welcome}"
        return {"text": t(outcome.locale, key, cohort=cohort)}
    now = services.now()
    with services.sessions() as session:
        membership = participants.current_membership(session, team_id, user_id)
    locale = locale_of(client, user_id, membership)  # may ask Slack: outside any transaction
    if command.name == "status":
        with services.sessions() as session:
            pair = pairs.current_pair(session, team_id, user_id)
        return {"text": status_text(locale, membership, now, pair)}
    if command.name == "help":
        return {"text": _help(locale, command, lead=services.leads.includes(team_id, user_id))}
    if command.name in LEAD_SUBCOMMANDS:
        return _lead_command(services, client, request, command, locale, respond)
    if command.name == "reflections":  # theirs to read, even after leaving
        return reflections_reply(services, team_id, user_id, locale)
    if command.name == "my-data":  # theirs too, even after leaving
        return {"text": my_data_command(services, client, team_id, user_id, locale, respond)}
    if command.name == "leave" and (membership is None or membership.has_left):
        return erasure_offer(services, team_id, user_id, locale)  # left: erasing is still theirs
    if membership is None or membership.has_left:
        return {"text": t(locale, "not_joined")}
    if command.name == "rematch":
        return {"text": rematch(services, client, team_id, user_id, locale)}
    if command.name == "pause":
        return {"text": _pause(services, membership, locale, command.argument, now)}
    if command.name == "resume":
        return {"text": _resume(services, client, membership, locale, now)}
    assert command.name == "leave"
    return {
        "text": t(locale, "leave.question", cohort=escape(membership.cohort.name)),
        "blocks": leave_confirmation(locale, membership.cohort.name, user_id),
    }


def _lead_command(
    services: Services,
    client: WebClient,
    request: dict[str, Any],
    command: Command,
    locale: str | None,
    respond: Respond,
) -> dict[str, Any] | None:
    team_id, user_id = request["team_id"], request["user_id"]
    if not services.leads.includes(team_id, user_id):
        log.warning("refused /mentoring %s from %s: not a program lead", command.name, user_id)
        return {"text": t(locale, "lead.only")}
    if command.name == "wins":
        return wins_queue(services, team_id, locale)
    if command.name == "audit":
        return {"text": audit_reply(services, team_id, locale)}
    if command.name == "cohort":
        answer = cohort_command(services, client, request, command.argument, locale)
        return None if answer is None else {"text": answer}
    if command.name == "digest":
        text = digest_command(services, client, request, command.argument, locale, respond)
    elif command.name == "lead":
        text = lead_command(services, client, team_id, user_id, command.argument, locale)
    elif command.name == "match":
        text = start_matching(services, client, team_id, user_id, locale)
    else:
        text = edit_catalogue(services, team_id, user_id, command.name, command.argument, locale)
    return {"text": text}


def _help(locale: str | None, command: Command, *, lead: bool) -> str:
    text = t(locale, "help.text")
    if lead:
        text = f"{text}\n{t(locale, 'help.lead')}"
    if command.unknown:
        unknown = t(locale, "help.unknown", word=escape(command.unknown.replace("`", "'")))
        text = f"{unknown}\n{text}"
    return text


def _resume(
    services: Services,
    client: WebClient,
    membership: participants.Membership,
    locale: str | None,
    now: datetime,
) -> str:
    """End the person's pause, or their pair's (a pair is paused from a nudge's button)."""
    team_id, user_id = membership.participant.team_id, membership.participant.slack_user_id
    if resume_by_command(services, client, team_id, user_id):
        return t(locale, "resume.pair_done")
    if not membership.is_paused(now):
        return t(locale, "resume.not_paused")
    with services.sessions() as session:
        resumed = participants.resume(session, membership)
    return t(locale, "resume.done" if resumed else "resume.not_paused")


def _pause(
    services: Services,
    membership: participants.Membership,
    locale: str | None,
    argument: str,
    now: datetime,
) -> str:
    timezone = membership.participant.timezone
    try:
        back_on = parse_pause_until(argument, now.astimezone(zone(timezone)).date())
    except PauseDateError as error:
        return t(locale, error.reason)
    until = None if back_on is None else start_of_day(back_on, timezone)
    with services.sessions() as session:
        paused = participants.pause(session, membership, until)
    if not paused:  # they left in the meantime
        return t(locale, "not_joined")
    if back_on is None:
        return t(locale, "pause.done")
    return t(locale, "pause.done_until", date=format_date(locale, back_on))
