"""Alembic's environment: runs the scripts on the connection that `storage.migrations` hands over
(the bot's start-up, `python -m bot db upgrade`, `make migration`)."""

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.types import TypeDecorator

from storage.migrations import TARGET_METADATA


def render_item(type_: str, item: Any, _context: AutogenContext) -> str | Literal[False]:
    """Write a wrapping column type (SQLModel's AutoString, UTCDateTime) as the type it stores,
    so that a migration depends on SQLAlchemy alone, never on today's application code."""
    if type_ == "type" and isinstance(item, TypeDecorator):
        return f"sa.{item.impl!r}"
    return False


context.configure(
    connection=context.config.attributes["connection"],
    target_metadata=TARGET_METADATA,
    render_as_batch=True,  # SQLite alters a table by copying it, which batch operations do
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
