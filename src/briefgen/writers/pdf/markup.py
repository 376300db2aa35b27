"""Serialise the document model to the HTML that WeasyPrint lays out.

Every text and attribute value is escaped here; the model never carries markup, so text such
as ``<img src="file:///etc/passwd">`` ends up as literal characters on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefgen.content.model import Document
from briefgen.writers.markup import BodyWriter, esc
from briefgen.writers.pdfbase import GENERATOR, pdf_timestamp


@dataclass
class Markup:
    """The HTML of a document plus facts the post-processor needs."""

    html: str
    link_labels: dict[str, str] = field(default_factory=dict)
    """Readable descriptions for internal link targets (``bron-1`` → ``Bron 1``)."""


def document_html(doc: Document) -> Markup:
    """The complete HTML of ``doc`` (relative asset URLs resolve against the house folder)."""
    meta, head = doc.meta, doc.letterhead
    stamp = pdf_timestamp(meta.date).strftime("%Y-%m-%dT%H:%M:%SZ")
    writer = BodyWriter(doc, top=1 if meta.title_block else 0)  # a letter's sections start at H1
    body = writer.blocks()
    keywords = f'<meta name="keywords" content="{esc(", ".join(meta.keywords))}">' if meta.keywords else ""
    sender = "<br>".join(esc(line) for line in head.sender_lines)
    sender_html = f'<p class="sender-lines">{sender}</p>' if sender else ""
    footer = head.footer or meta.number
    title = f'<p class="kind">{esc(meta.kind_label)}</p>\n<h1>{esc(meta.title)}</h1>\n'
    title_block = title if meta.title_block else ""  # a letter starts with its address block
    logo = esc(head.logo)
    logo_alt = esc(head.logo_alt or f"Logo {head.organisation}")  # a Figure needs alt text
    text = f"""<!DOCTYPE html>
<html lang="{esc(meta.language or "nl-NL")}">
<head>
<meta charset="utf-8">
<title>{esc(meta.title)}</title>
<meta name="author" content="{esc(meta.author)}">
<meta name="description" content="{esc(meta.subject)}">
{keywords}
<meta name="generator" content="{esc(GENERATOR)}">
<meta name="dcterms.created" content="{stamp}">
<meta name="dcterms.modified" content="{stamp}">
</head>
<body class="kind-{esc(meta.kind)}">
<div class="running-header"><img class="running-logo" src="{logo}" alt="{logo_alt}"><span class="running-org">{
        esc(head.organisation)
    }</span></div>
<div class="running-title">{esc(meta.kind_label)} · {esc(meta.date_label)}</div>
<div class="running-footer">{esc(footer)}</div>
<div class="letterhead">
<img class="logo" src="{logo}" alt="{logo_alt}">
<div class="sender"><p class="organisation">{esc(head.organisation)}</p>{sender_html}</div>
</div>
{title_block}{body}
</body>
</html>
"""
    return Markup(text, writer.link_labels)
