"""PDF writer on the Typst engine: document model → Typst markup → PDF/UA-1 + PDF/A-2a.

A peer of :mod:`briefgen.writers.pdf` (WeasyPrint) behind the same model and the same gates.
One :class:`TypstWriter` per process keeps one Typst compiler, so the house preamble, the fonts
and the logo are loaded once. Typst reads only the house folder (its project root) and only
the fonts in ``house/fonts``: no system fonts, no packages, so the bytes are the same on every
machine. Typst tags the PDF itself (structure tree, ``/Lang``, bookmarks, page headers and
footers as artifacts) and checks PDF/UA-1 and PDF/A-2a while exporting; pikepdf then writes
the same metadata as the WeasyPrint writer and a readable description on every link.
"""

from __future__ import annotations

import os
import re
from importlib.metadata import version
from pathlib import Path

import pikepdf
import typst

from briefgen.content.model import Document
from briefgen.writers import style
from briefgen.writers.pdfbase import GENERATOR, PdfRenderError, RenderedPdf, pdf_timestamp
from briefgen.writers.typst.finish import finish
from briefgen.writers.typst.markup import document_source
from briefgen.writers.xmp import DocInfo

__all__ = ["PREAMBLE", "PRODUCER", "TypstWriter"]

PREAMBLE = "house.typ"
FONT_DIR = "fonts"
STANDARDS: list[typst.PDFStandard] = ["ua-1", "a-2a"]
"""PDF/UA-1 and PDF/A-2 level A (tagged): Typst refuses to export a file that breaks either."""
PRODUCER = f"Typst {version('typst')}; pikepdf {pikepdf.__version__}"
_NO_GLYPH = re.compile(r'the text `"(.+?)"` could not be displayed with font')


def _explain(message: str) -> str:
    """Typst's error in the reader's terms (a character the house fonts lack, above all)."""
    missing = _NO_GLYPH.search(message)
    if missing is None:
        return f"Typst: {message}"
    text = missing.group(1)
    codes = ", ".join(f"U+{ord(ch):04X}" for ch in text)
    return (
        f"the house fonts have no glyph for ‘{text}’ ({codes}), and the Typst engine writes no "
        "PDF/A with text it cannot show: add the character to the fonts (tools/reduce_fonts.py) "
        "or use --pdf-engine weasyprint"
    )


class TypstWriter:
    """Render :class:`Document` objects to accessible, archivable PDF with Typst, in the house style."""

    def __init__(self, house_dir: Path) -> None:
        self.house_dir = Path(os.path.realpath(house_dir))
        preamble = self.house_dir / PREAMBLE
        if not preamble.is_file():
            raise FileNotFoundError(f"house style not found: {preamble}")
        try:
            style.load(self.house_dir)  # the preamble reads it: a wrong value is named here, not by Typst
        except style.StyleError as error:
            raise PdfRenderError(str(error)) from None
        fonts = typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(self.house_dir / FONT_DIR)]
        )
        self._compiler = typst.Compiler(root=str(self.house_dir), font_paths=fonts, ignore_system_fonts=True)

    def render(self, doc: Document) -> RenderedPdf:
        """Render ``doc``; the same document always gives the same bytes."""
        self._check_asset(doc.letterhead.logo)
        source = document_source(doc, PREAMBLE)
        moment = pdf_timestamp(doc.meta.date)
        try:
            raw = self._compiler.compile(
                input=source.text.encode("utf-8"),
                format="pdf",
                pdf_standards=STANDARDS,
                timestamp=moment,
            )
        except typst.TypstError as error:
            raise PdfRenderError(_explain(error.message)) from None
        if not isinstance(raw, bytes):
            raise PdfRenderError("Typst returned no PDF")
        info = DocInfo.from_meta(doc.meta, creator=GENERATOR, producer=PRODUCER, moment=moment)
        data, pages = finish(raw, info, source.link_labels)
        return RenderedPdf(data=data, pages=pages)

    def _check_asset(self, name: str) -> None:
        """Refuse a letterhead asset that is not a file in the house folder."""
        path = Path(os.path.realpath(self.house_dir / name))
        if not path.is_relative_to(self.house_dir) or not path.is_file():
            raise PdfRenderError(f"letterhead asset {name!r}: not a file in the house folder")
