"""HTTP mode: Bolt's WSGI adapter behind a threading WSGI server, at POST /slack/events."""

import logging
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _LoggingHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)


def make_http_server(app: App, host: str, port: int) -> WSGIServer:
    """A server answering Slack's requests; port 0 picks a free one (see `server_port`)."""
    return make_server(
        host,
        port,
        SlackRequestHandler(app, path=EVENTS_PATH),
        server_class=_ThreadingWSGIServer,
        handler_class=_LoggingHandler,
    )
