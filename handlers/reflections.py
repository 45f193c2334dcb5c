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
from sqlmodel import Session, col, select

from bot.anonymise import anonymise, name_forms
from bot.messages import t
from bot.reflection_answers import Answers, score, validate
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
from handlers.services import Services
from handlers.slack_failures import SLACK_CALL_FAILURES, describe
from storage import catalogue, outbox, reflections, wins
from storage.checkins import PairInfo
from storage.models import CheckIn, Cohort, OutboxKind, Pair, Participant, Reflection, Win

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
    partner = pair.mentee_user_id if presser == pair.mentor_user_id else pair.mentor_user_id
    locale = (info.mentee if partner == pair.mentee_user_id else info.mentor).locale
    prompt = _queue_prompt(session, asked[partner], locale, presser, checkin.number, now)
    return asked[presser].id or 0, prompt


def _queue_prompt(
    session: Session,
    reflection: Reflection,
    locale: str | None,
    partner: str,
    number: int,
    now: datetime,
    *,
    reminder: bool = False,
) -> int:
    text, blocks = prompt_message(locale, reflection.id or 0, partner, number, reminder=reminder)
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
    services: Services, client: WebClient, trigger_id: str, team_id: str, reflection_id: int
) -> bool:
    """Open the modal for the presser of "We met"; if Slack refuses, queue a DM with a Reflect
    button instead (and send it at once). False when the modal did not open."""
    with services.sessions() as session:
        reflection = session.get(Reflection, reflection_id)
        assert reflection is not None
        view = _view(session, reflection)
    if _views_open(client, trigger_id, view, reflection.author_user_id):
        return True
    now = services.now()
    with services.sessions() as session:
        checkin, pair, author, _ = _context(session, reflection)
        prompt = _queue_prompt(
            session, reflection, author.locale, _partner(pair, author), checkin.number, now
        )
    services.delivery.send_now(client, now, prompt)
    return False


def _views_open(client: WebClient, trigger_id: str, view: dict[str, Any], user_id: str) -> bool:
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SLACK_CALL_FAILURES as error:
        log.warning("views.open of a reflection failed for %s: %s", user_id, describe(error))
        return False
    return True


def _context(session: Session, reflection: Reflection) -> tuple[CheckIn, Pair, Participant, Cohort]:
    row = session.exec(
        select(CheckIn, Pair, Participant, Cohort)
        .join(Pair, col(Pair.id) == CheckIn.pair_id)
        .join(Cohort, col(Cohort.id) == Pair.cohort_id)
        .join(
            Participant,
            (col(Participant.cohort_id) == Cohort.id)
            & (col(Participant.slack_user_id) == reflection.author_user_id),
        )
        .where(CheckIn.id == reflection.checkin_id)
    ).one()
    return row[0], row[1], row[2], row[3]


def _partner(pair: Pair, author: Participant) -> str:
    mentor = pair.mentor_user_id
    return pair.mentee_user_id if author.slack_user_id == mentor else mentor


def _view(session: Session, reflection: Reflection) -> dict[str, Any]:
    checkin, pair, author, cohort = _context(session, reflection)
    topic = None
    if reflection.topic_id is not None:
        topic = catalogue.topic_names(session, cohort.program_id)(
            author.locale, reflection.topic_id
        )
    return reflection_view(
        author.locale, reflection.id or 0, checkin.number, _partner(pair, author), topic
    )


def _reflect_pressed(
    services: Services, client: WebClient, body: dict[str, Any], respond: Respond
) -> None:
    clicker, team_id = body["user"]["id"], team_of(body)
    value = str(body["actions"][0].get("value") or "")
    with services.sessions() as session:
        reflection = (
            reflections.own(session, team_id, int(value), clicker) if value.isdigit() else None
        )
        view = _view(session, reflection) if reflection and not reflection.submitted_at else None
    if reflection is None or view is None:
        locale = person_locale(services, client, team_id, clicker)
        if reflection is None:
            log.warning("refused Reflect on reflection %s pressed by %s", value, clicker)
        key = "action.not_for_you" if reflection is None else "reflection.already"
        respond(text=t(locale, key), response_type="ephemeral", replace_original=False)
        return
    if not _views_open(client, body["trigger_id"], view, clicker):
        locale = person_locale(services, client, team_id, clicker)
        respond(
            text=t(locale, "reflection.retry"), response_type="ephemeral", replace_original=False
        )


def _read(values: dict[str, Any]) -> Answers:
    def field(name: str) -> dict[str, Any]:
        return dict((values.get(name) or {}).get(name) or {})

    progress = (field("progress").get("selected_option") or {}).get("value")
    confidence = (field("confidence").get("selected_option") or {}).get("value")
    shared = [option.get("value") for option in field(SHARE).get("selected_options") or []]
    win = (field("win").get("value") or "").strip()
    return Answers(
        learned=(field("learned").get("value") or "").strip(),
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
    answers = _read(body["view"]["state"]["values"])
    now = services.now()
    with services.sessions() as session:
        reflection = (
            reflections.own(session, team_id, int(metadata), user_id)
            if metadata.isdigit()
            else None
        )
        author = (
            session.exec(
                select(Participant).where(
                    Participant.cohort_id == reflection.cohort_id,
                    Participant.slack_user_id == user_id,
                )
            ).first()
            if reflection
            else None
        )
        locale = author.locale if author else None
        if reflection is None:
            log.warning("refused a reflection submitted by %s for %s", user_id, metadata)
            ack(response_action="update", view=notice_view(locale, t(locale, "reflection.gone")))
            return
        problems = validate(answers)
        if problems:
            log.info("reflection %s not saved: %s", reflection.id, ", ".join(sorted(problems)))
            ack(
                response_action="errors",
                errors={field: t(locale, key) for field, key in problems.items()},
            )
            return
        cohort = session.get(Cohort, reflection.cohort_id)
        assert cohort is not None and cohort.id is not None
        win = None
        if answers.share and answers.win_text:
            names = name_forms(reflections.cohort_names(session, cohort.id))
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
    locale = person_locale(services, client, team_id, clicker)
    with services.sessions() as session:
        done = value.isdigit() and wins.withdraw(session, team_id, int(value), clicker)
        own = done or (
            value.isdigit()
            and session.exec(
                select(Win.id).where(
                    Win.id == int(value), Win.team_id == team_id, Win.author_user_id == clicker
                )
            ).first()
            is not None
        )
    if not own:
        log.warning("refused Withdraw of win %s pressed by %s", value, clicker)
        respond(
            text=t(locale, "action.not_for_you"), response_type="ephemeral", replace_original=False
        )
        return
    log.info("win %s: withdrawn by its author: %s", value, done)
    respond(replace_original=True, **reflections_reply(services, team_id, clicker, locale))
    key = "reflections.withdrawn" if done else "reflections.too_late"
    respond(text=t(locale, key), response_type="ephemeral", replace_original=False)


def queue_reflection_reminders(session: Session, now: datetime) -> int:
    """One reminder, two days after "We met", to each partner who has not reflected yet."""
    due = reflections.claim_reminders(session, now - REMIND_AFTER, now)
    for reflection in due:
        checkin, pair, author, _ = _context(session, reflection)
        _queue_prompt(
            session,
            reflection,
            author.locale,
            _partner(pair, author),
            checkin.number,
            now,
            reminder=True,
        )
    return len(due)
