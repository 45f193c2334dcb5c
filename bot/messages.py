"""The one message catalogue for participant-facing text, in English and German.

Pick the language from the person's Slack locale (e.g. "de-DE"); English is the fallback.
Placeholders use `str.format` names; values a person typed must be escaped by the caller.
"""

from datetime import date
from typing import Any

from bot.messages_audit import AUDIT_MESSAGES
from bot.messages_checkins import CHECKIN_MESSAGES
from bot.messages_cohorts import COHORT_MESSAGES
from bot.messages_erasure import ERASURE_MESSAGES
from bot.messages_faults import FAULT_MESSAGES
from bot.messages_leads import LEAD_MESSAGES
from bot.messages_matching import MATCHING_MESSAGES
from bot.messages_my_data import MY_DATA_MESSAGES
from bot.messages_people import PEOPLE_MESSAGES
from bot.messages_reflections import REFLECTION_MESSAGES
from bot.messages_roster import ROSTER_MESSAGES

LANGUAGES = ("en", "de")
FALLBACK = "en"

MESSAGES: dict[str, dict[str, str]] = {
    # /mentoring help
    "help.unknown": {
        "en": "I don't know the subcommand `{word}`.",
        "de": "Den Befehl `{word}` kenne ich nicht.",
    },
    "help.text": {
        "en": (
            "*Reverse mentoring: what you can do*\n"
            "• `/mentoring join`: join the program\n"
            "• `/mentoring status`: what I know about you\n"
            "• `/mentoring profile`: your survey answers, to finish or edit\n"
            "• `/mentoring pause` or `/mentoring pause until 2026-12-24`: no matching or nudges"
            " for a while\n"
            "• `/mentoring resume`: back in after a pause\n"
            "• `/mentoring reflections`: your private reflections, and withdrawing a shared win\n"
            "• `/mentoring rematch`: end your pair confidentially and get a new match\n"
            "• `/mentoring my-data`: a file with everything I store about you, in your DM\n"
            "• `/mentoring leave`: leave the program\n"
            "• `/mentoring help`: this list"
        ),
        "de": (
            "*Reverse Mentoring: das kannst du tun*\n"
            "• `/mentoring join`: am Programm teilnehmen\n"
            "• `/mentoring status`: was ich über dich weiß\n"
            "• `/mentoring profile`: deine Umfrageantworten, zum Abschließen oder Ändern\n"
            "• `/mentoring pause` oder `/mentoring pause until 2026-12-24`: eine Weile kein"
            " Matching und keine Erinnerungen\n"
            "• `/mentoring resume`: nach einer Pause wieder dabei sein\n"
            "• `/mentoring reflections`: deine privaten Reflexionen; geteilte Erfolge zurückziehen\n"
            "• `/mentoring rematch`: dein Tandem vertraulich beenden und neu vermittelt werden\n"
            "• `/mentoring my-data`: eine Datei mit allem, was ich über dich speichere, per DM\n"
            "• `/mentoring leave`: das Programm verlassen\n"
            "• `/mentoring help`: diese Liste"
        ),
    },
    # /mentoring join
    "join.welcome_sent": {
        "en": "Welcome aboard! You have joined *{cohort}*. I've sent you a DM with the next step.",
        "de": (
            "Willkommen! Du bist jetzt in *{cohort}* dabei. Den nächsten Schritt habe ich dir per"
            " Direktnachricht geschickt."
        ),
    },
    "join.already": {
        "en": "You're already part of *{cohort}*, nothing more to do. `/mentoring status` shows"
        " where you stand.",
        "de": "Du bist schon in *{cohort}* dabei, es gibt nichts weiter zu tun. `/mentoring status`"
        " zeigt, wo du stehst.",
    },
    "join.welcome_retrying": {
        "en": "You have joined *{cohort}*. I couldn't reach your DMs just now; I'll keep trying.",
        "de": "Du bist jetzt in *{cohort}* dabei. Deine Direktnachrichten habe ich gerade nicht"
        " erreicht; ich versuche es weiter.",
    },
    "join.welcome_failed": {
        "en": "You have joined *{cohort}*, but Slack won't let me send you a DM. Check that direct"
        " messages from apps are allowed for you, or ask your program lead.",
        "de": "Du bist jetzt in *{cohort}* dabei, aber Slack lässt mich dir keine Direktnachricht"
        " schicken. Prüfe, ob Direktnachrichten von Apps für dich erlaubt sind, oder frag deine"
        " Programmleitung.",
    },
    "welcome.text": {
        "en": (
            "*Welcome to reverse mentoring!* :wave:\n"
            "You'll be paired with a colleague: one of you teaches digital and AI skills, the other"
            " judgement, strategy and how to question what an AI produced.\n"
            "• *Voluntary*: you and your partner both accept the match, and you can pause or leave"
            " at any time.\n"
            "• *Confidential*: what you discuss stays in your pair; your reflections are only yours.\n"
            "• *Every two weeks* I'll nudge you both to hold a check-in at a good time.\n"
            "• *After each check-in* you leave a short private reflection, and may share a win"
            " anonymously.\n"
            "First step: a short survey (about 3 minutes) so I can find you a good match."
        ),
        "de": (
            "*Willkommen beim Reverse Mentoring!* :wave:\n"
            "Du wirst mit einer Kollegin oder einem Kollegen zusammengebracht: Eine Person vermittelt"
            " digitale und KI-Kompetenzen, die andere Urteilsvermögen, Strategie und den kritischen"
            " Blick auf KI-Ergebnisse.\n"
            "• *Freiwillig*: Ihr beide stimmt dem Match zu und könnt jederzeit pausieren oder"
            " aufhören.\n"
            "• *Vertraulich*: Was ihr besprecht, bleibt unter euch; deine Reflexionen gehören nur"
            " dir.\n"
            "• *Alle zwei Wochen* erinnere ich euch zu einer guten Zeit an euer Treffen.\n"
            "• *Nach jedem Treffen* schreibst du eine kurze private Reflexion und kannst einen Erfolg"
            " anonym teilen.\n"
            "Erster Schritt: eine kurze Umfrage (etwa 3 Minuten), damit ich ein gutes Match finde."
        ),
    },
    "welcome.start_survey": {"en": "Start the survey", "de": "Umfrage starten"},
    # The onboarding survey (modals)
    "survey.title_about": {"en": "Mentoring survey 1/2", "de": "Mentoring-Umfrage 1/2"},
    "survey.title_meeting": {"en": "Mentoring survey 2/2", "de": "Mentoring-Umfrage 2/2"},
    "survey.title_edit": {"en": "Edit your profile", "de": "Profil bearbeiten"},
    "survey.title_profile": {"en": "Your profile", "de": "Dein Profil"},
    "survey.next": {"en": "Next", "de": "Weiter"},
    "survey.finish": {"en": "Finish", "de": "Abschließen"},
    "survey.save": {"en": "Save", "de": "Speichern"},
    "survey.later": {"en": "Later", "de": "Später"},
    "survey.cancel": {"en": "Cancel", "de": "Abbrechen"},
    "survey.close": {"en": "Close", "de": "Schließen"},
    "survey.intro_about": {
        "en": "About 3 minutes, in two steps. Each step is saved when you press *Next*, so you can"
        " stop and pick up where you left off.",
        "de": "Etwa 3 Minuten, in zwei Schritten. Jeder Schritt wird mit *Weiter* gespeichert; du"
        " kannst also jederzeit unterbrechen und später weitermachen.",
    },
    "survey.intro_meeting": {
        "en": "Step 2 of 2: when and how you can meet. Step 1 is saved.",
        "de": "Schritt 2 von 2: wann und wie du dich treffen kannst. Schritt 1 ist gespeichert.",
    },
    "survey.role.label": {
        "en": "Which way do you want to learn?",
        "de": "In welche Richtung möchtest du lernen?",
    },
    "survey.role.hint": {
        "en": "Reverse mentoring runs both ways: one partner shares digital and AI skills, the"
        " other judgement and strategy.",
        "de": "Reverse Mentoring wirkt in beide Richtungen: Eine Person teilt digitale und"
        " KI-Kompetenzen, die andere Urteilsvermögen und Strategie.",
    },
    "role.teach": {
        "en": "I want to teach digital/AI skills",
        "de": "Ich möchte Digital-/KI-Kompetenzen vermitteln",
    },
    "role.learn": {
        "en": "I want to learn digital/AI skills",
        "de": "Ich möchte Digital-/KI-Kompetenzen lernen",
    },
    "role.both": {"en": "Both ways (mutual mentoring)", "de": "Beides (gegenseitiges Mentoring)"},
    "survey.stage.label": {"en": "Career stage", "de": "Karrierestufe"},
    "survey.stage.hint": {
        "en": "Pairs work best across different stages.",
        "de": "Tandems funktionieren am besten über Karrierestufen hinweg.",
    },
    "stage.early": {"en": "Early career (0-3 years)", "de": "Berufseinstieg (0-3 Jahre)"},
    "stage.professional": {"en": "Professional", "de": "Fachkraft"},
    "stage.manager": {"en": "Manager", "de": "Führungskraft"},
    "stage.senior": {"en": "Senior leader / executive", "de": "Top-Management"},
    "survey.years.label": {
        "en": "Years in the company (optional)",
        "de": "Jahre im Unternehmen (optional)",
    },
    "survey.years.hint": {
        "en": "Whole years, 0 to {years_max}.",
        "de": "Ganze Jahre, 0 bis {years_max}.",
    },
    "survey.department.label": {"en": "Department or function", "de": "Bereich oder Funktion"},
    "survey.department.hint": {
        "en": "Missing yours? Pick “Other” and name it below.",
        "de": "Deiner fehlt? Wähle „Anderer“ und nenne ihn unten.",
    },
    "survey.department.other": {"en": "Other", "de": "Anderer"},
    "survey.department_other.label": {
        "en": "Other department (only if you picked “Other”)",
        "de": "Anderer Bereich (nur wenn du „Anderer“ gewählt hast)",
    },
    "survey.teach.label": {"en": "Topics I can teach", "de": "Themen, die ich vermitteln kann"},
    "survey.teach.hint": {
        "en": "Up to {topics_max}: what you'd be glad to share.",
        "de": "Bis zu {topics_max}: was du gern weitergibst.",
    },
    "survey.learn.label": {"en": "Topics I want to learn", "de": "Themen, die ich lernen möchte"},
    "survey.learn.hint": {
        "en": "Up to {topics_max}: what you'd like to get better at.",
        "de": "Bis zu {topics_max}: worin du besser werden möchtest.",
    },
    "survey.topics.placeholder": {"en": "Choose topics", "de": "Themen wählen"},
    "survey.group.digital": {"en": "Digital and AI skills", "de": "Digitale und KI-Kompetenzen"},
    "survey.group.leadership": {
        "en": "Judgement and strategy",
        "de": "Urteilsvermögen und Strategie",
    },
    "survey.goal.label": {"en": "My goal for the program", "de": "Mein Ziel für das Programm"},
    "survey.goal.hint": {
        "en": "One or two sentences (at most {goal_max} characters). Measurable goals work best.",
        "de": "Ein oder zwei Sätze (höchstens {goal_max} Zeichen). Messbare Ziele wirken am"
        " besten.",
    },
    "survey.goal.placeholder": {
        "en": "e.g. automate 3 recurring reports within 2 months",
        "de": "z. B. 3 wiederkehrende Berichte in 2 Monaten automatisieren",
    },
    "survey.work_start.label": {
        "en": "My working day starts at",
        "de": "Mein Arbeitstag beginnt um",
    },
    "survey.work_start.hint": {
        "en": "In your timezone below. I only nudge you inside your working hours.",
        "de": "In deiner Zeitzone unten. Ich erinnere dich nur während deiner Arbeitszeit.",
    },
    "survey.work_end.label": {"en": "…and ends at", "de": "…und endet um"},
    "survey.work_end.hint": {
        "en": "Between {shortest_hours} and {longest_hours} hours after the start.",
        "de": "Zwischen {shortest_hours} und {longest_hours} Stunden nach dem Beginn.",
    },
    "survey.weekdays.label": {"en": "Days I prefer to meet", "de": "Bevorzugte Tage für Treffen"},
    "survey.formats.label": {"en": "How I can meet", "de": "Wie ich mich treffen kann"},
    "format.async": {"en": "In Slack (async)", "de": "In Slack (asynchron)"},
    "format.video": {"en": "Video call", "de": "Videocall"},
    "format.in_person": {"en": "In person", "de": "Persönlich"},
    "survey.languages.label": {
        "en": "Languages I can mentor in",
        "de": "Sprachen, in denen ich mentoren kann",
    },
    "survey.languages.placeholder": {"en": "Choose languages", "de": "Sprachen wählen"},
    "survey.timezone.label": {"en": "My timezone", "de": "Meine Zeitzone"},
    "survey.timezone.hint": {
        "en": "Taken from your Slack profile. An IANA name such as Europe/Berlin or"
        " America/New_York.",
        "de": "Aus deinem Slack-Profil übernommen. Ein IANA-Name wie Europe/Berlin oder"
        " America/New_York.",
    },
    "survey.do_not_pair.label": {
        "en": "People I should not be paired with (optional)",
        "de": "Personen, mit denen ich kein Tandem bilden soll (optional)",
    },
    "survey.do_not_pair.hint": {
        "en": "For example your manager. Confidential: never shown to anyone, only used to rule"
        " out matches.",
        "de": "Zum Beispiel deine Führungskraft. Vertraulich: wird niemandem gezeigt und nur"
        " genutzt, um Matches auszuschließen.",
    },
    "survey.do_not_pair.placeholder": {"en": "Choose people", "de": "Personen wählen"},
    "survey.consent.label": {
        "en": "Your pair's conversations and your reflections are confidential. Only anonymised"
        " wins that you choose to share are ever posted.",
        "de": "Die Gespräche in deinem Tandem und deine Reflexionen sind vertraulich. Veröffentlicht"
        " werden nur anonymisierte Erfolge, die du selbst teilen möchtest.",
    },
    "survey.consent.option": {
        "en": "I understand and agree",
        "de": "Ich habe das verstanden und stimme zu",
    },
    "survey.error.required": {"en": "Please answer this.", "de": "Bitte beantworte das."},
    "survey.error.years": {
        "en": "Please enter whole years from 0 to {years_max}.",
        "de": "Bitte gib ganze Jahre von 0 bis {years_max} an.",
    },
    "survey.error.department_other_missing": {
        "en": "You picked “Other”: please name your department.",
        "de": "Du hast „Anderer“ gewählt: Bitte nenne deinen Bereich.",
    },
    "survey.error.name_too_long": {
        "en": "Please keep this to {name_max} characters.",
        "de": "Bitte höchstens {name_max} Zeichen.",
    },
    "survey.error.unknown_option": {
        "en": "That choice is no longer available. Please choose again.",
        "de": "Diese Auswahl gibt es nicht mehr. Bitte wähle noch einmal.",
    },
    "survey.error.too_many_topics": {
        "en": "Please pick at most {topics_max} topics.",
        "de": "Bitte wähle höchstens {topics_max} Themen.",
    },
    "survey.error.teach_topics_needed": {
        "en": "You'd like to teach: please pick at least one topic you can teach.",
        "de": "Du möchtest vermitteln: Bitte wähle mindestens ein Thema, das du vermitteln kannst.",
    },
    "survey.error.learn_topics_needed": {
        "en": "You'd like to learn: please pick at least one topic you want to learn.",
        "de": "Du möchtest lernen: Bitte wähle mindestens ein Thema, das du lernen möchtest.",
    },
    "survey.error.topic_both_ways": {
        "en": "A topic can't be both one you teach and one you learn. Please pick it only once.",
        "de": "Ein Thema kann nicht zugleich vermittelt und gelernt werden. Bitte wähle es nur"
        " einmal.",
    },
    "survey.error.goal_too_long": {
        "en": "Please keep your goal to {goal_max} characters.",
        "de": "Bitte fasse dein Ziel in höchstens {goal_max} Zeichen.",
    },
    "survey.error.hours_range": {
        "en": "Your day should end {shortest_hours} to {longest_hours} hours after it starts.",
        "de": "Dein Tag sollte {shortest_hours} bis {longest_hours} Stunden nach Beginn enden.",
    },
    "survey.error.weekdays_needed": {
        "en": "Please pick at least one day.",
        "de": "Bitte wähle mindestens einen Tag.",
    },
    "survey.error.format_needed": {
        "en": "Please pick at least one way to meet.",
        "de": "Bitte wähle mindestens eine Art, dich zu treffen.",
    },
    "survey.error.language_needed": {
        "en": "Please pick at least one language.",
        "de": "Bitte wähle mindestens eine Sprache.",
    },
    "survey.error.timezone_unknown": {
        "en": "I don't know this timezone. Use a name like Europe/Berlin or America/New_York.",
        "de": "Diese Zeitzone kenne ich nicht. Nutze einen Namen wie Europe/Berlin oder"
        " America/New_York.",
    },
    "survey.error.too_many_people": {
        "en": "Please pick at most {people_max} people.",
        "de": "Bitte wähle höchstens {people_max} Personen.",
    },
    "survey.error.consent_needed": {
        "en": "Please confirm this to take part.",
        "de": "Bitte bestätige das, um teilzunehmen.",
    },
    "survey.open_failed": {
        "en": "I couldn't open the survey just now. Please try again, or type `/mentoring profile`.",
        "de": "Ich konnte die Umfrage gerade nicht öffnen. Bitte versuch es noch einmal oder tippe"
        " `/mentoring profile`.",
    },
    "survey.not_joined": {
        "en": "You're not in the program (any more), so I haven't saved this. Type"
        " `/mentoring join` to take part.",
        "de": "Du bist nicht (mehr) im Programm, daher habe ich nichts gespeichert. Mit"
        " `/mentoring join` kannst du teilnehmen.",
    },
    "survey.continue": {"en": "Continue the survey", "de": "Umfrage fortsetzen"},
    "survey.reminder": {
        "en": "Hi! Your mentoring survey isn't finished yet. It takes about 3 minutes, and I can"
        " only look for a partner for you once it's done. What you've answered so far is saved.",
        "de": "Hallo! Deine Mentoring-Umfrage ist noch nicht fertig. Sie dauert etwa 3 Minuten,"
        " und erst danach kann ich ein Tandem für dich suchen. Was du schon beantwortet hast, ist"
        " gespeichert.",
    },
    # The profile summary
    "profile.complete": {
        "en": "*You're all set, thank you!* :tada:\nWhat happens next: a program lead reviews the"
        " match proposals, and you and your partner both accept before anything starts. I'll"
        " message you here. `/mentoring profile` shows and edits your answers at any time.",
        "de": "*Alles erledigt, danke!* :tada:\nSo geht es weiter: Die Programmleitung prüft die"
        " Match-Vorschläge, und du und dein Tandem stimmt beide zu, bevor es losgeht. Ich melde"
        " mich hier. Mit `/mentoring profile` siehst und änderst du deine Antworten jederzeit.",
    },
    "profile.saved": {
        "en": ":white_check_mark: Saved. Changes count for future matches; a pair you already"
        " have stays as it is.",
        "de": ":white_check_mark: Gespeichert. Änderungen gelten für künftige Matches; ein"
        " bestehendes Tandem bleibt, wie es ist.",
    },
    "profile.role": {"en": "*Role:* {value}", "de": "*Rolle:* {value}"},
    "profile.stage": {"en": "*Career stage:* {value}", "de": "*Karrierestufe:* {value}"},
    "profile.years": {
        "en": "*Years in the company:* {value}",
        "de": "*Jahre im Unternehmen:* {value}",
    },
    "profile.department": {"en": "*Department:* {value}", "de": "*Bereich:* {value}"},
    "profile.teach": {"en": "*I can teach:* {value}", "de": "*Ich kann vermitteln:* {value}"},
    "profile.learn": {"en": "*I want to learn:* {value}", "de": "*Ich möchte lernen:* {value}"},
    "profile.goal": {"en": "*My goal:* {value}", "de": "*Mein Ziel:* {value}"},
    "profile.hours": {
        "en": "*Working hours:* {start} to {end} ({timezone})",
        "de": "*Arbeitszeit:* {start} bis {end} ({timezone})",
    },
    "profile.weekdays": {"en": "*Meeting days:* {value}", "de": "*Tage für Treffen:* {value}"},
    "profile.formats": {"en": "*How I can meet:* {value}", "de": "*Treffen:* {value}"},
    "profile.languages": {"en": "*Languages:* {value}", "de": "*Sprachen:* {value}"},
    "profile.do_not_pair": {
        "en": "*Not to be paired with:* {count} (confidential)",
        "de": "*Kein Tandem mit:* {count} (vertraulich)",
    },
    "profile.not_answered": {"en": "not answered", "de": "keine Angabe"},
    "profile.more": {"en": "and {count} more", "de": "und {count} weitere"},
    "profile.edit_about": {"en": "Edit: about me", "de": "Bearbeiten: über mich"},
    "profile.edit_meeting": {"en": "Edit: meeting & privacy", "de": "Bearbeiten: Treffen"},
    "profile.open": {"en": "My profile", "de": "Mein Profil"},
    # Default catalogue entries (stored under their English names)
    "topic.genai": {"en": "Generative AI and prompting", "de": "Generative KI und Prompting"},
    "topic.ai_tools": {"en": "AI tools for everyday work", "de": "KI-Tools im Arbeitsalltag"},
    "topic.automation": {
        "en": "Automation (no-code workflows)",
        "de": "Automatisierung (No-Code-Workflows)",
    },
    "topic.data_analysis": {
        "en": "Data analysis and visualisation",
        "de": "Datenanalyse und Visualisierung",
    },
    "topic.spreadsheets": {
        "en": "Spreadsheets beyond basics",
        "de": "Tabellenkalkulation für Fortgeschrittene",
    },
    "topic.social_media": {"en": "Social media and LinkedIn", "de": "Social Media und LinkedIn"},
    "topic.collaboration_tools": {"en": "Collaboration tools", "de": "Kollaborationstools"},
    "topic.hybrid_work": {"en": "Remote and hybrid work", "de": "Remote- und Hybridarbeit"},
    "topic.agile": {"en": "Agile methods", "de": "Agile Methoden"},
    "topic.diversity": {"en": "Diversity and inclusion", "de": "Diversität und Inklusion"},
    "topic.gen_z": {"en": "Gen Z perspectives", "de": "Perspektiven der Gen Z"},
    "topic.strategy": {"en": "Strategy", "de": "Strategie"},
    "topic.leadership": {"en": "Leadership", "de": "Führung"},
    "topic.decision_making": {"en": "Decision making", "de": "Entscheidungsfindung"},
    "topic.stakeholders": {"en": "Stakeholder management", "de": "Stakeholder-Management"},
    "topic.critical_ai": {
        "en": "Questioning AI output critically",
        "de": "KI-Ergebnisse kritisch hinterfragen",
    },
    "topic.career": {"en": "Career development", "de": "Karriereentwicklung"},
    "topic.company_knowhow": {"en": "Company know-how", "de": "Unternehmenswissen"},
    "department.engineering": {"en": "Engineering and IT", "de": "Technik und IT"},
    "department.product": {"en": "Product", "de": "Produkt"},
    "department.sales": {"en": "Sales", "de": "Vertrieb"},
    "department.marketing": {"en": "Marketing", "de": "Marketing"},
    "department.customer_service": {"en": "Customer service", "de": "Kundenservice"},
    "department.finance": {"en": "Finance", "de": "Finanzen"},
    "department.people": {"en": "HR and people", "de": "Personal"},
    "department.operations": {"en": "Operations", "de": "Betrieb"},
    "department.legal": {"en": "Legal and compliance", "de": "Recht und Compliance"},
    "department.management": {"en": "Management", "de": "Geschäftsleitung"},
    "language.en": {"en": "English", "de": "Englisch"},
    "language.de": {"en": "German", "de": "Deutsch"},
    "language.fr": {"en": "French", "de": "Französisch"},
    "language.es": {"en": "Spanish", "de": "Spanisch"},
    "language.it": {"en": "Italian", "de": "Italienisch"},
    "language.pt": {"en": "Portuguese", "de": "Portugiesisch"},
    "language.nl": {"en": "Dutch", "de": "Niederländisch"},
    "language.pl": {"en": "Polish", "de": "Polnisch"},
    "language.tr": {"en": "Turkish", "de": "Türkisch"},
    "language.uk": {"en": "Ukrainian", "de": "Ukrainisch"},
    "language.ar": {"en": "Arabic", "de": "Arabisch"},
    "language.hi": {"en": "Hindi", "de": "Hindi"},
    "language.zh": {"en": "Chinese", "de": "Chinesisch"},
    "weekday.0": {"en": "Mon", "de": "Mo"},
    "weekday.1": {"en": "Tue", "de": "Di"},
    "weekday.2": {"en": "Wed", "de": "Mi"},
    "weekday.3": {"en": "Thu", "de": "Do"},
    "weekday.4": {"en": "Fri", "de": "Fr"},
    "weekday.5": {"en": "Sat", "de": "Sa"},
    "weekday.6": {"en": "Sun", "de": "So"},
    # Leads: the topic and department catalogues
    "lead.only": {
        "en": "Only program leads can do that. Ask your program lead if something should change.",
        "de": "Das kann nur die Programmleitung. Frag sie, wenn sich etwas ändern soll.",
    },
    "catalogue.topics": {
        "en": "*Topics* (shown in the survey; at most {max} of {name_max} characters each)",
        "de": "*Themen* (in der Umfrage; höchstens {max} mit je {name_max} Zeichen)",
    },
    "catalogue.departments": {
        "en": "*Departments* (plus “Other”; at most {max} of {name_max} characters each)",
        "de": "*Bereiche* (plus „Anderer“; höchstens {max} mit je {name_max} Zeichen)",
    },
    "catalogue.topics_usage": {
        "en": "`/mentoring topics add digital NAME`, `/mentoring topics add leadership NAME`,"
        " `/mentoring topics remove NUMBER`",
        "de": "`/mentoring topics add digital NAME`, `/mentoring topics add leadership NAME`,"
        " `/mentoring topics remove NUMMER`",
    },
    "catalogue.departments_usage": {
        "en": "`/mentoring departments add NAME`, `/mentoring departments remove NUMBER`",
        "de": "`/mentoring departments add NAME`, `/mentoring departments remove NUMMER`",
    },
    "catalogue.added": {
        "en": "Added *{name}*. New survey answers can pick it from now on.",
        "de": "*{name}* hinzugefügt. Neue Umfrageantworten können es ab jetzt wählen.",
    },
    "catalogue.removed": {
        "en": "Removed *{name}* from the survey. Profiles that chose it keep it.",
        "de": "*{name}* aus der Umfrage entfernt. Profile, die es gewählt haben, behalten es.",
    },
    "catalogue.not_found": {
        "en": "There is no entry number {number}. `/mentoring {list}` shows the numbers.",
        "de": "Es gibt keinen Eintrag Nummer {number}. `/mentoring {list}` zeigt die Nummern.",
    },
    "catalogue.error.usage": {
        "en": "I didn't understand that.",
        "de": "Das habe ich nicht verstanden.",
    },
    "catalogue.error.remove_usage": {
        "en": "Say which number to remove, e.g. `remove 12`.",
        "de": "Sag, welche Nummer entfernt werden soll, z. B. `remove 12`.",
    },
    "catalogue.error.kind": {
        "en": "Say whether the topic is `digital` or `leadership`, e.g."
        " `/mentoring topics add digital Power BI`.",
        "de": "Sag, ob das Thema `digital` oder `leadership` ist, z. B."
        " `/mentoring topics add digital Power BI`.",
    },
    "catalogue.error.empty": {"en": "The name is missing.", "de": "Der Name fehlt."},
    "catalogue.error.last": {
        "en": "That is the last topic; the survey needs at least one. Add another one first.",
        "de": "Das ist das letzte Thema; die Umfrage braucht mindestens eins. Füge zuerst ein"
        " anderes hinzu.",
    },
    "catalogue.error.too_long": {
        "en": "Names can be at most {name_max} characters (Slack's limit for a choice).",
        "de": "Namen dürfen höchstens {name_max} Zeichen haben (Slacks Grenze für eine Auswahl).",
    },
    "catalogue.error.duplicate": {
        "en": "That name is already in the list.",
        "de": "Diesen Namen gibt es schon.",
    },
    "catalogue.error.full": {
        "en": "The list is full ({max} entries). Remove one first.",
        "de": "Die Liste ist voll ({max} Einträge). Entferne zuerst einen.",
    },
    # /mentoring status
    "status.not_joined": {
        "en": "You haven't joined the program yet. Type `/mentoring join` to take part.",
        "de": "Du bist noch nicht dabei. Mit `/mentoring join` kannst du teilnehmen.",
    },
    "status.left": {
        "en": "You left *{cohort}*. Type `/mentoring join` if you'd like to come back.",
        "de": "Du hast *{cohort}* verlassen. Mit `/mentoring join` kannst du zurückkommen.",
    },
    "status.joined": {"en": "You're part of *{cohort}*.", "de": "Du bist in *{cohort}* dabei."},
    "status.survey_done": {
        "en": "• Survey: done :white_check_mark:",
        "de": "• Umfrage: erledigt :white_check_mark:",
    },
    "status.survey_open": {
        "en": "• Survey: not done yet (see my DM)",
        "de": "• Umfrage: noch offen (siehe meine Direktnachricht)",
    },
    "status.no_pair": {
        "en": "• Pair: not matched yet",
        "de": "• Tandem: noch kein Match",
    },
    "status.no_checkin": {
        "en": "• Next check-in: none scheduled yet",
        "de": "• Nächstes Treffen: noch keins geplant",
    },
    "status.active": {"en": "• Matching and nudges: on", "de": "• Matching und Erinnerungen: an"},
    "status.paused": {
        "en": "• Matching and nudges: paused until you resume",
        "de": "• Matching und Erinnerungen: pausiert, bis du sie fortsetzt",
    },
    "status.paused_until": {
        "en": "• Matching and nudges: paused, back on {date}",
        "de": "• Matching und Erinnerungen: pausiert, ab {date} wieder an",
    },
    # /mentoring pause / resume
    "pause.done": {
        "en": "Paused. No matching and no nudges until you type `/mentoring resume`.",
        "de": "Pausiert. Kein Matching und keine Erinnerungen, bis du `/mentoring resume` tippst.",
    },
    "pause.done_until": {
        "en": "Paused. No matching and no nudges; you're back in on {date}.",
        "de": "Pausiert. Kein Matching und keine Erinnerungen; ab {date} bist du wieder dabei.",
    },
    "pause.bad_date": {
        "en": "I couldn't read that date. Try `/mentoring pause until 2026-12-24` (year-month-day).",
        "de": "Das Datum konnte ich nicht lesen. Versuch `/mentoring pause until 2026-12-24`"
        " (Jahr-Monat-Tag).",
    },
    "pause.date_not_future": {
        "en": "That date isn't in the future. Pick a day from tomorrow on.",
        "de": "Dieses Datum liegt nicht in der Zukunft. Wähle einen Tag ab morgen.",
    },
    "pause.date_too_far": {
        "en": "A pause can last up to a year. Pick an earlier date, or leave the program instead.",
        "de": "Eine Pause dauert höchstens ein Jahr. Wähle ein früheres Datum oder verlasse das"
        " Programm.",
    },
    "resume.done": {
        "en": "Welcome back! Matching and nudges are on again.",
        "de": "Schön, dass du wieder da bist! Matching und Erinnerungen sind wieder an.",
    },
    "resume.pair_done": {
        "en": "Your pair is back on: I've told your partner, and the nudges resume.",
        "de": "Euer Tandem läuft wieder: Ich habe es deinem Gegenüber gesagt, und die"
        " Erinnerungen gehen weiter.",
    },
    "resume.not_paused": {
        "en": "You're not paused, so there's nothing to resume.",
        "de": "Du bist nicht pausiert, es gibt nichts fortzusetzen.",
    },
    "not_joined": {
        "en": "You haven't joined the program. Type `/mentoring join` to take part.",
        "de": "Du bist nicht im Programm. Mit `/mentoring join` kannst du teilnehmen.",
    },
    # /mentoring leave
    "leave.question": {
        "en": "Do you really want to leave *{cohort}*? You won't be matched or nudged any more.",
        "de": "Möchtest du *{cohort}* wirklich verlassen? Du wirst dann nicht mehr gematcht oder"
        " erinnert.",
    },
    "leave.confirm": {"en": "Yes, leave", "de": "Ja, verlassen"},
    "leave.cancel": {"en": "No, stay", "de": "Nein, bleiben"},
    "leave.done": {
        "en": "You've left the program. Thank you for taking part! `/mentoring join` brings you"
        " back any time.",
        "de": "Du hast das Programm verlassen. Danke fürs Mitmachen! Mit `/mentoring join` kommst"
        " du jederzeit zurück.",
    },
    "leave.cancelled": {
        "en": "Good to have you! Nothing has changed.",
        "de": "Schön, dass du bleibst! Es hat sich nichts geändert.",
    },
    # App Home
    "home.title": {"en": "Reverse mentoring", "de": "Reverse Mentoring"},
    "home.intro": {
        "en": (
            "Colleagues teach each other across generations: digital natives share AI and digital"
            " skills, leaders share judgement and strategy. Voluntary, confidential, a check-in"
            " every two weeks."
        ),
        "de": (
            "Kolleginnen und Kollegen lernen generationsübergreifend voneinander: Digital Natives"
            " teilen KI- und Digitalkompetenzen, Führungskräfte Urteilsvermögen und Strategie."
            " Freiwillig, vertraulich, ein Treffen alle zwei Wochen."
        ),
    },
    "home.status_heading": {"en": "Your status", "de": "Dein Status"},
    "home.join": {"en": "Join the program", "de": "Am Programm teilnehmen"},
    "help.lead": {
        "en": "*For program leads*\n"
        "• `/mentoring topics`: the survey's topic catalogue, to add or remove topics\n"
        "• `/mentoring departments`: the survey's department list\n"
        "• `/mentoring cohort show` or `/mentoring cohort set KEY VALUE`: the cohort's settings\n"
        "• `/mentoring cohort edit` or `/mentoring cohort new`: the settings in a form, or a new"
        " cohort\n"
        "• `/mentoring cohort open` or `/mentoring cohort close`: open or close joining\n"
        "• `/mentoring match`: propose pairs for your review\n"
        "• `/mentoring wins`: shared wins to approve, edit or drop before they are posted\n"
        "• `/mentoring lead list`, `lead add @person`, `lead remove @person`: the program leads\n"
        "• `/mentoring digest [cohort]`: the cohort's digest with a chart and a CSV, in your DM\n"
        "• `/mentoring audit`: the audit log of lead actions, exports and deletions",
        "de": "*Für die Programmleitung*\n"
        "• `/mentoring topics`: der Themenkatalog der Umfrage, zum Ergänzen oder Entfernen\n"
        "• `/mentoring departments`: die Bereichsliste der Umfrage\n"
        "• `/mentoring cohort show` oder `/mentoring cohort set SCHLÜSSEL WERT`: die"
        " Einstellungen der Kohorte\n"
        "• `/mentoring cohort edit` oder `/mentoring cohort new`: die Einstellungen als"
        " Formular, oder eine neue Kohorte\n"
        "• `/mentoring cohort open` oder `/mentoring cohort close`: Anmeldung öffnen oder"
        " schließen\n"
        "• `/mentoring match`: Paare zur Prüfung vorschlagen\n"
        "• `/mentoring wins`: geteilte Erfolge freigeben, bearbeiten oder verwerfen\n"
        "• `/mentoring lead list`, `lead add @person`, `lead remove @person`: die Programmleitung\n"
        "• `/mentoring digest [Kohorte]`: der Digest der Kohorte mit Diagramm und CSV, per DM\n"
        "• `/mentoring audit`: das Audit-Log der Aktionen der Programmleitung, Exporte und"
        " Löschungen",
    },
    # Buttons and errors
    "action.not_for_you": {
        "en": "This button belongs to someone else, so I've ignored it.",
        "de": "Dieser Button gehört jemand anderem, daher habe ich ihn ignoriert.",
    },
    "error.not_saved": {
        "en": "Sorry, something went wrong on my side and nothing was saved. Please try again in a"
        " minute.",
        "de": "Entschuldige, bei mir ist etwas schiefgelaufen und nichts wurde gespeichert. Bitte"
        " versuch es in einer Minute noch einmal.",
    },
    "error.generic": {
        "en": "Sorry, something went wrong on my side. Please try again in a minute.",
        "de": "Entschuldige, bei mir ist etwas schiefgelaufen. Bitte versuch es in einer Minute"
        " noch einmal.",
    },
    # Lead alerts
    "outbox_kind.welcome": {"en": "the welcome message", "de": "die Willkommensnachricht"},
    "outbox_kind.survey_reminder": {
        "en": "the survey reminder",
        "de": "die Erinnerung an die Umfrage",
    },
    "outbox_kind.profile_summary": {
        "en": "the profile summary",
        "de": "die Profilübersicht",
    },
    "outbox_kind.lead_alert": {"en": "a lead alert", "de": "einen Leitungshinweis"},
    "lead.delivery_failed": {
        "en": "I couldn't deliver {kind} to {target}: Slack said `{error}`. I've given up on it;"
        " please check that the person or channel is still there.",
        "de": "Ich konnte {target} {kind} nicht zustellen: Slack meldete `{error}`. Ich habe es"
        " aufgegeben; bitte prüfe, ob es die Person oder den Kanal noch gibt.",
    },
}

MESSAGES.update(MATCHING_MESSAGES)
MESSAGES.update(CHECKIN_MESSAGES)
MESSAGES.update(REFLECTION_MESSAGES)
MESSAGES.update(LEAD_MESSAGES)
MESSAGES.update(ROSTER_MESSAGES)
MESSAGES.update(COHORT_MESSAGES)
MESSAGES.update(AUDIT_MESSAGES)
MESSAGES.update(MY_DATA_MESSAGES)
MESSAGES.update(ERASURE_MESSAGES)
MESSAGES.update(PEOPLE_MESSAGES)
MESSAGES.update(FAULT_MESSAGES)


def language(locale: str | None) -> str:
    """The catalogue language for a Slack locale such as "de-DE"; English when unsupported."""
    prefix = (locale or "").split("-")[0].split("_")[0].lower()
    return prefix if prefix in LANGUAGES else FALLBACK


def t(locale: str | None, key: str, **params: Any) -> str:
    """The catalogue text for `key` in the person's language, with `params` filled in."""
    return MESSAGES[key][language(locale)].format(**params)


def in_every_language(key: str, **params: Any) -> str:
    """The message in each language, one paragraph each: for when the reader's locale is not
    known yet."""
    return "\n\n".join(t(lang, key, **params) for lang in LANGUAGES)


def format_date(locale: str | None, value: date) -> str:
    """A calendar date the way the person's language writes it."""
    if language(locale) == "de":
        return value.strftime("%d.%m.%Y")
    return f"{value.day} {value:%b %Y}"
