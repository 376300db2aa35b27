"""Note references as a reader wants them: one per source per section, and a table's sources
named once under it.

Kinds cite a source after every claim; in a section where ten paragraphs rest on the same
analysis that gives ten identical superscripts. Here each section (from one heading of level 1
or 2 to the next) keeps the first reference to each source and drops the repeats. A table
whose cells cite sources loses those markers and gets a ``Bron:`` line under it instead, with
each source named and referenced once.
"""

from __future__ import annotations

import dataclasses

from briefgen.content import model as m
from briefgen.content.text import inline_spans
from briefgen.content.typography import source_label

SECTION_LEVELS = 2
"""Headings of this level or higher start a new section."""
SOURCE_LINE = "Bron: "
SOURCES_LINE = "Bronnen: "


class _Strip(m.InlineVisitor[tuple[m.Inline, ...]]):
    """Inline content without note references to sources already ``seen`` (or without any, with
    ``drop_all``); each reference kept is added to ``seen``."""

    def __init__(self, seen: set[int], drop_all: bool = False) -> None:
        self.seen, self.drop_all = seen, drop_all

    def walk(self, items: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
        return tuple(kept for item in items for kept in self.visit_inline(item))

    def on_note_ref(self, item: m.NoteRef) -> tuple[m.Inline, ...]:
        if self.drop_all or item.number in self.seen:
            return ()
        self.seen.add(item.number)
        return (item,)

    def on_text(self, item: m.Text) -> tuple[m.Inline, ...]:
        return (item,)

    def on_line_break(self, item: m.LineBreak) -> tuple[m.Inline, ...]:
        return (item,)

    def on_styled(self, item: m.Styled) -> tuple[m.Inline, ...]:
        return (dataclasses.replace(item, children=self.walk(item.children)),)

    def on_link(self, item: m.Link) -> tuple[m.Inline, ...]:
        return (dataclasses.replace(item, children=self.walk(item.children)),)

    def on_revision(self, item: m.Revision) -> tuple[m.Inline, ...]:
        return (dataclasses.replace(item, children=self.walk(item.children)),)


def _strip(items: tuple[m.Inline, ...], seen: set[int], drop_all: bool = False) -> tuple[m.Inline, ...]:
    return _Strip(seen, drop_all).walk(items)


def _notes(items: tuple[m.Inline, ...]) -> list[int]:
    return [span.note for span in inline_spans(items) if span.role == "note-ref"]


class _Sections(m.BlockVisitor[list[m.Block]]):
    """Blocks → the same blocks with repeated note references dropped."""

    def __init__(self, labels: dict[int, str]) -> None:
        self.labels = labels
        self.seen: set[int] = set()

    def on_heading(self, block: m.Heading) -> list[m.Block]:
        if block.level <= SECTION_LEVELS:
            self.seen = set()
        return [dataclasses.replace(block, children=_strip(block.children, self.seen))]

    def on_paragraph(self, block: m.Paragraph) -> list[m.Block]:
        return [dataclasses.replace(block, children=_strip(block.children, self.seen))]

    def on_list_block(self, block: m.ListBlock) -> list[m.Block]:
        return [dataclasses.replace(block, items=tuple(_strip(item, self.seen) for item in block.items))]

    def on_table(self, block: m.Table) -> list[m.Block]:
        cited: list[int] = []
        for row in (block.header, *block.rows):
            for cell in row:
                cited.extend(n for n in _notes(cell) if n not in cited)
        if not cited:
            return [block]
        table = dataclasses.replace(
            block,
            header=tuple(_strip(cell, set(), drop_all=True) for cell in block.header),
            rows=tuple(tuple(_strip(cell, set(), drop_all=True) for cell in row) for row in block.rows),
        )
        line: list[m.Inline] = [m.Text(SOURCE_LINE if len(cited) == 1 else SOURCES_LINE)]
        for index, number in enumerate(cited):
            if index:
                line.append(m.Text("; "))
            line += [m.Text(self.labels.get(number, "")), m.NoteRef(number)]
            self.seen.add(number)
        return [table, m.Paragraph(tuple(line), role="small")]

    def on_quote(self, block: m.Quote) -> list[m.Block]:
        return [dataclasses.replace(block, children=_strip(block.children, self.seen))]

    def on_callout(self, block: m.Callout) -> list[m.Block]:
        inner = [item for block_ in block.blocks for item in self.visit_block(block_)]
        return [dataclasses.replace(block, blocks=tuple(inner))]  # type: ignore[arg-type]

    def on_fields(self, block: m.Fields) -> list[m.Block]:
        return [block]

    def on_address(self, block: m.Address) -> list[m.Block]:
        return [block]

    def on_signature(self, block: m.Signature) -> list[m.Block]:
        return [block]

    def on_sources(self, block: m.Sources) -> list[m.Block]:
        return [block]

    def on_contents(self, block: m.Contents) -> list[m.Block]:
        return [block]

    def on_page_break(self, block: m.PageBreak) -> list[m.Block]:
        return [block]


def one_note_per_section(document: m.Document) -> m.Document:
    """``document`` with one note reference per source per section, and ``Bron:`` under tables."""
    labels = {
        entry.number: source_label(entry)
        for block in document.blocks
        if isinstance(block, m.Sources)
        for entry in block.entries
    }
    walker = _Sections(labels)
    blocks = [item for block in document.blocks for item in walker.visit_block(block)]
    return dataclasses.replace(document, blocks=tuple(blocks))
