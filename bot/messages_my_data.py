"""The personal-data part of the message catalogue (merged into `bot.messages.MESSAGES`):
`/mentoring my-data` and the cohort's retention setting."""

MY_DATA_MESSAGES: dict[str, dict[str, str]] = {
    # /mentoring my-data
    "my_data.on_its_way": {
        "en": "On its way: in a moment you'll find a file with everything I store about you in"
        " this workspace in our DM.",
        "de": "Ist unterwegs: Gleich findest du in unserer Direktnachricht eine Datei mit allem,"
        " was ich in diesem Workspace über dich speichere.",
    },
    "my_data.nothing": {
        "en": "I don't store anything about you in this workspace: you haven't joined the"
        " program here. `/mentoring join` signs you up.",
        "de": "Ich speichere in diesem Workspace nichts über dich: Du bist hier nicht im Programm."
        " Mit `/mentoring join` meldest du dich an.",
    },
    "my_data.failed": {
        "en": "Sorry, Slack wouldn't let me send you the file with your data just now. Please try"
        " `/mentoring my-data` again in a few minutes; if it keeps failing, your program lead"
        " can help.",
        "de": "Entschuldige, Slack hat mich die Datei mit deinen Daten gerade nicht schicken"
        " lassen. Bitte versuch `/mentoring my-data` in ein paar Minuten noch einmal; klappt es"
        " weiter nicht, hilft dir deine Programmleitung.",
    },
    "my_data.file_title": {
        "en": "My reverse-mentoring data",
        "de": "Meine Reverse-Mentoring-Daten",
    },
    "my_data.file_comment": {
        "en": "Here is everything I store about you in this workspace: your participations and"
        " profile, your do-not-pair list, your pairs (your partner by display name only), your"
        " check-ins, your reflections and your shared wins. Nobody else's words are in it.",
        "de": "Hier ist alles, was ich in diesem Workspace über dich speichere: deine Teilnahmen"
        " und dein Profil, deine Nicht-zusammen-Liste, deine Tandems (dein Gegenüber nur mit"
        " Anzeigenamen), deine Check-ins, deine Reflexionen und deine geteilten Erfolge. Worte"
        " anderer sind nicht darin.",
    },
    "my_data.file_about": {
        "en": "Everything the reverse-mentoring bot stores about you in this workspace. Times are"
        " in UTC; reflections and wins are deleted as the cohort's retention period says.",
        "de": "Alles, was der Reverse-Mentoring-Bot in diesem Workspace über dich speichert."
        " Zeiten sind in UTC; Reflexionen und Erfolge werden nach der Aufbewahrungsfrist der"
        " Kohorte gelöscht.",
    },
    # The cohort's retention setting
    "cohort.show_retention": {
        "en": "• `retention` (reflections and wins are deleted this long after the cohort ends):"
        " {months} month(s)",
        "de": "• `retention` (so lange nach dem Ende der Kohorte werden Reflexionen und Erfolge"
        " gelöscht): {months} Monat(e)",
    },
    "cohort.bad_retention": {
        "en": "The retention is a whole number of months from 1 to 120.",
        "de": "Die Aufbewahrung ist eine ganze Zahl von Monaten zwischen 1 und 120.",
    },
    "cohort_modal.retention": {
        "en": "Keep reflections and wins (months)",
        "de": "Reflexionen und Erfolge aufbewahren (Monate)",
    },
    "cohort_modal.retention_hint": {
        "en": "1 to 120. This many months after the cohort ends, its reflections and wins are"
        " deleted.",
        "de": "1 bis 120. So viele Monate nach dem Ende der Kohorte werden ihre Reflexionen und"
        " Erfolge gelöscht.",
    },
}
