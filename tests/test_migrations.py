"""Schema migrations: an empty database migrated to the latest revision has exactly the tables of
the models and of slack_sdk's OAuth stores, on SQLite and PostgreSQL; upgrading again changes
nothing, replicas take turns under the advisory lock, a database create_all made before there
were migrations is adopted, and `python -m bot db upgrade` needs nothing but DATABASE_URL."""

import json
import logging
import shutil
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Connection, DateTime, Engine, Integer, MetaData, Table, inspect, text
from sqlalchemy.sql import ClauseElement

from storage.db import make_engine, session_factory
from storage.migrations import (
    INITIAL_REVISION,
    LOCK_KEY,
    SCRIPTS,
    TARGET_METADATA,
    MigrationError,
    alembic_config,
    upgrade,
)
from storage.models import Cohort, Participant, Program, Workspace
from tests.conftest import BlankDatabases

HEAD = ScriptDirectory(str(SCRIPTS)).get_current_head()
TABLES = {table for metadata in TARGET_METADATA for table in metadata.tables}


def differences(engine: Engine, metadata: list[MetaData] = TARGET_METADATA) -> list[Any]:
    """What `make migration` would write: Alembic's autogenerate diff of the tables and the
    database (tables, columns, types, nullability, indexes, unique constraints, foreign keys)."""
    with engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), metadata))


def schema_of(engine: Engine) -> dict[str, dict[str, list[str]]]:
    """Each table as the database describes it, Alembic's version table left out: every detail
    the inspector reports, including what autogenerate does not compare (partial indexes'
    conditions, defaults, constraint names)."""
    inspector = inspect(engine)
    return {
        table: {
            "columns": _described(inspector.get_columns(table)),
            "primary key": _described([inspector.get_pk_constraint(table)]),
            "indexes": _described(inspector.get_indexes(table)),
            "unique constraints": _described(inspector.get_unique_constraints(table)),
            "foreign keys": _described(inspector.get_foreign_keys(table)),
            "check constraints": _described(inspector.get_check_constraints(table)),
        }
        for table in inspector.get_table_names()
        if table != "alembic_version"
    }


def _described(entries: list[Any]) -> list[str]:
    def plain(value: object) -> str:
        return str(value) if isinstance(value, ClauseElement) else repr(value)

    return sorted(json.dumps(entry, sort_keys=True, default=plain) for entry in entries)


def created_by_create_all(blank_databases: BlankDatabases) -> Engine:
    """A database made from the tables themselves, as the migrations should make it."""
    engine = blank_databases()
    for metadata in TARGET_METADATA:
        metadata.create_all(engine)
    return engine


def test_migrating_an_empty_database_builds_exactly_the_models_and_slack_sdk_tables(
    blank_databases: BlankDatabases,
) -> None:
    """The guard against changing the models (or upgrading slack_sdk) without a migration: any
    table, column, type, index, unique constraint or foreign key that the migrations do not build
    as the tables define it fails this test, on SQLite and on PostgreSQL."""
    migrated = blank_databases()

    assert upgrade(migrated) == HEAD

    assert differences(migrated) == []
    assert schema_of(migrated) == schema_of(created_by_create_all(blank_databases))
    assert set(schema_of(migrated)) == TABLES
    assert {"slack_installations", "slack_bots", "slack_oauth_states", "checkin"} <= TABLES


def test_the_comparisons_notice_a_missing_index_a_lost_condition_and_a_new_table(
    blank_databases: BlankDatabases,
) -> None:
    migrated = blank_databases()
    upgrade(migrated)
    expected = schema_of(created_by_create_all(blank_databases))
    with migrated.begin() as connection:
        connection.execute(text("DROP INDEX checkin_due"))

    assert [(diff[0], diff[1].name) for diff in differences(migrated)] == [
        ("add_index", "checkin_due")
    ]
    assert schema_of(migrated) != expected

    with migrated.begin() as connection:
        connection.execute(text("CREATE INDEX checkin_due ON checkin (state, due_at)"))
        connection.execute(text("DROP INDEX one_open_cohort_per_program"))
        connection.execute(
            text("CREATE UNIQUE INDEX one_open_cohort_per_program ON cohort (program_id)")
        )
    # Autogenerate overlooks a partial index that lost its condition; the inspection does not.
    assert schema_of(migrated)["cohort"] != expected["cohort"]
    assert schema_of(migrated)["checkin"] == expected["checkin"]

    model_added = MetaData()
    Table("mentorbadge", model_added, Column("id", Integer, primary_key=True))
    assert [diff[0] for diff in differences(migrated, [*TARGET_METADATA, model_added])] == [
        "add_table"
    ]


def test_upgrading_twice_changes_nothing(
    blank_databases: BlankDatabases, caplog: pytest.LogCaptureFixture
) -> None:
    engine = blank_databases()
    upgrade(engine)
    migrated = schema_of(engine)

    with caplog.at_level(logging.INFO, logger="storage.migrations"):
        assert upgrade(engine) == HEAD

    assert caplog.messages == [f"database schema is up to date at revision {HEAD}"]
    assert schema_of(engine) == migrated
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
            (HEAD,)
        ]


def test_replicas_starting_at_once_take_turns_under_the_advisory_lock(
    blank_postgres_databases: BlankDatabases, tmp_path: Path
) -> None:
    engine = blank_postgres_databases()
    url = engine.url.render_as_string(hide_password=False)

    with engine.connect() as holder:
        holder.execute(text("SELECT pg_advisory_lock(:key)"), {"key": LOCK_KEY})
        replicas = [_start_db_upgrade(url, tmp_path / f"replica-{n}") for n in (1, 2)]
        try:
            _wait_until_waiting_for_the_lock(holder, replicas=2)
            assert inspect(engine).get_table_names() == []  # nobody migrates while it is held
        finally:
            holder.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
        outputs = [replica.communicate(timeout=60) for replica in replicas]

    assert [replica.returncode for replica in replicas] == [0, 0], outputs
    assert [stdout for stdout, _ in outputs] == [f"database is at revision {HEAD}\n"] * 2
    assert sorted(stderr.partition("storage.migrations: ")[2] for _, stderr in outputs) == [
        f"database schema is up to date at revision {HEAD}\n",
        f"database schema upgraded from empty to revision {HEAD}\n",
    ]
    assert differences(engine) == []


def _wait_until_waiting_for_the_lock(holder: Connection, replicas: int) -> None:
    waiting = text(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        " AND (classid::bigint << 32 | objid::bigint) = :key"
    )
    deadline = time.monotonic() + 30
    while holder.execute(waiting, {"key": LOCK_KEY}).scalar_one() < replicas:
        assert time.monotonic() < deadline, "the replicas did not wait for the lock"
        time.sleep(0.05)  # waiting for other processes to reach the lock, not for time to pass


@pytest.mark.parametrize("after_the_oauth_install", [False, True])
def test_a_database_made_by_create_all_before_migrations_is_stamped_then_upgraded(
    blank_databases: BlankDatabases, caplog: pytest.LogCaptureFixture, after_the_oauth_install: bool
) -> None:
    """`create_all` of the models made the initial revision's tables (the first test shows that
    the migrations make what `create_all` makes; the next revision adds only slack_sdk's tables),
    and since the OAuth install also `workspace.uninstalled_at`. Once the models change,
    `create_all` makes more; so the database is built as it was then: the initial revision's
    tables (and that column) without Alembic's version table."""
    engine = blank_databases()
    with engine.connect() as connection, connection.begin():
        command.upgrade(alembic_config(connection), INITIAL_REVISION)
        connection.execute(text("DROP TABLE alembic_version"))
        if after_the_oauth_install:
            Operations(MigrationContext.configure(connection)).add_column(
                "workspace", Column("uninstalled_at", DateTime(timezone=True))
            )
        connection.execute(
            text("INSERT INTO workspace (team_id, created_at) VALUES ('T1', CURRENT_TIMESTAMP)")
        )

    with caplog.at_level(logging.INFO, logger="storage.migrations"):
        assert upgrade(engine) == HEAD
        adopted = schema_of(engine)
        assert upgrade(engine) == HEAD

    assert caplog.messages == [
        f"database schema made before migrations: stamped at {INITIAL_REVISION},"
        f" upgraded to {HEAD}",
        f"database schema is up to date at revision {HEAD}",
    ]
    assert differences(engine) == []
    assert schema_of(engine) == adopted == schema_of(created_by_create_all(blank_databases))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT team_id FROM workspace")).all() == [("T1",)]


def test_a_later_revision_can_alter_a_table_other_tables_refer_to_while_they_hold_rows(
    blank_databases: BlankDatabases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite alters a column by copying the table and dropping the old one, which its foreign
    keys would refuse while participants refer to the cohort: they are off while migrating."""
    engine = blank_databases()
    upgrade(engine)
    _a_cohort_with_a_participant(engine)
    _add_revision(
        tmp_path,
        monkeypatch,
        """    with op.batch_alter_table("cohort") as batch_op:
        batch_op.alter_column("name", existing_type=sa.String(100), type_=sa.String(120))""",
    )

    assert upgrade(engine) == "later"

    assert [
        c["type"].length for c in inspect(engine).get_columns("cohort") if c["name"] == "name"
    ] == [120]
    with engine.connect() as connection:
        joined = "SELECT count(*) FROM participant JOIN cohort ON cohort.id = participant.cohort_id"
        assert connection.execute(text(joined)).scalar_one() == 1
        if engine.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


def test_a_revision_that_leaves_rows_referring_to_nothing_is_rolled_back_on_sqlite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'mentoring.db'}")
    upgrade(engine)
    _a_cohort_with_a_participant(engine)
    _add_revision(tmp_path, monkeypatch, '    op.execute("DELETE FROM cohort")')

    with pytest.raises(MigrationError, match=r"refer to missing rows in: participant$"):
        upgrade(engine)

    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM cohort")).scalar_one() == 1
        assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
            (HEAD,)
        ]


def _a_cohort_with_a_participant(engine: Engine) -> None:
    with session_factory(engine)() as session:
        session.add(Workspace(team_id="T1"))
        session.flush()
        program = Program(team_id="T1", name="Mentoring")
        session.add(program)
        session.flush()
        cohort = Cohort(
            program_id=program.id, name="2026", starts_on=date(2026, 1, 5), ends_on=date(2026, 7, 3)
        )
        session.add(cohort)
        session.flush()
        session.add(Participant(cohort_id=cohort.id, team_id="T1", slack_user_id="U1"))


def _add_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, upgrade_body: str) -> None:
    """Make `upgrade` use a copy of the migrations with one more revision, "later"."""
    scripts = tmp_path / "migrations"
    shutil.copytree(SCRIPTS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "later.py").write_text(
        f"""import sqlalchemy as sa
from alembic import op

revision = "later"
down_revision = "{HEAD}"


def upgrade() -> None:
{upgrade_body}
"""
    )
    monkeypatch.setattr("storage.migrations.SCRIPTS", scripts)


def _start_db_upgrade(database_url: str, cwd: Path) -> subprocess.Popen[str]:
    """`python -m bot db upgrade` in a new directory, with DATABASE_URL as its whole environment."""
    cwd.mkdir()
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "db", "upgrade"],
        cwd=cwd,
        env={"DATABASE_URL": database_url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _db_upgrade(database_url: str, cwd: Path) -> tuple[int, str, str]:
    """The exit code, stdout and stderr of `db upgrade` run to its end."""
    process = _start_db_upgrade(database_url, cwd)
    stdout, stderr = process.communicate(timeout=60)
    return process.returncode, stdout, stderr


def test_db_upgrade_needs_only_database_url_and_runs_from_any_directory(
    blank_databases: BlankDatabases, tmp_path: Path
) -> None:
    engine = blank_databases()

    code, stdout, stderr = _db_upgrade(
        engine.url.render_as_string(hide_password=False), tmp_path / "elsewhere"
    )

    assert code == 0, stderr
    assert stdout == f"database is at revision {HEAD}\n"
    assert differences(engine) == []
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_db_upgrade_on_an_unreachable_database_exits_2_with_one_line(tmp_path: Path) -> None:
    with socket.socket() as closed:  # bound but not listening: connections are refused
        closed.bind(("127.0.0.1", 0))
        url = f"postgresql://bot@127.0.0.1:{closed.getsockname()[1]}/mentoring"

        code, _, stderr = _db_upgrade(url, tmp_path / "elsewhere")

    assert code == 2
    assert stderr == (
        "mentoring-bot: DATABASE_URL cannot be used (OperationalError): check that the database"
        " server runs and the URL, user and password are right.\n"
    )


def test_db_upgrade_of_a_database_from_a_newer_version_exits_2_with_one_line(
    tmp_path: Path,
) -> None:
    database = tmp_path / "newer.db"
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00d'"))
    engine.dispose()

    code, _, stderr = _db_upgrade(f"sqlite:///{database}", tmp_path / "elsewhere")

    assert code == 2
    assert stderr == (
        "mentoring-bot: the database schema cannot be migrated:"
        " Can't locate revision identified by 'f00d'\n"
    )


def test_make_migration_writes_no_revision_while_the_tables_match_the_latest(
    tmp_path: Path,
) -> None:
    revisions = sorted((SCRIPTS / "versions").glob("*.py"))

    result = subprocess.run(
        [sys.executable, "-m", "migrations", "nothing changed"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert result.stderr == f"the tables match revision {HEAD}: nothing to migrate\n"
    assert sorted((SCRIPTS / "versions").glob("*.py")) == revisions
