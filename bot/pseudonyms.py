"""Keyed pseudonyms of people: what the bot keeps of someone who asked to be erased, so that pair
history and do-not-pair entries still hold if they rejoin, while nobody without the server's
secret can tell whom a pseudonym stands for (pure)."""

import hashlib
import hmac
import re

PREFIX = "p"
_PSEUDONYM = re.compile(r"p[0-9a-f]{31}")


class Pseudonyms:
    """HMAC-SHA256 of workspace and user under a server secret, as 32 characters (a Slack user
    ID's column); lower-case hex after a "p", so never mistaken for a Slack ID."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("a pseudonym secret needs at least 16 bytes")
        self._secret = secret

    def of(self, team_id: str, user_id: str) -> str:
        """The person's pseudonym in that workspace; the same for the same secret, always."""
        digest = hmac.new(self._secret, f"{team_id}:{user_id}".encode(), hashlib.sha256)
        return PREFIX + digest.hexdigest()[:31]

    def __repr__(self) -> str:  # the secret never reaches a log line
        return "Pseudonyms(secret='***')"


def is_pseudonym(value: str) -> bool:
    """Whether a stored user ID is an erased person's pseudonym."""
    return _PSEUDONYM.fullmatch(value) is not None
