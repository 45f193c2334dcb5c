"""The one message catalogue for participant-facing text, in English and German.

Pick the language from the person's Slack locale (e.g. "de-DE"); English is the fallback.
Placeholders use `str.format` names; values a person typed must be escaped by the caller.
"""

from datetime import date
from typing import Any

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
            "• `/mentoring pause` or `/mentoring pause until 2026-12-24`: no matching or nudges"
            " for a while\n"
            "• `/mentoring resume`: back in after a pause\n"
            "• `/mentoring leave`: leave the program\n"
            "• `/mentoring help`: this list"
        ),
        "de": (
            "*Reverse Mentoring: das kannst du tun*\n"
            "• `/mentoring join`: am Programm teilnehmen\n"
            "• `/mentoring status`: was ich über dich weiß\n"
            "• `/mentoring pause` oder `/mentoring pause until 2026-12-24`: eine Weile kein"
            " Matching und keine Erinnerungen\n"
            "• `/mentoring resume`: nach einer Pause wieder dabei sein\n"
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
    "survey.coming_soon": {
        "en": "The onboarding survey is almost ready. I'll message you as soon as it opens.",
        "de": "Die Einstiegsumfrage ist fast fertig. Ich melde mich, sobald sie bereitsteht.",
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
    # Buttons and errors
    "action.not_for_you": {
        "en": "This button belongs to someone else, so I've ignored it.",
        "de": "Dieser Button gehört jemand anderem, daher habe ich ihn ignoriert.",
    },
    "error.generic": {
        "en": "Sorry, something went wrong on my side. Please try again in a minute.",
        "de": "Entschuldige, bei mir ist etwas schiefgelaufen. Bitte versuch es in einer Minute"
        " noch einmal.",
    },
    # Lead alerts
    "outbox_kind.welcome": {"en": "the welcome message", "de": "die Willkommensnachricht"},
    "outbox_kind.lead_alert": {"en": "a lead alert", "de": "einen Leitungshinweis"},
    "lead.delivery_failed": {
        "en": "I couldn't deliver {kind} to {target}: Slack said `{error}`. I've given up on it;"
        " please check that the person or channel is still there.",
        "de": "Ich konnte {target} {kind} nicht zustellen: Slack meldete `{error}`. Ich habe es"
        " aufgegeben; bitte prüfe, ob es die Person oder den Kanal noch gibt.",
    },
}


def language(locale: str | None) -> str:
    """The catalogue language for a Slack locale such as "de-DE"; English when unsupported."""
    prefix = (locale or "").split("-")[0].split("_")[0].lower()
    return prefix if prefix in LANGUAGES else FALLBACK


def t(locale: str | None, key: str, **params: Any) -> str:
    """The catalogue text for `key` in the person's language, with `params` filled in."""
    return MESSAGES[key][language(locale)].format(**params)


def format_date(locale: str | None, value: date) -> str:
    """A calendar date the way the person's language writes it."""
    if language(locale) == "de":
        return value.strftime("%d.%m.%Y")
    return f"{value.day} {value:%b %Y}"
