"""The offline demo: a small workspace plays through the bot against the local Slack stand-in."""
