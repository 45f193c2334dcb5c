"""The lead's review message: paged within Slack's 50-block limit, valid Block Kit, escaped."""

from typing import Any

from handlers.match_blocks import (
    PAIRS_PER_PAGE,
    REVIEW_APPROVE,
    REVIEW_DROP,
    invite_message,
    review_message,
)
from storage.models import Pair
from tests.fakes.block_rules import block_errors


def _pairs(count: int) -> list[Pair]:
    return [
        Pair(
            id=i + 1,
            round_id=1,
            cohort_id=1,
            team_id="T1",
            mentor_user_id=f"U{i:04d}A",
            mentee_user_id=f"U{i:04d}B",
            score=90 - i % 50,
            reasons=[
                {"kind": "teaches", "topics": [1, 2], "hours": 0},
                {"kind": "offers", "topics": [3], "hours": 0},
                {"kind": "hours", "topics": [], "hours": 4},
            ],
        )
        for i in range(count)
    ]


def _name(locale: str | None, topic: int) -> str:
    return {1: "Prompting <script>", 2: "Zapier & co", 3: "Strategy"}[topic]


def _review(count: int, page: int, unmatched: int = 0) -> list[dict[str, Any]]:
    pairs = _pairs(count)
    return review_message(
        "en-US",
        cohort="Spring <pilot> & co",
        round_id=7,
        mode="most_matched",
        pairs=pairs,
        unmatched={f"U{i:04d}X": "capacity" for i in range(unmatched)},
        page=page,
        topic_name=_name,
    )[1]


def _actions(blocks: list[dict[str, Any]]) -> list[str]:
    found = [b["accessory"]["action_id"] for b in blocks if "accessory" in b]
    for block in blocks:
        found += [e["action_id"] for e in block.get("elements", []) if "action_id" in e]
    return found


def test_a_large_round_is_paged_within_slacks_block_limit() -> None:
    pages = [_review(45, page, unmatched=80) for page in (1, 2, 3)]

    for blocks in pages:
        assert len(blocks) <= 50
        assert block_errors(blocks, "message") == []
    assert [_actions(b).count(REVIEW_DROP) for b in pages] == [PAIRS_PER_PAGE, PAIRS_PER_PAGE, 5]
    assert all(REVIEW_APPROVE in _actions(b) for b in pages)
    assert "review_page_next" in _actions(pages[0]) and "review_page_previous" not in _actions(
        pages[0]
    )
    assert "review_page_previous" in _actions(pages[2]) and "review_page_next" not in _actions(
        pages[2]
    )


def test_topic_names_and_the_cohort_name_are_escaped() -> None:
    text = str(_review(1, 1))

    assert "Prompting &lt;script&gt;" in text and "Zapier &amp; co" in text
    assert "Spring &lt;pilot&gt; &amp; co" in text
    assert "<script>" not in text and "<pilot>" not in text


def test_an_introduction_is_valid_and_its_buttons_name_the_invited_person() -> None:
    [pair] = _pairs(1)

    text, blocks = invite_message("de-DE", pair, pair.mentee_user_id, _name)

    assert block_errors(blocks, "message") == []
    values = [e["value"] for b in blocks for e in b.get("elements", []) if "value" in e]
    assert values == [f"1:{pair.mentee_user_id}"] * 2
    assert f"<@{pair.mentor_user_id}>" in text
