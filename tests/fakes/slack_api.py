"""A local stand-in for Slack's Web API: a real HTTP server on 127.0.0.1 that the bot reaches
through SLACK_API_URL. It answers the methods the bot uses, rejects what Slack rejects, records
every call, and can be told to fail a call. Tests and the offline demo share it.
"""

import base64
import contextlib
import itertools
import json
import random
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.fakes.block_rules import block_errors, view_errors
from tests.fakes.slack_contracts import METHODS, scopes_for

BOT_TOKEN = "xoxb-standin-token"
TEAM_ID = "T0STANDIN"
CLIENT_ID = "1111.2222"
CLIENT_SECRET = "0123456789abcdef0123456789abcdef"
BOT_USER_ID = "U0BOT"
CHANNEL_PREFIXES = ("C", "D", "G")
USERS_CURSOR = "dXNlcjp"
"""users.list cursors: this prefix and the offset of the next page's first member."""
RESPONSE_URL = "response_url"
"""`fail()` this to make posts to a response_url fail (it is no Web API method)."""


@dataclass(frozen=True)
class FakeUser:
    """A member of the stand-in's workspace."""

    id: str
    name: str
    real_name: str
    tz: str = "Europe/Berlin"
    locale: str = "en-US"
    is_bot: bool = False
    deleted: bool = False
    is_guest: bool = False
    email: str | None = None

    @property
    def address(self) -> str:
        """The person's email address: the given one, else one made from the handle."""
        return self.email or f"{self.name}@acme.example"


@dataclass
class Call:
    """One Web API call as the stand-in saw and answered it."""

    method: str
    args: dict[str, Any]
    ok: bool
    error: str | None = None
    status: int = 200
    at: float = field(default_factory=time.perf_counter)
    """When the stand-in answered (perf_counter seconds)."""
    team_id: str | None = None
    """The workspace whose bot token made the call."""


@dataclass
class Failure:
    """A planned failure of the next `times` calls of a method."""

    error: str
    status: int = 200
    retry_after: int | None = None
    times: int = 1
    raw_body: str | None = None
    delay: float = 0.0
    """Seconds to keep the caller waiting first (longer than its timeout: a timeout)."""


RANDOM_FAILURES = (
    Failure("ratelimited", 429, retry_after=1),
    Failure("internal_error", 500),
    Failure("ratelimited"),
    Failure("internal_error"),
)
"""What a call fails with in the random failure mode: passing faults only, as a busy or unwell
Slack gives them (never a permanent error such as channel_not_found)."""


@dataclass
class Gate:
    """Holds the next call of a method until released: the bot is caught in the middle of it."""

    arrived: threading.Event = field(default_factory=threading.Event)
    """Set once the call has come in and waits."""
    released: threading.Event = field(default_factory=threading.Event)

    def release(self) -> None:
        """Let the held call be answered."""
        self.released.set()


@dataclass
class Message:
    """A message the stand-in holds, as a person in that channel would see it."""

    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]] | None


@dataclass
class ResponseUrlPost:
    """A message posted to a slash command's or button's response_url."""

    path: str
    body: dict[str, Any]
    at: float = field(default_factory=time.perf_counter)
    """When the stand-in received it (perf_counter seconds)."""


@dataclass
class SharedFile:
    """A file uploaded (files_upload_v2's three steps) and shared in a channel."""

    channel: str
    filename: str
    title: str | None
    data: bytes


class SlackError(Exception):
    """Raised inside a method to answer `{"ok": false, "error": ...}`."""

    def __init__(self, error: str, detail: list[str] | None = None) -> None:
        super().__init__(error)
        self.error = error
        self.detail = detail or []


@dataclass
class SlackStandIn:
    """The fake Web API. Use as a context manager, or call start() and stop()."""

    users: list[FakeUser] = field(default_factory=list)
    team_id: str = TEAM_ID
    calls: list[Call] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    responses: list[ResponseUrlPost] = field(default_factory=list)
    home_views: dict[str, dict[str, Any]] = field(default_factory=dict)
    channels: set[str] = field(default_factory=set)
    returned_views: list[dict[str, Any]] = field(default_factory=list)
    files: list[SharedFile] = field(default_factory=list)
    rate_limit_every: int | None = None
    """Answer every Nth call with HTTP 429 and `Retry-After: 1`, as a busy Slack might."""
    failure_rate: float = 0.0
    """Fail each Web API call with this probability, with one of `RANDOM_FAILURES`."""
    seed: int | None = None
    """Seeds the random failures, so that a run fails the same calls each time."""
    injected: list[Call] = field(default_factory=list)
    """The calls the random failure mode failed, oldest first."""

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)
        self._failures: dict[str, Failure] = {}
        self._gates: dict[str, Gate] = {}
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._counter = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._uploads: dict[str, tuple[str, int, bytes | None]] = {}
        """file ID -> (filename, announced length, the bytes once uploaded)."""
        self.tokens: dict[str, str] = {BOT_TOKEN: self.team_id}
        """Valid bot tokens -> their workspace; OAuth installs add one per workspace."""
        self._install_codes: dict[str, tuple[str, str]] = {}
        """OAuth codes Slack handed an installer -> (workspace, installer)."""

    # -- life cycle -------------------------------------------------------------------------
    def start(self) -> "SlackStandIn":
        """Serve on a free port of 127.0.0.1 in a background thread."""
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        """Stop serving; a connection of our own wakes the server's loop at once, instead of at
        its next poll (a wait that added up over the suite's thousand stand-ins)."""
        server = self._server
        if server is None:
            return
        stopping = threading.Thread(target=server.shutdown)
        stopping.start()
        with contextlib.suppress(OSError):
            socket.create_connection(server.server_address[:2], timeout=1).close()
        stopping.join()
        server.server_close()

    def __enter__(self) -> "SlackStandIn":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def root(self) -> str:
        """http://127.0.0.1:PORT/"""
        assert self._server is not None, "start() the stand-in first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    @property
    def api_url(self) -> str:
        """The Web API base URL, in slack_sdk's `base_url` form (SLACK_API_URL)."""
        return self.root + "api/"

    def response_url(self, name: str) -> str:
        """A response_url for a request; what is posted there lands in `responses`."""
        return f"{self.root}respond/{name}"

    # -- test controls ----------------------------------------------------------------------
    def fail(
        self,
        method: str,
        error: str = "internal_error",
        *,
        status: int = 200,
        retry_after: int | None = None,
        times: int = 1,
        raw_body: str | None = None,
        delay: float = 0.0,
    ) -> None:
        """Make the next `times` calls of `method` (or posts to a response_url: `RESPONSE_URL`)
        fail: HTTP 429 with Retry-After, an error, a body that is not JSON, a timeout…"""
        self._failures[method] = Failure(error, status, retry_after, times, raw_body, delay)

    def hold(self, method: str) -> Gate:
        """Keep the next call of `method` waiting until the returned gate is released (at most
        30 s), then answer it as usual."""
        gate = Gate()
        self._gates[method] = gate
        return gate

    def record_view(self, view: dict[str, Any]) -> None:
        """Check and keep a view the bot returned in a view_submission answer (`response_action`
        update or push): Slack rejects a bad one there just as in views.update."""
        errors = view_errors(view)
        assert errors == [], errors
        self.returned_views.append(view)

    def calls_to(self, method: str) -> list[Call]:
        """The successful calls of a method, oldest first."""
        return [call for call in self.calls if call.method == method and call.ok]

    def dms_to(self, user_id: str) -> list[Message]:
        """The messages posted in the bot's DM with the person."""
        return [message for message in self.messages if message.channel == _dm_id(user_id)]

    def user(self, user_id: str) -> FakeUser | None:
        """The workspace member with that ID."""
        return next((user for user in self.users if user.id == user_id), None)

    def user_object(self, user_id: str) -> dict[str, Any]:
        """The member as the `user_change` and `team_join` events describe them (no locale)."""
        user = self.user(user_id)
        assert user is not None, user_id
        return self._user_object(user, include_locale=False)

    def recorded_methods(self) -> set[str]:
        """Every method that was called successfully."""
        return {call.method for call in self.calls if call.ok}

    def recorded_scopes(self) -> set[str]:
        """The bot scopes the successful calls needed."""
        return {
            scope for call in self.calls if call.ok for scope in scopes_for(call.method, call.args)
        }

    # -- the Web API ------------------------------------------------------------------------
    def handle(
        self, method: str, args: dict[str, Any], token: str | None
    ) -> tuple[int, Any, dict[str, str]]:
        """Answer one call: (HTTP status, JSON body or raw text, extra headers)."""
        with self._lock:
            gate = self._gates.pop(method, None)
        if gate is not None:  # outside the lock: other callers are answered meanwhile
            gate.arrived.set()
            gate.released.wait(timeout=30)
        with self._lock:
            failure = self._planned_failure(method)
            injected = failure is None and self._random.random() < self.failure_rate
            if injected:
                failure = self._random.choice(RANDOM_FAILURES)
            elif (
                failure is None
                and self.rate_limit_every
                and next(self._counter) % self.rate_limit_every == 0
            ):
                failure = Failure("ratelimited", 429, retry_after=1)
        if failure is not None:
            time.sleep(failure.delay)  # outside the lock: other callers are answered meanwhile
        with self._lock:
            if failure is not None:
                call = Call(method, args, False, failure.error, failure.status)
                self.calls.append(call)
                if injected:
                    self.injected.append(call)
                headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
                if failure.raw_body is not None:
                    return failure.status, failure.raw_body, headers
                return failure.status, {"ok": False, "error": failure.error}, headers
            team = self.tokens.get(token or "")
            try:
                body = self._answer(method, args, token)
            except SlackError as error:
                self.calls.append(Call(method, args, False, error.error, team_id=team))
                answer: dict[str, Any] = {"ok": False, "error": error.error}
                if error.detail:
                    answer["response_metadata"] = {"messages": error.detail}
                return 200, answer, {}
            self.calls.append(Call(method, args, True, team_id=team))
            return 200, {"ok": True, **body}, {}

    def _planned_failure(self, method: str) -> Failure | None:
        """The failure `fail()` planned for the next call of `method`, used up once (the caller
        holds the lock)."""
        failure = self._failures.get(method)
        if failure is not None:
            failure.times -= 1
            if failure.times <= 0:
                del self._failures[method]
        return failure

    def _answer(self, method: str, args: dict[str, Any], token: str | None) -> dict[str, Any]:
        contract = METHODS.get(method)
        if contract is None:
            raise SlackError("unknown_method")
        if method == "oauth.v2.access":
            return self._oauth_v2_access(args, token)
        if token is None:
            raise SlackError("not_authed")
        if token not in self.tokens:
            raise SlackError("invalid_auth")
        missing = [name for name in contract.required if args.get(name) in (None, "")]
        if missing:
            raise SlackError("invalid_arguments", [f"missing required field: {n}" for n in missing])
        for name in contract.channel_args:
            if name in args and not str(args[name]).startswith(CHANNEL_PREFIXES):
                raise SlackError("channel_not_found")
        if method == "auth.test":
            return self._auth_test(self.tokens[token])
        return getattr(self, "_" + method.replace(".", "_"))(args)

    def _auth_test(self, team_id: str) -> dict[str, Any]:
        return {"team_id": team_id, "user_id": BOT_USER_ID, "bot_id": "B0BOT", "team": "Acme"}

    # -- installing by OAuth ------------------------------------------------------------------
    def install_code(self, team_id: str, installer: str) -> str:
        """What Slack hands the installer's browser after they approve the app in a workspace."""
        code = f"code-{team_id}-{installer}-{next(self._counter)}"
        with self._lock:
            self._install_codes[code] = (team_id, installer)
        return code

    def _oauth_v2_access(self, args: dict[str, Any], basic_auth: str | None) -> dict[str, Any]:
        """Swap a one-time install code for a new bot token of that workspace; the app's client
        ID and secret come as HTTP Basic credentials."""
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if basic_auth != f"Basic {expected}":
            raise SlackError("invalid_client_id")
        team_id, installer = self._install_codes.pop(args.get("code") or "", ("", ""))
        if not team_id:
            raise SlackError("invalid_code")
        token = f"xoxb-{team_id.lower()}-{next(self._counter)}"
        self.tokens[token] = team_id
        return {
            "access_token": token,
            "token_type": "bot",
            "scope": "chat:write,commands",
            "bot_user_id": BOT_USER_ID,
            "app_id": "A0MENTORING",
            "team": {"id": team_id, "name": team_id.title()},
            "enterprise": None,
            "authed_user": {"id": installer},
        }

    def revoke(self, team_id: str) -> None:
        """The workspace uninstalled the app: its tokens stop working."""
        with self._lock:
            self.tokens = {t: team for t, team in self.tokens.items() if team != team_id}

    def _users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.user(args["user"])
        if user is None:
            raise SlackError("user_not_found")
        return {"user": self._user_object(user, _flag(args.get("include_locale")))}

    def _users_lookupByEmail(self, args: dict[str, Any]) -> dict[str, Any]:
        """Slack matches the address ignoring case; this method has no include_locale."""
        wanted = str(args["email"]).lower()
        user = next((u for u in self.users if u.address.lower() == wanted), None)
        if user is None:
            raise SlackError("users_not_found")
        return {"user": self._user_object(user, include_locale=False)}

    def _users_list(self, args: dict[str, Any]) -> dict[str, Any]:
        """Pages of `limit` members (all without one), `next_cursor` empty on the last page."""
        cursor = str(args.get("cursor") or "")
        if cursor and not (
            cursor.startswith(USERS_CURSOR) and cursor[len(USERS_CURSOR) :].isdigit()
        ):
            raise SlackError("invalid_cursor")
        start = int(cursor[len(USERS_CURSOR) :]) if cursor else 0
        limit = int(args.get("limit") or 0) or len(self.users)
        page = self.users[start : start + limit]
        more = start + limit < len(self.users)
        return {
            "members": [self._user_object(u, _flag(args.get("include_locale"))) for u in page],
            "cache_ts": 1700000000,
            "response_metadata": {"next_cursor": f"{USERS_CURSOR}{start + limit}" if more else ""},
        }

    def _user_object(self, user: FakeUser, include_locale: bool) -> dict[str, Any]:
        answer: dict[str, Any] = {
            "id": user.id,
            "team_id": self.team_id,
            "name": user.name,
            "real_name": user.real_name,
            "deleted": user.deleted,
            "tz": user.tz,
            "is_bot": user.is_bot,
            "is_restricted": user.is_guest,
            "is_ultra_restricted": False,
            "profile": {
                "real_name": user.real_name,
                "display_name": user.name,
                "email": user.address,
            },
        }
        if include_locale:
            answer["locale"] = user.locale
        return answer

    def _conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if args.get("channel"):
            channel = str(args["channel"])
            if channel not in self.channels:
                raise SlackError("channel_not_found")
            return {"channel": {"id": channel}}
        user_ids = [u for u in str(args.get("users") or "").split(",") if u]
        if not user_ids:
            raise SlackError("users_list_not_supplied")
        for user_id in user_ids:
            user = self.user(user_id)
            if user is None:
                raise SlackError("user_not_found")
            if user.deleted:
                raise SlackError("user_disabled")
        channel = _dm_id(user_ids[0]) if len(user_ids) == 1 else "G" + "".join(sorted(user_ids))
        self.channels.add(channel)
        return {"channel": {"id": channel}}

    def _check_message(self, args: dict[str, Any]) -> None:
        blocks = args.get("blocks")
        if blocks is not None:
            errors = block_errors(blocks, "message")
            if errors:
                raise SlackError("invalid_blocks", errors)
        if not args.get("text"):
            raise SlackError("no_text")
        if args["channel"] not in self.channels:
            raise SlackError("channel_not_found")

    def _chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        self._check_message(args)
        message = Message(
            args["channel"],
            f"{1700000000 + next(self._ts)}.000100",
            args["text"],
            args.get("blocks"),
        )
        self.messages.append(message)
        return {"channel": message.channel, "ts": message.ts, "message": {"text": message.text}}

    def _chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        self._check_message(args)
        for message in self.messages:
            if message.channel == args["channel"] and message.ts == args["ts"]:
                message.text, message.blocks = args["text"], args.get("blocks")
                return {"channel": message.channel, "ts": message.ts}
        raise SlackError("message_not_found")

    def _chat_postEphemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        self._check_message(args)
        return {"message_ts": f"{1700000000 + next(self._ts)}.000200"}

    def _check_view(self, args: dict[str, Any]) -> dict[str, Any]:
        view = args["view"]
        errors = view_errors(view)
        if errors:
            raise SlackError("invalid_arguments", errors)
        return {"view": {"id": f"V{next(self._ts):08d}", **view}}

    def _views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        if self.user(args["user_id"]) is None:
            raise SlackError("user_not_found")
        answer = self._check_view(args)
        self.home_views[args["user_id"]] = args["view"]
        return answer

    def _views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if not (args.get("trigger_id") or args.get("interactivity_pointer")):
            raise SlackError("invalid_arguments", ["missing required field: trigger_id"])
        return self._check_view(args)

    def _views_update(self, args: dict[str, Any]) -> dict[str, Any]:
        if not (args.get("view_id") or args.get("external_id")):
            raise SlackError("invalid_arguments", ["missing required field: view_id"])
        return self._check_view(args)

    def _files_getUploadURLExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        length = int(args["length"])
        if length < 1:
            raise SlackError("missing_argument")
        file_id = f"F{next(self._ts):08d}"
        self._uploads[file_id] = (str(args["filename"]), length, None)
        return {"file_id": file_id, "upload_url": f"{self.root}upload/{file_id}"}

    def handle_upload(self, path: str, data: bytes) -> tuple[int, str]:
        """Step two of an upload: the bytes, posted to the URL step one gave."""
        file_id = path.removeprefix("/upload/")
        with self._lock:
            upload = self._uploads.get(file_id)
            if upload is None or upload[1] != len(data):
                return 400, "bad upload"
            self._uploads[file_id] = (upload[0], upload[1], data)
            return 200, f"OK - {len(data)}"

    def _files_completeUploadExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        files = args["files"] if isinstance(args["files"], list) else json.loads(args["files"])
        channel = args.get("channel_id")
        if channel is not None and channel not in self.channels:
            raise SlackError("channel_not_found")
        shared = []
        for item in files:
            filename, _, data = self._uploads.get(item["id"], ("", 0, None))
            if data is None:
                raise SlackError("file_not_found")
            if channel is not None:
                self.files.append(SharedFile(channel, filename, item.get("title"), data))
            shared.append({"id": item["id"], "name": filename, "title": item.get("title")})
        return {"files": shared}

    def handle_response_url(self, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        """A post to a response_url: checked like a message, then recorded; or the failure
        planned with `fail(RESPONSE_URL, …)` (its error is the answer's text)."""
        with self._lock:
            failure = self._planned_failure(RESPONSE_URL)
        if failure is not None:
            time.sleep(failure.delay)
            return failure.status, failure.raw_body or failure.error
        with self._lock:
            errors = block_errors(body["blocks"], "message") if "blocks" in body else []
            if errors or not (body.get("text") or body.get("delete_original")):
                return 400, "invalid_blocks" if errors else "no_text"
            self.responses.append(ResponseUrlPost(path, body))
            return 200, "ok"


def _flag(value: Any) -> bool:
    return str(value).lower() in ("true", "1")


def _dm_id(user_id: str) -> str:
    return "D" + user_id[1:]


def _decode_args(raw: bytes, content_type: str, query: str) -> dict[str, Any]:
    args: dict[str, Any] = {k: v[0] for k, v in parse_qs(query).items()}
    if raw:
        if content_type.startswith("application/json"):
            args.update(json.loads(raw))
        else:
            args.update({k: v[0] for k, v in parse_qs(raw.decode()).items()})
    for name in ("blocks", "view"):
        if isinstance(args.get(name), str):
            try:
                args[name] = json.loads(args[name])
            except ValueError:
                args[name] = None
    return args


def _handler_for(standin: SlackStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the stand-in's record is `calls`."""

        def _serve(self) -> None:
            url = urlparse(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            content_type = self.headers.get("Content-Type") or ""
            headers: dict[str, str] = {}
            if url.path.startswith("/upload/"):
                status, body = standin.handle_upload(url.path, raw)
            elif url.path.startswith("/respond/"):
                status, body = standin.handle_response_url(url.path, json.loads(raw or b"{}"))
            elif url.path.startswith("/api/"):
                args = _decode_args(raw, content_type, url.query)
                auth = self.headers.get("Authorization") or ""
                token = auth.removeprefix("Bearer ").strip() or args.pop("token", None)
                args.pop("token", None)
                status, body, headers = standin.handle(url.path.removeprefix("/api/"), args, token)
            else:
                status, body = 404, "not found"
            payload = body if isinstance(body, str) else json.dumps(body)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the caller timed out
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                kind = "text/plain" if isinstance(body, str) else "application/json"
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(payload.encode())))
                self.end_headers()
                self.wfile.write(payload.encode())

        do_GET = _serve
        do_POST = _serve

    return Handler


def iter_blocks(standin: SlackStandIn) -> Iterator[tuple[str, Any]]:
    """Every block list and view the bot sent, with its surface, for schema checks."""
    for call in standin.calls:
        if call.ok and call.args.get("blocks"):
            yield "message", call.args["blocks"]
        if call.ok and call.args.get("view"):
            yield "view", call.args["view"]
    for post in standin.responses:
        if post.body.get("blocks"):
            yield "message", post.body["blocks"]
    for view in standin.returned_views:
        yield "view", view
