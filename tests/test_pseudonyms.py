"""Pseudonyms: stable for a person under one secret, different across people, workspaces and
secrets, and never shaped like a Slack ID."""

from bot.pseudonyms import Pseudonyms, is_pseudonym

SECRET = b"s" * 32


def test_a_person_always_gets_the_same_pseudonym_and_nobody_else_gets_it() -> None:
    pseudonyms = Pseudonyms(SECRET)
    maria = pseudonyms.of("T1", "U0MARIA")

    assert maria == Pseudonyms(SECRET).of("T1", "U0MARIA")
    assert maria != pseudonyms.of("T1", "U0JONAS")
    assert maria != pseudonyms.of("T2", "U0MARIA")
    assert maria != Pseudonyms(b"t" * 32).of("T1", "U0MARIA")


def test_a_pseudonym_fits_a_user_id_column_and_is_told_from_slack_ids() -> None:
    pseudonym = Pseudonyms(SECRET).of("T1", "U0MARIA")

    assert len(pseudonym) == 32 and "U0MARIA" not in pseudonym
    assert is_pseudonym(pseudonym)
    assert not is_pseudonym("U0MARIA") and not is_pseudonym("W0123456789ABCDEF")
    assert "s" * 32 not in repr(Pseudonyms(SECRET))
