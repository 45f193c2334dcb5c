"""The matching part of the message catalogue (merged into `bot.messages.MESSAGES`): cohort
settings, the lead's review, introductions, pairs and the waitlist."""

MATCHING_MESSAGES: dict[str, dict[str, str]] = {
    # /mentoring cohort
    "cohort.show": {
        "en": "*Cohort settings*\n• `name`: {name}\n• `starts`: {starts}\n• `ends`: {ends}\n"
        "• `cadence`: {cadence}\n• `capacity`: {capacity} mentee(s) per mentor\n"
        "• `mutual`: {mutual}\n• `mode`: {mode}\n• `timezone`: {timezone}\n"
        "• `wins-channel`: {channel}\n• `wins-auto` (post wins without review): {auto}\n"
        "• `wins-k` (fewest contributors per post): {k}\n"
        "• `wins-every` / `wins-day` / `wins-time`: {every}, {day}, {at}",
        "de": "*Einstellungen der Kohorte*\n• `name`: {name}\n• `starts`: {starts}\n"
        "• `ends`: {ends}\n• `cadence`: {cadence}\n• `capacity`: {capacity} Mentee(s) pro"
        " Mentor:in\n• `mutual`: {mutual}\n• `mode`: {mode}\n• `timezone`: {timezone}\n"
        "• `wins-channel`: {channel}\n• `wins-auto` (Erfolge ohne Prüfung posten): {auto}\n"
        "• `wins-k` (mindestens so viele Beitragende pro Post): {k}\n"
        "• `wins-every` / `wins-day` / `wins-time`: {every}, {day}, {at}",
    },
    "cohort.usage": {
        "en": "Use `/mentoring cohort show`, or `/mentoring cohort set KEY VALUE` with KEY one of"
        " `name`, `starts`, `ends`, `cadence`, `capacity`, `mutual`, `mode`, `timezone`,"
        " `wins-channel`, `wins-auto`, `wins-k`, `wins-every`, `wins-day`, `wins-time`,"
        " `digest-every`, `digest-day`, `digest-time`, `retention`. Example: `/mentoring cohort"
        " set capacity 2`. `/mentoring cohort edit` shows the settings in a form, `/mentoring"
        " cohort new` creates a cohort, and `/mentoring cohort open` or `close` opens or closes"
        " joining.",
        "de": "Nutze `/mentoring cohort show` oder `/mentoring cohort set SCHLÜSSEL WERT` mit"
        " einem dieser Schlüssel: `name`, `starts`, `ends`, `cadence`, `capacity`, `mutual`,"
        " `mode`, `timezone`, `wins-channel`, `wins-auto`, `wins-k`, `wins-every`, `wins-day`,"
        " `wins-time`, `digest-every`, `digest-day`, `digest-time`, `retention`. Beispiel:"
        " `/mentoring cohort set capacity 2`. `/mentoring cohort edit` zeigt die Einstellungen"
        " als Formular, `/mentoring cohort new` legt eine Kohorte an, und `/mentoring cohort"
        " open` oder `close` öffnet oder schließt die Anmeldung.",
    },
    "cohort.saved": {
        "en": "Saved. The cohort's settings are now:",
        "de": "Gespeichert. Die Einstellungen der Kohorte sind jetzt:",
    },
    "cohort.bad_name": {
        "en": "A cohort name has 1 to 100 characters.",
        "de": "Der Name einer Kohorte hat 1 bis 100 Zeichen.",
    },
    "cohort.bad_date": {
        "en": "Please write dates like 2027-03-31.",
        "de": "Bitte schreib Daten so: 2027-03-31.",
    },
    "cohort.bad_range": {
        "en": "The cohort must end after it starts.",
        "de": "Die Kohorte muss nach ihrem Beginn enden.",
    },
    "cohort.bad_cadence": {
        "en": "The cadence is `weekly`, `biweekly` or `monthly`.",
        "de": "Der Rhythmus ist `weekly`, `biweekly` oder `monthly`.",
    },
    "cohort.bad_capacity": {
        "en": "A mentor can take 1, 2 or 3 mentees.",
        "de": "Eine Mentorin oder ein Mentor kann 1, 2 oder 3 Mentees haben.",
    },
    "cohort.bad_switch": {
        "en": "Use `on` or `off`.",
        "de": "Nutze `on` oder `off`.",
    },
    "cohort.bad_mode": {
        "en": "The mode is `most-matched` (most people matched first) or `best-score` (highest"
        " total score).",
        "de": "Der Modus ist `most-matched` (möglichst viele Paare) oder `best-score` (höchste"
        " Gesamtpunktzahl).",
    },
    "cohort.bad_timezone": {
        "en": "I don't know that timezone. Use a name such as `Europe/Berlin`.",
        "de": "Diese Zeitzone kenne ich nicht. Nutze einen Namen wie `Europe/Berlin`.",
    },
    "cohort.bad_channel": {
        "en": "Mention the channel, e.g. `#mentoring-wins`, or say `none`.",
        "de": "Erwähne den Kanal, z. B. `#mentoring-wins`, oder schreib `none`.",
    },
    "cohort.bad_k": {
        "en": "k is a whole number from 2 to 20: a wins post needs that many contributors.",
        "de": "k ist eine ganze Zahl von 2 bis 20: so viele Beitragende braucht ein Erfolgs-Post.",
    },
    "cohort.bad_day": {
        "en": "Name a weekday: `mon`, `tue`, `wed`, `thu`, `fri`, `sat` or `sun`.",
        "de": "Nenne einen Wochentag: `mon`, `tue`, `wed`, `thu`, `fri`, `sat` oder `sun`.",
    },
    "cohort.bad_time": {
        "en": "Write the time like 10:00.",
        "de": "Schreib die Uhrzeit so: 10:00.",
    },
    "switch.on": {"en": "on", "de": "an"},
    "switch.off": {"en": "off", "de": "aus"},
    "channel.none": {"en": "none yet", "de": "noch keiner"},
    "mode.most_matched": {
        "en": "most people matched first",
        "de": "möglichst viele Paare zuerst",
    },
    "mode.best_score": {"en": "highest total score", "de": "höchste Gesamtpunktzahl"},
    "cadence.weekly": {"en": "every week", "de": "jede Woche"},
    "cadence.biweekly": {"en": "every two weeks", "de": "alle zwei Wochen"},
    "cadence.monthly": {"en": "every month", "de": "jeden Monat"},
    # /mentoring match and the lead's review
    "match.started": {
        "en": "Working on proposals for *{cohort}* ({people} people ready). The review comes as a"
        " DM in a moment.",
        "de": "Ich berechne Vorschläge für *{cohort}* ({people} Personen bereit). Die Übersicht"
        " kommt gleich als Direktnachricht.",
    },
    "match.too_few": {
        "en": "Not enough people to match yet: {people} ready (survey done, not paused, not in a"
        " pair). You need at least two.",
        "de": "Noch zu wenige Personen für ein Matching: {people} bereit (Umfrage erledigt, nicht"
        " pausiert, nicht in einem Tandem). Es braucht mindestens zwei.",
    },
    "match.failed": {
        "en": "Sorry, computing the proposals failed. Nothing was changed; please try again.",
        "de": "Das Berechnen der Vorschläge ist leider fehlgeschlagen. Nichts wurde geändert;"
        " bitte versuch es noch einmal.",
    },
    "review.title": {"en": "Match proposals", "de": "Match-Vorschläge"},
    "review.summary": {
        "en": "*{cohort}*: {pairs} pairs proposed, {unmatched} unmatched, mode: {mode}."
        " Page {page} of {pages}.",
        "de": "*{cohort}*: {pairs} Paare vorgeschlagen, {unmatched} ohne Partner, Modus: {mode}."
        " Seite {page} von {pages}.",
    },
    "review.pair": {
        "en": "*<@{mentor}> mentors <@{mentee}>* · score {score}/{max}\n{reasons}",
        "de": "*<@{mentor}> begleitet <@{mentee}>* · Punkte {score}/{max}\n{reasons}",
    },
    "review.empty": {
        "en": "No pair could be proposed this time.",
        "de": "Diesmal konnte kein Paar vorgeschlagen werden.",
    },
    "review.unmatched": {
        "en": "*Unmatched* (they go on the waitlist and are told why):\n{lines}",
        "de": "*Ohne Partner* (sie kommen auf die Warteliste und erfahren, warum):\n{lines}",
    },
    "review.drop": {"en": "Drop", "de": "Streichen"},
    "review.approve": {"en": "Approve all", "de": "Alle freigeben"},
    "review.previous": {"en": "Previous page", "de": "Vorherige Seite"},
    "review.next": {"en": "Next page", "de": "Nächste Seite"},
    "review.confirm_title": {"en": "Send introductions?", "de": "Vorstellungen senden?"},
    "review.confirm_text": {
        "en": "Each person gets a private introduction to accept or decline.",
        "de": "Jede Person bekommt eine private Vorstellung zum Annehmen oder Ablehnen.",
    },
    "review.confirm": {"en": "Send", "de": "Senden"},
    "review.cancel": {"en": "Cancel", "de": "Abbrechen"},
    "review.recomputing": {
        "en": "Dropped. Recomputing the proposals without that pair…",
        "de": "Gestrichen. Ich berechne die Vorschläge ohne dieses Paar neu …",
    },
    "review.approved": {
        "en": "Approved: {pairs} introductions are on their way, {waitlist} people are on the"
        " waitlist.",
        "de": "Freigegeben: {pairs} Vorstellungen sind unterwegs, {waitlist} Personen stehen auf"
        " der Warteliste.",
    },
    "review.stale": {
        "en": "This review is out of date (approved or replaced by a newer one); nothing changed."
        " Run `/mentoring match` for a fresh one.",
        "de": "Diese Übersicht ist veraltet (freigegeben oder durch eine neuere ersetzt); nichts"
        " wurde geändert. `/mentoring match` erstellt eine neue.",
    },
    # Reasons, shown to the lead and to both partners
    "reason.teaches": {
        "en": "<@{mentor}> can teach {topics}, which <@{mentee}> wants to learn",
        "de": "<@{mentor}> kann {topics} vermitteln, was <@{mentee}> lernen möchte",
    },
    "reason.offers": {
        "en": "<@{mentee}> offers {topics}, which <@{mentor}> wants to learn",
        "de": "<@{mentee}> bietet {topics}, was <@{mentor}> lernen möchte",
    },
    "reason.hours": {
        "en": "{hours} h of shared working time",
        "de": "{hours} Std. gemeinsame Arbeitszeit",
    },
    "reason.departments": {
        "en": "different departments, so a fresh view for both",
        "de": "verschiedene Bereiche, also ein frischer Blick für beide",
    },
    "reason.stages": {
        "en": "different career stages, so each has something the other lacks",
        "de": "verschiedene Karrierestufen, also hat jede Seite etwas, das der anderen fehlt",
    },
    "reason.formats": {
        "en": "a way of meeting you both like",
        "de": "eine Art von Treffen, die beiden passt",
    },
    "reason.no_language": {
        "en": "no language in common in the survey: worth checking",
        "de": "laut Umfrage keine gemeinsame Sprache: bitte prüfen",
    },
    "unmatched.no_partner": {
        "en": "nobody in this round fits the matching rules (working hours, career stage,"
        " earlier pairs)",
        "de": "in dieser Runde passt niemand zu den Matching-Regeln (Arbeitszeiten, Karrierestufe,"
        " frühere Tandems)",
    },
    "unmatched.odd_one_out": {
        "en": "more people could teach than wanted to learn this round: the odd one out",
        "de": "in dieser Runde konnten mehr Personen etwas vermitteln, als lernen wollten",
    },
    "unmatched.capacity": {
        "en": "the mentors who suit you were all taken this round",
        "de": "die passenden Mentor:innen waren in dieser Runde alle vergeben",
    },
    "unmatched.closed": {
        "en": "your last introduction did not come about",
        "de": "deine letzte Vorstellung ist nicht zustande gekommen",
    },
    "waitlist.dm": {
        "en": "This round I couldn't find you a partner: {reason}. You're on the waitlist for the"
        " next round, where late joiners come in too. Nothing for you to do.",
        "de": "In dieser Runde habe ich keinen Partner für dich gefunden: {reason}. Du stehst auf"
        " der Warteliste für die nächste Runde, in der auch Nachzügler dazukommen. Du musst"
        " nichts tun.",
    },
    # Introductions
    "invite.text": {
        "en": "*You have a mentoring match: <@{partner}>!*\n{role}",
        "de": "*Du hast ein Mentoring-Match: <@{partner}>!*\n{role}",
    },
    "invite.role_mentor": {
        "en": "You would share digital skills, and learn from <@{partner}>'s experience.",
        "de": "Du würdest digitale Fähigkeiten teilen und von der Erfahrung von <@{partner}>"
        " lernen.",
    },
    "invite.role_mentee": {
        "en": "<@{partner}> would share digital skills, and learn from your experience.",
        "de": "<@{partner}> würde digitale Fähigkeiten teilen und von deiner Erfahrung lernen.",
    },
    "invite.why": {"en": "*Why this match*\n{reasons}", "de": "*Warum dieses Match*\n{reasons}"},
    "invite.private": {
        "en": "Your answer is private: if you decline, <@{partner}> only hears that the match"
        " didn't come about. Without an answer in {days} days it lapses.",
        "de": "Deine Antwort bleibt privat: Wenn du ablehnst, erfährt <@{partner}> nur, dass das"
        " Match nicht zustande kam. Ohne Antwort in {days} Tagen verfällt es.",
    },
    "invite.accept": {"en": "Accept", "de": "Annehmen"},
    "invite.decline": {"en": "Decline", "de": "Ablehnen"},
    "invite.reminder": {
        "en": "A gentle reminder: your introduction to <@{partner}> (above) is waiting for your"
        " answer. Without one it lapses in {days} days.",
        "de": "Eine kleine Erinnerung: Deine Vorstellung mit <@{partner}> (oben) wartet auf deine"
        " Antwort. Ohne Antwort verfällt sie in {days} Tagen.",
    },
    "invite.waiting": {
        "en": "You accepted your match with <@{partner}>. I'll open a group chat as soon as"
        " <@{partner}> accepts too.",
        "de": "Du hast dein Match mit <@{partner}> angenommen. Sobald <@{partner}> auch annimmt,"
        " öffne ich einen Gruppenchat.",
    },
    "invite.active": {
        "en": "You're both in! I've opened a group chat with <@{partner}>.",
        "de": "Ihr seid beide dabei! Ich habe einen Gruppenchat mit <@{partner}> geöffnet.",
    },
    "invite.declined": {
        "en": "You declined the match with <@{partner}>. Nobody will be told why, and you're in"
        " the next round.",
        "de": "Du hast das Match mit <@{partner}> abgelehnt. Niemand erfährt den Grund, und du"
        " bist in der nächsten Runde dabei.",
    },
    "invite.already": {
        "en": "This introduction was already decided, so nothing changed.",
        "de": "Über diese Vorstellung ist schon entschieden, daher hat sich nichts geändert.",
    },
    "invite.closed": {
        "en": "This introduction to <@{partner}> is closed.",
        "de": "Diese Vorstellung mit <@{partner}> ist abgeschlossen.",
    },
    "pair.fell_through": {
        "en": "Your match with <@{partner}> did not come about this time. That happens and says"
        " nothing about you: you're on the waitlist for the next round.",
        "de": "Dein Match mit <@{partner}> ist diesmal nicht zustande gekommen. Das kommt vor und"
        " sagt nichts über dich: Du stehst auf der Warteliste für die nächste Runde.",
    },
    # The pair's group DM
    "intro.title": {
        "en": "*Welcome, <@{mentor}> and <@{mentee}>!* You're now a reverse-mentoring pair:"
        " <@{mentor}> shares digital skills, <@{mentee}> judgement and strategy.",
        "de": "*Willkommen, <@{mentor}> und <@{mentee}>!* Ihr seid jetzt ein Reverse-Mentoring-"
        "Tandem: <@{mentor}> teilt digitale Fähigkeiten, <@{mentee}> Urteilsvermögen und"
        " Strategie.",
    },
    "intro.goals": {
        "en": "*Your goals*\n• <@{mentor}>: {mentor_goal}\n• <@{mentee}>: {mentee_goal}",
        "de": "*Eure Ziele*\n• <@{mentor}>: {mentor_goal}\n• <@{mentee}>: {mentee_goal}",
    },
    "intro.agenda": {
        "en": "*A first session, about 50 minutes*\n1. Get to know each other and your goals"
        " (10 min)\n2. <@{mentor}> shows {taught} on a real task of <@{mentee}>'s (20 min)\n"
        "3. <@{mentee}> shares how they approach {offered}, and how to question what an AI"
        " produced (15 min)\n4. Agree on one thing to try before the next check-in (5 min)",
        "de": "*Ein erstes Treffen, etwa 50 Minuten*\n1. Kennenlernen und eure Ziele (10 Min.)\n"
        "2. <@{mentor}> zeigt {taught} an einer echten Aufgabe von <@{mentee}> (20 Min.)\n"
        "3. <@{mentee}> erzählt, wie sie oder er an {offered} herangeht und wie man"
        " KI-Ergebnisse hinterfragt (15 Min.)\n4. Eine Sache vereinbaren, die ihr bis zum"
        " nächsten Treffen ausprobiert (5 Min.)",
    },
    "intro.any_topic": {
        "en": "a digital skill you choose",
        "de": "eine digitale Fähigkeit eurer Wahl",
    },
    "intro.any_strategy": {"en": "a decision they faced", "de": "eine Entscheidung aus dem Alltag"},
    "intro.cadence": {
        "en": "*Rhythm*: I'll nudge you {cadence} to hold a check-in. What you say here stays"
        " between you two.",
        "de": "*Rhythmus*: Ich erinnere euch {cadence} an ein Treffen. Was ihr hier besprecht,"
        " bleibt unter euch.",
    },
    # /mentoring rematch
    "rematch.none": {
        "en": "You have no active pair, so there is nothing to rematch.",
        "de": "Du hast kein aktives Tandem, also gibt es nichts neu zu vermitteln.",
    },
    "rematch.done": {
        "en": "Done, confidentially: your pair has ended and you're on the waitlist for the next"
        " round. Nobody is told who asked or why.",
        "de": "Erledigt, vertraulich: Dein Tandem ist beendet und du stehst auf der Warteliste"
        " für die nächste Runde. Niemand erfährt, wer gefragt hat oder warum.",
    },
    "rematch.partner": {
        "en": "Your mentoring pair with <@{partner}> has ended, so that you both can get a new"
        " match. That happens and says nothing about you: you're on the waitlist for the next"
        " round.",
        "de": "Dein Tandem mit <@{partner}> ist beendet, damit ihr beide ein neues Match bekommen"
        " könnt. Das kommt vor und sagt nichts über dich: Du stehst auf der Warteliste für die"
        " nächste Runde.",
    },
    # A partner left the program (handlers.departure): never named to the other partner
    "departure.partner_active": {
        "en": "Your mentoring partner has left the program, so your pair has ended. That says"
        " nothing about you: you're on the waitlist, and the program leads know you'd like a new"
        " match soon. Thank you for the sessions you held!",
        "de": "Deine Tandem-Person hat das Programm verlassen, daher ist euer Tandem beendet. Das"
        " sagt nichts über dich: Du stehst auf der Warteliste, und das Programmteam weiß, dass du"
        " bald ein neues Match möchtest. Danke für eure gemeinsamen Treffen!",
    },
    "departure.partner_invited": {
        "en": "The match I introduced you to did not come about this time: the other person has"
        " left the program. That says nothing about you: you're on the waitlist for a new match.",
        "de": "Das Match, das ich dir vorgestellt habe, ist diesmal nicht zustande gekommen: Die"
        " andere Person hat das Programm verlassen. Das sagt nichts über dich: Du stehst auf der"
        " Warteliste für ein neues Match.",
    },
    "lead.departure_left": {
        "en": "<@{person}> left *{cohort}*, so their pair ended. <@{partner}> is on the waitlist"
        " for a new match: `/mentoring match` proposes one.",
        "de": "<@{person}> hat *{cohort}* verlassen, daher ist das Tandem beendet. <@{partner}>"
        " steht auf der Warteliste für ein neues Match: `/mentoring match` schlägt eines vor.",
    },
    "lead.departure_erased": {
        "en": "A participant of *{cohort}* left and asked for their data to be deleted, so their"
        " pair ended. <@{partner}> is on the waitlist for a new match: `/mentoring match` proposes"
        " one.",
        "de": "Eine Person aus *{cohort}* hat das Programm verlassen und ihre Daten löschen lassen,"
        " daher ist ihr Tandem beendet. <@{partner}> steht auf der Warteliste für ein neues Match:"
        " `/mentoring match` schlägt eines vor.",
    },
    "lead.departure_deactivated": {
        "en": "<@{person}> was deactivated in Slack (or is now a guest or bot account) and is no longer in"
        " *{cohort}*, so their pair ended. <@{partner}> is on the waitlist for a new match:"
        " `/mentoring match` proposes one.",
        "de": "<@{person}> wurde in Slack deaktiviert (oder ist jetzt ein Gast- oder Bot-Konto) und ist nicht mehr in"
        " *{cohort}*, daher ist das Tandem beendet. <@{partner}> steht auf der Warteliste für ein"
        " neues Match: `/mentoring match` schlägt eines vor.",
    },
    "lead.rematch": {
        "en": "A pair in *{cohort}* asked for a rematch. Both partners are back on the waitlist.",
        "de": "Ein Tandem in *{cohort}* hat um ein neues Match gebeten. Beide stehen wieder auf"
        " der Warteliste.",
    },
    # /mentoring status
    "status.pair_active": {"en": "• Pair: <@{partner}>", "de": "• Tandem: <@{partner}>"},
    "status.pair_invited": {
        "en": "• Pair: introduced to <@{partner}>, waiting for both answers",
        "de": "• Tandem: mit <@{partner}> vorgestellt, wartet auf beide Antworten",
    },
    "status.waitlist": {
        "en": "• Pair: on the waitlist ({reason})",
        "de": "• Tandem: auf der Warteliste ({reason})",
    },
    # Outbox kinds, for lead alerts
    "outbox_kind.match_review": {"en": "the match review", "de": "die Match-Übersicht"},
    "outbox_kind.pair_invite": {"en": "an introduction", "de": "eine Vorstellung"},
    "outbox_kind.pair_reminder": {
        "en": "a reminder about an introduction",
        "de": "eine Erinnerung an eine Vorstellung",
    },
    "outbox_kind.pair_intro": {
        "en": "a pair's welcome message",
        "de": "die Begrüßung eines Tandems",
    },
    "outbox_kind.pair_closed": {
        "en": "the news that a pair ended",
        "de": "die Nachricht über ein beendetes Tandem",
    },
    "outbox_kind.waitlist": {"en": "the waitlist notice", "de": "den Hinweis zur Warteliste"},
}
