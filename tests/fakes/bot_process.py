"""`python -m bot …` as a real child process against the stand-in: start it, wait for its port,
post Slack's signed requests to it, wait for what it does after answering, read its log lines as
they come."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.server import EVENTS_PATH
from tests.fakes.slack_api import BOT_TOKEN, SlackStandIn
from tests.fakes.slack_requests import SIGNING_SECRET, SignedRequest

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def bot_process(
    slack: SlackStandIn, tmp_path: Path, *args: str, **settings: str
) -> subprocess.Popen[str]:
    """`python -m bot ARGS` in `tmp_path`, pointed at the stand-in, with HTTP-mode settings
    (a SQLite database in `tmp_path`) overridden by `settings`."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    environ.update(
        {
            "PYTHONPATH": str(ROOT),
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
            **settings,
        }
    )
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_port(port: int, process: subprocess.Popen[str]) -> None:
    """Return once the process listens on `port`; fail if it exits or takes 30 s."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)  # waiting for a child process to listen, not for time to pass
    pytest.fail("the bot did not start listening within 30 s")


def post(port: int, request: SignedRequest) -> int:
    """Post a signed request to the server on loopback, as Slack would; the HTTP status."""
    http_request = urllib.request.Request(
        f"http://127.0.0.1:{port}{EVENTS_PATH}", data=request.body.encode(), headers=request.headers
    )
    with urllib.request.urlopen(http_request, timeout=10) as response:
        return int(response.status)


def until(check: Callable[[], bool], seconds: float = 30) -> None:
    """Wait for work a server does after acknowledging a request; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the bot did not finish in time"
        time.sleep(0.02)


def one_line_exit(process: subprocess.Popen[str]) -> str:
    """The last line on stderr of a process that must exit with code 2 and no traceback."""
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "Traceback" not in stderr
    return stderr.splitlines()[-1]


Line = dict[str, Any]


class LogLines:
    """The JSON log lines a process writes to stderr, read in a thread as they come."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        assert process.stderr is not None
        self.process = process
        self.raw: list[str] = []
        self._stream = process.stderr
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self._stream:
            with self._changed:
                self.raw.append(line)
                self._changed.notify_all()

    @property
    def lines(self) -> list[Line]:
        """Every line so far, parsed; fails on a line that is not one JSON object."""
        with self._changed:
            return [json.loads(line) for line in self.raw]

    def wait_for(self, found: Callable[[list[Line]], bool], what: str) -> list[Line]:
        """Block until `found(lines)` holds (at most 30 s); the lines then."""
        with self._changed:
            if not self._changed.wait_for(lambda: found(self.lines), timeout=30):
                pytest.fail(f"no {what} in the log within 30 s:\n{''.join(self.raw)[-3000:]}")
            return self.lines

    def close(self) -> list[Line]:
        """Every line, once the process has exited and closed stderr."""
        self._reader.join(timeout=30)
        return self.lines
