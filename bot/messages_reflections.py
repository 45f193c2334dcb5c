"""The reflections and wins part of the message catalogue (merged into `bot.messages.MESSAGES`):
the reflection modal and prompts, `/mentoring reflections`, the leads' wins queue and the
cohort's wins post."""

REFLECTION_MESSAGES: dict[str, dict[str, str]] = {
    # The reflection modal
    "reflection.title": {"en": "Your reflection", "de": "Deine Reflexion"},
    "reflection.save": {"en": "Save", "de": "Speichern"},
    "reflection.later": {"en": "Later", "de": "Später"},
    "reflection.intro": {
        "en": "Check-in {number} with <@{partner}>. :lock: Only you will ever read this; not your"
        " partner, not the program leads.",
        "de": "Check-in {number} mit <@{partner}>. :lock: Nur du wirst das je lesen; weder dein"
        " Gegenüber noch die Programmleitung.",
    },
    "reflection.learned.label": {
        "en": "What did you learn or teach?",
        "de": "Was hast du gelernt oder vermittelt?",
    },
    "reflection.learned.hint": {
        "en": "A sentence or two, at most 500 characters. Private.",
        "de": "Ein, zwei Sätze, höchstens 500 Zeichen. Privat.",
    },
    "reflection.progress.label": {
        "en": "Progress towards your goal",
        "de": "Fortschritt bei deinem Ziel",
    },
    "reflection.progress.hint": {
        "en": "1: not started, 5: reached.",
        "de": "1: noch nicht begonnen, 5: erreicht.",
    },
    "reflection.confidence.label": {
        "en": "How confident do you feel now in {topic}?",
        "de": "Wie sicher fühlst du dich jetzt in {topic}?",
    },
    "reflection.confidence.label_any": {
        "en": "How confident do you feel now in this session's topic?",
        "de": "Wie sicher fühlst du dich jetzt im Thema dieser Sitzung?",
    },
    "reflection.confidence.hint": {
        "en": "1: not at all, 5: very.",
        "de": "1: gar nicht, 5: sehr.",
    },
    "reflection.win.label": {
        "en": "A win you might share (optional)",
        "de": "Ein Erfolg zum Teilen (optional)",
    },
    "reflection.win.hint": {
        "en": "Kept apart from your reflection, and shared only if you tick the box below: then"
        " anonymised (names, mentions, links, emails and phone numbers removed).",
        "de": "Getrennt von deiner Reflexion, und nur geteilt, wenn du unten das Häkchen setzt:"
        " dann anonymisiert (Namen, Erwähnungen, Links, E-Mails und Telefonnummern entfernt).",
    },
    "reflection.share.label": {"en": "Sharing", "de": "Teilen"},
    "reflection.share.option": {
        "en": "Share this as an anonymous win with the cohort",
        "de": "Als anonymen Erfolg mit der Kohorte teilen",
    },
    "reflection.error.learned": {
        "en": "Write a sentence about what you learned or taught.",
        "de": "Schreib einen Satz darüber, was du gelernt oder vermittelt hast.",
    },
    "reflection.error.too_long": {
        "en": "At most 500 characters, please.",
        "de": "Bitte höchstens 500 Zeichen.",
    },
    "reflection.error.score": {
        "en": "Pick a number from 1 to 5.",
        "de": "Wähle eine Zahl von 1 bis 5.",
    },
    "reflection.error.win": {
        "en": "Write the win you want to share, or untick sharing.",
        "de": "Schreib den Erfolg, den du teilen möchtest, oder nimm das Häkchen weg.",
    },
    "reflection.saved": {
        "en": ":white_check_mark: Saved. Only you can read it: `/mentoring reflections` lists"
        " yours.",
        "de": ":white_check_mark: Gespeichert. Nur du kannst es lesen: `/mentoring reflections`"
        " zeigt deine Reflexionen.",
    },
    "reflection.saved_win_review": {
        "en": "Your win, as the cohort may read it once a program lead has reviewed it:\n>{text}\n"
        "You can withdraw it until it is posted, with `/mentoring reflections`.",
        "de": "Dein Erfolg, wie die Kohorte ihn nach Prüfung durch die Programmleitung lesen"
        " kann:\n>{text}\nBis er gepostet ist, kannst du ihn mit `/mentoring reflections`"
        " zurückziehen.",
    },
    "reflection.saved_win_auto": {
        "en": "Your win, as the cohort will read it in the next wins post:\n>{text}\n"
        "You can withdraw it until it is posted, with `/mentoring reflections`.",
        "de": "Dein Erfolg, wie die Kohorte ihn im nächsten Erfolgs-Post lesen wird:\n>{text}\n"
        "Bis er gepostet ist, kannst du ihn mit `/mentoring reflections` zurückziehen.",
    },
    "reflection.already": {
        "en": "You have written this reflection already. `/mentoring reflections` shows it.",
        "de": "Diese Reflexion hast du schon geschrieben. `/mentoring reflections` zeigt sie.",
    },
    "reflection.gone": {
        "en": "I can't find this reflection any more.",
        "de": "Diese Reflexion finde ich nicht mehr.",
    },
    "reflection.open_failed": {
        "en": "I couldn't open the reflection just now. I've sent you a DM with a button to try"
        " again.",
        "de": "Ich konnte die Reflexion gerade nicht öffnen. Per Direktnachricht hast du einen"
        " Button, um es noch einmal zu versuchen.",
    },
    "reflection.retry": {
        "en": "I couldn't open the reflection just now. Please press the button again in a moment.",
        "de": "Ich konnte die Reflexion gerade nicht öffnen. Bitte drück den Button gleich noch"
        " einmal.",
    },
    "reflection.prompt": {
        "en": "You and <@{partner}> met for check-in {number}. A minute to note what you learned?"
        " Only you will read it.",
        "de": "Du und <@{partner}> habt euch zu Check-in {number} getroffen. Eine Minute, um"
        " festzuhalten, was du gelernt hast? Nur du wirst es lesen.",
    },
    "reflection.reminder": {
        "en": "Two days ago you and <@{partner}> held check-in {number}. Still a minute for your"
        " reflection? Only you will read it.",
        "de": "Vor zwei Tagen hattet du und <@{partner}> Check-in {number}. Noch eine Minute für"
        " deine Reflexion? Nur du wirst sie lesen.",
    },
    "reflection.button": {"en": "Reflect", "de": "Reflektieren"},
    # /mentoring reflections
    "reflections.heading": {
        "en": "*Your reflections* (only you can see them)",
        "de": "*Deine Reflexionen* (nur du siehst sie)",
    },
    "reflections.none": {
        "en": "You have no reflections yet. After a check-in, press *We met* and I'll ask you.",
        "de": "Du hast noch keine Reflexionen. Drück nach einem Check-in auf *Wir haben uns"
        " getroffen*, dann frage ich dich.",
    },
    "reflections.entry": {
        "en": "*Check-in {number}*, {date}: progress {progress}/5, confidence {confidence}/5\n"
        "{learned}",
        "de": "*Check-in {number}*, {date}: Fortschritt {progress}/5, Sicherheit"
        " {confidence}/5\n{learned}",
    },
    "reflections.pending": {
        "en": "*Check-in {number}*, {date}: not written yet",
        "de": "*Check-in {number}*, {date}: noch nicht geschrieben",
    },
    "reflections.win": {
        "en": "Shared win ({state}): {text}",
        "de": "Geteilter Erfolg ({state}): {text}",
    },
    "reflections.private_win": {
        "en": "Win (not shared): {text}",
        "de": "Erfolg (nicht geteilt): {text}",
    },
    "reflections.more": {
        "en": "Showing your {shown} most recent.",
        "de": "Zu sehen sind deine {shown} neuesten.",
    },
    "reflections.withdraw": {"en": "Withdraw win", "de": "Erfolg zurückziehen"},
    "reflections.withdrawn": {
        "en": "Withdrawn: your win will not be posted.",
        "de": "Zurückgezogen: dein Erfolg wird nicht gepostet.",
    },
    "reflections.too_late": {
        "en": "This win is posted (or on its way) and can no longer be withdrawn.",
        "de": "Dieser Erfolg ist gepostet (oder unterwegs) und kann nicht mehr zurückgezogen"
        " werden.",
    },
    "win_state.review": {"en": "waiting for review", "de": "wartet auf Prüfung"},
    "win_state.approved": {"en": "goes out with the next post", "de": "kommt in den nächsten Post"},
    "win_state.posting": {"en": "being posted", "de": "wird gepostet"},
    "win_state.posted": {"en": "posted", "de": "gepostet"},
    "win_state.withdrawn": {"en": "withdrawn", "de": "zurückgezogen"},
    "win_state.dropped": {"en": "not posted", "de": "nicht gepostet"},
    # The leads' wins queue
    "wins.queue_heading": {
        "en": "*Shared wins not yet posted* ({total}). You see them anonymised, as the cohort"
        " will.",
        "de": "*Geteilte Erfolge, noch nicht gepostet* ({total}). Du siehst sie anonymisiert, so"
        " wie die Kohorte.",
    },
    "wins.queue_empty": {
        "en": "No shared wins are waiting.",
        "de": "Es warten keine geteilten Erfolge.",
    },
    "wins.queue_more": {
        "en": "…and {more} more after these.",
        "de": "…und {more} weitere danach.",
    },
    "wins.entry": {"en": "_{state}_\n>{text}", "de": "_{state}_\n>{text}"},
    "wins.approve": {"en": "Approve", "de": "Freigeben"},
    "wins.edit": {"en": "Edit", "de": "Bearbeiten"},
    "wins.drop": {"en": "Drop", "de": "Verwerfen"},
    "wins.gone": {
        "en": "That win was posted or withdrawn meanwhile.",
        "de": "Dieser Erfolg wurde inzwischen gepostet oder zurückgezogen.",
    },
    "wins.edit_title": {"en": "Edit win", "de": "Erfolg bearbeiten"},
    "wins.edit_label": {
        "en": "The win as the cohort will read it",
        "de": "Der Erfolg, wie die Kohorte ihn liest",
    },
    "wins.edit_hint": {
        "en": "Saving approves it. Names, mentions, links, emails and phone numbers are removed"
        " again when you save.",
        "de": "Speichern gibt ihn frei. Namen, Erwähnungen, Links, E-Mails und Telefonnummern"
        " werden beim Speichern erneut entfernt.",
    },
    "wins.edited": {
        "en": "Saved and approved. The cohort will read:\n>{text}",
        "de": "Gespeichert und freigegeben. Die Kohorte liest:\n>{text}",
    },
    "wins.edit_empty": {
        "en": "Write the win, or drop it instead.",
        "de": "Schreib den Erfolg, oder verwirf ihn stattdessen.",
    },
    # Notes to leads about wins
    "lead.wins_waiting": {
        "en": "{count} shared win(s) of *{cohort}* wait for your review: `/mentoring wins`."
        " Approved wins go out with the next post.",
        "de": "{count} geteilte(r) Erfolg(e) von *{cohort}* warten auf deine Prüfung:"
        " `/mentoring wins`. Freigegebene Erfolge kommen in den nächsten Post.",
    },
    "lead.wins_no_channel": {
        "en": "It's time for *{cohort}*'s wins post, but the cohort has no wins channel. Choose"
        " one with `/mentoring cohort set wins-channel #channel`; the wins wait until then.",
        "de": "Es ist Zeit für den Erfolgs-Post von *{cohort}*, aber die Kohorte hat keinen"
        " Kanal dafür. Wähle einen mit `/mentoring cohort set wins-channel #kanal`; bis dahin"
        " warten die Erfolge.",
    },
    "lead.wins_failed": {
        "en": "I couldn't post *{cohort}*'s wins to <#{channel}> (`{error}`). Invite me there"
        " (type `/invite @Mentoring` in the channel), or choose another channel with"
        " `/mentoring cohort set wins-channel #channel`. The {count} win(s) wait for the next"
        " post.",
        "de": "Ich konnte die Erfolge von *{cohort}* nicht in <#{channel}> posten (`{error}`)."
        " Lade mich dort ein (tippe `/invite @Mentoring` im Kanal) oder wähle einen anderen"
        " Kanal mit `/mentoring cohort set wins-channel #kanal`. Die {count} Erfolg(e) warten"
        " auf den nächsten Post.",
    },
    # The cohort's wins post
    "wins.post.period.weekly": {"en": "This week", "de": "Diese Woche"},
    "wins.post.period.biweekly": {"en": "These two weeks", "de": "In diesen zwei Wochen"},
    "wins.post.period.monthly": {"en": "This month", "de": "Diesen Monat"},
    "wins.post.heading": {
        "en": ":seedling: *{cohort}: reverse mentoring*",
        "de": ":seedling: *{cohort}: Reverse Mentoring*",
    },
    "wins.post.met": {
        "en": "{period}: {pairs} pair(s) met for their check-in.",
        "de": "{period}: {pairs} Tandem(s) trafen sich zum Check-in.",
    },
    "wins.post.wins": {"en": "Wins:", "de": "Erfolge:"},
    "wins.post.footer": {
        "en": "Shared anonymously, by choice. What each pair says stays in the pair.",
        "de": "Anonym und freiwillig geteilt. Was ein Tandem bespricht, bleibt im Tandem.",
    },
    "win.posted": {
        "en": "Your win was shared anonymously in <#{channel}>. Thank you!\n>{text}",
        "de": "Dein Erfolg wurde anonym in <#{channel}> geteilt. Danke!\n>{text}",
    },
    "outbox_kind.reflection_prompt": {
        "en": "reflection prompt",
        "de": "Bitte um Reflexion",
    },
    "outbox_kind.wins_post": {"en": "wins post", "de": "Erfolgs-Post"},
    "outbox_kind.win_posted": {
        "en": "note that a win was posted",
        "de": "Nachricht über einen geposteten Erfolg",
    },
}
