"""The erasure's part of the message catalogue (merged into `bot.messages.MESSAGES`): the third
button of the leave question, its confirmation dialog, and what the person reads afterwards."""

ERASURE_MESSAGES: dict[str, dict[str, str]] = {
    "leave.erase": {"en": "Leave and delete my data", "de": "Verlassen und Daten löschen"},
    # The confirm dialog Slack shows on the button (title 100, text 300, buttons 30 characters)
    "erase.confirm.title": {"en": "Delete your data?", "de": "Deine Daten löschen?"},
    "erase.confirm.text": {
        "en": "You leave the program, and I delete your survey answers, what you wrote in your"
        " reflections and your wins not yet posted, and remove your name from your pairs and"
        " check-ins. Posted wins stay without your name; counts stay anonymous. This cannot be"
        " undone.",
        "de": "Du verlässt das Programm. Ich lösche deine Umfrageantworten, deine Texte in den"
        " Reflexionen und nicht gepostete Erfolge und entferne deinen Namen aus Tandems und"
        " Check-ins. Gepostete Erfolge bleiben ohne Namen, Zahlen anonym. Das lässt sich nicht"
        " rückgängig machen.",
    },
    "erase.offer": {
        "en": "You're not taking part at the moment, but I still keep what you answered and wrote"
        " while you did. Would you like me to delete it?",
        "de": "Du nimmst gerade nicht teil, aber ich bewahre noch auf, was du damals beantwortet"
        " und geschrieben hast. Soll ich es löschen?",
    },
    "erase.offer_button": {"en": "Delete my data", "de": "Meine Daten löschen"},
    "erase.confirm.yes": {"en": "Delete my data", "de": "Daten löschen"},
    "erase.confirm.no": {"en": "Cancel", "de": "Abbrechen"},
    "erase.done": {
        "en": "You've left the program and your data is deleted: your survey answers, your"
        " reflections' texts and your wins not yet posted are gone, and your name is no longer"
        " kept with your pairs and check-ins. Thank you for taking part! `/mentoring join` brings"
        " you back any time, as a newcomer.",
        "de": "Du hast das Programm verlassen und deine Daten sind gelöscht: Umfrageantworten,"
        " die Texte deiner Reflexionen und nicht gepostete Erfolge sind weg, und dein Name ist"
        " nicht mehr bei deinen Tandems und Check-ins gespeichert. Danke fürs Mitmachen! Mit"
        " `/mentoring join` kommst du jederzeit zurück, wie neu.",
    },
}
