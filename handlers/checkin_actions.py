"""The buttons on a nudge: We met (which asks both partners for a reflection), Not yet, Skip,
Pause our pair, Need help; and Resume our pair.

Only the pair's two partners may press them; each works once per nudge (the check-in's row lock
decides), and the message is then replaced so that stale buttons vanish. "Need help" reaches the
program leads privately, with the pair's names and nothing the pair wrote.
"""

import logging
from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlmodel import Session

from bot.checkin_schedule import next_slot
from bot.messages import t
from bot.mrkdwn import slack_time
from bot.numbers import row_id
from handlers.checkin_blocks import BUTTON_ACTIONS, PAIR_RESUME, answered_message, pair_note
from handlers.locale import person_locale
from handlers.nudges import REMIND_AFTER, hours_of, post_to_pair
from handlers.ownership import team_of
from handlers.reflections import ask_after_meeting, open_reflection
from handlers.replies import ephemeral
from handlers.services import Services
from storage import checkins, outbox, pairs
from storage.checkins import PairInfo, Press, Pressed, PressOutcome
from storage.models import CheckIn, CheckInState, OutboxKind, Pair, PairState

log = logging.getLogger(__name__)

Listener = Any


def register(app: App, services: Services) -> None:
    """Listen for the nudge's buttons and for Resume."""
    for press, action_id in BUTTON_ACTIONS.items():
        app.action(action_id)(_listener(services, press))

    @app.action(PAIR_RESUME)
    def resume(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        _resume_pressed(services, client, body, respond)


def _listener(services: Services, press: Press) -> Listener:
    def pressed(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        _pressed(services, client, body, respond, press)

    return pressed


def _pressed(
    services: Services, client: WebClient, body: dict[str, Any], respond: Respond, press: Press
) -> None:
    clicker, team_id = body["user"]["id"], team_of(body)
    locale = person_locale(services, client, team_id, clicker)
    value = str(body["actions"][0].get("value") or "")
    checkin_id = row_id(value)
    leads = services.leads.of(team_id) if press == Press.HELP else frozenset()
    if press == Press.HELP and not leads:
        log.warning("%s asked for a lead's help, but PROGRAM_LEADS is empty", clicker)
        ephemeral(respond, t(locale, "checkin.no_lead"))
        return
    lead_locales = {  # asked before the transaction: the look-up may call Slack
        lead: person_locale(services, client, team_id, lead) for lead in leads
    }
    now = services.now()
    alerts: list[int] = []
    info, upcoming, reflection = None, None, None
    with services.sessions() as session:
        pressed = (
            _press(session, team_id, checkin_id, clicker, press, now)
            if checkin_id is not None
            else Pressed(PressOutcome.NOT_YOURS)
        )
        if pressed.outcome == PressOutcome.DONE and press == Press.HELP:
            alerts = _ask_leads(session, lead_locales, pressed, clicker, now)
        if pressed.pair is not None and pressed.checkin is not None:
            info = checkins.load_pairs(session, [pressed.checkin.pair_id])[pressed.checkin.pair_id]
            upcoming = checkins.upcoming(session, pressed.checkin.pair_id)
        if pressed.outcome == PressOutcome.DONE and press == Press.MET and info is not None:
            assert pressed.checkin is not None
            reflection = ask_after_meeting(session, info, pressed.checkin, clicker, now)
    log.info("check-in %s: %s pressed %s, %s", value, clicker, press.value, pressed.outcome.value)
    if pressed.outcome == PressOutcome.NOT_YOURS or pressed.checkin is None or info is None:
        log.warning("refused %s by %s on check-in %s", press.value, clicker, value)
        ephemeral(respond, t(locale, "action.not_for_you"))
        return
    locales = [info.mentor.locale, info.mentee.locale]
    if pressed.outcome == PressOutcome.STALE:
        ephemeral(respond, t(locale, "checkin.stale"))
        text, blocks = pair_note(locales, "checkin.closed")
        respond(text=text, blocks=blocks, replace_original=True)
        return
    if press == Press.HELP:
        already = pressed.outcome == PressOutcome.ASKED_ALREADY
        ephemeral(respond, t(locale, "checkin.help_already" if already else "checkin.help_sent"))
        if alerts:
            services.delivery.deliver_due(client, now, ids=alerts)
        return
    if reflection is not None:  # the trigger expires in 3 s: the modal first
        presser_reflection, partner_prompt = reflection
        open_reflection(services, client, body["trigger_id"], presser_reflection)
    text, blocks = _answered(locales, pressed.checkin, info.pair, clicker, upcoming)
    respond(text=text, blocks=blocks, replace_original=True)
    if reflection is not None:
        services.delivery.deliver_due(client, now, ids=[partner_prompt])


def _press(
    session: Session, team_id: str, checkin_id: int, user_id: str, press: Press, now: datetime
) -> Pressed:
    """Record the press; "Not yet" first works out when the pair's reminder is due."""
    remind_at = None
    if press == Press.NOT_YET:
        checkin = session.get(CheckIn, checkin_id)
        if checkin is None or checkin.team_id != team_id:
            return Pressed(PressOutcome.NOT_YOURS)
        info = checkins.load_pairs(session, [checkin.pair_id])[checkin.pair_id]
        remind_at = next_slot(now + REMIND_AFTER, hours_of(info))
    return checkins.press(session, team_id, checkin_id, user_id, press, now, remind_at)


def _answered(
    locales: list[str | None],
    checkin: CheckIn,
    pair: Pair,
    clicker: str,
    upcoming: CheckIn | None,
) -> tuple[str, list[dict[str, Any]]]:
    """What the nudge says once answered (for everyone in the group DM)."""
    key = {
        CheckInState.MET: "checkin.done.met",
        CheckInState.SNOOZED: "checkin.done.not_yet",
        CheckInState.SKIPPED: "checkin.done.skip",
        CheckInState.PAUSED: "checkin.done.pause",
    }[CheckInState(checkin.state)]
    snoozed = checkin.state == CheckInState.SNOOZED
    when = checkin.due_at if snoozed else upcoming.due_at if upcoming else None
    return answered_message(
        locales,
        key,
        pair_id=pair.id if checkin.state == CheckInState.PAUSED else None,
        user=clicker,
        number=checkin.number,
        when=slack_time(when) if when else "…",
    )


def _ask_leads(
    session: Session,
    lead_locales: dict[str, str | None],
    pressed: Pressed,
    clicker: str,
    now: datetime,
) -> list[int]:
    """Queue a private note to each lead: who asks, and the pair's names; nothing else."""
    pair = pressed.pair
    assert pair is not None
    return [
        outbox.dm(
            session,
            team_id=pair.team_id,
            kind=OutboxKind.LEAD_ALERT,
            user_id=lead,
            text=t(
                locale,
                "lead.help",
                user=clicker,
                mentor=pair.mentor_user_id,
                mentee=pair.mentee_user_id,
            ),
            now=now,
        )
        for lead, locale in sorted(lead_locales.items())
    ]


def _resume_pressed(
    services: Services, client: WebClient, body: dict[str, Any], respond: Respond
) -> None:
    clicker, team_id = body["user"]["id"], team_of(body)
    value = str(body["actions"][0].get("value") or "")
    pair_id = row_id(value)
    with services.sessions() as session:
        resumed = (
            checkins.resume_pair(session, team_id, pair_id, clicker)
            if pair_id is not None
            else Pressed(PressOutcome.NOT_YOURS)
        )
        info = _info(session, resumed.pair)
        upcoming = checkins.upcoming(session, resumed.pair.id or 0) if resumed.pair else None
    locale = person_locale(services, client, team_id, clicker)
    if info is None:
        log.warning("refused a resume by %s on pair %s", clicker, value)
        ephemeral(respond, t(locale, "action.not_for_you"))
        return
    if resumed.outcome == PressOutcome.STALE:
        ephemeral(respond, t(locale, "checkin.not_paused"))
        return
    log.info("pair %s resumed by %s", value, clicker)
    text, blocks = _resumed_note(info, clicker, upcoming)
    respond(text=text, blocks=blocks, replace_original=True)


def _info(session: Session, pair: Pair | None) -> PairInfo | None:
    return (
        None
        if pair is None or pair.id is None
        else checkins.load_pairs(session, [pair.id])[pair.id]
    )


def _resumed_note(
    info: PairInfo, user: str, upcoming: CheckIn | None
) -> tuple[str, list[dict[str, Any]]]:
    when = slack_time(upcoming.due_at) if upcoming else "…"
    return pair_note(
        [info.mentor.locale, info.mentee.locale], "checkin.resumed", user=user, when=when
    )


def resume_by_command(services: Services, client: WebClient, team_id: str, user_id: str) -> bool:
    """`/mentoring resume` also resumes the person's paused pair; the pair's group DM hears of
    it. False if they have no paused pair."""
    now = services.now()
    with services.sessions() as session:
        pair = pairs.current_pair(session, team_id, user_id)
        if pair is None or pair.state != PairState.ACTIVE or pair.id is None:
            return False
        resumed = checkins.resume_pair(session, team_id, pair.id, user_id)
        info = _info(session, resumed.pair)
        if resumed.outcome != PressOutcome.DONE or info is None:
            return False
        note = _resumed_note(info, user_id, checkins.upcoming(session, pair.id))
        queued = post_to_pair(session, pair, OutboxKind.PAIR_NOTE, note, now).id
    log.info("pair %s resumed by %s with /mentoring resume", pair.id, user_id)
    services.delivery.deliver_due(client, now, ids=[queued or 0])
    return True
