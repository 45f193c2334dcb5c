"""Escaping of text that came from a person before the bot shows it to others."""


def escape(text: str) -> str:
    """Escape `&`, `<` and `>` so mentions, channel pings and links cannot be smuggled in."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
