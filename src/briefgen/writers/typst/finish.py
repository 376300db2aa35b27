"""Finish Typst's tagged PDF/UA-1 + PDF/A-2a output with pikepdf: the same Info and XMP as the
WeasyPrint writer writes, and a readable description on each link inside the document.

Typst already writes the structure tree, ``/Lang``, ``DisplayDocTitle``, the outline, the sRGB
output intent and page headers and footers as artifacts; nothing of that is rewritten here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pikepdf import Array, Name, Pdf, String

from briefgen.writers.pdfinfo import set_metadata
from briefgen.writers.xmp import DocInfo


def finish(raw: bytes, info: DocInfo, link_labels: Sequence[str]) -> tuple[bytes, int]:
    """Post-process a Typst PDF; return the final bytes and the page count.

    ``link_labels``: the description of every internal link in document order (``Bron 3``).
    """
    with Pdf.open(io.BytesIO(raw)) as pdf:
        set_metadata(pdf, info)
        _describe_internal_links(pdf, link_labels)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True, fix_metadata_version=False)
        return out.getvalue(), len(pdf.pages)


def _describe_internal_links(pdf: Pdf, link_labels: Sequence[str]) -> None:
    """Typst describes a link to a place in the document by its page (``pagina 4``); briefgen's
    are contents entries and note references, described by their heading or source.

    The annotations are matched to the links in document order; when their number differs (a
    link broken over two lines has two), Typst's own descriptions are kept.
    """
    internal = [
        annot
        for page in pdf.pages
        for annot in page.obj.get("/Annots", Array())
        if annot.get("/Subtype") == Name.Link and "/Dest" in annot
    ]
    if len(internal) != len(link_labels):
        return
    for annot, label in zip(internal, link_labels, strict=True):
        annot.Contents = String(label)
