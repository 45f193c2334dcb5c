"""The offline demo plays every surface against the stand-in and tells what each person saw."""

import io
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from freezegun import freeze_time
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from demo import __main__ as demo
from demo.consistency import inconsistencies
from demo.script import play
from storage.db import make_engine
from storage.models import OutboxMessage, OutboxState, Pair, Participant
from tests.fakes.active_pairs import activate_pair
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import SlackStandIn
from tests.fakes.workspace import PEOPLE

JONAS, BEN = PEOPLE[1], PEOPLE[3]
THURSDAY_AFTERNOON = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)  # Berlin 15:00, New York 09:00

ROOT = Path(__file__).resolve().parent.parent


def test_the_demo_story_shows_what_people_see_and_leaves_consistent_data(
    slack: SlackStandIn, engine: Engine
) -> None:
    out = io.StringIO()

    bot = play(slack, engine, out).bot

    story = out.getvalue()
    assert "✉  DM to Lea Wagner:" in story and "[Umfrage starten]" in story
    assert "✉  DM to Amira Khan:" in story and "[Start the survey]" in story
    assert "This button belongs to someone else" in story
    assert "&lt;!channel&gt;" in story
    assert "✉  DM to Emma Jones" in story  # the retried welcome arrived
    assert "┌ Mentoring-Umfrage 1/2" in story and "Bitte wähle mindestens ein Thema" in story
    assert "*Alles erledigt, danke!*" in story and "*You're all set, thank you!*" in story
    assert "[Umfrage fortsetzen]" in story  # Jonas's reminder
    assert "# Match-Vorschläge" in story and "[Alle freigeben]" in story  # Maria's review
    assert "*Du hast ein Mentoring-Match: <@U0BEN>!*" in story  # Lea's introduction
    assert "✉  the pair's group DM:" in story and "*Welcome, <@U0LEA> and <@U0BEN>!*" in story
    assert "*Zeit für Treffen 1 von 12*" in story and "*Time for check-in 1 of 12*" in story
    assert "✅ <@U0BEN> noted check-in 1 as held." in story  # the "We met" press
    assert story.rstrip().endswith(
        "Dein Digest für *Reverse mentoring 2026* ist auf dem Weg in unsere DM."
    )
    assert "# Digest: Reverse mentoring 2026" in story and "📎 file in the DM to Maria" in story
    assert "*A reminder: check-in 2 of 12*" in story  # two days after "Not yet"
    with bot.sessions() as session:
        finished = session.exec(
            select(Participant.slack_user_id).where(
                col(Participant.survey_completed_at).is_not(None)
            )
        ).all()
    assert sorted(finished) == sorted(["U0LEA", "U0AMIRA", "U0BEN", "U0NOAH", "U0DIEGO"])
    with bot.sessions() as session:
        pair_states = {
            (p.mentor_user_id, p.mentee_user_id): p.state for p in session.exec(select(Pair))
        }
    assert pair_states[("U0LEA", "U0BEN")] == "active"
    assert sorted(pair_states.values()) == ["active", "timed_out"]  # Amira never answered
    with bot.sessions() as session:
        statuses = {p.slack_user_id: p.status for p in session.exec(select(Participant))}
    assert statuses["U0TOM"] == "left"
    assert statuses["U0CHEN"] == "active"  # the pause ended during the weeks the story skips
    assert statuses["U0PRIYA"] == "active" and len(statuses) == 11


def test_make_demo_entry_point_runs_offline_and_says_where_the_data_lives(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "demo"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "SQLite database:" in result.stdout
    assert "table participant: 11 rows" in result.stdout
    assert (tmp_path / "demo-output" / "mentoring.db").exists()
    chart = tmp_path / "demo-output" / "digest-chart.png"
    assert f"The digest's chart, as Maria got it: {chart}" in result.stdout
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert not (tmp_path / ".env").exists()


def test_the_demo_with_faults_ends_consistent_and_says_what_was_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole story, as `make demo-faults` plays it: one Web API call in ten fails."""
    monkeypatch.chdir(tmp_path)

    code = demo.main(["--faults"])

    out = capsys.readouterr().out
    assert code == 0, out
    summary = out[out.index("━━ What Slack's failures did") :]
    failed = re.search(r"The stand-in failed (\d+) of (\d+) Web API calls", summary)
    assert failed and 0.05 < int(failed[1]) / int(failed[2]) < 0.2
    assert re.search(r"  [a-z_]+: \d+ message\(s\), \d+ failed tr", summary), summary
    assert "Consistency: every pair, check-in and outbox row agrees." in summary
    assert "⚡ Slack failed" in out and "The digest's chart, as Maria got it" in out
    engine = make_engine(f"sqlite:///{tmp_path}/demo-output/mentoring.db")
    with Session(engine) as session:
        assert session.exec(select(Pair.state).where(Pair.state == "active")).all()


def test_the_consistency_check_names_what_disagrees(bot: BotHarness) -> None:
    with freeze_time(THURSDAY_AFTERNOON):
        activate_pair(bot, BEN.id, JONAS.id)
    with bot.sessions() as session:
        assert inconsistencies(session, THURSDAY_AFTERNOON) == []
        pair = session.exec(select(Pair).where(Pair.state == "active")).one()
        intro = session.get(OutboxMessage, pair.intro_id)
        welcome = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "welcome")).first()
        assert intro is not None and welcome is not None
        intro.state, welcome.state = OutboxState.SENDING, OutboxState.FAILED
        session.add_all([intro, welcome])
    with bot.sessions() as session:
        problems = inconsistencies(session, THURSDAY_AFTERNOON)

    assert problems == [
        f"outbox message {welcome.id} (welcome) failed (None) and no lead was told",
        f"outbox message {intro.id} (pair_intro) is stuck in sending",
        f"pair {pair.id} (active) has no welcome in its group DM",
    ]
