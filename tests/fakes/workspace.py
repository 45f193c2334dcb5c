"""The people of the stand-in's workspace, shared by tests and the offline demo."""

from tests.fakes.slack_api import FakeUser

LEAD = FakeUser("U0MARIA", "maria", "Maria Schmidt", "Europe/Berlin", "de-DE")
PEOPLE = [
    FakeUser("U0LEA", "lea", "Lea Wagner", "Europe/Berlin", "de-DE"),
    FakeUser("U0JONAS", "jonas", "Jonas Becker", "Europe/Berlin", "de-DE"),
    FakeUser("U0AMIRA", "amira", "Amira Khan", "Europe/London", "en-GB"),
    FakeUser("U0BEN", "ben", "Ben Carter", "America/New_York", "en-US"),
    FakeUser("U0CHEN", "chen", "Chen Wei", "Asia/Singapore", "en-US"),
    FakeUser("U0SOFIA", "sofia", "Sofia Rossi", "Europe/Rome", "en-US"),
    FakeUser("U0TOM", "tom", "Tom Müller", "Europe/Zurich", "de-CH"),
    FakeUser("U0PRIYA", "priya", "Priya Nair", "Asia/Kolkata", "en-IN"),
    FakeUser("U0DIEGO", "diego", "Diego López", "America/Mexico_City", "es-LA"),
    FakeUser("U0EMMA", "emma", "Emma Jones", "Australia/Sydney", "en-AU"),
    FakeUser("U0NOAH", "noah", "Noah Fischer", "Europe/Vienna", "de-AT"),
]
BOT = FakeUser("U0HELPER", "helperbot", "Helper Bot", is_bot=True)
GONE = FakeUser("U0GONE", "gone", "Former Colleague", deleted=True)

EVERYONE = [LEAD, *PEOPLE, BOT, GONE]
