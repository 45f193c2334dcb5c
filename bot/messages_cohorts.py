"""The cohort administration part of the message catalogue (merged into `bot.messages.MESSAGES`):
the leads' cohort modal, opening and closing joining, and joining while it is closed."""

COHORT_MESSAGES: dict[str, dict[str, str]] = {
    # The cohort modal
    "cohort_modal.title_new": {"en": "New cohort", "de": "Neue Kohorte"},
    "cohort_modal.title_edit": {"en": "Cohort settings", "de": "Kohorte bearbeiten"},
    "cohort_modal.create": {"en": "Create", "de": "Anlegen"},
    "cohort_modal.name": {"en": "Name", "de": "Name"},
    "cohort_modal.name_hint": {
        "en": "Everyone in the cohort sees it, e.g. Spring 2027.",
        "de": "Alle in der Kohorte sehen ihn, z. B. Frühjahr 2027.",
    },
    "cohort_modal.starts": {"en": "Starts on", "de": "Beginnt am"},
    "cohort_modal.ends": {"en": "Ends on", "de": "Endet am"},
    "cohort_modal.ends_hint": {
        "en": "After the start. Active pairs are completed then.",
        "de": "Nach dem Beginn. Aktive Tandems werden dann abgeschlossen.",
    },
    "cohort_modal.cadence": {"en": "Check-ins", "de": "Check-ins"},
    "cohort_modal.capacity": {"en": "Mentees per mentor", "de": "Mentees pro Mentor:in"},
    "cohort_modal.capacity_hint": {"en": "1 to 3.", "de": "1 bis 3."},
    "cohort_modal.timezone": {"en": "Timezone", "de": "Zeitzone"},
    "cohort_modal.timezone_hint": {
        "en": "An IANA name such as Europe/Berlin or America/New_York; the wins posts follow it.",
        "de": "Ein IANA-Name wie Europe/Berlin oder America/New_York; danach richten sich die"
        " Erfolgs-Posts.",
    },
    "cohort_modal.channel": {"en": "Wins channel", "de": "Kanal für Erfolge"},
    "cohort_modal.channel_hint": {
        "en": "A public channel for the anonymous wins posts. Without one nothing is posted.",
        "de": "Ein öffentlicher Kanal für die anonymen Erfolgs-Posts. Ohne Kanal wird nichts"
        " gepostet.",
    },
    "cohort_modal.wins": {"en": "Shared wins", "de": "Geteilte Erfolge"},
    "cohort_modal.wins_review": {
        "en": "A lead reviews each win before it is posted",
        "de": "Die Leitung prüft jeden Erfolg vor dem Posten",
    },
    "cohort_modal.wins_auto": {
        "en": "Post without review (leads can still edit or drop)",
        "de": "Ohne Prüfung posten (die Leitung kann noch ändern)",
    },
    "cohort_modal.k": {
        "en": "Fewest contributors per wins post (k)",
        "de": "Mindestzahl Beitragender pro Erfolgs-Post (k)",
    },
    "cohort_modal.k_hint": {
        "en": "2 to 20. No post goes out with wins from fewer people, so nobody stands out.",
        "de": "2 bis 20. Kein Post geht mit Erfolgen von weniger Personen hinaus, damit niemand"
        " erkennbar wird.",
    },
    "cohort_modal.joining": {"en": "Joining", "de": "Teilnahme"},
    "cohort_modal.joining_open": {"en": "Open for joining", "de": "Offen für Anmeldungen"},
    "cohort_modal.joining_hint": {
        "en": "People join the open cohort with /mentoring join. At most one cohort is open.",
        "de": "Man tritt der offenen Kohorte mit /mentoring join bei. Höchstens eine Kohorte ist"
        " offen.",
    },
    "cohort_modal.joining_hint_other": {
        "en": "People join the open cohort with /mentoring join. Opening this one closes joining"
        " for {cohort}.",
        "de": "Man tritt der offenen Kohorte mit /mentoring join bei. Öffnest du diese, schließt"
        " die Anmeldung für {cohort}.",
    },
    "cohort_modal.topics": {
        "en": "*Topic catalogue* ({count}, shared by the program's cohorts): {names}\nChange it"
        " with `/mentoring topics`.",
        "de": "*Themenkatalog* ({count}, für alle Kohorten des Programms): {names}\nÄndern mit"
        " `/mentoring topics`.",
    },
    "cohort_modal.retry": {
        "en": "I couldn't open the cohort form just now. Please try again in a moment.",
        "de": "Ich konnte das Formular der Kohorte gerade nicht öffnen. Bitte versuch es gleich"
        " noch einmal.",
    },
    "cohort_modal.gone": {
        "en": "I can't find that cohort in this workspace, so nothing was saved.",
        "de": "Diese Kohorte finde ich in diesem Workspace nicht, daher wurde nichts gespeichert.",
    },
    # /mentoring cohort open|close and the settings' joining line
    "cohort.joining_is_open": {
        "en": "• joining: open (`/mentoring cohort close` closes it)",
        "de": "• Anmeldung: offen (`/mentoring cohort close` schließt sie)",
    },
    "cohort.joining_is_closed": {
        "en": "• joining: closed (`/mentoring cohort open` opens it)",
        "de": "• Anmeldung: geschlossen (`/mentoring cohort open` öffnet sie)",
    },
    "cohort.open_done": {
        "en": "Joining *{cohort}* is open: people join it with `/mentoring join`.",
        "de": "Die Anmeldung für *{cohort}* ist offen: man tritt mit `/mentoring join` bei.",
    },
    "cohort.open_already": {
        "en": "Joining *{cohort}* is already open.",
        "de": "Die Anmeldung für *{cohort}* ist schon offen.",
    },
    "cohort.close_done": {
        "en": "Joining *{cohort}* is closed. Its people carry on as before, and your lead"
        " commands still act on it; `/mentoring cohort open` opens it again.",
        "de": "Die Anmeldung für *{cohort}* ist geschlossen. Wer dabei ist, macht weiter wie"
        " bisher, und deine Leitungsbefehle gelten weiter für sie; `/mentoring cohort open`"
        " öffnet sie wieder.",
    },
    "cohort.close_already": {
        "en": "Joining *{cohort}* is already closed.",
        "de": "Die Anmeldung für *{cohort}* ist schon geschlossen.",
    },
    # Joining while no cohort is open
    "join.closed": {
        "en": "Thanks for your interest! Joining is closed right now, so I haven't signed you up."
        " Your program lead will announce when the next cohort opens.",
        "de": "Danke für dein Interesse! Die Anmeldung ist gerade geschlossen, daher habe ich dich"
        " nicht eingetragen. Deine Programmleitung kündigt an, wann die nächste Kohorte startet.",
    },
}
