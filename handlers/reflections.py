"""Reflections after "We met": the modal for the partner who pressed it, a DM with a Reflect button
for the other, one reminder two days later, `/mentoring reflections` (the author's own list) and
withdrawing a shared win. A reflection's text reaches nobody but its author; a win the author
opts to share is anonymised before it is stored.
"""

import logging
from datetime import datetime, timedelta
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlmodel import Session

from bot.anonymise import anonymise, name_forms
from bot.messages import t
from bot.numbers import row_id
from bot.reflection_answers import Answers, score, validate
from bot.typed_text import without_controls
from handlers.checkin_blocks import session_topics
from handlers.locale import person_locale
from handlers.ownership import team_of
from handlers.reflection_blocks import (
    REFLECT,
    REFLECTION_SUBMIT,
    SHARE,
    WIN_WITHDRAW,
    notice_view,
    prompt_message,
    reflection_view,
    reflections_list,
)
from handlers.replies import ephemeral
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES, describe
from storage import catalogue, outbox, participants, reflections, wins
from storage.checkins import PairInfo
from storage.models import CheckIn, OutboxKind
from storage.reflections import Context
from storage.wins import Withdrawal

log = logging.getLogger(__name__)

REMIND_AFTER = timedelta(days=2)
LISTED = 10
"""Reflections `/mentoring reflections` shows (the newest)."""


def register(app: App, services: Services) -> None:
    """Listen for Reflect, the modal's submission, and Withdraw."""

    @app.action(REFLECT)
    def reflect(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        _reflect_pressed(services, client, body, respond)

    @app.view(REFLECTION_SUBMIT)
    def submitted(ack: Ack, body: dict[str, Any]) -> None:
        _submitted(services, ack, body)

    @app.action(WIN_WITHDRAW)
    def withdraw(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        _withdraw_pressed(services, client, body, respond)


def ask_after_meeting(
    session: Session, info: PairInfo, checkin: CheckIn, presser: str, now: datetime
) -> tuple[int, int]:
    """Ask both partners for a reflection on the check-in they held; the partner who did not
    press "We met" gets a DM with a Reflect button. Returns the presser's reflection and the
    queued DM's ID."""
    pair = info.pair
    taught, offered = session_topics(pair, checkin.number)
    asked = reflections.ask(
        session,
        checkin,
        pair.cohort_id,
        {pair.mentor_user_id: offered, pair.mentee_user_id: taught},
        now,
    )
    partner = info.mentee if presser == pair.mentor_user_id else info.mentor
    asked_partner = asked[partner.slack_user_id]
    context = Context(asked_partner, checkin, pair, partner, info.cohort)
    return asked[presser].id or 0, _queue_prompt(session, context, now)


def _queue_prompt(
    session: Session, context: Context, now: datetime, *, reminder: bool = False
) -> int:
    """Queue the DM that asks the author for their reflection, with its Reflect button."""
    reflection = context.reflection
    text, blocks = prompt_message(
        context.author.locale,
        reflection.id or 0,
        context.partner,
        context.checkin.number,
        reminder=reminder,
    )
    return outbox.dm(
        session,
        team_id=reflection.team_id,
        kind=OutboxKind.REFLECTION_PROMPT,
        user_id=reflection.author_user_id,
        text=text,
        blocks=blocks,
        now=now,
    )


def open_reflection(
    services: Services, client: WebClient, trigger_id: str, reflection_id: int
) -> bool:
    """Open the modal for the presser of "We met"; if Slack refuses, queue a DM with a Reflect
    button instead (and send it at once). False when the modal did not open."""
    with services.sessions() as session:
        context = reflections.contexts(session, [reflection_id])[reflection_id]
        view = _view(session, context)
    if _views_open(client, trigger_id, view, context.author.slack_user_id):
        return True
    now = services.now()
    with services.sessions() as session:
        prompt = _queue_prompt(session, context, now)
    services.delivery.send_now(client, now, prompt)
    return False


def _views_open(client: WebClient, trigger_id: str, view: dict[str, Any], user_id: str) -> bool:
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SLACK_CALL_FAILURES as error:
        log.warning("views.open of a reflection failed for %s: %s", user_id, describe(error))
        return False
    return True


def _view(session: Session, context: Context) -> dict[str, Any]:
    author, topic_id = context.author, context.reflection.topic_id
    topic = None
    if topic_id is not None:
        topic = catalogue.topic_names(session, context.cohort.program_id)(author.locale, topic_id)
    return reflection_view(
        author.locale,
        context.reflection.id or 0,
        context.checkin.number,
        context.partner,
        topic,
    )


def _reflect_pressed(
    services: Services, client: WebClient, body: dict[str, Any], respond: Respond
) -> None:
    clicker, team_id = body["user"]["id"], team_of(body)
    value = str(body["actions"][0].get("value") or "")
    reflection_id = row_id(value)
    with services.sessions() as session:
        reflection = (
            reflections.own(session, team_id, reflection_id, clicker)
            if reflection_id is not None
            else None
        )
        view = None
        if reflection is not None and reflection.submitted_at is None:
            context = reflections.contexts(session, [reflection_id or 0])[reflection_id or 0]
            view = _view(session, context)
    if reflection is None or view is None:
        locale = person_locale(services, client, team_id, clicker)
        if reflection is None:
            log.warning("refused Reflect on reflection %s pressed by %s", value, clicker)
        key = "action.not_for_you" if reflection is None else "reflection.already"
        ephemeral(respond, t(locale, key))
        return
    if not _views_open(client, body["trigger_id"], view, clicker):
        locale = person_locale(services, client, team_id, clicker)
        ephemeral(respond, t(locale, "reflection.retry"))


def _read(values: dict[str, Any]) -> Answers:
    def field(name: str) -> dict[str, Any]:
        return dict((values.get(name) or {}).get(name) or {})

    progress = (field("progress").get("selected_option") or {}).get("value")
    confidence = (field("confidence").get("selected_option") or {}).get("value")
    shared = [option.get("value") for option in field(SHARE).get("selected_options") or []]

    def typed(name: str) -> str:
        return without_controls(str(field(name).get("value") or "")).strip()

    win = typed("win")
    return Answers(
        learned=typed("learned"),
        progress=score(progress),
        confidence=score(confidence),
        win_text=win or None,
        share=SHARE in shared,
    )


def _submitted(services: Services, ack: Ack, body: dict[str, Any]) -> None:
    """Validate; save the reflection (and the anonymised win, if shared) in one transaction;
    show the author what was saved, and the win as the cohort may read it."""
    user_id, team_id = body["user"]["id"], team_of(body)
    metadata = str(body["view"].get("private_metadata") or "")
    reflection_id = row_id(metadata)
    answers = _read(body["view"]["state"]["values"])
    now = services.now()
    with services.sessions() as session:
        reflection = (
            reflections.own(session, team_id, reflection_id, user_id)
            if reflection_id is not None
            else None
        )
        if reflection is None:
            membership = participants.current_membership(session, team_id, user_id)
            locale = membership.participant.locale if membership else None
            log.warning("refused a reflection submitted by %s for %s", user_id, metadata)
            ack(response_action="update", view=notice_view(locale, t(locale, "reflection.gone")))
            return
        context = reflections.contexts(session, [reflection.id or 0])[reflection.id or 0]
        cohort, locale = context.cohort, context.author.locale
        problems = validate(answers)
        if problems:
            log.info("reflection %s not saved: %s", reflection.id, ", ".join(sorted(problems)))
            ack(
                response_action="errors",
                errors={field: t(locale, key) for field, key in problems.items()},
            )
            return
        win = None
        if answers.share and answers.win_text:
            names = name_forms(reflections.cohort_names(session, reflection.cohort_id))
            win = anonymise(answers.win_text, names)
        saved = reflections.submit(session, reflection, answers, win, cohort, now)
    if not saved:
        ack(response_action="update", view=notice_view(locale, t(locale, "reflection.already")))
        return
    log.info("reflection %s saved (win shared: %s)", reflection.id, win is not None)
    texts = [t(locale, "reflection.saved")]
    if win is not None:
        key = (
            "reflection.saved_win_auto" if cohort.wins_auto_post else "reflection.saved_win_review"
        )
        texts.append(t(locale, key, text=win))
    ack(response_action="update", view=notice_view(locale, *texts))


def reflections_reply(
    services: Services, team_id: str, user_id: str, locale: str | None
) -> dict[str, Any]:
    """`/mentoring reflections`: the person's own reflections, and nobody else's."""
    with services.sessions() as session:
        written = reflections.mine(session, team_id, user_id, LISTED)
    return {
        "text": t(locale, "reflections.heading" if written else "reflections.none"),
        "blocks": reflections_list(locale, written, LISTED),
    }


def _withdraw_pressed(
    services: Services, client: WebClient, body: dict[str, Any], respond: Respond
) -> None:
    clicker, team_id = body["user"]["id"], team_of(body)
    value = str(body["actions"][0].get("value") or "")
    win_id = row_id(value)
    locale = person_locale(services, client, team_id, clicker)
    with services.sessions() as session:
        outcome = (
            wins.withdraw(session, team_id, win_id, clicker)
            if win_id is not None
            else Withdrawal.NOT_YOURS
        )
    log.info("win %s: Withdraw pressed by %s: %s", value, clicker, outcome.value)
    if outcome == Withdrawal.NOT_YOURS:
        ephemeral(respond, t(locale, "action.not_for_you"))
        return
    respond(replace_original=True, **reflections_reply(services, team_id, clicker, locale))
    ephemeral(respond, t(locale, f"reflections.{outcome.value}"))


def queue_reflection_reminders(session: Session, now: datetime) -> int:
    """One reminder, two days after "We met", to each partner who has not reflected yet."""
    due = reflections.claim_reminders(session, now - REMIND_AFTER, now)
    for context in reflections.contexts(session, [r.id or 0 for r in due]).values():
        _queue_prompt(session, context, now, reminder=True)
    return len(due)
