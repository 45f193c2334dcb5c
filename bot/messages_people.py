"""The part of the message catalogue (merged into `bot.messages.MESSAGES`) about who may take
part: the refusal a guest or bot account gets."""

PEOPLE_MESSAGES: dict[str, dict[str, str]] = {
    "join.not_a_colleague": {
        "en": "Thanks for your interest! The mentoring program is for full members of this"
        " workspace, so guest and bot accounts can't join. If that seems wrong, please ask your"
        " program lead.",
        "de": "Danke für dein Interesse! Das Mentoring-Programm ist für Vollmitglieder dieses"
        " Workspaces, daher können Gast- und Bot-Konten nicht teilnehmen. Wenn dir das falsch"
        " vorkommt, wende dich bitte an deine Programmleitung.",
    },
}
