"""Renders what the stand-in received as the text a person would see in Slack."""

from typing import Any

INDENT = "      "


def render_blocks(blocks: list[dict[str, Any]] | None, fallback: str) -> list[str]:
    """Block Kit as readable lines; buttons as [Label]."""
    if not blocks:
        return fallback.splitlines()
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            lines.append(f"# {block['text']['text']}")
        elif kind == "section":
            lines.extend(block["text"]["text"].splitlines())
        elif kind == "context":
            lines.append(" ".join(e.get("text", "") for e in block.get("elements", [])))
        elif kind == "divider":
            lines.append("─" * 40)
        elif kind == "actions":
            lines.append("  ".join(_control(e) for e in block.get("elements", [])))
        elif kind == "input":
            lines.append(f"▸ {block['label']['text']}")
    return lines


def render_view(view: dict[str, Any]) -> list[str]:
    """A modal as readable lines: its title, inputs and buttons."""
    buttons = [view[name]["text"] for name in ("close", "submit") if view.get(name)]
    lines = [f"┌ {view['title']['text']}", *render_blocks(view["blocks"], "")]
    return [*lines, "└ " + "  ".join(f"[{label}]" for label in buttons)]


def _control(element: dict[str, Any]) -> str:
    label = element.get("text", {}).get("text", element.get("action_id", "?"))
    return f"[{label}]"


def indented(lines: list[str], prefix: str = INDENT) -> str:
    """The lines, each with a prefix."""
    return "\n".join(prefix + line for line in lines)
