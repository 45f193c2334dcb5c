"""The check-in part of the message catalogue (merged into `bot.messages.MESSAGES`): nudges, their
buttons and answers, at-risk notes, the cohort's farewell and what the lead hears.

`{when}` is a Slack date token (`bot.mrkdwn.slack_time`), which Slack shows in each reader's zone.
"""

CHECKIN_MESSAGES: dict[str, dict[str, str]] = {
    "checkin.title": {
        "en": "*Time for check-in {number} of {total}*, <@{mentor}> and <@{mentee}>",
        "de": "*Zeit für Treffen {number} von {total}*, <@{mentor}> und <@{mentee}>",
    },
    "checkin.title_reminder": {
        "en": "*A reminder: check-in {number} of {total}*, <@{mentor}> and <@{mentee}>",
        "de": "*Erinnerung: Treffen {number} von {total}*, <@{mentor}> und <@{mentee}>",
    },
    "checkin.agenda": {
        "en": "*Suggested focus*: <@{mentor}> shows *{taught}*; <@{mentee}> shares how they"
        " approach *{offered}*.",
        "de": "*Vorschlag für heute*: <@{mentor}> zeigt *{taught}*; <@{mentee}> erzählt, wie"
        " sie oder er an *{offered}* herangeht.",
    },
    "checkin.goals": {
        "en": "*Your goals*: <@{mentor}>: _{mentor_goal}_ · <@{mentee}>: _{mentee_goal}_",
        "de": "*Eure Ziele*: <@{mentor}>: _{mentor_goal}_ · <@{mentee}>: _{mentee_goal}_",
    },
    "checkin.question.1": {
        "en": "Try one thing together: ask an AI tool a question from your work, then question"
        " its answer. What would you check before using it?",
        "de": "Probiert gemeinsam etwas aus: Stellt einem KI-Werkzeug eine Frage aus eurem"
        " Alltag und hinterfragt die Antwort. Was würdet ihr prüfen, bevor ihr sie nutzt?",
    },
    "checkin.question.2": {
        "en": "Pick one task from last week that took too long. Could a tool or a habit make it"
        " faster, and what could go wrong?",
        "de": "Nehmt eine Aufgabe der letzten Woche, die zu lange gedauert hat. Ginge sie mit"
        " einem Werkzeug oder einer Gewohnheit schneller, und was könnte schiefgehen?",
    },
    "checkin.question.3": {
        "en": "Look back at your goals: what has moved since last time, and what is the next"
        " small step?",
        "de": "Schaut auf eure Ziele: Was hat sich seit dem letzten Mal bewegt, und was ist der"
        " nächste kleine Schritt?",
    },
    "checkin.button.met": {"en": "We met", "de": "Wir haben uns getroffen"},
    "checkin.button.not_yet": {
        "en": "Not yet: remind me in 2 days",
        "de": "Noch nicht: in 2 Tagen erinnern",
    },
    "checkin.button.skip": {"en": "Skip this one", "de": "Dieses Mal auslassen"},
    "checkin.button.pause": {"en": "Pause our pair", "de": "Tandem pausieren"},
    "checkin.button.help": {
        "en": "I need help from the program lead",
        "de": "Ich brauche Hilfe von der Programmleitung",
    },
    "checkin.button.resume": {"en": "Resume our pair", "de": "Tandem fortsetzen"},
    "checkin.done.met": {
        "en": "✅ <@{user}> noted check-in {number} as held. Well done, both of you!",
        "de": "✅ <@{user}> hat Treffen {number} als erledigt vermerkt. Gut gemacht, ihr beiden!",
    },
    "checkin.done.not_yet": {
        "en": "⏳ Not yet, noted by <@{user}>: I'll remind you both {when}.",
        "de": "⏳ Noch nicht, vermerkt von <@{user}>: Ich erinnere euch beide {when}.",
    },
    "checkin.done.skip": {
        "en": "⏭ <@{user}> skipped check-in {number}. The next one comes {when}.",
        "de": "⏭ <@{user}> hat Treffen {number} ausgelassen. Das nächste kommt {when}.",
    },
    "checkin.done.pause": {
        "en": "⏸ <@{user}> paused your pair: no nudges until one of you resumes it, with the"
        " button below or `/mentoring resume`.",
        "de": "⏸ <@{user}> hat euer Tandem pausiert: keine Erinnerungen, bis eine:r von euch es"
        " fortsetzt, mit dem Button unten oder `/mentoring resume`.",
    },
    "checkin.resumed": {
        "en": "▶️ <@{user}> resumed your pair. The next check-in comes {when}.",
        "de": "▶️ <@{user}> hat euer Tandem fortgesetzt. Das nächste Treffen kommt {when}.",
    },
    "checkin.closed": {
        "en": "This check-in is closed; its buttons are gone.",
        "de": "Dieses Treffen ist abgeschlossen; seine Buttons sind weg.",
    },
    "checkin.stale": {
        "en": "This check-in was answered already, or your pair has ended.",
        "de": "Dieses Treffen wurde schon beantwortet, oder euer Tandem ist beendet.",
    },
    "checkin.not_paused": {
        "en": "Your pair isn't paused (any more).",
        "de": "Euer Tandem ist nicht (mehr) pausiert.",
    },
    "checkin.help_sent": {
        "en": "I've told the program lead, privately, that you'd like their help; they'll get in"
        " touch. Your partner isn't told, and nothing you wrote was passed on.",
        "de": "Ich habe der Programmleitung vertraulich gesagt, dass du dir Hilfe wünschst; sie"
        " meldet sich bei dir. Dein Gegenüber erfährt davon nichts, und nichts von dem, was du"
        " geschrieben hast, wurde weitergegeben.",
    },
    "checkin.help_already": {
        "en": "You've asked already: the program lead knows and will get in touch.",
        "de": "Du hast schon gefragt: Die Programmleitung weiß Bescheid und meldet sich.",
    },
    "checkin.no_lead": {
        "en": "No program lead is set up yet, so I couldn't pass this on. Please ask whoever"
        " runs the program.",
        "de": "Es ist noch keine Programmleitung eingerichtet, daher konnte ich das nicht"
        " weitergeben. Bitte wende dich an die Person, die das Programm betreut.",
    },
    "pair.at_risk": {
        "en": "It looks as if your last two check-ins didn't happen. That's all right, calendars"
        " get full. Could you find 30 minutes this week? If something is in the way, the next"
        " nudge lets you pause your pair or ask the program lead for help.",
        "de": "Eure letzten beiden Treffen haben anscheinend nicht stattgefunden. Das ist in"
        " Ordnung, Kalender werden voll. Findet ihr diese Woche 30 Minuten? Wenn etwas im Weg"
        " steht, könnt ihr mit der nächsten Erinnerung euer Tandem pausieren oder die"
        " Programmleitung um Hilfe bitten.",
    },
    "pair.farewell": {
        "en": "*Your cohort has come to its end, <@{mentor}> and <@{mentee}>.* Thank you both:"
        " you held {held} check-ins together. There will be no more nudges.\n*A last"
        " reflection*, for yourself: what did you learn or teach, what will you keep doing, and"
        " what would you tell the next cohort? You're welcome to keep meeting on your own.",
        "de": "*Eure Kohorte ist zu Ende, <@{mentor}> und <@{mentee}>.* Danke euch beiden: Ihr"
        " habt {held} Treffen abgehalten. Es kommen keine Erinnerungen mehr.\n*Ein letzter"
        " Rückblick*, für dich selbst: Was hast du gelernt oder vermittelt, was behältst du bei,"
        " und was würdest du der nächsten Kohorte sagen? Ihr könnt euch gern weiter treffen.",
    },
    "lead.help": {
        "en": "<@{user}> would like your help with their mentoring pair (<@{mentor}> and"
        " <@{mentee}>). Please reach out to <@{user}> directly; their partner wasn't told.",
        "de": "<@{user}> wünscht sich deine Hilfe mit dem Tandem (<@{mentor}> und <@{mentee}>)."
        " Bitte melde dich direkt bei <@{user}>; das Gegenüber weiß davon nichts.",
    },
    "lead.at_risk": {
        "en": "The pair <@{mentor}> and <@{mentee}> in *{cohort}* has missed two check-ins in a"
        " row. They got a kind note from me; a word from you might help.",
        "de": "Das Tandem <@{mentor}> und <@{mentee}> in *{cohort}* hat zwei Treffen in Folge"
        " verpasst. Ich habe ihnen freundlich geschrieben; ein Wort von dir könnte helfen.",
    },
    "outbox_kind.checkin_nudge": {
        "en": "a pair's check-in nudge",
        "de": "die Treffen-Erinnerung eines Tandems",
    },
    "outbox_kind.checkin_reminder": {
        "en": "a pair's reminder after 'Not yet'",
        "de": "die Erinnerung eines Tandems nach „Noch nicht“",
    },
    "outbox_kind.pair_note": {
        "en": "a note to a pair",
        "de": "einen Hinweis an ein Tandem",
    },
    "outbox_kind.pair_farewell": {
        "en": "a pair's farewell at the cohort's end",
        "de": "den Abschied eines Tandems am Ende der Kohorte",
    },
}
