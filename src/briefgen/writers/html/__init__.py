"""HTML writer: an accessible web page per document, and the index of all documents.

The page renders the same document model as the PDF and DOCX writers (the body is the one HTML
serialisation of :mod:`briefgen.writers.markup`), wrapped for the web: ``lang``, a title that
names kind, subject and organisation, landmarks, a skip link, note references that link to
the source list and back, and the downloads of the same document. Everything it shows comes
from the model or from the caller (labels of downloads); nothing is fetched from the internet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.content.model import Document, Fields, Metadata
from briefgen.writers.markup import BodyWriter, esc, esc_text

ASSETS = "assets"
"""Folder (under the output folder) with the web style sheet, the logo and the fonts."""
STYLE_SHEET = "web.css"


@dataclass(frozen=True)
class Download:
    """A file of the same document to offer for download."""

    href: str
    label: str
    """What the reader sees, e.g. ``PDF-document (245 kB)``."""


@dataclass(frozen=True)
class IndexRow:
    """One document in the index."""

    href: str
    title: str
    date: str
    number: str
    subject: str
    """Theme or portfolio, as the reader names it."""
    downloads: tuple[Download, ...] = ()
    audience: str = ""
    """Who the document is for (``raadsleden``, ``kabinet en Tweede Kamer`` …)."""


def _language(doc: Document) -> str:
    return (doc.meta.language or "nl-NL").split("-")[0]


def _title_block(meta: Metadata) -> str:
    """Kind label and title; a document without them on paper (a letter) still has its page
    heading, marked ``page-title`` (not one of the document's words)."""
    mark = "" if meta.title_block else ' class="page-title"'
    kind_class = "kind" if meta.title_block else "kind page-title"
    return f'<p class="{kind_class}">{esc(meta.kind_label)}</p>\n<h1{mark}>{esc(meta.title)}</h1>\n'


def _head(title: str, lang: str, root: str, description: str = "") -> str:
    meta = f'<meta name="description" content="{esc(description)}">' if description else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{esc(title)}</title>\n'
        f"{meta}\n"
        f'<link rel="stylesheet" href="{root}{ASSETS}/{STYLE_SHEET}">\n</head>\n'
    )


def _masthead(organisation: str, logo: str, logo_alt: str, root: str, nav: str) -> str:
    return (
        '<a class="skip-link" href="#inhoud">Naar de inhoud</a>\n'
        f'<header class="masthead"><img class="logo" src="{root}{ASSETS}/{esc(logo)}" alt="{esc(logo_alt)}">'
        f'<p class="organisation">{esc(organisation)}</p>{nav}</header>\n'
    )


def web_page(doc: Document, downloads: Sequence[Download], root: str = "../") -> str:
    """The web page of ``doc``; ``root`` leads from the page to the output folder."""
    meta, head = doc.meta, doc.letterhead
    writer = BodyWriter(doc, back_links=True, web=True)
    dateline = f'<p class="dateline">{esc_text(meta.date_label)} · {esc_text(meta.number)}</p>\n'  # no fields
    body = writer.blocks()
    title = f"{meta.title} – {meta.kind_label} – {head.organisation}"
    nav = f'<nav aria-label="Publicaties"><a href="{root}index.html">Alle documenten</a></nav>'
    files = "".join(f'<li><a href="{esc(item.href)}">{esc(item.label)}</a></li>' for item in downloads)
    download_section = (
        '<section class="downloads" aria-labelledby="downloads-titel"><h2 id="downloads-titel">Downloads</h2>'
        f"<ul>{files}</ul></section>\n"
        if downloads
        else ""
    )
    return (
        _head(title, _language(doc), root, meta.subject)
        + f'<body class="kind-{esc(meta.kind)}">\n'
        + _masthead(head.organisation, head.logo, head.logo_alt or f"Logo {head.organisation}", root, nav)
        + '<main id="inhoud" tabindex="-1">\n'
        + _title_block(meta)
        + ("" if any(isinstance(b, Fields) for b in doc.blocks) else dateline)
        + body
        + "\n"
        + download_section
        + "</main>\n"
        + f'<footer class="colophon"><p>{esc(head.organisation)} · {esc_text(meta.number)} · '
        + f"{esc_text(meta.date_label)}</p>"
        + "</footer>\n</body>\n</html>\n"
    )


def _links(downloads: Sequence[Download]) -> str:
    return "<br>".join(f'<a href="{esc(item.href)}">{esc(item.label)}</a>' for item in downloads)


def _index_table(number: int, label: str, rows: Sequence[IndexRow]) -> str:
    """One kind's table: title, for whom and date only where they differ between rows (else once,
    in the caption), kenmerk, downloads; on a phone each row reads as a short block."""
    audiences = {row.audience for row in rows}
    dates = {row.date for row in rows}
    columns = [("Titel", "")]
    if len(audiences) > 1:
        columns.append(("Voor", "audience"))
    if len(dates) > 1:
        columns.append(("Datum", "date"))
    columns += [("Kenmerk", "number"), ("Downloads", "downloads")]
    head = "".join(f'<th scope="col">{name}</th>' for name, _ in columns)
    lines = []
    for row in rows:
        cells = [f'<th scope="row"><a href="{esc(row.href)}">{esc(row.title)}</a></th>']
        for name, key in columns[1:]:
            value = _links(row.downloads) if key == "downloads" else esc_text(getattr(row, key))
            cells.append(f'<td class="index-{key}" data-label="{name}">{value}</td>')
        lines.append("<tr>" + "".join(cells) + "</tr>")
    count = f"{len(rows)} {'document' if len(rows) == 1 else 'documenten'}"
    shared = [f"voor {next(iter(audiences))}"] if len(audiences) == 1 and rows[0].audience else []
    shared += [f"gedateerd {next(iter(dates))}"] if len(dates) == 1 and rows[0].date else []
    caption = f"{label}: {count}" + (f" ({', '.join(shared)})" if shared else "")
    return (
        f'<section aria-labelledby="soort-{number}"><h2 id="soort-{number}">{esc(label)}</h2>'
        f'<div class="table-scroll" role="region" aria-labelledby="soort-{number}" tabindex="0">'
        f'<table class="index"><caption>{esc_text(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(lines)}</tbody></table></div></section>"
    )


def index_page(
    title: str,
    organisation: str,
    logo: str,
    logo_alt: str,
    groups: Sequence[tuple[str, Sequence[IndexRow]]],
    intro: str = "",
) -> str:
    """The index of the output folder: per document kind a table of its documents."""
    sections = [_index_table(number, label, rows) for number, (label, rows) in enumerate(groups, start=1)]
    intro_html = f"<p>{esc(intro)}</p>" if intro else ""
    return (
        _head(f"{title} – {organisation}", "nl", "")
        + '<body class="index">\n'
        + _masthead(organisation, logo, logo_alt, "", "")
        + f'<main id="inhoud" tabindex="-1">\n<h1>{esc(title)}</h1>\n{intro_html}\n'
        + "\n".join(sections)
        + "\n</main>\n"
        + f'<footer class="colophon"><p>{esc(organisation)}</p></footer>\n</body>\n</html>\n'
    )


@dataclass(frozen=True)
class OrganisationRow:
    """One organisation of a batch on the top-level index."""

    name: str
    status: str
    """As readers see it: ``gebouwd`` or ``niet gebouwd``."""
    documents: int
    href: str = ""
    """Its own index page, when it has web pages."""


def organisations_page(title: str, rows: Sequence[OrganisationRow], stylesheet: str) -> str:
    """The index of a batch's output folder: one row per organisation, linking to its own index."""
    lines = "".join(
        "<tr>"
        + (
            f'<th scope="row"><a href="{esc(row.href)}">{esc(row.name)}</a></th>'
            if row.href
            else f'<th scope="row">{esc(row.name)}</th>'
        )
        + f"<td>{esc(row.status)}</td><td>{row.documents}</td></tr>"
        for row in rows
    )
    return (
        f'<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{esc(title)}</title>\n'
        f'<link rel="stylesheet" href="{esc(stylesheet)}">\n</head>\n'
        '<body class="index">\n<main id="inhoud" tabindex="-1">\n'
        f"<h1>{esc(title)}</h1>\n"
        f'<div class="table-scroll"><table class="index"><caption>{len(rows)} '
        f"{'organisatie' if len(rows) == 1 else 'organisaties'}</caption>"
        '<thead><tr><th scope="col">Organisatie</th><th scope="col">Status</th>'
        '<th scope="col">Documenten</th></tr></thead>'
        f"<tbody>{lines}</tbody></table></div>\n</main>\n</body>\n</html>\n"
    )
