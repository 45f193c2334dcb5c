"""`/mentoring cohort show` and `/mentoring cohort set KEY VALUE`: the open cohort's settings."""

import logging

from bot.cohort_settings import SettingError, check_dates, parse_setting
from bot.messages import format_date, t
from bot.mrkdwn import escape
from handlers.services import Services
from storage.models import Cohort
from storage.programs import ensure_current_cohort

log = logging.getLogger(__name__)


def cohort_command(
    services: Services, team_id: str, user_id: str, argument: str, locale: str | None
) -> str:
    """Show or change a setting of the open cohort (the caller checked the lead); the answer
    says what happened (mrkdwn)."""
    words = argument.split(maxsplit=1)
    action = words[0].lower() if words else "show"
    if action not in ("show", "set"):
        return t(locale, "cohort.usage")
    with services.sessions() as session:
        cohort = ensure_current_cohort(session, team_id, services.now().date())
        if action == "show":
            return describe(locale, cohort)
        try:
            setting = parse_setting(words[1] if len(words) > 1 else "")
            check_dates(setting, cohort.starts_on, cohort.ends_on)
        except SettingError as error:
            problem = t(locale, error.reason)
            if error.reason in ("cohort.usage", "cohort.bad_range"):
                return problem
            return f"{problem}\n{t(locale, 'cohort.usage')}"
        setattr(cohort, setting.field, setting.value)
        session.add(cohort)
        session.flush()
        log.info("lead %s set %s of cohort %s", user_id, setting.field, cohort.id)
        return f"{t(locale, 'cohort.saved')}\n{describe(locale, cohort)}"


def describe(locale: str | None, cohort: Cohort) -> str:
    """The cohort's settings, one per line."""
    return t(
        locale,
        "cohort.show",
        name=escape(cohort.name),
        starts=format_date(locale, cohort.starts_on),
        ends=format_date(locale, cohort.ends_on),
        cadence=t(locale, f"cadence.{cohort.cadence}"),
        capacity=cohort.mentor_capacity,
        mutual=t(locale, "switch.on" if cohort.mutual_pairs else "switch.off"),
        mode=t(locale, f"mode.{cohort.matching_mode}"),
        timezone=cohort.timezone,
        channel=f"<#{cohort.wins_channel}>" if cohort.wins_channel else t(locale, "channel.none"),
        auto=t(locale, "switch.on" if cohort.wins_auto_post else "switch.off"),
        k=cohort.wins_k,
        every=t(locale, f"cadence.{cohort.wins_every}"),
        day=t(locale, f"weekday.{cohort.wins_weekday}"),
        at=cohort.wins_time.strftime("%H:%M"),
    )
