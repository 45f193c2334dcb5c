"""`/mentoring digest [cohort]`: a cohort's digest in the lead's DM, with the chart as a PNG and
the per-pair CSV, computed after the command is answered."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.digest import Digest, PairActivity, chart_series
from bot.digest_chart import chart_png
from bot.digest_csv import pairs_csv
from bot.messages import t
from bot.mrkdwn import escape
from handlers.delivery import open_conversation
from handlers.digest_blocks import digest_message
from handlers.replies import ephemeral
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES, describe
from storage import audit
from storage import digest as digests
from storage.models import AuditAction, Cohort
from storage.programs import cohort_named, ensure_current_cohort

log = logging.getLogger(__name__)

PERIOD = timedelta(days=30)
"""The period of a digest asked for: wins posted in the last 30 days."""


def digest_command(
    services: Services,
    client: WebClient,
    request: dict[str, Any],
    name: str,
    locale: str | None,
    respond: Respond,
) -> str:
    """Queue the digest of the named (else the current) cohort for the lead; the caller checked
    the lead. Answers at once; the digest follows in the DM (or, if that fails, a note here)."""
    team_id, user_id = request["team_id"], request["user_id"]
    with services.sessions() as session:
        if name:
            cohort = cohort_named(session, team_id, name)
        else:
            cohort = ensure_current_cohort(session, team_id, services.now().date())
    if cohort is None:
        return t(locale, "digest.no_cohort", name=escape(name[:100]))
    queue_digest(
        services, client, cohort, (team_id, user_id), locale, lambda text: ephemeral(respond, text)
    )
    return t(locale, "digest.on_its_way", cohort=escape(cohort.name))


def queue_digest(
    services: Services,
    client: WebClient,
    cohort: Cohort,
    asked_by: tuple[str, str],
    locale: str | None,
    tell: Callable[[str], None],
) -> None:
    """Send the digest to the lead (workspace, user) after the request is answered, and audit
    the export; `tell` the lead if their DM failed."""
    assert cohort.id is not None
    cohort_id, name = cohort.id, escape(cohort.name)
    team_id, lead = asked_by

    def send() -> None:
        now = services.now()
        package = compute_digest(services, cohort_id, now - PERIOD, now)
        error = deliver_digest(client, package, lead, locale)
        if error is not None:
            tell(t(locale, "digest.failed", cohort=name, error=error))
            return
        with services.sessions() as session:
            audit.record(
                session, team_id, lead, AuditAction.DIGEST_EXPORTED, now, cohort_id=cohort_id
            )

    services.in_background(send)


@dataclass(frozen=True)
class DigestPackage:
    """A digest and the per-pair activity of its CSV, computed once for all its readers."""

    cohort_id: int
    digest: Digest
    activity: list[PairActivity]


def compute_digest(
    services: Services, cohort_id: int, start: datetime, end: datetime
) -> DigestPackage:
    """The cohort's digest of the period and its per-pair activity."""
    with services.sessions() as session:
        cohort = session.get(Cohort, cohort_id)
        assert cohort is not None
        return DigestPackage(
            cohort_id,
            digests.digest(session, cohort, start, end),
            digests.pair_activity(session, cohort_id),
        )


def deliver_digest(
    client: WebClient, package: DigestPackage, lead: str, locale: str | None
) -> str | None:
    """Post the digest to the lead's DM in their language and attach the chart and the CSV.
    Returns Slack's error if the lead could not be reached."""
    cohort_id, digest = package.cohort_id, package.digest
    text, blocks = digest_message(locale, digest)
    try:  # files need the DM's channel ID: the upload rejects a user ID
        channel = open_conversation(client, lead)
        client.chat_postMessage(channel=channel, text=text, blocks=blocks)
    except SLACK_CALL_FAILURES as error:
        log.warning("digest of cohort %s for %s not sent: %s", cohort_id, lead, describe(error))
        return describe(error)
    stem = f"digest-{cohort_id}-{digest.period_end:%Y-%m-%d}"
    try:
        client.files_upload_v2(
            channel=channel,
            file_uploads=[
                {
                    "content": chart_png(chart_series(digest.cycles), locale),
                    "filename": f"{stem}.png",
                    "title": t(locale, "digest.chart.title"),
                    "alt_txt": t(locale, "digest.chart.alt"),
                },
                {
                    "content": pairs_csv(package.activity),
                    "filename": f"{stem}-pairs.csv",
                    "title": t(locale, "digest.csv.title"),
                },
            ],
        )
    except SLACK_CALL_FAILURES as error:
        log.warning("digest files of cohort %s for %s: %s", cohort_id, lead, describe(error))
        try:
            client.chat_postMessage(
                channel=channel, text=t(locale, "digest.files_failed", error=describe(error))
            )
        except SLACK_CALL_FAILURES:
            log.warning("could not tell %s that the digest files are missing", lead)
    log.info("digest of cohort %s sent to %s", cohort_id, lead)
    return None
