"""Survey answers: saved one whole step at a time, read back for the form and the summary."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, update
from sqlmodel import Session, col, or_, select

from bot.survey import (
    FORMAT_ORDER,
    OTHER,
    WEEKDAYS,
    AboutAnswers,
    CareerStage,
    MeetingAnswers,
    Role,
    from_mask,
    to_mask,
)
from storage import do_not_pair
from storage.models import (
    Participant,
    ParticipantStatus,
    Profile,
    ProfileLanguage,
    ProfileTopic,
    TopicDirection,
)
from storage.workspaces import installed


class SaveOutcome(StrEnum):
    """What saving a survey step did."""

    SAVED = "saved"
    COMPLETED = "completed"
    """This save completed the survey for the first time."""
    NOT_JOINED = "not_joined"
    """The person left (or never joined) in the meantime; nothing was saved."""


@dataclass(frozen=True)
class SavedProfile:
    """The steps a participant has saved so far; None for a step not saved yet."""

    about: AboutAnswers | None
    meeting: MeetingAnswers | None
    prefilled: AboutAnswers | None = None
    """Step 1 as an HR roster import prefilled it, while the person has not saved step 1."""

    @property
    def next_step(self) -> str:
        """The step to open when the person comes back: "about", then "meeting"."""
        return "about" if self.about is None else "meeting"


def load(session: Session, participant: Participant) -> SavedProfile:
    """What the participant has answered, for their own form and summary."""
    assert participant.id is not None
    profile = session.get(Profile, participant.id)
    if profile is None:
        return SavedProfile(None, None)
    return SavedProfile(
        _about(session, profile), _meeting(session, profile, participant), _prefilled(profile)
    )


def _prefilled(profile: Profile) -> AboutAnswers | None:
    if profile.about_saved_at is not None:
        return None
    has_department = profile.department_id is not None or profile.department_other is not None
    if profile.career_stage is None and not has_department:
        return None
    return AboutAnswers(
        role=None,
        career_stage=CareerStage(profile.career_stage) if profile.career_stage else None,
        years_in_company=None,
        department=OTHER if profile.department_other else profile.department_id,
        department_other=profile.department_other or "",
        teach_topics=frozenset(),
        learn_topics=frozenset(),
        goal="",
    )


def _about(session: Session, profile: Profile) -> AboutAnswers | None:
    if profile.about_saved_at is None:
        return None
    rows = session.exec(
        select(ProfileTopic).where(ProfileTopic.participant_id == profile.participant_id)
    ).all()
    return AboutAnswers(
        role=Role(profile.role) if profile.role else None,
        career_stage=CareerStage(profile.career_stage) if profile.career_stage else None,
        years_in_company=profile.years_in_company,
        department=OTHER if profile.department_id is None else profile.department_id,
        department_other=profile.department_other or "",
        teach_topics=frozenset(r.topic_id for r in rows if r.direction == TopicDirection.TEACH),
        learn_topics=frozenset(r.topic_id for r in rows if r.direction == TopicDirection.LEARN),
        goal=profile.goal or "",
    )


def _meeting(session: Session, profile: Profile, participant: Participant) -> MeetingAnswers | None:
    if profile.meeting_saved_at is None:
        return None
    languages = session.exec(
        select(ProfileLanguage.language).where(
            ProfileLanguage.participant_id == profile.participant_id
        )
    )
    return MeetingAnswers(
        work_start=participant.work_start,
        work_end=participant.work_end,
        weekdays=from_mask(profile.meeting_days, len(WEEKDAYS)),
        formats=frozenset(
            FORMAT_ORDER[i] for i in from_mask(profile.meeting_formats, len(FORMAT_ORDER))
        ),
        languages=frozenset(languages),
        timezone=participant.timezone,
        do_not_pair=do_not_pair.chosen_by(session, profile.participant_id),
        consent=profile.consent_at is not None,
    )


def save_about(
    session: Session, participant_id: int, answers: AboutAnswers, now: datetime
) -> SaveOutcome:
    """Store step 1 (already validated) in one go, replacing what was there."""
    participant, profile = _lock(session, participant_id)
    if participant is None:
        return SaveOutcome.NOT_JOINED
    profile.role = answers.role
    profile.career_stage = answers.career_stage
    profile.years_in_company = answers.years_in_company
    is_other = answers.department == OTHER
    profile.department_id = None if is_other else answers.department  # type: ignore[assignment]
    profile.department_other = answers.department_other.strip() if is_other else None
    profile.goal = answers.goal.strip()
    profile.about_saved_at = now
    session.add(profile)
    _replace_rows(
        session,
        ProfileTopic,
        participant_id,
        [
            ProfileTopic(participant_id=participant_id, topic_id=topic, direction=direction)
            for direction, chosen in (
                (TopicDirection.TEACH, answers.teach_topics),
                (TopicDirection.LEARN, answers.learn_topics),
            )
            for topic in sorted(chosen)
        ],
    )
    return _complete_if_ready(session, participant, profile, now)


def save_meeting(
    session: Session, participant_id: int, answers: MeetingAnswers, now: datetime
) -> SaveOutcome:
    """Store step 2 (already validated) in one go; scheduling uses its timezone and hours."""
    participant, profile = _lock(session, participant_id)
    if participant is None:
        return SaveOutcome.NOT_JOINED
    assert answers.work_start is not None and answers.work_end is not None
    participant.timezone = answers.timezone
    participant.work_start = answers.work_start
    participant.work_end = answers.work_end
    session.add(participant)
    profile.meeting_days = to_mask(answers.weekdays)
    profile.meeting_formats = to_mask(FORMAT_ORDER.index(f) for f in answers.formats)
    profile.consent_at = profile.consent_at or now
    profile.meeting_saved_at = now
    session.add(profile)
    _replace_rows(
        session,
        ProfileLanguage,
        participant_id,
        [
            ProfileLanguage(participant_id=participant_id, language=code)
            for code in sorted(answers.languages)
        ],
    )
    do_not_pair.replace(session, participant_id, answers.do_not_pair)
    return _complete_if_ready(session, participant, profile, now)


def _replace_rows(
    session: Session,
    model: type[ProfileTopic] | type[ProfileLanguage],
    participant_id: int,
    rows: list[ProfileTopic] | list[ProfileLanguage],
) -> None:
    """Swap a participant's answer rows of one table for new ones."""
    session.execute(delete(model).where(col(model.participant_id) == participant_id))
    session.add_all(rows)


def _lock(session: Session, participant_id: int) -> tuple[Participant | None, Profile]:
    """The participant's row, locked for this transaction, and their profile (new if none)."""
    participant = session.exec(
        select(Participant).where(Participant.id == participant_id).with_for_update()
    ).first()
    profile = session.get(Profile, participant_id) or Profile(participant_id=participant_id)
    if participant is None or participant.status == ParticipantStatus.LEFT:
        return None, profile
    return participant, profile


def _complete_if_ready(
    session: Session, participant: Participant, profile: Profile, now: datetime
) -> SaveOutcome:
    session.flush()
    if profile.about_saved_at is None or profile.meeting_saved_at is None:
        return SaveOutcome.SAVED
    if participant.survey_completed_at is not None:
        return SaveOutcome.SAVED
    participant.survey_completed_at = now
    session.add(participant)
    session.flush()
    return SaveOutcome.COMPLETED


def claim_reminders(session: Session, now: datetime, quiet_for: timedelta) -> list[Participant]:
    """Mark, in one statement, everyone still in the program whose survey has stood unfinished
    for `quiet_for` (since joining or the last saved step) and who was never reminded; returns
    them. Someone another worker marked first is not returned, so nobody is reminded twice."""
    since = now - quiet_for
    waiting = (
        select(Participant.id)
        .outerjoin(Profile, col(Profile.participant_id) == Participant.id)
        .where(
            col(Participant.status) != ParticipantStatus.LEFT,
            col(Participant.survey_completed_at).is_(None),
            col(Participant.survey_reminded_at).is_(None),
            col(Participant.joined_at) <= since,
            installed(Participant.team_id),
            or_(col(Profile.about_saved_at).is_(None), col(Profile.about_saved_at) <= since),
        )
    )
    marked = session.execute(
        update(Participant)
        .where(
            col(Participant.id).in_(waiting.scalar_subquery()),
            col(Participant.survey_reminded_at).is_(None),
        )
        .values(survey_reminded_at=now)
        .returning(Participant),
        execution_options={"synchronize_session": False},
    )
    return sorted(marked.scalars(), key=lambda participant: participant.id or 0)
