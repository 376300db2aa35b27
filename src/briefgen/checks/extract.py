"""Text of built files and of composed documents, read once per check run and shared by gates."""

from __future__ import annotations

from pathlib import Path

from briefgen.checks.base import Inputs
from briefgen.checks.docxtext import DocxContent, read_docx
from briefgen.checks.pdftext import PdfContent, read_pdf


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
