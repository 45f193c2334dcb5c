"""The database's plan for a statement, to prove a query is served by an index."""

from typing import Any

from sqlalchemy import Engine, text


def query_plan(engine: Engine, statement: Any) -> str:
    """SQLite's EXPLAIN QUERY PLAN or PostgreSQL's EXPLAIN (sequential scans discouraged, so
    that a usable index shows even on a near-empty table), as one string."""
    compiled = statement.compile(
        dialect=engine.dialect, compile_kwargs={"render_postcompile": True}
    )
    params = compiled.construct_params()
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            values = tuple(params[name] for name in compiled.positiontup or [])
            return str(connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", values).all())
        connection.execute(text("SET enable_seqscan = off"))
        return str(connection.exec_driver_sql(f"EXPLAIN {compiled}", params).all())
