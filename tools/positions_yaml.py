"""Write position data back as YAML in the house layout (folded prose, quoted only when needed).

Used by the authoring tools in this folder; ``write`` refuses to save anything that does not
read back as exactly the data it was given.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path
from typing import Any

import yaml

WIDTH = 100
FOLD_AT = 70
"""Strings longer than this (or with a line break) are written as folded block scalars."""


def scalar(value: Any) -> str:
    """One scalar as YAML on a single line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return repr(value)
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**9).strip()
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    return text.removesuffix("...").strip()


def _foldable(text: str) -> bool:
    return (
        len(text) > FOLD_AT
        and "\n" not in text
        and text == text.strip()
        and "  " not in text
        and not text.startswith(("#", "'", '"', "-", "[", "{", ">", "|", "!", "&", "*", "%", "@", "`"))
    )


def _folded(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [pad + line for line in textwrap.wrap(text, WIDTH - indent, break_long_words=False, break_on_hyphens=False)]


def emit(value: Any, indent: int = 0) -> list[str]:
    """Lines of YAML for a mapping or list at ``indent``."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            lines.extend(_entry(f"{pad}{key}:", item, indent))
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                inner = emit(item, indent + 2)
                inner[0] = pad + "- " + inner[0][indent + 2 :]
                lines.extend(inner)
            else:
                lines.extend(_entry(f"{pad}-", item, indent))
    return lines


def _ids(item: list[Any]) -> bool:
    return all(isinstance(x, str) and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", x) for x in item)


def _entry(head: str, item: Any, indent: int) -> list[str]:
    if isinstance(item, list) and item and _ids(item) and len(head) + sum(len(x) + 2 for x in item) < WIDTH:
        return [f"{head} [{', '.join(item)}]"]
    if isinstance(item, dict):
        return [head + " {}"] if not item else [head, *emit(item, indent + 2)]
    if isinstance(item, list):
        return [head + " []"] if not item else [head, *emit(item, indent + 2)]
    if isinstance(item, str) and _foldable(item):
        return [head + " >-", *_folded(item, indent + 2)]
    return [f"{head} {scalar(item)}"]


def write(path: Path, data: Any) -> None:
    """Write ``data`` to ``path`` as YAML; refuse when it would not read back the same."""
    text = "\n".join(emit(data)) + "\n"
    if yaml.safe_load(text) != data:
        raise ValueError(f"{path}: the YAML would not read back as the same data")
    path.write_text(text, encoding="utf-8")
