"""The scheduled digest: a cohort setting, sent to every lead once per slot, however many
workers tick."""

import threading
from datetime import UTC, datetime, timedelta

from freezegun import freeze_time
from sqlmodel import select

from bot.messages import t
from storage import audit
from storage.models import DigestRun
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import TEAM_ID
from tests.fakes.workspace import LEAD, PEOPLE

AMIRA = PEOPLE[2]
FRIDAY = datetime(2026, 11, 27, 12, tzinfo=UTC)
FIRST_MONDAY_9_BERLIN = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
"""The first Monday of December, 09:00 in Berlin: the cohort's first slot (it starts on 3 November)."""


def digests_to(bot: BotHarness, user: str) -> list[str]:
    title = t("de" if user == LEAD.id else "en-GB", "digest.title", cohort="Reverse mentoring 2026")
    return [m.text for m in bot.slack.dms_to(user) if m.text == title]


def monthly_digest(bot: BotHarness) -> None:
    with freeze_time(FRIDAY):
        bot.command(LEAD.id, "cohort set timezone Europe/Berlin")
        bot.command(LEAD.id, "cohort set starts 2026-11-03")
        for setting in ("digest-every monthly", "digest-day monday", "digest-time 09:00"):
            bot.command(LEAD.id, f"cohort set {setting}")
            assert bot.last_reply().startswith(t("de", "cohort.saved")), setting
        bot.command(LEAD.id, f"lead add <@{AMIRA.id}>")


def test_every_lead_gets_the_monthly_digest_once(bot: BotHarness) -> None:
    monthly_digest(bot)

    bot.tick(FIRST_MONDAY_9_BERLIN - timedelta(minutes=1))
    assert digests_to(bot, LEAD.id) == []
    bot.tick(FIRST_MONDAY_9_BERLIN)
    bot.tick(FIRST_MONDAY_9_BERLIN + timedelta(hours=1))
    bot.tick(FIRST_MONDAY_9_BERLIN + timedelta(days=7))  # the second Monday is no slot

    assert len(digests_to(bot, LEAD.id)) == 1
    assert len(digests_to(bot, AMIRA.id)) == 1
    assert len(bot.slack.files) == 4  # a chart and a CSV each
    with bot.sessions() as session:
        entries = audit.latest(session, TEAM_ID, 5)
    exports = [(e.actor, e.details) for e in entries if e.action == "digest_exported"]
    assert exports == [("bot", {"leads": 2})]


def test_two_workers_ticking_at_once_send_it_once(bot: BotHarness) -> None:
    monthly_digest(bot)

    workers = [threading.Thread(target=bot.tick, args=(FIRST_MONDAY_9_BERLIN,)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert len(digests_to(bot, LEAD.id)) == 1


def test_the_setting_is_shown_and_can_be_switched_off(bot: BotHarness) -> None:
    monthly_digest(bot)
    with freeze_time(FRIDAY):
        bot.command(LEAD.id, "cohort show")
        when = t(
            "de",
            "cohort.digest_when",
            every=t("de", "cadence.monthly"),
            day=t("de", "weekday.0"),
            at="09:00",
        )
        assert t("de", "cohort.show_digest", every=when) in bot.last_reply()
        bot.command(LEAD.id, "cohort set digest-every off")
        assert t("de", "cohort.show_digest", every=t("de", "cohort.digest_off")) in bot.last_reply()
        bot.command(LEAD.id, "cohort set digest-every yearly")
        assert bot.last_reply().startswith(t("de", "cohort.bad_cadence"))

    bot.tick(FIRST_MONDAY_9_BERLIN)
    assert digests_to(bot, LEAD.id) == []


def test_a_lead_who_cannot_be_reached_does_not_stop_the_others(bot: BotHarness) -> None:
    monthly_digest(bot)
    bot.slack.fail("conversations.open", "user_disabled")  # the first lead in order: Amira

    bot.tick(FIRST_MONDAY_9_BERLIN)

    assert digests_to(bot, AMIRA.id) == []
    assert len(digests_to(bot, LEAD.id)) == 1
    with bot.sessions() as session:
        assert session.exec(select(DigestRun.leads_reached)).all() == [1]
