"""The one text view of the document model: what a reader reads, in reading order, with roles.

A document is walked as *units* (a heading, a paragraph, a list item, a table cell, a field,
a source entry …), each made of *spans* of text. Every unit and span has a role, so a consumer
picks what it needs (running text for readability, note references for provenance, everything
for parity) without walking the model itself. Writers, checks and tests read text only through
this module; it is built on the model's visitors, so a block or inline type it does not know
fails when this module is imported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

from briefgen.content import model as m

Role = Literal[
    # units
    "kind", "title", "heading", "body", "lead", "salutation", "closing", "small", "notice", "list-item",
    "caption", "header-cell", "cell", "quote", "attribution", "field", "address", "greeting",
    "signatory", "source-title", "source", "contents", "furniture",
    # spans inside a unit, besides the unit's own role
    "label", "note-ref", "break",
]  # fmt: skip
"""What a piece of text is to the reader."""

PARAGRAPH_ROLES: dict[str, Role] = {
    "": "body",
    "lead": "lead",
    "salutation": "salutation",
    "closing": "closing",
    "small": "small",
    "notice": "notice",
}
"""The unit role of each paragraph role of the model."""

RUNNING_TEXT: frozenset[Role] = frozenset({"body", "lead", "list-item", "quote"})
"""Units a reader reads as sentences (what readability measures)."""


@dataclass(frozen=True)
class Span:
    """A piece of text inside a unit, with how it is shown."""

    text: str
    role: Role
    """The unit's role, or ``label`` (a field's label), ``note-ref`` or ``break`` (a line break)."""
    bold: bool = False
    italic: bool = False
    href: str = ""
    revision: Literal["", "ins", "del"] = ""
    note: int = 0
    """The source number of a ``note-ref`` span."""


@dataclass(frozen=True)
class Unit:
    """One piece of text a reader takes in as a whole."""

    role: Role
    spans: tuple[Span, ...]
    level: int = 0
    """Heading level (1–3; 0 for a callout title and for other units)."""

    def text(self, *, note_numbers: bool = False) -> str:
        """The visible text; line breaks as ``\\n``; note numbers only if asked."""
        return spans_text(self.spans, note_numbers=note_numbers)

    @property
    def notes(self) -> list[int]:
        """Source numbers this unit refers to, in order."""
        return [span.note for span in self.spans if span.role == "note-ref"]


def spans_text(spans: tuple[Span, ...] | list[Span], *, note_numbers: bool = False) -> str:
    """The text of spans; note references left out unless ``note_numbers``."""
    return "".join(
        "\n" if span.role == "break" else span.text for span in spans if span.role != "note-ref" or note_numbers
    )


class _Spans(m.InlineVisitor[Iterator[Span]]):
    """Inline content → spans; ``base`` carries bold/italic/link/revision down to the text."""

    def __init__(self, base: Span) -> None:
        self.base = base

    def walk(self, items: tuple[m.Inline, ...]) -> Iterator[Span]:
        for item in items:
            yield from self.visit_inline(item)

    def _inside(self, items: tuple[m.Inline, ...], base: Span) -> Iterator[Span]:
        return _Spans(base).walk(items)

    def on_text(self, item: m.Text) -> Iterator[Span]:
        yield replace(self.base, text=item.text)

    def on_styled(self, item: m.Styled) -> Iterator[Span]:
        styled = replace(self.base, bold=True) if item.style == "bold" else replace(self.base, italic=True)
        yield from self._inside(item.children, styled)

    def on_link(self, item: m.Link) -> Iterator[Span]:
        yield from self._inside(item.children, replace(self.base, href=item.href))

    def on_note_ref(self, item: m.NoteRef) -> Iterator[Span]:
        yield replace(self.base, text=str(item.number), role="note-ref", note=item.number)

    def on_line_break(self, item: m.LineBreak) -> Iterator[Span]:
        yield replace(self.base, text="", role="break")

    def on_revision(self, item: m.Revision) -> Iterator[Span]:
        yield from self._inside(item.children, replace(self.base, revision=item.kind))


def inline_spans(items: tuple[m.Inline, ...], role: Role = "body") -> tuple[Span, ...]:
    """The spans of inline content, each with ``role`` (or ``note-ref``/``break``)."""
    return tuple(_Spans(Span("", role)).walk(items))


def _unit(role: Role, items: tuple[m.Inline, ...], level: int = 0) -> Unit:
    return Unit(role, inline_spans(items, role), level)


def _plain(role: Role, *texts: str) -> Unit:
    """A unit of plain strings joined by spaces (no inline markup in the model)."""
    return Unit(role, (Span(" ".join(texts), role),))


class _Units(m.BlockVisitor[Iterator[Unit]]):
    """Blocks → units in reading order."""

    def on_heading(self, block: m.Heading) -> Iterator[Unit]:
        yield _unit("heading", block.children, block.level)

    def on_paragraph(self, block: m.Paragraph) -> Iterator[Unit]:
        yield _unit(PARAGRAPH_ROLES[block.role], block.children)

    def on_list_block(self, block: m.ListBlock) -> Iterator[Unit]:
        for item in block.items:
            yield _unit("list-item", item)

    def on_table(self, block: m.Table) -> Iterator[Unit]:
        yield _plain("caption", block.caption)
        for cell in block.header:
            yield _unit("header-cell", cell)
        for row in block.rows:
            for cell in row:
                yield _unit("cell", cell)

    def on_quote(self, block: m.Quote) -> Iterator[Unit]:
        yield _unit("quote", block.children)
        yield _plain("attribution", block.attribution)

    def on_callout(self, block: m.Callout) -> Iterator[Unit]:
        yield _plain("heading", block.title)
        for inner in block.blocks:
            yield from self.visit_block(inner)

    def on_fields(self, block: m.Fields) -> Iterator[Unit]:
        for item in block.fields:
            value = inline_spans(item.children, "field")
            yield Unit("field", (Span(item.label, "label"), Span(" ", "field"), *value))

    def on_address(self, block: m.Address) -> Iterator[Unit]:
        for line in block.lines:
            yield _plain("address", line)

    def on_signature(self, block: m.Signature) -> Iterator[Unit]:
        yield _plain("greeting", block.greeting)
        yield _plain("greeting", block.body)
        for name, role in block.signatories:
            yield _plain("signatory", name, role)

    def on_sources(self, block: m.Sources) -> Iterator[Unit]:
        yield _plain("source-title", block.title)
        for entry in block.entries:
            yield Unit(
                "source",
                (Span(f"{entry.title} {entry.publisher} ", "source"), Span(entry.url, "source", href=entry.url)),
            )

    def on_contents(self, block: m.Contents) -> Iterator[Unit]:
        yield _plain("heading", block.title)
        for entry in block.entries:
            yield _plain("contents", entry.text)

    def on_page_break(self, block: m.PageBreak) -> Iterator[Unit]:
        yield from ()


_UNITS = _Units()


def block_units(block: m.Block) -> Iterator[Unit]:
    """The units of one block, in reading order (empty ones included)."""
    return _UNITS.visit_block(block)


def document_units(document: m.Document, *, furniture: bool = False) -> Iterator[Unit]:
    """Every unit of a document with text, in reading order: the kind label, the title, the blocks.

    With ``furniture``, the page furniture (organisation, sender lines, footer) comes first.
    """
    if furniture:
        letterhead = document.letterhead
        for text in (letterhead.organisation, *letterhead.sender_lines, letterhead.footer):
            if text:
                yield _plain("furniture", text)
    if document.meta.title_block:
        if document.meta.kind_label:
            yield _plain("kind", document.meta.kind_label)
        yield _plain("title", document.meta.title)
    for block in document.blocks:
        for unit in block_units(block):
            if any(span.text for span in unit.spans):
                yield unit


# ---------------------------------------------------------------- plain text, built on the units


def inline_text(items: tuple[m.Inline, ...], *, note_numbers: bool = False) -> str:
    """The visible text of inline content; line breaks as ``\\n``.

    Note references are left out (they are not words of the sentence) unless ``note_numbers``.
    """
    return spans_text(inline_spans(items), note_numbers=note_numbers)


def block_texts(block: m.Block) -> list[str]:
    """Every visible text of a block, in reading order (a field as ``label text``)."""
    return [unit.text() for unit in block_units(block)]


def blocks_text_list(blocks: tuple[m.Block, ...]) -> list[str]:
    """The texts of several blocks, in reading order; empty texts left out."""
    return [text for block in blocks for text in block_texts(block) if text]


def document_text(document: m.Document) -> str:
    """Every visible text of a composed document (kind label and title first), one text per line."""
    return "\n".join(unit.text() for unit in document_units(document))
