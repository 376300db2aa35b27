"""Hyphenated line ends in a built PDF, read from the tagged PDF by structure role.

The house style hyphenates running text only (paragraphs, list items, quotes): never headings,
header fields, table cells, captions, names (words that begin with a capital) or numbers, and
never more than :data:`MAX_RUN` lines in a row. The PDF writer draws the hyphen it adds at a
line end as U+2010 (a hyphen in the text itself is U+002D), so the two are told apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefgen.checks.pdftext import PdfContent, line_chunks, line_text

HYPHEN_MARK = "\u2010"
"""What the WeasyPrint writer draws where it hyphenates a word at a line end."""
LINE_END_MARKS = (HYPHEN_MARK, "\u00ad")
"""A line end hyphenated by either PDF engine: Typst's hyphen there reads as a soft hyphen."""
MAX_RUN = 2
"""Most hyphenated lines in a row the house style allows."""
RUNNING_TAGS = frozenset({"P", "LBody", "BlockQuote"})
"""Structure types of running text."""
NEVER_TAGS = frozenset({"H1", "H2", "H3", "H4", "H5", "H6", "TD", "TH", "Caption", "Lbl", "Strong"})
"""Structure types (of the element or an ancestor) whose text is never hyphenated."""
EXAMPLES = 5


@dataclass
class Hyphenation:
    """Hyphenated line ends of one PDF."""

    lines: int = 0
    hyphenated: int = 0
    longest_run: int = 0
    outside_running_text: list[str] = field(default_factory=list)
    """``p. N: …end of line‐`` of hyphens in headings, fields, tables, captions, bold text."""
    names: list[str] = field(default_factory=list)
    """``p. N: Gemeen‐ten`` of names (words that begin with a capital) broken at a line end."""

    @property
    def problems(self) -> list[str]:
        """What breaks the house style, in words."""
        found = []
        if self.outside_running_text:
            found.append(
                f"{len(self.outside_running_text)} outside running text ("
                + "; ".join(self.outside_running_text[:EXAMPLES])
                + ")"
            )
        if self.names:
            found.append(f"{len(self.names)} in names ({'; '.join(self.names[:EXAMPLES])})")
        if self.longest_run > MAX_RUN:
            found.append(f"{self.longest_run} hyphenated lines in a row (at most {MAX_RUN})")
        return found

    def as_dict(self) -> dict[str, Any]:
        return {
            "lines": self.lines,
            "hyphenated": self.hyphenated,
            "longest_run": self.longest_run,
            "outside_running_text": self.outside_running_text,
            "names": self.names,
        }


def _last_word(text: str) -> str:
    return text.rsplit(" ", 1)[-1]


def hyphenation(content: PdfContent) -> Hyphenation:
    """Count the hyphenated line ends of a read PDF, where they are and how many in a row."""
    lines = line_chunks([chunk for chunk in content.chunks if chunk.role == "body"])
    found = Hyphenation(lines=len(lines))
    run = 0
    for index, line in enumerate(lines):
        text = line_text(line)
        if not text.endswith(LINE_END_MARKS):
            run = 0
            continue
        run += 1
        found.hyphenated += 1
        found.longest_run = max(found.longest_run, run)
        following = line_text(lines[index + 1]).split(" ", 1)[0] if index + 1 < len(lines) else ""
        word = _last_word(text) + following
        where = f"p. {line[-1].page}: {word}"
        tags = set(line[-1].tags)
        if tags & NEVER_TAGS or not tags & RUNNING_TAGS:
            found.outside_running_text.append(where)
        elif word.lstrip("(‘“'\"")[:1].isupper():
            found.names.append(where)
    return found
