"""HTTP mode: Slack's requests at POST /slack/events (Bolt's WSGI adapter), a database check at
GET /healthz, and one access log line per request. `bot.serve` runs it under gunicorn; the simple
single-process mode under a threading WSGI server."""

import json
import logging
import time
from collections.abc import Iterable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.numbers import whole_number

log = logging.getLogger(__name__)
access_log = logging.getLogger("bot.access")

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
_SLACK_KINDS = {
    "application/json": "events_api",
    "application/x-www-form-urlencoded": "interaction",
}
"""What a request to EVENTS_PATH is, told by its content type alone (the body is never read here):
Events API callbacks are JSON; slash commands, actions, views and options are form-encoded."""
MAX_TIMESTAMP = 2**63 - 1
"""Seconds since 1970 in X-Slack-Request-Timestamp: any plain number of them is compared with
now; more digits than any clock reaches are refused unread."""
MAX_RETRY = 100
"""Slack retries an event three times; a bigger X-Slack-Retry-Num is nobody's."""


def wsgi_app(app: App, engine: Engine) -> WSGIApplication:
    """The bot's WSGI application: GET /healthz is answered here, everything else by Bolt's
    adapter (POST /slack/events; 404 for anything else); every request is logged once."""
    slack = _SlackRequests(app, path=EVENTS_PATH)

    def route(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ["REQUEST_METHOD"] == "GET":
            return _health(engine, start_response)
        return slack(environ, start_response)

    return _with_access_log(route)


class _SlackRequests(SlackRequestHandler):
    """Bolt's WSGI adapter, but a request that cannot be Slack's never reaches Bolt: one whose
    timestamp is no number gets 401 (Bolt's signature check would raise, and the app's error
    handler would then answer the unverified request), and a body Bolt cannot read (no JSON
    object, no form, no UTF-8) gets 400, not a 500 and a traceback in the log."""

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        stamp = request.environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
        if stamp is not None and whole_number(str(stamp), MAX_TIMESTAMP) is None:
            log.warning("refused a request whose timestamp is no number")
            return BoltResponse(status=401, body={"error": "invalid request"})
        try:
            bolt_request = BoltRequest(
                body=request.get_body(), query=request.query_string, headers=request.get_headers()
            )
        except (ValueError, AttributeError) as error:  # what Bolt raises on such a body
            log.warning("refused a request Bolt cannot read (%s)", type(error).__name__)
            return BoltResponse(status=400, body={"error": "bad request"})
        return self.app.dispatch(bolt_request)


def database_reachable(engine: Engine) -> bool:
    """Whether `SELECT 1` succeeds; on a raw connection, so that SQLite takes no write lock."""
    try:
        connection = engine.raw_connection()
        try:
            connection.cursor().execute("SELECT 1")
        finally:
            connection.close()
    except (SQLAlchemyError, engine.dialect.loaded_dbapi.Error) as error:
        log.warning("health check: the database cannot be used (%s)", type(error).__name__)
        return False
    return True


def _health(engine: Engine, start_response: StartResponse) -> list[bytes]:
    if database_reachable(engine):
        return _json(start_response, "200 OK", {"status": "ok"})
    return _json(
        start_response,
        "503 Service Unavailable",
        {"status": "unavailable", "reason": "the database cannot be reached"},
    )


def _json(start_response: StartResponse, status: str, body: dict[str, str]) -> list[bytes]:
    data = json.dumps(body).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
    start_response(status, headers)
    return [data]


def _with_access_log(wsgi: WSGIApplication) -> WSGIApplication:
    """Log each request once: method, path (no query string), status, latency, and for Slack's
    requests their kind and retry number from the headers. Never the body, never a header value
    that could be a secret."""

    def logged(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        started = time.perf_counter()
        status = 500  # unless the application answers

        def recording(status_line: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            nonlocal status
            status = int(status_line.split(" ", 1)[0])
            return start_response(status_line, headers, *exc_info)

        try:
            return list(wsgi(environ, recording))
        finally:
            fields = _request_fields(environ)
            fields["status"] = status
            fields["latency_ms"] = round((time.perf_counter() - started) * 1000, 1)
            access_log.info(
                "%s %s %s %.1f ms",
                fields["method"],
                fields["path"],
                status,
                fields["latency_ms"],
                extra=fields,
            )

    return logged


def _request_fields(environ: WSGIEnvironment) -> dict[str, Any]:
    path = str(environ.get("PATH_INFO") or "/")[:200]
    fields: dict[str, Any] = {"method": environ.get("REQUEST_METHOD"), "path": path}
    if path == EVENTS_PATH:
        content_type = str(environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        fields["slack_kind"] = _SLACK_KINDS.get(content_type, "unknown")
        retry = whole_number(str(environ.get("HTTP_X_SLACK_RETRY_NUM") or ""), MAX_RETRY)
        if retry is not None:
            fields["slack_retry_num"] = retry
            fields["slack_retry_reason"] = str(environ.get("HTTP_X_SLACK_RETRY_REASON") or "")[:40]
    return fields


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Silent: `wsgi_app` logs each request."""


def make_http_server(wsgi: WSGIApplication, host: str, port: int) -> WSGIServer:
    """A threading server for `wsgi` (see `wsgi_app`); port 0 picks a free one (`server_port`)."""
    return make_server(
        host, port, wsgi, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler
    )
