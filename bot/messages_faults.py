"""What people are told when Slack fails a call made for them (merged into
`bot.messages.MESSAGES`): try again, or what reaches them instead."""

FAULT_MESSAGES: dict[str, dict[str, str]] = {
    "leads.check_failed": {
        "en": "I couldn't check with Slack whether <@{user}> can be a program lead ({error})."
        " Please try again in a minute.",
        "de": "Ich konnte bei Slack nicht prüfen, ob <@{user}> zur Programmleitung gehören kann"
        " ({error}). Bitte versuch es in einer Minute noch einmal.",
    },
    "digest.scheduled_failed": {
        "en": "The scheduled digest of *{cohort}* didn't reach you (Slack said `{error}`). Type"
        " `/mentoring digest` and the cohort's name to get it now.",
        "de": "Der geplante Digest für *{cohort}* hat dich nicht erreicht (Slack meldete"
        " `{error}`). Tippe `/mentoring digest` und den Namen der Kohorte, um ihn jetzt zu"
        " bekommen.",
    },
    "roster.cli.slack_unavailable": {
        "en": "Slack could not answer {method} just now ({error}); nothing was imported. Try"
        " again in a few minutes.",
        "de": "Slack konnte {method} gerade nicht beantworten ({error}); nichts wurde"
        " importiert. Versuch es in ein paar Minuten noch einmal.",
    },
}
