"""The cohort's wins post: weekly on Monday 10:00 in the cohort's zone, only with at least k
contributors, each win posted once (restarts, two workers), failures put the wins back and reach
the leads, and leads review what goes out."""

import json
import random
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import update
from sqlmodel import col, select

from bot.messages import t
from bot.pseudonyms import is_pseudonym
from bot.wins_selection import choose_wins
from handlers.blocks import LEAVE_ERASE
from handlers.wins_blocks import WIN_APPROVE, WIN_DROP, WIN_EDIT
from storage import audit
from storage.models import (
    CheckIn,
    CheckInState,
    OutboxKind,
    OutboxMessage,
    Pair,
    Participant,
    Reflection,
    Win,
    WinsPost,
    WinsPostState,
    WinState,
)
from tests.fakes.bot_harness import BotHarness
from tests.fakes.many_pairs import add_active_pairs
from tests.fakes.slack_api import TEAM_ID
from tests.fakes.workspace import LEAD

FRIDAY = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
MONDAY_10_BERLIN = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
WINS_CHANNEL = "C0WINS"


@pytest.fixture
def clock() -> Iterator[object]:
    with freeze_time(FRIDAY) as frozen:
        yield frozen


@pytest.fixture
def cohort(bot: BotHarness, clock: object) -> None:
    """A Berlin cohort that posts without review to #wins."""
    bot.slack.channels.add(WINS_CHANNEL)
    for setting in ("timezone Europe/Berlin", f"wins-channel <#{WINS_CHANNEL}>", "wins-auto on"):
        bot.command(LEAD.id, f"cohort set {setting}")


def add_wins(bot: BotHarness, texts: list[str], state: WinState = WinState.APPROVED) -> None:
    """Pairs that met this week, each mentor sharing one win."""
    with bot.sessions() as session:
        first = session.exec(select(Pair)).all()
        add_active_pairs(session, TEAM_ID, len(texts), FRIDAY, first=len(first))
        checkins = session.exec(
            select(CheckIn, Pair)
            .join(Pair, col(Pair.id) == CheckIn.pair_id)
            .where(CheckIn.state == CheckInState.SCHEDULED)
        ).all()
        for (checkin, pair), text in zip(checkins, texts, strict=True):
            checkin.state, checkin.answered_at = CheckInState.MET, FRIDAY
            session.add(checkin)
            session.flush()
            reflection = Reflection(
                checkin_id=checkin.id or 0,
                pair_id=pair.id or 0,
                cohort_id=pair.cohort_id,
                team_id=TEAM_ID,
                author_user_id=pair.mentor_user_id,
                asked_at=FRIDAY,
                submitted_at=FRIDAY,
            )
            session.add(reflection)
            session.flush()
            win = Win(
                reflection_id=reflection.id or 0,
                cohort_id=pair.cohort_id,
                team_id=TEAM_ID,
                author_user_id=pair.mentor_user_id,
                text=text,
                state=state,
                created_at=FRIDAY,
            )
            session.add(win)


def posts(bot: BotHarness) -> list[str]:
    return [json.dumps(m.blocks) for m in bot.slack.messages if m.channel == WINS_CHANNEL]


def tick_at(bot: BotHarness, clock: object, moment: datetime) -> None:
    clock.move_to(moment)  # type: ignore[attr-defined]
    bot.tick(moment)


def test_wins_wait_until_k_people_contributed_then_go_out_once_without_names(
    bot: BotHarness, clock: object, cohort: None
) -> None:
    add_wins(bot, ["Automated 3 reports with Zapier", "First pivot table"])
    tick_at(bot, clock, MONDAY_10_BERLIN - timedelta(minutes=1))
    tick_at(bot, clock, MONDAY_10_BERLIN)
    [counts_only] = posts(bot)
    assert "2 pair(s) met" in counts_only, "four people met: the count may show"
    assert "Zapier" not in counts_only, "two authors are fewer than k=3: their wins wait"
    add_wins(bot, ["Prompted a first draft of the newsletter"])
    next_monday = MONDAY_10_BERLIN + timedelta(days=7)
    tick_at(bot, clock, next_monday)
    tick_at(bot, clock, next_monday + timedelta(minutes=1))
    post = posts(bot)[-1]
    assert len(posts(bot)) == 2 and "met for" not in post, "nobody met in the second week"
    for text in ("Zapier", "pivot table", "newsletter"):
        assert text in post
    with bot.sessions() as session:
        authors = session.exec(select(Win.author_user_id)).all()
        assert set(session.exec(select(Win.state))) == {WinState.POSTED}
        told = session.exec(
            select(OutboxMessage.recipient_user_id).where(
                OutboxMessage.kind == OutboxKind.WIN_POSTED
            )
        ).all()
    assert sorted(told) == sorted(authors)
    assert not any(author in post for author in authors)


def test_two_workers_ticking_at_once_post_the_week_once(
    bot: BotHarness, clock: object, cohort: None
) -> None:
    add_wins(bot, ["Win one", "Win two", "Win three", "Win four"])
    clock.move_to(MONDAY_10_BERLIN)  # type: ignore[attr-defined]
    workers = [threading.Thread(target=bot.tick, args=(MONDAY_10_BERLIN,)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    bot.tick(MONDAY_10_BERLIN + timedelta(hours=1))  # a restart: the slot is taken already
    assert len(posts(bot)) == 1
    with bot.sessions() as session:
        assert len(session.exec(select(WinsPost)).all()) == 1


def test_a_channel_the_bot_cannot_post_in_keeps_the_wins_and_tells_the_lead_how_to_fix_it(
    bot: BotHarness, clock: object, cohort: None
) -> None:
    bot.slack.channels.discard(WINS_CHANNEL)
    add_wins(bot, ["Win one", "Win two", "Win three"])
    tick_at(bot, clock, MONDAY_10_BERLIN)
    tick_at(bot, clock, MONDAY_10_BERLIN + timedelta(minutes=1))
    alert = bot.slack.dms_to(LEAD.id)[-1].text
    assert "/invite" in alert and WINS_CHANNEL in alert and "channel_not_found" in alert
    with bot.sessions() as session:
        assert set(session.exec(select(Win.state))) == {WinState.APPROVED}
        assert session.exec(select(WinsPost.state)).one() == WinsPostState.FAILED
    bot.slack.channels.add(WINS_CHANNEL)
    tick_at(bot, clock, MONDAY_10_BERLIN + timedelta(days=7))
    assert len(posts(bot)) == 1


def test_without_a_wins_channel_the_lead_is_asked_for_one(
    bot: BotHarness, clock: object, cohort: None
) -> None:
    bot.command(LEAD.id, "cohort set wins-channel none")
    add_wins(bot, ["Win one", "Win two", "Win three"])
    tick_at(bot, clock, MONDAY_10_BERLIN)
    tick_at(bot, clock, MONDAY_10_BERLIN + timedelta(minutes=1))
    assert bot.slack.dms_to(LEAD.id)[-1].text.startswith("Es ist Zeit für den Erfolgs-Post")


def test_in_review_mode_only_approved_wins_go_out_and_edits_are_anonymised_again(
    bot: BotHarness, clock: object, cohort: None
) -> None:
    bot.command(LEAD.id, "cohort set wins-auto off")
    add_wins(bot, ["Win one", "Win two", "Win three", "Win dropped"], state=WinState.REVIEW)
    with bot.sessions() as session:
        ids = [str(i) for i in session.exec(select(Win.id).order_by(col(Win.id)))]
        session.execute(update(Participant).values(names=["Ben Carter"]))
    bot.click("U0JONAS", WIN_APPROVE, ids[0])
    assert bot.last_reply() == t("de", "lead.only")
    for win_id in ids[:2]:
        bot.click(LEAD.id, WIN_APPROVE, win_id)
    bot.click(LEAD.id, WIN_DROP, ids[3])
    bot.click(LEAD.id, WIN_EDIT, ids[2])
    answer = bot.submit(LEAD.id, bot.opened_view(), {"text": "Ben Carter saved 5 hours <!here>"})
    assert "[name] saved 5 hours" in json.dumps(answer["view"])
    tick_at(bot, clock, MONDAY_10_BERLIN)
    [post] = posts(bot)
    assert "[name] saved 5 hours" in post and "Ben" not in post and "here" not in post
    assert "Win one" in post and "Win two" in post and "Win dropped" not in post
    with bot.sessions() as session:
        logged = [(e.actor, e.action, e.subject) for e in audit.latest(session, TEAM_ID, 10)]
    decided = {0: "win_approved", 1: "win_approved", 3: "win_dropped", 2: "win_edited"}
    expected = [(LEAD.id, action, f"win {ids[n]}") for n, action in decided.items()]
    assert sorted(logged) == sorted(expected)


def test_a_post_shuffles_its_wins_and_needs_k_distinct_authors() -> None:
    wins = [(n, f"U{n % 5}") for n in range(40)]
    first, second = choose_wins(wins, 3, random.Random(1)), choose_wins(wins, 3, random.Random(2))
    assert len(first) == 30 and first != second
    assert len({n % 5 for n in first}) == 5
    assert choose_wins([(1, "UA"), (2, "UA"), (3, "UB")], 3, random.Random(1)) == []


def test_counts_alone_need_k_people_too(bot: BotHarness, clock: object, cohort: None) -> None:
    add_wins(bot, ["Only win"])  # one pair met: two people, one win
    with bot.sessions() as session:
        session.execute(update(Win).values(state=WinState.WITHDRAWN))
    tick_at(bot, clock, MONDAY_10_BERLIN)
    assert posts(bot) == []


def test_a_win_on_its_way_when_its_author_asks_to_be_erased_is_posted_without_telling_anyone(
    bot: BotHarness, clock: object, cohort: None
) -> None:
    add_wins(bot, ["Win one", "Win two", "Win three"])
    bot.slack.fail("chat.postMessage", "internal_error")  # the post waits for its retry
    tick_at(bot, clock, MONDAY_10_BERLIN)
    with bot.sessions() as session:
        assert set(session.exec(select(Win.state))) == {WinState.POSTING}
        author = session.exec(select(Win.author_user_id).where(Win.text == "Win one")).one()
    bot.command(author, "leave")
    bot.click(author, LEAVE_ERASE, author)

    tick_at(bot, clock, MONDAY_10_BERLIN + timedelta(hours=1))

    assert len(posts(bot)) == 1 and "Win one" in posts(bot)[0]
    with bot.sessions() as session:
        erased = session.exec(select(Win).where(Win.text == "Win one")).one()
        told = session.exec(
            select(OutboxMessage.recipient_user_id).where(
                OutboxMessage.kind == OutboxKind.WIN_POSTED
            )
        ).all()
    assert erased.state == WinState.POSTED and is_pseudonym(erased.author_user_id)
    assert len(told) == 2 and author not in told and not any(map(is_pseudonym, told))
