"""`/mentoring cohort show|set KEY VALUE|new|edit|open|close`: the current cohort's settings, the
cohort modal, and opening or closing joining."""

import logging
from typing import Any

from slack_sdk import WebClient

from bot.cohort_settings import SettingError, check_dates, parse_setting
from bot.messages import t
from bot.mrkdwn import escape
from handlers.cohort_blocks import describe
from handlers.cohort_modal import open_cohort_modal
from handlers.services import Services
from storage import cohorts
from storage.programs import ensure_current_cohort

log = logging.getLogger(__name__)


def cohort_command(
    services: Services,
    client: WebClient,
    request: dict[str, Any],
    argument: str,
    locale: str | None,
) -> str | None:
    """Carry out a lead's cohort command (the caller checked the lead) on the current cohort;
    the answer says what happened (mrkdwn), None when the modal opened instead."""
    team_id, user_id = request["team_id"], request["user_id"]
    words = argument.split(maxsplit=1)
    action = words[0].lower() if words else "show"
    if action in ("new", "edit"):  # the trigger expires in 3 s: open the modal first
        return open_cohort_modal(
            services, client, team_id, request["trigger_id"], locale, new=action == "new"
        )
    if action not in ("show", "set", "open", "close"):
        return t(locale, "cohort.usage")
    with services.sessions() as session:
        cohort = ensure_current_cohort(session, team_id, services.now().date())
        if action == "show":
            return describe(locale, cohort)
        if action in ("open", "close"):
            changed = cohorts.set_joining(session, cohort, action == "open")
            log.info("lead %s: %s joining cohort %s (%s)", user_id, action, cohort.id, changed)
            outcome = "done" if changed else "already"
            return t(locale, f"cohort.{action}_{outcome}", cohort=escape(cohort.name))
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
