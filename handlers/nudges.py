"""The tick's check-in part: nudge each active pair when its check-in comes, exactly once and at a
good local time; hold nudges while the pair or a partner is paused; flag pairs that miss two
check-ins in a row; say farewell when the cohort ends.

Each batch is claimed and handled in one transaction: the claim, the queued nudge and the next
check-in are written together or not at all. The outbox then sends the nudges.
"""

import logging
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.checkin_schedule import PairHours, due_after, next_slot
from bot.messages import t
from bot.mrkdwn import escape
from bot.working_hours import WorkingHours, start_of_day
from handlers.checkin_blocks import nudge_message, pair_note
from handlers.locale import LeadLocales, lead_locales, leads_in
from handlers.match_blocks import Blocks, TopicName
from handlers.services import Services
from handlers.workspace_clients import WorkspaceClients
from storage import catalogue, checkins, outbox
from storage.checkins import PairInfo
from storage.models import (
    CheckIn,
    CheckInState,
    Cohort,
    OutboxKind,
    OutboxMessage,
    Pair,
    PairState,
    Participant,
    ParticipantStatus,
)
from storage.participants import is_paused

log = logging.getLogger(__name__)

CLAIM_BATCH = 500
PAUSE_RECHECK = timedelta(hours=1)
"""A check-in held by a pause without an end date is looked at again this often."""
REMIND_AFTER = timedelta(days=2)
AT_RISK_AFTER = 2
"""Missed check-ins in a row that make a pair at risk."""


def hours_of(info: PairInfo) -> PairHours:
    """Both partners' working hours, from their survey answers."""
    return PairHours(_hours(info.mentor), _hours(info.mentee))


def _hours(person: Participant) -> WorkingHours:
    return WorkingHours(person.timezone, person.work_start, person.work_end)


def schedule_first(session: Session, pair: Pair, now: datetime) -> None:
    """A pair just became active: its first check-in comes one period from now."""
    assert pair.id is not None
    info = checkins.load_pairs(session, [pair.id])[pair.id]
    checkins.schedule(session, pair, 1, _next_due(info, hours_of(info), now))


def reschedule(session: Session, team_id: str, user_id: str) -> int:
    """The person's zone changed (and is stored): each scheduled check-in of their active pairs
    is worked out again from the moment it was scheduled from, in both partners' zones as they
    are now; returns how many moved. A pause still holds a check-in when it comes due."""
    scheduled = checkins.scheduled_of(session, team_id, user_id)
    infos = checkins.load_pairs(session, {checkin.pair_id for checkin, _ in scheduled})
    moved = 0
    for checkin, scheduled_from in scheduled:
        info = infos[checkin.pair_id]
        moved += checkins.move(session, checkin, _next_due(info, hours_of(info), scheduled_from))
    return moved


def _next_due(info: PairInfo, hours: PairHours, after: datetime) -> datetime:
    """One period after `after`, or the farewell at the cohort's end if that comes first."""
    return min(due_after(after, info.cohort.cadence, hours), _farewell_at(info, hours, after))


def _farewell_at(info: PairInfo, hours: PairHours, after: datetime) -> datetime:
    return next_slot(max(_ends_at(info.cohort), after), hours)


def _ends_at(cohort: Cohort) -> datetime:
    return start_of_day(cohort.ends_on, cohort.timezone)


def _held_until(info: PairInfo, now: datetime) -> datetime | None:
    """While the pair or a partner is paused (or a partner left), when to look again."""
    if info.pair.paused_at is not None:
        return now + PAUSE_RECHECK
    ends = [now]
    for person in (info.mentor, info.mentee):
        if person.status == ParticipantStatus.LEFT:
            return now + PAUSE_RECHECK
        if is_paused(person, now):
            ends.append(person.paused_until or now + PAUSE_RECHECK)
    return max(ends) if len(ends) > 1 else None


def nudge_due(services: Services, clients: WorkspaceClients, now: datetime) -> int:
    """Claim the check-ins due by `now`, batch by batch, and queue their nudges; returns how
    many were claimed."""
    with services.sessions() as session:
        teams = checkins.teams_due(session, now)
    if not teams:
        return 0
    lead_locale = lead_locales(services, clients, teams)
    handled = 0
    while True:
        with services.sessions() as session:
            claimed = checkins.claim_due(session, now, CLAIM_BATCH)
            _handle(session, claimed, now, lead_locale)
        handled += len(claimed)
        if len(claimed) < CLAIM_BATCH:
            break
    if handled:
        log.info("check-ins: %s due ones handled", handled)
    return handled


def _handle(
    session: Session,
    claimed: list[CheckIn],
    now: datetime,
    lead_locale: LeadLocales,
) -> None:
    """Decide for each claimed check-in: close it, hold it, or nudge (and schedule the next)."""
    if not claimed:
        return
    infos = checkins.load_pairs(session, {checkin.pair_id for checkin in claimed})
    _learn_channels(session, [info.pair for info in infos.values()])
    topic_names: dict[int, TopicName] = {}
    nudging: list[tuple[CheckIn, PairInfo, PairHours]] = []
    for checkin in claimed:
        info = infos[checkin.pair_id]
        hours = hours_of(info)
        if info.pair.state != PairState.ACTIVE:
            checkin.state = CheckInState.CLOSED
        elif now >= _ends_at(info.cohort):
            _farewell(session, checkin, info, now)
        elif (held := _held_until(info, now)) is not None:
            _wait(checkin, min(next_slot(held, hours), _farewell_at(info, hours, now)))
        elif (slot := next_slot(now, hours)) > now:  # late after downtime, or off hours
            _wait(checkin, min(slot, _farewell_at(info, hours, now)))
        else:
            nudging.append((checkin, info, hours))
        session.add(checkin)
    session.flush()
    missed = checkins.mark_missed(
        session, [c for c, _, _ in nudging if c.state == CheckInState.NUDGED]
    )
    queued = []
    for checkin, info, hours in nudging:
        program = info.cohort.program_id
        if program not in topic_names:
            topic_names[program] = catalogue.topic_names(session, program)
        queued.append((checkin, _nudge(session, checkin, info, hours, topic_names[program], now)))
        if missed.get(checkin.pair_id) == AT_RISK_AFTER:
            _at_risk(session, info, now, lead_locale)
    session.flush()  # all the batch's rows at once; now the nudges have their IDs
    for checkin, message in queued:
        if checkin.state == CheckInState.REMINDED:
            checkin.reminder_id = message.id
        else:
            checkin.nudge_id = message.id
        session.add(checkin)
    session.flush()


def _wait(checkin: CheckIn, until: datetime) -> None:
    """Put a claimed check-in back, due at `until`."""
    checkin.state = (
        CheckInState.SCHEDULED if checkin.state == CheckInState.NUDGED else CheckInState.SNOOZED
    )
    checkin.due_at = until


def _learn_channels(session: Session, pairs: list[Pair]) -> None:
    """Remember each pair's group DM, where its welcome landed, so nudges need no
    conversations.open (a rate-limited call) of their own."""
    unknown = {pair.intro_id: pair for pair in pairs if pair.channel_id is None and pair.intro_id}
    for intro_id, channel in outbox.sent_channels(session, unknown).items():
        unknown[intro_id].channel_id = channel
        session.add(unknown[intro_id])


def post_to_pair(
    session: Session,
    pair: Pair,
    kind: OutboxKind,
    message: tuple[str, Blocks],
    now: datetime,
    *,
    flush: bool = True,
) -> OutboxMessage:
    """Queue a message for the pair's group DM."""
    text, blocks = message
    return outbox.enqueue(
        session,
        team_id=pair.team_id,
        kind=kind,
        text=text,
        blocks=blocks,
        due_at=now,
        channel_id=pair.channel_id,
        group_user_ids=[pair.mentor_user_id, pair.mentee_user_id],
        respect_working_hours=False,
        flush=flush,
    )


def _nudge(
    session: Session,
    checkin: CheckIn,
    info: PairInfo,
    hours: PairHours,
    topic_name: TopicName,
    now: datetime,
) -> OutboxMessage:
    """Queue the nudge (or the reminder after "Not yet"); a nudge schedules the next check-in."""
    reminder = checkin.state == CheckInState.REMINDED
    kind = OutboxKind.CHECKIN_REMINDER if reminder else OutboxKind.CHECKIN_NUDGE
    message = nudge_message(info, checkin, hours, topic_name, reminder=reminder)
    if not reminder:
        checkin.nudged_at = now
        checkins.schedule(session, info.pair, checkin.number + 1, _next_due(info, hours, now))
    return post_to_pair(session, info.pair, kind, message, now, flush=False)


def _at_risk(session: Session, info: PairInfo, now: datetime, lead_locale: LeadLocales) -> None:
    """Two check-ins missed in a row: a kind note to the pair, a private one to the leads."""
    pair = info.pair
    assert pair.id is not None
    if not checkins.flag_at_risk(session, pair.id, now):
        return
    log.info("pair %s missed %s check-ins in a row: at risk", pair.id, AT_RISK_AFTER)
    note = pair_note([info.mentor.locale, info.mentee.locale], "pair.at_risk")
    post_to_pair(session, pair, OutboxKind.PAIR_NOTE, note, now)
    for lead in leads_in(lead_locale, pair.team_id):
        text = t(
            lead_locale.get((pair.team_id, lead)),
            "lead.at_risk",
            mentor=pair.mentor_user_id,
            mentee=pair.mentee_user_id,
            cohort=escape(info.cohort.name),
        )
        outbox.alert_lead(session, pair.team_id, lead, text, now)


def _farewell(session: Session, checkin: CheckIn, info: PairInfo, now: datetime) -> None:
    """The cohort has ended: the pair is complete, gets a farewell with a last reflection
    prompt, and no more nudges."""
    pair = info.pair
    assert pair.id is not None
    checkin.state = CheckInState.CLOSED
    if not checkins.complete(session, pair.id, now):
        return
    checkins.mark_missed(session, [checkin])
    held = checkins.held_count(session, pair.id)
    farewell = pair_note(
        [info.mentor.locale, info.mentee.locale],
        "pair.farewell",
        mentor=pair.mentor_user_id,
        mentee=pair.mentee_user_id,
        held=held,
    )
    post_to_pair(session, pair, OutboxKind.PAIR_FAREWELL, farewell, now)
    log.info("pair %s completed at the end of cohort %s", pair.id, info.cohort.id)
