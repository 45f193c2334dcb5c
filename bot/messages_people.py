"""The part of the message catalogue (merged into `bot.messages.MESSAGES`) about who may take
part: the refusal a guest or bot account gets, and the leads' note when Slack takes someone out."""

PEOPLE_MESSAGES: dict[str, dict[str, str]] = {
    "join.not_a_colleague": {
        "en": "Thanks for your interest! The mentoring program is for full members of this"
        " workspace, so guest and bot accounts can't join. If that seems wrong, please ask your"
        " program lead.",
        "de": "Danke für dein Interesse! Das Mentoring-Programm ist für Vollmitglieder dieses"
        " Workspaces, daher können Gast- und Bot-Konten nicht teilnehmen. Wenn dir das falsch"
        " vorkommt, wende dich bitte an deine Programmleitung.",
    },
    "lead.removed_no_pair": {
        "en": "<@{person}> was deactivated in Slack (or is now a guest or bot account) and is no longer in"
        " *{cohort}*. They had no pair, so nobody else is affected.",
        "de": "<@{person}> wurde in Slack deaktiviert (oder ist jetzt ein Gast- oder Bot-Konto) und ist nicht mehr in"
        " *{cohort}*. Die Person hatte kein Tandem, daher ist sonst niemand betroffen.",
    },
}
