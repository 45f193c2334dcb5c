"""Erasing a person at their request ("Leave and delete my data"), in one workspace, in the
caller's transaction, with set-based statements.

What goes: their survey answers (profiles, topics, languages), their roster invitations, the
texts of their reflections and the reflections they never wrote, their wins that were never
posted, and every outbox message to them or naming them.

What stays, with their Slack user ID replaced by their pseudonym (`bot.pseudonyms`), so that the
cohorts' counts and the digests' figures stay as they were and matching still honours their
history should they rejoin: each participation (left, nothing personal), their pairs and
check-ins, the scores and topics of their written reflections, their posted wins (published
anonymised already), the do-not-pair lists they made and the entries of others about them, a
roster manager entry naming them, and the rounds that left them unmatched.
"""

import json
import re
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy import String, cast, delete, or_, update
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from storage import audit
from storage.models import (
    AuditAction,
    CheckIn,
    DoNotPair,
    Invitation,
    MatchRound,
    OutboxMessage,
    Pair,
    Participant,
    ParticipantStatus,
    Profile,
    ProfileLanguage,
    ProfileTopic,
    Reflection,
    Win,
    WinState,
)
from storage.pairs import changed

PUBLISHED_WIN_STATES = (WinState.POSTING, WinState.POSTED)
"""Wins already in the cohort's channel (or on their way there), anonymised: kept."""


@dataclass(frozen=True)
class Participation:
    """One of the person's participations: the row and its cohort."""

    participant_id: int
    cohort_id: int


def participations(session: Session, team_id: str, user_id: str) -> list[Participation]:
    """The person's participations in the workspace, locked to the end of the transaction: a
    second erasure at the same time waits for this one, then finds none."""
    rows = session.exec(
        select(Participant.id, Participant.cohort_id)
        .where(Participant.team_id == team_id, Participant.slack_user_id == user_id)
        .order_by(col(Participant.id))
        .with_for_update()
    )
    return [Participation(participant_id or 0, cohort_id) for participant_id, cohort_id in rows]


def erase(
    session: Session,
    team_id: str,
    user_id: str,
    pseudonym: str,
    mine: list[Participation],
    now: datetime,
) -> dict[str, int]:
    """Erase the person from their participations `mine` (see the module's docstring) and
    append the audit entry, whose actor is the pseudonym; returns what was done, as counts.
    End their invited or active pair before: here it is only renamed, its partner left waiting."""
    session.flush()  # the statements below bypass the session's pending changes
    ids = [p.participant_id for p in mine]
    for table in (ProfileTopic, ProfileLanguage, Profile):
        session.execute(delete(table).where(col(table.participant_id).in_(ids)))
    session.execute(
        delete(Invitation).where(
            col(Invitation.team_id) == team_id, col(Invitation.slack_user_id) == user_id
        )
    )
    _rename(session, Invitation, "manager_user_id", team_id, user_id, pseudonym)
    counts = {
        "participations": len(mine),
        "wins_deleted": changed(
            session,
            delete(Win).where(
                col(Win.team_id) == team_id,
                col(Win.author_user_id) == user_id,
                col(Win.state).not_in(PUBLISHED_WIN_STATES),
            ),
        ),
        "reflections_deleted": changed(
            session,
            delete(Reflection).where(
                col(Reflection.team_id) == team_id,
                col(Reflection.author_user_id) == user_id,
                col(Reflection.submitted_at).is_(None),
            ),
        ),
    }
    session.execute(
        update(Reflection)
        .where(col(Reflection.team_id) == team_id, col(Reflection.author_user_id) == user_id)
        .values(author_user_id=pseudonym, learned=None, win_text=None),
        execution_options={"synchronize_session": False},
    )
    _rename(session, Win, "author_user_id", team_id, user_id, pseudonym)
    _rename(session, Pair, "mentor_user_id", team_id, user_id, pseudonym)
    _rename(session, Pair, "mentee_user_id", team_id, user_id, pseudonym)
    _rename(session, CheckIn, "answered_by", team_id, user_id, pseudonym)
    _rename_helpers(session, team_id, user_id, pseudonym)
    _rename_unmatched(session, {p.cohort_id for p in mine}, user_id, pseudonym)
    _rename_do_not_pair(session, team_id, user_id, pseudonym)
    _anonymise_participants(session, mine, pseudonym, now)
    counts["messages_deleted"] = _delete_messages(session, team_id, user_id)
    latest = max(mine, key=lambda p: p.participant_id)
    audit.record(
        session,
        team_id,
        pseudonym,
        AuditAction.DATA_ERASED,
        now,
        cohort_id=latest.cohort_id,
        details=counts,
    )
    return counts


def _rename(
    session: Session, table: Any, column: str, team_id: str, user_id: str, pseudonym: str
) -> None:
    """Put the pseudonym where the workspace's rows of `table` name the person in `column`."""
    session.execute(
        update(table)
        .where(col(table.team_id) == team_id, col(getattr(table, column)) == user_id)
        .values({column: pseudonym}),
        execution_options={"synchronize_session": False},
    )


def _mentions(user_id: str) -> re.Pattern[str]:
    """The user ID as a whole word, not as part of a longer ID."""
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(user_id)}(?![A-Za-z0-9])")


def _rename_helpers(session: Session, team_id: str, user_id: str, pseudonym: str) -> None:
    """Check-ins' comma-separated lists of partners who asked for help."""
    mention = _mentions(user_id)
    rows = session.exec(
        select(CheckIn.id, CheckIn.help_asked_by).where(
            CheckIn.team_id == team_id, col(CheckIn.help_asked_by).contains(user_id)
        )
    )
    renamed = [
        {"id": checkin_id, "help_asked_by": mention.sub(pseudonym, helpers or "")}
        for checkin_id, helpers in rows
        if mention.search(helpers or "")
    ]
    if renamed:
        session.execute(update(CheckIn), renamed)


def _rename_unmatched(session: Session, cohorts: set[int], user_id: str, pseudonym: str) -> None:
    """The rounds of the person's cohorts that left them unmatched (user ID -> reason)."""
    rows = session.exec(
        select(MatchRound.id, MatchRound.unmatched).where(col(MatchRound.cohort_id).in_(cohorts))
    )
    renamed = [
        {
            "id": round_id,
            "unmatched": {
                pseudonym if user == user_id else user: why for user, why in unmatched.items()
            },
        }
        for round_id, unmatched in rows
        if user_id in (unmatched or {})
    ]
    if renamed:
        session.execute(update(MatchRound), renamed)


def _rename_do_not_pair(session: Session, team_id: str, user_id: str, pseudonym: str) -> None:
    """Others' do-not-pair entries about the person name the pseudonym instead (one entry where
    a list already had both)."""
    in_workspace = select(Participant.id).where(Participant.team_id == team_id)
    has_pseudonym = select(DoNotPair.participant_id).where(DoNotPair.excluded_user_id == pseudonym)
    naming = (col(DoNotPair.excluded_user_id) == user_id) & col(DoNotPair.participant_id).in_(
        in_workspace
    )
    session.execute(
        delete(DoNotPair).where(naming, col(DoNotPair.participant_id).in_(has_pseudonym)),
        execution_options={"synchronize_session": False},
    )
    session.execute(
        update(DoNotPair).where(naming).values(excluded_user_id=pseudonym),
        execution_options={"synchronize_session": False},
    )


def _anonymise_participants(
    session: Session, mine: list[Participation], pseudonym: str, now: datetime
) -> None:
    """Each participation stays, left and with nothing personal, under the pseudonym. Where the
    person was erased from the same cohort before (and rejoined it), this participation merges
    into that one: one person, one row per cohort, as when someone leaves and rejoins."""
    cohorts = {p.cohort_id for p in mine}
    erased_before = dict(
        session.exec(
            select(Participant.cohort_id, Participant.id).where(
                col(Participant.cohort_id).in_(cohorts), Participant.slack_user_id == pseudonym
            )
        ).all()
    )
    merged = [p for p in mine if p.cohort_id in erased_before]
    for participation in merged:
        into = erased_before[participation.cohort_id]
        session.execute(
            update(DoNotPair)
            .where(
                col(DoNotPair.participant_id) == participation.participant_id,
                col(DoNotPair.excluded_user_id).not_in(
                    select(DoNotPair.excluded_user_id).where(DoNotPair.participant_id == into)
                ),
            )
            .values(participant_id=into),
            execution_options={"synchronize_session": False},
        )
    merged_ids = [p.participant_id for p in merged]
    session.execute(delete(DoNotPair).where(col(DoNotPair.participant_id).in_(merged_ids)))
    session.execute(delete(Participant).where(col(Participant.id).in_(merged_ids)))
    kept = [p.participant_id for p in mine if p.cohort_id not in erased_before]
    session.execute(
        update(Participant)
        .where(col(Participant.id).in_(kept), col(Participant.left_at).is_(None))
        .values(left_at=now),
        execution_options={"synchronize_session": False},
    )
    session.execute(
        update(Participant)
        .where(col(Participant.id).in_(kept))
        .values(
            slack_user_id=pseudonym,
            status=ParticipantStatus.LEFT,
            names=[],
            locale=None,
            timezone="UTC",
            work_start=time(9, 0),
            work_end=time(17, 0),
            paused_until=None,
            waitlist_reason=None,
        ),
        execution_options={"synchronize_session": False},
    )


def _delete_messages(session: Session, team_id: str, user_id: str) -> int:
    """Delete every outbox message to the person or naming them (a group DM with them, a mention,
    a button's value), whatever its state: what was queued is never sent, and what was sent
    keeps no trace of them. Returns how many."""
    like = f"%{user_id}%"
    candidates = session.execute(
        select_columns(
            col(OutboxMessage.id),
            col(OutboxMessage.recipient_user_id),
            col(OutboxMessage.group_user_ids),
            col(OutboxMessage.text),
            col(OutboxMessage.blocks),
        ).where(
            col(OutboxMessage.team_id) == team_id,
            or_(
                col(OutboxMessage.recipient_user_id) == user_id,
                col(OutboxMessage.group_user_ids).like(like),
                col(OutboxMessage.text).like(like),
                cast(OutboxMessage.blocks, String).like(like),
            ),
        )
    )
    mention = _mentions(user_id)
    doomed = [
        message_id
        for message_id, recipient, group, text, blocks in candidates
        if recipient == user_id
        or any(mention.search(part) for part in (group or "", text, json.dumps(blocks)))
    ]
    if not doomed:
        return 0
    return changed(session, delete(OutboxMessage).where(col(OutboxMessage.id).in_(doomed)))
