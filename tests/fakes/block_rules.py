"""Slack's Block Kit limits, checked the way Slack rejects a message or view that breaks them."""

from typing import Any

MAX_BLOCKS = {"message": 50, "modal": 100, "home": 100}
TEXT_LIMITS = {"section": 3000, "header": 150}
CHOICES = ("checkboxes", "radio_buttons")


def _too_long(errors: list[str], where: str, value: Any, limit: int) -> None:
    if isinstance(value, str) and len(value) > limit:
        errors.append(f"{where} must be at most {limit} characters (got {len(value)})")


def _text(obj: Any) -> Any:
    return obj.get("text") if isinstance(obj, dict) else None


def _element_errors(element: dict[str, Any], where: str) -> list[str]:
    errors: list[str] = []
    _too_long(errors, f"{where}.action_id", element.get("action_id"), 255)
    if element.get("type") == "button":
        _too_long(errors, f"{where}.text", _text(element.get("text")), 75)
        _too_long(errors, f"{where}.value", element.get("value"), 2000)
    _too_long(errors, f"{where}.placeholder", _text(element.get("placeholder")), 150)
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options.extend(group.get("options") or [])
        _too_long(errors, f"{where}.option_groups.label", _text(group.get("label")), 75)
    if len(options) > 100:
        errors.append(f"{where}.options must be at most 100 (got {len(options)})")
    offers_options = element.get("type") in ("static_select", "multi_static_select", *CHOICES)
    if offers_options and not options:
        errors.append(f"{where} must offer at least one option")
    if element.get("type") in CHOICES and len(options) > 10:
        errors.append(f"{where}.options must be at most 10 for {element['type']}")
    offered = [option.get("value") for option in options]
    initial = list(element.get("initial_options") or [])
    if element.get("initial_option"):
        initial.append(element["initial_option"])
    if any(option.get("value") not in offered for option in initial):
        errors.append(f"{where}: an initial option is not among the options")
    if isinstance(element.get("max_length"), int) and element["max_length"] > 3000:
        errors.append(f"{where}.max_length must be at most 3000")
    _too_long(errors, f"{where}.initial_value", element.get("initial_value"), 3000)
    for index, option in enumerate(options):
        _too_long(errors, f"{where}.options[{index}].text", _text(option.get("text")), 75)
        _too_long(errors, f"{where}.options[{index}].value", option.get("value"), 150)
    return errors


def block_errors(blocks: Any, surface: str) -> list[str]:
    """Every limit the blocks break on the given surface (message, modal or home)."""
    if not isinstance(blocks, list):
        return ["blocks must be an array"]
    errors: list[str] = []
    if len(blocks) > MAX_BLOCKS[surface]:
        errors.append(f"a {surface} holds at most {MAX_BLOCKS[surface]} blocks (got {len(blocks)})")
    for index, block in enumerate(blocks):
        where = f"blocks[{index}]"
        if not isinstance(block, dict) or "type" not in block:
            errors.append(f"{where} must be an object with a type")
            continue
        _too_long(errors, f"{where}.block_id", block.get("block_id"), 255)
        for part in ("label", "hint"):
            _too_long(errors, f"{where}.{part}", _text(block.get(part)), 2000)
        kind = block["type"]
        if kind in TEXT_LIMITS:
            _too_long(errors, f"{where}.text", _text(block.get("text")), TEXT_LIMITS[kind])
        for number, field in enumerate(block.get("fields") or []):
            _too_long(errors, f"{where}.fields[{number}]", _text(field), 2000)
        if block.get("accessory"):
            errors += _element_errors(block["accessory"], f"{where}.accessory")
        if block.get("element"):
            errors += _element_errors(block["element"], f"{where}.element")
        for number, element in enumerate(block.get("elements") or []):
            if kind == "actions":
                errors += _element_errors(element, f"{where}.elements[{number}]")
        if kind == "actions" and len(block.get("elements") or []) > 25:
            errors.append(f"{where}.elements must be at most 25")
        if kind == "context" and len(block.get("elements") or []) > 10:
            errors.append(f"{where}.elements must be at most 10")
    return errors


def view_errors(view: Any) -> list[str]:
    """Every limit a modal or Home tab view breaks."""
    if not isinstance(view, dict) or view.get("type") not in ("modal", "home"):
        return ["view must be an object of type modal or home"]
    errors = block_errors(view.get("blocks"), view["type"])
    for name in ("title", "submit", "close"):
        _too_long(errors, f"view.{name}", _text(view.get(name)), 24)
    if view["type"] == "modal" and not view.get("title"):
        errors.append("a modal needs a title")
    _too_long(errors, "view.private_metadata", view.get("private_metadata"), 3000)
    _too_long(errors, "view.callback_id", view.get("callback_id"), 255)
    return errors
