"""What a person's Home tab shows about themselves: the next check-in, their goal, their latest
progress score. Each read is the person's own data only."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from storage import checkins
from storage.models import Pair, PairState, Profile, Reflection
from storage.participants import Membership


@dataclass(frozen=True)
class MyProgram:
    """The person's own facts for their Home tab."""

    next_checkin: datetime | None = None
    goal: str | None = None
    progress: int | None = None
    """The progress score of their latest reflection, 1 to 5."""


def my_program(session: Session, membership: Membership, pair: Pair | None) -> MyProgram:
    """The person's next check-in (if their pair is active), goal and latest progress."""
    participant = membership.participant
    upcoming = None
    if pair is not None and pair.id is not None and pair.state == PairState.ACTIVE:
        upcoming = checkins.upcoming(session, pair.id)
    profile = session.get(Profile, participant.id)
    progress = session.exec(
        select(Reflection.progress)
        .where(
            Reflection.team_id == participant.team_id,
            Reflection.author_user_id == participant.slack_user_id,
            col(Reflection.submitted_at).is_not(None),
        )
        .order_by(col(Reflection.submitted_at).desc())
        .limit(1)
    ).first()
    return MyProgram(
        next_checkin=upcoming.due_at if upcoming else None,
        goal=profile.goal if profile else None,
        progress=progress,
    )
