"""Schema migrations: Alembic's scripts in the `migrations` package, applied up to the latest
revision, one process at a time."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.util import CommandError
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Connection, Engine, MetaData, func, inspect, select
from sqlmodel import SQLModel

import migrations
from storage import models  # noqa: F401  (registers the tables on SQLModel.metadata)

log = logging.getLogger(__name__)

SCRIPTS = Path(migrations.__file__).parent
INITIAL_REVISION = "0001"
"""The schema `SQLModel.metadata.create_all` made before there were migrations."""
LOCK_KEY = 0x6D656E746F72  # "mentor": the PostgreSQL advisory lock held while migrating


def _slack_metadata() -> MetaData:
    """slack_sdk's OAuth tables (installations, bots, states), as its SQLAlchemy stores build them."""
    metadata = MetaData()
    installations = SQLAlchemyInstallationStore
    installations.build_installations_table(
        metadata, installations.default_installations_table_name
    )
    installations.build_bots_table(metadata, installations.default_bots_table_name)
    states = SQLAlchemyOAuthStateStore
    states.build_oauth_states_table(metadata, states.default_table_name)
    return metadata


TARGET_METADATA = [SQLModel.metadata, _slack_metadata()]
"""Every table the migrations build: the bot's models and slack_sdk's OAuth stores."""


class MigrationError(Exception):
    """The schema cannot be migrated, e.g. the database is at a revision this code does not know."""


def alembic_config(connection: Connection) -> Config:
    """Alembic's configuration, without an alembic.ini: the scripts, run on this connection."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS).replace("%", "%%"))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> str:
    """Migrate the database to the latest revision and return that revision.

    Everything happens in one transaction on one connection. A database whose tables
    `create_all` made before migrations existed is stamped at the initial revision first. On
    PostgreSQL a session-level advisory lock makes replicas starting at once take turns: the
    next one finds nothing left to do. (SQLite's `BEGIN IMMEDIATE` serialises them already.)
    """
    with engine.connect() as connection, _migrating(connection), connection.begin():
        before = _revision(connection)
        legacy = before is None and bool(
            set(inspect(connection).get_table_names()) & set(SQLModel.metadata.tables)
        )
        config = alembic_config(connection)
        try:
            if legacy:
                command.stamp(config, INITIAL_REVISION)
            command.upgrade(config, "head")
        except CommandError as error:
            raise MigrationError(str(error)) from None
        if connection.dialect.name == "sqlite":
            _check_foreign_keys(connection)
        after = _revision(connection)
    if legacy:
        log.info(
            "database schema made before migrations: stamped at %s, upgraded to %s",
            INITIAL_REVISION,
            after,
        )
    elif before == after:
        log.info("database schema is up to date at revision %s", after)
    else:
        log.info("database schema upgraded from %s to revision %s", before or "empty", after)
    assert after is not None
    return after


def _revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def _migrating(connection: Connection) -> Iterator[None]:
    """What a migration needs around its transaction. On PostgreSQL: the session-level advisory
    lock LOCK_KEY, waiting as long as another process holds it. On SQLite: foreign keys off, so
    that a batch operation can copy and drop a table other tables refer to (SQLite's recipe for
    altering a table; they are checked before the commit)."""
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_lock(LOCK_KEY)))
        connection.commit()
        try:
            yield
        finally:
            connection.execute(select(func.pg_advisory_unlock(LOCK_KEY)))
            connection.commit()
        return
    _outside_transaction(connection, "PRAGMA foreign_keys=OFF")  # a no-op inside one
    try:
        yield
    finally:
        _outside_transaction(connection, "PRAGMA foreign_keys=ON")


def _outside_transaction(connection: Connection, statement: str) -> None:
    """Run a statement on the driver's connection, where SQLAlchemy would begin a transaction."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(statement)
    finally:
        cursor.close()


def _check_foreign_keys(connection: Connection) -> None:
    """MigrationError if a migration left rows whose foreign key refers to no row (SQLite)."""
    orphans = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if orphans:
        tables = ", ".join(sorted({str(orphan[0]) for orphan in orphans}))
        raise MigrationError(f"the migration left rows that refer to missing rows in: {tables}")
