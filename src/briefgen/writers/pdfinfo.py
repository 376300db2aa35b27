"""The document information and XMP metadata every PDF engine's file carries (pikepdf)."""

from __future__ import annotations

from pikepdf import Dictionary, Name, Pdf, String

from briefgen.writers.xmp import DocInfo, xmp_packet


def set_metadata(pdf: Pdf, info: DocInfo) -> None:
    """Write ``info`` into the PDF's document information and its XMP metadata stream."""
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
