"""The matching engine: hard rules that never bend, the score, optimality and determinism."""

import itertools
import random
from collections import Counter
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from bot import match_score
from bot.match_score import Candidate, Reason, Scorer, shared_minutes
from bot.matching import MatchSettings, Mode, Unmatched, match, split_sides
from bot.survey import CareerStage, Role

GENAI, AUTOMATION, DATA, STRATEGY, FEEDBACK = 1, 2, 3, 10, 11
EARLY, PRO, MANAGER, SENIOR = (
    CareerStage.EARLY,
    CareerStage.PROFESSIONAL,
    CareerStage.MANAGER,
    CareerStage.SENIOR,
)


def person(
    key: str,
    role: Role = Role.TEACH,
    stage: CareerStage = EARLY,
    *,
    department: str = "engineering",
    teaches: tuple[int, ...] = (GENAI,),
    learns: tuple[int, ...] = (STRATEGY,),
    languages: tuple[str, ...] = ("en",),
    formats: int = 0b011,
    weekdays: int = 0b11111,
    start: int = 9 * 60,
    minutes: int = 8 * 60,
) -> Candidate:
    return Candidate(
        key=key,
        role=role,
        stage=stage,
        department=department,
        teaches=frozenset(teaches),
        learns=frozenset(learns),
        languages=frozenset(languages),
        formats=formats,
        weekdays=weekdays,
        work_start_utc=start,
        work_minutes=minutes,
    )


def junior(key: str, **changes: Any) -> Candidate:
    """Teaches AI, wants strategy, early in their career."""
    return person(key, **changes)


def leader(key: str, **changes: Any) -> Candidate:
    """Wants AI, offers strategy, senior, in another department."""
    defaults = {
        "role": Role.LEARN,
        "stage": SENIOR,
        "department": "sales",
        "teaches": (STRATEGY,),
        "learns": (GENAI,),
    }
    return person(key, **{**defaults, **changes})


ONE_TO_ONE = MatchSettings()


def pairs_of(outcome: object) -> set[tuple[str, str]]:
    return {(p.mentor, p.mentee) for p in outcome.proposals}  # type: ignore[attr-defined]


def test_a_junior_and_a_leader_are_paired_with_readable_reasons() -> None:
    outcome = match([junior("lea"), leader("jonas")], ONE_TO_ONE)

    [proposal] = outcome.proposals
    assert (proposal.mentor, proposal.mentee) == ("lea", "jonas")
    assert proposal.reasons == (
        Reason("teaches", (GENAI,)),
        Reason("offers", (STRATEGY,)),
        Reason("hours", hours=8),
    )
    assert outcome.unmatched == {}


def test_the_score_adds_up_the_documented_weights() -> None:
    [proposal] = match([junior("lea"), leader("jonas")], ONE_TO_ONE).proposals

    expected = (
        2 * match_score.TOPIC  # one topic each way
        + 3 * match_score.STAGE_STEP  # early -> senior
        + match_score.OTHER_DEPARTMENT
        + match_score.SHARED_FORMAT
        + 3 * match_score.SHARED_WEEKDAY  # five shared days, three counted
        + 4 * match_score.SHARED_HOUR  # eight shared hours, four counted
    )
    assert proposal.score == expected
    assert proposal.score <= match_score.MAX_SCORE


def test_do_not_pair_holds_in_either_direction() -> None:
    for pair in [("lea", "jonas"), ("jonas", "lea")]:
        outcome = match([junior("lea"), leader("jonas")], ONE_TO_ONE, do_not_pair=[pair])
        assert outcome.proposals == ()
        assert outcome.unmatched == {"lea": Unmatched.NO_PARTNER, "jonas": Unmatched.NO_PARTNER}


def test_an_earlier_pair_is_never_proposed_again() -> None:
    people = [junior("lea"), junior("amira"), leader("jonas")]

    outcome = match(people, ONE_TO_ONE, previous=[("jonas", "lea")])

    assert pairs_of(outcome) == {("amira", "jonas")}
    assert outcome.unmatched == {"lea": Unmatched.NO_PARTNER}


def test_a_mentor_left_over_is_the_odd_one_out() -> None:
    outcome = match([junior("lea"), junior("amira"), leader("jonas")], ONE_TO_ONE)

    assert len(outcome.proposals) == 1
    assert list(outcome.unmatched.values()) == [Unmatched.ODD_ONE_OUT]


@pytest.mark.parametrize("capacity", [1, 2, 3])
def test_one_mentor_takes_no_more_mentees_than_the_capacity(capacity: int) -> None:
    mentees = [leader(f"leader{i:02}") for i in range(50)]

    outcome = match([junior("lea"), *mentees], MatchSettings(capacity=capacity))

    assert len(outcome.proposals) == capacity
    assert Counter(outcome.unmatched.values()) == {Unmatched.CAPACITY: 50 - capacity}


def test_nobody_is_paired_with_themself() -> None:
    outcome = match([junior("lea", role=Role.BOTH)], ONE_TO_ONE)

    assert outcome.proposals == ()
    assert outcome.unmatched == {"lea": Unmatched.NO_PARTNER}


def test_a_mentor_is_never_more_senior_than_the_mentee() -> None:
    senior_mentor = junior("lea", stage=SENIOR)
    early_mentee = leader("jonas", stage=EARLY)

    assert match([senior_mentor, early_mentee], ONE_TO_ONE).proposals == ()
    same_stage = match([senior_mentor, leader("jonas", stage=SENIOR)], ONE_TO_ONE)
    assert pairs_of(same_stage) == {("lea", "jonas")}


def test_two_both_ways_people_are_paired_only_when_the_cohort_allows_mutual_pairs() -> None:
    people = [junior("lea", role=Role.BOTH), leader("jonas", role=Role.BOTH, stage=EARLY)]

    assert len(match(people, MatchSettings(mutual_pairs=True)).proposals) == 1
    assert match(people, MatchSettings(mutual_pairs=False)).proposals == ()


def test_a_mutual_pair_may_cross_career_stages() -> None:
    senior_mentor = junior("lea", role=Role.BOTH, stage=SENIOR)
    early_mentee = leader("jonas", role=Role.BOTH, stage=EARLY)

    allowed = Scorer([early_mentee], [senior_mentor], mutual=True).block(slice(0, 1))
    refused = Scorer([early_mentee], [replace(senior_mentor, role=Role.TEACH)], mutual=True)

    assert allowed[0, 0] > 0
    assert refused.block(slice(0, 1))[0, 0] == match_score.INFEASIBLE


@pytest.mark.parametrize(
    ("mentee_start", "mentee_minutes", "paired"),
    [
        (16 * 60, 8 * 60, True),  # 16:00-24:00 UTC shares 16:00-17:00: one hour
        (16 * 60 + 1, 8 * 60, False),  # 59 minutes
        (0, 10 * 60, True),  # 00:00-10:00 UTC shares 09:00-10:00
        (0, 9 * 60, False),  # 00:00-09:00 UTC: none
    ],
)
def test_a_pair_needs_an_hour_of_shared_working_time(
    mentee_start: int, mentee_minutes: int, paired: bool
) -> None:
    people = [junior("lea"), leader("jonas", start=mentee_start, minutes=mentee_minutes)]

    assert bool(match(people, ONE_TO_ONE).proposals) is paired


def test_working_hours_that_cross_midnight_utc_still_meet() -> None:
    sydney = leader("emma", start=22 * 60, minutes=8 * 60)  # 22:00-06:00 UTC
    early_bird = junior("lea", start=5 * 60, minutes=8 * 60)  # 05:00-13:00 UTC

    [proposal] = match([early_bird, sydney], ONE_TO_ONE).proposals

    assert Reason("hours", hours=1) in proposal.reasons


def test_everyone_on_everyones_do_not_pair_list_gives_no_pairs() -> None:
    people = [junior(f"j{i}") for i in range(6)] + [leader(f"l{i}") for i in range(6)]
    lists = [(a.key, b.key) for a in people for b in people if a != b]

    outcome = match(people, ONE_TO_ONE, do_not_pair=lists)

    assert outcome.proposals == ()
    assert set(outcome.unmatched.values()) == {Unmatched.NO_PARTNER}
    assert len(outcome.unmatched) == 12


def test_all_in_different_timezones_only_pairs_with_a_shared_hour() -> None:
    rng = random.Random(7)
    people = [
        (junior if i % 2 else leader)(f"p{i:02}", start=(i * 60 + rng.randrange(60)) % 1440)
        for i in range(24)
    ]
    by_key = {p.key: p for p in people}

    outcome = match(people, ONE_TO_ONE)

    assert outcome.proposals
    for proposal in outcome.proposals:
        a, b = by_key[proposal.mentor], by_key[proposal.mentee]
        shared = _overlap_by_minute(a, b)
        assert shared >= 60, (proposal, shared)


def _overlap_by_minute(a: Candidate, b: Candidate) -> int:
    """Shared minutes counted one by one: independent of the engine's interval arithmetic."""
    minutes_a = {(a.work_start_utc + m) % 1440 for m in range(a.work_minutes)}
    minutes_b = {(b.work_start_utc + m) % 1440 for m in range(b.work_minutes)}
    return len(minutes_a & minutes_b)


def test_shared_minutes_agrees_with_counting_minute_by_minute() -> None:
    rng = random.Random(3)
    for _ in range(200):
        a = junior("a", start=rng.randrange(1440), minutes=rng.randrange(60, 14 * 60 + 1))
        b = leader("b", start=rng.randrange(1440), minutes=rng.randrange(60, 14 * 60 + 1))
        engine = shared_minutes(
            np.array(a.work_start_utc),
            np.array(a.work_minutes),
            np.array(b.work_start_utc),
            np.array(b.work_minutes),
        )
        assert int(engine) == _overlap_by_minute(a, b)


def test_without_a_shared_language_a_pair_scores_zero_and_says_so() -> None:
    people = [junior("lea", languages=("de",)), leader("jonas", languages=("en",))]

    [proposal] = match(people, ONE_TO_ONE).proposals
    assert proposal.score == 0
    assert proposal.reasons[-1] == Reason("no_language")
    assert match(people, MatchSettings(mode=Mode.BEST_SCORE)).proposals == ()


def test_most_matched_pairs_more_people_and_best_score_scores_higher() -> None:
    a = junior("a", teaches=(GENAI, AUTOMATION, DATA))
    b = junior("b", teaches=(), learns=())
    x = leader("x", learns=(GENAI, AUTOMATION, DATA))
    y = leader("y", teaches=(), learns=())
    people, avoid = [a, b, x, y], [("b", "y")]
    # a-x scores 76 alone; a-y and b-x score 28 each, 56 together.

    best = match(people, MatchSettings(mode=Mode.BEST_SCORE), do_not_pair=avoid)
    most = match(people, MatchSettings(mode=Mode.MOST_MATCHED), do_not_pair=avoid)

    assert pairs_of(best) == {("a", "x")}
    assert pairs_of(most) == {("a", "y"), ("b", "x")}
    assert best.total_score > most.total_score


def test_the_same_cohort_in_any_order_gives_the_same_proposals() -> None:
    rng = random.Random(11)
    people = random_cohort(rng, 40)
    first = match(people, ONE_TO_ONE)
    for _ in range(5):
        rng.shuffle(people)
        assert match(people, ONE_TO_ONE) == first


def test_both_ways_people_fill_the_mentor_side_most_junior_first() -> None:
    teacher = junior("t")
    learners = [leader(f"l{i}") for i in range(3)]
    both = [
        junior("b-senior", role=Role.BOTH, stage=SENIOR),
        junior("b-early", role=Role.BOTH, stage=EARLY),
        junior("b-manager", role=Role.BOTH, stage=MANAGER),
        junior("b-pro", role=Role.BOTH, stage=PRO),
    ]

    mentors, mentees = split_sides([teacher, *learners, *both], capacity=1)

    # 1 mentor for 7 others: 3 more mentors are needed, most junior first.
    assert {p.key for p in mentors} == {"t", "b-early", "b-pro", "b-manager"}
    assert {p.key for p in mentees} == {*(p.key for p in learners), "b-senior"}


def random_cohort(rng: random.Random, size: int) -> list[Candidate]:
    topics = [GENAI, AUTOMATION, DATA, STRATEGY, FEEDBACK]
    return [
        person(
            f"p{i:03}",
            rng.choice(list(Role)),
            rng.choice(list(CareerStage)),
            department=rng.choice(["eng", "sales", "hr"]),
            teaches=tuple(rng.sample(topics, rng.randrange(0, 3))),
            learns=tuple(rng.sample(topics, rng.randrange(0, 3))),
            languages=tuple(rng.sample(["en", "de", "fr"], rng.randrange(1, 3))),
            formats=rng.randrange(1, 8),
            weekdays=rng.randrange(1, 128),
            start=rng.randrange(0, 1440, 30),
            minutes=rng.randrange(4 * 60, 10 * 60, 30),
        )
        for i in range(size)
    ]


def brute_force(
    people: list[Candidate], settings: MatchSettings, forbidden: set[frozenset[str]]
) -> tuple[int, int]:
    """(pairs, total score) of the best assignment found by trying every one."""
    mentors, mentees = split_sides(people, settings.capacity)
    scores = Scorer(mentees, mentors, settings.mutual_pairs).block(slice(0, len(mentees)))
    for i, mentee in enumerate(mentees):
        for j, mentor in enumerate(mentors):
            if frozenset((mentee.key, mentor.key)) in forbidden:
                scores[i, j] = match_score.INFEASIBLE
    minimum = 0 if settings.mode == Mode.MOST_MATCHED else 1
    best = (0, 0)
    for choice in itertools.product(range(-1, len(mentors)), repeat=len(mentees)):
        load = Counter(c for c in choice if c >= 0)
        if any(n > settings.capacity for n in load.values()):
            continue
        used = [scores[i, c] for i, c in enumerate(choice) if c >= 0]
        if any(s < minimum for s in used):
            continue
        value = (len(used), sum(used))
        if settings.mode == Mode.BEST_SCORE:
            value = (0, sum(used))
        best = max(best, value)
    return best


@pytest.mark.parametrize("mode", list(Mode))
@pytest.mark.parametrize("capacity", [1, 2])
def test_on_small_cohorts_the_engine_finds_the_brute_force_optimum(
    mode: Mode, capacity: int
) -> None:
    rng = random.Random(f"{mode}{capacity}")
    settings = MatchSettings(capacity=capacity, mode=mode)
    for _ in range(40):
        people = random_cohort(rng, rng.randrange(2, 9))
        keys = [p.key for p in people]
        avoid = [tuple(rng.sample(keys, 2)) for _ in range(rng.randrange(3))]
        earlier = [tuple(rng.sample(keys, 2)) for _ in range(rng.randrange(3))]
        outcome = match(people, settings, previous=earlier, do_not_pair=avoid)  # type: ignore[arg-type]
        found = (len(outcome.proposals), outcome.total_score)
        if mode == Mode.BEST_SCORE:
            found = (0, outcome.total_score)
        forbidden = {frozenset(pair) for pair in avoid + earlier}
        assert found == brute_force(people, settings, forbidden)
        assert not forbidden & {frozenset((p.mentor, p.mentee)) for p in outcome.proposals}


def test_a_shortlisted_graph_keeps_the_rules_and_stays_near_the_optimum() -> None:
    people = random_cohort(random.Random(5), 300)
    previous = [("p000", "p001"), ("p002", "p003")]

    full = match(people, MatchSettings(shortlist=None), previous=previous)
    short = match(people, MatchSettings(shortlist=4), previous=previous)

    assert short.total_score <= full.total_score
    assert short.total_score >= 0.9 * full.total_score
    assert not {("p000", "p001"), ("p001", "p000")} & pairs_of(short)


def test_scores_are_the_same_with_or_without_the_working_window_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    people = random_cohort(random.Random(9), 120)
    with_table = match(people, ONE_TO_ONE)

    monkeypatch.setattr(match_score._CalendarTable, "MAX_WINDOWS", 0)

    assert match(people, ONE_TO_ONE) == with_table
