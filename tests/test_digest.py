"""Cohort digests: figures against a hand-computed cohort, k-merging, the chart's data and PNG,
the per-pair CSV, delivery to the lead's DM and who may ask for one."""

import csv
import io
import struct
from dataclasses import replace
from datetime import timedelta

from freezegun import freeze_time
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.digest import (
    OTHER,
    Cycle,
    Pairs,
    People,
    TopicCount,
    chart_series,
    merge_small,
    suggested_actions,
)
from bot.digest_chart import chart_png
from bot.digest_csv import COLUMNS, escape_cell, pairs_csv
from bot.messages import t
from handlers.digest_blocks import digest_message
from storage import audit
from storage import digest as digests
from storage.models import CheckIn, Cohort
from tests.fakes.bot_harness import BotHarness
from tests.fakes.digest_cohort import NOW, build
from tests.fakes.slack_api import TEAM_ID
from tests.fakes.workspace import LEAD, PEOPLE

LEA = PEOPLE[0]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def the_digest(engine: Engine) -> digests.Digest:
    with Session(engine) as session:
        built = build(session)
        session.commit()
        cohort = session.get(Cohort, built.cohort_id)
        assert cohort is not None
        return digests.digest(session, cohort, NOW - timedelta(days=30), NOW)


def test_the_digest_figures_match_the_hand_computed_cohort(engine: Engine) -> None:
    digest = the_digest(engine)

    assert digest.k == 3
    assert digest.people == People(joined=9, surveyed=7, paused=1, left=1, waitlisted=1)
    assert digest.pairs == Pairs(invited=1, active=2, at_risk=1, completed=1, declined=1)
    assert digest.cycles == [
        Cycle(1, due=3, held=3, progress=3.5, confidence=3.5),
        Cycle(2, due=3, held=1, progress=None, confidence=None),  # only two people reflected
        Cycle(3, due=1, held=0, progress=None, confidence=None),
        Cycle(4, due=1, held=0, progress=None, confidence=None),
    ]
    assert (digest.held, digest.due) == (4, 8)
    assert digest.digital_topics == [TopicCount("digital", t("en", "topic.genai"), "genai", 3)]
    assert digest.leadership_topics == []  # "strategy" was learned by one person only
    # engineering 4, sales 3, marketing 1, a typed-in one 1: the two small ones make "other"
    # of 2, still under k, so sales joins it.
    assert digest.departments == [(t("en", "department.engineering"), 4), (OTHER, 5)]
    assert digest.wins == ["Automated my weekly report"]
    assert digest.wins_in_review == 1


def test_the_three_suggestions_are_the_most_pressing(engine: Engine) -> None:
    digest = the_digest(engine)

    assert suggested_actions(digest) == [
        ("digest.action.at_risk", {"count": 1}),
        ("digest.action.surveys", {"count": 2}),
        ("digest.action.waitlist", {"count": 1}),
    ]


def test_a_healthy_cohort_still_gets_three_suggestions(engine: Engine) -> None:
    digest = the_digest(engine)
    healthy = replace(
        digest,
        people=People(joined=4, surveyed=4),
        pairs=Pairs(active=2),
        cycles=[Cycle(1, due=2, held=2, progress=4.0, confidence=4.0)],
        wins_in_review=0,
    )

    assert [key for key, _ in suggested_actions(healthy)] == [
        "digest.action.share_wins",
        "digest.action.thank",
        "digest.action.invite_more",
    ]


def test_groups_under_k_are_merged_into_other() -> None:
    assert merge_small({"Sales": 5, "Legal": 1, "HR": 2}, 3) == [("Sales", 5), (OTHER, 3)]
    assert merge_small({"Sales": 5, "IT": 4, "Legal": 1}, 3) == [("Sales", 5), (OTHER, 5)]
    assert merge_small({"Sales": 2}, 3) == [(OTHER, 2)]  # nothing left to merge with
    assert merge_small({"Sales": 3, "IT": 3, "": 1, "Ops": 0}, 3) == [
        ("IT", 3),
        (OTHER, 4),
    ]
    assert merge_small({}, 3) == []
    for counts in ({"a": 1, "b": 2, "c": 7, "d": 3}, {"a": 9, "b": 1}, {"a": 2, "b": 2, "c": 2}):
        merged = merge_small(counts, 3)
        assert sum(count for _, count in merged) == sum(counts.values())
        assert all(count >= 3 for label, count in merged if label != OTHER)
        other = dict(merged).get(OTHER, 0)
        assert other == 0 or other >= 3 or len(merged) == 1


def test_the_chart_draws_the_digests_series_as_a_png(engine: Engine) -> None:
    series = chart_series(the_digest(engine).cycles)

    assert series.numbers == [1, 2, 3, 4]
    assert series.due == [3, 3, 1, 1]
    assert series.held == [3, 1, 0, 0]
    assert series.progress == [3.5, None, None, None]
    png = chart_png(series, "de")
    assert png.startswith(PNG_SIGNATURE)
    assert png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == (800, 450)
    assert png.rstrip(b"\x00").endswith(b"IEND\xaeB`\x82")


def test_the_csv_has_one_line_per_pair_that_reached_people(engine: Engine) -> None:
    the_digest(engine)
    with Session(engine) as session:
        cohort_id = session.exec(select(Cohort.id)).one()
        rows = list(
            csv.DictReader(io.StringIO(pairs_csv(digests.pair_activity(session, cohort_id))))
        )

    assert tuple(rows[0]) == COLUMNS
    by_state = {(row["state"], row["mentor"]): row for row in rows}
    assert len(rows) == 5  # the proposal F never reached anyone
    active = by_state[("active", "U0P0")]
    assert (active["mentee"], active["check_ins_due"], active["check_ins_held"]) == (
        "U0P1",
        "2",
        "2",
    )
    assert active["last_held"] == (NOW - timedelta(days=42)).date().isoformat()
    at_risk = by_state[("active", "U0P2")]
    assert (at_risk["at_risk"], at_risk["check_ins_due"], at_risk["check_ins_missed"]) == (
        "yes",
        "4",
        "2",
    )
    completed = by_state[("completed", "U0P4")]
    assert (completed["check_ins_held"], completed["check_ins_skipped"]) == ("1", "1")
    declined = by_state[("declined", "")]
    assert declined["mentee"] == ""  # nobody can tell who declined
    assert by_state[("invited", "U0P8")]["check_ins_due"] == "0"


def test_csv_cells_a_spreadsheet_would_run_are_escaped() -> None:
    for dangerous in ('=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert escape_cell(dangerous) == f"'{dangerous}"
    for harmless in ("U0LEA", "active", "2026-11-20", "3", "a=b"):
        assert escape_cell(harmless) == harmless
    assert escape_cell(None) == ""


def test_a_lead_gets_the_digest_chart_and_csv_in_their_dm(bot: BotHarness, engine: Engine) -> None:
    with Session(engine) as session:
        build(session)
        session.commit()

    with freeze_time(NOW):
        bot.command(LEAD.id, "digest")

    assert bot.last_reply() == t("de", "digest.on_its_way", cohort="Reverse mentoring 2026")
    [message] = bot.slack.dms_to(LEAD.id)
    assert message.text == t("de", "digest.title", cohort="Reverse mentoring 2026")
    everything = str(message.blocks)
    assert "Automated my weekly report" in everything
    assert t("de", "digest.action.at_risk", count=1) in everything
    assert "private text" not in everything and "Skunkworks" not in everything
    opened = bot.slack.calls_to("conversations.open")[-1]
    assert opened.args["users"] == LEAD.id
    [upload] = bot.slack.calls_to("files.completeUploadExternal")
    assert upload.args["channel_id"] == "D0MARIA"
    chart, export = bot.slack.files
    assert (chart.channel, export.channel) == ("D0MARIA", "D0MARIA")
    assert chart.filename.endswith(".png") and chart.data.startswith(PNG_SIGNATURE)
    assert export.filename.endswith(".csv")
    assert export.data.decode().splitlines()[0] == ",".join(COLUMNS)
    assert b"private text" not in export.data
    with bot.sessions() as session:
        [entry] = audit.latest(session, TEAM_ID, 5)
    assert (entry.actor, entry.action, entry.details) == (LEAD.id, "digest_exported", {})


def test_a_digest_of_a_named_cohort_and_an_unknown_name(bot: BotHarness) -> None:
    bot.command(LEA.id, "join")

    bot.command(LEAD.id, "digest reverse MENTORING 2026")
    assert bot.last_reply() == t("de", "digest.on_its_way", cohort="Reverse mentoring 2026")
    bot.command(LEAD.id, "digest <!channel> Nope")
    assert bot.last_reply() == t("de", "digest.no_cohort", name="&lt;!channel&gt; Nope")


def test_only_a_lead_gets_a_digest(bot: BotHarness) -> None:
    bot.command(LEA.id, "join")

    bot.command(LEA.id, "digest")

    assert bot.last_reply() == t("de", "lead.only")
    assert bot.slack.dms_to(LEAD.id) == [] and bot.slack.files == []


def test_an_unreachable_dm_is_reported_to_the_lead(bot: BotHarness) -> None:
    bot.command(LEA.id, "join")
    bot.slack.fail("conversations.open", "user_disabled")

    bot.command(LEAD.id, "digest")

    replies = [post.body["text"] for post in bot.slack.responses[-2:]]
    failed = t("de", "digest.failed", cohort="Reverse mentoring 2026", error="user_disabled")
    assert failed in replies
    assert bot.slack.files == []
    with bot.sessions() as session:
        assert audit.latest(session, TEAM_ID, 5) == []  # nothing was exported


def test_a_failed_upload_keeps_the_digest_and_says_so(bot: BotHarness) -> None:
    bot.command(LEA.id, "join")
    bot.slack.fail("files.getUploadURLExternal", "file_uploads_disabled")

    bot.command(LEAD.id, "digest")

    texts = [message.text for message in bot.slack.dms_to(LEAD.id)]
    assert texts == [
        t("de", "digest.title", cohort="Reverse mentoring 2026"),
        t("de", "digest.files_failed", error="file_uploads_disabled"),
    ]


def test_a_check_in_the_pair_paused_from_is_not_due(engine: Engine) -> None:
    with Session(engine) as session:
        built = build(session)
        checkin = session.exec(
            select(CheckIn).where(CheckIn.pair_id == built.pair_ids["B"], CheckIn.number == 4)
        ).one()
        checkin.state = "paused"
        session.add(checkin)
        session.commit()
        cohort = session.get(Cohort, built.cohort_id)
        assert cohort is not None
        digest = digests.digest(session, cohort, NOW - timedelta(days=30), NOW)

    assert [cycle.number for cycle in digest.cycles] == [1, 2, 3]
    assert (digest.held, digest.due) == (4, 7)


def test_many_departments_fit_the_message_with_the_rest_in_other(engine: Engine) -> None:
    digest = replace(
        the_digest(engine), departments=[(f"Team {n}", 30 - n) for n in range(25)] + [(OTHER, 4)]
    )

    _, blocks = digest_message("en", digest)

    [section] = [b for b in blocks if "*People by department*" in b.get("text", {}).get("text", "")]
    lines = section["text"]["text"].splitlines()[1:]
    assert len(lines) == 21 and lines[0] == "• Team 0: 30"
    assert lines[-1] == f"• other: {sum(range(6, 11)) + 4}"
