"""The one engine and session factory, built from DATABASE_URL."""

import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel, create_engine

from storage import models  # noqa: F401  (registers the tables on SQLModel.metadata)

log = logging.getLogger(__name__)

SessionFactory = Callable[[], AbstractContextManager[Session]]
T = TypeVar("T")


def make_engine(database_url: str) -> Engine:
    """An engine for SQLite (the embedded default) or PostgreSQL (`postgresql+psycopg://`); its
    errors never quote the values of a statement (tokens, people's text) into a log line."""
    if database_url.startswith("sqlite"):
        engine = create_engine(
            database_url,
            connect_args={"check_same_thread": False, "timeout": 30},
            hide_parameters=True,
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(database_url, pool_pre_ping=True, hide_parameters=True)


def _sqlite_connect(dbapi_connection: Any, _record: object) -> None:
    """Let SQLAlchemy, not the driver, start transactions, so savepoints and rollbacks are real."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # WAL's recommended setting: no fsync per commit
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Take the write lock up front: concurrent writers wait (busy timeout) instead of failing."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_schema(engine: Engine) -> None:
    """Create every table of the models that does not exist yet: the tests' and benchmarks'
    quick schema. The bot migrates instead (`storage.migrations`), and a test keeps both equal."""
    SQLModel.metadata.create_all(engine)


def again_if_disconnected(transaction: Callable[[], T]) -> T:
    """Run a transaction, and once more if the database connection was lost during it (a
    failover, a restart: the pool connects anew): for a write that records what Slack already
    did, which must not be lost. Other errors, and a second loss, are raised."""
    try:
        return transaction()
    except DBAPIError as error:
        if not error.connection_invalidated:
            raise
        log.warning("the database connection was lost; the transaction runs once more")
        return transaction()


def session_factory(engine: Engine) -> SessionFactory:
    """A factory of transactional sessions: commit on success, roll back on error."""

    @contextmanager
    def transaction() -> Iterator[Session]:
        with Session(engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    return transaction
