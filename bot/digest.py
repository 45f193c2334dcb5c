"""A cohort's digest for its leads, from aggregates only (pure): the headline figures, check-ins
held per cycle, progress over time, topics, k-merged breakdowns and three suggested actions.

Nothing here sees a person's text; every breakdown with fewer than k people is merged into
"other", and an average over fewer than k people is left out.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

OTHER = ""
"""The label of the merged group; rendered as "other" in the reader's language."""
SUGGESTIONS = 3
TOP_TOPICS = 3
LOW_HELD_SHARE = 0.5
"""Fewer check-ins held than this share of those due in the latest cycle is worth a note."""


@dataclass(frozen=True)
class People:
    """How many people are in the cohort, and where they stand."""

    joined: int = 0
    """Everyone who has not left."""
    surveyed: int = 0
    paused: int = 0
    left: int = 0
    waitlisted: int = 0


@dataclass(frozen=True)
class Pairs:
    """The cohort's pairs by where they stand (proposals never sent are not counted)."""

    invited: int = 0
    active: int = 0
    at_risk: int = 0
    completed: int = 0
    declined: int = 0
    """Declined by a partner or left unanswered."""
    rematched: int = 0


@dataclass(frozen=True)
class CycleCounts:
    """One check-in number across all pairs: how many came due and were held, and the
    reflections written on it (distinct authors and their average scores)."""

    number: int
    due: int = 0
    held: int = 0
    authors: int = 0
    progress: float | None = None
    confidence: float | None = None


@dataclass(frozen=True)
class Cycle:
    """A cycle as the digest shows it; averages are None below k authors."""

    number: int
    due: int
    held: int
    progress: float | None
    confidence: float | None


@dataclass(frozen=True)
class PairActivity:
    """One line of the export: a pair's state and how many check-ins it held, skipped, missed."""

    pair_id: int
    state: str
    mentor_user_id: str | None
    mentee_user_id: str | None
    active_since: datetime | None
    at_risk: bool
    due: int
    held: int
    skipped: int
    missed: int
    last_held: datetime | None


@dataclass(frozen=True)
class TopicCount:
    """How many people learned a topic in their sessions."""

    kind: str
    name: str
    key: str | None
    people: int


@dataclass(frozen=True)
class Digest:
    """Everything a digest says, ready to render."""

    cohort: str
    k: int
    period_start: datetime
    period_end: datetime
    people: People
    pairs: Pairs
    cycles: list[Cycle]
    digital_topics: list[TopicCount]
    leadership_topics: list[TopicCount]
    departments: list[tuple[str, int]]
    wins: list[str] = field(default_factory=list)
    wins_in_review: int = 0

    @property
    def held(self) -> int:
        """Check-ins held so far."""
        return sum(cycle.held for cycle in self.cycles)

    @property
    def due(self) -> int:
        """Check-ins that came due so far."""
        return sum(cycle.due for cycle in self.cycles)


def merge_small(counts: Mapping[str, int], k: int) -> list[tuple[str, int]]:
    """Groups of fewer than k people merged into `OTHER`, largest first, `OTHER` last.

    If the merged group itself has fewer than k people, the next smallest groups join it until
    it has k or there is nothing left to merge, so that no group below k is ever shown.
    """
    groups = sorted(
        ((label or OTHER, count) for label, count in counts.items() if count > 0),
        key=lambda group: (-group[1], group[0]),
    )
    kept = [group for group in groups if group[1] >= k and group[0] != OTHER]
    other = sum(count for label, count in groups if (label, count) not in kept)
    while 0 < other < k and kept:
        other += kept.pop()[1]
    return kept + ([(OTHER, other)] if other else [])


def cycles_of(counts: Iterable[CycleCounts], k: int) -> list[Cycle]:
    """The cycles that came due, in order; averages only where at least k people reflected."""
    cycles = []
    for count in sorted(counts, key=lambda c: c.number):
        if count.due == 0:
            continue
        enough = count.authors >= k
        cycles.append(
            Cycle(
                number=count.number,
                due=count.due,
                held=count.held,
                progress=_rounded(count.progress) if enough else None,
                confidence=_rounded(count.confidence) if enough else None,
            )
        )
    return cycles


def _rounded(average: float | None) -> float | None:
    return None if average is None else round(float(average), 2)


def top_topics(topics: Iterable[TopicCount], kind: str, k: int) -> list[TopicCount]:
    """The topics of a kind learned by the most people, at least k each."""
    chosen = [topic for topic in topics if topic.kind == kind and topic.people >= k]
    return sorted(chosen, key=lambda topic: (-topic.people, topic.name))[:TOP_TOPICS]


Suggestion = tuple[str, dict[str, object]]
"""A message-catalogue key and its parameters."""


def suggested_actions(digest: Digest) -> list[Suggestion]:
    """Exactly three things a lead could do next, the most pressing first."""
    found: list[Suggestion] = []
    if digest.pairs.at_risk:
        found.append(("digest.action.at_risk", {"count": digest.pairs.at_risk}))
    if unfinished := digest.people.joined - digest.people.surveyed:
        found.append(("digest.action.surveys", {"count": unfinished}))
    if digest.people.waitlisted:
        found.append(("digest.action.waitlist", {"count": digest.people.waitlisted}))
    latest = digest.cycles[-1] if digest.cycles else None
    if latest is not None and latest.held < LOW_HELD_SHARE * latest.due:
        share = round(100 * latest.held / latest.due)
        found.append(("digest.action.low_held", {"number": latest.number, "share": share}))
    if digest.wins_in_review:
        found.append(("digest.action.wins_review", {"count": digest.wins_in_review}))
    if digest.pairs.invited:
        found.append(("digest.action.invited", {"count": digest.pairs.invited}))
    fallbacks: list[Suggestion] = [
        ("digest.action.share_wins", {}),
        ("digest.action.thank", {}),
        ("digest.action.invite_more", {}),
    ]
    return (found + fallbacks)[:SUGGESTIONS]


@dataclass(frozen=True)
class ChartSeries:
    """What the chart draws: check-ins due and held per cycle, average progress per cycle."""

    numbers: list[int]
    due: list[int]
    held: list[int]
    progress: list[float | None]


def chart_series(cycles: list[Cycle]) -> ChartSeries:
    """The chart's data, computed from the digest's cycles."""
    return ChartSeries(
        numbers=[cycle.number for cycle in cycles],
        due=[cycle.due for cycle in cycles],
        held=[cycle.held for cycle in cycles],
        progress=[cycle.progress for cycle in cycles],
    )
