"""Escaping of text that came from a person before the bot shows it to others, and Slack's
date tokens."""

from datetime import UTC, datetime


def escape(text: str) -> str:
    """Escape `&`, `<` and `>` so mentions, channel pings and links cannot be smuggled in."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_time(moment: datetime) -> str:
    """A date token Slack renders in each reader's own zone and language ("Thursday, Dec 3
    at 3:30 PM"); the fallback, for clients that cannot, is the UTC time."""
    fallback = moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{{date_long_pretty}} {{time}}|{fallback}>"
