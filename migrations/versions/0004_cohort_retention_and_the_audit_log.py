"""cohort.retention_months and the append-only audit log.

Existing cohorts get the default, 12 months; the audit log's triggers are the models' own
(`storage.models.AUDIT_APPEND_ONLY_DDL`). Like 0003, it adds only what is missing: a database
`create_all` made from these models (stamped at 0001, as any schema without a revision) has both.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 12:31:03.338164
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import AUDIT_APPEND_ONLY_DDL

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if "auditentry" not in inspector.get_table_names():
        _create_audit_log()
    if all(column["name"] != "retention_months" for column in inspector.get_columns("cohort")):
        _add_retention()


def _create_audit_log() -> None:
    op.create_table(
        "auditentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=64), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.create_index("audit_by_team", ["team_id", "at"], unique=False)

    for statement in AUDIT_APPEND_ONLY_DDL[op.get_bind().dialect.name]:
        op.execute(statement)


def _add_retention() -> None:
    with op.batch_alter_table("cohort", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("retention_months", sa.Integer(), nullable=False, server_default="12")
        )
    with op.batch_alter_table("cohort", schema=None) as batch_op:
        batch_op.alter_column("retention_months", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("cohort", schema=None) as batch_op:
        batch_op.drop_column("retention_months")

    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.drop_index("audit_by_team")

    op.drop_table("auditentry")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION auditentry_append_only()")
