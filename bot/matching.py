"""Optimal mentor/mentee proposals for a whole cohort (pure: no Slack, no database).

1. Sides. The mentor teaches digital skills: "teach" people are mentors, "learn" people mentees.
   People who chose "both ways" fill whichever side needs them, most junior first (career stage,
   then key) to the mentor side, until the mentors' seats (capacity each) cover every mentee; the
   rest are mentees. The problem stays two-sided, so the solve is exact.
2. Candidates. `bot.match_score` scores every mentee against every mentor in blocks; pairs the
   rules forbid, earlier pairs and do-not-pair entries (either direction) are left out. A large
   cohort keeps only the union of each mentee's best `k` mentors and each mentor's best `k`
   mentees: shortlisting from one side alone sends everyone to the same popular mentors.
3. Solve. A min-cost flow, source -> mentee -> mentor -> sink, with the mentor's capacity on its
   sink arc and a bypass arc per mentee so that someone nobody suits stays unmatched instead of
   making the problem infeasible, solved exactly by OR-Tools' `SimpleMinCostFlow`. "Most matched"
   adds a bonus larger than any total score to every pair, so the number of pairs comes first and
   the score second; "best score" maximises the total score alone.

The same input always gives the same proposals.
"""

import math
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

import numpy as np
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

from bot.match_score import (
    INFEASIBLE,
    MAX_SCORE,
    STAGE_RANK,
    Candidate,
    IntArray,
    Reason,
    Scorer,
    reasons,
)
from bot.survey import Role

FULL_GRAPH_CELLS: Final = 1_000_000
"""Up to this many mentee x mentor combinations every feasible pair is a candidate."""
SHORTLIST: Final = 12
"""Otherwise each person's best `SHORTLIST` partners (from both sides) are candidates."""
BLOCK_CELLS: Final = 1_000_000
"""Pairs scored at once: bounds the memory of the scoring step."""
WORKERS: Final = min(4, os.cpu_count() or 1)


class Mode(StrEnum):
    """What the lead wants most from a round."""

    MOST_MATCHED = "most_matched"
    BEST_SCORE = "best_score"


class Unmatched(StrEnum):
    """Why someone got no partner this round; never names a do-not-pair entry."""

    NO_PARTNER = "no_partner"
    """Nobody in the cohort fits the rules (working hours, career stage, earlier pairs…)."""
    ODD_ONE_OUT = "odd_one_out"
    """A mentor left over: there were more mentors than mentees who suit them."""
    CAPACITY = "capacity"
    """A mentee whose suitable mentors were all full."""


@dataclass(frozen=True)
class MatchSettings:
    """A cohort's matching settings; `shortlist` None picks full or shortlisted automatically."""

    capacity: int = 1
    mutual_pairs: bool = True
    mode: Mode = Mode.MOST_MATCHED
    shortlist: int | None = None


@dataclass(frozen=True)
class Proposal:
    """A proposed pair with its score and the reasons people will read."""

    mentor: str
    mentee: str
    score: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Outcome:
    """The proposals of a round and, for everyone else, why they are unmatched."""

    proposals: tuple[Proposal, ...]
    unmatched: dict[str, Unmatched] = field(default_factory=dict)

    @property
    def total_score(self) -> int:
        """The sum of all proposals' scores."""
        return sum(p.score for p in self.proposals)


@dataclass(frozen=True)
class CandidateGraph:
    """Candidate pairs as parallel arrays (mentee index, mentor index, score) and, per person,
    whether they had any usable partner at all."""

    mentees: IntArray
    mentors: IntArray
    scores: IntArray
    mentee_has_partner: np.ndarray
    mentor_has_partner: np.ndarray


def split_sides(
    people: Iterable[Candidate], capacity: int
) -> tuple[list[Candidate], list[Candidate]]:
    """(mentors, mentees) by the rule in this module's docstring; each sorted by key."""
    ordered = sorted(people, key=lambda p: p.key)
    mentors = [p for p in ordered if p.role == Role.TEACH]
    mentees = [p for p in ordered if p.role == Role.LEARN]
    both = sorted(
        (p for p in ordered if p.role == Role.BOTH), key=lambda p: (STAGE_RANK[p.stage], p.key)
    )
    needed = math.ceil((len(mentees) + len(both) - len(mentors) * capacity) / (capacity + 1))
    to_mentors = min(max(needed, 0), len(both))
    mentors = sorted([*mentors, *both[:to_mentors]], key=lambda p: p.key)
    mentees = sorted([*mentees, *both[to_mentors:]], key=lambda p: p.key)
    return mentors, mentees


def match(
    people: Iterable[Candidate],
    settings: MatchSettings,
    *,
    previous: Iterable[tuple[str, str]] = (),
    do_not_pair: Iterable[tuple[str, str]] = (),
) -> Outcome:
    """The best proposals for the cohort under the hard rules.

    `previous` holds earlier pairs (any state but proposed), `do_not_pair` (person, excluded)
    entries; both apply in either direction.
    """
    if not 1 <= settings.capacity <= 3:
        raise ValueError("mentor capacity must be 1, 2 or 3")
    mentors, mentees = split_sides(people, settings.capacity)
    forbidden = _forbidden(mentees, mentors, [*previous, *do_not_pair])
    scorer = Scorer(mentees, mentors, settings.mutual_pairs)
    shortlist = settings.shortlist
    if shortlist is None and len(mentees) * len(mentors) > FULL_GRAPH_CELLS:
        shortlist = SHORTLIST
    minimum = 0 if settings.mode == Mode.MOST_MATCHED else 1  # a zero adds nothing to the total
    graph = candidate_graph(scorer, forbidden, minimum, shortlist)
    chosen = solve(graph, len(mentees), len(mentors), settings)
    proposals = []
    matched: set[str] = set()
    for arc in np.flatnonzero(chosen):
        mentor, mentee = mentors[graph.mentors[arc]], mentees[graph.mentees[arc]]
        proposals.append(
            Proposal(mentor.key, mentee.key, int(graph.scores[arc]), reasons(mentor, mentee))
        )
        matched.update((mentor.key, mentee.key))
    unmatched = {}
    for index, mentee in enumerate(mentees):
        if mentee.key not in matched:
            usable = graph.mentee_has_partner[index]
            unmatched[mentee.key] = Unmatched.CAPACITY if usable else Unmatched.NO_PARTNER
    for index, mentor in enumerate(mentors):
        if mentor.key not in matched:
            usable = graph.mentor_has_partner[index]
            unmatched[mentor.key] = Unmatched.ODD_ONE_OUT if usable else Unmatched.NO_PARTNER
    proposals.sort(key=lambda p: (-p.score, p.mentor, p.mentee))
    return Outcome(tuple(proposals), unmatched)


def _forbidden(
    mentees: list[Candidate], mentors: list[Candidate], pairs: Iterable[tuple[str, str]]
) -> dict[int, list[int]]:
    """Mentee index -> mentor indexes it must never be paired with."""
    mentee_at = {p.key: i for i, p in enumerate(mentees)}
    mentor_at = {p.key: i for i, p in enumerate(mentors)}
    forbidden: dict[int, list[int]] = {}
    for a, b in pairs:
        for mentee, mentor in ((a, b), (b, a)):
            if mentee in mentee_at and mentor in mentor_at:
                forbidden.setdefault(mentee_at[mentee], []).append(mentor_at[mentor])
    return forbidden


@dataclass(frozen=True)
class _Scan:
    """What one block of mentees contributes to the candidate graph."""

    pairs: tuple[IntArray, IntArray, IntArray]
    mentee_has: np.ndarray
    mentor_has: np.ndarray
    best_per_mentor: tuple[IntArray, IntArray] | None


def candidate_graph(
    scorer: Scorer, forbidden: dict[int, list[int]], minimum: int, shortlist: int | None
) -> CandidateGraph:
    """Every usable pair (score >= `minimum`), or each side's best `shortlist` of them.

    Blocks of mentees are scored on several threads (numpy releases the GIL); their results are
    merged in block order, so the graph does not depend on the threads' timing.
    """
    n_mentees, n_mentors = len(scorer.mentees), len(scorer.mentors)
    mentee_has = np.zeros(n_mentees, dtype=bool)
    mentor_has = np.zeros(n_mentors, dtype=bool)
    if not n_mentees or not n_mentors:
        return _deduplicated([], n_mentors, mentee_has, mentor_has)
    rows_per_block = max(1, BLOCK_CELLS // n_mentors)
    starts = list(range(0, n_mentees, rows_per_block))
    parts: list[tuple[IntArray, IntArray, IntArray]] = []
    per_mentor = _BestPerColumn(n_mentors, shortlist or 1)

    def scan(start: int) -> _Scan:
        stop = min(start + rows_per_block, n_mentees)
        return _scan(scorer, forbidden, minimum, shortlist, start, stop)

    with ThreadPoolExecutor(WORKERS) as pool:
        for wave in range(0, len(starts), 2 * WORKERS):  # bounded: a few blocks in memory
            for start, found in zip(
                starts[wave : wave + 2 * WORKERS],
                pool.map(scan, starts[wave : wave + 2 * WORKERS]),
                strict=True,
            ):
                parts.append(found.pairs)
                mentee_has[start : start + len(found.mentee_has)] = found.mentee_has
                mentor_has |= found.mentor_has
                if found.best_per_mentor is not None:
                    per_mentor.merge(*found.best_per_mentor)
    if shortlist is not None:
        parts.append(per_mentor.pairs(minimum))
    return _deduplicated(parts, n_mentors, mentee_has, mentor_has)


def _scan(
    scorer: Scorer,
    forbidden: dict[int, list[int]],
    minimum: int,
    shortlist: int | None,
    start: int,
    stop: int,
) -> _Scan:
    """Score mentees `start:stop` and pick their candidates."""
    block = scorer.block(slice(start, stop))
    for row in range(start, stop):
        if row in forbidden:
            block[row - start, forbidden[row]] = INFEASIBLE
    usable = block >= minimum
    rows: IntArray
    cols: IntArray
    if shortlist is None:
        rows, cols = np.nonzero(usable)
        best_per_mentor = None
    else:
        rows, cols = _best_per_row(block, shortlist)
        keep = block[rows, cols] >= minimum
        rows, cols = rows[keep], cols[keep]
        best_per_mentor = _best_per_column(block, shortlist, start)
    return _Scan(
        (rows + start, cols, block[rows, cols]),
        np.asarray(usable.any(axis=1)),
        np.asarray(usable.any(axis=0)),
        best_per_mentor,
    )


def _best_per_row(block: IntArray, k: int) -> tuple[IntArray, IntArray]:
    """(row, column) of each row's best `k` columns."""
    n_rows, n_cols = block.shape
    if k < n_cols:
        cols = np.argpartition(-block, k - 1, axis=1)[:, :k]
    else:
        cols = np.broadcast_to(np.arange(n_cols), block.shape)
    return np.broadcast_to(np.arange(n_rows)[:, None], cols.shape).ravel(), cols.ravel()


def _best_per_column(block: IntArray, k: int, first_row: int) -> tuple[IntArray, IntArray]:
    """(scores, mentee rows) of each column's best `k` rows of the block, one line per mentor."""
    by_mentor = np.ascontiguousarray(block.T)
    if k < by_mentor.shape[1]:
        rows = np.argpartition(-by_mentor, k - 1, axis=1)[:, :k]
    else:
        rows = np.broadcast_to(np.arange(by_mentor.shape[1]), by_mentor.shape)
    return np.take_along_axis(by_mentor, rows, axis=1), rows + first_row


class _BestPerColumn:
    """Each mentor's best `k` mentees, merged block by block."""

    def __init__(self, n_cols: int, k: int) -> None:
        self._k = k
        self._scores: IntArray = np.full((n_cols, 0), INFEASIBLE, dtype=np.int16)
        self._rows: IntArray = np.zeros((n_cols, 0), dtype=np.int64)

    def merge(self, scores: IntArray, rows: IntArray) -> None:
        """Keep the best `k` of the current shortlists and a block's."""
        scores = np.hstack([self._scores, scores])
        rows = np.hstack([self._rows, rows])
        if scores.shape[1] > self._k:
            keep = np.argpartition(-scores, self._k - 1, axis=1)[:, : self._k]
            scores = np.take_along_axis(scores, keep, axis=1)
            rows = np.take_along_axis(rows, keep, axis=1)
        self._scores, self._rows = scores, rows

    def pairs(self, minimum: int) -> tuple[IntArray, IntArray, IntArray]:
        """(mentee, mentor, score) of every shortlisted pair scoring at least `minimum`."""
        keep = self._scores >= minimum
        cols = np.broadcast_to(np.arange(self._scores.shape[0])[:, None], self._scores.shape)
        return self._rows[keep], cols[keep], self._scores[keep]


def _deduplicated(
    parts: list[tuple[IntArray, IntArray, IntArray]],
    n_mentors: int,
    mentee_has: np.ndarray,
    mentor_has: np.ndarray,
) -> CandidateGraph:
    """One arc per pair, in a fixed order (by mentee, then mentor)."""
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return CandidateGraph(empty, empty, empty, mentee_has, mentor_has)
    rows = np.concatenate([p[0] for p in parts]).astype(np.int64)
    cols = np.concatenate([p[1] for p in parts]).astype(np.int64)
    scores = np.concatenate([p[2] for p in parts]).astype(np.int64)
    _, first = np.unique(rows * n_mentors + cols, return_index=True)
    return CandidateGraph(rows[first], cols[first], scores[first], mentee_has, mentor_has)


def solve(
    graph: CandidateGraph, n_mentees: int, n_mentors: int, settings: MatchSettings
) -> np.ndarray:
    """Which candidate arcs the optimal flow uses (a boolean per arc)."""
    arcs = len(graph.scores)
    if arcs == 0:
        return np.zeros(0, dtype=bool)
    source, sink = 0, n_mentees + n_mentors + 1
    mentee_nodes = np.arange(n_mentees, dtype=np.int64) + 1
    mentor_nodes = np.arange(n_mentors, dtype=np.int64) + 1 + n_mentees
    bonus = MAX_SCORE * n_mentees + 1 if settings.mode == Mode.MOST_MATCHED else 0
    tails = np.concatenate(
        [np.full(n_mentees, source), mentee_nodes[graph.mentees], mentor_nodes, mentee_nodes]
    )
    heads = np.concatenate(
        [
            mentee_nodes,
            mentor_nodes[graph.mentors],
            np.full(n_mentors, sink),
            np.full(n_mentees, sink),
        ]
    )
    capacities = np.concatenate(
        [
            np.ones(n_mentees),
            np.ones(arcs),
            np.full(n_mentors, settings.capacity),
            np.ones(n_mentees),
        ]
    ).astype(np.int64)
    costs = np.concatenate(
        [np.zeros(n_mentees), -(graph.scores + bonus), np.zeros(n_mentors), np.zeros(n_mentees)]
    ).astype(np.int64)
    flow = SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_node_supply(source, n_mentees)
    flow.set_node_supply(sink, -n_mentees)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status}")
    return flow.flows(np.arange(n_mentees, n_mentees + arcs)) > 0
