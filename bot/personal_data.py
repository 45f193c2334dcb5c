"""A person's own data as the bot stores it in a workspace, and its export as a JSON file for
`/mentoring my-data` (pure).

The records hold only what the person gave or what happened to them: never text someone else
wrote, never another person's do-not-pair list, and of other people only a partner's display
name, which `export_json` fills in from a look-up the caller made.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from bot.messages import t

DAY_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""Meeting days as the export writes them (Monday is 0)."""


@dataclass(frozen=True)
class ProfileRecord:
    """The person's survey answers; enumerations as their stored words, topics and the
    department by name."""

    role: str | None
    career_stage: str | None
    years_in_company: int | None
    department: str | None
    goal: str | None
    meeting_days: list[int]
    meeting_formats: list[str]
    teach_topics: list[str]
    learn_topics: list[str]
    languages: list[str]
    consent_at: datetime | None


@dataclass(frozen=True)
class CheckInRecord:
    """One check-in of the person's pair."""

    number: int
    state: str
    due_at: datetime
    nudged_at: datetime | None
    answered_at: datetime | None
    asked_lead_for_help: bool
    """Whether the person (not their partner) asked the lead for help from it."""


@dataclass(frozen=True)
class PairRecord:
    """A pair the person was in. `partner_user_id` is None where the partner may not be named:
    a proposal that never reached the person, or a partner who was erased. `state` hides who
    declined: an introduction that failed is "did_not_come_about", as the person was told."""

    role: str
    partner_user_id: str | None
    state: str
    my_answer: str | None
    invited_at: datetime | None
    decided_at: datetime | None
    active_since: datetime | None
    check_ins: list[CheckInRecord]


@dataclass(frozen=True)
class WinRecord:
    """What became of a win the person chose to share. Its words are the reflection's own: the
    anonymised copy is left out, since a lead may have edited it."""

    state: str
    created_at: datetime
    posted_at: datetime | None


@dataclass(frozen=True)
class ReflectionRecord:
    """One of the person's reflections (asked for, perhaps not written yet)."""

    check_in: int
    topic: str | None
    asked_at: datetime
    submitted_at: datetime | None
    learned: str | None
    progress: int | None
    confidence: int | None
    win_text: str | None
    shared_win: WinRecord | None


@dataclass(frozen=True)
class ParticipationRecord:
    """The person's place in one cohort, with everything that hangs on it."""

    cohort: str
    starts_on: date
    ends_on: date
    status: str
    joined_at: datetime
    left_at: datetime | None
    paused_until: datetime | None
    timezone: str
    locale: str | None
    work_start: time
    work_end: time
    names: list[str]
    survey_completed_at: datetime | None
    waitlist_reason: str | None
    profile: ProfileRecord | None
    do_not_pair: list[str]
    """The Slack IDs the person put on their own do-not-pair list."""
    pairs: list[PairRecord] = field(default_factory=list)
    reflections: list[ReflectionRecord] = field(default_factory=list)


@dataclass(frozen=True)
class InvitationRecord:
    """An invitation from an HR roster that is about the person."""

    cohort: str
    department: str | None
    career_stage: str | None
    manager_on_record: bool
    invited_at: datetime


@dataclass(frozen=True)
class PersonalData:
    """Everything the bot stores about one person in one workspace."""

    team_id: str
    user_id: str
    participations: list[ParticipationRecord]
    invitations: list[InvitationRecord]

    @property
    def is_empty(self) -> bool:
        """Whether the bot stores nothing about the person."""
        return not self.participations and not self.invitations

    @property
    def partners(self) -> set[str]:
        """The partners whose display names the export shows."""
        return {
            pair.partner_user_id
            for participation in self.participations
            for pair in participation.pairs
            if pair.partner_user_id is not None
        }

    def counts(self) -> dict[str, int]:
        """How many records of each kind: for the audit log, which never holds content."""
        return {
            "participations": len(self.participations),
            "invitations": len(self.invitations),
            "pairs": sum(len(p.pairs) for p in self.participations),
            "reflections": sum(len(p.reflections) for p in self.participations),
            "shared_wins": sum(
                r.shared_win is not None for p in self.participations for r in p.reflections
            ),
        }


def file_name(exported_at: datetime) -> str:
    """The export's file name."""
    return f"my-mentoring-data-{exported_at:%Y-%m-%d}.json"


def export_json(
    data: PersonalData,
    partner_names: Mapping[str, str | None],
    locale: str | None,
    exported_at: datetime,
) -> str:
    """The export as indented JSON: keys in English, a note in the person's language, and each
    partner by the display name in `partner_names` (None when Slack did not tell)."""
    document = {
        "about": t(locale, "my_data.file_about"),
        "exported_at": exported_at,
        "workspace": data.team_id,
        "user": data.user_id,
        "participations": [_participation(p, partner_names) for p in data.participations],
        "roster_invitations": [
            {
                "cohort": invitation.cohort,
                "invited_at": invitation.invited_at,
                "department": invitation.department,
                "career_stage": invitation.career_stage,
                "manager_on_record": invitation.manager_on_record,
            }
            for invitation in data.invitations
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, default=_plain)


def _participation(
    record: ParticipationRecord, partner_names: Mapping[str, str | None]
) -> dict[str, Any]:
    return {
        "cohort": {"name": record.cohort, "starts_on": record.starts_on, "ends_on": record.ends_on},
        "status": record.status,
        "joined_at": record.joined_at,
        "left_at": record.left_at,
        "paused_until": record.paused_until,
        "timezone": record.timezone,
        "locale": record.locale,
        "work_hours": {"start": record.work_start, "end": record.work_end},
        "slack_names_for_anonymising": record.names,
        "survey_completed_at": record.survey_completed_at,
        "waitlist_reason": record.waitlist_reason,
        "profile": _profile(record.profile) if record.profile else None,
        "do_not_pair": record.do_not_pair,
        "pairs": [_pair(pair, partner_names) for pair in record.pairs],
        "reflections": [
            {
                "check_in": reflection.check_in,
                "topic": reflection.topic,
                "asked_at": reflection.asked_at,
                "submitted_at": reflection.submitted_at,
                "learned": reflection.learned,
                "progress": reflection.progress,
                "confidence": reflection.confidence,
                "win": reflection.win_text,
                "win_shared": _shared(reflection.shared_win),
            }
            for reflection in record.reflections
        ],
    }


def _shared(win: WinRecord | None) -> dict[str, Any] | None:
    if win is None:
        return None
    return {"status": win.state, "shared_at": win.created_at, "posted_at": win.posted_at}


def _profile(profile: ProfileRecord) -> dict[str, Any]:
    return {
        "role": profile.role,
        "career_stage": profile.career_stage,
        "years_in_company": profile.years_in_company,
        "department": profile.department,
        "goal": profile.goal,
        "meeting_days": [DAY_WORDS[day] for day in profile.meeting_days],
        "meeting_formats": profile.meeting_formats,
        "topics_to_teach": profile.teach_topics,
        "topics_to_learn": profile.learn_topics,
        "languages": profile.languages,
        "consent_given_at": profile.consent_at,
    }


def _pair(pair: PairRecord, partner_names: Mapping[str, str | None]) -> dict[str, Any]:
    partner = partner_names.get(pair.partner_user_id) if pair.partner_user_id else None
    return {
        "my_role": pair.role,
        "partner_display_name": partner,
        "state": pair.state,
        "my_answer": pair.my_answer,
        "introduced_at": pair.invited_at,
        "decided_at": pair.decided_at,
        "active_since": pair.active_since,
        "check_ins": [
            {
                "number": checkin.number,
                "state": checkin.state,
                "due_at": checkin.due_at,
                "nudged_at": checkin.nudged_at,
                "answered_at": checkin.answered_at,
                "i_asked_the_lead_for_help": checkin.asked_lead_for_help,
            }
            for checkin in pair.check_ins
        ],
    }


def _plain(value: object) -> str:
    """Dates and moments in ISO 8601, times of day as HH:MM."""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not exportable: {type(value).__name__}")
