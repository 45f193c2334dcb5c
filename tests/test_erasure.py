"""The leave question's "Leave and delete my data": after a whole life in the program, no row of
any table holds the person's Slack user ID or anything they wrote, but for their posted win's
anonymised copy; their partner and the leads are told without their name; the digests' figures
stay; matching still honours their history if they rejoin; and the button works once, for them
only, whatever Slack does meanwhile."""

import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from freezegun import freeze_time
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from sqlalchemy import Engine, MetaData
from sqlmodel import SQLModel, col, select

from bot.matching import match
from bot.messages import t
from bot.pseudonyms import Pseudonyms, is_pseudonym
from handlers.blocks import LEAVE_CONFIRM, LEAVE_ERASE
from handlers.checkin_blocks import BUTTON_ACTIONS
from handlers.match_blocks import INVITE_ACCEPT, REVIEW_APPROVE
from handlers.reflection_blocks import REFLECT
from storage import digest, matching_input, outbox, roster
from storage.checkins import Press
from storage.migrations import TARGET_METADATA
from storage.models import (
    AuditAction,
    AuditEntry,
    CheckIn,
    Cohort,
    DoNotPair,
    Invitation,
    MatchRound,
    OutboxKind,
    OutboxMessage,
    Pair,
    PairState,
    Participant,
    ParticipantStatus,
    Profile,
    Reflection,
    Win,
    WinState,
)
from storage.programs import ensure_current_cohort
from tests.fakes.active_pairs import activate_pair, buttons, latest_with, next_check_in
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import TEAM_ID
from tests.fakes.survey_answers import MEETING, about_answers, complete_survey, start_survey
from tests.fakes.workspace import LEAD, PEOPLE

JONAS, AMIRA, BEN, CHEN, NOAH = PEOPLE[1], PEOPLE[2], PEOPLE[3], PEOPLE[4], PEOPLE[10]
THURSDAY = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
"""Inside everyone's working hours: New York 09:00, London 14:00, Berlin 15:00."""
NEW_YORK = {"timezone": "America/New_York", "work_start": "09:00", "work_end": "17:00"}
BERLIN = {"timezone": "Europe/Berlin", "work_start": "09:00", "work_end": "17:00"}
WINS_CHANNEL = "C0WINS"
PAIR_CHANNEL = "G" + "".join(sorted((BEN.id, JONAS.id)))
"""The stand-in names a group DM after its members (Slack's channel IDs are opaque)."""
MET, HELP = BUTTON_ACTIONS[Press.MET], BUTTON_ACTIONS[Press.HELP]

GOAL = "BEN-GOAL: prompt my way through 5 quarterly reports"
DEPARTMENT = "BEN-DEPT Quantum Basket Weaving"
LEARNED = ["BEN-LEARNED-1 how leaders weigh risk", "BEN-LEARNED-2 saying no kindly"]
POSTED_WIN = "WIN-ONE: Jonas Becker and I automated the weekly KPI mail"
UNPOSTED_WIN = "WIN-TWO: Jonas Becker signed off my first AI pilot"
ANONYMISED = {win: win.replace("Jonas Becker", "[name]") for win in (POSTED_WIN, UNPOSTED_WIN)}
"""The wins as the cohort may read them (names are anonymised)."""


@pytest.fixture
def clock() -> Iterator[Any]:
    with freeze_time(THURSDAY) as frozen:
        yield frozen


def at(bot: BotHarness, clock: Any, moment: datetime) -> None:
    """Time moves on to `moment` and the scheduler ticks."""
    clock.move_to(moment)
    bot.tick(moment)


def erase(bot: BotHarness, user_id: str) -> None:
    """The person types `/mentoring leave` and presses "Leave and delete my data" (and then the
    confirm dialog's button, which Slack shows before it sends the press)."""
    bot.command(user_id, "leave")
    bot.click(user_id, LEAVE_ERASE, user_id)


def survey(bot: BotHarness, user_id: str, meeting: dict[str, Any], **about: Any) -> None:
    """Join and answer both steps of the survey as a junior who teaches AI."""
    step1 = start_survey(bot, user_id)
    step2 = bot.submit(user_id, step1, about_answers(step1, **about))["view"]
    answer = bot.submit(user_id, step2, {**MEETING, "do_not_pair": [], **meeting})
    assert answer == {"response_action": "clear"}


def reflect(bot: BotHarness, user_id: str, learned: str, win: str = "") -> None:
    """Fill in the reflection modal that just opened, sharing the win if there is one."""
    view = bot.opened_view()
    answers = {"learned": learned, "progress": "4", "confidence": "3", "win": win}
    answer = bot.submit(user_id, view, {**answers, "share": ["share"] if win else []})
    assert answer["response_action"] == "update", answer


def check_in(bot: BotHarness, clock: Any, presser: str) -> None:
    """The pair's next check-in comes due; `presser` asks a lead for help and presses We met."""
    at(bot, clock, next_check_in(bot))
    nudge = latest_with([m for m in bot.slack.messages if m.channel == PAIR_CHANNEL], MET)
    if presser == BEN.id:
        bot.click(presser, HELP, buttons(nudge)[HELP])
    bot.click(presser, MET, buttons(nudge)[MET])


def match_and_accept(bot: BotHarness, *people: str) -> None:
    """The lead matches and approves; the people accept their introductions."""
    bot.command(LEAD.id, "match")
    review = latest_with(bot.slack.dms_to(LEAD.id), REVIEW_APPROVE)
    bot.click(LEAD.id, REVIEW_APPROVE, buttons(review)[REVIEW_APPROVE])
    for user in people:
        invite = latest_with(bot.slack.dms_to(user), INVITE_ACCEPT)
        bot.click(user, INVITE_ACCEPT, buttons(invite)[INVITE_ACCEPT])


def next_monday_10(moment: datetime) -> datetime:
    """The cohort's (UTC) wins slot after `moment`."""
    day = moment.date() + timedelta(days=(7 - moment.weekday()) % 7 or 7)
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)


def whole_life(bot: BotHarness, clock: Any) -> datetime:
    """Ben's life in the program, through the real Slack flow; returns the Monday his first win
    was posted on (his second waits for review, his "win posted" DM for his working hours).

    He answers the survey (a typed-in department, a goal, Chen
    on his do-not-pair list); a first round leaves him unmatched, Amira lists him; the second
    pairs him with Jonas. He opens Home, asks the lead for help at a check-in and reflects on two
    check-ins, sharing a win each time (the first auto-approved, the second for review). At last
    a roster import names him as Noah's manager."""
    for setting in ("wins-auto on", "wins-k 2"):
        bot.command(LEAD.id, f"cohort set {setting}")
    survey(
        bot,
        BEN.id,
        {**NEW_YORK, "do_not_pair": [CHEN.id]},
        goal=GOAL,
        department="other",
        department_other=DEPARTMENT,
    )
    complete_survey(bot, AMIRA.id, meeting={"do_not_pair": [BEN.id, JONAS.id]})
    bot.command(LEAD.id, "match")  # two juniors: both unmatched
    complete_survey(bot, JONAS.id, leader=True, meeting=BERLIN)
    match_and_accept(bot, BEN.id, JONAS.id)
    bot.open_home(BEN.id)
    check_in(bot, clock, BEN.id)
    reflect(bot, BEN.id, LEARNED[0], POSTED_WIN)
    prompt = latest_with(bot.slack.dms_to(JONAS.id), REFLECT)
    bot.click(JONAS.id, REFLECT, buttons(prompt)[REFLECT])
    reflect(bot, JONAS.id, "Jonas learned prompting", "Jonas shipped a chatbot")
    bot.command(LEAD.id, "cohort set wins-auto off")
    check_in(bot, clock, BEN.id)
    reflect(bot, BEN.id, LEARNED[1], UNPOSTED_WIN)
    bot.slack.channels.add(WINS_CHANNEL)
    bot.command(LEAD.id, f"cohort set wins-channel <#{WINS_CHANNEL}>")
    monday = next_monday_10(clock())
    at(bot, clock, monday)
    bot.tick(monday)
    with bot.sessions() as session:  # a roster import names Ben as Noah's manager
        cohort = ensure_current_cohort(session, TEAM_ID, monday.date())
        invitee = roster.Invitee(NOAH.id, "de-AT", None, "Finance", "early", BEN.id)
        roster.invite(session, cohort, [invitee], lambda _: ("Join us", []), monday)
    return monday


@dataclass(frozen=True)
class Hit:
    """A value of the database that holds something it should not."""

    table: str
    column: str
    key: str
    needle: str


def scan(engine: Engine, needles: list[str], ignore: tuple[str, ...] = ()) -> set[Hit]:
    """Every value of every row of every table the database has (read from the database itself,
    so a table added later is scanned too) whose text or JSON holds one of the needles; `ignore`
    strings are taken out of each value first."""
    database = MetaData()
    database.reflect(bind=engine)
    expected = {table.name for metadata in TARGET_METADATA for table in metadata.sorted_tables}
    assert set(SQLModel.metadata.tables) <= set(database.tables) <= expected | {"alembic_version"}
    hits = set()
    with engine.connect() as connection:
        for table in database.sorted_tables:
            key_columns = [column.name for column in table.primary_key.columns]
            for row in connection.execute(table.select()).mappings():
                key = ":".join(str(row[name]) for name in key_columns)
                for column, value in row.items():
                    text = _text(value)
                    for noise in ignore:
                        text = text.replace(noise, "")
                    hits.update(
                        Hit(table.name, column, key, needle) for needle in needles if needle in text
                    )
    return hits


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode(errors="replace")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return ""


def what_ben_wrote() -> list[str]:
    return [GOAL, DEPARTMENT, *LEARNED, POSTED_WIN, UNPOSTED_WIN, ANONYMISED[UNPOSTED_WIN]]


def test_after_erasure_no_row_of_any_table_holds_my_id_or_anything_i_wrote(
    bot: BotHarness, engine: Engine, clock: Any
) -> None:
    monday = whole_life(bot, clock)
    needles = [BEN.id, "Ben Carter", *what_ben_wrote(), ANONYMISED[POSTED_WIN]]
    before = {(hit.table, hit.needle) for hit in scan(engine, needles, ignore=(PAIR_CHANNEL,))}
    holding_my_id = {table for table, needle in before if needle == BEN.id}
    assert holding_my_id == {
        "participant",
        "donotpair",
        "invitation",
        "matchround",
        "pair",
        "checkin",
        "reflection",
        "win",
        "outboxmessage",
    }
    assert {needle for _, needle in before} == set(needles), "the life wrote every needle"
    with bot.sessions() as session:
        queued_to_me = session.exec(
            select(OutboxMessage).where(
                OutboxMessage.recipient_user_id == BEN.id, OutboxMessage.state == "pending"
            )
        ).all()
    assert [m.kind for m in queued_to_me] == [OutboxKind.WIN_POSTED], "held for his hours"
    clock.move_to(monday + timedelta(hours=2))  # 07:00 in New York
    dms = len(bot.slack.dms_to(BEN.id))

    erase(bot, BEN.id)

    with bot.sessions() as session:
        posted = session.exec(select(Win).where(Win.state == WinState.POSTED)).all()
        post = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "wins_post")).one()
    mine = next(win for win in posted if win.text == ANONYMISED[POSTED_WIN])
    assert is_pseudonym(mine.author_user_id)
    assert scan(engine, needles, ignore=(PAIR_CHANNEL,)) == {
        Hit("win", "text", str(mine.id), ANONYMISED[POSTED_WIN]),
        Hit("outboxmessage", "blocks", str(post.id), ANONYMISED[POSTED_WIN]),
    }, "only the post the cohort saw keeps my win, anonymised"
    at(bot, clock, monday + timedelta(hours=5))  # New York's working hours
    assert len(bot.slack.dms_to(BEN.id)) == dms, "what was queued for me is never sent"
    in_pair_channel = len([m for m in bot.slack.messages if m.channel == PAIR_CHANNEL])
    at(bot, clock, next_check_in(bot))  # the ended pair's next check-in is closed, not sent
    assert len([m for m in bot.slack.messages if m.channel == PAIR_CHANNEL]) == in_pair_channel
    with bot.sessions() as session:
        states = session.exec(select(CheckIn.state).order_by(col(CheckIn.number))).all()
    assert states == ["met", "met", "closed"]


def rows(engine: Engine) -> dict[str, list[str]]:
    """Every row of every table, to compare before and after."""
    database = MetaData()
    database.reflect(bind=engine)
    with engine.connect() as connection:
        return {
            table.name: sorted(repr(tuple(row)) for row in connection.execute(table.select()))
            for table in database.sorted_tables
        }


def test_what_stays_of_me_is_anonymised_under_my_pseudonym(
    bot: BotHarness, engine: Engine, clock: Any
) -> None:
    monday = whole_life(bot, clock)
    clock.move_to(monday + timedelta(hours=2))

    erase(bot, BEN.id)

    me = bot.services.pseudonyms.of(TEAM_ID, BEN.id)
    with bot.sessions() as session:
        participant = session.exec(select(Participant).where(Participant.slack_user_id == me)).one()
        assert (participant.status, participant.names, participant.locale) == ("left", [], None)
        assert participant.left_at == monday + timedelta(hours=2)
        assert session.get(Profile, participant.id) is None
        lists = session.exec(select(DoNotPair.participant_id, DoNotPair.excluded_user_id)).all()
        amira = session.exec(select(Participant).where(Participant.slack_user_id == AMIRA.id)).one()
        assert set(lists) == {(participant.id, CHEN.id), (amira.id, me), (amira.id, JONAS.id)}
        invitation = session.exec(select(Invitation)).one()
        assert (invitation.slack_user_id, invitation.manager_user_id) == (NOAH.id, me)
        reflections = session.exec(
            select(Reflection).where(Reflection.author_user_id == me).order_by(col(Reflection.id))
        ).all()
        kept = [(r.learned, r.win_text, r.progress, r.confidence) for r in reflections]
        assert kept == [(None, None, 4, 3), (None, None, 4, 3)], "the scores stay, not the texts"
        assert all(r.topic_id is not None for r in reflections)
        pair = session.exec(select(Pair).where(Pair.state == PairState.REMATCHED)).one()
        assert (pair.mentor_user_id, pair.mentee_user_id) == (me, JONAS.id)
        checkins = session.exec(select(CheckIn).where(col(CheckIn.answered_by).is_not(None))).all()
        assert [(c.answered_by, c.help_asked_by) for c in checkins] == [(me, me), (me, me)]
        first_round = session.exec(select(MatchRound).order_by(col(MatchRound.id))).first()
        assert first_round is not None and set(first_round.unmatched) == {me, AMIRA.id}
        assert session.exec(select(Win).where(Win.state == WinState.REVIEW)).all() == []
        (entry,) = session.exec(
            select(AuditEntry).where(AuditEntry.action == AuditAction.DATA_ERASED)
        ).all()
    assert (entry.actor, entry.action, entry.subject) == (me, AuditAction.DATA_ERASED, None)
    assert entry.details == {
        "participations": 1,
        "wins_deleted": 1,
        "reflections_deleted": 0,
        "messages_deleted": entry.details["messages_deleted"],
    }
    assert entry.details["messages_deleted"] > 10


def test_my_partner_and_the_leads_are_told_without_my_name_and_i_in_my_language(
    bot: BotHarness, clock: Any
) -> None:
    activate_pair(bot, JONAS.id, BEN.id, junior_meeting=BERLIN, leader_meeting=NEW_YORK)

    erase(bot, BEN.id)

    told = bot.slack.dms_to(JONAS.id)[-1].text
    assert told == t("de", "departure.partner_active")
    alert = bot.slack.dms_to(LEAD.id)[-1].text
    cohort = f"Reverse mentoring {THURSDAY.year}"
    assert alert == t("de", "lead.departure_erased", cohort=cohort, person="", partner=JONAS.id)
    assert BEN.id not in told + alert
    reply = bot.slack.responses[-1].body
    assert (reply["text"], reply["replace_original"]) == (t("en-US", "erase.done"), True)
    home = json.dumps(bot.slack.home_views[BEN.id])
    assert '"home_join"' in home, "Home shows me as a newcomer"


def test_the_digest_figures_stay_as_they_were(bot: BotHarness, engine: Engine, clock: Any) -> None:
    bot.command(LEAD.id, "cohort set wins-k 2")
    activate_pair(bot, BEN.id, JONAS.id, junior_meeting=NEW_YORK, leader_meeting=BERLIN)
    check_in(bot, clock, BEN.id)
    reflect(bot, BEN.id, LEARNED[0])
    bot.click(JONAS.id, REFLECT, buttons(latest_with(bot.slack.dms_to(JONAS.id), REFLECT))[REFLECT])
    reflect(bot, JONAS.id, "Jonas learned prompting")
    start, end = THURSDAY, THURSDAY + timedelta(days=30)

    def figures() -> tuple[Any, ...]:
        with bot.sessions() as session:
            cohort = session.exec(select(Cohort)).one()
            assert cohort.id is not None
            raw = (digest.cycles(session, cohort.id), digest.topics(session, cohort.id))
            return digest.digest(session, cohort, start, end), *raw

    before, cycles, topics = figures()
    assert [(c.authors, c.progress, c.confidence) for c in cycles] == [(2, 4, 3)]
    assert len(topics) == 2

    erase(bot, BEN.id)

    after, *raw_after = figures()
    assert raw_after == [cycles, topics]
    people, pairs = before.people, before.pairs
    assert after == replace(
        before,
        people=replace(
            people,
            joined=people.joined - 1,
            surveyed=people.surveyed - 1,
            left=people.left + 1,
            waitlisted=people.waitlisted + 1,
        ),
        pairs=replace(pairs, active=pairs.active - 1, rematched=pairs.rematched + 1),
        departments=after.departments,
    ), "as when a person leaves: one fewer joined, their pair ended, their partner waits"
    assert sum(n for _, n in after.departments) == sum(n for _, n in before.departments) - 1


def test_rejoining_i_am_never_matched_with_an_earlier_partner_nor_across_do_not_pair_lists(
    bot: BotHarness, clock: Any
) -> None:
    survey(bot, BEN.id, {**NEW_YORK, "do_not_pair": [CHEN.id]})
    complete_survey(bot, JONAS.id, leader=True, meeting=BERLIN)
    match_and_accept(bot, BEN.id, JONAS.id)
    complete_survey(bot, AMIRA.id, leader=True, meeting={"do_not_pair": [BEN.id]})
    complete_survey(bot, CHEN.id, leader=True)
    erase(bot, BEN.id)

    survey(bot, BEN.id, NEW_YORK)  # back as a newcomer, listing nobody

    with bot.sessions() as session:
        cohort = session.exec(select(Cohort)).one()
        ready = matching_input.load(session, TEAM_ID, cohort, THURSDAY, bot.services.pseudonyms)
    assert (BEN.id, JONAS.id) in ready.previous
    assert {(BEN.id, CHEN.id), (AMIRA.id, BEN.id)} <= set(ready.do_not_pair)
    unbound = match(ready.people, ready.settings)
    assert any(BEN.id in (p.mentor, p.mentee) for p in unbound.proposals), "else he'd be matched"
    bot.command(LEAD.id, "match")
    with bot.sessions() as session:
        latest = session.exec(select(MatchRound).order_by(col(MatchRound.id).desc())).first()
        assert latest is not None
        proposed = session.exec(select(Pair).where(Pair.round_id == latest.id)).all()
    assert proposed == [] and latest.unmatched[BEN.id] == "no_partner"


def test_someone_else_pressing_my_erase_button_is_refused_and_erases_nothing(
    bot: BotHarness, engine: Engine, clock: Any
) -> None:
    activate_pair(bot, BEN.id, JONAS.id, junior_meeting=NEW_YORK, leader_meeting=BERLIN)
    bot.command(BEN.id, "leave")
    before = rows(engine)

    bot.click(JONAS.id, LEAVE_ERASE, BEN.id)

    assert bot.last_reply() == t("de", "action.not_for_you")
    assert rows(engine) == before


def test_pressing_twice_erases_once(bot: BotHarness, engine: Engine, clock: Any) -> None:
    activate_pair(bot, BEN.id, JONAS.id, junior_meeting=NEW_YORK, leader_meeting=BERLIN)
    erase(bot, BEN.id)
    after_first = rows(engine)
    told = [len(bot.slack.dms_to(user)) for user in (JONAS.id, LEAD.id)]

    bot.click(BEN.id, LEAVE_ERASE, BEN.id)

    assert rows(engine) == after_first
    assert [len(bot.slack.dms_to(user)) for user in (JONAS.id, LEAD.id)] == told
    assert bot.last_reply() == t("en-US", "erase.done")


@pytest.mark.parametrize("failure", ["http_500", "unreachable"])
def test_slack_failing_while_i_am_told_leaves_the_erasure_complete(
    bot: BotHarness,
    engine: Engine,
    clock: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    failure: str,
) -> None:
    survey(bot, BEN.id, NEW_YORK)
    complete_survey(bot, JONAS.id, leader=True, meeting=BERLIN)
    match_and_accept(bot)  # introduced, nobody answered yet
    accept = buttons(latest_with(bot.slack.dms_to(JONAS.id), INVITE_ACCEPT))[INVITE_ACCEPT]
    bot.command(BEN.id, "leave")
    monkeypatch.setattr(BackoffRetryIntervalCalculator, "calculate_sleep_duration", lambda *_: 0)
    with socket.socket() as closed:  # bound but not listening: connections are refused
        closed.bind(("127.0.0.1", 0))
        if failure == "unreachable":
            dead = f"http://127.0.0.1:{closed.getsockname()[1]}/respond/"
            monkeypatch.setattr(bot.slack, "response_url", lambda name: dead + name)
        else:
            monkeypatch.setattr(bot.slack, "handle_response_url", lambda *_: (500, "error"))
        for method in ("chat.update", "views.publish"):
            bot.slack.fail(method)

        assert bot.click(BEN.id, LEAVE_ERASE, BEN.id).status == 200

    assert "could not confirm an erasure to the person" in caplog.text
    assert "views.publish failed" in caplog.text and "could not withdraw the buttons" in caplog.text
    assert scan(engine, [BEN.id, "Ben Carter", GOAL]) == set()
    with bot.sessions() as session:
        actions = [e.action for e in session.exec(select(AuditEntry))]
    assert actions == [AuditAction.MATCH_APPROVED, AuditAction.DATA_ERASED]
    assert bot.slack.dms_to(JONAS.id)[-1].text == t("de", "departure.partner_invited")
    assert bot.slack.dms_to(LEAD.id)[-1].text.startswith("Eine Person aus *Reverse mentoring")
    bot.click(JONAS.id, INVITE_ACCEPT, accept)  # the buttons stayed: a press changes nothing
    with bot.sessions() as session:
        assert session.exec(select(Pair)).one().state == PairState.REMATCHED


def test_erased_twice_from_one_cohort_i_stay_one_anonymous_participant(
    bot: BotHarness, engine: Engine, clock: Any
) -> None:
    survey(bot, BEN.id, {**NEW_YORK, "do_not_pair": [CHEN.id]}, goal=GOAL)
    erase(bot, BEN.id)
    survey(bot, BEN.id, {**NEW_YORK, "do_not_pair": [AMIRA.id, CHEN.id]}, goal=GOAL)

    erase(bot, BEN.id)

    me = bot.services.pseudonyms.of(TEAM_ID, BEN.id)
    with bot.sessions() as session:
        (participant,) = session.exec(select(Participant)).all()
        lists = set(session.exec(select(DoNotPair.participant_id, DoNotPair.excluded_user_id)))
        entries = session.exec(select(AuditEntry)).all()
    assert (participant.slack_user_id, participant.status) == (me, ParticipantStatus.LEFT)
    assert lists == {(participant.id, CHEN.id), (participant.id, AMIRA.id)}
    assert [e.details["participations"] for e in entries] == [1, 1]
    assert scan(engine, [BEN.id, "Ben Carter", GOAL]) == set()


class CountingPseudonyms(Pseudonyms):
    """Pseudonyms that note whose they computed."""

    def __init__(self, secret: bytes) -> None:
        super().__init__(secret)
        self.computed: list[str] = []

    def of(self, team_id: str, user_id: str) -> str:
        self.computed.append(user_id)
        return super().of(team_id, user_id)


def test_matching_computes_each_candidate_s_pseudonym_once_and_only_after_an_erasure(
    bot: BotHarness, clock: Any
) -> None:
    survey(bot, BEN.id, NEW_YORK)
    complete_survey(bot, JONAS.id, leader=True, meeting=BERLIN)
    complete_survey(bot, AMIRA.id, meeting={"do_not_pair": [CHEN.id]})

    def computed() -> list[str]:
        pseudonyms = CountingPseudonyms(bot.settings.pseudonym_secret)
        with bot.sessions() as session:
            cohort = session.exec(select(Cohort)).one()
            matching_input.load(session, TEAM_ID, cohort, THURSDAY, pseudonyms)
        return sorted(pseudonyms.computed)

    assert computed() == [], "nobody was erased: no pseudonym is needed"
    complete_survey(bot, CHEN.id, leader=True)
    erase(bot, CHEN.id)  # Amira's list now names a pseudonym
    assert computed() == sorted([BEN.id, JONAS.id, AMIRA.id])


def test_messages_naming_someone_whose_id_begins_like_mine_are_kept(
    bot: BotHarness, clock: Any
) -> None:
    survey(bot, BEN.id, NEW_YORK)
    with bot.sessions() as session:
        alerts = [
            outbox.dm(
                session,
                team_id=TEAM_ID,
                kind=OutboxKind.LEAD_ALERT,
                user_id=LEAD.id,
                text=f"<@{user}> asked for help",
                now=THURSDAY,
            )
            for user in (BEN.id, BEN.id + "JAMIN")
        ]

    erase(bot, BEN.id)

    with bot.sessions() as session:
        kept = [session.get(OutboxMessage, alert) is not None for alert in alerts]
    assert kept == [False, True]


def test_my_participation_in_another_workspace_is_not_erased(bot: BotHarness, clock: Any) -> None:
    other = bot.in_workspace("T0OTHER")
    other.command(BEN.id, "join")
    survey(bot, BEN.id, NEW_YORK)

    erase(bot, BEN.id)

    with bot.sessions() as session:
        people = session.exec(select(Participant.team_id, Participant.slack_user_id)).all()
    assert set(people) == {
        ("T0OTHER", BEN.id),
        (TEAM_ID, bot.services.pseudonyms.of(TEAM_ID, BEN.id)),
    }


def test_after_leaving_i_can_still_have_my_data_deleted(
    bot: BotHarness, engine: Engine, clock: Any
) -> None:
    survey(bot, BEN.id, {}, goal=GOAL)
    bot.command(BEN.id, "leave")
    bot.click(BEN.id, LEAVE_CONFIRM, BEN.id)
    assert scan(engine, [BEN.id, GOAL])  # leaving alone keeps it

    bot.command(BEN.id, "leave")
    offer = bot.slack.responses[-1].body
    assert offer["text"] == t("en-US", "erase.offer") and LEAVE_ERASE in str(offer["blocks"])
    bot.click(BEN.id, LEAVE_ERASE, BEN.id)

    assert scan(engine, [BEN.id, GOAL]) == set()
    bot.command(BEN.id, "leave")
    assert bot.last_reply() == t("en-US", "not_joined")  # nothing left to delete
