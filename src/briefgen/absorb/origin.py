"""Where a text of a document that is no claim comes from: a template line, or a field of the
profile or the positions (a heading, a name, an addressee)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from briefgen.problems import display_path
from briefgen.readers.positions import text_fields
from briefgen.readers.yamlfile import Located, format_path

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_TAG = re.compile(r"<[^>]*>")
MIN_CHARS = 4


@dataclass(frozen=True)
class Origin:
    """A file and line a text comes from."""

    file: str
    line: int
    field: str = ""
    """The YAML field, for a profile or position text; empty for a template line."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where} ({self.field})" if self.field else where


def template_literals(folder: Path) -> Iterator[tuple[str, int, str]]:
    """(file, line, literal text) of every line of static text in the templates."""
    for path in sorted(folder.glob("*.j2")):
        try:
            lines = path.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, start=1):
            for piece in _TAG.split(_JINJA.sub("\0", line)):
                for literal in piece.split("\0"):
                    literal = html.unescape(literal).strip(" \t:.,;")
                    if len(literal) >= MIN_CHARS:
                        yield display_path(path), number, literal


def find_origin(
    before: str, after: str, templates: Path, located: Iterable[Located], preferred: tuple[str, ...] = ()
) -> Origin | None:
    """Where the text that was changed (what ``before`` has and ``after`` lacks) comes from; a
    line of the ``preferred`` templates (the document's own and its macros) wins."""
    changed = _changed_part(before, after)
    best: tuple[int, Origin] | None = None
    for file, line, literal in template_literals(templates):
        score = len(literal) + (1000 if Path(file).name in preferred else 0)
        if literal in before and _overlaps(before, literal, changed) and (best is None or score > best[0]):
            best = (score, Origin(file, line))
    for source in located:
        for path, value in text_fields(source.data):
            value = value.strip()
            found = len(value) >= MIN_CHARS and value in before and _overlaps(before, value, changed)
            if found and (best is None or len(value) > best[0] % 1000):
                best = (len(value), Origin(source.file, source.where(path)[0], format_path(path)))
    return best[1] if best else None


def _changed_part(before: str, after: str) -> tuple[int, int]:
    """The span of ``before`` that differs from ``after`` (common start and end left out)."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return start, max(start, len(before) - end)


def _overlaps(text: str, literal: str, span: tuple[int, int]) -> bool:
    position = text.find(literal)
    while position >= 0:
        if position <= span[1] and position + len(literal) >= span[0]:
            return True
        position = text.find(literal, position + 1)
    return False
