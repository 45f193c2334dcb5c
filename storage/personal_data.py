"""Everything the bot stores about one person in one workspace, gathered for `/mentoring my-data`.

Only rows about the person are read, and only what is theirs: the do-not-pair entries they made
(never those others made about them), their own reflections and what became of the wins they
shared (not the anonymised copy, which a lead may have edited), of each pair their own
answer and help requests, and the partner's user ID only where the partner may be named (for
the caller to turn into a display name). Nothing that anyone else wrote.
"""

from collections import defaultdict
from collections.abc import Iterable

from sqlmodel import Session, col, or_, select

from bot.personal_data import (
    CheckInRecord,
    InvitationRecord,
    PairRecord,
    ParticipationRecord,
    PersonalData,
    ProfileRecord,
    ReflectionRecord,
    WinRecord,
)
from bot.pseudonyms import is_pseudonym
from bot.survey import FORMAT_ORDER, WEEKDAYS, from_mask
from storage import catalogue, outbox
from storage.models import (
    CheckIn,
    Cohort,
    Department,
    DoNotPair,
    Invitation,
    Pair,
    PairState,
    Participant,
    Profile,
    ProfileLanguage,
    ProfileTopic,
    Reflection,
    TopicDirection,
    Win,
)

NEVER_SENT = (PairState.PROPOSED, PairState.WITHDRAWN, PairState.DROPPED)
"""Proposals a lead kept or dropped before they reached anyone: the partner is not named."""
FELL_THROUGH = (PairState.DECLINED, PairState.TIMED_OUT)
"""Introductions that failed; whoever declined stays confidential."""


class _Names:
    """Topic and department names of the programs involved, in the reader's language."""

    def __init__(self, session: Session, program_ids: Iterable[int], locale: str | None) -> None:
        self._session, self._locale = session, locale
        self._topics = {p: catalogue.topic_names(session, p) for p in set(program_ids)}

    def topic(self, program_id: int, topic_id: int) -> str:
        return self._topics[program_id](self._locale, topic_id)

    def department(self, department_id: int | None, other: str | None) -> str | None:
        if department_id is None:
            return other
        department = self._session.get(Department, department_id)
        return catalogue.entry_label(self._locale, department) if department else None


def stored_about(session: Session, team_id: str, user_id: str) -> bool:
    """Whether the bot stores anything about the person in the workspace: all it keeps about a
    participant hangs on a participation or a roster invitation."""
    joined = select(Participant.id).where(
        Participant.team_id == team_id, Participant.slack_user_id == user_id
    )
    invited = select(Invitation.id).where(
        Invitation.team_id == team_id, Invitation.slack_user_id == user_id
    )
    return any(session.exec(query.limit(1)).first() is not None for query in (joined, invited))


def gather(session: Session, team_id: str, user_id: str, locale: str | None) -> PersonalData:
    """What the bot stores about the person in the workspace; names of topics and departments
    in `locale`."""
    memberships = list(
        session.exec(
            select(Participant, Cohort)
            .join(Cohort, col(Cohort.id) == Participant.cohort_id)
            .where(Participant.team_id == team_id, Participant.slack_user_id == user_id)
            .order_by(col(Participant.joined_at), col(Participant.id))
        )
    )
    invited = list(
        session.exec(
            select(Invitation, Cohort)
            .join(Cohort, col(Cohort.id) == Invitation.cohort_id)
            .where(Invitation.team_id == team_id, Invitation.slack_user_id == user_id)
            .order_by(col(Invitation.invited_at))
        )
    )
    programs = [cohort.program_id for _, cohort in memberships + invited]
    names = _Names(session, programs, locale)
    pairs = _pairs(session, team_id, user_id)
    reflections = _reflections(session, team_id, user_id, names)
    participations = [
        _participation(
            session,
            participant,
            cohort,
            names,
            pairs=pairs[cohort.id or 0],
            reflections=reflections[cohort.id or 0],
        )
        for participant, cohort in memberships
    ]
    invitations = [
        InvitationRecord(
            cohort=cohort.name,
            department=names.department(invitation.department_id, invitation.department_other),
            career_stage=invitation.career_stage,
            manager_on_record=invitation.manager_user_id is not None,
            invited_at=invitation.invited_at,
        )
        for invitation, cohort in invited
    ]
    return PersonalData(team_id, user_id, participations, invitations)


def _participation(
    session: Session,
    participant: Participant,
    cohort: Cohort,
    names: _Names,
    *,
    pairs: list[PairRecord],
    reflections: list[ReflectionRecord],
) -> ParticipationRecord:
    assert participant.id is not None
    excluded = session.exec(
        select(DoNotPair.excluded_user_id)
        .where(DoNotPair.participant_id == participant.id)
        .order_by(col(DoNotPair.excluded_user_id))
    )
    return ParticipationRecord(
        cohort=cohort.name,
        starts_on=cohort.starts_on,
        ends_on=cohort.ends_on,
        status=participant.status,
        joined_at=participant.joined_at,
        left_at=participant.left_at,
        paused_until=participant.paused_until,
        timezone=participant.timezone,
        locale=participant.locale,
        work_start=participant.work_start,
        work_end=participant.work_end,
        names=list(participant.names or []),
        survey_completed_at=participant.survey_completed_at,
        waitlist_reason=participant.waitlist_reason,
        profile=_profile(session, participant.id, cohort.program_id, names),
        do_not_pair=list(excluded),
        pairs=pairs,
        reflections=reflections,
    )


def _profile(
    session: Session, participant_id: int, program_id: int, names: _Names
) -> ProfileRecord | None:
    profile = session.get(Profile, participant_id)
    if profile is None:
        return None
    topics = session.exec(
        select(ProfileTopic)
        .where(ProfileTopic.participant_id == participant_id)
        .order_by(col(ProfileTopic.topic_id))
    ).all()
    languages = session.exec(
        select(ProfileLanguage.language)
        .where(ProfileLanguage.participant_id == participant_id)
        .order_by(col(ProfileLanguage.language))
    )

    def chosen(direction: TopicDirection) -> list[str]:
        return [names.topic(program_id, r.topic_id) for r in topics if r.direction == direction]

    return ProfileRecord(
        role=profile.role,
        career_stage=profile.career_stage,
        years_in_company=profile.years_in_company,
        department=names.department(profile.department_id, profile.department_other),
        goal=profile.goal,
        meeting_days=sorted(from_mask(profile.meeting_days, len(WEEKDAYS))),
        meeting_formats=[
            FORMAT_ORDER[i].value
            for i in sorted(from_mask(profile.meeting_formats, len(FORMAT_ORDER)))
        ],
        teach_topics=chosen(TopicDirection.TEACH),
        learn_topics=chosen(TopicDirection.LEARN),
        languages=list(languages),
        consent_at=profile.consent_at,
    )


def _pairs(session: Session, team_id: str, user_id: str) -> defaultdict[int, list[PairRecord]]:
    """The person's pairs by cohort, oldest first, each with its check-ins."""
    pairs = session.exec(
        select(Pair)
        .where(
            Pair.team_id == team_id,
            or_(col(Pair.mentor_user_id) == user_id, col(Pair.mentee_user_id) == user_id),
        )
        .order_by(col(Pair.id))
    ).all()
    checkins: defaultdict[int, list[CheckInRecord]] = defaultdict(list)
    for checkin in session.exec(
        select(CheckIn)
        .where(col(CheckIn.pair_id).in_([pair.id for pair in pairs]))
        .order_by(col(CheckIn.pair_id), col(CheckIn.number))
    ):
        checkins[checkin.pair_id].append(
            CheckInRecord(
                number=checkin.number,
                state=checkin.state,
                due_at=checkin.due_at,
                nudged_at=checkin.nudged_at,
                answered_at=checkin.answered_at,
                asked_lead_for_help=user_id in (checkin.help_asked_by or "").split(","),
            )
        )
    own_invites = {
        pair.id: pair.mentor_invite_id if pair.mentor_user_id == user_id else pair.mentee_invite_id
        for pair in pairs
    }
    seen = set(outbox.sent_channels(session, own_invites.values()))
    by_cohort: defaultdict[int, list[PairRecord]] = defaultdict(list)
    for pair in pairs:
        mentor = pair.mentor_user_id == user_id
        partner = pair.mentee_user_id if mentor else pair.mentor_user_id
        # Named only if the person's own introduction reached them (or the pair became active):
        # an introduction withdrawn unseen must not tell them who declined or left.
        reached = pair.active_since is not None or own_invites[pair.id] in seen
        namable = reached and pair.state not in NEVER_SENT and not is_pseudonym(partner)
        by_cohort[pair.cohort_id].append(
            PairRecord(
                role="mentor" if mentor else "mentee",
                partner_user_id=partner if namable else None,
                state="did_not_come_about" if pair.state in FELL_THROUGH else pair.state,
                my_answer=pair.mentor_answer if mentor else pair.mentee_answer,
                invited_at=pair.invited_at,
                decided_at=pair.decided_at,
                active_since=pair.active_since,
                check_ins=checkins[pair.id or 0],
            )
        )
    return by_cohort


def _reflections(
    session: Session, team_id: str, user_id: str, names: _Names
) -> defaultdict[int, list[ReflectionRecord]]:
    """The person's own reflections by cohort, oldest first, each with what became of the win
    they shared from it."""
    rows = session.exec(
        select(Reflection, CheckIn.number, Cohort.program_id, Win)
        .join(CheckIn, col(CheckIn.id) == Reflection.checkin_id)
        .join(Cohort, col(Cohort.id) == Reflection.cohort_id)
        .outerjoin(Win, col(Win.reflection_id) == Reflection.id)
        .where(Reflection.team_id == team_id, Reflection.author_user_id == user_id)
        .order_by(col(Reflection.asked_at), col(Reflection.id))
    )
    by_cohort: defaultdict[int, list[ReflectionRecord]] = defaultdict(list)
    for reflection, number, program_id, win in rows:
        topic_id = reflection.topic_id
        by_cohort[reflection.cohort_id].append(
            ReflectionRecord(
                check_in=number,
                topic=None if topic_id is None else names.topic(program_id, topic_id),
                asked_at=reflection.asked_at,
                submitted_at=reflection.submitted_at,
                learned=reflection.learned,
                progress=reflection.progress,
                confidence=reflection.confidence,
                win_text=reflection.win_text,
                shared_win=None
                if win is None
                else WinRecord(win.state, win.created_at, win.posted_at),
            )
        )
    return by_cohort
