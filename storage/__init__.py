"""Persistence: SQLModel tables, the engine/session factory and repository functions."""
