"""The schema `SQLModel.metadata.create_all` made before there were migrations: every table of
`storage.models` as of this revision, with its indexes, unique constraints and foreign keys.
A database made that way is stamped at this revision instead of running it.

Revision ID: 0001
Revises:
Create Date: 2026-11-21 10:01:56
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outboxmessage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("recipient_user_id", sa.String(length=32), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("group_user_ids", sa.String(length=200), nullable=True),
        sa.Column("sent_channel_id", sa.String(length=32), nullable=True),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("blocks", sa.JSON(), nullable=True),
        sa.Column("respect_working_hours", sa.Boolean(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=255), nullable=True),
        sa.Column("claim_token", sa.String(length=64), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_outboxmessage_claim_token"), "outboxmessage", ["claim_token"])
    op.create_index("outbox_due", "outboxmessage", ["state", "due_at"])
    op.create_table(
        "processedevent",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index(op.f("ix_processedevent_received_at"), "processedevent", ["received_at"])
    op.create_table(
        "workspace",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("team_id"),
    )
    op.create_table(
        "lead",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("added_by", sa.String(length=32), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspace.team_id"]),
        sa.PrimaryKeyConstraint("team_id", "user_id"),
    )
    op.create_table(
        "program",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspace.team_id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "name"),
    )
    op.create_index(op.f("ix_program_team_id"), "program", ["team_id"])
    op.create_table(
        "cohort",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("cadence", sa.String(length=16), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("open_for_joining", sa.Boolean(), nullable=False),
        sa.Column("mentor_capacity", sa.Integer(), nullable=False),
        sa.Column("mutual_pairs", sa.Boolean(), nullable=False),
        sa.Column("matching_mode", sa.String(length=16), nullable=False),
        sa.Column("wins_channel", sa.String(length=32), nullable=True),
        sa.Column("wins_auto_post", sa.Boolean(), nullable=False),
        sa.Column("wins_k", sa.Integer(), nullable=False),
        sa.Column("wins_every", sa.String(length=16), nullable=False),
        sa.Column("wins_weekday", sa.Integer(), nullable=False),
        sa.Column("wins_time", sa.Time(), nullable=False),
        sa.Column("digest_every", sa.String(length=16), nullable=True),
        sa.Column("digest_weekday", sa.Integer(), nullable=False),
        sa.Column("digest_time", sa.Time(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["program_id"], ["program.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_cohort_program_id"), "cohort", ["program_id"])
    op.create_index(
        "one_open_cohort_per_program",
        "cohort",
        ["program_id"],
        unique=True,
        sqlite_where=sa.text("open_for_joining"),
        postgresql_where=sa.text("open_for_joining"),
    )
    op.create_table(
        "department",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=75), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["program_id"], ["program.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("program_id", "name"),
    )
    op.create_index(op.f("ix_department_program_id"), "department", ["program_id"])
    op.create_table(
        "topic",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=75), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["program_id"], ["program.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("program_id", "name"),
    )
    op.create_index(op.f("ix_topic_program_id"), "topic", ["program_id"])
    op.create_table(
        "digestrun",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("slot", sa.DateTime(timezone=True), nullable=False),
        sa.Column("leads_reached", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohort.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cohort_id", "slot"),
    )
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("slack_user_id", sa.String(length=32), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("department_other", sa.String(length=75), nullable=True),
        sa.Column("career_stage", sa.String(length=16), nullable=True),
        sa.Column("manager_user_id", sa.String(length=32), nullable=True),
        sa.Column("invited_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohort.id"]),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cohort_id", "slack_user_id"),
    )
    op.create_index(op.f("ix_invitation_invited_at"), "invitation", ["invited_at"])
    op.create_table(
        "matchround",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("lead_user_id", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("unmatched", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohort.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_matchround_cohort_id"), "matchround", ["cohort_id"])
    op.create_table(
        "participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("slack_user_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("paused_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locale", sa.String(length=16), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("names", sa.JSON(), nullable=True),
        sa.Column("work_start", sa.Time(), nullable=False),
        sa.Column("work_end", sa.Time(), nullable=False),
        sa.Column("survey_completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("survey_reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("waitlist_reason", sa.String(length=16), nullable=True),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("left_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohort.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cohort_id", "slack_user_id"),
    )
    op.create_index(op.f("ix_participant_cohort_id"), "participant", ["cohort_id"])
    op.create_index("participant_by_person", "participant", ["team_id", "slack_user_id"])
    op.create_index("participant_pause_ends", "participant", ["status", "paused_until"])
    op.create_index(
        "participant_survey_unfinished",
        "participant",
        ["joined_at"],
        sqlite_where=sa.text("survey_completed_at IS NULL AND survey_reminded_at IS NULL"),
        postgresql_where=sa.text("survey_completed_at IS NULL AND survey_reminded_at IS NULL"),
    )
    op.create_table(
        "winspost",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("slot", sa.DateTime(timezone=True), nullable=False),
        sa.Column("period_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("pairs_met", sa.Integer(), nullable=False),
        sa.Column("wins", sa.Integer(), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohort.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cohort_id", "slot"),
    )
    op.create_table(
        "donotpair",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("excluded_user_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"]),
        sa.PrimaryKeyConstraint("participant_id", "excluded_user_id"),
    )
    op.create_table(
        "pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("mentor_user_id", sa.String(length=32), nullable=False),
        sa.Column("mentee_user_id", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("mentor_answer", sa.String(length=16), nullable=True),
        sa.Column("mentee_answer", sa.String(length=16), nullable=True),
        sa.Column("mentor_invite_id", sa.Integer(), nullable=True),
        sa.Column("mentee_invite_id", sa.Integer(), nullable=True),
        sa.Column("invited_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("active_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("intro_id", sa.Integer(), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("missed_in_row", sa.Integer(), nullable=False),
        sa.Column("at_risk_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attention", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohort.id"]),
        sa.ForeignKeyConstraint(["round_id"], ["matchround.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_pair_round_id"), "pair", ["round_id"])
    op.create_index("pair_by_person", "pair", ["team_id", "mentor_user_id", "mentee_user_id"])
    op.create_index("pair_by_state", "pair", ["cohort_id", "state"])
    op.create_index("pair_invited", "pair", ["state", "invited_at"])
    op.create_table(
        "profile",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=True),
        sa.Column("career_stage", sa.String(length=16), nullable=True),
        sa.Column("years_in_company", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("department_other", sa.String(length=75), nullable=True),
        sa.Column("goal", sa.String(length=500), nullable=True),
        sa.Column("meeting_days", sa.Integer(), nullable=False),
        sa.Column("meeting_formats", sa.Integer(), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("about_saved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("meeting_saved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"]),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"]),
        sa.PrimaryKeyConstraint("participant_id"),
    )
    op.create_table(
        "profilelanguage",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"]),
        sa.PrimaryKeyConstraint("participant_id", "language"),
    )
    op.create_table(
        "profiletopic",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"]),
        sa.ForeignKeyConstraint(["topic_id"], ["topic.id"]),
        sa.PrimaryKeyConstraint("participant_id", "topic_id", "direction"),
    )
    op.create_index(op.f("ix_profiletopic_topic_id"), "profiletopic", ["topic_id"])
    op.create_table(
        "checkin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("nudge_id", sa.Integer(), nullable=True),
        sa.Column("reminder_id", sa.Integer(), nullable=True),
        sa.Column("nudged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by", sa.String(length=32), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("help_asked_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(["pair_id"], ["pair.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pair_id", "number"),
    )
    op.create_index("checkin_due", "checkin", ["state", "due_at"])
    op.create_table(
        "reflection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("author_user_id", sa.String(length=32), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("learned", sa.String(length=500), nullable=True),
        sa.Column("progress", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Integer(), nullable=True),
        sa.Column("win_text", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["checkin_id"], ["checkin.id"]),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohort.id"]),
        sa.ForeignKeyConstraint(["pair_id"], ["pair.id"]),
        sa.ForeignKeyConstraint(["topic_id"], ["topic.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("checkin_id", "author_user_id"),
    )
    op.create_index(op.f("ix_reflection_cohort_id"), "reflection", ["cohort_id"])
    op.create_index("reflection_by_author", "reflection", ["team_id", "author_user_id"])
    op.create_index(
        "reflection_unanswered",
        "reflection",
        ["asked_at"],
        sqlite_where=sa.text("submitted_at IS NULL AND reminded_at IS NULL"),
        postgresql_where=sa.text("submitted_at IS NULL AND reminded_at IS NULL"),
    )
    op.create_table(
        "win",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reflection_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("author_user_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.String(length=1000), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("edited_by", sa.String(length=32), nullable=True),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohort.id"]),
        sa.ForeignKeyConstraint(["post_id"], ["winspost.id"]),
        sa.ForeignKeyConstraint(["reflection_id"], ["reflection.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reflection_id"),
    )
    op.create_index("win_by_state", "win", ["cohort_id", "state"])


def downgrade() -> None:
    op.drop_table("win")
    op.drop_table("reflection")
    op.drop_table("checkin")
    op.drop_table("profiletopic")
    op.drop_table("profilelanguage")
    op.drop_table("profile")
    op.drop_table("pair")
    op.drop_table("donotpair")
    op.drop_table("winspost")
    op.drop_table("participant")
    op.drop_table("matchround")
    op.drop_table("invitation")
    op.drop_table("digestrun")
    op.drop_table("topic")
    op.drop_table("department")
    op.drop_table("cohort")
    op.drop_table("program")
    op.drop_table("lead")
    op.drop_table("workspace")
    op.drop_table("processedevent")
    op.drop_table("outboxmessage")
