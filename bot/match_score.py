"""How well a mentor suits a mentee: the hard rules, the soft score and its reasons (pure).

Every weight lives here. A feasible pair scores from 0 to `MAX_SCORE`:

| what                                                        | points                   |
|-------------------------------------------------------------|--------------------------|
| each topic the mentor teaches that the mentee wants (max 3) | `TOPIC` (12)             |
| each topic the mentee teaches that the mentor wants (max 3) | `TOPIC` (12)             |
| each career-stage step the mentee is above the mentor (max 3)| `STAGE_STEP` (4)        |
| different departments                                       | `OTHER_DEPARTMENT` (6)   |
| at least one meeting format in common                       | `SHARED_FORMAT` (3)      |
| each preferred weekday in common (max 3)                    | `SHARED_WEEKDAY` (1)     |
| each full hour of shared working time (max 4)               | `SHARED_HOUR` (1)        |

Without a language in common a pair scores 0, whatever else it has.

Hard rules (a pair breaking one is never proposed): the mentor is not at a later career stage than
the mentee, unless both chose "both ways" (a mutual pair, each teaching the other); mutual pairs
only where the cohort allows them; at least `MIN_OVERLAP_MINUTES` of shared working time. Do-not-pair lists and earlier pairs are applied by
`bot.matching`, which knows the whole cohort.
"""

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from bot.survey import CareerStage, Role

TOPIC: Final = 12
TOPICS_COUNTED: Final = 3
STAGE_STEP: Final = 4
STAGE_STEPS_COUNTED: Final = 3
OTHER_DEPARTMENT: Final = 6
SHARED_FORMAT: Final = 3
SHARED_WEEKDAY: Final = 1
WEEKDAYS_COUNTED: Final = 3
SHARED_HOUR: Final = 1
HOURS_COUNTED: Final = 4
MAX_SCORE: Final = (
    2 * TOPIC * TOPICS_COUNTED
    + STAGE_STEP * STAGE_STEPS_COUNTED
    + OTHER_DEPARTMENT
    + SHARED_FORMAT
    + SHARED_WEEKDAY * WEEKDAYS_COUNTED
    + SHARED_HOUR * HOURS_COUNTED
)
MIN_OVERLAP_MINUTES: Final = 60
DAY_MINUTES: Final = 24 * 60
INFEASIBLE: Final = -1
STAGE_RANK: Final = {stage: rank for rank, stage in enumerate(CareerStage)}

IntArray = npt.NDArray[np.integer[Any]]
"""Scores and minutes are int16 inside a block: a quarter of the memory traffic of int64."""


@dataclass(frozen=True)
class Candidate:
    """One complete, active participant as matching sees them.

    `key` is stable across cohorts (the Slack user ID), so earlier pairs and do-not-pair lists
    refer to it. Working hours are given in UTC minutes after midnight on the matching day, so
    that timezones and daylight saving are settled before the engine runs.
    """

    key: str
    role: Role
    stage: CareerStage
    department: str
    teaches: frozenset[int]
    learns: frozenset[int]
    languages: frozenset[str]
    formats: int
    weekdays: int
    work_start_utc: int
    work_minutes: int


@dataclass(frozen=True)
class Reason:
    """Why a pair fits, for people to read: `kind` names a text in the message catalogue."""

    kind: str
    topics: tuple[int, ...] = ()
    hours: int = 0


class Side:
    """One side of the cohort (mentors or mentees) as arrays, for scoring many pairs at once."""

    def __init__(self, people: list[Candidate], topic_bits: dict[int, int]) -> None:
        self.people = people
        words = max(1, (len(topic_bits) + 63) // 64)
        self.teaches = _topic_masks([p.teaches for p in people], topic_bits, words)
        self.learns = _topic_masks([p.learns for p in people], topic_bits, words)
        self.stage = np.array([STAGE_RANK[p.stage] for p in people], dtype=np.int16)
        self.both = np.array([p.role == Role.BOTH for p in people], dtype=bool)
        self.formats = np.array([p.formats for p in people], dtype=np.int16)
        self.weekdays = np.array([p.weekdays for p in people], dtype=np.int16)
        self.start = np.array([p.work_start_utc for p in people], dtype=np.int16)
        self.length = np.array([p.work_minutes for p in people], dtype=np.int16)
        self._languages = [p.languages for p in people]

    def __len__(self) -> int:
        return len(self.people)

    def language_masks(self, codes: dict[str, int]) -> IntArray:
        """Each person's languages as a bit mask over `codes`."""
        return np.array(
            [sum(1 << codes[lang] for lang in langs) for langs in self._languages], dtype=np.int64
        )  # more languages than bits of a smaller type are possible in principle

    def department_codes(self, codes: dict[str, int]) -> IntArray:
        """Each person's department as a number over `codes`."""
        return np.array([codes[p.department] for p in self.people], dtype=np.int32)


def _topic_masks(
    sets: list[frozenset[int]], topic_bits: dict[int, int], words: int
) -> npt.NDArray[np.uint64]:
    """Each set of topics as a bit mask of `words` 64-bit words (a program has 100 at most)."""
    whole = [sum(1 << topic_bits[topic] for topic in topics) for topics in sets]
    word_mask = (1 << 64) - 1
    masks = np.zeros((len(sets), words), dtype=np.uint64)
    for word in range(words):
        masks[:, word] = [(mask >> (64 * word)) & word_mask for mask in whole]
    return masks


class Scorer:
    """Scores blocks of mentees against every mentor; INFEASIBLE marks a pair the rules forbid."""

    def __init__(self, mentees: list[Candidate], mentors: list[Candidate], mutual: bool) -> None:
        everyone = [*mentees, *mentors]
        topics = sorted({t for p in everyone for t in p.teaches | p.learns})
        bits = {topic: bit for bit, topic in enumerate(topics)}
        self.mentees, self.mentors = Side(mentees, bits), Side(mentors, bits)
        languages = {
            code: bit for bit, code in enumerate(sorted({c for p in everyone for c in p.languages}))
        }
        departments = {
            name: code for code, name in enumerate(sorted({p.department for p in everyone}))
        }
        self._lang = (
            self.mentees.language_masks(languages),
            self.mentors.language_masks(languages),
        )
        self._dept = (
            self.mentees.department_codes(departments),
            self.mentors.department_codes(departments),
        )
        self._mutual = mutual
        self._calendar = _CalendarTable(self.mentees, self.mentors)

    def block(self, rows: slice) -> IntArray:
        """Scores of mentees `rows` (first axis) against all mentors (second axis)."""
        a, b = self.mentees, self.mentors
        taught = _shared_topics(a.learns[rows], b.teaches)
        offered = _shared_topics(a.teaches[rows], b.learns)
        gap = a.stage[rows, None] - b.stage[None, :]
        mutual = a.both[rows, None] & b.both[None, :]
        stage_ok = (gap >= 0) | mutual if self._mutual else (gap >= 0) & ~mutual
        calendar = self._calendar.block(rows)
        score = (
            TOPIC * (np.minimum(taught, TOPICS_COUNTED) + np.minimum(offered, TOPICS_COUNTED))
            + STAGE_STEP * np.clip(gap, 0, STAGE_STEPS_COUNTED)
            + OTHER_DEPARTMENT * (self._dept[0][rows, None] != self._dept[1][None, :])
            + calendar
        )
        speaks = (self._lang[0][rows, None] & self._lang[1][None, :]) != 0
        score = np.where(speaks, score, 0)
        feasible = stage_ok & (calendar >= 0)
        return np.where(feasible, score, np.int16(INFEASIBLE)).astype(np.int16)


class _CalendarTable:
    """The score from shared hours, weekdays and formats, with INFEASIBLE for less than an hour
    together. Both parts are looked up per pair in small tables: one over the cohort's distinct
    working windows (start, length), one over its distinct (weekdays, formats) preferences, of
    which there are at most 1,024. A cohort with more distinct windows than `MAX_WINDOWS` has its
    shared hours computed per pair instead."""

    MAX_WINDOWS = 2048

    def __init__(self, mentees: Side, mentors: Side) -> None:
        def both(column: str) -> IntArray:
            return np.concatenate([getattr(mentees, column), getattr(mentors, column)])

        self._split = len(mentees)
        self._mentees, self._mentors = mentees, mentors
        preferences = both("weekdays").astype(np.int64) | both("formats").astype(np.int64) << 7
        kinds, self._preference_codes = np.unique(preferences, return_inverse=True)
        days, formats = (kinds & 0x7F)[:, None], (kinds >> 7)[:, None]
        self._preferences = (
            SHARED_FORMAT * ((formats & formats.T) != 0)
            + SHARED_WEEKDAY * np.minimum(np.bitwise_count(days & days.T), WEEKDAYS_COUNTED)
        ).astype(np.int16)
        windows, codes = np.unique(
            np.stack([both("start"), both("length")], axis=1), axis=0, return_inverse=True
        )
        self._window_codes = codes.ravel() if len(windows) <= self.MAX_WINDOWS else None
        start, length = windows[:, [0]], windows[:, [1]]
        self._hours = (
            _hour_points(shared_minutes(start, length, start.T, length.T))
            if self._window_codes is not None
            else None
        )

    def block(self, rows: slice) -> IntArray:
        """The calendar part of the score for mentees `rows` against all mentors."""
        mentee_rows = np.arange(self._split)[rows]
        preference = _lookup(self._preferences, self._preference_codes, mentee_rows, self._split)
        if self._hours is not None and self._window_codes is not None:
            hours = _lookup(self._hours, self._window_codes, mentee_rows, self._split)
        else:
            a, b = self._mentees, self._mentors
            overlap = shared_minutes(a.start[rows, None], a.length[rows, None], b.start, b.length)
            hours = _hour_points(overlap)
        return np.where(hours >= 0, hours + preference, INFEASIBLE).astype(np.int16)


def _hour_points(overlap: IntArray) -> IntArray:
    """Points for shared working minutes; INFEASIBLE below the shortest shared time."""
    points = SHARED_HOUR * np.minimum(overlap // 60, HOURS_COUNTED)
    return np.where(overlap >= MIN_OVERLAP_MINUTES, points, INFEASIBLE).astype(np.int16)


def _lookup(table: IntArray, codes: IntArray, mentee_rows: IntArray, split: int) -> IntArray:
    """table[mentee's code, mentor's code] for the given mentees against every mentor."""
    return np.take(table[codes[mentee_rows]], codes[split:], axis=1)


def _shared_topics(mentees: npt.NDArray[np.uint64], mentors: npt.NDArray[np.uint64]) -> IntArray:
    """How many topics each mentee's mask shares with each mentor's (mentees by mentors)."""
    counts = np.zeros((mentees.shape[0], mentors.shape[0]), dtype=np.int16)
    for word in range(mentees.shape[1]):
        counts += np.bitwise_count(mentees[:, None, word] & mentors[None, :, word])
    return counts


def shared_minutes(
    start_a: IntArray, length_a: IntArray, start_b: IntArray, length_b: IntArray
) -> IntArray:
    """Minutes two daily windows (UTC start and length, possibly past midnight) have in common."""
    total = np.zeros(np.broadcast_shapes(np.shape(start_a), np.shape(start_b)), dtype=np.int16)
    for shift in (-DAY_MINUTES, 0, DAY_MINUTES):
        begin = np.maximum(start_a, start_b + shift)
        end = np.minimum(start_a + length_a, start_b + length_b + shift)
        total += np.maximum(end - begin, 0)
    return total


def minutes_in_common(start_a: int, length_a: int, start_b: int, length_b: int) -> int:
    """`shared_minutes` for one pair, without numpy's per-call overhead."""
    return sum(
        max(min(start_a + length_a, start_b + length_b + shift) - max(start_a, start_b + shift), 0)
        for shift in (-DAY_MINUTES, 0, DAY_MINUTES)
    )


def reasons(mentor: Candidate, mentee: Candidate, limit: int = 3) -> tuple[Reason, ...]:
    """Up to three reasons a person can read, strongest first; a missing language always shows.

    Shared hours always count, so there are two whenever the pair shares anything else at all."""
    found = []
    taught = tuple(sorted(mentor.teaches & mentee.learns))
    offered = tuple(sorted(mentee.teaches & mentor.learns))
    if taught:
        found.append(Reason("teaches", taught[:TOPICS_COUNTED]))
    if offered:
        found.append(Reason("offers", offered[:TOPICS_COUNTED]))
    overlap = minutes_in_common(
        mentor.work_start_utc, mentor.work_minutes, mentee.work_start_utc, mentee.work_minutes
    )
    found.append(Reason("hours", hours=overlap // 60))
    if mentor.department != mentee.department:
        found.append(Reason("departments"))
    if STAGE_RANK[mentee.stage] > STAGE_RANK[mentor.stage]:
        found.append(Reason("stages"))
    if mentor.formats & mentee.formats:
        found.append(Reason("formats"))
    if not mentor.languages & mentee.languages:
        return (*found[: limit - 1], Reason("no_language"))
    return tuple(found[:limit])
