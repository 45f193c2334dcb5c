"""The onboarding survey in modals: opened where the person left off, saved a whole step at a time.

Two steps keep it under three minutes with inline errors (`response_action: errors`) on submit;
a modal is private to the person, and the do-not-pair picker only exists as a modal input.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlmodel import Session

from bot.messages import t
from bot.survey import LIMITS, Problems, validate_about, validate_meeting
from handlers.blocks import SURVEY_START
from handlers.home import publish_home
from handlers.locale import locale_of
from handlers.ownership import pressed_by_owner, team_of
from handlers.replies import tell_presser
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES, describe
from handlers.survey_state import read_about, read_meeting
from handlers.survey_views import (
    EDIT_ABOUT,
    EDIT_MEETING,
    SURVEY_ABOUT,
    SURVEY_MEETING,
    about_view,
    meeting_view,
    notice_view,
    profile_view,
    summary_message,
)
from storage import catalogue, outbox, participants, profiles
from storage.catalogue import Catalogue
from storage.models import OutboxKind, Participant
from storage.participants import Membership
from storage.profiles import SavedProfile, SaveOutcome

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Survey:
    """A participant's survey as it stands: what the program offers and what they saved."""

    participant: Participant
    catalogue: Catalogue
    saved: SavedProfile

    @property
    def locale(self) -> str | None:
        """The participant's language."""
        return self.participant.locale

    def view(self, step: str | None = None, *, just_saved: bool = False) -> dict[str, Any]:
        """The modal to show: a given step for editing, else the profile once complete, else the
        step where the person left off."""
        about, meeting = self.saved.about, self.saved.meeting
        if step is None and self.participant.survey_completed_at and about and meeting:
            return profile_view(
                self.locale,
                self.participant.slack_user_id,
                self.catalogue,
                about,
                meeting,
                just_saved=just_saved,
            )
        editing = step is not None
        if (step or self.saved.next_step) == "about":
            return about_view(
                self.locale, self.catalogue, about or self.saved.prefilled, editing=editing
            )
        return meeting_view(
            self.locale, meeting, timezone=self.participant.timezone, editing=editing
        )


def register(app: App, services: Services) -> None:
    """Listen for the survey's buttons and modal submissions."""

    @app.action(SURVEY_START)
    def start(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if not pressed_by_owner(body, client, respond, services):
            return
        problem = open_survey(
            services, client, team_of(body), body["user"]["id"], body["trigger_id"]
        )
        if problem:
            tell_presser(body, client, respond, problem)

    def edit(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        if not pressed_by_owner(body, client, respond, services):
            return
        user_id = body["user"]["id"]
        membership, survey = _load(services, team_of(body), user_id)
        locale = survey.locale if survey else locale_of(client, user_id, membership)
        if survey is None:
            view = notice_view(locale, "survey.not_joined")
        else:
            step = "about" if body["actions"][0]["action_id"] == EDIT_ABOUT else "meeting"
            view = survey.view(step)
        try:
            client.views_update(
                view_id=body["view"]["id"], hash=body["view"].get("hash"), view=view
            )
        except SLACK_CALL_FAILURES as error:
            log.warning("views.update of the profile failed for %s: %s", user_id, describe(error))
            tell_presser(body, client, respond, t(locale, "survey.open_failed"))

    app.action(EDIT_ABOUT)(edit)
    app.action(EDIT_MEETING)(edit)

    @app.view(SURVEY_ABOUT)
    def submit_about(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        _submit(services, ack, body, client, "about")

    @app.view(SURVEY_MEETING)
    def submit_meeting(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        _submit(services, ack, body, client, "meeting")


def open_survey(
    services: Services, client: WebClient, team_id: str, user_id: str, trigger_id: str
) -> str | None:
    """Open the survey (or the finished profile) in a modal; a text for the person if it can't."""
    membership, survey = _load(services, team_id, user_id)
    if survey is None:
        return t(locale_of(client, user_id, membership), "not_joined")
    try:
        client.views_open(trigger_id=trigger_id, view=survey.view())
    except SLACK_CALL_FAILURES as error:
        log.warning("views.open of the survey failed for %s: %s", user_id, describe(error))
        return t(survey.locale, "survey.open_failed")
    return None


def _load(
    services: Services, team_id: str, user_id: str
) -> tuple[Membership | None, Survey | None]:
    with services.sessions() as session:
        membership = participants.current_membership(session, team_id, user_id)
        if membership is None or membership.has_left:
            return membership, None
        participant = membership.participant
        entries = catalogue.load(session, membership.cohort.program_id)
        return membership, Survey(participant, entries, profiles.load(session, participant))


def _submit(
    services: Services, ack: Ack, body: dict[str, Any], client: WebClient, step: str
) -> None:
    """Validate a step; save it whole or not at all; show the next view or the errors."""
    user_id = body["user"]["id"]
    values = body["view"]["state"]["values"]
    membership, survey = _load(services, team_of(body), user_id)
    if survey is None:  # no Slack call before ack: the stored locale, else English
        locale = membership.participant.locale if membership else None
        ack(response_action="update", view=notice_view(locale, "survey.not_joined"))
        return
    problems: Problems
    if step == "about":
        about, saved = read_about(values), survey.saved.about
        problems = validate_about(
            about,
            topic_ids=[topic.id for topic in survey.catalogue.offered_topics(saved) if topic.id],
            department_ids=[d.id for d in survey.catalogue.offered_departments(saved) if d.id],
        )
    else:
        meeting = read_meeting(values, user_id)
        problems = validate_meeting(meeting)
    if problems:
        log.info("survey step %s from %s not saved: %s", step, user_id, ", ".join(sorted(problems)))
        errors = {field: t(survey.locale, key, **LIMITS) for field, key in problems.items()}
        ack(response_action="errors", errors=errors)
        return
    participant_id = survey.participant.id
    assert participant_id is not None
    now = services.now()
    summary_id = None
    with services.sessions() as session:
        if step == "about":
            outcome = profiles.save_about(session, participant_id, about, now)
        else:
            outcome = profiles.save_meeting(session, participant_id, meeting, now)
        if outcome != SaveOutcome.NOT_JOINED:
            participant = session.get(Participant, participant_id)
            assert participant is not None
            survey = Survey(participant, survey.catalogue, profiles.load(session, participant))
        if outcome == SaveOutcome.COMPLETED:
            summary_id = _queue_summary(session, survey, now)
    if outcome == SaveOutcome.NOT_JOINED:
        ack(response_action="update", view=notice_view(survey.locale, "survey.not_joined"))
        return
    log.info("survey step %s saved for %s (%s)", step, user_id, outcome)
    if summary_id is None:
        ack(response_action="update", view=survey.view(just_saved=True))
        return
    ack(response_action="clear")
    services.delivery.send_now(client, now, summary_id)
    publish_home(services, client, team_of(body), user_id)


def _queue_summary(session: Session, survey: Survey, now: datetime) -> int:
    """The DM with the finished profile and what happens next, queued with the save itself."""
    about, meeting = survey.saved.about, survey.saved.meeting
    assert about is not None and meeting is not None
    user_id = survey.participant.slack_user_id
    message = outbox.enqueue(
        session,
        team_id=survey.participant.team_id,
        kind=OutboxKind.PROFILE_SUMMARY,
        text=t(survey.locale, "profile.complete"),
        blocks=summary_message(survey.locale, user_id, survey.catalogue, about, meeting),
        due_at=now,
        recipient_user_id=user_id,
        respect_working_hours=False,
    )
    assert message.id is not None
    return message.id
