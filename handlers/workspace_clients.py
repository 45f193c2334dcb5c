"""Which Web API client speaks for a workspace: the one bot token, or each installation's."""

import threading
import time
from collections.abc import Callable
from typing import Protocol

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

from storage.installations import newest_bot_token


class WorkspaceClients(Protocol):
    """A Web API client for each workspace the bot sends to outside a request (the tick)."""

    def for_team(self, team_id: str) -> WebClient | None:
        """The workspace's client; None when the app is not installed there."""
        ...


class OneWorkspace:
    """Token mode: one bot token (SLACK_BOT_TOKEN) speaks for the workspace."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def for_team(self, team_id: str) -> WebClient | None:
        """The one client, whatever the team."""
        return self.client


class InstalledWorkspaces:
    """OAuth mode: each workspace's bot token, from its installation in the database.

    A token found is kept for `memory_seconds`, so a tick of thousands of sends reads each
    installation once; an uninstall is noticed within that time, but the outbox and scheduled
    digests skip a workspace the app has left at once (`storage.workspaces`).
    """

    def __init__(
        self,
        store: SQLAlchemyInstallationStore,
        make_client: Callable[[str], WebClient],
        memory_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self._make_client = make_client
        self._memory = memory_seconds
        self._clock = clock
        self._known: dict[str, tuple[float, WebClient]] = {}
        self._lock = threading.Lock()

    def for_team(self, team_id: str) -> WebClient | None:
        """The client for the workspace's bot token; None if it has no installation."""
        now = self._clock()
        with self._lock:
            known = self._known.get(team_id)
        if known is not None and now - known[0] < self._memory:
            return known[1]
        token = newest_bot_token(self.store, team_id)
        if token is None:
            return None  # not remembered: an installation may come any moment
        client = self._make_client(token)
        with self._lock:
            self._known[team_id] = (now, client)
        return client

    def forget(self, team_id: str) -> None:
        """Look the workspace's token up again next time (it was just installed again)."""
        with self._lock:
            self._known.pop(team_id, None)
