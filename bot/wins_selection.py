"""Which approved wins go into one post (pure): k-anonymity, a cap, and a shuffled order."""

import random
from collections import defaultdict
from typing import Final

MAX_WINS: Final = 30
"""Wins in one post (a section each, within Slack's 50 blocks); the rest wait for the next."""


def choose_wins(
    candidates: list[tuple[int, str]], k: int, rng: random.Random, limit: int = MAX_WINS
) -> list[int]:
    """The IDs of the wins (ID, author) to post, in random order: one per author in turn, so
    that a capped post still has as many authors as it can; none if fewer than `k` distinct
    people wrote them (they wait for a later post)."""
    by_author: dict[str, list[int]] = defaultdict(list)
    shuffled = list(candidates)
    rng.shuffle(shuffled)
    for win_id, author in shuffled:
        by_author[author].append(win_id)
    if len(by_author) < k:
        return []
    chosen: list[int] = []
    while len(chosen) < limit and any(by_author.values()):
        for queue in by_author.values():
            if queue and len(chosen) < limit:
                chosen.append(queue.pop())
    rng.shuffle(chosen)
    return chosen
