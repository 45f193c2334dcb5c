"""The language to answer a person in: their stored locale, else their Slack profile's."""

from collections.abc import Iterable

from slack_sdk import WebClient

from handlers.people import slack_profile
from handlers.services import Services
from handlers.workspace_clients import WorkspaceClients
from storage import participants
from storage.participants import Membership


def locale_of(client: WebClient, user_id: str, membership: Membership | None) -> str | None:
    """The stored locale of a participant, or a `users.info` look-up for anyone else."""
    if membership is not None and membership.participant.locale:
        return membership.participant.locale
    return slack_profile(client, user_id).locale


LeadLocales = dict[tuple[str, str], str | None]
"""(workspace, lead) -> the lead's locale."""


def lead_locales(
    services: Services, clients: WorkspaceClients, teams: Iterable[str]
) -> LeadLocales:
    """Every lead's locale in each workspace the app is installed in; ask before any
    transaction (it may call Slack)."""
    return {
        (team, lead): person_locale(services, client, team, lead)
        for team in set(teams)
        if (client := clients.for_team(team)) is not None
        for lead in services.leads.of(team)
    }


def leads_in(lead_locale: LeadLocales, team_id: str) -> list[str]:
    """The workspace's leads, as `lead_locales` found them."""
    return sorted(lead for team, lead in lead_locale if team == team_id)


def person_locale(services: Services, client: WebClient, team_id: str, user_id: str) -> str | None:
    """The locale of anyone in the workspace, participant or not."""
    with services.sessions() as session:
        membership = participants.current_membership(session, team_id, user_id)
    return locale_of(client, user_id, membership)
