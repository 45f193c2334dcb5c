"""`python -m bot manifest --request-url URL`: manifest.yml as an app served over HTTP needs it."""

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from bot.server import EVENTS_PATH

MANIFEST = Path(__file__).resolve().parent.parent / "manifest.yml"
OAUTH_REDIRECT_PATH = "/slack/oauth_redirect"
"""Bolt's default path for the OAuth redirect of an installation."""
_BASE_URL = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """The `manifest` subcommand."""
    manifest = commands.add_parser(
        "manifest",
        help="print the app manifest for serving over HTTP (needs no settings)",
        description="Print manifest.yml with Socket Mode off and every request URL pointing at"
        " the server; paste it into your app's 'App Manifest' page.",
    )
    manifest.add_argument(
        "--request-url",
        required=True,
        metavar="URL",
        help="the server's public base URL, e.g. https://mentoring.example.com",
    )


def print_manifest(request_url: str) -> int:
    """Print the HTTP manifest: 0, or 2 with one line saying why the URL cannot be used."""
    if not _BASE_URL.fullmatch(request_url):
        print(
            f"mentoring-bot: --request-url {request_url[:80]!r} is malformed: give the server's"
            " public base URL, starting with https:// (or http://), e.g. https://mentoring.example.com",
            file=sys.stderr,
        )
        return 2
    manifest = http_manifest(yaml.safe_load(MANIFEST.read_text(encoding="utf-8")), request_url)
    print(f"# manifest.yml for serving over HTTP at {request_url}")
    print(yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=100), end="")
    return 0


def http_manifest(manifest: dict[str, Any], request_url: str) -> dict[str, Any]:
    """The manifest with Socket Mode off, the slash commands, interactivity and events sent to
    `request_url` + /slack/events, and the OAuth redirect at `request_url` +
    /slack/oauth_redirect."""
    base = request_url.rstrip("/")
    settings = manifest["settings"]
    settings["socket_mode_enabled"] = False
    settings["interactivity"]["request_url"] = base + EVENTS_PATH
    settings["event_subscriptions"]["request_url"] = base + EVENTS_PATH
    for command in manifest["features"]["slash_commands"]:
        command["url"] = base + EVENTS_PATH
    manifest["oauth_config"]["redirect_urls"] = [base + OAUTH_REDIRECT_PATH]
    return manifest
