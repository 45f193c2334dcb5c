"""Block Kit for a cohort's digest: the headline figures, cycles, topics, k-merged departments,
the period's anonymised wins and three suggested actions."""

from typing import Any

from bot.digest import OTHER, Digest, TopicCount, suggested_actions
from bot.messages import format_date, t
from bot.mrkdwn import escape
from handlers.checkin_blocks import section

CYCLES_SHOWN = 6
"""The latest cycles listed in the message; the chart and the CSV hold them all."""
DEPARTMENTS_SHOWN = 20
"""The largest departments listed; the rest are counted in "other" (and the section fits)."""


def digest_message(locale: str | None, digest: Digest) -> tuple[str, list[dict[str, Any]]]:
    """The digest as a DM: fallback text and blocks (well under Slack's 50 per message)."""
    title = t(locale, "digest.title", cohort=escape(digest.cohort))
    period = t(
        locale,
        "digest.period",
        start=format_date(locale, digest.period_start.date()),
        end=format_date(locale, digest.period_end.date()),
        k=digest.k,
    )
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": title[:150]}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": period}]},
        section(headline(locale, digest)),
        section(_cycles(locale, digest)),
        section(
            t(
                locale,
                "digest.topics",
                digital=_topics(locale, digest.digital_topics),
                leadership=_topics(locale, digest.leadership_topics),
            )
        ),
        section(_departments(locale, digest)),
        {"type": "divider"},
        section(t(locale, "digest.wins")),
        *[section(f"> {win}") for win in digest.wins],
    ]
    if not digest.wins:
        blocks.append(section(t(locale, "digest.no_wins")))
    actions = [t(locale, key, **params) for key, params in suggested_actions(digest)]
    lines = "\n".join(f"{number}. {action}" for number, action in enumerate(actions, 1))
    blocks += [{"type": "divider"}, section(f"{t(locale, 'digest.actions')}\n{lines}")]
    return title, blocks


def headline(locale: str | None, digest: Digest) -> str:
    """People, pairs and check-ins held: the figures a lead sees at a glance (also on Home)."""
    people, pairs = digest.people, digest.pairs
    share = round(100 * people.surveyed / people.joined) if people.joined else 0
    return "\n\n".join(
        (
            t(
                locale,
                "digest.people",
                joined=people.joined,
                surveyed=people.surveyed,
                share=share,
                paused=people.paused,
                left=people.left,
            ),
            t(
                locale,
                "digest.pairs",
                active=pairs.active,
                at_risk=pairs.at_risk,
                invited=pairs.invited,
                completed=pairs.completed,
                declined=pairs.declined,
                waitlisted=people.waitlisted,
            ),
            t(locale, "digest.checkins", held=digest.held, due=digest.due),
        )
    )


def _cycles(locale: str | None, digest: Digest) -> str:
    too_few = t(locale, "digest.too_few")
    shown = digest.cycles[-CYCLES_SHOWN:]
    lines = [
        t(
            locale,
            "digest.cycle",
            number=cycle.number,
            held=cycle.held,
            due=cycle.due,
            progress=too_few if cycle.progress is None else f"{cycle.progress:.1f}",
            confidence=too_few if cycle.confidence is None else f"{cycle.confidence:.1f}",
        )
        for cycle in shown
    ]
    if earlier := len(digest.cycles) - len(shown):
        lines.insert(0, t(locale, "digest.cycles_more", count=earlier))
    return "\n".join(lines) or t(locale, "digest.nothing_yet")


def _topics(locale: str | None, topics: list[TopicCount]) -> str:
    names = [
        f"{t(locale, f'topic.{topic.key}') if topic.key else escape(topic.name)} ({topic.people})"
        for topic in topics
    ]
    return ", ".join(names) or t(locale, "digest.nothing_yet")


def _departments(locale: str | None, digest: Digest) -> str:
    shown = [group for group in digest.departments if group[0] != OTHER][:DEPARTMENTS_SHOWN]
    other = sum(count for _, count in digest.departments) - sum(count for _, count in shown)
    lines = [
        f"• {t(locale, 'digest.other') if label == OTHER else escape(label)}: {count}"
        for label, count in shown + ([(OTHER, other)] if other else [])
    ]
    return "\n".join([t(locale, "digest.departments"), *lines])
