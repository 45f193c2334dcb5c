"""The latency benchmark's load generator, a process of its own: it keeps `concurrency` keep-alive
HTTP/1.1 connections busy with Slack requests for some seconds, alternating the kinds it is
given, signing each as it sends it, and prints one JSON object: when the first request went out
and the last answer came (`time.perf_counter`, which is the system's monotonic clock on Linux),
the CPU time it used itself, and each request's status and latency (sent to fully answered) by
kind.

    python -m bench.load SPEC.json

SPEC: {"port", "path", "secret", "seconds", "concurrency", "bodies": {kind: [body, ...]},
"reused": [kind, ...]}. The bodies of a kind in "reused" are sent round and round; any other
kind's are each sent once, and the run ends early when they run out ("exhausted").
"""

import asyncio
import itertools
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.fakes.slack_requests import FORM, signed_headers

CONNECTION_FAILED = 0
"""The status recorded when no HTTP answer came (refused, reset, closed)."""


class Load:
    """What to send next, and what came back."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.port, self.path, self.secret = spec["port"], spec["path"], spec["secret"]
        kinds = list(spec["bodies"])
        self._kinds = itertools.cycle(kinds)
        self._bodies: dict[str, Iterator[str]] = {
            kind: itertools.cycle(bodies) if kind in spec["reused"] else iter(bodies)
            for kind, bodies in spec["bodies"].items()
        }
        self.deadline = time.perf_counter() + spec["seconds"]
        self.exhausted = False
        self.first_sent: float | None = None
        self.last_answered = 0.0
        self.results: dict[str, list[tuple[int, float]]] = {kind: [] for kind in kinds}

    def next_request(self) -> tuple[str, bytes] | None:
        """The next kind and signed request, or None once the time is up or bodies ran out."""
        if self.exhausted or time.perf_counter() >= self.deadline:
            return None
        kind = next(self._kinds)
        body = next(self._bodies[kind], None)
        if body is None:
            self.exhausted = True
            return None
        data = body.encode()
        headers = {
            **signed_headers(body, FORM, secret=self.secret),
            "Host": f"127.0.0.1:{self.port}",
            "Content-Length": str(len(data)),
        }
        head = f"POST {self.path} HTTP/1.1\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in headers.items()
        )
        return kind, head.encode() + b"\r\n" + data

    def record(self, kind: str, status: int, started: float) -> None:
        """One request's answer (or failure)."""
        answered = time.perf_counter()
        self.first_sent = min(self.first_sent or started, started)
        self.last_answered = max(self.last_answered, answered)
        self.results[kind].append((status, round((answered - started) * 1000, 3)))


async def _client(load: Load) -> None:
    """One connection: a request, its whole answer, the next request; reconnects after a
    failure or when the server closes the connection."""
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    while (request := load.next_request()) is not None:
        kind, data = request
        started = time.perf_counter()
        try:
            if connection is None:
                connection = await asyncio.open_connection("127.0.0.1", load.port)
            reader, writer = connection
            writer.write(data)
            status, keep = await _answer(reader)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            status, keep = CONNECTION_FAILED, False
        load.record(kind, status, started)
        if not keep and connection is not None:
            connection[1].close()
            connection = None
    if connection is not None:
        connection[1].close()


async def _answer(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one response (with a Content-Length, as gunicorn and wsgiref send every answer
    here): its status, and whether the connection stays open."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split(" ", 2)[1])
    headers = {
        name.strip().lower(): value.strip()
        for name, _, value in (line.partition(":") for line in head[1:] if line)
    }
    await reader.readexactly(int(headers.get("content-length", "0")))
    closes = headers.get("connection", "").lower() == "close"
    return status, head[0].startswith("HTTP/1.1") and not closes


async def run(load: Load, concurrency: int) -> None:
    """Keep `concurrency` connections busy until the load ends."""
    await asyncio.gather(*(_client(load) for _ in range(concurrency)))


def main() -> None:
    """Run the load the spec file describes and print the results."""
    spec = json.loads(Path(sys.argv[1]).read_text())
    load = Load(spec)
    asyncio.run(run(load, spec["concurrency"]))
    print(
        json.dumps(
            {
                "first_sent": load.first_sent,
                "last_answered": load.last_answered,
                "exhausted": load.exhausted,
                "cpu_seconds": time.process_time(),
                "results": load.results,
            }
        )
    )


if __name__ == "__main__":
    main()
