"""JSON log lines: one object per record, with the fields a log collector indexes."""

import json
import logging
import sys

from bot.logs import JsonFormatter


def _record(message: str, *args: object, **extra: object) -> logging.LogRecord:
    record = logging.makeLogRecord(
        {"name": "bot.test", "levelno": logging.WARNING, "levelname": "WARNING", "msg": message}
    )
    record.args = args
    record.__dict__.update(extra)
    return record


def test_a_record_is_one_line_of_json_with_time_level_logger_message_pid_and_extras() -> None:
    line = JsonFormatter().format(_record("sent %d\nnudges", 3, status=200, latency_ms=1.5))

    assert "\n" not in line
    fields = json.loads(line)
    assert fields["time"].endswith("+00:00") and fields["pid"] == logging.makeLogRecord({}).process
    assert {k: fields[k] for k in ("level", "logger", "message", "status", "latency_ms")} == {
        "level": "WARNING",
        "logger": "bot.test",
        "message": "sent 3\nnudges",
        "status": 200,
        "latency_ms": 1.5,
    }


def test_an_exception_travels_inside_the_same_line() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = _record("failed")
        record.exc_info = sys.exc_info()

    fields = json.loads(JsonFormatter().format(record))

    assert fields["message"] == "failed"
    assert "ValueError: boom" in fields["exception"]
