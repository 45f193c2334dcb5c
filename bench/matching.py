"""Matching benchmark: time, peak memory and quality of the engine on synthetic cohorts.

Each cohort size runs in a fresh subprocess, so that `ru_maxrss` is that row's peak. In the same
run the engine's total score is compared with a greedy pass (best remaining pair first) on the same
candidate graph, and with random pairing that only respects the hard rules (as coffee-pairing
tools do). At 10,000 the shortlisted graph is also compared with the full feasible graph.

    make bench-matching            # 100, 1,000, 10,000, 50,000 and 100,000
    python bench/matching.py 100 1000
"""

import json
import random
import resource
import subprocess
import sys
import time
from typing import Any

import numpy as np

from bot.match_score import Candidate, Scorer
from bot.matching import (
    FULL_GRAPH_CELLS,
    SHORTLIST,
    CandidateGraph,
    MatchSettings,
    Mode,
    candidate_graph,
    match,
    split_sides,
)
from bot.survey import CareerStage, Role

SIZES = (100, 1_000, 10_000, 50_000, 100_000)
SEED = 20261121
SETTINGS = MatchSettings(capacity=1, mode=Mode.BEST_SCORE)
DIGITAL = list(range(1, 13))  # generative AI, automation, data analysis, ...
LEADERSHIP = list(range(20, 28))  # strategy, feedback, negotiation, ...
ZONES = [(60, 0.55), (0, 0.15), (-300, 0.15), (480, 0.1), (330, 0.05)]  # UTC offset, share


def _zipf(rng: random.Random, items: list[int], count: int) -> frozenset[int]:
    """`count` distinct topics, popular ones far more often (realistic interest skew)."""
    weights = [1 / (rank + 1) for rank in range(len(items))]
    chosen: set[int] = set()
    while len(chosen) < count:
        chosen.add(rng.choices(items, weights)[0])
    return frozenset(chosen)


def cohort(n: int, seed: int = SEED) -> list[Candidate]:
    """A synthetic cohort: 40% juniors who teach, 40% leaders who learn, 20% both ways."""
    rng = random.Random(seed)
    people = []
    for i in range(n):
        role = rng.choices([Role.TEACH, Role.LEARN, Role.BOTH], [0.4, 0.4, 0.2])[0]
        if role == Role.TEACH:
            stage = rng.choice([CareerStage.EARLY, CareerStage.EARLY, CareerStage.PROFESSIONAL])
            teaches, learns = _zipf(rng, DIGITAL, rng.randint(2, 4)), _zipf(rng, LEADERSHIP, 2)
        elif role == Role.LEARN:
            stage = rng.choice([CareerStage.MANAGER, CareerStage.SENIOR, CareerStage.PROFESSIONAL])
            teaches, learns = _zipf(rng, LEADERSHIP, rng.randint(1, 3)), _zipf(rng, DIGITAL, 2)
        else:
            stage = rng.choice(list(CareerStage))
            teaches = _zipf(rng, DIGITAL, 2) | _zipf(rng, LEADERSHIP, 1)
            learns = _zipf(rng, LEADERSHIP, 1) | _zipf(rng, DIGITAL, 1)
            learns -= teaches
        offset = rng.choices([z for z, _ in ZONES], [w for _, w in ZONES])[0]
        languages = {"en"} if rng.random() < 0.9 else set()
        if offset == 60 or rng.random() < 0.1:
            languages.add(rng.choice(["de", "fr", "es"]))
        people.append(
            Candidate(
                key=f"U{i:07d}",
                role=role,
                stage=stage,
                department=f"dept{rng.randrange(15)}",
                teaches=teaches,
                learns=learns,
                languages=frozenset(languages or {"de"}),
                formats=rng.randrange(1, 8),
                weekdays=rng.randrange(1, 32),  # any non-empty set of Monday to Friday
                work_start_utc=(rng.randrange(7 * 60, 10 * 60 + 1, 15) - offset) % 1440,
                work_minutes=rng.randrange(6 * 60, 10 * 60 + 1, 30),
            )
        )
    return people


def greedy_total(graph: CandidateGraph, capacity: int) -> tuple[int, int]:
    """(pairs, total) of taking the best remaining candidate pair first."""
    order = np.lexsort((graph.mentors, graph.mentees, -graph.scores))
    taken_mentees: set[int] = set()
    load: dict[int, int] = {}
    pairs = total = 0
    for arc in order:
        mentee, mentor = int(graph.mentees[arc]), int(graph.mentors[arc])
        if mentee in taken_mentees or load.get(mentor, 0) >= capacity:
            continue
        taken_mentees.add(mentee)
        load[mentor] = load.get(mentor, 0) + 1
        pairs += 1
        total += int(graph.scores[arc])
    return pairs, total


def random_total(scorer: Scorer, capacity: int, seed: int) -> tuple[int, int]:
    """(pairs, total) of pairing each mentee, in random order, with a random feasible mentor."""
    rng = np.random.default_rng(seed)
    load = np.zeros(len(scorer.mentors), dtype=np.int64)
    pairs = total = 0
    for mentee in rng.permutation(len(scorer.mentees)):
        scores = scorer.block(slice(int(mentee), int(mentee) + 1))[0]
        open_mentors = np.flatnonzero((scores >= 0) & (load < capacity))
        if len(open_mentors):
            mentor = rng.choice(open_mentors)
            load[mentor] += 1
            pairs += 1
            total += int(scores[mentor])
    return pairs, total


def feasible_share(scorer: Scorer, seed: int, samples: int = 200) -> float:
    """The share of mentor/mentee combinations the hard rules allow (from sampled mentees)."""
    rng = np.random.default_rng(seed)
    rows = rng.choice(len(scorer.mentees), size=min(samples, len(scorer.mentees)), replace=False)
    feasible = sum(int((scorer.block(slice(int(r), int(r) + 1)) >= 0).sum()) for r in rows)
    return feasible / (len(rows) * len(scorer.mentors))


def run_row(n: int) -> dict[str, Any]:
    """One cohort size, measured in this (fresh) process."""
    people = cohort(n)
    started = time.perf_counter()
    outcome = match(people, SETTINGS)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mentors, mentees = split_sides(people, SETTINGS.capacity)
    scorer = Scorer(mentees, mentors, SETTINGS.mutual_pairs)
    shortlist = SHORTLIST if len(mentees) * len(mentors) > FULL_GRAPH_CELLS else None
    graph = candidate_graph(scorer, {}, 1, shortlist)
    _, greedy = greedy_total(graph, SETTINGS.capacity)
    _, randomly = random_total(scorer, SETTINGS.capacity, SEED)
    row = {
        "n": n,
        "seconds": round(seconds, 3),
        "peak_mb": round(peak_mb, 1),
        "vs_greedy": round(outcome.total_score / greedy, 4),
        "vs_random": round(outcome.total_score / randomly, 4),
        "matched_pct": round(100 * 2 * len(outcome.proposals) / n, 1),
        "feasible_pct": round(100 * feasible_share(scorer, SEED), 1),
        "k": shortlist,
    }
    if n == 10_000:
        full = match(people, MatchSettings(capacity=1, mode=Mode.BEST_SCORE, shortlist=None))
        forced = match(people, MatchSettings(capacity=1, mode=Mode.BEST_SCORE, shortlist=SHORTLIST))
        row["sparse_vs_full"] = round(forced.total_score / full.total_score, 5)
        row["same_matched"] = len(forced.proposals) == len(full.proposals)
    return row


def main(sizes: list[int]) -> None:
    """Run each size in its own subprocess, print a table and one JSON line."""
    rows = []
    print(
        f"{'n':>8} {'seconds':>8} {'MB':>7} {'vs greedy':>10} {'vs random':>10} {'matched':>8} {'feasible':>9} {'k':>4}"
    )
    for n in sizes:
        result = subprocess.run(
            [sys.executable, __file__, "--row", str(n)], capture_output=True, text=True, check=True
        )
        row = json.loads(result.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(
            f"{row['n']:>8} {row['seconds']:>8.2f} {row['peak_mb']:>7.0f} {row['vs_greedy']:>10.4f}"
            f" {row['vs_random']:>10.3f} {row['matched_pct']:>7.1f}% {row['feasible_pct']:>8.1f}%"
            f" {row['k'] or 'all':>4}",
            flush=True,
        )
    ten_k = next((r for r in rows if r["n"] == 10_000), None)
    sparse = None
    if ten_k:
        sparse = ten_k.pop("sparse_vs_full")
        same = ten_k.pop("same_matched")
        print(
            f"10,000: shortlisted total / full-graph optimum = {sparse} (same number matched: {same})"
        )
    print(json.dumps({"bench": "matching", "rows": rows, "sparse_vs_full_10k": sparse}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--row"]:
        print(json.dumps(run_row(int(sys.argv[2]))))
    else:
        main([int(arg) for arg in sys.argv[1:]] or list(SIZES))
