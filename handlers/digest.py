"""`/mentoring digest [cohort]`: a cohort's digest in the lead's DM, with the chart as a PNG and
the per-pair CSV, computed after the command is answered."""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.digest import chart_series
from bot.digest_chart import chart_png
from bot.digest_csv import pairs_csv
from bot.messages import t
from bot.mrkdwn import escape
from handlers.digest_blocks import digest_message
from handlers.replies import ephemeral
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES, describe
from storage import digest as digests
from storage.models import Cohort
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
    assert cohort.id is not None
    queue_digest(
        services, client, cohort.id, user_id, locale, lambda text: ephemeral(respond, text)
    )
    return t(locale, "digest.on_its_way", cohort=escape(cohort.name))


def queue_digest(
    services: Services,
    client: WebClient,
    cohort_id: int,
    lead: str,
    locale: str | None,
    tell: Callable[[str], None],
) -> None:
    """Send the digest after the request is answered; `tell` the lead if their DM failed."""

    def send() -> None:
        error = send_digest(services, client, cohort_id, lead, locale, services.now())
        if error is not None:
            with services.sessions() as session:
                cohort = session.get(Cohort, cohort_id)
            name = escape(cohort.name) if cohort else ""
            tell(t(locale, "digest.failed", cohort=name, error=error))

    services.in_background(send)


def send_digest(
    services: Services,
    client: WebClient,
    cohort_id: int,
    lead: str,
    locale: str | None,
    now: datetime,
    start: datetime | None = None,
) -> str | None:
    """Compute the digest of the period (the last 30 days unless `start` is given), post it to
    the lead's DM and attach the chart and the CSV. Returns Slack's error if the lead could not
    be reached."""
    with services.sessions() as session:
        cohort = session.get(Cohort, cohort_id)
        assert cohort is not None
        digest = digests.digest(session, cohort, start or now - PERIOD, now)
        activity = digests.pair_activity(session, cohort_id)
    text, blocks = digest_message(locale, digest)
    try:  # files need the DM's channel ID: the upload rejects a user ID
        channel = client.conversations_open(users=lead)["channel"]["id"]
        client.chat_postMessage(channel=channel, text=text, blocks=blocks)
    except SLACK_CALL_FAILURES as error:
        log.warning("digest of cohort %s for %s not sent: %s", cohort_id, lead, describe(error))
        return describe(error)
    stem = f"digest-{cohort_id}-{now:%Y-%m-%d}"
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
                    "content": pairs_csv(activity),
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
