"""What the matching engine needs about a cohort, read in a handful of queries."""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Select, func
from sqlmodel import Session, col, select

from bot.match_score import Candidate
from bot.matching import MatchSettings, Mode
from bot.pseudonyms import Pseudonyms, is_pseudonym
from bot.survey import CareerStage, Role
from bot.working_hours import zone
from storage import do_not_pair, pairs
from storage.models import (
    Cohort,
    DoNotPair,
    Participant,
    ParticipantStatus,
    Profile,
    ProfileLanguage,
    ProfileTopic,
    TopicDirection,
)


@dataclass(frozen=True)
class CohortInput:
    """The engine's input: who can be matched, the rules that bind them, the cohort's settings."""

    people: list[Candidate]
    based_on: int
    """The cohort's newest round when this was read."""
    previous: list[tuple[str, str]]
    do_not_pair: list[tuple[str, str]]
    settings: MatchSettings


def settings_of(cohort: Cohort) -> MatchSettings:
    """The cohort's matching settings."""
    return MatchSettings(
        capacity=cohort.mentor_capacity,
        mutual_pairs=cohort.mutual_pairs,
        mode=Mode(cohort.matching_mode),
    )


def _ready(cohort_id: int) -> Select:
    """The IDs of everyone who can be matched now: active (not paused, not leaving), survey
    complete, not invited to or in a pair."""
    return (
        select(Participant.id)
        .join(Profile, col(Profile.participant_id) == Participant.id)
        .where(
            Participant.cohort_id == cohort_id,
            Participant.status == ParticipantStatus.ACTIVE,
            col(Participant.survey_completed_at).is_not(None),
            col(Participant.slack_user_id).not_in(pairs.engaged_query(cohort_id)),
        )
    )


def ready_count(session: Session, cohort: Cohort) -> int:
    """How many people `load` would return, in one COUNT query."""
    assert cohort.id is not None
    return session.exec(select(func.count()).select_from(_ready(cohort.id).subquery())).one()


def load(
    session: Session, team_id: str, cohort: Cohort, now: datetime, pseudonyms: Pseudonyms
) -> CohortInput:
    """Everyone who can be matched now (see `_ready`) and the rules that bind them, erased
    people's history included (see `_recognised`)."""
    assert cohort.id is not None
    ids = _ready(cohort.id).scalar_subquery()
    ready = session.exec(
        select(Participant, Profile)
        .join(Profile, col(Profile.participant_id) == Participant.id)
        .where(col(Participant.id).in_(ids))
    ).all()
    topics: dict[int, tuple[set[int], set[int]]] = {p.id or 0: (set(), set()) for p, _ in ready}
    for row in session.exec(select(ProfileTopic).where(col(ProfileTopic.participant_id).in_(ids))):
        teaches, learns = topics[row.participant_id]
        (teaches if row.direction == TopicDirection.TEACH else learns).add(row.topic_id)
    languages: dict[int, set[str]] = {}
    for row_ in session.exec(
        select(ProfileLanguage).where(col(ProfileLanguage.participant_id).in_(ids))
    ):
        languages.setdefault(row_.participant_id, set()).add(row_.language)
    user_of = {p.id: p.slack_user_id for p, _ in ready}
    avoid = session.exec(select(DoNotPair).where(col(DoNotPair.participant_id).in_(ids)))
    people = [
        _candidate(p, profile, topics[p.id or 0], languages.get(p.id or 0, set()), now)
        for p, profile in ready
    ]
    previous, lists = _recognised(
        team_id,
        people,
        pseudonyms,
        pairs.previous_pairs(session, team_id, cohort.id),
        [(user_of[row.participant_id], row.excluded_user_id) for row in avoid]
        + do_not_pair.of_erased(session, team_id),
    )
    return CohortInput(
        people=people,
        based_on=pairs.latest_round_id(session, cohort.id),
        previous=previous,
        do_not_pair=lists,
        settings=settings_of(cohort),
    )


Rules = list[tuple[str, str]]


def _recognised(
    team_id: str, people: list[Candidate], pseudonyms: Pseudonyms, previous: Rules, lists: Rules
) -> tuple[Rules, Rules]:
    """Earlier pairs and do-not-pair entries that name an erased person by their pseudonym name
    the candidate it stands for instead, should that person have rejoined: they are never
    proposed with an earlier partner, with someone who listed them, nor with someone they had
    listed. Each candidate's pseudonym is computed once, and only if some rule holds one."""
    if not any(is_pseudonym(user) for rule in (*previous, *lists) for user in rule):
        return previous, lists
    key_of = {pseudonyms.of(team_id, person.key): person.key for person in people}

    def named(rules: Rules) -> Rules:
        return [(key_of.get(a, a), key_of.get(b, b)) for a, b in rules]

    return named(previous), named(lists)


def _candidate(
    participant: Participant,
    profile: Profile,
    topics: tuple[set[int], set[int]],
    languages: set[str],
    now: datetime,
) -> Candidate:
    local_day = now.astimezone(zone(participant.timezone)).date()
    start = datetime.combine(local_day, participant.work_start, zone(participant.timezone))
    end = datetime.combine(local_day, participant.work_end, zone(participant.timezone))
    start_utc = start.astimezone(UTC)
    department = (
        f"#{profile.department_id}"
        if profile.department_id is not None
        else f"other:{(profile.department_other or '').strip().casefold()}"
    )
    return Candidate(
        key=participant.slack_user_id,
        role=Role(profile.role or Role.BOTH),  # a complete survey always has both
        stage=CareerStage(profile.career_stage or CareerStage.PROFESSIONAL),
        department=department,
        teaches=frozenset(topics[0]),
        learns=frozenset(topics[1]),
        languages=frozenset(languages),
        formats=profile.meeting_formats,
        weekdays=profile.meeting_days,
        work_start_utc=start_utc.hour * 60 + start_utc.minute,
        work_minutes=int((end - start).total_seconds() // 60),
    )
