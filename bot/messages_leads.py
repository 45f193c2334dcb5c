"""The program leads' part of the message catalogue (merged into `bot.messages.MESSAGES`): lead
management, cohort administration, the roster import, digests and the App Home dashboards."""

LEAD_MESSAGES: dict[str, dict[str, str]] = {
    # /mentoring lead
    "leads.usage": {
        "en": "Use `/mentoring lead list`, `/mentoring lead add @person` or"
        " `/mentoring lead remove @person`.",
        "de": "Nutze `/mentoring lead list`, `/mentoring lead add @person` oder"
        " `/mentoring lead remove @person`.",
    },
    "leads.heading": {"en": "*Program leads*", "de": "*Programmleitung*"},
    # the app installed in a workspace (OAuth)
    "install.first_lead": {
        "en": "Thanks for installing Reverse Mentoring! You are this workspace's first program"
        " lead. Open a cohort with `/mentoring cohort new`, invite colleagues to type"
        " `/mentoring join`, and add fellow leads with `/mentoring lead add @person`."
        " `/mentoring help` lists everything.",
        "de": "Danke, dass du Reverse Mentoring installiert hast! Du bist die erste"
        " Programmleitung in diesem Workspace. Lege mit `/mentoring cohort new` eine Kohorte an,"
        " lade Kolleg:innen ein, `/mentoring join` zu tippen, und füge mit"
        " `/mentoring lead add @person` weitere Leitungen hinzu. `/mentoring help` zeigt alles.",
    },
    "install.missing": {
        "en": "Reverse Mentoring isn't installed in this workspace any more. Ask a Slack admin to"
        " install it again.",
        "de": "Reverse Mentoring ist in diesem Workspace nicht mehr installiert. Bitte eine"
        " Slack-Adminperson, es wieder zu installieren.",
    },
    "install.again": {
        "en": "Reverse Mentoring is installed again in this workspace. The program, its people"
        " and its leads are as they were; nudges and messages resume.",
        "de": "Reverse Mentoring ist wieder in diesem Workspace installiert. Das Programm, seine"
        " Teilnehmenden und die Programmleitung sind wie zuvor; Erinnerungen und Nachrichten"
        " gehen weiter.",
    },
    "leads.none": {
        "en": "There are no program leads yet. Set PROGRAM_LEADS to name the first.",
        "de": "Es gibt noch keine Programmleitung. Setze PROGRAM_LEADS für die erste Person.",
    },
    "leads.from_settings": {"en": "set in PROGRAM_LEADS", "de": "aus PROGRAM_LEADS"},
    "leads.added": {
        "en": "<@{user}> is now a program lead.",
        "de": "<@{user}> gehört jetzt zur Programmleitung.",
    },
    "leads.added_already": {
        "en": "<@{user}> is a program lead already.",
        "de": "<@{user}> gehört schon zur Programmleitung.",
    },
    "leads.removed": {
        "en": "<@{user}> is no longer a program lead.",
        "de": "<@{user}> gehört nicht mehr zur Programmleitung.",
    },
    "leads.removed_already": {
        "en": "<@{user}> was not a program lead added in Slack, so nothing changed.",
        "de": "<@{user}> wurde nicht in Slack zur Programmleitung hinzugefügt; nichts geändert.",
    },
    "leads.not_a_person": {
        "en": "<@{user}> can't be a program lead: Slack doesn't know them as an active colleague.",
        "de": "<@{user}> kann nicht zur Programmleitung gehören: Slack kennt die Person nicht als"
        " aktive Kollegin oder aktiven Kollegen.",
    },
    "leads.configured": {
        "en": "<@{user}> is a lead through the PROGRAM_LEADS setting; change it there.",
        "de": "<@{user}> gehört über die Einstellung PROGRAM_LEADS zur Programmleitung; ändere"
        " es dort.",
    },
    # Digests
    "digest.on_its_way": {
        "en": "Your digest of *{cohort}* is on its way to our DM.",
        "de": "Dein Digest für *{cohort}* ist auf dem Weg in unsere DM.",
    },
    "digest.no_cohort": {
        "en": "There is no cohort named “{name}”. `/mentoring cohort show` names the current one.",
        "de": "Es gibt keine Kohorte namens „{name}“. `/mentoring cohort show` nennt die aktuelle.",
    },
    "digest.failed": {
        "en": "I couldn't send the digest of *{cohort}* ({error}). Please try again in a minute.",
        "de": "Ich konnte den Digest für *{cohort}* nicht senden ({error}). Bitte versuch es"
        " in einer Minute noch einmal.",
    },
    "digest.files_failed": {
        "en": "The chart and the CSV could not be attached ({error}); the figures above are"
        " complete.",
        "de": "Diagramm und CSV konnten nicht angehängt werden ({error}); die Zahlen oben sind"
        " vollständig.",
    },
    "digest.title": {"en": "Digest: {cohort}", "de": "Digest: {cohort}"},
    "digest.period": {
        "en": "{start} to {end} · groups under {k} people are merged, averages under {k} left out",
        "de": "{start} bis {end} · Gruppen unter {k} Personen zusammengefasst, Mittelwerte unter"
        " {k} ausgelassen",
    },
    "digest.people": {
        "en": "*People*\n{joined} in the cohort · {surveyed} finished the survey ({share}%) ·"
        " {paused} paused · {left} left",
        "de": "*Personen*\n{joined} in der Kohorte · {surveyed} mit fertiger Umfrage ({share} %) ·"
        " {paused} pausiert · {left} ausgetreten",
    },
    "digest.pairs": {
        "en": "*Pairs*\n{active} active, {at_risk} of them at risk · {invited} invited ·"
        " {completed} completed · {declined} declined · {waitlisted} people waiting for a partner",
        "de": "*Paare*\n{active} aktiv, davon {at_risk} gefährdet · {invited} eingeladen ·"
        " {completed} abgeschlossen · {declined} abgelehnt · {waitlisted} Personen warten auf"
        " ein Gegenüber",
    },
    "digest.checkins": {
        "en": "*Check-ins held*\n{held} of {due} held so far",
        "de": "*Abgehaltene Check-ins*\n{held} von {due} bisher abgehalten",
    },
    "digest.cycle": {
        "en": "Check-in {number}: {held} of {due} held · progress {progress} · confidence"
        " {confidence}",
        "de": "Check-in {number}: {held} von {due} abgehalten · Fortschritt {progress} ·"
        " Sicherheit {confidence}",
    },
    "digest.cycles_more": {
        "en": "… and {count} earlier check-ins (in the chart and the CSV)",
        "de": "… und {count} frühere Check-ins (im Diagramm und in der CSV)",
    },
    "digest.too_few": {"en": "n/a", "de": "k. A."},
    "digest.nothing_yet": {"en": "nothing yet", "de": "noch nichts"},
    "digest.topics": {
        "en": "*Topics learned most*\nDigital: {digital}\nLeadership: {leadership}",
        "de": "*Meistgelernte Themen*\nDigital: {digital}\nFührung: {leadership}",
    },
    "digest.departments": {"en": "*People by department*", "de": "*Personen nach Bereich*"},
    "digest.other": {"en": "other", "de": "andere"},
    "digest.no_department": {"en": "not given", "de": "nicht angegeben"},
    "digest.wins": {"en": "*Wins shared in the period*", "de": "*Geteilte Erfolge im Zeitraum*"},
    "digest.no_wins": {
        "en": "No wins were posted in this period.",
        "de": "In diesem Zeitraum wurden keine Erfolge gepostet.",
    },
    "digest.actions": {"en": "*Suggested next steps*", "de": "*Vorgeschlagene nächste Schritte*"},
    "digest.action.at_risk": {
        "en": "{count} pairs at risk: consider a nudge or a kind word.",
        "de": "{count} Paare gefährdet: vielleicht ein Anstoß oder ein freundliches Wort.",
    },
    "digest.action.surveys": {
        "en": "{count} people haven't finished the survey: remind them in your next update.",
        "de": "{count} Personen haben die Umfrage nicht beendet: erinnere im nächsten Update daran.",
    },
    "digest.action.waitlist": {
        "en": "{count} people wait for a partner: run `/mentoring match`.",
        "de": "{count} Personen warten auf ein Gegenüber: starte `/mentoring match`.",
    },
    "digest.action.low_held": {
        "en": "Only {share}% of check-in {number} was held: ask the pairs what gets in the way.",
        "de": "Nur {share} % von Check-in {number} wurden abgehalten: frag die Paare, was im"
        " Weg steht.",
    },
    "digest.action.wins_review": {
        "en": "{count} shared wins wait for your review: `/mentoring wins`.",
        "de": "{count} geteilte Erfolge warten auf deine Prüfung: `/mentoring wins`.",
    },
    "digest.action.invited": {
        "en": "{count} pairs haven't answered their introduction yet.",
        "de": "{count} Paare haben auf ihre Vorstellung noch nicht geantwortet.",
    },
    "digest.action.share_wins": {
        "en": "Share a win from the channel in your next team meeting.",
        "de": "Teile einen Erfolg aus dem Kanal im nächsten Team-Meeting.",
    },
    "digest.action.thank": {
        "en": "Thank the mentors: reverse mentoring runs on their time.",
        "de": "Danke den Mentorinnen und Mentoren: Reverse Mentoring lebt von ihrer Zeit.",
    },
    "digest.action.invite_more": {
        "en": "Invite the next group: `python -m bot import-roster` or share `/mentoring join`.",
        "de": "Lade die nächste Gruppe ein: `python -m bot import-roster` oder teile"
        " `/mentoring join`.",
    },
    "digest.chart.title": {
        "en": "Check-ins held and average progress",
        "de": "Abgehaltene Check-ins und durchschnittlicher Fortschritt",
    },
    "digest.chart.due": {"en": "due", "de": "fällig"},
    "digest.chart.held": {"en": "held", "de": "abgehalten"},
    "digest.chart.progress": {"en": "average progress (1-5)", "de": "Fortschritt im Mittel (1-5)"},
    "digest.chart.cycle": {"en": "check-in", "de": "Check-in"},
    "digest.chart.alt": {
        "en": "Bar chart of check-ins due and held per check-in number, with a line of average"
        " progress.",
        "de": "Balkendiagramm der fälligen und abgehaltenen Check-ins je Nummer, mit einer Linie"
        " des mittleren Fortschritts.",
    },
    "digest.csv.title": {"en": "Per-pair activity", "de": "Aktivität je Paar"},
    # The App Home tab
    "home.next_checkin": {
        "en": ":calendar: Your next check-in: {date}",
        "de": ":calendar: Euer nächster Check-in: {date}",
    },
    "home.goal": {"en": ":dart: Your goal: {goal}", "de": ":dart: Dein Ziel: {goal}"},
    "home.progress": {
        "en": ":chart_with_upwards_trend: Your latest progress: {score} of 5",
        "de": ":chart_with_upwards_trend: Dein letzter Fortschritt: {score} von 5",
    },
    "home.pause": {"en": "Pause", "de": "Pausieren"},
    "home.resume": {"en": "Resume", "de": "Fortsetzen"},
    "home.reflections": {"en": "My reflections", "de": "Meine Reflexionen"},
    "home.lead_heading": {
        "en": "Cohort health: {cohort} (program leads only)",
        "de": "Zustand der Kohorte: {cohort} (nur für die Programmleitung)",
    },
    "home.match": {"en": "Match", "de": "Matchen"},
    "home.digest": {"en": "Digest", "de": "Digest"},
    "home.cohort": {"en": "Cohort settings", "de": "Kohorten-Einstellungen"},
    "home.wins": {"en": "Wins queue", "de": "Erfolge prüfen"},
    "outbox_kind.home_reply": {
        "en": "an answer to a Home tab button",
        "de": "eine Antwort auf einen Button im Home-Tab",
    },
    "cohort.show_digest": {
        "en": "• `digest-every` / `digest-day` / `digest-time` (a digest to every lead): {every}",
        "de": "• `digest-every` / `digest-day` / `digest-time` (ein Digest an die ganze"
        " Programmleitung): {every}",
    },
    "cohort.digest_off": {"en": "only on request", "de": "nur auf Anfrage"},
    "cohort.digest_when": {"en": "{every}, {day}, {at}", "de": "{every}, {day}, {at}"},
}
