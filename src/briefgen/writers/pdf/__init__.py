"""PDF writer: document model → HTML → WeasyPrint (PDF/UA-1) → pikepdf (PDF/A-2a + PDF/UA-1).

One :class:`PdfWriter` per process: it loads the house CSS, the fonts and WeasyPrint's font
configuration once and reuses them for every document. Not thread-safe.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import weasyprint
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from briefgen.content.model import Document
from briefgen.writers import style
from briefgen.writers.pdf.fetcher import AssetFetcher, FetchRefusedError
from briefgen.writers.pdf.markup import document_html
from briefgen.writers.pdf.postprocess import finish
from briefgen.writers.pdfbase import GENERATOR, PdfRenderError, RenderedPdf, pdf_timestamp
from briefgen.writers.xmp import DocInfo

__all__ = ["FetchRefusedError", "PdfRenderError", "PdfWriter", "RenderedPdf"]

PDF_VARIANT = "pdf/ua-1"
FONT_DIR = "fonts"
"""The fonts in ``house/fonts`` are already reduced to the glyphs Dutch text needs and carry no
substitutions (``tools/reduce_fonts.py``): they are embedded whole, so no document pays for
subsetting and the bytes do not depend on which subsetter (HarfBuzz or fontTools) a machine has.
Only a document with a character the fonts lack (drawn as the missing-glyph box) is subset as
before, because the text layer of a whole font maps only the characters the font has."""


def _font_coverage(folder: Path) -> frozenset[int]:
    """Code points every house font can draw."""
    from fontTools.ttLib import TTFont

    covered: set[int] | None = None
    for path in sorted(folder.glob("*.ttf")):
        with TTFont(path, lazy=True) as font:
            points = set(font.getBestCmap())
        covered = points if covered is None else covered & points
    return frozenset(covered or ())


PRODUCER = f"WeasyPrint {weasyprint.__version__}; pikepdf {pikepdf.__version__}"


@contextlib.contextmanager
def _source_date_epoch(moment: int) -> Iterator[None]:
    """Pin fontTools' font-subset timestamps to the document date, unless the caller did."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(moment)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


class PdfWriter:
    """Render :class:`Document` objects to accessible, archivable PDF in the house style."""

    def __init__(self, house_dir: Path) -> None:
        self.house_dir = Path(os.path.realpath(house_dir))
        stylesheet = self.house_dir / "house.css"
        if not stylesheet.is_file():
            raise FileNotFoundError(f"house style not found: {stylesheet}")
        self._fetcher = AssetFetcher([self.house_dir])
        self._covered = _font_coverage(self.house_dir / FONT_DIR)
        self._image_cache: dict[str, object] = {}
        """WeasyPrint's image cache, kept across documents: the logo is decoded once per process."""
        self._base_url = self.house_dir.as_uri() + "/"
        self._font_config = FontConfiguration()
        try:
            self._css = CSS(
                string=style.apply(stylesheet.read_text(encoding="utf-8"), style.load(self.house_dir)),
                base_url=stylesheet.as_uri(),
                url_fetcher=self._fetcher,
                font_config=self._font_config,
            )
        except FatalURLFetchingError as error:  # a BaseException: never let it escape as a traceback
            raise PdfRenderError(f"house style {stylesheet.name}: {error}: {error.__cause__}") from error.__cause__
        except style.StyleError as error:
            raise PdfRenderError(str(error)) from None

    def render(self, doc: Document) -> RenderedPdf:
        """Render ``doc``; the same document always gives the same bytes."""
        self._check_asset(doc.letterhead.logo)
        markup = document_html(doc)
        moment = pdf_timestamp(doc.meta.date)
        try:
            with _source_date_epoch(int(moment.timestamp())):
                html = HTML(string=markup.html, base_url=self._base_url, url_fetcher=self._fetcher)
                raw = html.write_pdf(
                    stylesheets=[self._css],
                    font_config=self._font_config,
                    pdf_variant=PDF_VARIANT,
                    presentational_hints=True,  # <ol start>, <li value>
                    full_fonts=self._covers(markup.html),  # see FONT_DIR
                    cache=self._image_cache,
                )
        except FatalURLFetchingError as error:
            raise PdfRenderError(f"{error}: {error.__cause__}") from error.__cause__
        info = DocInfo.from_meta(doc.meta, creator=GENERATOR, producer=PRODUCER, moment=moment)
        data, pages = finish(raw, info, markup.link_labels)
        return RenderedPdf(data=data, pages=pages)

    def _covers(self, text: str) -> bool:
        """True when the house fonts have a glyph for every character of ``text``."""
        return bool(self._covered) and all(ord(ch) < 0x20 or ord(ch) in self._covered for ch in set(text))

    def _check_asset(self, name: str) -> None:
        """Refuse a letterhead asset that is not a file in the house folder."""
        try:
            self._fetcher.resolve((self.house_dir / name).as_uri())
        except (FetchRefusedError, ValueError) as error:
            raise PdfRenderError(f"letterhead asset {name!r}: {error}") from error
