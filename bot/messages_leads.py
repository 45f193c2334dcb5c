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
    "leads.configured": {
        "en": "<@{user}> is a lead through the PROGRAM_LEADS setting; change it there.",
        "de": "<@{user}> gehört über die Einstellung PROGRAM_LEADS zur Programmleitung; ändere"
        " es dort.",
    },
}
