"""A program's topic and department catalogues: seeded with defaults, edited by leads.

Entries are retired rather than deleted, so the profiles that chose them stay whole; adding a
retired name again brings the entry back.
"""

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
from storage.models import Department, Program, Topic

E = TypeVar("E", Topic, Department)


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
    _lock_program(session, program_id)
    entry = session.get(model, entry_id)
    if entry is None or entry.program_id != program_id or entry.retired:
        return "catalogue.not_found"
    if model is Topic and len(topics(session, program_id)) == 1:
        return "catalogue.error.last"
    entry.retired = True
    session.add(entry)
    session.flush()
    return entry


def _lock_program(session: Session, program_id: int) -> None:
    """Serialise edits of one program's catalogues, so bounds and uniqueness hold on PostgreSQL."""
    session.exec(select(Program.id).where(Program.id == program_id).with_for_update()).one()


def _names(entry: Topic | Department) -> set[str]:
    """Every name an entry goes by: as stored, and a default's name in each language."""
    names = {entry.name}
    if entry.key is not None:
        prefix = "topic" if isinstance(entry, Topic) else "department"
        names |= {t(lang, f"{prefix}.{entry.key}") for lang in LANGUAGES}
    return {name.casefold() for name in names}


def _add(
    session: Session,
    model: type[E],
    program_id: int,
    name: str,
    limit: int,
    kind: TopicKind | None = None,
) -> str | None:
    _lock_program(session, program_id)
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
