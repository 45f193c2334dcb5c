"""`make demo`: play the story against the Slack stand-in on SQLite, then show where data lives."""

import logging
import shutil
import sys
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import SQLModel

from demo.script import play
from storage.db import make_engine
from storage.migrations import upgrade
from tests.fakes.slack_api import SlackStandIn
from tests.fakes.workspace import EVERYONE

DATA_DIR = Path("demo-output")


def main() -> int:
    """Run the offline demo; no Slack workspace, token or network needed."""
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stdout, format="    ⚙  bot log: %(message)s"
    )
    shutil.rmtree(DATA_DIR, ignore_errors=True)
    DATA_DIR.mkdir()
    database = DATA_DIR / "mentoring.db"
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    print("Reverse-mentoring bot: offline demo (a local Slack stand-in plays the workspace)")
    with SlackStandIn(users=list(EVERYONE)) as standin:
        play(standin, engine, sys.stdout)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
