"""Catalogue entries of the audit log (`/mentoring audit`), in English and German."""

AUDIT_MESSAGES: dict[str, dict[str, str]] = {
    "audit.heading": {
        "en": "*Audit log: the latest {shown} entries* (times in UTC; no personal text is kept)",
        "de": "*Audit-Log: die letzten {shown} Einträge* (Zeiten in UTC; ohne persönliche Texte)",
    },
    "audit.empty": {
        "en": "The audit log is empty: no lead action has been recorded yet.",
        "de": "Das Audit-Log ist leer: Es wurde noch keine Aktion der Programmleitung erfasst.",
    },
    "audit.actor.participant": {"en": "A participant", "de": "Eine teilnehmende Person"},
    "audit.actor.bot": {"en": "The bot", "de": "Der Bot"},
    "audit.in_cohort": {"en": "in *{cohort}*", "de": "in *{cohort}*"},
    "audit.action.match_approved": {
        "en": "approved matching {subject}",
        "de": "hat Matching-Runde {subject} freigegeben",
    },
    "audit.action.lead_added": {
        "en": "made {subject} a program lead",
        "de": "hat {subject} zur Programmleitung hinzugefügt",
    },
    "audit.action.lead_removed": {
        "en": "removed {subject} from the program leads",
        "de": "hat {subject} aus der Programmleitung entfernt",
    },
    "audit.action.digest_exported": {
        "en": "exported the cohort's digest with its CSV of pairs",
        "de": "hat den Digest der Kohorte mit der CSV der Tandems exportiert",
    },
    "audit.action.win_approved": {
        "en": "approved shared {subject} for posting",
        "de": "hat geteilten Erfolg {subject} zum Posten freigegeben",
    },
    "audit.action.win_edited": {
        "en": "edited and approved shared {subject}",
        "de": "hat geteilten Erfolg {subject} bearbeitet und freigegeben",
    },
    "audit.action.win_dropped": {
        "en": "dropped shared {subject}",
        "de": "hat geteilten Erfolg {subject} verworfen",
    },
    "audit.action.data_exported": {
        "en": "downloaded their own data",
        "de": "hat die eigenen Daten heruntergeladen",
    },
    "audit.action.data_erased": {
        "en": "left and had their data deleted",
        "de": "ist ausgetreten und hat die eigenen Daten löschen lassen",
    },
    "audit.action.retention_deleted": {
        "en": "deleted reflections and wins past the retention period",
        "de": "hat Reflexionen und Erfolge nach Ablauf der Aufbewahrungsfrist gelöscht",
    },
    "audit.action.person_deactivated": {
        "en": "removed {subject}, deactivated in Slack or now a guest or bot account, from matching",
        "de": "hat {subject} (in Slack deaktiviert oder jetzt Gast- oder Bot-Konto) aus dem Matching"
        " genommen",
    },
}
