"""The demo's story: a dozen colleagues meet the bot, and every surface it has so far."""

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any, TextIO

from sqlalchemy import Engine

from bot.working_hours import WorkingHours, next_send_slot
from demo.faults import Story, failed_call
from demo.render import indented, render_blocks, render_view
from handlers.blocks import HOME_JOIN, LEAVE_CANCEL, LEAVE_CONFIRM, SURVEY_START
from handlers.checkin_blocks import BUTTON_ACTIONS
from handlers.match_blocks import INVITE_ACCEPT, REVIEW_APPROVE
from handlers.reflection_blocks import REFLECT
from handlers.wins_blocks import WIN_APPROVE
from storage.checkins import Press
from tests.fakes.active_pairs import buttons, next_check_in
from tests.fakes.bot_harness import BotHarness
from tests.fakes.slack_api import FakeUser, Message, SlackStandIn
from tests.fakes.survey_answers import MEETING, about_answers
from tests.fakes.workspace import LEAD, PEOPLE

WINS_CHANNEL = "C0WINS"
GERMAN_GOAL = "In 2 Monaten 3 wiederkehrende Berichte automatisieren"


class Narrator:
    """Prints each step and what every person saw in Slack because of it."""

    def __init__(self, standin: SlackStandIn, out: TextIO) -> None:
        self._slack = standin
        self._out = out
        self._seen = (0, 0, 0, 0, 0, 0)
        self.after_step: Callable[[], None] = lambda: None
        """Runs after each step, before what people saw is shown (the story's clock)."""
        self._homes: dict[str, dict] = {}
        self._shown: set[str] = set()

    def _name(self, user_id: str) -> str:
        user = self._slack.user(user_id)
        return user.real_name if user else user_id

    def chapter(self, title: str) -> None:
        """A heading for a part of the story."""
        print(f"\n━━ {title}", file=self._out)

    def step(self, user_id: str, action: str, run: Callable[[], object]) -> None:
        """Someone does something; show what Slack showed to whom."""
        print(f"\n  {self._name(user_id)} {action}", file=self._out)
        run()
        self.after_step()
        self.show_new()

    def show_new(self) -> None:
        """Print the DMs, ephemeral replies and Home tabs that appeared since the last step."""
        messages, responses, calls, returned, files, injected = self._seen
        failed = [failed_call(call) for call in self._slack.injected[injected:]]
        if failed:
            print(f"    ⚡ Slack failed {', '.join(failed)}", file=self._out)
        modals = [
            call.args["view"]
            for call in self._slack.calls[calls:]
            if call.ok and call.method in ("views.open", "views.update")
        ]
        for view in [*modals, *self._slack.returned_views[returned:]]:
            print("    ▢  modal:", file=self._out)
            print(indented(render_view(view)), file=self._out)
        for message in self._slack.messages[messages:]:
            where = (
                f"DM to {self._name('U' + message.channel[1:])}"
                if message.channel.startswith("D")
                else f"#{message.channel}"
                if message.channel.startswith("C")
                else "the pair's group DM"
            )
            lines = render_blocks(message.blocks, message.text)
            if "\n".join(lines) in self._shown:
                print(f"    ✉  {where}: {lines[0]} … {lines[-1]}  (as above)", file=self._out)
                continue
            self._shown.add("\n".join(lines))
            print(f"    ✉  {where}:", file=self._out)
            print(indented(lines), file=self._out)
        for shared in self._slack.files[files:]:
            owner = self._name("U" + shared.channel[1:])
            size = f"{len(shared.data):,} bytes"
            print(f"    📎 file in the DM to {owner}: {shared.filename} ({size})", file=self._out)
        for post in self._slack.responses[responses:]:
            body = post.body
            verb = "replaces the message with" if body.get("replace_original") else "only they see"
            print(f"    ↳ {verb}:", file=self._out)
            print(indented(render_blocks(body.get("blocks"), body.get("text", ""))), file=self._out)
        for user_id, view in self._slack.home_views.items():
            if self._homes.get(user_id) is not view:
                self._homes[user_id] = view
                print(f"    ⌂  Home tab of {self._name(user_id)}:", file=self._out)
                print(indented(render_blocks(view["blocks"], "")), file=self._out)
        self._seen = (
            len(self._slack.messages),
            len(self._slack.responses),
            len(self._slack.calls),
            len(self._slack.returned_views),
            len(self._slack.files),
            len(self._slack.injected),
        )

    def note(self, text: str) -> None:
        """A line of narration."""
        print(f"    ↳ {text}", file=self._out)


def play(standin: SlackStandIn, engine: Engine, out: TextIO, *, faults: bool = False) -> Story:
    """Run the whole story against the stand-in and the database; returns it (its bot and clock)
    for inspection. With `faults`, the stand-in fails calls at random and the story's people
    and clock meet that (see `demo.faults`)."""
    bot = BotHarness(standin, engine, leads=frozenset({LEAD.id}))
    tell = Narrator(standin, out)
    story = Story(bot, tell.note, faults=faults)
    tell.after_step = story.settle
    lea, jonas, amira, ben, chen, sofia, tom, priya, diego, emma, noah = PEOPLE

    tell.chapter("1. Maria, the program lead, opens the bot's Home tab")
    tell.step(LEAD.id, "opens the Home tab", lambda: bot.open_home(LEAD.id))

    tell.chapter("2. Colleagues join with /mentoring join (each in their own Slack language)")
    for person in (lea, jonas, amira, ben, chen, sofia, tom, priya, diego):
        tell.step(person.id, "types /mentoring join", lambda p=person: bot.command(p.id, "join"))
    tell.step(amira.id, "types /mentoring join again", lambda: bot.command(amira.id, "join"))
    tell.step(noah.id, "opens the Home tab", lambda: bot.open_home(noah.id))
    tell.step(
        noah.id,
        "presses [Am Programm teilnehmen] on the Home tab",
        lambda: bot.click(noah.id, HOME_JOIN, container="view"),
    )

    tell.chapter("3. The onboarding survey: two short modal steps, saved as drafts")
    tell.step(
        lea.id,
        "presses [Umfrage starten]",
        lambda: story.modal(lambda: bot.click(lea.id, SURVEY_START, lea.id)),
    )
    step1 = bot.opened_view()
    errors = bot.submit(lea.id, step1, about_answers(step1, teach_topics=[]))["errors"]
    tell.note(f"she forgets the topics she can teach; the modal says: {errors['teach_topics']}")
    tell.step(
        lea.id,
        "picks her topics and presses [Weiter]",
        lambda: bot.submit(lea.id, step1, about_answers(step1, goal=GERMAN_GOAL)),
    )
    step2 = bot.slack.returned_views[-1]
    lea_meeting = {**MEETING, "timezone": lea.tz, "do_not_pair": [jonas.id]}
    tell.step(lea.id, "presses [Abschließen]", lambda: bot.submit(lea.id, step2, lea_meeting))
    tell.step(amira.id, "answers both steps of the survey", lambda: _survey(story, amira))
    tell.step(
        ben.id,
        "a senior leader, answers both steps: he wants to learn AI skills",
        lambda: _survey(story, ben, role="learn", career_stage="senior", years_in_company="18"),
    )
    tell.step(
        jonas.id,
        "answers step 1, then closes the modal with [Später]",
        lambda: _survey(story, jonas, finish=False),
    )
    tell.step(
        jonas.id, "types /mentoring profile a day later", lambda: bot.command(jonas.id, "profile")
    )
    tell.step(
        LEAD.id,
        "types /mentoring topics add digital Power BI",
        lambda: bot.command(LEAD.id, "topics add digital Power BI"),
    )

    tell.chapter("4. Status, pause and resume")
    tell.step(ben.id, "types /mentoring status", lambda: bot.command(ben.id, "status"))
    back_on = (story.now() + timedelta(days=21)).date().isoformat()
    tell.step(
        chen.id,
        f"types /mentoring pause until {back_on}",
        lambda: bot.command(chen.id, f"pause until {back_on}"),
    )
    tell.step(chen.id, "types /mentoring status", lambda: bot.command(chen.id, "status"))
    tell.step(sofia.id, "types /mentoring pause", lambda: bot.command(sofia.id, "pause"))
    tell.step(sofia.id, "types /mentoring resume", lambda: bot.command(sofia.id, "resume"))
    tell.step(
        sofia.id,
        "types /mentoring pause until next week",
        lambda: bot.command(sofia.id, "pause until next week"),
    )

    tell.chapter("5. Leaving is always possible, and asks first")
    tell.step(tom.id, "types /mentoring leave", lambda: bot.command(tom.id, "leave"))
    tell.step(
        ben.id,
        "presses Tom's [Ja, verlassen] button (forged)",
        lambda: bot.click(ben.id, LEAVE_CONFIRM, tom.id),
    )
    tell.step(tom.id, "presses [Ja, verlassen]", lambda: bot.click(tom.id, LEAVE_CONFIRM, tom.id))
    tell.step(priya.id, "types /mentoring leave", lambda: bot.command(priya.id, "leave"))
    tell.step(priya.id, "presses [No, stay]", lambda: bot.click(priya.id, LEAVE_CANCEL, priya.id))

    tell.chapter("6. Help, whatever is typed")
    tell.step(diego.id, "types /mentoring dance", lambda: bot.command(diego.id, "dance"))
    tell.step(
        diego.id,
        "types /mentoring <!channel> look at this",
        lambda: bot.command(diego.id, "<!channel> look at this"),
    )

    tell.chapter("7. When Slack fails: the welcome DM waits in the outbox and is retried")
    standin.fail("chat.postMessage", "service_unavailable", status=503)
    tell.step(
        emma.id,
        "types /mentoring join (Slack is having a bad minute)",
        lambda: bot.command(emma.id, "join"),
    )
    retry_at = next_send_slot(story.now() + timedelta(minutes=1), WorkingHours(emma.tz))
    tell.step(
        emma.id,
        "waits: a retry is a scheduled DM, so it comes inside her working hours in Sydney",
        lambda: story.tick(retry_at),
    )

    tell.chapter("8. Two days later: one friendly reminder for unfinished surveys")
    reminder_at = next_send_slot(story.now() + timedelta(hours=49), WorkingHours(diego.tz))
    tell.step(
        diego.id,
        "(and everyone else with an unfinished survey) gets one reminder, inside their own"
        " working hours; Chen is paused and Priya's day is over, so theirs wait",
        lambda: story.tick(reminder_at),
    )

    tell.chapter("9. Matching: Maria reviews the proposals, and both partners must accept")
    for person, stage in ((noah, "manager"), (diego, "senior")):
        tell.step(
            person.id,
            f"a {stage}, answers the survey: wants to learn AI, offers strategy",
            lambda p=person, s=stage: _survey(story, p, role="learn", career_stage=s),
        )
    tell.step(LEAD.id, "types /mentoring match", lambda: bot.command(LEAD.id, "match"))
    review = story.wait_for(lambda: _latest_dm(standin, LEAD.id, REVIEW_APPROVE), "the review")
    tell.step(
        LEAD.id,
        "presses [Alle freigeben] and confirms",
        lambda: bot.click(LEAD.id, REVIEW_APPROVE, _button(review, REVIEW_APPROVE)),
    )
    afternoon = next_send_slot(story.now(), WorkingHours("UTC", time(15, 0), time(15, 30)))
    tell.step(
        lea.id,
        "and the others get their introductions inside their working hours (15:00 UTC is"
        " working time from Mexico City to Vienna)",
        lambda: story.tick(afternoon),
    )
    invite = story.wait_for(lambda: _latest_dm(standin, lea.id, INVITE_ACCEPT), "the invite")
    pair_id = _button(invite, INVITE_ACCEPT).split(":")[0]
    partner = story.wait_for(
        lambda: next(
            (
                p
                for p in PEOPLE
                if p is not lea
                and any(
                    _button(m, INVITE_ACCEPT) == f"{pair_id}:{p.id}" for m in standin.dms_to(p.id)
                )
            ),
            None,
        ),
        "the partner's invite",
    )
    tell.step(
        lea.id,
        "presses [Annehmen]",
        lambda: bot.click(lea.id, INVITE_ACCEPT, f"{pair_id}:{lea.id}"),
    )
    tell.step(
        partner.id,
        "presses [Accept] too: the bot opens their group DM",
        lambda: bot.click(partner.id, INVITE_ACCEPT, f"{pair_id}:{partner.id}"),
    )

    tell.chapter("10. Every two weeks, a nudge to meet: at a good time for both, in both languages")
    nudge = _next_nudge(story, tell, lea.id, "(two weeks pass)")
    tell.step(
        ben.id,
        "presses [We met]: the buttons vanish for both",
        lambda: bot.click(ben.id, BUTTON_ACTIONS[Press.MET], _button(nudge, "checkin_met")),
    )
    nudge = _next_nudge(story, tell, lea.id, "(two more weeks pass)")
    tell.step(
        lea.id,
        "presses [Noch nicht: in 2 Tagen erinnern]",
        lambda: bot.click(lea.id, BUTTON_ACTIONS[Press.NOT_YET], _button(nudge, "checkin_met")),
    )
    reminder = _next_nudge(story, tell, lea.id, "(two days later, at a good time)")
    opened = len(standin.calls_to("views.open"))
    tell.step(
        lea.id,
        "presses [Wir haben uns getroffen]",
        lambda: bot.click(lea.id, BUTTON_ACTIONS[Press.MET], _button(reminder, "checkin_met")),
    )
    lea_reflection = _reflection(story, lea.id, opened)

    tell.chapter("11. After a check-in: a private reflection each, and an anonymised wins post")
    partner_prompt = story.wait_for(
        lambda: _latest_dm(standin, partner.id, REFLECT), "the partner's Reflect button"
    )
    tell.step(
        lea.id,
        "writes her reflection and shares a win (names, mention and link are removed)",
        lambda: bot.submit(
            lea.id,
            lea_reflection,
            {
                "learned": "Wie man Prompts mit Beispielen baut",
                "progress": "3",
                "confidence": "4",
                "win": f"Dank <@{partner.id}> und Ben baue ich Berichte mit Zapier: https://intra.net/x",
                "share": ["share"],
            },
        ),
    )
    tell.step(
        partner.id,
        "presses [Reflect] in the DM, and shares a win too",
        lambda: story.modal(
            lambda: bot.click(partner.id, REFLECT, _button(partner_prompt, REFLECT))
        ),
    )
    tell.step(
        partner.id,
        "submits",
        lambda: bot.submit(
            partner.id,
            bot.opened_view(),
            {
                "learned": "How to question an AI summary before I forward it",
                "progress": "4",
                "confidence": "3",
                "win": "Lea showed me pivot tables; I built my first one alone",
                "share": ["share"],
            },
        ),
    )
    tell.step(
        lea.id,
        "types /mentoring reflections: only she sees hers",
        lambda: bot.command(lea.id, "reflections"),
    )
    standin.channels.add(WINS_CHANNEL)
    tell.step(
        LEAD.id,
        f"sets the wins channel #{WINS_CHANNEL} and, for this small demo, k = 2 (default 3)",
        lambda: [
            bot.command(LEAD.id, f"cohort set {setting}")
            for setting in (f"wins-channel <#{WINS_CHANNEL}>", "wins-k 2")
        ],
    )
    tell.step(
        LEAD.id,
        "types /mentoring wins and sees them anonymised",
        lambda: bot.command(LEAD.id, "wins"),
    )
    for win in _win_ids(standin):
        bot.click(LEAD.id, WIN_APPROVE, win)
    tell.note("Maria approved both")
    tell.step(lea.id, "(Monday 10:00 in the cohort's zone)", lambda: _tick_at_monday(story))
    tell.step(lea.id, "(a minute later)", lambda: story.tick(story.now() + timedelta(minutes=1)))

    tell.chapter("12. Maria's cohort health: her Home tab and the digest with its chart and CSV")
    tell.step(LEAD.id, "opens the Home tab again", lambda: bot.open_home(LEAD.id))
    charts = len(standin.files)
    tell.step(
        LEAD.id,
        "types /mentoring digest",
        lambda: story.patiently(
            lambda: bot.command(LEAD.id, "digest"),
            lambda: any(shared.filename.endswith(".png") for shared in standin.files[charts:]),
            "the digest did not arrive whole (Slack failed); Maria asks again",
        ),
    )
    return story


def _latest_dm(standin: SlackStandIn, user_id: str, action_id: str) -> Message | None:
    """The newest DM to the person with a button of that action ID."""
    return next((m for m in reversed(standin.dms_to(user_id)) if _button(m, action_id)), None)


def _reflection(story: Story, user_id: str, opened: int) -> dict[str, Any]:
    """The reflection modal "We met" opened for the person; if Slack would not open it (under
    faults), they press [Reflect] in the DM the bot sent instead."""
    slack = story.bot.slack
    if len(slack.calls_to("views.open")) > opened:
        return story.bot.opened_view()
    story.note("the modal did not open (Slack failed); the bot sent a [Reflect] button instead")
    prompt = story.wait_for(lambda: _latest_dm(slack, user_id, REFLECT), "a Reflect button")
    return story.modal(lambda: story.bot.click(user_id, REFLECT, _button(prompt, REFLECT)))


def _win_ids(standin: SlackStandIn) -> list[str]:
    blocks = standin.responses[-1].body.get("blocks") or []
    return [
        element["value"]
        for block in blocks
        for element in block.get("elements", [])
        if element.get("action_id") == WIN_APPROVE
    ]


def _tick_at_monday(story: Story) -> None:
    now = story.now()
    day = now.date() + timedelta(days=(7 - now.weekday()) % 7 or 7)
    story.bot.at = datetime.combine(day, time(10), UTC)
    story.tick(story.bot.at)


def _next_nudge(story: Story, tell: Narrator, user_id: str, action: str) -> Message:
    """Time passes to the next check-in nudge (or reminder); the message that reaches the pair."""
    slack = story.bot.slack
    seen = len(_nudges(slack))

    def tick_at_next_check_in() -> None:
        story.bot.at = next_check_in(story.bot)
        story.tick(story.bot.at)

    tell.step(user_id, action, tick_at_next_check_in)
    return story.wait_for(lambda: next(iter(_nudges(slack)[seen:]), None), "the nudge")


def _nudges(standin: SlackStandIn) -> list[Message]:
    return [m for m in standin.messages if _button(m, "checkin_met")]


def _button(message: Message, action_id: str) -> str:
    """The value of the message's button with that action ID ("" if it has none)."""
    return buttons(message).get(action_id, "")


def _survey(story: Story, person: FakeUser, *, finish: bool = True, **about: Any) -> None:
    """Press the welcome DM's button and answer step 1 (and step 2 when finishing).

    A learner swaps the default answers' directions: AI topics to learn, strategy to teach.
    """
    bot = story.bot
    step1 = story.modal(lambda: bot.click(person.id, SURVEY_START, person.id))
    if about.get("role") == "learn":
        defaults = about_answers(step1)
        about |= {
            "teach_topics": defaults["learn_topics"],
            "learn_topics": defaults["teach_topics"],
        }
    step2 = bot.submit(person.id, step1, about_answers(step1, **about))["view"]
    if finish:
        bot.submit(person.id, step2, {**MEETING, "timezone": person.tz, "do_not_pair": []})
