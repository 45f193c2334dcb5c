"""What must agree between pairs, check-ins, reflections and outbox rows, however Slack failed on
the way: the fault-injection demo checks it once its story is over."""

from collections import Counter
from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import (
    CheckIn,
    CheckInState,
    OutboxKind,
    OutboxMessage,
    OutboxState,
    Pair,
    PairState,
    Participant,
    ParticipantStatus,
    Reflection,
)

NUDGED_STATES = {
    CheckInState.NUDGED,
    CheckInState.SNOOZED,
    CheckInState.REMINDED,
    CheckInState.MET,
    CheckInState.SKIPPED,
    CheckInState.PAUSED,
    CheckInState.MISSED,
}
"""A check-in in one of these states was nudged: its nudge is an outbox row."""
INTRODUCED_STATES = {PairState.INVITED, PairState.ACTIVE, PairState.DECLINED, PairState.TIMED_OUT}
DONE = {OutboxState.SENT, OutboxState.FAILED}


def inconsistencies(session: Session, now: datetime) -> list[str]:
    """Everything that disagrees (empty when all agree): an outbox row stuck in `sending` or
    still waiting for a retry that is due, a message that failed for good without a lead alert
    naming whom it was for, an introduced pair without both introductions, an active pair
    without its welcome or with other than one check-in scheduled, a nudged check-in without
    its nudge (or, if that failed, without the pair put before the lead), a check-in held
    without both partners' reflections asked, a participant without their welcome DM."""
    messages = {
        m.id: m for m in session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id)))
    }
    pairs = list(session.exec(select(Pair).order_by(col(Pair.id))))
    problems = [*_outbox_problems(messages, now), *_pair_problems(session, pairs, messages)]
    welcomed = {
        m.recipient_user_id
        for m in messages.values()
        if m.kind == OutboxKind.WELCOME and m.state in DONE
    }
    for person in session.exec(select(Participant).order_by(col(Participant.id))):
        if person.status != ParticipantStatus.LEFT and person.slack_user_id not in welcomed:
            problems.append(f"{person.slack_user_id} never got (nor failed to get) a welcome")
    return problems


def _outbox_problems(messages: dict[int | None, OutboxMessage], now: datetime) -> list[str]:
    problems = []
    alerts = [m.text for m in messages.values() if m.kind == OutboxKind.LEAD_ALERT]
    for message in messages.values():
        name = f"outbox message {message.id} ({message.kind})"
        if message.state == OutboxState.SENDING:
            problems.append(f"{name} is stuck in sending")
        if message.state == OutboxState.PENDING and message.attempts and message.due_at <= now:
            problems.append(f"{name} still waits for a retry that is due")
        failed = message.state == OutboxState.FAILED and message.kind != OutboxKind.LEAD_ALERT
        if failed and not any(_target(message) in alert for alert in alerts):
            problems.append(f"{name} failed ({message.last_error}) and no lead was told")
    return problems


def _target(message: OutboxMessage) -> str:
    """How a lead alert names whom a message was for."""
    if message.recipient_user_id:
        return f"<@{message.recipient_user_id}>"
    if message.group_user_ids:
        return f"<@{message.group_user_ids.split(',')[0]}>"
    return str(message.channel_id)


def _pair_problems(
    session: Session, pairs: list[Pair], messages: dict[int | None, OutboxMessage]
) -> list[str]:
    problems = []
    checkins = list(session.exec(select(CheckIn).order_by(col(CheckIn.id))))
    scheduled: Counter[int | None] = Counter(
        c.pair_id for c in checkins if c.state == CheckInState.SCHEDULED
    )
    reflections: Counter[int | None] = Counter(
        r.checkin_id for r in session.exec(select(Reflection))
    )
    for pair in pairs:
        name = f"pair {pair.id} ({pair.state})"
        if pair.state in INTRODUCED_STATES:
            for invite in (pair.mentor_invite_id, pair.mentee_invite_id):
                if invite not in messages:
                    problems.append(f"{name} lacks an introduction")
        if pair.state == PairState.ACTIVE:
            intro = messages.get(pair.intro_id)
            if intro is None or intro.state not in DONE:
                problems.append(f"{name} has no welcome in its group DM")
            if scheduled[pair.id] != 1:
                problems.append(f"{name} has {scheduled[pair.id]} check-ins scheduled, not one")
    attention = {pair.id for pair in pairs if pair.attention}
    for checkin in checkins:
        name = f"check-in {checkin.number} of pair {checkin.pair_id} ({checkin.state})"
        if checkin.state in NUDGED_STATES:
            nudge = messages.get(checkin.nudge_id)
            if nudge is None or nudge.state not in DONE:
                problems.append(f"{name} has no nudge sent")
            elif nudge.state == OutboxState.FAILED and checkin.pair_id not in attention:
                problems.append(f"{name}: its nudge failed and the pair is not before the lead")
        if checkin.state == CheckInState.MET and reflections[checkin.id] != 2:
            problems.append(f"{name} has {reflections[checkin.id]} reflections asked, not two")
    return problems
