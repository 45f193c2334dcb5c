"""Settings: a missing or malformed one stops start-up with one clear line and exit code 2."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import DEFAULT_DATABASE_URL, SettingsError, load_settings

ROOT = Path(__file__).resolve().parent.parent
HTTP_MODE = {"SLACK_BOT_TOKEN": "xoxb-1-2-abc", "SLACK_SIGNING_SECRET": "0123456789abcdef0123"}
SOCKET_MODE = {"SLACK_BOT_TOKEN": "xoxb-1-2-abc", "SLACK_APP_TOKEN": "xapp-1-A1-2-def"}
OAUTH_SECRET = "abcdef0123456789abcdef0123456789"
OAUTH_MODE = {
    "SLACK_CLIENT_ID": "1234.5678",
    "SLACK_CLIENT_SECRET": OAUTH_SECRET,
    "SLACK_SIGNING_SECRET": "0123456789abcdef0123",
}


def test_oauth_mode_needs_the_client_id_and_secret_but_no_bot_token() -> None:
    settings = load_settings({**OAUTH_MODE, "SLACK_BOT_TOKEN": "xoxb-ignored"})

    assert settings.oauth is not None and settings.oauth.client_id == "1234.5678"
    assert settings.bot_token is None, "each workspace's token comes from its installation"
    assert OAUTH_SECRET not in repr(settings.oauth)


def test_http_mode_needs_only_the_bot_token_and_signing_secret() -> None:
    settings = load_settings(HTTP_MODE)

    assert not settings.socket_mode
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert (settings.port, settings.log_level, settings.program_leads) == (
        3000,
        "INFO",
        frozenset(),
    )
    assert settings.slack_api_url is None


def test_socket_mode_needs_the_app_token_but_no_signing_secret() -> None:
    assert load_settings(SOCKET_MODE).socket_mode


def test_every_setting_is_read() -> None:
    settings = load_settings(
        {
            **HTTP_MODE,
            "DATABASE_URL": "postgresql+psycopg://bot:pw@db:5432/mentoring",
            "SLACK_API_URL": "http://127.0.0.1:8080/api/",
            "PROGRAM_LEADS": "U012ABCDEF, W0987ZYX",
            "PORT": "8080",
            "LOG_LEVEL": "debug",
        }
    )

    assert settings.database_url == "postgresql+psycopg://bot:pw@db:5432/mentoring"
    assert settings.slack_api_url == "http://127.0.0.1:8080/api/"
    assert settings.program_leads == frozenset({"U012ABCDEF", "W0987ZYX"})
    assert (settings.port, settings.log_level) == (8080, "DEBUG")


def test_pseudonyms_use_their_own_key_else_the_signing_secret_never_logged() -> None:
    key = "k" * 40
    with_key = load_settings({**HTTP_MODE, "PSEUDONYM_KEY": key})
    without = load_settings(HTTP_MODE)

    assert with_key.pseudonym_secret == key.encode()
    assert without.pseudonym_secret == HTTP_MODE["SLACK_SIGNING_SECRET"].encode()
    assert key not in repr(with_key)


@pytest.mark.parametrize(
    ("environ", "variable", "where"),
    [
        ({}, "SLACK_BOT_TOKEN is missing", "OAuth & Permissions"),
        ({"SLACK_BOT_TOKEN": "xoxp-user-token"}, "SLACK_BOT_TOKEN is malformed", "OAuth"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET is missing", "Basic Information"),
        ({**HTTP_MODE, "SLACK_SIGNING_SECRET": "sh ort"}, "SLACK_SIGNING_SECRET is malformed", ""),
        ({**SOCKET_MODE, "SLACK_APP_TOKEN": "xoxb-x"}, "SLACK_APP_TOKEN is malformed", "Basic"),
        ({**HTTP_MODE, "DATABASE_URL": "not a url"}, "DATABASE_URL is malformed", "sqlite:///"),
        ({**HTTP_MODE, "DATABASE_URL": "mysql://h/db"}, "DATABASE_URL names an unsupported", ""),
        ({**HTTP_MODE, "DATABASE_URL": "postgresql+asyncpg://h/db"}, "DATABASE_URL names", ""),
        ({**HTTP_MODE, "SLACK_API_URL": "127.0.0.1:8080"}, "SLACK_API_URL is malformed", "'/'"),
        ({**HTTP_MODE, "PROGRAM_LEADS": "U012ABCDEF,@maria"}, "PROGRAM_LEADS is malformed", "ID"),
        ({**HTTP_MODE, "PORT": "eighty"}, "PORT is malformed", "1 to 65535"),
        ({**HTTP_MODE, "PORT": "70000"}, "PORT is malformed", ""),
        ({**HTTP_MODE, "LOG_LEVEL": "LOUD"}, "LOG_LEVEL is malformed", "DEBUG"),
        ({**HTTP_MODE, "PSEUDONYM_KEY": "short"}, "PSEUDONYM_KEY is malformed", "32"),
        ({**HTTP_MODE, "SLACK_CLIENT_SECRET": OAUTH_SECRET}, "SLACK_CLIENT_ID is missing", "Basic"),
        ({**OAUTH_MODE, "SLACK_CLIENT_ID": "my-app"}, "SLACK_CLIENT_ID is malformed", "Client ID"),
        ({**OAUTH_MODE, "SLACK_CLIENT_SECRET": ""}, "SLACK_CLIENT_SECRET is missing", "Basic"),
        ({**OAUTH_MODE, "SLACK_APP_TOKEN": "xapp-1-A1-2-def"}, "SLACK_APP_TOKEN is set", "HTTP"),
        ({**OAUTH_MODE, "PROGRAM_LEADS": "U012ABCDEF"}, "PROGRAM_LEADS is set", "installer"),
        (
            {"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": OAUTH_SECRET},
            "SLACK_SIGNING_SECRET",
            "",
        ),
    ],
)
def test_a_bad_setting_names_the_variable_and_where_to_get_it(
    environ: dict[str, str], variable: str, where: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(environ)

    message = str(raised.value)
    assert message.startswith(variable) and where in message
    assert "\n" not in message


def test_the_entry_point_exits_2_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,  # no .env here, and none is written
        env={**environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("mentoring-bot: SLACK_BOT_TOKEN is missing")
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_entry_point_reads_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-from-dotenv\nPORT=nope\n")
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_") and k != "PORT"}
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env={**environ, "PYTHONPATH": str(ROOT), "SLACK_SIGNING_SECRET": "0123456789abcdef0123"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2
    assert result.stderr.startswith("mentoring-bot: PORT is malformed")


def test_a_plain_postgresql_url_uses_the_installed_psycopg_driver() -> None:
    settings = load_settings({**HTTP_MODE, "DATABASE_URL": "postgresql://bot:pw@db/mentoring"})

    assert settings.database_url == "postgresql+psycopg://bot:pw@db/mentoring"
