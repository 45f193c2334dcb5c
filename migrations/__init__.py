"""Alembic's migration scripts for the bot's schema; `storage.migrations` applies them."""
