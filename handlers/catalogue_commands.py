"""`/mentoring topics …` and `/mentoring departments …`: leads view and edit the survey's lists."""

import logging

from bot.catalogue import MAX_DEPARTMENTS, MAX_NAME, MAX_TOPICS, parse_edit
from bot.messages import t
from bot.mrkdwn import escape
from handlers.services import Services
from storage import catalogue
from storage.models import Department, Topic
from storage.programs import ensure_current_cohort

log = logging.getLogger(__name__)


def edit_catalogue(
    services: Services, team_id: str, user_id: str, name: str, argument: str, locale: str | None
) -> str:
    """Carry out a lead's catalogue command (the caller checked the lead) and say what happened."""
    topics = name == "topics"
    edit = parse_edit(argument, topics=topics)
    limit = MAX_TOPICS if topics else MAX_DEPARTMENTS
    usage = t(locale, f"catalogue.{name}_usage")
    if edit.problem:
        return f"{t(locale, edit.problem, name_max=MAX_NAME)}\n{usage}"
    with services.sessions() as session:
        program_id = ensure_current_cohort(session, team_id, services.now().date()).program_id
        if edit.action == "add":
            if topics:
                assert edit.kind is not None
                problem = catalogue.add_topic(session, program_id, edit.kind, edit.name)
            else:
                problem = catalogue.add_department(session, program_id, edit.name)
            if problem:
                return t(locale, problem, max=limit)
            log.info("lead %s added %s %r", user_id, name, edit.name)
            return t(locale, "catalogue.added", name=escape(edit.name))
        if edit.action == "remove":
            assert edit.entry_id is not None
            removed: Topic | Department | str = (
                catalogue.retire(session, Topic, program_id, edit.entry_id)
                if topics
                else catalogue.retire(session, Department, program_id, edit.entry_id)
            )
            if isinstance(removed, str):
                return t(locale, removed, number=edit.entry_id, list=name)
            log.info("lead %s removed %s #%s", user_id, name, edit.entry_id)
            return t(
                locale, "catalogue.removed", name=escape(catalogue.entry_label(locale, removed))
            )
        entries: list[Topic] | list[Department] = (
            catalogue.topics(session, program_id)
            if topics
            else catalogue.departments(session, program_id)
        )
        lines = [t(locale, f"catalogue.{name}", max=limit, name_max=MAX_NAME)]
        lines += [_line(locale, entry) for entry in entries]
    return "\n".join([*lines, usage])


def _line(locale: str | None, entry: Topic | Department) -> str:
    kind = f" ({t(locale, f'survey.group.{entry.kind}')})" if isinstance(entry, Topic) else ""
    return f"`{entry.id}` {escape(catalogue.entry_label(locale, entry))}{kind}"
