"""Woo metadata: a DiWoo 0.9.8 ``diwoo:Document`` per document, and a sitemap with the extension.

Written from the document model's :class:`~briefgen.content.model.Publication`; the values are
TOOI URIs with their labels, filled in by the kinds from the profile. Valid against
``diwoo-metadata.xsd`` (the tests check every file against the schema).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.content.model import Document, Term

NS = "https://standaarden.overheid.nl/diwoo/metadata/"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
LANGUAGE = Term("http://publications.europa.eu/resource/authority/language/NLD", "Nederlands")
FILE_TYPES = {
    "html": Term("http://publications.europa.eu/resource/authority/file-type/HTML", "HTML"),
    "pdf": Term("http://publications.europa.eu/resource/authority/file-type/PDF", "PDF"),
    "docx": Term("http://publications.europa.eu/resource/authority/file-type/DOCX", "Word DOCX"),
}

ET.register_namespace("diwoo", NS)


def _el(parent: ET.Element, name: str, text: str = "", resource: str = "") -> ET.Element:
    element = ET.SubElement(parent, f"{{{NS}}}{name}")
    if text:
        element.text = text
    if resource:
        element.set("resource", resource)
    return element


def _term(parent: ET.Element, name: str, term: Term | None) -> None:
    if term is not None:
        _el(parent, name, term.label, term.uri)


def diwoo_element(doc: Document, file_format: str = "pdf") -> ET.Element:
    """The ``diwoo:Document`` element of ``doc`` (describing its ``file_format`` file)."""
    meta = doc.meta
    publication = meta.publication
    if publication is None:
        raise ValueError(f"{meta.number}: the document has no publication data")
    root = ET.Element(f"{{{NS}}}Document")
    diwoo = _el(root, "DiWoo")
    identifiers = _el(diwoo, "identifiers")
    _el(identifiers, "identifier", meta.number)
    _el(diwoo, "publisher", publication.publisher, publication.publisher_uri)
    titles = _el(diwoo, "titelcollectie")
    _el(titles, "officieleTitel", f"{meta.kind_label} – {meta.title}")
    if meta.subject:
        descriptions = _el(diwoo, "omschrijvingen")
        _el(descriptions, "omschrijving", meta.subject)
    classification = _el(diwoo, "classificatiecollectie")
    categories = _el(classification, "informatiecategorieen")
    _term(categories, "informatiecategorie", publication.category)
    if publication.document_kind is not None:
        kinds = _el(classification, "documentsoorten")
        _term(kinds, "documentsoort", publication.document_kind)
    if meta.keywords:
        keywords = _el(classification, "trefwoorden")
        for keyword in meta.keywords:
            _el(keywords, "trefwoord", keyword)
    _el(diwoo, "creatiedatum", meta.date.isoformat())
    _term(diwoo, "language", LANGUAGE)
    _term(diwoo, "format", FILE_TYPES[file_format])
    handlings = _el(diwoo, "documenthandelingen")
    handling = _el(handlings, "documenthandeling")
    _term(handling, "soortHandeling", publication.handling)
    _el(handling, "atTime", f"{meta.date.isoformat()}T00:00:00")
    return root


def diwoo_xml(doc: Document, file_format: str = "pdf") -> bytes:
    """The ``.diwoo.xml`` file of ``doc``."""
    element = diwoo_element(doc, file_format)
    ET.indent(element)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True) + b"\n"


@dataclass(frozen=True)
class SitemapEntry:
    """One published file: its absolute URL and the document it belongs to."""

    url: str
    document: Document
    file_format: str


def sitemap_xml(entries: Sequence[SitemapEntry]) -> bytes:
    """``sitemap.xml`` (sitemaps protocol 0.9) with a ``diwoo:Document`` in every ``url``."""
    ET.register_namespace("", SITEMAP_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for entry in entries:
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = entry.url
        ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = entry.document.meta.date.isoformat()
        url.append(diwoo_element(entry.document, entry.file_format))
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
