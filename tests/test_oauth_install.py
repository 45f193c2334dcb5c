"""Installing the app in many workspaces by OAuth: each workspace gets its own bot token in the
database, its installer becomes its first lead, and once it uninstalls nothing more is sent there.
"""

import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlencode

import pytest
import yaml
from slack_bolt import App
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import Engine, MetaData
from sqlmodel import select

from bot.app import Bot, build_bot
from bot.config import OAuthCredentials
from bot.messages import in_every_language, t
from bot.scheduler import run_tick
from bot.send_pacing import SendPacer
from bot.server import make_http_server, wsgi_app
from handlers.delivery import OutboxDelivery
from handlers.workspace_clients import InstalledWorkspaces
from storage import outbox
from storage.models import (
    CheckIn,
    CheckInState,
    OutboxKind,
    OutboxMessage,
    OutboxState,
    Workspace,
    utcnow,
)
from tests.fakes.bot_harness import harness_settings
from tests.fakes.bot_process import post, until
from tests.fakes.faults import FAULTS
from tests.fakes.many_pairs import add_active_pairs
from tests.fakes.slack_api import CLIENT_ID, CLIENT_SECRET, FakeUser, SlackStandIn
from tests.fakes.slack_requests import RequestBuilder, SignedRequest

ROOT = Path(__file__).resolve().parent.parent
ACME, GLOBEX = "T0ACME", "T0GLOBEX"
KIM = FakeUser("U0KIM", "kim", "Kim Lee", "Europe/London", "en-GB")
LUIS = FakeUser("U0LUIS", "luis", "Luis Ortega", "Europe/Berlin", "de-DE")
ANNA = FakeUser("U0ANNA", "anna", "Anna Berg", "Europe/Berlin", "de-DE")


@dataclass
class Deployment:
    """The bot in OAuth mode, served over HTTP, with the browser of whoever installs it."""

    bot: Bot
    slack: SlackStandIn
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def install(self, team_id: str, installer: str) -> tuple[int, str]:
        """Click 'Add to Slack', approve in Slack, come back to the redirect URL."""
        with urllib.request.urlopen(self.url + "/slack/install", timeout=10) as page:
            found = re.search(r"state=([^&\"']+)", page.read().decode())
            cookie = page.headers["Set-Cookie"].split(";")[0]  # Secure: a browser on https
        assert found, "the install page links to Slack's authorize URL with a state"
        code = self.slack.install_code(team_id, installer)
        query = urlencode({"code": code, "state": found.group(1)})
        return _get(f"{self.url}/slack/oauth_redirect?{query}", cookie)

    def post(self, request: SignedRequest) -> int:
        """Slack posts a signed request to the events URL."""
        return post(self.port, request)

    def posted_to(self, team_id: str) -> list[str]:
        """The texts of the messages the bot posted with that workspace's token."""
        return [
            str(call.args.get("text"))
            for call in self.slack.calls
            if call.ok and call.method == "chat.postMessage" and call.team_id == team_id
        ]


def _left(deployment: Deployment, team_id: str) -> bool:
    with deployment.bot.services.sessions() as session:
        workspace = session.get(Workspace, team_id)
        return workspace is not None and workspace.uninstalled_at is not None


def _get(url: str, cookie: str = "") -> tuple[int, str]:
    try:
        with urllib.request.urlopen(_request(url, cookie), timeout=10) as page:
            return page.status, page.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _request(url: str, cookie: str) -> urllib.request.Request:
    return urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})


def _slack_tables(app: App) -> list[MetaData]:
    """slack_sdk's tables (the migrations make them in a deployment)."""
    flow = app.oauth_flow
    assert flow is not None
    return [flow.settings.installation_store.metadata, flow.settings.state_store.metadata]  # type: ignore[attr-defined]


@pytest.fixture
def deployment(slack: SlackStandIn, engine: Engine) -> Iterator[Deployment]:
    slack.users += [KIM, LUIS, ANNA]
    settings = replace(
        harness_settings(slack, engine, frozenset()),
        bot_token=None,
        oauth=OAuthCredentials(CLIENT_ID, CLIENT_SECRET),
    )
    bot = build_bot(settings, engine)
    for metadata in _slack_tables(bot.app):
        metadata.create_all(engine)
    server = make_http_server(wsgi_app(bot.app, engine), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield Deployment(bot, slack, server.server_port)
    server.shutdown()
    server.server_close()
    thread.join()


def test_the_installer_becomes_the_first_lead_and_is_welcomed(deployment: Deployment) -> None:
    status, page = deployment.install(ACME, KIM.id)

    assert status == 200, page
    assert deployment.bot.services.leads.of(ACME) == {KIM.id}
    assert deployment.posted_to(ACME) == [t("en-GB", "install.first_lead")]
    store = deployment.bot.clients
    client = store.for_team(ACME)
    assert client is not None and deployment.slack.tokens[client.token or ""] == ACME


def test_an_install_slack_cannot_complete_stores_nothing_and_can_be_done_again(
    deployment: Deployment,
) -> None:
    for fault in FAULTS:
        if fault.name == "timeout":
            continue  # Bolt's install flow waits as long as its own client does
        fault.on(deployment.slack, "oauth.v2.access")

        status, _ = deployment.install(ACME, KIM.id)

        assert status >= 400, fault.name
        assert deployment.bot.clients.for_team(ACME) is None, fault.name
        assert deployment.bot.services.leads.of(ACME) == set(), fault.name
    assert deployment.install(ACME, KIM.id)[0] == 200
    assert deployment.posted_to(ACME) == [t("en-GB", "install.first_lead")]


def test_the_install_flow_asks_for_the_manifests_scopes(deployment: Deployment) -> None:
    with urllib.request.urlopen(deployment.url + "/slack/install", timeout=10) as page:
        html = page.read().decode()

    scopes = re.search(r"scope=([^&\"']+)", html)
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert (
        scopes and unquote(scopes.group(1)).split(",") == manifest["oauth_config"]["scopes"]["bot"]
    )


def test_a_forged_state_installs_nothing(deployment: Deployment) -> None:
    code = deployment.slack.install_code(ACME, KIM.id)
    query = urlencode({"code": code, "state": "made-up"})
    status, _ = _get(f"{deployment.url}/slack/oauth_redirect?{query}")

    assert status >= 400
    assert deployment.bot.clients.for_team(ACME) is None
    assert deployment.bot.services.leads.of(ACME) == frozenset()


def test_each_workspace_is_served_with_its_own_token(deployment: Deployment) -> None:
    deployment.install(ACME, KIM.id)
    deployment.install(GLOBEX, LUIS.id)

    assert (
        deployment.post(RequestBuilder(deployment.slack, GLOBEX).slash_command(ANNA.id, "join"))
        == 200
    )

    assert deployment.bot.services.leads.of(GLOBEX) == {LUIS.id}
    # Anna's welcome and Home tab, with Globex's token
    until(lambda: len(deployment.posted_to(GLOBEX)) == 2 and ANNA.id in deployment.slack.home_views)
    assert deployment.posted_to(GLOBEX)[0] == t("de-DE", "install.first_lead")
    assert deployment.posted_to(ACME) == [t("en-GB", "install.first_lead")]


def test_a_request_from_a_workspace_without_installation_is_refused(
    deployment: Deployment,
) -> None:
    deployment.post(RequestBuilder(deployment.slack, GLOBEX).slash_command(ANNA.id, "join"))

    until(lambda: bool(deployment.slack.responses))
    assert deployment.slack.responses[-1].body["text"] == in_every_language("install.missing")
    assert deployment.posted_to(GLOBEX) == []
    with deployment.bot.services.sessions() as session:
        assert session.get(Workspace, GLOBEX) is None


def test_a_workspace_of_an_enterprise_grid_is_sent_to_with_its_token(
    deployment: Deployment,
) -> None:
    clients = deployment.bot.clients
    assert isinstance(clients, InstalledWorkspaces)
    grid = Installation(
        app_id="A0MENTOR",
        enterprise_id="E0GRID",
        team_id="T0GRID",
        user_id=KIM.id,
        bot_token="xoxb-grid",
    )
    clients.store.save(grid)

    client = clients.for_team("T0GRID")

    assert client is not None and client.token == "xoxb-grid"


def test_uninstalling_stops_every_send_to_that_workspace_only(deployment: Deployment) -> None:
    deployment.install(ACME, KIM.id)
    deployment.install(GLOBEX, LUIS.id)
    now = utcnow()
    _queue(deployment, [(ACME, KIM.id), (GLOBEX, LUIS.id)], "later", now + timedelta(minutes=5))
    before = len(deployment.slack.calls)

    uninstalled = RequestBuilder(deployment.slack, ACME).event({"type": "app_uninstalled"})
    assert deployment.post(uninstalled) == 200
    until(lambda: _left(deployment, ACME))
    deployment.slack.revoke(ACME)
    run_tick(deployment.bot.services, deployment.bot.clients, now + timedelta(minutes=10))

    sent = [call for call in deployment.slack.calls[before:] if call.method == "chat.postMessage"]
    assert [(call.team_id, call.args["text"]) for call in sent] == [(GLOBEX, "later")]
    clients = deployment.bot.clients
    assert isinstance(clients, InstalledWorkspaces)
    assert clients.store.find_bot(enterprise_id=None, team_id=ACME) is None, "token deleted"
    with deployment.bot.services.sessions() as session:
        states = {
            m.team_id: m.state
            for m in session.exec(select(OutboxMessage).where(OutboxMessage.text == "later"))
        }
    assert states == {ACME: OutboxState.CANCELLED, GLOBEX: OutboxState.SENT}


def test_a_token_slack_refuses_holds_that_workspace_s_sends_only(deployment: Deployment) -> None:
    deployment.install(ACME, KIM.id)
    deployment.install(GLOBEX, LUIS.id)
    deployment.slack.revoke(ACME)  # say, the tokens_revoked event never reached the bot
    now = utcnow()
    _queue(deployment, [(ACME, KIM.id)] * 2, "first", now - timedelta(minutes=1))
    _queue(deployment, [(GLOBEX, LUIS.id)], "then", now)
    services = deployment.bot.services
    one_by_one = OutboxDelivery(services.sessions, services.leads, SendPacer(10), workers=1)

    report = run_tick(replace(services, delivery=one_by_one), deployment.bot.clients, now)

    assert deployment.posted_to(GLOBEX)[-1] == "then"
    assert (report.sent, report.postponed) == (1, 2), "Acme's wait, without using attempts"


def _queue(deployment: Deployment, to: list[tuple[str, str]], text: str, due: datetime) -> None:
    """Messages due at `due` for (workspace, person) each, at any hour."""
    with deployment.bot.services.sessions() as session:
        for team, user in to:
            outbox.enqueue(
                session,
                team_id=team,
                kind=OutboxKind.LEAD_ALERT,
                text=text,
                due_at=due,
                recipient_user_id=user,
                respect_working_hours=False,
            )


def test_revoking_the_bot_token_stops_sends_and_reinstalling_resumes(
    deployment: Deployment,
) -> None:
    deployment.install(ACME, KIM.id)
    revoked = {"type": "tokens_revoked", "tokens": {"bot": ["U0BOT"]}}
    deployment.post(RequestBuilder(deployment.slack, ACME).event(revoked))
    until(lambda: _left(deployment, ACME))

    status, _ = deployment.install(ACME, ANNA.id)

    assert status == 200
    assert deployment.bot.services.leads.of(ACME) == {KIM.id}, "Anna was not the first"
    assert deployment.posted_to(ACME)[-1] == t("de-DE", "install.again")
    assert not _left(deployment, ACME)


def test_a_workspace_that_left_gets_no_nudge_and_its_check_ins_wait_for_a_reinstall(
    deployment: Deployment,
) -> None:
    deployment.install(ACME, KIM.id)
    deployment.install(GLOBEX, LUIS.id)
    wednesday = datetime(2026, 11, 25, 10, tzinfo=UTC)
    with deployment.bot.services.sessions() as session:
        for number, team in enumerate((ACME, GLOBEX)):
            channels = add_active_pairs(session, team, 1, wednesday, first=number)
            deployment.slack.channels.update(channels)
    deployment.post(RequestBuilder(deployment.slack, ACME).event({"type": "app_uninstalled"}))
    until(lambda: _left(deployment, ACME))

    run_tick(deployment.bot.services, deployment.bot.clients, wednesday)

    assert _check_in_states(deployment) == {
        ACME: CheckInState.SCHEDULED,
        GLOBEX: CheckInState.NUDGED,
    }
    assert [call.team_id for call in deployment.slack.calls_to("chat.postMessage")][-1] == GLOBEX
    deployment.install(ACME, KIM.id)
    run_tick(deployment.bot.services, deployment.bot.clients, wednesday + timedelta(minutes=1))
    assert _check_in_states(deployment)[ACME] == CheckInState.NUDGED


def _check_in_states(deployment: Deployment) -> dict[str, str]:
    """The state of each workspace's first check-in."""
    with deployment.bot.services.sessions() as session:
        first = session.exec(select(CheckIn).where(CheckIn.number == 1))
        return {checkin.team_id: checkin.state for checkin in first}
