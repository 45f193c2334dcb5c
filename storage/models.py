"""SQLModel tables. Timestamps are timezone-aware UTC; dates are calendar dates in the cohort's zone."""

from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import DDL, JSON, Column, Index, UniqueConstraint, event, text
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def _timestamp(nullable: bool = False, **kwargs: Any) -> Any:
    return Field(sa_type=UTCDateTime(), nullable=nullable, **kwargs)


class Workspace(SQLModel, table=True):
    """A Slack workspace (team) the bot is installed in."""

    team_id: str = Field(primary_key=True, max_length=32)
    created_at: datetime = _timestamp(default_factory=utcnow)
    uninstalled_at: datetime | None = _timestamp(nullable=True, default=None)
    """Set when the app was uninstalled or its bot token revoked: nothing is sent there."""


class Lead(SQLModel, table=True):
    """A program lead added in Slack (`/mentoring lead add`), besides those in PROGRAM_LEADS."""

    team_id: str = Field(foreign_key="workspace.team_id", primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    added_by: str = Field(max_length=32)
    added_at: datetime = _timestamp(default_factory=utcnow)


class Program(SQLModel, table=True):
    """A lasting reverse-mentoring program of one workspace."""

    __table_args__ = (UniqueConstraint("team_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", index=True, max_length=32)
    name: str = Field(max_length=100)
    created_at: datetime = _timestamp(default_factory=utcnow)


class Cadence(StrEnum):
    """How often a pair is nudged to meet."""

    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"


class Cohort(SQLModel, table=True):
    """A dated run of a program. At most one cohort per program is open for joining."""

    __table_args__ = (
        Index(
            "one_open_cohort_per_program",
            "program_id",
            unique=True,
            sqlite_where=text("open_for_joining"),
            postgresql_where=text("open_for_joining"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True)
    name: str = Field(max_length=100)
    starts_on: date
    ends_on: date
    cadence: str = Field(default=Cadence.BIWEEKLY.value, max_length=16)
    timezone: str = Field(default="UTC", max_length=64)
    open_for_joining: bool = Field(default=True)
    mentor_capacity: int = Field(default=1)
    mutual_pairs: bool = Field(default=True)
    matching_mode: str = Field(default="most_matched", max_length=16)
    wins_channel: str | None = Field(default=None, max_length=32)
    wins_auto_post: bool = Field(default=False)
    """Post opted-in wins without a lead's review (they can still edit or drop them)."""
    wins_k: int = Field(default=3)
    """A wins post goes out only when at least this many people contributed to it."""
    wins_every: str = Field(default="weekly", max_length=16)
    wins_weekday: int = Field(default=0)
    """0 for Monday."""
    wins_time: time = Field(default=time(10, 0))
    digest_every: str | None = Field(default=None, max_length=16)
    """How often every lead gets the cohort's digest by DM; None for only on request."""
    digest_weekday: int = Field(default=0)
    digest_time: time = Field(default=time(9, 0))
    retention_months: int = Field(default=12)
    """Reflections and wins are deleted this many months after the cohort ends."""
    created_at: datetime = _timestamp(default_factory=utcnow)


class ParticipantStatus(StrEnum):
    """Where a person stands in a cohort."""

    ACTIVE = "active"
    PAUSED = "paused"
    LEFT = "left"


class Participant(SQLModel, table=True):
    """A person taking part in a cohort, with what scheduling needs to know about them."""

    __table_args__ = (
        UniqueConstraint("cohort_id", "slack_user_id"),
        # The scheduler tick's look-ups (pauses that end, surveys to remind about) stay cheap
        # however many people the database holds.
        Index("participant_pause_ends", "status", "paused_until"),
        Index(
            "participant_survey_unfinished",
            "joined_at",
            sqlite_where=text("survey_completed_at IS NULL AND survey_reminded_at IS NULL"),
            postgresql_where=text("survey_completed_at IS NULL AND survey_reminded_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    cohort_id: int = Field(foreign_key="cohort.id", index=True)
    team_id: str = Field(max_length=32)
    slack_user_id: str = Field(max_length=32)
    status: str = Field(default=ParticipantStatus.ACTIVE.value, max_length=16)
    paused_until: datetime | None = _timestamp(nullable=True, default=None)
    locale: str | None = Field(default=None, max_length=16)
    timezone: str = Field(default="UTC", max_length=64)
    names: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    """The person's Slack names (display, real, first, last, handle), for anonymising wins."""
    work_start: time = Field(default=time(9, 0))
    work_end: time = Field(default=time(17, 0))
    survey_completed_at: datetime | None = _timestamp(nullable=True, default=None)
    survey_reminded_at: datetime | None = _timestamp(nullable=True, default=None)
    waitlist_reason: str | None = Field(default=None, max_length=16)
    """Why the last approved round left the person without a partner (see `bot.matching`)."""
    joined_at: datetime = _timestamp(default_factory=utcnow)
    left_at: datetime | None = _timestamp(nullable=True, default=None)


Index("participant_by_person", Participant.team_id, Participant.slack_user_id)


class Topic(SQLModel, table=True):
    """An entry of a program's topic catalogue. Removed entries are retired, never deleted, so
    profiles that chose them stay whole; `key` names a default entry in the message catalogue."""

    __table_args__ = (UniqueConstraint("program_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True)
    kind: str = Field(max_length=16)
    name: str = Field(max_length=75)
    key: str | None = Field(default=None, max_length=32)
    retired: bool = Field(default=False)


class Department(SQLModel, table=True):
    """An entry of a program's department list; retired like topics."""

    __table_args__ = (UniqueConstraint("program_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True)
    name: str = Field(max_length=75)
    key: str | None = Field(default=None, max_length=32)
    retired: bool = Field(default=False)


class Profile(SQLModel, table=True):
    """A participant's survey answers. Each step is saved whole when submitted (its `*_saved_at`
    is set); the profile counts only once `Participant.survey_completed_at` is set.

    Weekdays and meeting formats are bit masks (see `bot.survey.to_mask`); topics, languages and
    the do-not-pair list are rows of their own tables.
    """

    participant_id: int = Field(foreign_key="participant.id", primary_key=True)
    role: str | None = Field(default=None, max_length=16)
    career_stage: str | None = Field(default=None, max_length=16)
    years_in_company: int | None = None
    department_id: int | None = Field(default=None, foreign_key="department.id")
    department_other: str | None = Field(default=None, max_length=75)
    goal: str | None = Field(default=None, max_length=500)
    meeting_days: int = Field(default=0)
    meeting_formats: int = Field(default=0)
    consent_at: datetime | None = _timestamp(nullable=True, default=None)
    about_saved_at: datetime | None = _timestamp(nullable=True, default=None)
    meeting_saved_at: datetime | None = _timestamp(nullable=True, default=None)


class TopicDirection(StrEnum):
    """Whether a person offers a topic or wants it."""

    TEACH = "teach"
    LEARN = "learn"


class ProfileTopic(SQLModel, table=True):
    """A topic a participant can teach or wants to learn."""

    participant_id: int = Field(foreign_key="participant.id", primary_key=True)
    topic_id: int = Field(foreign_key="topic.id", primary_key=True, index=True)
    direction: str = Field(primary_key=True, max_length=8)


class ProfileLanguage(SQLModel, table=True):
    """A language a participant can mentor in (ISO 639-1)."""

    participant_id: int = Field(foreign_key="participant.id", primary_key=True)
    language: str = Field(primary_key=True, max_length=8)


class DoNotPair(SQLModel, table=True):
    """Someone a participant must never be paired with. Confidential: read only by matching and
    by the participant's own profile form (see `storage.do_not_pair`)."""

    participant_id: int = Field(foreign_key="participant.id", primary_key=True)
    excluded_user_id: str = Field(primary_key=True, max_length=32)


class RoundState(StrEnum):
    """A matching round: under a lead's review, approved, or replaced by a newer one."""

    REVIEW = "review"
    APPROVED = "approved"
    REPLACED = "replaced"


class MatchRound(SQLModel, table=True):
    """One run of matching for a cohort, which a lead reviews and approves as a whole."""

    id: int | None = Field(default=None, primary_key=True)
    cohort_id: int = Field(foreign_key="cohort.id", index=True)
    lead_user_id: str = Field(max_length=32)
    state: str = Field(default=RoundState.REVIEW.value, max_length=16)
    unmatched: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON))
    """Slack user ID -> why they got no partner (`bot.matching.Unmatched`)."""
    created_at: datetime = _timestamp(default_factory=utcnow)
    approved_at: datetime | None = _timestamp(nullable=True, default=None)


class PairState(StrEnum):
    """The life of a pair, from proposal to its end."""

    PROPOSED = "proposed"
    WITHDRAWN = "withdrawn"
    """Its round was replaced before approval; it never reached anyone."""
    DROPPED = "dropped"
    INVITED = "invited"
    ACTIVE = "active"
    DECLINED = "declined"
    TIMED_OUT = "timed_out"
    REMATCHED = "rematched"
    """Ended early: a partner asked for a rematch, or left the program while invited or active."""
    COMPLETED = "completed"
    """The cohort ended while the pair was active."""


class Answer(StrEnum):
    """A partner's answer to an introduction."""

    ACCEPTED = "accepted"
    DECLINED = "declined"


class Pair(SQLModel, table=True):
    """A mentor and a mentee: proposed in a round, then invited, then (if both accept) active.

    Every state but proposed, withdrawn and dropped counts as an earlier pair for good: such a pair
    is never proposed again; a dropped one not in its cohort (see `storage.pairs.previous_pairs`).
    """

    __table_args__ = (
        Index("pair_by_state", "cohort_id", "state"),
        Index("pair_invited", "state", "invited_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="matchround.id", index=True)
    cohort_id: int = Field(foreign_key="cohort.id")
    team_id: str = Field(max_length=32)
    mentor_user_id: str = Field(max_length=32)
    mentee_user_id: str = Field(max_length=32)
    score: int
    reasons: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    state: str = Field(default=PairState.PROPOSED.value, max_length=16)
    mentor_answer: str | None = Field(default=None, max_length=16)
    mentee_answer: str | None = Field(default=None, max_length=16)
    mentor_invite_id: int | None = None
    mentee_invite_id: int | None = None
    """Outbox IDs of the introductions, so that their buttons can be withdrawn."""
    invited_at: datetime | None = _timestamp(nullable=True, default=None)
    reminded_at: datetime | None = _timestamp(nullable=True, default=None)
    decided_at: datetime | None = _timestamp(nullable=True, default=None)
    active_since: datetime | None = _timestamp(nullable=True, default=None)
    intro_id: int | None = None
    """Outbox ID of the pair's welcome; where it landed is the pair's group DM."""
    channel_id: str | None = Field(default=None, max_length=32)
    paused_at: datetime | None = _timestamp(nullable=True, default=None)
    """Set while the pair itself is paused (by either partner), as against a person's pause."""
    missed_in_row: int = Field(default=0)
    at_risk_since: datetime | None = _timestamp(nullable=True, default=None)
    attention: str | None = Field(default=None, max_length=64)
    """Why the pair needs the lead: the Slack error that stopped a nudge for good."""


Index("pair_by_person", Pair.team_id, Pair.mentor_user_id, Pair.mentee_user_id)


class CheckInState(StrEnum):
    """The life of one check-in of a pair."""

    SCHEDULED = "scheduled"
    """Waiting for its nudge; `due_at` is when."""
    NUDGED = "nudged"
    SNOOZED = "snoozed"
    """"Not yet": `due_at` is when the one reminder goes out."""
    REMINDED = "reminded"
    MET = "met"
    SKIPPED = "skipped"
    PAUSED = "paused"
    """The pair paused from this check-in's nudge."""
    MISSED = "missed"
    """Nobody answered before the next check-in came due."""
    CLOSED = "closed"
    """The pair ended or the cohort did; no nudge was or will be sent for it."""


OPEN_CHECKIN_STATES = (CheckInState.NUDGED, CheckInState.SNOOZED, CheckInState.REMINDED)
"""Nudged and not answered yet."""


class CheckIn(SQLModel, table=True):
    """One of a pair's regular sessions. The schedule is these rows: the tick claims the
    scheduled (and snoozed) ones whose `due_at` has come, so a restart loses nothing and
    replicas never nudge twice."""

    __table_args__ = (
        UniqueConstraint("pair_id", "number"),
        Index("checkin_due", "state", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    pair_id: int = Field(foreign_key="pair.id")
    team_id: str = Field(max_length=32)
    number: int
    """1 for the pair's first check-in."""
    state: str = Field(default=CheckInState.SCHEDULED.value, max_length=16)
    due_at: datetime = _timestamp()
    nudge_id: int | None = None
    reminder_id: int | None = None
    """Outbox IDs of the nudge and of the reminder after "Not yet"."""
    nudged_at: datetime | None = _timestamp(nullable=True, default=None)
    answered_by: str | None = Field(default=None, max_length=32)
    answered_at: datetime | None = _timestamp(nullable=True, default=None)
    help_asked_by: str | None = Field(default=None, max_length=80)
    """Comma-separated partners who asked the lead for help from this check-in."""


class Reflection(SQLModel, table=True):
    """One partner's short reflection on a check-in they held: asked for at "We met", written
    once. Private: only its author ever reads the text (see `storage.reflections`); leads see
    aggregates of the scores only."""

    __table_args__ = (
        UniqueConstraint("checkin_id", "author_user_id"),
        Index(
            "reflection_unanswered",
            "asked_at",
            sqlite_where=text("submitted_at IS NULL AND reminded_at IS NULL"),
            postgresql_where=text("submitted_at IS NULL AND reminded_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    checkin_id: int = Field(foreign_key="checkin.id")
    pair_id: int = Field(foreign_key="pair.id")
    cohort_id: int = Field(foreign_key="cohort.id", index=True)
    team_id: str = Field(max_length=32)
    author_user_id: str = Field(max_length=32)
    topic_id: int | None = Field(default=None, foreign_key="topic.id")
    """What the author learned in this session (the nudge's focus for them)."""
    asked_at: datetime = _timestamp()
    reminded_at: datetime | None = _timestamp(nullable=True, default=None)
    submitted_at: datetime | None = _timestamp(nullable=True, default=None)
    learned: str | None = Field(default=None, max_length=500)
    progress: int | None = None
    """Progress towards the author's goal, 1 to 5."""
    confidence: int | None = None
    """Confidence in the session's topic, 1 to 5."""
    win_text: str | None = Field(default=None, max_length=500)
    """The win as the author wrote it; only its anonymised copy (`Win`) may reach others."""


Index("reflection_by_author", Reflection.team_id, Reflection.author_user_id)


class WinState(StrEnum):
    """The life of a shared win, from the author's opt-in to the cohort's channel."""

    REVIEW = "review"
    """Waiting for a lead's review."""
    APPROVED = "approved"
    """Goes out with the next wins post that has enough contributors."""
    POSTING = "posting"
    """In a post the outbox is sending."""
    POSTED = "posted"
    WITHDRAWN = "withdrawn"
    DROPPED = "dropped"
    """A lead decided not to post it."""


UNPOSTED_WIN_STATES = (WinState.REVIEW, WinState.APPROVED)
"""A win its author can still withdraw, and a lead still edit or drop."""


class Win(SQLModel, table=True):
    """The anonymised copy of a win its author chose to share; posted at most once."""

    __table_args__ = (Index("win_by_state", "cohort_id", "state"),)

    id: int | None = Field(default=None, primary_key=True)
    reflection_id: int = Field(foreign_key="reflection.id", unique=True)
    cohort_id: int = Field(foreign_key="cohort.id")
    team_id: str = Field(max_length=32)
    author_user_id: str = Field(max_length=32)
    text: str = Field(max_length=1000)
    """Anonymised and escaped for mrkdwn: ready to post."""
    state: str = Field(default=WinState.REVIEW.value, max_length=16)
    created_at: datetime = _timestamp()
    edited_by: str | None = Field(default=None, max_length=32)
    post_id: int | None = Field(default=None, foreign_key="winspost.id")
    posted_at: datetime | None = _timestamp(nullable=True, default=None)


class WinsPostState(StrEnum):
    """What became of one scheduled wins post."""

    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"
    """Fewer than k people contributed: nothing went out; the wins wait."""
    NO_CHANNEL = "no_channel"


class WinsPost(SQLModel, table=True):
    """One slot of a cohort's wins schedule, claimed once: the unique slot makes sure two
    replicas, or a restart, never post a period twice."""

    __table_args__ = (UniqueConstraint("cohort_id", "slot"),)

    id: int | None = Field(default=None, primary_key=True)
    cohort_id: int = Field(foreign_key="cohort.id")
    team_id: str = Field(max_length=32)
    slot: datetime = _timestamp()
    period_start: datetime = _timestamp()
    state: str = Field(default=WinsPostState.QUEUED.value, max_length=16)
    pairs_met: int = Field(default=0)
    wins: int = Field(default=0)
    outbox_id: int | None = None


class DigestRun(SQLModel, table=True):
    """One slot of a cohort's digest schedule, claimed once, so that leads get each scheduled
    digest once however many replicas tick."""

    __table_args__ = (UniqueConstraint("cohort_id", "slot"),)

    id: int | None = Field(default=None, primary_key=True)
    cohort_id: int = Field(foreign_key="cohort.id")
    team_id: str = Field(max_length=32)
    slot: datetime = _timestamp()
    leads_reached: int = Field(default=0)


class OutboxState(StrEnum):
    """Life cycle of a message that is sent later than the request that caused it."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class ProcessedEvent(SQLModel, table=True):
    """An Events API delivery already handled; Slack retries and replicas must not act twice."""

    event_id: str = Field(primary_key=True, max_length=64)
    team_id: str = Field(max_length=32)
    received_at: datetime = _timestamp(index=True)


class OutboxKind(StrEnum):
    """What an outbox message is; each kind has a name in the message catalogue."""

    WELCOME = "welcome"
    SURVEY_REMINDER = "survey_reminder"
    PROFILE_SUMMARY = "profile_summary"
    LEAD_ALERT = "lead_alert"
    MATCH_REVIEW = "match_review"
    PAIR_INVITE = "pair_invite"
    PAIR_REMINDER = "pair_reminder"
    PAIR_INTRO = "pair_intro"
    PAIR_CLOSED = "pair_closed"
    WAITLIST = "waitlist"
    CHECKIN_NUDGE = "checkin_nudge"
    CHECKIN_REMINDER = "checkin_reminder"
    PAIR_NOTE = "pair_note"
    PAIR_FAREWELL = "pair_farewell"
    REFLECTION_PROMPT = "reflection_prompt"
    WINS_POST = "wins_post"
    WIN_POSTED = "win_posted"
    HOME_REPLY = "home_reply"
    ROSTER_INVITE = "roster_invite"


class OutboxMessage(SQLModel, table=True):
    """A message to send at or after `due_at`; the scheduler tick claims, sends and marks it."""

    __table_args__ = (Index("outbox_due", "state", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    kind: str = Field(max_length=32)
    recipient_user_id: str | None = Field(default=None, max_length=32)
    channel_id: str | None = Field(default=None, max_length=32)
    group_user_ids: str | None = Field(default=None, max_length=200)
    """Comma-separated members of a group DM (a pair's); the bot opens it unless `channel_id`
    already names it."""
    sent_channel_id: str | None = Field(default=None, max_length=32)
    """Where the message landed, with `message_ts`: what chat.update needs."""
    text: str
    blocks: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))
    respect_working_hours: bool = Field(default=True)
    due_at: datetime = _timestamp()
    state: str = Field(default=OutboxState.PENDING.value, max_length=16)
    attempts: int = Field(default=0)
    last_error: str | None = Field(default=None, max_length=255)
    claim_token: str | None = Field(default=None, max_length=64, index=True)
    claimed_at: datetime | None = _timestamp(nullable=True, default=None)
    sent_at: datetime | None = _timestamp(nullable=True, default=None)
    message_ts: str | None = Field(default=None, max_length=32)
    created_at: datetime = _timestamp(default_factory=utcnow)


class Invitation(SQLModel, table=True):
    """A person invited from an HR roster (`python -m bot import-roster`) who has not joined yet.

    Holds only what joining prefills (department, career stage, the manager for the do-not-pair
    list), never the email addresses; deleted when the person joins, or after 30 days.
    """

    __table_args__ = (UniqueConstraint("cohort_id", "slack_user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    cohort_id: int = Field(foreign_key="cohort.id")
    slack_user_id: str = Field(max_length=32)
    department_id: int | None = Field(default=None, foreign_key="department.id")
    department_other: str | None = Field(default=None, max_length=75)
    career_stage: str | None = Field(default=None, max_length=16)
    manager_user_id: str | None = Field(default=None, max_length=32)
    invited_at: datetime = _timestamp(index=True)
    outbox_id: int | None = None
    """The invite DM's outbox row."""


class AuditAction(StrEnum):
    """What a lead (or a person exercising their data rights, or the bot itself) did."""

    MATCH_APPROVED = "match_approved"
    LEAD_ADDED = "lead_added"
    LEAD_REMOVED = "lead_removed"
    DIGEST_EXPORTED = "digest_exported"
    WIN_APPROVED = "win_approved"
    WIN_EDITED = "win_edited"
    WIN_DROPPED = "win_dropped"
    DATA_EXPORTED = "data_exported"
    DATA_ERASED = "data_erased"
    RETENTION_DELETED = "retention_deleted"
    PERSON_DEACTIVATED = "person_deactivated"


class AuditEntry(SQLModel, table=True):
    """One entry of a workspace's audit log: appended, never changed or deleted (triggers refuse
    both). Names people by Slack user ID, or by pseudonym where the person may ask to be erased
    (`bot.pseudonyms`), and things by ID; never holds what anyone wrote."""

    __table_args__ = (Index("audit_by_team", "team_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    at: datetime = _timestamp()
    actor: str = Field(max_length=32)
    """A lead's Slack user ID, a participant's pseudonym, or "bot" for the scheduler."""
    action: str = Field(max_length=32)
    cohort_id: int | None = None
    subject: str | None = Field(default=None, max_length=64)
    """What was acted on, by ID: a round, a lead, a win, a pseudonym."""
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    """Counts and setting names; never text a person wrote."""


AUDIT_APPEND_ONLY_DDL = {
    "sqlite": [
        "CREATE TRIGGER auditentry_no_update BEFORE UPDATE ON auditentry"
        " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
        "CREATE TRIGGER auditentry_no_delete BEFORE DELETE ON auditentry"
        " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    ],
    "postgresql": [
        "CREATE FUNCTION auditentry_append_only() RETURNS trigger LANGUAGE plpgsql AS"
        " $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$",
        "CREATE TRIGGER auditentry_append_only BEFORE UPDATE OR DELETE ON auditentry"
        " FOR EACH ROW EXECUTE FUNCTION auditentry_append_only()",
    ],
}
"""The triggers that keep the audit log append-only; the migration that made the table runs the
same statements."""

for _dialect, _statements in AUDIT_APPEND_ONLY_DDL.items():
    for _statement in _statements:
        event.listen(
            SQLModel.metadata.tables["auditentry"],
            "after_create",
            DDL(_statement).execute_if(dialect=_dialect),
        )
