"""`/mentoring lead add @person`, `lead remove @person` and `lead list`: leads manage leads."""

import logging
import re

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.messages import t
from handlers.people import not_a_colleague
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES, describe
from storage import audit, leads
from storage.models import AuditAction

log = logging.getLogger(__name__)

_MENTION = re.compile(r"<@([UW][A-Z0-9]{2,31})(?:\|[^>]*)?>|([UW][A-Z0-9]{2,31})")


def lead_command(
    services: Services,
    client: WebClient,
    team_id: str,
    user_id: str,
    argument: str,
    locale: str | None,
) -> str:
    """Add, remove or list leads (the caller checked that the sender is one); mrkdwn answer."""
    words = argument.split()
    action = words[0].lower() if words else "list"
    if action == "list" and len(words) <= 1:
        return _listed(services, team_id, locale)
    mention = _MENTION.fullmatch(words[1]) if len(words) == 2 else None
    if action not in ("add", "remove") or mention is None:
        return t(locale, "leads.usage")
    person = mention.group(1) or mention.group(2)
    now = services.now()
    if action == "add":
        try:
            problem = _cannot_lead(client, person)
        except SLACK_CALL_FAILURES as error:
            log.warning("lead %s: could not look %s up: %s", user_id, person, describe(error))
            return t(locale, "leads.check_failed", user=person, error=describe(error))
        if problem:
            log.warning("lead %s: refused to add %s as a lead: %s", user_id, person, problem)
            return t(locale, "leads.not_a_person", user=person)
    with services.sessions() as session:
        if action == "add":
            done = leads.add(session, team_id, person, user_id, now)
        elif person in services.leads.configured:
            return t(locale, "leads.configured", user=person)
        else:
            done = leads.remove(session, team_id, person)
        if done:
            change = AuditAction.LEAD_ADDED if action == "add" else AuditAction.LEAD_REMOVED
            audit.record(session, team_id, user_id, change, now, subject=person)
    log.info("lead %s: %s %s in %s (%s)", user_id, action, person, team_id, done)
    key = f"leads.{'added' if action == 'add' else 'removed'}{'' if done else '_already'}"
    return t(locale, key, user=person)


def _cannot_lead(client: WebClient, user_id: str) -> str | None:
    """Why the user cannot be a lead (unknown to Slack, deactivated, a bot or a guest); raises
    what the look-up raised when Slack did not tell."""
    try:
        return not_a_colleague(client.users_info(user=user_id)["user"])
    except SlackApiError as error:
        if describe(error) == "user_not_found":
            return "user_not_found"
        raise


def _listed(services: Services, team_id: str, locale: str | None) -> str:
    with services.sessions() as session:
        added = leads.added(session, team_id)
    configured = sorted(services.leads.configured)
    lines = [f"• <@{user}> ({t(locale, 'leads.from_settings')})" for user in configured]
    lines += [f"• <@{user}>" for user in added if user not in services.leads.configured]
    return "\n".join([t(locale, "leads.heading"), *lines] if lines else [t(locale, "leads.none")])
