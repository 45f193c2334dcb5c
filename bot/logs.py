"""Log set-up: plain lines for a terminal, or one JSON object per line for a log collector."""

import json
import logging
from datetime import UTC, datetime
from typing import Any

_RECORD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
"""What every LogRecord has; anything else on a record came from `extra=` and is logged too."""


_PLAIN = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_NOT_JSON = "non-JSON format:"
"""How slack_sdk's error line introduces the answer it could not read, which it then quotes."""


class _WithoutAnswerBody(logging.Filter):
    """Cuts the quoted answer from slack_sdk's line about an answer that was not JSON: a proxy's
    page in Slack's place could echo anything, even the request's token."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _NOT_JSON in message:
            record.msg, record.args = (
                message.split(_NOT_JSON)[0] + _NOT_JSON + " (not logged)",
                None,
            )
        return True


def slack_client_logger() -> logging.Logger:
    """The logger for the bot's Web API clients: slack_sdk's own, which never quotes an answer
    that was not JSON."""
    logger = logging.getLogger("slack_sdk.web.base_client")
    if not any(isinstance(known, _WithoutAnswerBody) for known in logger.filters):
        logger.addFilter(_WithoutAnswerBody())
    return logger


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, pid, the `extra=` fields, and
    the exception's traceback if there is one."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "pid": record.process,
        }
        line.update((k, v) for k, v in vars(record).items() if k not in _RECORD_ATTRIBUTES)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def configure_logging(level: str, *, json_lines: bool = False) -> None:
    """Log to stderr, plain or as JSON lines; Slack's own libraries never below INFO, so no
    message text is logged."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(_PLAIN))
    logging.basicConfig(level=level, handlers=[handler])
    for noisy in ("slack_sdk", "slack_bolt"):
        logging.getLogger(noisy).setLevel(max(logging.getLevelName(level), logging.INFO))
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # not a line per tick
    logging.getLogger("alembic").setLevel(logging.WARNING)  # storage.migrations logs one line
