"""manifest.yml is checked, not hand-maintained: it must declare exactly what the code uses; so must
the HTTP manifest that `python -m bot manifest --request-url URL` prints."""

import io
import os
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from slack_bolt import App
from sqlalchemy import Engine

from bot.__main__ import main
from bot.app import create_app
from demo.script import play
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import SlackStandIn
from tests.fakes.slack_contracts import COMMAND_SCOPE, EVENT_SCOPES
from tests.fakes.workspace import EVERYONE

MANIFEST = Path(__file__).parent.parent / "manifest.yml"
REQUEST_URL = "https://mentoring.example.com/bot/"


def _manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST.read_text())


def _printed_http_manifest(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> dict[str, Any]:
    """What `python -m bot manifest --request-url` prints, run without any setting."""
    monkeypatch.chdir(tmp_path)  # no .env either
    for name in [name for name in os.environ if name.startswith("SLACK_")]:
        monkeypatch.delenv(name)
    capsys.readouterr()
    assert main(["manifest", "--request-url", REQUEST_URL]) == 0
    return yaml.safe_load(capsys.readouterr().out)


@pytest.fixture(params=["manifest.yml", "printed for HTTP"])
def manifest(
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> dict[str, Any]:
    """Each manifest the checks apply to."""
    if request.param == "manifest.yml":
        return _manifest()
    return _printed_http_manifest(capsys, monkeypatch, tmp_path)


def _registered(bot: BotHarness) -> tuple[set[str], set[str]]:
    """The events and commands `create_app` registers on a real App."""
    events: set[str] = set()
    commands: set[str] = set()
    real_event, real_command = App.event, App.command

    def spy_event(app: App, event: Any, *args: Any, **kwargs: Any) -> Any:
        events.add(event if isinstance(event, str) else event["type"])
        return real_event(app, event, *args, **kwargs)

    def spy_command(app: App, command: Any, *args: Any, **kwargs: Any) -> Any:
        commands.add(command)
        return real_command(app, command, *args, **kwargs)

    with (
        mock.patch.object(App, "event", spy_event),
        mock.patch.object(App, "command", spy_command),
    ):
        create_app(bot.settings, bot.services, client=bot.client, token_verification=False)
    return events, commands


def test_manifest_is_a_complete_app(manifest: dict[str, Any]) -> None:
    features = manifest["features"]
    assert manifest["display_information"]["name"]
    assert features["bot_user"]["display_name"]
    assert features["app_home"]["home_tab_enabled"] is True
    assert features["app_home"]["messages_tab_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    (command,) = features["slash_commands"]
    assert command["command"] == "/mentoring"
    assert command["should_escape"] is True


def test_manifest_yml_is_for_socket_mode() -> None:
    settings = _manifest()["settings"]

    assert settings["socket_mode_enabled"] is True
    assert "request_url" not in settings["interactivity"]


def test_the_http_manifest_sends_every_request_to_the_server(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    manifest = _printed_http_manifest(capsys, monkeypatch, tmp_path)
    settings = manifest["settings"]
    events_url = "https://mentoring.example.com/bot/slack/events"

    assert settings["socket_mode_enabled"] is False
    assert settings["interactivity"]["request_url"] == events_url
    assert settings["event_subscriptions"]["request_url"] == events_url
    assert [c["url"] for c in manifest["features"]["slash_commands"]] == [events_url]
    assert manifest["oauth_config"]["redirect_urls"] == [
        "https://mentoring.example.com/bot/slack/oauth_redirect"
    ]


@pytest.mark.parametrize(
    "url", ["mentoring.example.com", "ftp://example.com", "https://", "https://a b", "https://x/?y"]
)
def test_a_malformed_request_url_stops_with_one_line(
    capsys: pytest.CaptureFixture[str], url: str
) -> None:
    assert main(["manifest", "--request-url", url]) == 2

    out, err = capsys.readouterr()
    assert out == ""
    (line,) = err.splitlines()
    assert line.startswith("mentoring-bot: --request-url") and "https://" in line


def test_manifest_declares_the_registered_events_and_commands(
    bot: BotHarness, manifest: dict[str, Any]
) -> None:
    events, commands = _registered(bot)

    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == events
    assert {c["command"] for c in manifest["features"]["slash_commands"]} == commands


@pytest.mark.suite_contract
def test_manifest_scopes_are_exactly_those_the_suite_used(
    bot: BotHarness,
    engine: Engine,
    suite_record: list[SlackStandIn],
    manifest: dict[str, Any],
) -> None:
    """Runs last: the Web API methods every test (and the demo) made the bot call, as scopes."""
    events, commands = _registered(bot)
    with SlackStandIn(users=list(EVERYONE)) as demo_slack:
        play(demo_slack, engine, io.StringIO())
    used = {scope for s in [*suite_record, demo_slack] for scope in s.recorded_scopes()}
    used |= {scope for event in events for scope in EVENT_SCOPES[event]}
    if commands:
        used.add(COMMAND_SCOPE)
    declared = set(manifest["oauth_config"]["scopes"]["bot"])

    assert sorted(used - declared) == [], "used by the bot but missing from manifest.yml"
    assert sorted(declared - used) == [], "declared in manifest.yml but never used"
