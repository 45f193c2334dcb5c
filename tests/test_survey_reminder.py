"""The one reminder for an unfinished survey: after 48 quiet hours, inside working hours, once."""

import threading
from datetime import UTC, datetime, timedelta

from freezegun import freeze_time
from sqlalchemy import Engine
from sqlmodel import select

from bot.app import confirm_token_workspace
from handlers.blocks import SURVEY_START
from handlers.survey_reminders import queue_survey_reminders
from storage.models import OutboxMessage
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import SlackStandIn
from tests.fakes.survey_answers import MEETING, about_answers
from tests.fakes.workspace import PEOPLE

AMIRA = PEOPLE[2]  # Europe/London
MONDAY_10_LONDON = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def _reminders(bot: BotHarness) -> list[str]:
    return [m.text for m in bot.slack.dms_to(AMIRA.id) if "isn't finished yet" in m.text]


def _tick(bot: BotHarness, at: datetime) -> None:
    with freeze_time(at):
        bot.tick(at)


def _join_at(bot: BotHarness, at: datetime) -> None:
    with freeze_time(at):
        bot.command(AMIRA.id, "join")


def _answer_at(bot: BotHarness, at: datetime, *, finish: bool) -> None:
    """Amira opens the survey at `at` and saves step 1 (and step 2 when finishing)."""
    with freeze_time(at):
        bot.click(AMIRA.id, SURVEY_START, AMIRA.id)
        step1 = bot.opened_view()
        step2 = bot.submit(AMIRA.id, step1, about_answers(step1))["view"]
        if finish:
            bot.submit(AMIRA.id, step2, MEETING)


def test_one_reminder_after_48_hours_and_never_a_second(bot: BotHarness) -> None:
    _join_at(bot, MONDAY_10_LONDON)

    _tick(bot, MONDAY_10_LONDON + timedelta(hours=47, minutes=59))
    assert _reminders(bot) == []

    _tick(bot, MONDAY_10_LONDON + timedelta(hours=48))
    (reminder,) = _reminders(bot)
    assert "about 3 minutes" in reminder
    button = bot.slack.dms_to(AMIRA.id)[-1].blocks[-1]["elements"][0]
    assert (button["action_id"], button["value"]) == (SURVEY_START, AMIRA.id)

    for days in (3, 5, 10, 30):
        _tick(bot, MONDAY_10_LONDON + timedelta(days=days))
    assert len(_reminders(bot)) == 1


def test_the_reminder_waits_for_working_hours(bot: BotHarness) -> None:
    evening = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
    _join_at(bot, evening)

    _tick(bot, evening + timedelta(hours=48))  # Wednesday 20:00 in London
    assert _reminders(bot) == []

    _tick(bot, datetime(2026, 11, 26, 9, 0, tzinfo=UTC))  # Thursday 09:00 in London
    assert len(_reminders(bot)) == 1


def test_a_saved_step_restarts_the_quiet_time(bot: BotHarness) -> None:
    _join_at(bot, MONDAY_10_LONDON)
    _answer_at(bot, MONDAY_10_LONDON + timedelta(hours=30), finish=False)

    _tick(bot, MONDAY_10_LONDON + timedelta(hours=49))
    assert _reminders(bot) == []

    _tick(bot, MONDAY_10_LONDON + timedelta(hours=78))
    assert len(_reminders(bot)) == 1


def test_no_reminder_once_the_survey_is_complete(bot: BotHarness) -> None:
    _join_at(bot, MONDAY_10_LONDON)
    _answer_at(bot, MONDAY_10_LONDON + timedelta(hours=1), finish=True)

    for days in (2, 3, 7):
        _tick(bot, MONDAY_10_LONDON + timedelta(days=days))

    assert _reminders(bot) == []


def test_a_queued_reminder_is_dropped_if_the_survey_is_finished_first(bot: BotHarness) -> None:
    evening = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
    _join_at(bot, evening)
    _tick(bot, evening + timedelta(hours=48))  # queued, held until the morning
    _answer_at(bot, evening + timedelta(hours=49), finish=True)

    _tick(bot, datetime(2026, 11, 26, 9, 0, tzinfo=UTC))

    assert _reminders(bot) == []
    with bot.sessions() as session:
        reminder = session.exec(
            select(OutboxMessage).where(OutboxMessage.kind == "survey_reminder")
        ).one()
    assert reminder.state == "cancelled"


def test_two_workers_ticking_at_once_queue_one_reminder(
    slack: SlackStandIn, engine: Engine
) -> None:
    replicas = [BotHarness(slack, engine), BotHarness(slack, engine)]
    _join_at(replicas[0], MONDAY_10_LONDON)
    start = threading.Barrier(2)

    def queue(replica: BotHarness) -> None:
        start.wait()
        with replica.sessions() as session:
            queue_survey_reminders(session, MONDAY_10_LONDON + timedelta(hours=49))

    threads = [threading.Thread(target=queue, args=(replica,)) for replica in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with replicas[0].sessions() as session:
        queued = session.exec(
            select(OutboxMessage).where(OutboxMessage.kind == "survey_reminder")
        ).all()
    assert len(queued) == 1


def test_people_who_left_get_no_reminder(bot: BotHarness) -> None:
    _join_at(bot, MONDAY_10_LONDON)
    with freeze_time(MONDAY_10_LONDON + timedelta(hours=1)):
        bot.command(AMIRA.id, "leave")
        bot.click(AMIRA.id, "leave_confirm", AMIRA.id)

    _tick(bot, MONDAY_10_LONDON + timedelta(days=3))

    assert _reminders(bot) == []


def test_no_reminder_is_used_up_while_the_app_is_uninstalled(
    bot: BotHarness, engine: Engine
) -> None:
    _join_at(bot, MONDAY_10_LONDON)
    bot.dispatch(bot.requests.event({"type": "app_uninstalled"}))

    _tick(bot, MONDAY_10_LONDON + timedelta(hours=49))
    assert _reminders(bot) == []
    confirm_token_workspace(bot.settings, engine)  # installed again
    _tick(bot, MONDAY_10_LONDON + timedelta(hours=50))

    assert len(_reminders(bot)) == 1, "the reminder was kept for after the reinstall"
