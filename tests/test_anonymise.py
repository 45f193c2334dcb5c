"""Anonymisation of wins against a hostile corpus: whatever a person types, nobody can be
identified or pinged, and the win still reads as a win."""

import pytest

from bot.anonymise import anonymise, name_forms

COHORT_NAMES = name_forms(
    [
        "Jonas Weber",  # real name
        "jonas.weber",  # Slack handle
        "Jonny",  # display name
        "Jürgen Müller-Lüdenscheidt",
        "Anne-Marie O'Brien",
        "Zoë van der Berg",
        "José",
        "Ben",
    ]
)


def clean(text: str) -> str:
    return anonymise(text, COHORT_NAMES)


@pytest.mark.parametrize(
    "spelling",
    [
        "Jonas",
        "jonas",
        "JONAS",
        "Jonas's",
        "Jonas'",
        "Jonas\u2019s",
        "Weber",
        "Jonny",
        "Jürgen",
        "Juergen",
        "Jurgen",
        "JÜRGEN",
        "Müller",
        "Mueller",
        "Lüdenscheidt",
        "Anne",
        "Marie",
        "Annemarie",
        "O'Brien",
        "OBrien",
        "Zoe",
        "Zoë",
        "Berg",
        "Jose",
        "José",
        "\uff2a\uff4f\uff4e\uff41\uff53",  # fullwidth
        "Jo\u200bnas",  # zero-width space inside
        "J\u043enas",  # Cyrillic o
        "J0nas",  # a digit for a letter
        "J o n a s",
        "J.o.n.a.s",
        "J-o-n-a-s",
        "@jonas",
        "@Jonas.Weber",
    ],
)
def test_a_participants_name_in_any_spelling_is_removed(spelling: str) -> None:
    result = clean(f"{spelling} showed me how to build a Zapier flow")
    assert result == "[name] showed me how to build a Zapier flow"


def test_full_names_and_hyphenated_names_become_one_placeholder() -> None:
    assert clean("Jonas Weber and Anne-Marie taught me") == "[name] and [name] taught me"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thanks <@U0123ABCD> for pivot tables", "thanks [name] for pivot tables"),
        ("thanks <@W0123ABCD|jonas> a lot", "thanks [name] a lot"),
        ("<!channel> we did it", "we did it"),
        ("<!here|here> we did it", "we did it"),
        ("<!everyone> <!subteam^S0123|@leads> look", "[name] look"),
        ("posted in <#C0123ABCD|general>", "posted in [channel]"),
        ("posted in <#C0123ABCD>", "posted in [channel]"),
        ("see <https://intranet.example.com/x|our wiki>", "see [link]"),
        ("see <https://evil.example.com>", "see [link]"),
        ("mail <mailto:j@example.com|j@example.com>", "mail [email]"),
        ("on <!date^1392734382^{date}|Feb 18>", "on"),
    ],
)
def test_slack_mentions_pings_channels_and_links_are_removed(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to ben.s@example.co.uk today", "write to [email] today"),
        ("write to x+tag@mail.example.org.", "write to [email]."),
        ("write to j (at) example (dot) com", "write to [email]"),
        ("see https://docs.google.com/spreadsheets/d/1x?y=2, then", "see [link], then"),
        ("see http://example.com.", "see [link]."),
        ("see www.example.de for it", "see [link] for it"),
        ("see example.com/reports/q3 now", "see [link] now"),
        ("call +49 30 1234567 now", "call [phone] now"),
        ("call (030) 123-4567 now", "call [phone] now"),
        ("call 0171-2345678 now", "call [phone] now"),
        ("call 030/1234567 now", "call [phone] now"),
        ("call 555.123.4567 now", "call [phone] now"),
        ("call +1 (555) 123-4567 now", "call [phone] now"),
        ("call 0049 171 2345678 now", "call [phone] now"),
    ],
)
def test_emails_links_and_phone_numbers_are_removed(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Automated 3 reports with Zapier and saved 5 hours a week",
        "From 2025-2026 our team used pivot tables in Excel",
        "Since 2026-11-21 I prompt ChatGPT for first drafts, 10 000 words so far",
        "Posted on LinkedIn weekly: 12 posts, 1,200 views",
        "Learned to question an AI's answer before I trust it (on 21.11.2026)",
        "Built a Python script for zapier.com and Power BI dashboards",
    ],
)
def test_skills_tools_dates_and_figures_stay(text: str) -> None:
    assert clean(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script> & more", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"),
        ("&lt;!channel&gt; sneaky", "&amp;lt;!channel&amp;gt; sneaky"),
        ("< @U0123ABCD > spaced", "&lt; [name] &gt; spaced"),
        ("line one\nline two\r\n> quoted", "line one line two &gt; quoted"),
        ("tab\there\x00and\x07bells", "tab here and bells"),
    ],
)
def test_what_remains_cannot_inject_mrkdwn_and_stays_on_one_line(text: str, expected: str) -> None:
    assert clean(text) == expected


def test_nothing_that_was_typed_can_ping_or_link_after_anonymising() -> None:
    hostile = (
        "<!channel> <@U1> <#C1> <https://x.io|x> jonas@x.io +44 20 7946 0958 Jonas J0NAS"
        " <<@U2>> <<!here>> @everyone www.x.io \uff1c!channel\uff1e"
    )
    result = clean(hostile)
    for forbidden in ("<", ">", "@", "jonas", "J0NAS", "x.io", "7946", "channel>"):
        assert forbidden.lower() not in result.lower()


def test_a_text_without_anything_personal_comes_back_unchanged() -> None:
    text = "My mentor showed me how to write a prompt that cites its sources"
    assert anonymise(text, frozenset()) == text


def test_a_name_that_is_also_a_word_is_removed_privacy_first() -> None:
    names = name_forms(["Will Smith"])
    assert anonymise("I will automate it", names) == "I [name] automate it"
