"""workspace.uninstalled_at: when the app was uninstalled from a workspace or its token revoked.

`create_all` made this column before there were migrations once the OAuth install came; a
database made then is stamped at 0001 like the older ones, so the column is added only where it
is missing.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 10:29:23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    columns = sa.inspect(op.get_bind()).get_columns("workspace")
    if all(column["name"] != "uninstalled_at" for column in columns):
        with op.batch_alter_table("workspace") as batch_op:
            batch_op.add_column(sa.Column("uninstalled_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("workspace") as batch_op:
        batch_op.drop_column("uninstalled_at")
