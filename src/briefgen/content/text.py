"""The one text view of the document model: what a reader reads, as plain text.

Writers (column widths), the checks (figures, readability) and the tests read the model's text
through these functions only, so they cannot disagree about what a document says.
"""

from __future__ import annotations

from briefgen.content import model as m


def inline_text(items: tuple[m.Inline, ...], *, note_numbers: bool = False) -> str:
    """The visible text of inline content; line breaks as ``\\n``.

    Note references are left out (they are not words of the sentence) unless ``note_numbers``.
    """
    parts: list[str] = []
    for item in items:
        if isinstance(item, m.Text):
            parts.append(item.text)
        elif isinstance(item, (m.Styled, m.Link, m.Revision)):
            parts.append(inline_text(item.children, note_numbers=note_numbers))
        elif isinstance(item, m.NoteRef) and note_numbers:
            parts.append(str(item.number))
        elif isinstance(item, m.LineBreak):
            parts.append("\n")
    return "".join(parts)


def block_texts(block: m.Block) -> list[str]:
    """Every visible text of a block, in reading order (a field as ``label text``)."""
    if isinstance(block, (m.Heading, m.Paragraph)):
        return [inline_text(block.children)]
    if isinstance(block, m.ListBlock):
        return [inline_text(item) for item in block.items]
    if isinstance(block, m.Table):
        texts = [block.caption, *(inline_text(cell) for cell in block.header)]
        return texts + [inline_text(cell) for row in block.rows for cell in row]
    if isinstance(block, m.Quote):
        return [inline_text(block.children), block.attribution]
    if isinstance(block, m.Callout):
        return [block.title, *blocks_text_list(block.blocks)]
    if isinstance(block, m.Fields):
        return [f"{item.label} {inline_text(item.children)}" for item in block.fields]
    if isinstance(block, m.Address):
        return list(block.lines)
    if isinstance(block, m.Signature):
        return [block.greeting, block.body, *(f"{name} {role}" for name, role in block.signatories)]
    if isinstance(block, m.Sources):
        return [block.title, *(f"{e.title} {e.publisher} {e.url}" for e in block.entries)]
    if isinstance(block, m.PageBreak):
        return []
    raise TypeError(f"the text view does not know the block type {type(block).__name__}")


def blocks_text_list(blocks: tuple[m.Block, ...]) -> list[str]:
    """The texts of several blocks, in reading order; empty texts left out."""
    return [text for block in blocks for text in block_texts(block) if text]


def document_text(document: m.Document) -> str:
    """Every visible text of a composed document (title first), one text per line."""
    return "\n".join([document.meta.title, *blocks_text_list(document.blocks)])
