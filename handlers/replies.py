"""Answering a person privately in the conversation where they pressed a button."""

from slack_bolt import Respond


def ephemeral(respond: Respond, text: str) -> None:
    """A note only the presser sees, below the message they pressed (which stays as it is)."""
    respond(text=text, response_type="ephemeral", replace_original=False)
