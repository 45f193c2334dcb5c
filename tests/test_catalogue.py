"""The survey's topic and department catalogues: defaults, bounds, and the leads' commands."""

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from bot.catalogue import MAX_NAME, MAX_TOPICS, TopicKind, parse_edit
from bot.messages import t
from handlers.blocks import SURVEY_START
from handlers.survey_views import EDIT_ABOUT
from storage.models import Topic
from tests.fakes.bot_harness import BotHarness
from tests.fakes.modals import option_labels
from tests.fakes.survey_answers import complete_survey
from tests.fakes.workspace import LEAD, PEOPLE

AMIRA, BEN = PEOPLE[2], PEOPLE[3]


def _survey_topics(bot: BotHarness, user_id: str) -> list[str]:
    bot.click(user_id, SURVEY_START, user_id)
    view = bot.opened_view()
    return list(option_labels(view, "teach_topics").values())


def test_a_new_program_offers_the_default_catalogue(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "join")

    topics = _survey_topics(bot, AMIRA.id)

    assert len(topics) == 18
    assert topics[0] == "Generative AI and prompting"
    assert "Questioning AI output critically" in topics


def test_a_lead_lists_adds_and_removes_topics(bot: BotHarness) -> None:
    bot.command(LEAD.id, "topics")
    listing = bot.last_reply()
    assert "Themen" in listing and "Generative KI und Prompting" in listing  # Maria reads German

    bot.command(LEAD.id, "topics add digital Power BI & <dashboards>")
    assert "Power BI &amp; &lt;dashboards&gt;" in bot.last_reply()
    bot.command(LEAD.id, "topics add leadership Negotiation")
    with bot.sessions() as session:
        strategy = session.exec(select(Topic).where(Topic.key == "strategy")).one()
    bot.command(LEAD.id, f"topics remove {strategy.id}")
    assert "Strategie" in bot.last_reply()

    bot.command(AMIRA.id, "join")
    topics = _survey_topics(bot, AMIRA.id)
    assert "Power BI & <dashboards>" in topics and "Negotiation" in topics
    assert "Strategy" not in topics


def test_a_removed_topic_stays_in_profiles_that_chose_it_even_through_edits(
    bot: BotHarness,
) -> None:
    complete_survey(bot, AMIRA.id)
    with bot.sessions() as session:
        strategy = session.exec(select(Topic).where(Topic.key == "strategy")).one()
    bot.command(LEAD.id, f"topics remove {strategy.id}")

    bot.command(AMIRA.id, "profile")
    assert "*I want to learn:* Strategy" in str(bot.opened_view()["blocks"])
    bot.click(AMIRA.id, EDIT_ABOUT, AMIRA.id, container="modal")
    form = bot.opened_view()
    learn = next(b for b in form["blocks"] if b.get("block_id") == "learn_topics")
    assert [o["value"] for o in learn["element"]["initial_options"]] == [str(strategy.id)]
    answer = bot.submit(AMIRA.id, form, {"goal": "A new goal"})

    assert answer["response_action"] == "update"
    assert "*I want to learn:* Strategy" in str(answer["view"]["blocks"])
    bot.command(BEN.id, "join")
    assert "Strategy" not in _survey_topics(bot, BEN.id)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("topics add Power BI", "catalogue.error.kind"),
        ("topics add digital ", "catalogue.error.empty"),
        (f"topics add digital {'x' * (MAX_NAME + 1)}", "catalogue.error.too_long"),
        ("topics add digital generative ai and PROMPTING", "catalogue.error.duplicate"),
        ("topics remove twelve", "catalogue.error.remove_usage"),
        ("topics remove 99999", "catalogue.not_found"),
        ("topics rename 3", "catalogue.error.usage"),
        ("departments add Sales", "catalogue.error.duplicate"),
        ("topics add leadership Strategie", "catalogue.error.duplicate"),
        ("topics remove ²", "catalogue.error.remove_usage"),
        ("topics remove 99999999999999", "catalogue.error.remove_usage"),
    ],
)
def test_bad_catalogue_edits_get_a_clear_answer_and_change_nothing(
    bot: BotHarness, text: str, key: str
) -> None:
    bot.command(LEAD.id, "topics")
    with bot.sessions() as session:
        before = len(session.exec(select(Topic)).all())

    bot.command(LEAD.id, text)

    expected = t(LEAD.locale, key, name_max=MAX_NAME, max=99, number=99999, list="topics")
    assert bot.last_reply().splitlines()[0] == expected
    with bot.sessions() as session:
        assert len(session.exec(select(Topic)).all()) == before


def test_the_topic_catalogue_is_bounded_to_100(bot: BotHarness) -> None:
    for number in range(MAX_TOPICS - 18):
        bot.command(LEAD.id, f"topics add digital Topic {number}")

    bot.command(LEAD.id, "topics add digital One too many")

    assert bot.last_reply() == t(LEAD.locale, "catalogue.error.full", max=MAX_TOPICS)
    with bot.sessions() as session:
        current = session.exec(select(Topic).where(col(Topic.retired).is_(False))).all()
    assert len(current) == MAX_TOPICS


def test_the_last_topic_cannot_be_removed(bot: BotHarness) -> None:
    bot.command(LEAD.id, "topics")
    with bot.sessions() as session:
        last = session.exec(select(Topic)).all()[-1]
        session.execute(update(Topic).where(col(Topic.id) != last.id).values(retired=True))

    bot.command(LEAD.id, f"topics remove {last.id}")

    assert bot.last_reply() == t(LEAD.locale, "catalogue.error.last")
    with bot.sessions() as session:
        assert session.get(Topic, last.id).retired is False  # type: ignore[union-attr]


def test_only_leads_may_edit_the_catalogue(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "topics add digital Crypto")

    assert "Only program leads" in bot.last_reply()
    with bot.sessions() as session:
        assert session.exec(select(Topic).where(Topic.name == "Crypto")).all() == []


def test_a_lead_edits_the_department_list(bot: BotHarness) -> None:
    bot.command(LEAD.id, "departments add Procurement")
    bot.command(AMIRA.id, "join")
    bot.click(AMIRA.id, SURVEY_START, AMIRA.id)

    departments = list(option_labels(bot.opened_view(), "department").values())

    assert departments[-2:] == ["Procurement", "Other"]


@pytest.mark.parametrize(
    ("argument", "action", "kind", "name"),
    [
        ("", "list", None, ""),
        ("add digital   Power   BI ", "add", TopicKind.DIGITAL, "Power BI"),
        ("ADD Leadership Negotiation", "add", TopicKind.LEADERSHIP, "Negotiation"),
    ],
)
def test_catalogue_edits_are_parsed(
    argument: str, action: str, kind: TopicKind | None, name: str
) -> None:
    edit = parse_edit(argument, topics=True)

    assert (edit.action, edit.kind, edit.name, edit.problem) == (action, kind, name, None)


def test_a_removal_names_its_entry_by_number() -> None:
    assert parse_edit("remove #12", topics=False).entry_id == 12
