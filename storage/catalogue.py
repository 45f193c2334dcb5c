"""A program's topic and department catalogues: seeded with defaults, edited by leads.

Entries are retired rather than deleted, so the profiles that chose them stay whole; adding a
retired name again brings the entry back.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlmodel import Session, col, select

from bot.catalogue import (
    DEFAULT_DEPARTMENTS,
    DEFAULT_TOPICS,
    MAX_DEPARTMENTS,
    MAX_TOPICS,
    TopicKind,
)
from bot.messages import LANGUAGES, t
from bot.survey import AboutAnswers
from storage.models import Department, Program, Topic

E = TypeVar("E", Topic, Department)


@dataclass(frozen=True)
class Catalogue:
    """A program's topics and departments, retired ones included (profiles may still name them)."""

    topics: Sequence[Topic]
    departments: Sequence[Department]

    def offered_topics(self, saved: AboutAnswers | None) -> list[Topic]:
        """The topics a person may choose: current ones, and retired ones they chose before."""
        chosen = saved.teach_topics | saved.learn_topics if saved else frozenset()
        return [topic for topic in self.topics if not topic.retired or topic.id in chosen]

    def offered_departments(self, saved: AboutAnswers | None) -> list[Department]:
        """The departments a person may choose: current ones, and the one they chose before."""
        chosen = saved.department if saved else None
        return [d for d in self.departments if not d.retired or d.id == chosen]


def load(session: Session, program_id: int) -> Catalogue:
    """The program's whole catalogue, in two queries."""
    return Catalogue(
        topics(session, program_id, with_retired=True),
        departments(session, program_id, with_retired=True),
    )


def entry_label(locale: str | None, entry: Topic | Department) -> str:
    """An entry's name in the person's language: defaults are translated, a lead's are as typed."""
    if entry.key is None:
        return entry.name
    prefix = "topic" if isinstance(entry, Topic) else "department"
    return t(locale, f"{prefix}.{entry.key}")


def topic_names(session: Session, program_id: int) -> Callable[[str | None, int], str]:
    """(locale, topic ID) -> the topic's name in that language, for every topic ever offered."""
    by_id = {topic.id: topic for topic in topics(session, program_id, with_retired=True)}

    def name(locale: str | None, topic_id: int) -> str:
        topic = by_id.get(topic_id)
        return entry_label(locale, topic) if topic else "?"

    return name


def seed_defaults(session: Session, program_id: int) -> None:
    """Give a new program the default topics and departments (stored under their English names)."""
    for key, kind in DEFAULT_TOPICS:
        session.add(Topic(program_id=program_id, kind=kind, key=key, name=t("en", f"topic.{key}")))
    for key in DEFAULT_DEPARTMENTS:
        session.add(Department(program_id=program_id, key=key, name=t("en", f"department.{key}")))
    session.flush()


def topics(session: Session, program_id: int, *, with_retired: bool = False) -> list[Topic]:
    """The program's topics (current ones unless told), digital first, in the order added."""
    statement = select(Topic).where(Topic.program_id == program_id)
    if not with_retired:
        statement = statement.where(col(Topic.retired).is_(False))
    return list(session.exec(statement.order_by(col(Topic.kind), col(Topic.id))))


def departments(
    session: Session, program_id: int, *, with_retired: bool = False
) -> list[Department]:
    """The program's departments (current ones unless told) in the order added."""
    statement = select(Department).where(Department.program_id == program_id)
    if not with_retired:
        statement = statement.where(col(Department.retired).is_(False))
    return list(session.exec(statement.order_by(col(Department.id))))


def add_topic(session: Session, program_id: int, kind: TopicKind, name: str) -> str | None:
    """Add a topic; returns a message-catalogue key if it cannot be added."""
    return _add(session, Topic, program_id, name, MAX_TOPICS, kind=kind)


def add_department(session: Session, program_id: int, name: str) -> str | None:
    """Add a department; returns a message-catalogue key if it cannot be added."""
    return _add(session, Department, program_id, name, MAX_DEPARTMENTS)


def retire(session: Session, model: type[E], program_id: int, entry_id: int) -> E | str:
    """Take an entry out of the survey; a message-catalogue key if it cannot be taken out."""
    lock_program(session, program_id)
    entry = session.get(model, entry_id)
    if entry is None or entry.program_id != program_id or entry.retired:
        return "catalogue.not_found"
    if model is Topic and len(topics(session, program_id)) == 1:
        return "catalogue.error.last"
    entry.retired = True
    session.add(entry)
    session.flush()
    return entry


def lock_program(session: Session, program_id: int) -> None:
    """Serialise changes that must see the whole program (its catalogues, which of its cohorts is
    open), so that bounds and uniqueness hold on PostgreSQL; SQLite's writers are serial anyway."""
    session.exec(select(Program.id).where(Program.id == program_id).with_for_update()).one()


def _names(entry: Topic | Department) -> set[str]:
    """Every name an entry goes by: as stored, and a default's name in each language."""
    names = {entry.name} | {entry_label(language, entry) for language in LANGUAGES}
    return {name.casefold() for name in names}


def _add(
    session: Session,
    model: type[E],
    program_id: int,
    name: str,
    limit: int,
    kind: TopicKind | None = None,
) -> str | None:
    lock_program(session, program_id)
    entries = list(session.exec(select(model).where(model.program_id == program_id)))
    same_name = next((e for e in entries if name.casefold() in _names(e)), None)
    if same_name is not None and not same_name.retired:
        return "catalogue.error.duplicate"
    if sum(not entry.retired for entry in entries) >= limit:
        return "catalogue.error.full"
    if same_name is not None:
        same_name.retired = False
        if isinstance(same_name, Topic) and kind is not None:
            same_name.kind = kind
        session.add(same_name)
    elif model is Topic:
        assert kind is not None
        session.add(Topic(program_id=program_id, kind=kind, name=name))
    else:
        session.add(Department(program_id=program_id, name=name))
    session.flush()
    return None
