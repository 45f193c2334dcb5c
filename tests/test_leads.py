"""Program leads: PROGRAM_LEADS plus those a lead adds in Slack, checked on every lead surface."""

from bot.messages import t
from tests.fakes.bot_harness import BotHarness
from tests.fakes.workspace import BOT, GONE, LEAD, PEOPLE

LEA, JONAS, AMIRA = PEOPLE[0], PEOPLE[1], PEOPLE[2]


def test_a_lead_adds_a_lead_who_can_then_run_lead_commands(bot: BotHarness) -> None:
    bot.command(AMIRA.id, "cohort show")
    assert bot.last_reply() == t("en-GB", "lead.only")

    bot.command(LEAD.id, f"lead add <@{AMIRA.id}|amira>")
    assert bot.last_reply() == t("de", "leads.added", user=AMIRA.id)

    bot.command(AMIRA.id, "cohort show")
    assert bot.last_reply().startswith("*Cohort settings*")  # not a refusal
    bot.command(AMIRA.id, "lead list")
    listed = bot.last_reply()
    assert f"<@{LEAD.id}> ({t('en-GB', 'leads.from_settings')})" in listed
    assert f"• <@{AMIRA.id}>" in listed


def test_adding_twice_and_removing_say_what_happened(bot: BotHarness) -> None:
    bot.command(LEAD.id, f"lead add <@{JONAS.id}>")
    bot.command(LEAD.id, f"lead add <@{JONAS.id}>")
    assert bot.last_reply() == t("de", "leads.added_already", user=JONAS.id)

    bot.command(LEAD.id, f"lead remove <@{JONAS.id}>")
    assert bot.last_reply() == t("de", "leads.removed", user=JONAS.id)
    bot.command(JONAS.id, "lead list")
    assert bot.last_reply() == t("de", "lead.only")
    bot.command(LEAD.id, f"lead remove <@{JONAS.id}>")
    assert bot.last_reply() == t("de", "leads.removed_already", user=JONAS.id)


def test_a_configured_lead_cannot_be_removed_in_slack(bot: BotHarness) -> None:
    bot.command(LEAD.id, f"lead add <@{LEA.id}>")
    bot.command(LEA.id, f"lead remove <@{LEAD.id}>")

    assert bot.last_reply() == t("de", "leads.configured", user=LEAD.id)
    bot.command(LEAD.id, "lead list")
    assert f"<@{LEAD.id}>" in bot.last_reply()


def test_a_non_lead_cannot_add_themselves(bot: BotHarness) -> None:
    bot.command(LEA.id, f"lead add <@{LEA.id}>")

    assert bot.last_reply() == t("de", "lead.only")
    bot.command(LEA.id, "lead list")
    assert bot.last_reply() == t("de", "lead.only")


def test_bad_lead_commands_get_the_usage(bot: BotHarness) -> None:
    for text in ("lead add", "lead add someone", "lead promote <@U0LEA>", "lead add <@U0LEA> x"):
        bot.command(LEAD.id, text)
        assert bot.last_reply() == t("de", "leads.usage"), text


def test_only_an_active_colleague_can_become_a_lead(bot: BotHarness) -> None:
    for user in (BOT.id, GONE.id, "U0NOBODY"):
        bot.command(LEAD.id, f"lead add <@{user}>")
        assert bot.last_reply() == t("de", "leads.not_a_person", user=user)

    bot.command(LEAD.id, "lead list")
    assert BOT.id not in bot.last_reply() and GONE.id not in bot.last_reply()
