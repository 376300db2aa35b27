"""The contents list of a long document: where it goes and when a document is long.

A document of more than about four pages opens with a short contents list (its level-1 and
level-2 headings), placed before its first level-1 heading; every writer renders it (a linked
list in the PDF and on the web page, a table of contents field in the DOCX). Length is judged
from the words of the model, so the PDF, the DOCX and the web page agree.
"""

from __future__ import annotations

import dataclasses

from briefgen.content import model as m
from briefgen.content.text import document_units, inline_text

CONTENTS_TITLE = "Inhoud"
LONG_DOCUMENT_WORDS = 1100
"""Words from which a document gets a contents list: the house style sets about 1,250 words on
four pages (fewer with tables), so every document of five pages or more has one."""
MIN_ENTRIES = 3
"""Fewer headings than this need no contents list."""
LEVELS = 2
"""Heading levels listed (and linked: :func:`is_listed`)."""


def is_listed(level: int) -> bool:
    """Whether a heading of ``level`` is in the contents list (and so a link target)."""
    return 1 <= level <= LEVELS


def entries(document: m.Document) -> list[m.ContentsEntry]:
    """The headings a contents list of ``document`` shows, in order."""
    return [
        m.ContentsEntry(b.level, inline_text(b.children))
        for b in document.blocks
        if isinstance(b, m.Heading) and is_listed(b.level)
    ]


def word_count(document: m.Document) -> int:
    """The words a reader reads in the document (the text view, without notes)."""
    return sum(len(unit.text().split()) for unit in document_units(document))


def with_contents(document: m.Document) -> m.Document:
    """``document`` with a contents list before its first level-1 heading when it is long; as it
    is when it is short, has few headings or has a contents list already."""
    listed = entries(document)
    if len(listed) < MIN_ENTRIES or any(isinstance(b, m.Contents) for b in document.blocks):
        return document
    if word_count(document) < LONG_DOCUMENT_WORDS:
        return document
    blocks = list(document.blocks)
    first = next(i for i, b in enumerate(blocks) if isinstance(b, m.Heading) and b.level == 1)
    blocks.insert(first, m.Contents(CONTENTS_TITLE, tuple(listed)))
    return dataclasses.replace(document, blocks=tuple(blocks))
