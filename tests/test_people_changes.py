"""People and Slack: guests and bots never join."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from freezegun import freeze_time
from sqlmodel import select

from bot.messages import t
from handlers.blocks import HOME_JOIN
from storage.models import Participant
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import FakeUser
from tests.fakes.workspace import BOT

GUEST = FakeUser("U0GUEST", "guest", "Gina Guest", is_guest=True)
TUESDAY_10_UTC = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Iterator[Any]:
    """Tuesday 10:00 UTC: inside London's and Berlin's working hours."""
    with freeze_time(TUESDAY_10_UTC) as frozen:
        yield frozen


@pytest.mark.parametrize("member", [GUEST, BOT], ids=["guest", "bot"])
def test_a_guest_or_a_bot_cannot_join_by_command_or_home_button(
    bot: BotHarness, clock: Any, member: FakeUser
) -> None:
    bot.slack.users.append(GUEST)

    bot.command(member.id, "join")

    refusal = t(member.locale, "join.not_a_colleague")
    assert bot.last_reply() == refusal

    bot.click(member.id, HOME_JOIN, member.id, container="view")

    notice = bot.opened_view()
    assert refusal in str(notice["blocks"])
    with bot.sessions() as session:
        assert session.exec(select(Participant)).all() == []
    assert bot.slack.dms_to(member.id) == []
