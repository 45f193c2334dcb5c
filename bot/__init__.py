"""The reverse-mentoring Slack bot: composition root and pure domain modules."""
