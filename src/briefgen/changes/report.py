"""The change report of ``briefgen diff``: Markdown, terminal (rich) or JSON text (never printed here)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable

from briefgen.changes.diff import Change

WHAT = {
    "theme": "theme",
    "topic": "topic",
    "status": "status",
    "stance": "stance",
    "figure": "figure",
    "ask": "ask",
    "paragraph": "",
    "source": "source",
    "title": "title",
}


def _groups(changes: Iterable[Change]) -> dict[str, dict[str | None, list[Change]]]:
    grouped: dict[str, dict[str | None, list[Change]]] = {}
    for change in changes:
        grouped.setdefault(change.theme, {}).setdefault(change.topic, []).append(change)
    return grouped


def _words(change: Change, deleted: str, inserted: str) -> str:
    """The reworded text with deletions and insertions marked (``deleted``/``inserted``: format strings)."""
    parts = []
    for op, text in change.words:
        parts.append(text if op == "=" else (deleted if op == "-" else inserted).format(text))
    return " ".join(parts)


def line(change: Change, deleted: str = "[-{}-]", inserted: str = "{{+{}+}}") -> str:
    """One change as a line of text (without colour, so it reads the same anywhere)."""
    what = WHAT[change.what] or change.label
    label = f" ‘{change.label}’" if change.what in ("figure", "source", "status") and change.label else ""
    if change.action == "changed":
        return f"{what}{label} changed: {change.old} → {change.new}"
    if change.action == "renamed":
        return f"{what}{label} renamed: id {change.old} → {change.new}"
    if change.action == "reworded":
        return f"{what} reworded: {_words(change, deleted, inserted)}"
    if change.action == "added":
        return f"{what}{label} added: {change.new}"
    return f"{what}{label} removed: {change.old}"


def _title(titles: dict[str, str], key: str) -> str:
    return f"{titles[key]} ({key})" if key in titles and titles[key] != key else key


def markdown(changes: list[Change], old: str, new: str, titles: dict[str, str] | None = None) -> str:
    """The report in Markdown: ~~deleted~~ and **inserted** words; ``titles``: id → title."""
    titles = titles or {}
    out = [f"# Changes in the positions: {old} → {new}", ""]
    if not changes:
        return "\n".join([*out, "No changes in meaning.", ""])
    for theme, topics in _groups(changes).items():
        out += [f"## {_title(titles, theme)}", ""]
        for topic, items in topics.items():
            if topic is not None:
                out += [f"### {_title(titles, topic)}", ""]
            out += [f"- {line(item, '~~{}~~', '**{}**')}" for item in items]
            out.append("")
    return "\n".join(out)


def terminal(
    changes: list[Change],
    old: str,
    new: str,
    titles: dict[str, str] | None = None,
    width: int | None = None,
    color: bool = True,
) -> str:
    """The report for a terminal: deletions red and struck through, insertions green and underlined
    (and marked [-…-] / {+…+}, so it reads without colour too)."""
    from rich.console import Console
    from rich.markup import escape

    titles = titles or {}
    buffer = io.StringIO()
    console = Console(file=buffer, width=width or 100, force_terminal=color, no_color=not color, highlight=False)
    console.print(f"[bold]Changes in the positions: {escape(old)} → {escape(new)}[/bold]")
    if not changes:
        console.print("No changes in meaning.")
    for theme, topics in _groups(changes).items():
        console.print(f"\n[bold]{escape(_title(titles, theme))}[/bold]")
        for topic, items in topics.items():
            if topic is not None:
                console.print(f"  [bold]{escape(_title(titles, topic))}[/bold]")
            for item in items:
                text = escape(line(item, "\x00-{}-\x01", "\x02+{}+\x03"))
                text = text.replace("\x00", "[red strike]\\[").replace("\x01", "][/red strike]")
                text = text.replace("\x02", "[green underline]{").replace("\x03", "}[/green underline]")
                console.print(f"    • {text}")
    return buffer.getvalue()


def as_json(changes: list[Change], old: str, new: str) -> str:
    """The report as JSON."""
    return json.dumps({"old": old, "new": new, "changes": [c.as_dict() for c in changes]}, ensure_ascii=False, indent=2)
