"""The web publication in the output folder: a page and Woo metadata per document, the index,
the shared assets (style sheet, logo, fonts) and, with a base URL, the sitemap.

The per-document files are formats like PDF and DOCX (``html`` and ``woo``), written with them
and moved into place together. The index, assets and sitemap are the *site files*: written
after every build from the manifest entries, only where their bytes change.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefgen.content.model import Document
from briefgen.pipeline.selection import RENDERED_FORMATS, WEB_FORMATS, file_name
from briefgen.problems import Problem, ProblemsError, display_path
from briefgen.writers import style

__all__ = ["RENDERED_FORMATS", "file_name"]

FORMAT_LABELS = {"pdf": "PDF-document", "docx": "Word-document", "html": "Webpagina"}
FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf", "OFL.txt")
WEB_STYLE = "web.css"
KIND_ORDER = ("briefing", "memo", "letter", "press")


def is_public(document: Document) -> bool:
    """True when ``document`` may be published now (not under embargo, not a concept)."""
    publication = document.meta.publication
    return publication is not None and publication.web


def document_formats(document: Document, formats: Iterable[str]) -> tuple[str, ...]:
    """The formats written for ``document``: no web files for one that may not be published yet."""
    return tuple(fmt for fmt in formats if is_public(document) or fmt not in WEB_FORMATS)


def size_label(size: int) -> str:
    """``245 kB``, ``1,2 MB`` (Dutch decimal comma)."""
    if size < 1000 * 1000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1000 / 1000:.1f} MB".replace(".", ",")


def download_label(fmt: str, size: int) -> str:
    """What a download link says: ``PDF-document (245 kB)``."""
    return f"{FORMAT_LABELS[fmt]} ({size_label(size)})"


def page_files(doc_id: str, document: Document, formats: Iterable[str], sizes: dict[str, int]) -> dict[str, bytes]:
    """The ``html`` and ``woo`` files of one document; ``sizes`` are those of its PDF and DOCX."""
    from briefgen.writers.diwoo import diwoo_xml
    from briefgen.writers.html import Download, web_page

    wanted = set(formats)
    files: dict[str, bytes] = {}
    name = doc_id.rsplit("/", 1)[1]
    if "html" in wanted:
        downloads = [
            Download(f"{name}.{fmt}", download_label(fmt, sizes[fmt])) for fmt in ("pdf", "docx") if fmt in sizes
        ]
        files["html"] = web_page(document, downloads).encode("utf-8")
    if "woo" in wanted:
        files["woo"] = diwoo_xml(document, "html" if "html" in wanted else "pdf")
    return files


def site_files(
    entries: list[dict[str, Any]],
    house: Path,
    title: str,
    organisation: str,
    logo: str,
    logo_alt: str,
) -> dict[str, bytes]:
    """Index and assets for the documents in ``entries`` (manifest entries) that have a web page."""
    from briefgen.writers.html import ASSETS, Download, IndexRow, index_page

    groups: dict[str, tuple[str, list[IndexRow]]] = {}
    for entry in sorted(entries, key=_index_order):
        files = {item["format"]: item for item in entry["files"]}
        if "html" not in files:
            continue
        downloads = tuple(
            Download(files[fmt]["path"], f"{fmt.upper()}, {size_label(files[fmt]['bytes'])}")
            for fmt in ("pdf", "docx")
            if fmt in files
        )
        row = IndexRow(
            files["html"]["path"],
            entry["title"],
            entry.get("date_label") or entry["date"],
            entry["number"],
            entry.get("subject") or "",
            downloads,
            entry.get("audience") or "",
        )
        groups.setdefault(entry["kind"], (entry.get("kind_label") or entry["kind"], []))[1].append(row)
    if not groups:
        return {}
    page = index_page(title, organisation, logo, logo_alt, list(groups.values()))
    files = {"index.html": page.encode("utf-8")}
    try:
        sheet = style.apply((house / WEB_STYLE).read_text(encoding="utf-8"), style.load(house))
    except style.StyleError as error:
        raise ProblemsError([Problem(display_path(error.path), field=error.field, message=error.message)]) from None
    files[f"{ASSETS}/{WEB_STYLE}"] = sheet.encode("utf-8")
    files[f"{ASSETS}/{logo}"] = (house / logo).read_bytes()
    for font in FONT_FILES:
        files[f"{ASSETS}/fonts/{font}"] = (house / "fonts" / font).read_bytes()
    return files


def _index_order(entry: dict[str, Any]) -> tuple[int, bool, str]:
    """Kinds in :data:`KIND_ORDER`; within a kind the document on the whole agreement (no theme,
    no portfolio) first, then by title."""
    kind = KIND_ORDER.index(entry["kind"]) if entry["kind"] in KIND_ORDER else len(KIND_ORDER)
    part = bool(entry.get("theme") or entry.get("portfolio"))
    return kind, part, str(entry.get("title") or entry["id"]).casefold()


def sitemap(base_url: str, published: list[tuple[Document, dict[str, Any]]]) -> bytes:
    """``sitemap.xml``: every web page and PDF under ``base_url``, each with its Woo metadata."""
    from briefgen.writers.diwoo import SitemapEntry, sitemap_xml

    root = base_url.rstrip("/") + "/"
    entries = [
        SitemapEntry(root + files[fmt].path, document, fmt)
        for document, files in published
        for fmt in ("html", "pdf")
        if fmt in files and "html" in files
    ]
    return sitemap_xml(entries)
