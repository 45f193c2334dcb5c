"""Anonymisation of a win before anyone else may read it (pure).

Removes Slack mentions and pings, channel links, links, email addresses, phone numbers, @handles
and the names of the cohort's people (every part of their display and real names, in any case,
with or without accents, German umlaut spellings, possessives, homoglyphs, digits for letters,
and letters spaced out), then escapes what is left for mrkdwn. Skills and tools ("Zapier",
"pivot tables") stay, so what remains still reads as a win. A person called "Will" costs the
word "will": with names, privacy comes first.
"""

import re
import unicodedata
from collections.abc import Iterable
from typing import Final

from bot.mrkdwn import escape

NAME: Final = "[name]"
LINK: Final = "[link]"
EMAIL: Final = "[email]"
PHONE: Final = "[phone]"
CHANNEL: Final = "[channel]"

_PLACEHOLDERS = frozenset({NAME, LINK, EMAIL, PHONE, CHANNEL})
_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "della", "den", "der", "di", "du", "el", "la", "le"}
    | {"ten", "ter", "van", "von", "zu", "zum", "zur"}
)
_MIN_NAME_PART = 2
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe"})
_LOOKALIKES = str.maketrans(  # Cyrillic and Greek letters that look Latin
    dict(zip("асеёіјорѕхумнвαβεικμνοπρτυχ", "aceeijopsxymhbabeikmvoptuyx", strict=True))
)
_DIGITS_AS_LETTERS = str.maketrans("013457@$", "oieastas")

_SLACK_TOKEN = re.compile(r"<([^<>\s][^<>]*)>")
_EMAIL = re.compile(
    r"[\w.+%-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\w-]+)*"
    r"\s*(?:\.|\(dot\)|\[dot\])\s*[a-z]{2,}\b",
    re.IGNORECASE,
)
_URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*", re.IGNORECASE
)
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?(?:\(\d+\)|\d+)(?:[\s.\-/]?(?:\(\d+\)|\d+))+(?!\w)")
_NOT_PHONE = re.compile(
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|(?:19|20)\d\d\s*[-/]\s*(?:19|20)\d\d"
)
_HANDLE = re.compile(r"(?<![\w@])@[\w.\-]+")
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]*)?")
_SPACED = re.compile(r"(?<![^\W_])(?:[^\W\d_][\s.\-_*]){2,}[^\W\d_](?![^\W_])")
_REPEATED = re.compile(r"(\[(?:name|link|email|phone|channel)\])(?:[\s\-,&+/]+\1)+")
_TRAILING = ".,;:!?)]}'\""


def name_forms(names: Iterable[str]) -> frozenset[str]:
    """The folded forms of every part of the given names (display, real, first and last names),
    plus hyphenated names written together; particles and single letters are left out."""
    forms: set[str] = set()
    for name in names:
        for word in re.split(r"[\s.,_@/()]+", name):
            parts = [p for p in re.split(r"[-\u2010'\u2019]", word) if p]
            if len(parts) > 1:
                forms.update(_folds("".join(parts)))
            for part in parts:
                forms.update(f for f in _folds(part) if _is_name_part(f))
            forms.update(f for f in _folds(word) if _is_name_part(f))
    return frozenset(forms)


def _is_name_part(folded: str) -> bool:
    return len(folded) >= _MIN_NAME_PART and folded not in _PARTICLES and folded.isalpha()


def _folds(word: str) -> set[str]:
    """`word` without case, apostrophes, look-alike letters and accents; umlauts both ways."""
    word = unicodedata.normalize("NFKC", word).casefold().translate(_LOOKALIKES)
    if any(c.isdigit() for c in word) and any(c.isalpha() for c in word):
        word = word.translate(_DIGITS_AS_LETTERS)
    word = word.replace("'", "").replace("\u2019", "")
    return {_strip_accents(word), _strip_accents(word.translate(_GERMAN))}


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def anonymise(text: str, names: frozenset[str]) -> str:
    """The text with everything that could identify someone replaced, on one line, escaped for
    mrkdwn. `names` comes from `name_forms`."""
    text = _normalise(text)
    text = _SLACK_TOKEN.sub(_slack_token, text)
    text = _EMAIL.sub(EMAIL, text)
    text = _URL.sub(_url, text)
    text = _PHONE.sub(_phone, text)
    text = _HANDLE.sub(NAME, text)
    text = _SPACED.sub(lambda m: NAME if _is_name(re.sub(r"\W", "", m[0]), names) else m[0], text)
    text = _WORD.sub(lambda m: m[0] if _placeholder(m) or not _is_name(m[0], names) else NAME, text)
    text = _REPEATED.sub(r"\1", text)
    return escape(" ".join(text.split()))


def _normalise(text: str) -> str:
    """NFKC, without invisible format characters; control characters and line breaks become
    spaces."""
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        kept.append(" " if category in ("Cc", "Zl", "Zp") else char)
    return "".join(kept)


def _slack_token(match: re.Match[str]) -> str:
    """Slack's own markup: user and group mentions, pings, channels, links, dates."""
    inner = match[1]
    if inner.startswith(("@", "!subteam")):
        return NAME
    if inner.startswith("#"):
        return CHANNEL
    if inner.startswith("!"):
        return ""
    if inner.lower().startswith("mailto:"):
        return EMAIL
    if re.match(r"[a-z][a-z0-9+.-]*:", inner, re.IGNORECASE):
        return LINK
    return match[0]


def _url(match: re.Match[str]) -> str:
    url = match[0]
    kept = url.rstrip(_TRAILING)
    return LINK + url[len(kept) :]


def _phone(match: re.Match[str]) -> str:
    candidate = match[0].rstrip(" ")
    digits = sum(c.isdigit() for c in candidate)
    if not 7 <= digits <= 15 or _NOT_PHONE.fullmatch(candidate.strip("()")):
        return match[0]
    return PHONE + match[0][len(candidate) :]


def _placeholder(match: re.Match[str]) -> bool:
    """The word inside one of our own placeholders, such as "[link]"."""
    start, end = match.span()
    return f"[{match[0]}]" in _PLACEHOLDERS and match.string[start - 1 : end + 1] == f"[{match[0]}]"


def _is_name(word: str, names: frozenset[str]) -> bool:
    """Whether a word of the text is one of the names, also as a possessive (Jonas's, Jonas',
    Annas)."""
    for form in _folds(word):
        candidates = {form}
        if form.endswith("s"):
            candidates.add(form[:-1])
        if any(candidate in names for candidate in candidates):
            return True
    return False
