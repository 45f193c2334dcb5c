"""The message catalogue: every text in English and German, picked from the Slack locale."""

import string

import pytest

from bot.messages import MESSAGES, language, t
from storage.models import OutboxKind


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_exists_in_english_and_german_with_the_same_placeholders(key: str) -> None:
    texts = MESSAGES[key]

    assert set(texts) == {"en", "de"}
    assert all(text.strip() for text in texts.values())
    assert _placeholders(texts["en"]) == _placeholders(texts["de"])


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("de-DE", "de"),
        ("de-AT", "de"),
        ("de-CH", "de"),
        ("en-GB", "en"),
        ("es-LA", "en"),
        ("", "en"),
        (None, "en"),
        ("DE", "de"),
    ],
)
def test_the_language_follows_the_slack_locale_with_english_as_fallback(
    locale: str | None, expected: str
) -> None:
    assert language(locale) == expected


def test_placeholders_are_filled() -> None:
    assert t("de-DE", "status.joined", cohort="Pilot") == "Du bist in *Pilot* dabei."


@pytest.mark.parametrize("kind", list(OutboxKind))
def test_every_outbox_kind_has_a_name_for_lead_alerts(kind: OutboxKind) -> None:
    assert f"outbox_kind.{kind}" in MESSAGES
