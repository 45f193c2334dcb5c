"""Retention: a cohort's reflections and wins are deleted once its end date plus its retention
(12 months unless a lead sets `retention`) has passed in its timezone; from the scheduler tick,
once per cohort however many workers run it, with one audit entry; the digest goes on without
them."""

import threading
from datetime import UTC, date, datetime
from typing import Any

import pytest
from freezegun import freeze_time
from sqlalchemy import Engine, event
from sqlmodel import Session, func, select

from bot.cohort_settings import SettingError, parse_setting
from bot.messages import t
from bot.retention import add_months, expired
from handlers.cohort_blocks import COHORT_SUBMIT
from storage import audit, retention
from storage import digest as digests
from storage.db import session_factory
from storage.models import (
    AuditAction,
    AuditEntry,
    CheckIn,
    Cohort,
    MatchRound,
    Pair,
    Reflection,
    Win,
)
from tests.fakes.bot_harness import BotHarness
from tests.fakes.digest_cohort import PEOPLE, build
from tests.fakes.query_plans import query_plan
from tests.fakes.slack_api import TEAM_ID, FakeUser
from tests.fakes.workspace import LEAD

ENDED = date(2026, 11, 30)
ELEVEN_MONTHS_LATER = datetime(2027, 10, 30, 12, tzinfo=UTC)
THIRTEEN_MONTHS_LATER = datetime(2027, 12, 30, 12, tzinfo=UTC)
LATER_COHORT_ENDS = date(2027, 6, 30)
WRITTEN = datetime(2027, 1, 14, 10, tzinfo=UTC)
"""When the later cohort's reflection was written."""


def test_a_month_later_is_the_same_day_or_the_month_s_last() -> None:
    assert add_months(date(2026, 11, 30), 12) == date(2027, 11, 30)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 15), 120) == date(2036, 11, 15)


def test_retention_ends_when_its_last_day_has_passed_in_the_cohort_s_timezone() -> None:
    berlin_2am = datetime(2027, 12, 1, 1, 0, tzinfo=UTC)  # still 30 Nov in New York
    assert not expired(ENDED, 12, "America/New_York", berlin_2am)
    assert expired(ENDED, 12, "Europe/Berlin", berlin_2am)
    assert not expired(ENDED, 12, "Europe/Berlin", datetime(2027, 11, 30, 22, 59, tzinfo=UTC))


@pytest.mark.parametrize("value", ["0", "121", "twelve", "-3", "1.5"])
def test_retention_is_a_whole_number_of_months_from_1_to_120(value: str) -> None:
    with pytest.raises(SettingError) as refused:
        parse_setting(f"retention {value}")
    assert refused.value.reason == "cohort.bad_retention"
    assert parse_setting("retention 24").value == 24
    assert parse_setting("RETENTION 120").value == 120


def test_a_lead_sets_the_retention_by_command_and_sees_it_in_the_settings(
    bot: BotHarness,
) -> None:
    bot.command(LEAD.id, "cohort set retention 24")

    assert t("de", "cohort.show_retention", months=24) in bot.last_reply()
    bot.command(LEAD.id, "cohort set retention 0")
    assert bot.last_reply().startswith(t("de", "cohort.bad_retention"))
    bot.command(LEAD.id, "cohort show")
    assert t("de", "cohort.show_retention", months=24) in bot.last_reply()


def test_a_lead_sets_the_retention_in_the_cohort_modal(bot: BotHarness) -> None:
    bot.command(LEAD.id, "cohort edit")
    view = bot.opened_view()
    [field] = [block for block in view["blocks"] if block.get("block_id") == "retention"]
    assert field["element"]["initial_value"] == "12"
    assert field["label"]["text"] == t("de", "cohort_modal.retention")

    refused = bot.submit(LEAD.id, view, {"retention": "200"})
    assert refused == {
        "response_action": "errors",
        "errors": {"retention": t("de", "cohort.bad_retention")},
    }
    saved = bot.submit(LEAD.id, view, {"retention": "36"})

    assert view["callback_id"] == COHORT_SUBMIT
    assert t("de", "cohort.show_retention", months=36) in str(saved["view"])
    with bot.sessions() as session:
        assert session.exec(select(Cohort.retention_months)).one() == 36


def the_cohorts(engine: Engine, months: int = 12) -> tuple[int, int]:
    """The digest's cohort, ended on ENDED, and a later one of the same program with one
    reflection and its shared win; their IDs."""
    with Session(engine) as session:
        built = build(session)
        ended = session.get(Cohort, built.cohort_id)
        assert ended is not None
        ended.ends_on, ended.retention_months, ended.open_for_joining = ENDED, months, False
        session.add(ended)
        later = Cohort(
            program_id=ended.program_id,
            name="Later",
            starts_on=ENDED,
            ends_on=LATER_COHORT_ENDS,
            open_for_joining=False,
        )
        session.add(later)
        session.flush()
        _reflection_with_a_win(session, later.id or 0)
        session.commit()
        return built.cohort_id, later.id or 0


def _reflection_with_a_win(session: Session, cohort_id: int) -> None:
    matching = MatchRound(cohort_id=cohort_id, lead_user_id=LEAD.id, state="approved")
    session.add(matching)
    session.flush()
    pair = Pair(
        round_id=matching.id or 0,
        cohort_id=cohort_id,
        team_id=TEAM_ID,
        mentor_user_id="U0LATER1",
        mentee_user_id="U0LATER2",
        score=70,
        state="active",
    )
    session.add(pair)
    session.flush()
    checkin = CheckIn(pair_id=pair.id or 0, team_id=TEAM_ID, number=1, state="met", due_at=WRITTEN)
    session.add(checkin)
    session.flush()
    reflection = Reflection(
        checkin_id=checkin.id or 0,
        pair_id=pair.id or 0,
        cohort_id=cohort_id,
        team_id=TEAM_ID,
        author_user_id="U0LATER1",
        asked_at=WRITTEN,
        submitted_at=WRITTEN,
        learned="kept a while longer",
    )
    session.add(reflection)
    session.flush()
    session.add(
        Win(
            reflection_id=reflection.id or 0,
            cohort_id=cohort_id,
            team_id=TEAM_ID,
            author_user_id="U0LATER1",
            text="a later win",
            created_at=WRITTEN,
        )
    )


def counts(engine: Engine, cohort_id: int) -> tuple[int, int]:
    """How many reflections and wins the cohort holds."""
    with Session(engine) as session:
        reflections = session.exec(
            select(func.count()).select_from(Reflection).where(Reflection.cohort_id == cohort_id)
        ).one()
        wins = session.exec(
            select(func.count()).select_from(Win).where(Win.cohort_id == cohort_id)
        ).one()
    return reflections, wins


def retention_entries(engine: Engine) -> list[AuditEntry]:
    with Session(engine) as session:
        return [
            entry
            for entry in audit.latest(session, TEAM_ID, limit=100)
            if entry.action == AuditAction.RETENTION_DELETED
        ]


def test_thirteen_months_after_its_end_a_cohort_loses_its_reflections_and_wins(
    bot: BotHarness, engine: Engine
) -> None:
    ended, later = the_cohorts(engine)

    bot.tick(ELEVEN_MONTHS_LATER)
    assert counts(engine, ended) == (7, 3), "kept for 12 months"
    assert retention_entries(engine) == []

    bot.tick(THIRTEEN_MONTHS_LATER)
    bot.tick(THIRTEEN_MONTHS_LATER)

    assert counts(engine, ended) == (0, 0)
    assert counts(engine, later) == (1, 1), "ended 6 months ago: kept"
    [entry] = retention_entries(engine)
    assert (entry.actor, entry.cohort_id) == (audit.BOT_ACTOR, ended)
    assert entry.details == {"reflections": 7, "wins": 3, "retention_months": 12}
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(CheckIn)).one() == 10, "kept"


def test_a_cohort_set_to_keep_them_24_months_still_has_them_after_13(
    bot: BotHarness, engine: Engine
) -> None:
    ended, _ = the_cohorts(engine, months=24)

    bot.tick(THIRTEEN_MONTHS_LATER)

    assert counts(engine, ended) == (7, 3)
    assert retention_entries(engine) == []


def the_digest(engine: Engine, cohort_id: int) -> digests.Digest:
    with Session(engine) as session:
        cohort = session.get(Cohort, cohort_id)
        assert cohort is not None
        return digests.digest(session, cohort, datetime(2026, 6, 1, tzinfo=UTC), WRITTEN)


def test_the_digest_of_an_expired_cohort_still_has_its_figures(
    bot: BotHarness, engine: Engine
) -> None:
    ended, _ = the_cohorts(engine)
    # The cohort's people are colleagues in Slack: a DM Slack refused as "user_not_found"
    # would take them out of the program and change the figures (handlers.deactivation).
    bot.slack.users += [FakeUser(user, user.lower(), user) for user in PEOPLE]
    bot.tick(ELEVEN_MONTHS_LATER)
    kept = the_digest(engine, ended)

    bot.tick(THIRTEEN_MONTHS_LATER)

    digest = the_digest(engine, ended)
    assert (digest.people, digest.pairs, digest.departments) == (
        kept.people,
        kept.pairs,
        kept.departments,
    )
    assert [(c.due, c.held) for c in digest.cycles] == [(c.due, c.held) for c in kept.cycles]
    assert kept.cycles[0].progress is not None and kept.wins
    assert all(c.progress is None and c.confidence is None for c in digest.cycles)
    assert digest.wins == [] and digest.digital_topics == []

    with freeze_time(THIRTEEN_MONTHS_LATER):
        bot.command(LEAD.id, "digest Reverse mentoring 2026")
    title = t("de", "digest.title", cohort="Reverse mentoring 2026")
    assert bot.slack.dms_to(LEAD.id)[-1].text == title
    export = next(f for f in bot.slack.files if f.filename.endswith("-pairs.csv"))
    assert len(export.data.decode().splitlines()) == 1 + 5, "a line per pair that reached people"


def test_two_workers_at_once_delete_once_and_audit_once(engine: Engine) -> None:
    ended, _ = the_cohorts(engine)
    sessions = session_factory(engine)
    start = threading.Barrier(2)
    results: list[dict[int, Any]] = []

    def work() -> None:
        start.wait()
        results.append(retention.delete_expired(sessions, THIRTEEN_MONTHS_LATER))

    workers = [threading.Thread(target=work) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert sorted(results, key=len) == [{}, {ended: {"reflections": 7, "wins": 3}}]
    assert len(retention_entries(engine)) == 1
    assert counts(engine, ended) == (0, 0)


def test_a_lead_lengthening_the_retention_in_time_saves_the_reflections(engine: Engine) -> None:
    ended, _ = the_cohorts(engine)
    sessions = session_factory(engine)
    with sessions() as session:
        assert ended in [c.id for c in retention.candidates(session, THIRTEEN_MONTHS_LATER)]
    with sessions() as session:  # the lead's change lands between the look-up and the delete
        cohort = session.get(Cohort, ended)
        assert cohort is not None
        cohort.retention_months = 24
        session.add(cohort)

    with sessions() as session:
        assert retention.delete_cohort_data(session, ended, THIRTEEN_MONTHS_LATER) == {}
    assert counts(engine, ended) == (7, 3)


def test_nothing_due_is_one_query(engine: Engine) -> None:
    the_cohorts(engine)
    statements: list[str] = []
    sessions = session_factory(engine)

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert retention.delete_expired(sessions, ELEVEN_MONTHS_LATER) == {}
    finally:
        event.remove(engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1, statements


def test_a_new_cohort_takes_over_the_retention(bot: BotHarness) -> None:
    bot.command(LEAD.id, "cohort set retention 24")
    bot.command(LEAD.id, "cohort new")

    [field] = [b for b in bot.opened_view()["blocks"] if b.get("block_id") == "retention"]
    assert field["element"]["initial_value"] == "24"


def test_the_due_look_up_probes_the_reflections_cohort_index(engine: Engine) -> None:
    plan = query_plan(engine, retention.candidates_query(THIRTEEN_MONTHS_LATER))
    assert "ix_reflection_cohort_id" in plan, plan
    assert "SCAN reflection" not in plan and "Seq Scan on reflection" not in plan, plan
