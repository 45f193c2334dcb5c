"""The offline demo plays every surface against the stand-in and tells what each person saw."""

import io
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import col, select

from demo.script import play
from storage.models import Pair, Participant
from tests.fakes.slack_api import SlackStandIn

ROOT = Path(__file__).resolve().parent.parent


def test_the_demo_story_shows_what_people_see_and_leaves_consistent_data(
    slack: SlackStandIn, engine: Engine
) -> None:
    out = io.StringIO()

    bot = play(slack, engine, out)

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
