"""The stand-in rejects what Slack rejects, so that a test of the bot can fail."""

from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.fakes.slack_api import BOT_TOKEN, RANDOM_FAILURES, RESPONSE_URL, SlackStandIn
from tests.fakes.workspace import EVERYONE, PEOPLE

AMIRA = PEOPLE[2]


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    """A stand-in of its own: these calls are the tests', not the bot's, so the manifest check
    (which reads what the suite's bot called) must not count them."""
    with SlackStandIn(users=list(EVERYONE)) as standin:
        yield standin


@pytest.fixture
def client(slack: SlackStandIn) -> WebClient:
    return WebClient(token=BOT_TOKEN, base_url=slack.api_url, retry_handlers=[])


@pytest.fixture
def dm(client: WebClient) -> str:
    return str(client.conversations_open(users=AMIRA.id)["channel"]["id"])


def _error(call: Any) -> tuple[str, list[str]]:
    with pytest.raises(SlackApiError) as raised:
        call()
    response = raised.value.response
    return response["error"], response.get("response_metadata", {}).get("messages", [])


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def button(text: str = "Go", action_id: str = "go", value: str = "v") -> dict[str, Any]:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action_id,
        "value": value,
    }


def select_with(options: list[tuple[str, str]], initial: str | None = None) -> dict[str, Any]:
    select: dict[str, Any] = {
        "type": "static_select",
        "action_id": "pick",
        "options": [
            {"text": {"type": "plain_text", "text": text}, "value": value}
            for text, value in options
        ],
    }
    if initial is not None:
        select["initial_option"] = {
            "text": {"type": "plain_text", "text": initial},
            "value": initial,
        }
    return {"type": "actions", "elements": [select]}


def test_a_valid_message_is_accepted_and_recorded(
    client: WebClient, slack: SlackStandIn, dm: str
) -> None:
    client.chat_postMessage(channel=dm, text="hi", blocks=[section("hi")])

    (message,) = slack.dms_to(AMIRA.id)
    assert message.text == "hi"
    assert slack.recorded_methods() == {"conversations.open", "chat.postMessage"}


def test_unknown_methods_are_rejected(client: WebClient) -> None:
    assert _error(lambda: client.api_call("chat.postMessageTwice"))[0] == "unknown_method"


def test_missing_required_arguments_are_rejected(client: WebClient) -> None:
    error, detail = _error(lambda: client.api_call("users.info", params={}))
    assert error == "invalid_arguments" and detail == ["missing required field: user"]


def test_a_bad_token_is_rejected(slack: SlackStandIn) -> None:
    client = WebClient(token="xoxb-wrong", base_url=slack.api_url)
    assert _error(client.auth_test)[0] == "invalid_auth"


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_blocks_without_top_level_text_are_rejected(client: WebClient, dm: str) -> None:
    error, _ = _error(lambda: client.chat_postMessage(channel=dm, blocks=[section("hi")]))
    assert error == "no_text"


def test_a_user_id_where_a_channel_id_is_required_is_rejected(client: WebClient) -> None:
    error, _ = _error(lambda: client.chat_postMessage(channel=AMIRA.id, text="hi"))
    assert error == "channel_not_found"


def test_a_channel_that_does_not_exist_is_rejected(client: WebClient) -> None:
    error, _ = _error(lambda: client.chat_postMessage(channel="C0NOWHERE", text="hi"))
    assert error == "channel_not_found"


def test_more_than_50_blocks_in_a_message_are_rejected(client: WebClient, dm: str) -> None:
    blocks = [section(str(n)) for n in range(51)]
    error, detail = _error(lambda: client.chat_postMessage(channel=dm, text="t", blocks=blocks))
    assert error == "invalid_blocks" and "at most 50 blocks" in detail[0]


def test_more_than_100_blocks_in_a_home_tab_are_rejected(client: WebClient) -> None:
    view = {"type": "home", "blocks": [section(str(n)) for n in range(101)]}
    error, detail = _error(lambda: client.views_publish(user_id=AMIRA.id, view=view))
    assert error == "invalid_arguments" and "at most 100 blocks" in detail[0]


@pytest.mark.parametrize(
    ("blocks", "complaint"),
    [
        ([section("x" * 3001)], "blocks[0].text must be at most 3000"),
        ([{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}], "at most 150"),
        ([{"type": "actions", "elements": [button(text="b" * 76)]}], "text must be at most 75"),
        ([{"type": "actions", "elements": [button(action_id="a" * 256)]}], "action_id"),
        ([{**section("x"), "block_id": "b" * 256}], "block_id must be at most 255"),
        ([select_with([("o" * 76, "v")])], "options[0].text must be at most 75"),
        ([select_with([("o", "v" * 151)])], "options[0].value must be at most 150"),
        ([select_with([(str(n), str(n)) for n in range(101)])], "options must be at most 100"),
        ([select_with([])], "must offer at least one option"),
        ([select_with([("a", "a")], initial="b")], "an initial option is not among the options"),
    ],
)
def test_blocks_over_slacks_length_limits_are_rejected(
    client: WebClient, dm: str, blocks: list[dict[str, Any]], complaint: str
) -> None:
    error, detail = _error(lambda: client.chat_postMessage(channel=dm, text="t", blocks=blocks))
    assert error == "invalid_blocks"
    assert any(complaint in line for line in detail), detail


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"title": {"type": "plain_text", "text": "t" * 25}}, "view.title must be at most 24"),
        ({"private_metadata": "m" * 3001}, "private_metadata must be at most 3000"),
    ],
)
def test_modals_over_slacks_limits_are_rejected(
    client: WebClient, change: dict[str, Any], complaint: str
) -> None:
    view = {"type": "modal", "title": {"type": "plain_text", "text": "Survey"}, "blocks": []}
    view.update(change)
    error, detail = _error(lambda: client.views_open(trigger_id="t.1", view=view))
    assert error == "invalid_arguments" and any(complaint in line for line in detail)


def test_a_failure_can_be_planned_with_retry_after(client: WebClient, slack: SlackStandIn) -> None:
    slack.fail("users.info", "ratelimited", status=429, retry_after=7)

    with pytest.raises(SlackApiError) as raised:
        client.users_info(user=AMIRA.id)

    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "7"
    assert client.users_info(user=AMIRA.id)["user"]["id"] == AMIRA.id  # only the next call fails


def test_a_response_url_post_can_be_made_to_fail(slack: SlackStandIn) -> None:
    from slack_sdk.webhook import WebhookClient

    slack.fail(RESPONSE_URL, "expired_url", status=404)
    webhook = WebhookClient(slack.response_url("r1"))

    failed = webhook.send(text="too late")

    assert (failed.status_code, failed.body) == (404, "expired_url")
    assert webhook.send(text="in time").status_code == 200  # only the next post fails
    assert [post.body["text"] for post in slack.responses] == ["in time"]


def _random_run(seed: int) -> tuple[list[tuple[int, str, int]], SlackStandIn]:
    """Fifty users.info calls against a stand-in failing one call in five at random."""
    outcomes = []
    with SlackStandIn(users=list(EVERYONE), failure_rate=0.2, seed=seed) as standin:
        client = WebClient(token=BOT_TOKEN, base_url=standin.api_url, retry_handlers=[])
        for n in range(50):
            try:
                client.users_info(user=AMIRA.id)
            except SlackApiError as error:
                outcomes.append((n, error.response["error"], error.response.status_code))
    return outcomes, standin


def test_random_failures_are_passing_faults_repeatable_with_a_seed_and_recorded() -> None:
    failed, standin = _random_run(seed=42)

    assert 3 <= len(failed) <= 20  # about one call in five
    assert failed == _random_run(seed=42)[0]
    assert failed != _random_run(seed=7)[0]
    assert {(error, status) for _, error, status in failed} <= {
        (f.error, f.status) for f in RANDOM_FAILURES
    }
    assert [(c.method, c.error, c.status) for c in standin.injected] == [
        ("users.info", error, status) for _, error, status in failed
    ]
    assert len(standin.calls_to("users.info")) == 50 - len(failed)


def test_users_info_gives_locale_only_when_asked(client: WebClient) -> None:
    assert "locale" not in client.users_info(user=AMIRA.id)["user"]
    assert client.users_info(user=AMIRA.id, include_locale=True)["user"]["locale"] == "en-GB"


def test_every_workspace_member_is_known(client: WebClient) -> None:
    for person in EVERYONE:
        assert client.users_info(user=person.id)["user"]["real_name"] == person.real_name


def test_more_than_100_blocks_in_a_modal_are_rejected(client: WebClient) -> None:
    view = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Survey"},
        "blocks": [section(str(n)) for n in range(101)],
    }
    error, detail = _error(lambda: client.views_open(trigger_id="t.1", view=view))
    assert error == "invalid_arguments" and "at most 100 blocks" in detail[0]


@pytest.mark.parametrize(
    "body",
    [
        {"blocks": [section("no text")]},
        {"text": "t", "blocks": [section(str(n)) for n in range(51)]},
    ],
)
def test_a_response_url_rejects_what_a_message_would(slack: SlackStandIn, body: dict) -> None:
    from slack_sdk.webhook import WebhookClient

    response = WebhookClient(slack.response_url("r1")).send_dict(body)

    assert response.status_code == 400
    assert slack.responses == []
