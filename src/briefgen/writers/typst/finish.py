"""Finish Typst's tagged PDF/UA-1 + PDF/A-2a output with pikepdf: the same Info and XMP as the
WeasyPrint writer writes, and a readable description on each link inside the document.

Typst already writes the structure tree, ``/Lang``, ``DisplayDocTitle``, the outline, the sRGB
output intent and page headers and footers as artifacts; nothing of that is rewritten here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pikepdf import Array, Dictionary, Name, Pdf, String

from briefgen.writers.xmp import DocInfo, xmp_packet


def finish(raw: bytes, info: DocInfo, link_labels: Sequence[str]) -> tuple[bytes, int]:
    """Post-process a Typst PDF; return the final bytes and the page count.

    ``link_labels``: the description of every internal link in document order (``Bron 3``).
    """
    with Pdf.open(io.BytesIO(raw)) as pdf:
        _set_metadata(pdf, info)
        _describe_internal_links(pdf, link_labels)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True, fix_metadata_version=False)
        return out.getvalue(), len(pdf.pages)


def _set_metadata(pdf: Pdf, info: DocInfo) -> None:
    docinfo = Dictionary(
        Title=String(info.title),
        Producer=String(info.producer),
        Creator=String(info.creator),
        CreationDate=String(info.pdf_date),
        ModDate=String(info.pdf_date),
    )
    if info.author:
        docinfo.Author = String(info.author)
    if info.subject:
        docinfo.Subject = String(info.subject)
    if info.keywords:
        docinfo.Keywords = String(info.keywords)
    pdf.trailer.Info = pdf.make_indirect(docinfo)
    metadata = pdf.make_stream(xmp_packet(info))
    metadata.Type = Name.Metadata
    metadata.Subtype = Name.XML
    pdf.Root.Metadata = metadata


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
