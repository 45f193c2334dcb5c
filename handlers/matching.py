"""`/mentoring match` and the lead's review: proposals computed after `ack()`, a paged review in the
lead's DM, drop a pair and recompute, approve all. Every button checks that a lead pressed it."""

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlmodel import Session

from bot.matching import match
from bot.messages import t
from bot.mrkdwn import escape
from bot.numbers import MAX_ROW_ID, row_id, whole_number
from handlers import introductions
from handlers.locale import person_locale
from handlers.match_blocks import REVIEW_APPROVE, REVIEW_DROP, REVIEW_PAGE, review_message
from handlers.ownership import pressed_by_lead, team_of
from handlers.services import Services
from storage import audit, catalogue, matching_input, outbox, pairs
from storage.models import AuditAction, Cohort, MatchRound, OutboxKind, PairState, RoundState
from storage.programs import ensure_current_cohort

log = logging.getLogger(__name__)

Review = tuple[str, list[dict[str, Any]]]


def register(app: App, services: Services) -> None:
    """Listen for the review's buttons."""

    @app.action(REVIEW_DROP)
    def drop(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if not pressed_by_lead(body, client, respond, services):
            return
        team_id, lead = team_of(body), body["user"]["id"]
        locale = person_locale(services, client, team_id, lead)
        pair_id = row_id(str(body["actions"][0].get("value") or ""))
        with services.sessions() as session:
            dropped = pairs.drop(session, team_id, pair_id) if pair_id is not None else None
        if dropped is None:
            respond(
                text=t(locale, "review.stale"), replace_original=False, response_type="ephemeral"
            )
            return
        log.info("lead %s dropped proposal %s; recomputing", lead, dropped.id)
        respond(text=t(locale, "review.recomputing"), replace_original=True)

        def replace_review(review: Review) -> None:
            respond(text=review[0], blocks=review[1] or None, replace_original=True)

        services.in_background(
            lambda: _propose(services, client, team_id, lead, locale, replace_review)
        )

    @app.action(re.compile(f"^{REVIEW_PAGE}_"))
    def page(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if not pressed_by_lead(body, client, respond, services):
            return
        team_id = team_of(body)
        locale = person_locale(services, client, team_id, body["user"]["id"])
        round_id, _, number = str(body["actions"][0].get("value") or "").partition(":")
        page = whole_number(number or "1", MAX_ROW_ID)
        with services.sessions() as session:
            found = _open_round(session, team_id, round_id)
            review = _review(session, found, locale, page) if found and page is not None else None
        if review is None:
            respond(
                text=t(locale, "review.stale"), replace_original=False, response_type="ephemeral"
            )
            return
        respond(text=review[0], blocks=review[1], replace_original=True)

    @app.action(REVIEW_APPROVE)
    def approve(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if not pressed_by_lead(body, client, respond, services):
            return
        team_id, lead = team_of(body), body["user"]["id"]
        locale = person_locale(services, client, team_id, lead)
        now = services.now()
        with services.sessions() as session:
            round_ = _open_round(session, team_id, str(body["actions"][0].get("value") or ""))
            approval = pairs.approve(session, round_, now) if round_ else None
            cohort = session.get(Cohort, round_.cohort_id) if round_ else None
            queued = (
                introductions.invite(
                    session, team_id, cohort, approval.invited, approval.waitlist, now
                )
                if approval and cohort
                else []
            )
            if round_ is not None and approval is not None:
                audit.record(
                    session,
                    team_id,
                    lead,
                    AuditAction.MATCH_APPROVED,
                    now,
                    cohort_id=round_.cohort_id,
                    subject=f"round {round_.id}",
                    details={"pairs": len(approval.invited), "waitlist": len(approval.waitlist)},
                )
        if round_ is None or approval is None:
            respond(
                text=t(locale, "review.stale"), replace_original=False, response_type="ephemeral"
            )
            return
        invited, waiting = len(approval.invited), len(approval.waitlist)
        log.info("lead %s approved round %s: %s introductions", lead, round_.id, invited)
        text = t(locale, "review.approved", pairs=invited, waitlist=waiting)
        respond(text=text, replace_original=True)
        services.delivery.deliver_due(client, now, ids=queued)


def start_matching(
    services: Services, client: WebClient, team_id: str, lead: str, locale: str | None
) -> str:
    """The lead's `/mentoring match`: answer at once, compute and send the review afterwards."""
    with services.sessions() as session:
        cohort = ensure_current_cohort(session, team_id, services.now().date())
        ready = matching_input.ready_count(session, cohort)
    if ready < 2:
        return t(locale, "match.too_few", people=ready)

    def send_review(review: Review) -> None:
        now = services.now()
        with services.sessions() as session:
            message = outbox.enqueue(
                session,
                team_id=team_id,
                kind=OutboxKind.MATCH_REVIEW,
                text=review[0],
                blocks=review[1] or None,
                due_at=now,
                recipient_user_id=lead,
                respect_working_hours=False,
            )
        services.delivery.send_now(client, now, message.id or 0)

    services.in_background(lambda: _propose(services, client, team_id, lead, locale, send_review))
    return t(locale, "match.started", cohort=escape(cohort.name), people=ready)


def _propose(
    services: Services,
    client: WebClient,
    team_id: str,
    lead: str,
    locale: str | None,
    deliver: Callable[[Review], None],
) -> None:
    """Compute a round for the current cohort, store it for review and deliver the first page."""
    now = services.now()
    try:
        with services.sessions() as session:
            cohort = ensure_current_cohort(session, team_id, now.date())
            data = matching_input.load(session, team_id, cohort, now, services.pseudonyms)
        outcome = match(
            data.people, data.settings, previous=data.previous, do_not_pair=data.do_not_pair
        )
        with services.sessions() as session:
            assert cohort.id is not None
            round_ = pairs.start_round(
                session, team_id, cohort.id, lead, outcome, based_on=data.based_on
            )
            review = _review(session, round_, locale, page=1) if round_ else None
    except Exception:
        log.exception("matching for %s failed", team_id)
        deliver((t(locale, "match.failed"), []))
        return
    if round_ is None or review is None:
        log.info("a newer round for %s was stored meanwhile; this one is dropped", team_id)
        return
    log.info(
        "round %s: %s proposals, %s unmatched, total score %s",
        round_.id,
        len(outcome.proposals),
        len(outcome.unmatched),
        outcome.total_score,
    )
    deliver(review)


def _open_round(session: Session, team_id: str, round_id: str) -> MatchRound | None:
    """The workspace's round with that ID if it is still under review."""
    found = row_id(round_id)
    if found is None:
        return None
    round_ = pairs.get_round(session, team_id, found)
    return round_ if round_ is not None and round_.state == RoundState.REVIEW else None


def _review(session: Session, round_: MatchRound, locale: str | None, page: int) -> Review:
    cohort = session.get(Cohort, round_.cohort_id)
    assert cohort is not None and round_.id is not None
    return review_message(
        locale,
        cohort=cohort.name,
        round_id=round_.id,
        mode=cohort.matching_mode,
        pairs=pairs.round_pairs(session, round_.id, PairState.PROPOSED),
        unmatched=round_.unmatched,
        page=page,
        topic_name=catalogue.topic_names(session, cohort.program_id),
    )
