"""The stand-in's method table and the bot's blocks, checked against Slack's own reference data
in ../shared/slack-reference (present beside the project in development and CI).
"""

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.fakes.slack_api import SlackStandIn, iter_blocks
from tests.fakes.slack_contracts import EVENT_SCOPES, METHODS

REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "slack-reference"


@pytest.fixture(scope="module")
def reference() -> Path:
    if not REFERENCE.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"Slack's reference data is missing at {REFERENCE}")
        pytest.skip(
            "Slack's reference data (../shared/slack-reference) is not beside this checkout"
        )
    return REFERENCE


def _method(reference: Path, name: str) -> dict[str, Any]:
    return json.loads((reference / "web-api" / "methods" / f"{name}.json").read_text())


@pytest.mark.parametrize("name", sorted(METHODS))
def test_method_table_matches_slacks_contract(reference: Path, name: str) -> None:
    contract = _method(reference, name)
    required = set(contract["args"].get("required", [])) - {"token"}
    bot_scopes = set((contract.get("scope") or {}).get("bot", []))

    assert set(METHODS[name].required) == required
    assert set(METHODS[name].bot_scopes) <= bot_scopes


def test_event_table_matches_slacks_events(reference: Path) -> None:
    events = {
        event["name"]: set(event.get("scopes", []))
        for event in json.loads((reference / "web-api" / "events" / "events.json").read_text())
    }
    for name, scopes in EVENT_SCOPES.items():
        assert set(scopes) == events[name], name


@pytest.mark.suite_contract
def test_every_block_the_suite_sent_fits_the_block_kit_schema(
    reference: Path, suite_record: list[SlackStandIn]
) -> None:
    schema = json.loads((reference / "block-kit" / "slack-block-kit.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    distinct = {
        json.dumps(payload["blocks"] if surface == "view" else payload, sort_keys=True): surface
        for standin in suite_record
        for surface, payload in iter_blocks(standin)
    }
    for blocks, surface in distinct.items():
        errors = [e.message for e in validator.iter_errors(json.loads(blocks))]
        assert errors == [], (surface, errors[:3])
    assert distinct
