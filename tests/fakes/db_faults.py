"""The database going away for a moment: the connection of the Nth statement from now is lost.

On PostgreSQL for real: another connection ends the statement's server process
(`pg_terminate_backend`) just before the statement is sent, so the driver meets a closed
connection as it would after a failover or a restart. On SQLite (no server to lose) the
statement raises the driver's OperationalError, which SQLAlchemy is told is a disconnect. Either
way SQLAlchemy invalidates the connection and raises an OperationalError with
`connection_invalidated`; the transaction is gone, and the pool connects anew next time.
"""

import sqlite3
import threading
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.pool import NullPool

SIMULATED = "connection lost (simulated)"


class ConnectionLoss:
    """Counts the engine's statements and loses the connection at the one chosen by
    `strike_at`; use as a context manager (it stops listening at the end)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements = 0
        """Statements sent since `strike_at` (or since the start)."""
        self.struck: str | None = None
        """The statement whose connection was lost, once it was."""
        self._at: int | None = None
        self._lock = threading.Lock()
        self._admin = (
            create_engine(engine.url, poolclass=NullPool)
            if engine.dialect.name == "postgresql"
            else None
        )

    def __enter__(self) -> "ConnectionLoss":
        event.listen(self.engine, "before_cursor_execute", self._before)
        event.listen(self.engine, "handle_error", self._mark_disconnect)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before)
        event.remove(self.engine, "handle_error", self._mark_disconnect)
        if self._admin is not None:
            self._admin.dispose()

    def strike_at(self, statement: int | None) -> None:
        """Lose the connection at the `statement`th statement from now (None: count only)."""
        with self._lock:
            self.statements, self._at, self.struck = 0, statement, None

    def _before(
        self,
        connection: Connection,
        cursor: Any,
        statement: str,
        parameters: Any,
        context: Any,
        executemany: bool,
    ) -> None:
        with self._lock:
            self.statements += 1
            strike = self.statements == self._at
            if strike:
                self.struck = statement
        if not strike:
            return
        if self._admin is None:
            raise sqlite3.OperationalError(SIMULATED)
        pid = connection.connection.dbapi_connection.info.backend_pid  # type: ignore[union-attr]
        with self._admin.connect() as admin:  # waits until the server process has ended
            admin.execute(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid})

    def _mark_disconnect(self, context: ExceptionContext) -> None:
        if SIMULATED in str(context.original_exception):
            context.is_disconnect = True
