"""Typographic rules both writers apply in the same way, so DOCX and PDF cannot drift."""

from __future__ import annotations

import re
from typing import Protocol

LINK_SCHEMES = ("https://", "mailto:")
"""The only link targets a document may hold: the content stage refuses others, writers never link them."""

MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
NO_BREAK = re.compile(
    r"€ (?=[\d-])|\d (?=(?:miljoen|miljard|procent|euro)\b)"
    rf"|\d (?=(?:{MONTHS})\b)|\b(?:{MONTHS}) (?=\d{{4}}\b)|\d (?=\d)"
)
"""Spaces inside amounts, dates and numbers that become no-break spaces (``€ 1 miljard``,
``30 procent``, ``16 mei 2024``, ``070 373 83 93``)."""

QUOTE_MARKS = "“‘\"'„"
"""A quotation that starts with one of these gets no extra quotation marks."""
OPEN_QUOTE, CLOSE_QUOTE = "“", "”"
"""Quotations use double quotation marks (single ones are for words in running text)."""

NOTE_SEPARATOR = ","
"""Between adjacent note references: ¹,² rather than ¹²."""

SOURCE_URL_SEPARATOR = ". "
"""Between the label and the URL of a source entry."""


def is_link_allowed(url: str) -> bool:
    """Whether ``url`` may become a hyperlink."""
    return url.lower().startswith(LINK_SCHEMES)


def keep_amounts_together(text: str) -> str:
    """Replace the spaces inside amounts, dates and numbers by no-break spaces."""
    return NO_BREAK.sub(lambda match: match.group(0).replace(" ", "\u00a0"), text)


def needs_quote_marks(text: str) -> bool:
    """Whether a quotation's text still needs quotation marks around it."""
    stripped = text.strip()
    return bool(stripped) and stripped[0] not in QUOTE_MARKS


class Titled(Protocol):
    """What a source label is made of (a source entry of the model)."""

    @property
    def title(self) -> str: ...

    @property
    def publisher(self) -> str: ...


def source_label(entry: Titled) -> str:
    """``title, publisher``: the text of a source entry before its URL."""
    return entry.title + (f", {entry.publisher}" if entry.publisher else "")
