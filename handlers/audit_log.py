"""`/mentoring audit`: the workspace's audit log for its leads (the caller checked the lead)."""

from bot.messages import MESSAGES, t
from bot.mrkdwn import escape
from bot.pseudonyms import is_pseudonym
from bot.survey import SLACK_USER_ID
from handlers.services import Services
from storage import audit
from storage.models import AuditEntry, Cohort

SHOWN = 30


def audit_reply(services: Services, team_id: str, locale: str | None) -> str:
    """The newest entries, newest first, one line each; mrkdwn."""
    with services.sessions() as session:
        entries = audit.latest(session, team_id, SHOWN)
        cohort_ids = {entry.cohort_id for entry in entries if entry.cohort_id is not None}
        names = {
            cohort_id: cohort.name
            for cohort_id in cohort_ids
            if (cohort := session.get(Cohort, cohort_id)) is not None
        }
    if not entries:
        return t(locale, "audit.empty")
    lines = [t(locale, "audit.heading", shown=len(entries))]
    lines += [_line(entry, names, locale) for entry in entries]
    return "\n".join(lines)


def _line(entry: AuditEntry, cohorts: dict[int, str], locale: str | None) -> str:
    key = f"audit.action.{entry.action}"
    subject = _who(entry.subject, locale) if entry.subject else ""
    what = t(locale, key, subject=subject) if key in MESSAGES else f"`{escape(entry.action)}`"
    parts = [f"`{entry.at:%Y-%m-%d %H:%M}`", _who(entry.actor, locale), what]
    if entry.cohort_id in cohorts:
        parts.append(t(locale, "audit.in_cohort", cohort=escape(cohorts[entry.cohort_id])))
    if entry.details:
        details = " ".join(f"{escape(str(k))}={escape(str(v))}" for k, v in entry.details.items())
        parts.append(f"(`{details}`)")
    return " ".join(parts)


def _who(name: str, locale: str | None) -> str:
    """A Slack ID as a mention, a pseudonym as "a participant", the bot as itself; other
    subjects (a round, a win) as they are."""
    if name == audit.BOT_ACTOR:
        return t(locale, "audit.actor.bot")
    if is_pseudonym(name):
        return t(locale, "audit.actor.participant")
    if SLACK_USER_ID.fullmatch(name):
        return f"<@{name}>"
    return escape(name)
