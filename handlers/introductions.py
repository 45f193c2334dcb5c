"""Introductions both partners must accept: the invitations, Accept / Decline, the reminder and the
timeout, and the pair's welcome in a group DM.

A decline stays confidential: the partner only hears that the match did not come about, exactly as
after a timeout or a rematch (`handlers.rematch`).
"""

import logging
from datetime import datetime, timedelta
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlmodel import Session, col, select

from bot.messages import t
from bot.numbers import row_id
from handlers.locale import person_locale
from handlers.match_blocks import (
    INVITE_ACCEPT,
    INVITE_DAYS,
    INVITE_DECLINE,
    closed_invite,
    intro_message,
    invite_message,
    partner_of,
)
from handlers.nudges import schedule_first
from handlers.ownership import team_of
from handlers.replies import ephemeral
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES, describe
from handlers.workspace_clients import OneWorkspace, WorkspaceClients
from storage import catalogue, outbox, pairs
from storage.models import Cohort, OutboxKind, Pair, PairState, Participant, Profile
from storage.pairs import AnswerOutcome

log = logging.getLogger(__name__)

REMIND_AFTER = timedelta(days=3)
LAPSE_AFTER = timedelta(days=INVITE_DAYS)


def register(app: App, services: Services) -> None:
    """Listen for Accept and Decline."""

    @app.action(INVITE_ACCEPT)
    def accept(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        _answer(services, client, body, respond, accepted=True)

    @app.action(INVITE_DECLINE)
    def decline(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        _answer(services, client, body, respond, accepted=False)


def cohort_people(session: Session, cohort_id: int, users: list[str]) -> dict[str, Participant]:
    """The cohort's participant rows of `users`, by Slack user ID."""
    rows = session.exec(
        select(Participant).where(
            Participant.cohort_id == cohort_id, col(Participant.slack_user_id).in_(users)
        )
    )
    return {row.slack_user_id: row for row in rows}


def stored_locale(people: dict[str, Participant], user: str) -> str | None:
    """The stored locale of one of `people` (None, so English, for anyone who is not there)."""
    return people[user].locale if user in people else None


def invite(
    session: Session,
    team_id: str,
    cohort: Cohort,
    invited: list[Pair],
    unmatched: dict[str, str],
    now: datetime,
) -> list[int]:
    """Queue each partner's introduction and each unmatched person's waitlist notice; returns
    the outbox IDs, to send at once where it is a good time."""
    assert cohort.id is not None
    users = [u for p in invited for u in (p.mentor_user_id, p.mentee_user_id)] + list(unmatched)
    people = cohort_people(session, cohort.id, users)
    topic_name = catalogue.topic_names(session, cohort.program_id)
    queued = []
    for pair in invited:
        ids = []
        for user in (pair.mentor_user_id, pair.mentee_user_id):
            text, blocks = invite_message(people[user].locale, pair, user, topic_name)
            ids.append(
                outbox.dm(
                    session,
                    team_id=pair.team_id,
                    kind=OutboxKind.PAIR_INVITE,
                    user_id=user,
                    text=text,
                    blocks=blocks,
                    now=now,
                )
            )
        pairs.remember_invites(session, pair, ids[0], ids[1])
        queued += ids
    for user, reason in sorted(unmatched.items()):
        locale = stored_locale(people, user)
        why = t(locale, f"unmatched.{reason}")
        queued.append(
            outbox.dm(
                session,
                team_id=team_id,
                kind=OutboxKind.WAITLIST,
                user_id=user,
                text=t(locale, "waitlist.dm", reason=why),
                now=now,
            )
        )
    return queued


def _answer(
    services: Services, client: WebClient, body: dict[str, Any], respond: Respond, accepted: bool
) -> None:
    clicker, team_id = body["user"]["id"], team_of(body)
    locale = person_locale(services, client, team_id, clicker)
    named, _, owner = str(body["actions"][0].get("value") or "").partition(":")
    pair_id = row_id(named)
    if owner != clicker or pair_id is None:
        log.warning("refused an introduction answer by %s on a button for %s", clicker, owner)
        ephemeral(respond, t(locale, "action.not_for_you"))
        return
    now = services.now()
    send: list[int] = []
    with services.sessions() as session:
        outcome, pair = pairs.answer(session, team_id, pair_id, clicker, accepted, now)
        if pair is not None and outcome == AnswerOutcome.ACTIVE:
            send.append(_queue_welcome(session, pair, now))
        stale: Stale = []
        if pair is not None and outcome == AnswerOutcome.DECLINED:
            stale, saw_it = withdraw_invites(session, pair, [partner_of(pair, clicker)])
            send += tell_closed(session, pair, saw_it, now)
    log.info("introduction %s: %s answered, %s", pair_id, clicker, outcome.value)
    if outcome == AnswerOutcome.NOT_YOURS or pair is None:
        ephemeral(respond, t(locale, "action.not_for_you"))
        return
    if outcome == AnswerOutcome.ALREADY_DECIDED:
        ephemeral(respond, t(locale, "invite.already"))
        if pair.state == PairState.INVITED:  # they answered; the partner has not yet
            waiting = t(locale, "invite.waiting", partner=partner_of(pair, clicker))
            respond(text=waiting, replace_original=True)
        else:
            text, blocks = closed_invite(locale, pair, clicker)
            respond(text=text, blocks=blocks, replace_original=True)
        return
    key = {
        AnswerOutcome.WAITING: "invite.waiting",
        AnswerOutcome.ACTIVE: "invite.active",
        AnswerOutcome.DECLINED: "invite.declined",
    }[outcome]
    respond(text=t(locale, key, partner=partner_of(pair, clicker)), replace_original=True)
    update_stale(OneWorkspace(client), stale)
    if send:
        services.delivery.deliver_due(client, now, ids=send)


def _queue_welcome(session: Session, pair: Pair, now: datetime) -> int:
    """The pair's welcome in their group DM, in their shared language or in both of theirs;
    their first check-in is scheduled with it."""
    cohort = session.get(Cohort, pair.cohort_id)
    assert cohort is not None
    people = cohort_people(session, pair.cohort_id, [pair.mentor_user_id, pair.mentee_user_id])
    goals = tuple(
        (session.get(Profile, people[user].id) or Profile(participant_id=0)).goal or ""
        for user in (pair.mentor_user_id, pair.mentee_user_id)
    )
    text, blocks = intro_message(
        [people[pair.mentor_user_id].locale, people[pair.mentee_user_id].locale],
        pair,
        (goals[0], goals[1]),
        cohort.cadence,
        catalogue.topic_names(session, cohort.program_id),
    )
    message = outbox.enqueue(
        session,
        team_id=pair.team_id,
        kind=OutboxKind.PAIR_INTRO,
        text=text,
        blocks=blocks,
        due_at=now,
        group_user_ids=[pair.mentor_user_id, pair.mentee_user_id],
        respect_working_hours=False,
    )
    pair.intro_id = message.id
    session.add(pair)
    schedule_first(session, pair, now)
    return message.id or 0


def tell_closed(
    session: Session, pair: Pair, users: list[str], now: datetime, key: str = "pair.fell_through"
) -> list[int]:
    """Tell each of `users`, kindly and without a reason, that the pair did not come about."""
    people = cohort_people(session, pair.cohort_id, users)
    ids = []
    for user in users:
        locale = stored_locale(people, user)
        ids.append(
            outbox.dm(
                session,
                team_id=pair.team_id,
                kind=OutboxKind.PAIR_CLOSED,
                user_id=user,
                text=t(locale, key, partner=partner_of(pair, user)),
                now=now,
            )
        )
    return ids


Stale = list[tuple[str, str, str | None, Pair, str]]
"""(channel, ts, locale, pair, user) of sent introductions whose buttons must be taken away."""


def withdraw_invites(session: Session, pair: Pair, users: list[str]) -> tuple[Stale, list[str]]:
    """Cancel the users' introductions not sent yet; returns the sent ones (to update) and who
    actually saw theirs: only they may be told that the match did not come about, since news of
    an introduction someone never saw would reveal the partner's decline."""
    invites = {
        pair.mentor_user_id: pair.mentor_invite_id,
        pair.mentee_user_id: pair.mentee_invite_id,
    }
    invites = {user: invites[user] for user in users}
    never_seen = outbox.cancel_unsent(session, invites.values())
    people = cohort_people(session, pair.cohort_id, users)
    stale: Stale = []
    for user, message_id in invites.items():
        for channel, ts in outbox.sent_where(session, [message_id]):
            stale.append((channel, ts, stored_locale(people, user), pair, user))
    return stale, [user for user, message_id in invites.items() if message_id not in never_seen]


def update_stale(clients: WorkspaceClients, stale: Stale) -> None:
    """Replace decided introductions so that their buttons disappear; failures are only logged
    (a late press is refused anyway)."""
    for channel, ts, locale, pair, user in stale:
        text, blocks = closed_invite(locale, pair, user)
        client = clients.for_team(pair.team_id)
        if client is None:
            continue  # the app left the workspace
        try:
            client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
        except SLACK_CALL_FAILURES as error:
            log.warning("could not withdraw the buttons of pair %s: %s", pair.id, describe(error))


def handle_unanswered(services: Services, clients: WorkspaceClients, now: datetime) -> None:
    """The tick's part: remind once after three days, lapse after five (as a decline)."""
    with services.sessions() as session:
        for pair in pairs.claim_reminders(session, now, REMIND_AFTER):
            waiting = [
                user
                for user, answer in (
                    (pair.mentor_user_id, pair.mentor_answer),
                    (pair.mentee_user_id, pair.mentee_answer),
                )
                if answer is None
            ]
            people = cohort_people(session, pair.cohort_id, waiting)
            for user in waiting:
                locale = stored_locale(people, user)
                left = INVITE_DAYS - REMIND_AFTER.days
                outbox.dm(
                    session,
                    team_id=pair.team_id,
                    kind=OutboxKind.PAIR_REMINDER,
                    user_id=user,
                    text=t(locale, "invite.reminder", partner=partner_of(pair, user), days=left),
                    now=now,
                )
        stale: Stale = []
        for pair in pairs.expire(session, now, LAPSE_AFTER - REMIND_AFTER):
            log.info("introduction %s lapsed without both answers", pair.id)
            updates, saw_it = withdraw_invites(
                session, pair, [pair.mentor_user_id, pair.mentee_user_id]
            )
            stale += updates
            tell_closed(session, pair, saw_it, now)
    update_stale(clients, stale)
