"""Adding a row at most once: a unique key decides between concurrent requests and replicas."""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel


def insert_once(session: Session, row: SQLModel) -> bool:
    """Add the row in a savepoint; False (and nothing added) if its unique key is taken."""
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True
