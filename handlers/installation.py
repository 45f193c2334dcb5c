"""The app joining and leaving a workspace: whoever installs it first becomes the workspace's
first program lead; uninstalling it or revoking its bot token stops every send there."""

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk.oauth.installation_store import Installation

from bot.messages import t
from handlers.locale import person_locale
from handlers.services import Services
from handlers.workspace_clients import InstalledWorkspaces
from storage import leads, outbox, workspaces
from storage.models import OutboxKind

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    """Listen for the app leaving a workspace (in token mode too: its token stops working)."""

    @app.event("app_uninstalled")
    def uninstalled(context: BoltContext) -> None:
        team_id = context.team_id or ""
        _left(services, team_id, "uninstalled")  # first: a failure here leaves the token to retry
        if app.installation_store is not None:
            app.installation_store.delete_all(enterprise_id=context.enterprise_id, team_id=team_id)

    @app.event("tokens_revoked")
    def revoked(event: dict[str, Any], context: BoltContext) -> None:
        if not (event.get("tokens") or {}).get("bot"):
            return  # only user tokens, which the bot never asks for
        team_id = context.team_id or ""
        _left(services, team_id, "revoked its bot token")
        if app.installation_store is not None:
            app.installation_store.delete_bot(enterprise_id=context.enterprise_id, team_id=team_id)


def _left(services: Services, team_id: str, how: str) -> None:
    with services.sessions() as session:
        cancelled = workspaces.stop(session, team_id, services.now())
    log.info("workspace %s %s: %s queued messages cancelled", team_id, how, cancelled)


def welcome_installer(
    services: Services, clients: InstalledWorkspaces, installation: Installation
) -> None:
    """Record the (re)installation; the installer becomes the first lead of a workspace that has
    none, and is told so in a DM."""
    team_id, installer = installation.team_id or "", installation.user_id
    clients.forget(team_id)  # a reinstall brings a new token
    client = clients.for_team(team_id)
    locale = person_locale(services, client, team_id, installer) if client else None
    now, had_leads = services.now(), bool(services.leads.of(team_id))
    with services.sessions() as session:
        workspaces.restart(session, team_id)
        first = not had_leads and leads.add(
            session, team_id, installer, added_by=installer, now=now
        )
        welcome = outbox.enqueue(
            session,
            team_id=team_id,
            kind=OutboxKind.LEAD_ALERT,
            text=t(locale, "install.first_lead" if first else "install.again"),
            due_at=now,
            recipient_user_id=installer,
            respect_working_hours=False,  # the installer is at their keyboard now
        )
    log.info("installed in workspace %s (installer is the first lead: %s)", team_id, first)
    if client is not None:
        services.delivery.send_now(client, now, welcome.id or 0)
