"""The digest's per-pair export as CSV: activity only, no reflection text, and no people for
pairs that declined or rematched. Cells a spreadsheet would run as a formula are escaped."""

import csv
import io
from collections.abc import Iterable
from datetime import datetime

from bot.digest import PairActivity

COLUMNS = (
    "pair",
    "state",
    "mentor",
    "mentee",
    "active_since",
    "at_risk",
    "check_ins_due",
    "check_ins_held",
    "check_ins_skipped",
    "check_ins_missed",
    "last_held",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel, LibreOffice or Sheets read a cell as a formula (OWASP's CSV injection list)."""


def escape_cell(value: object) -> str:
    """The cell as text, with a leading apostrophe if a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def pairs_csv(rows: Iterable[PairActivity]) -> str:
    """The export: a header line, then one line per pair."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            escape_cell(value)
            for value in (
                row.pair_id,
                row.state,
                row.mentor_user_id,
                row.mentee_user_id,
                _date(row.active_since),
                "yes" if row.at_risk else "no",
                row.due,
                row.held,
                row.skipped,
                row.missed,
                _date(row.last_held),
            )
        )
    return out.getvalue()


def _date(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else ""
