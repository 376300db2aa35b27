"""DOCX output: the house reference document plus python-docx and a little raw XML."""

from briefgen.writers.docx.reference import ReferenceDocxError
from briefgen.writers.docx.writer import DocxWriter

__all__ = ["DocxWriter", "ReferenceDocxError"]
