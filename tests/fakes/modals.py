"""Filling in a modal the way a person does in Slack: the `view.state.values` a submission carries.

Inputs the person leaves alone keep their initial values, as in Slack. A choice must be one the
modal offers, unless the submission is forged on purpose (`forged=True`).
"""

from typing import Any

SINGLE_CHOICE = ("radio_buttons", "static_select")
MULTI_CHOICE = ("multi_static_select", "checkboxes")


def _options(element: dict[str, Any]) -> list[dict[str, Any]]:
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options.extend(group["options"])
    return options


def _option(element: dict[str, Any], value: str, forged: bool) -> dict[str, Any]:
    for option in _options(element):
        if option["value"] == value:
            return option
    assert forged, f"the modal offers no option {value!r} for {element['action_id']}"
    return {"text": {"type": "plain_text", "text": value}, "value": value}


def _initial(element: dict[str, Any]) -> Any:
    kind = element["type"]
    if kind in SINGLE_CHOICE:
        return (element.get("initial_option") or {}).get("value")
    if kind in MULTI_CHOICE:
        return [option["value"] for option in element.get("initial_options") or []]
    if kind == "timepicker":
        return element.get("initial_time")
    if kind == "datepicker":
        return element.get("initial_date")
    if kind == "conversations_select":
        return element.get("initial_conversation")
    if kind == "multi_users_select":
        return list(element.get("initial_users") or [])
    value = element.get("initial_value")
    return None if value is None else str(value)


def _state(element: dict[str, Any], answer: Any, forged: bool) -> dict[str, Any]:
    kind = element["type"]
    state: dict[str, Any] = {"type": kind}
    if kind in SINGLE_CHOICE:
        state["selected_option"] = None if answer is None else _option(element, answer, forged)
    elif kind in MULTI_CHOICE:
        state["selected_options"] = [_option(element, value, forged) for value in answer]
    elif kind == "timepicker":
        state["selected_time"] = answer
    elif kind == "datepicker":
        state["selected_date"] = answer
    elif kind == "conversations_select":
        state["selected_conversation"] = answer
    elif kind == "multi_users_select":
        state["selected_users"] = list(answer)
    else:
        state["value"] = answer
    return state


def fill(view: dict[str, Any], answers: dict[str, Any], *, forged: bool = False) -> dict[str, Any]:
    """The state values of `view` after the person gave `answers` (block ID -> value: an option
    value, a list of them, a text, a time "HH:MM", a date "YYYY-MM-DD", a channel ID, or a list
    of user IDs)."""
    unknown = set(answers) - {block.get("block_id") for block in view["blocks"]}
    assert not unknown, f"the modal has no inputs {sorted(unknown)}"
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        answer = answers.get(block["block_id"], _initial(element))
        values[block["block_id"]] = {element["action_id"]: _state(element, answer, forged)}
    return values


def input_labels(view: dict[str, Any]) -> dict[str, str]:
    """Each input's label by block ID."""
    return {b["block_id"]: b["label"]["text"] for b in view["blocks"] if b["type"] == "input"}


def option_values(view: dict[str, Any], block_id: str) -> list[str]:
    """The values an input offers."""
    block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    return [option["value"] for option in _options(block["element"])]


def option_labels(view: dict[str, Any], block_id: str) -> dict[str, str]:
    """The label of each option an input offers, by value."""
    block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    return {option["value"]: option["text"]["text"] for option in _options(block["element"])}
