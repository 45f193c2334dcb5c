"""`/mentoring my-data`: everything the bot stores about the person in the workspace, as a JSON
file in their DM, gathered and sent after the command is answered. Each export is recorded in the
audit log under the person's pseudonym (the log is append-only; their Slack ID could not be
erased from it)."""

import logging

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.messages import t
from bot.personal_data import PersonalData, export_json, file_name
from handlers.delivery import open_conversation
from handlers.people import slack_profile
from handlers.replies import ephemeral
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES, describe
from storage import audit, personal_data
from storage.models import AuditAction

log = logging.getLogger(__name__)


def my_data_command(
    services: Services,
    client: WebClient,
    team_id: str,
    user_id: str,
    locale: str | None,
    respond: Respond,
) -> str:
    """Answer at once; the file follows in the DM (or, if Slack refuses it, a note here)."""
    with services.sessions() as session:
        if not personal_data.stored_about(session, team_id, user_id):
            return t(locale, "my_data.nothing")
    services.in_background(lambda: _send(services, client, team_id, user_id, locale, respond))
    return t(locale, "my_data.on_its_way")


def _send(
    services: Services,
    client: WebClient,
    team_id: str,
    user_id: str,
    locale: str | None,
    respond: Respond,
) -> None:
    """Gather the person's data, upload it to their DM and record the export; on a Slack
    failure tell them privately and record nothing (no export happened)."""
    now = services.now()
    with services.sessions() as session:
        data = personal_data.gather(session, team_id, user_id, locale)
    content = export_json(data, _display_names(client, data), locale, now)
    try:  # files need the DM's channel ID: the upload rejects a user ID
        client.files_upload_v2(
            channel=open_conversation(client, user_id),
            content=content,
            filename=file_name(now),
            title=t(locale, "my_data.file_title"),
            initial_comment=t(locale, "my_data.file_comment"),
        )
    except SLACK_CALL_FAILURES as error:
        log.warning("personal data of %s not sent: %s", user_id, describe(error))
        ephemeral(respond, t(locale, "my_data.failed"))
        return
    with services.sessions() as session:
        audit.record(
            session,
            team_id,
            services.pseudonyms.of(team_id, user_id),
            AuditAction.DATA_EXPORTED,
            now,
            details=data.counts(),
        )
    log.info("personal data sent to %s", user_id)


def _display_names(client: WebClient, data: PersonalData) -> dict[str, str | None]:
    """Each partner's display name, as Slack shows it now (None if Slack cannot tell)."""
    return {partner: slack_profile(client, partner).display_name for partner in data.partners}
