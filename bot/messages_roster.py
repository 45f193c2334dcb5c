"""The roster import's part of the message catalogue (merged into `bot.messages.MESSAGES`): the
invite DM, why a roster line was refused, and what `python -m bot import-roster` prints."""

ROSTER_MESSAGES: dict[str, dict[str, str]] = {
    # The invite DM
    "roster.invite.text": {
        "en": (
            "*You're invited to reverse mentoring: {cohort}* :wave:\n"
            "Colleagues at different stages teach each other: digital and AI skills one way,"
            " judgement and strategy the other, in pairs that meet regularly.\n"
            "• *Voluntary*: join only if you want to; nothing happens until you press the button.\n"
            "• *Confidential*: what is said in a pair stays in the pair.\n"
            "If you join, the survey starts with your department and career stage as HR has"
            " them, and you are never paired with your manager."
        ),
        "de": (
            "*Du bist zum Reverse Mentoring eingeladen: {cohort}* :wave:\n"
            "Kolleginnen und Kollegen verschiedener Karrierestufen lernen voneinander: digitale"
            " und KI-Kenntnisse in die eine Richtung, Urteilsvermögen und Strategie in die andere."
            " Die Tandems treffen sich regelmäßig.\n"
            "• *Freiwillig*: Mach nur mit, wenn du möchtest; ohne Klick auf den Knopf passiert"
            " nichts.\n"
            "• *Vertraulich*: Was im Tandem gesagt wird, bleibt im Tandem.\n"
            "Wenn du mitmachst, beginnt die Umfrage mit deinem Bereich und deiner Karrierestufe,"
            " wie die Personalabteilung sie kennt, und du wirst nie mit deiner Führungskraft"
            " zusammengebracht."
        ),
    },
    "outbox_kind.roster_invite": {"en": "an invitation", "de": "eine Einladung"},
    # Why a line of the roster cannot be used
    "roster.error.email": {
        "en": "the email address is missing or malformed",
        "de": "die E-Mail-Adresse fehlt oder ist fehlerhaft",
    },
    "roster.error.manager_email": {
        "en": "the manager's email address is malformed",
        "de": "die E-Mail-Adresse der Führungskraft ist fehlerhaft",
    },
    "roster.error.own_manager": {
        "en": "the person is named as their own manager",
        "de": "die Person ist als ihre eigene Führungskraft angegeben",
    },
    "roster.error.career_stage": {
        "en": "unknown career stage (use one of {stages}, or leave it empty)",
        "de": "unbekannte Karrierestufe (nutze {stages} oder lass das Feld leer)",
    },
    "roster.error.department_long": {
        "en": "the department is longer than {max} characters",
        "de": "der Bereich ist länger als {max} Zeichen",
    },
    "roster.error.columns": {
        "en": "more than {count} columns",
        "de": "mehr als {count} Spalten",
    },
    "roster.error.duplicate": {
        "en": "the same email address as line {first}",
        "de": "dieselbe E-Mail-Adresse wie Zeile {first}",
    },
    "roster.error.duplicate_user": {
        "en": "the same Slack user as line {first}",
        "de": "dieselbe Slack-Person wie Zeile {first}",
    },
    "roster.error.unknown_user": {
        "en": "no Slack user has this email address",
        "de": "keine Slack-Person hat diese E-Mail-Adresse",
    },
    "roster.error.unknown_manager": {
        "en": "no Slack user has the manager's email address",
        "de": "keine Slack-Person hat die E-Mail-Adresse der Führungskraft",
    },
    "roster.error.deactivated": {
        "en": "the Slack account is deactivated",
        "de": "das Slack-Konto ist deaktiviert",
    },
    "roster.error.bot": {
        "en": "the Slack user is a bot or an app",
        "de": "die Slack-Person ist ein Bot oder eine App",
    },
    "roster.error.guest": {
        "en": "the Slack user is a guest",
        "de": "die Slack-Person ist ein Gast",
    },
    # A file that is no roster at all
    "roster.error.file_too_big": {
        "en": "the file is larger than {limit} MB",
        "de": "die Datei ist größer als {limit} MB",
    },
    "roster.error.too_many_lines": {
        "en": "the file has more than {limit} lines: split it",
        "de": "die Datei hat mehr als {limit} Zeilen: teile sie auf",
    },
    "roster.error.empty": {"en": "the file is empty", "de": "die Datei ist leer"},
    "roster.error.not_csv": {
        "en": "the file is not valid CSV (line {line})",
        "de": "die Datei ist kein gültiges CSV (Zeile {line})",
    },
    "roster.error.header": {
        "en": "the header row names unknown or repeated columns (use {columns})",
        "de": "die Kopfzeile nennt unbekannte oder doppelte Spalten (nutze {columns})",
    },
    # python -m bot import-roster
    "roster.cli.line": {"en": "line {line}: {reason}", "de": "Zeile {line}: {reason}"},
    "roster.cli.rejected": {
        "en": "{count} line(s) rejected; nothing was imported.",
        "de": "{count} Zeile(n) abgelehnt; nichts wurde importiert.",
    },
    "roster.cli.done": {
        "en": "Invited {invited} people to {cohort}; {skipped} were in it or invited already."
        " The bot sends the invitations in each person's working hours.",
        "de": "{invited} Personen zu {cohort} eingeladen; {skipped} waren schon dabei oder"
        " eingeladen. Der Bot verschickt die Einladungen in der Arbeitszeit der Personen.",
    },
    "roster.cli.unreadable": {
        "en": "cannot read {file}: {reason}",
        "de": "{file} kann nicht gelesen werden: {reason}",
    },
    "roster.cli.no_cohort": {
        "en": "there is no cohort named {cohort} in workspace {team}",
        "de": "im Workspace {team} gibt es keine Kohorte namens {cohort}",
    },
    "roster.cli.team_needed": {
        "en": "give the workspace with --team T…: the app is installed by OAuth in several",
        "de": "gib den Workspace mit --team T… an: die App ist per OAuth in mehreren installiert",
    },
    "roster.cli.not_installed": {
        "en": "the app is not installed in workspace {team}",
        "de": "die App ist im Workspace {team} nicht installiert",
    },
    "roster.cli.closed_cohort": {
        "en": "cohort {cohort} is not open for joining: invite people to the open cohort",
        "de": "die Kohorte {cohort} ist nicht für Beitritte offen: lade zur offenen Kohorte ein",
    },
    "roster.cli.slack_failed": {
        "en": "Slack refused {method} ({error}): check the token and its users:read.email scope",
        "de": "Slack lehnte {method} ab ({error}): prüfe das Token und seinen Scope"
        " users:read.email",
    },
    "roster.cli.progress": {"en": "resolving", "de": "suche"},
}
