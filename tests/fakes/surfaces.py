"""Every button, modal and event the app registers, recorded while the app is built."""

import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from slack_bolt import App
from sqlalchemy import Engine

from bot import app as app_factory
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import SlackStandIn


@dataclass
class Surfaces:
    """The constraints the app's listeners were registered with."""

    actions: list[str | re.Pattern[str]] = field(default_factory=list)
    views: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)


def registered_surfaces(
    slack: SlackStandIn, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> Surfaces:
    """Build the bot once with an App that records each `action`, `view` and `event`
    registration."""
    found = Surfaces()

    class Recording(App):
        def action(self, constraints: Any, *args: Any, **kwargs: Any) -> Any:
            found.actions.append(constraints)
            return super().action(constraints, *args, **kwargs)

        def view(self, constraints: Any, *args: Any, **kwargs: Any) -> Any:
            found.views.append(constraints)
            return super().view(constraints, *args, **kwargs)

        def event(self, event: Any, *args: Any, **kwargs: Any) -> Any:
            found.events.append(event)
            return super().event(event, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(app_factory, "App", Recording)
        BotHarness(slack, engine)
    return found
