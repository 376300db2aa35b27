"""Text of built files and of composed documents, read once per check run and shared by gates."""

from __future__ import annotations

from pathlib import Path

from briefgen.checks.base import Inputs
from briefgen.checks.docxtext import DocxContent, read_docx
from briefgen.checks.pdftext import PdfContent, read_pdf
from briefgen.content import model as m


def pdf_content(inputs: Inputs, path: Path) -> PdfContent:
    """The read PDF (cached per run)."""
    key = ("pdf", path.resolve())
    if key not in inputs.cache:
        inputs.cache[key] = read_pdf(path)
    return inputs.cache[key]


def docx_content(inputs: Inputs, path: Path) -> DocxContent:
    """The read DOCX (cached per run)."""
    key = ("docx", path.resolve())
    if key not in inputs.cache:
        inputs.cache[key] = read_docx(path)
    return inputs.cache[key]


def pdf_text(inputs: Inputs, path: Path) -> str:
    """Body words of a PDF joined by spaces (hyphenation at line ends undone)."""
    from briefgen.checks.parity import pdf_words

    return " ".join(word.text for word in pdf_words(pdf_content(inputs, path)))


def docx_text(inputs: Inputs, path: Path) -> str:
    """Body words of a DOCX joined by spaces."""
    from briefgen.checks.parity import docx_words

    return " ".join(word.text for word in docx_words(docx_content(inputs, path)))


def _inline(items: tuple[m.Inline, ...]) -> str:
    parts = []
    for item in items:
        if isinstance(item, m.Text):
            parts.append(item.text)
        elif isinstance(item, (m.Styled, m.Link)):
            parts.append(_inline(item.children))
        elif isinstance(item, (m.LineBreak, m.NoteRef)):
            parts.append(" ")
    return "".join(parts)


def block_texts(block: m.Block) -> list[str]:
    """Every visible text of a block of the model."""
    if isinstance(block, (m.Heading, m.Paragraph)):
        return [_inline(block.children)]
    if isinstance(block, m.ListBlock):
        return [_inline(item) for item in block.items]
    if isinstance(block, m.Table):
        texts = [block.caption, *(_inline(cell) for cell in block.header)]
        return texts + [_inline(cell) for row in block.rows for cell in row]
    if isinstance(block, m.Quote):
        return [_inline(block.children), block.attribution]
    if isinstance(block, m.Callout):
        return [block.title, *(text for inner in block.blocks for text in block_texts(inner))]
    if isinstance(block, m.Fields):
        return [f"{item.label} {_inline(item.children)}" for item in block.fields]
    if isinstance(block, m.Address):
        return list(block.lines)
    if isinstance(block, m.Signature):
        return [block.greeting, block.body, *(f"{name} {role}" for name, role in block.signatories)]
    if isinstance(block, m.Sources):
        return [block.title, *(f"{e.title} {e.publisher} {e.url}" for e in block.entries)]
    return []


def model_text(document: m.Document) -> str:
    """Every visible text of a composed document (title included), one block text per line."""
    return "\n".join([document.meta.title, *(text for block in document.blocks for text in block_texts(block))])
