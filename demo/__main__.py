"""`make demo`: play the story against the Slack stand-in on SQLite, then show where data lives.
`make demo-faults` (`python -m demo --faults`): the same story while the stand-in fails one Web
API call in ten, then what was retried, what failed for good, and whether the data agrees."""

import argparse
import logging
import shutil
import sys
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import SQLModel

from demo.faults import FAILURE_RATE, SEED, fault_report
from demo.script import play
from storage.db import make_engine
from storage.migrations import upgrade
from tests.fakes.slack_api import SlackStandIn
from tests.fakes.workspace import EVERYONE

DATA_DIR = Path("demo-output")


def main(argv: list[str] | None = None) -> int:
    """Run the offline demo; no Slack workspace, token or network needed. With --faults, exit
    code 1 if the data does not agree at the end."""
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    parser.add_argument(
        "--faults",
        action="store_true",
        help=f"fail {FAILURE_RATE:.0%} of the Web API calls at random (seed {SEED})",
    )
    faults = parser.parse_args(argv).faults
    logging.basicConfig(
        level=logging.ERROR if faults else logging.WARNING,
        stream=sys.stdout,
        format="    ⚙  bot log: %(message)s",
    )
    shutil.rmtree(DATA_DIR, ignore_errors=True)
    DATA_DIR.mkdir()
    database = DATA_DIR / "mentoring.db"
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    print("Reverse-mentoring bot: offline demo (a local Slack stand-in plays the workspace)")
    problems: list[str] = []
    failure_rate = FAILURE_RATE if faults else 0.0
    with SlackStandIn(users=list(EVERYONE), failure_rate=failure_rate, seed=SEED) as standin:
        story = play(standin, engine, sys.stdout, faults=faults)
        if faults:
            story.drain()
            report, problems = fault_report(story, standin)
            print("\n━━ What Slack's failures did")
            print("\n".join(f"  {line}" for line in report))
        calls = len(standin.calls)
        chart = next(
            shared for shared in reversed(standin.files) if shared.filename.endswith(".png")
        )
    chart_file = DATA_DIR / "digest-chart.png"
    chart_file.write_bytes(chart.data)
    print("\n━━ Where the data lives")
    print(f"  SQLite database: {database.resolve()}")
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            rows = connection.execute(select(func.count()).select_from(table)).scalar_one()
            print(f"    table {table.name}: {rows} rows")
    print(f"  The digest's chart, as Maria got it: {chart_file.resolve()}")
    print(f"  The stand-in answered {calls} Web API calls; nothing left this machine.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
