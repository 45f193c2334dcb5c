"""Fixtures: the database (SQLite always, PostgreSQL when TEST_DATABASE_URL is set), the Slack
stand-in and the bot harness. Tests marked `suite_contract` run last: they check what the whole
suite did (the Web API calls it recorded) against the manifest and Slack's reference.
"""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from uuid import uuid4

import pytest
from alembic import command
from sqlalchemy import Engine, make_url, select

from storage.db import create_schema, make_engine
from storage.migrations import TARGET_METADATA, alembic_config, upgrade
from storage.models import AuditEntry
from tests.fakes.bot_harness import BotHarness
from tests.fakes.faults import CLIENT_TIMEOUT
from tests.fakes.slack_api import BOT_TOKEN, SlackStandIn
from tests.fakes.slack_requests import SIGNING_SECRET
from tests.fakes.workspace import EVERYONE, LEAD

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
DATABASES = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "suite_contract: checks the whole suite's record; runs last")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("suite_contract") is not None)


@cache
def _postgres_engine() -> Engine:
    """The PostgreSQL test database, emptied and migrated once per run, as a deployment's would
    be (so that servers the tests start find it up to date)."""
    assert POSTGRES_URL is not None
    engine = make_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    upgrade(engine)
    return engine


@pytest.fixture(params=DATABASES)
def engine(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[Engine]:
    """An empty database with the schema, on each configured backend."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path}/mentoring.db")
        create_schema(engine)
        yield engine
        engine.dispose()
        return
    yield _empty_postgres()


def _empty_postgres() -> Engine:
    """Every row deleted and every ID counter back at 1: DELETE on the few rows a test leaves is
    ten times quicker than TRUNCATE, which rewrites every table's files. The append-only audit
    log refuses DELETE: it is truncated, when a test wrote to it."""
    engine = _postgres_engine()
    with engine.begin() as connection:
        if connection.execute(select(AuditEntry.id).limit(1)).first() is not None:
            connection.exec_driver_sql("TRUNCATE auditentry")
        for metadata in TARGET_METADATA:
            for table in reversed(metadata.sorted_tables):  # rows that refer to others first
                if table.name != "auditentry":
                    connection.execute(table.delete())
        for sequence in _sequences(engine):
            connection.exec_driver_sql(f'ALTER SEQUENCE "{sequence}" RESTART')
    return engine


@cache
def _sequences(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        query = "SELECT sequence_name FROM information_schema.sequences"
        return [str(name) for (name,) in connection.exec_driver_sql(query)]


def _require_postgres() -> None:
    """Required in CI; skipped, saying so, on a machine without TEST_DATABASE_URL."""
    if POSTGRES_URL is None:
        if os.environ.get("CI"):
            pytest.fail("TEST_DATABASE_URL is not set: CI must run the PostgreSQL tests")
        pytest.skip("TEST_DATABASE_URL is not set")


@pytest.fixture
def postgres_engine() -> Engine:
    """An empty PostgreSQL database, for what only PostgreSQL can show (several processes on
    one database)."""
    _require_postgres()
    return _empty_postgres()


BlankDatabases = Callable[[], Engine]
"""Makes a new database without any table and returns an engine on it."""


@pytest.fixture(params=DATABASES)
def blank_databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BlankDatabases]:
    """New databases without any table, on each configured backend, for the schema itself."""
    with _blank_databases(request.param, tmp_path) as new:
        yield new


@pytest.fixture
def blank_postgres_databases(tmp_path: Path) -> Iterator[BlankDatabases]:
    """New PostgreSQL databases without any table."""
    _require_postgres()
    with _blank_databases("postgresql", tmp_path) as new:
        yield new


@contextmanager
def _blank_databases(backend: str, tmp_path: Path) -> Iterator[BlankDatabases]:
    """SQLite files, or PostgreSQL schemas of their own in TEST_DATABASE_URL's database (named
    by the connections' search_path) that are dropped afterwards: the suite's tables, which the
    other fixtures truncate, are never touched."""
    engines: list[Engine] = []
    schemas: list[str] = []

    def new() -> Engine:
        if backend == "sqlite":
            engines.append(make_engine(f"sqlite:///{tmp_path}/blank-{len(engines)}.db"))
            return engines[-1]
        assert POSTGRES_URL is not None
        schemas.append(f"blank_{uuid4().hex}")
        with _postgres_engine().begin() as connection:
            connection.exec_driver_sql(f"CREATE SCHEMA {schemas[-1]}")
        url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schemas[-1]}"})
        engines.append(make_engine(url.render_as_string(hide_password=False)))
        return engines[-1]

    try:
        yield new
    finally:
        for engine in engines:
            engine.dispose()
        for schema in schemas:
            with _postgres_engine().begin() as connection:
                connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(scope="session")
def suite_record() -> list[SlackStandIn]:
    """Every stand-in the suite used, for the contract checks that run last."""
    return []


@pytest.fixture
def slack(suite_record: list[SlackStandIn]) -> Iterator[SlackStandIn]:
    """A running Slack Web API stand-in with the test workspace."""
    with SlackStandIn(users=list(EVERYONE)) as standin:
        yield standin
    suite_record.append(standin)


@pytest.fixture
def bot(slack: SlackStandIn, engine: Engine) -> BotHarness:
    """The bot wired to the stand-in and the database; Maria is a program lead."""
    return BotHarness(slack, engine, leads=frozenset({LEAD.id}))


@pytest.fixture
def fast_bot(bot: BotHarness) -> BotHarness:
    """The bot, giving up on a Web API call after CLIENT_TIMEOUT (in requests and ticks), for
    tests of a timeout that never wait long."""
    bot.client.timeout = CLIENT_TIMEOUT  # type: ignore[assignment]
    return bot


@pytest.fixture
def bot_environment(
    slack: SlackStandIn, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The environment `python -m bot` reads, pointing at the stand-in and the test database
    (token mode, HTTP), for running its commands in-process; no .env. A SQLite database gets
    the rest of the latest revision's schema (slack_sdk's OAuth tables: the models' are there,
    tests/test_migrations.py keeps them equal) and is stamped as migrated, so that the
    command's migration finds nothing to do (replaying the revisions on it fails)."""
    if engine.dialect.name == "sqlite":
        for metadata in TARGET_METADATA:
            metadata.create_all(engine)
        with engine.begin() as connection:
            command.stamp(alembic_config(connection), "head")
    monkeypatch.chdir(tmp_path)
    for name, value in {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
