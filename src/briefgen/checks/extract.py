"""Built files read once per check run and shared by the gates."""

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
