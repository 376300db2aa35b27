"""The DOCX writer: a document model → a byte-reproducible .docx in the house style."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from briefgen.content.model import Document, Sources
from briefgen.writers.docx.blocks import add_block, bookmark_name
from briefgen.writers.docx.claims import declare_w15, write_record
from briefgen.writers.docx.context import Context
from briefgen.writers.docx.inlines import add_text
from briefgen.writers.docx.ooxml import W, qn, set_alt_text
from briefgen.writers.docx.package import normalise_zip, set_core_properties
from briefgen.writers.docx.reference import (
    DATE_MARK,
    KIND_MARK,
    NUMBER_MARK,
    ORG_MARK,
    SENDER_MARK,
    TITLE_MARK,
    load_reference,
)
from briefgen.writers.docx.textcheck import check_text

REFERENCE_NAME = "reference.docx"


class DocxWriter:
    """Renders :class:`~briefgen.content.model.Document` objects with the house reference document."""

    def __init__(self, house_dir: Path) -> None:
        """Load and check ``house_dir/reference.docx`` once (raises ``ReferenceDocxError``)."""
        self._reference = load_reference(Path(house_dir) / REFERENCE_NAME)

    def render(self, doc: Document) -> bytes:
        """The DOCX bytes of ``doc``; the same document always gives the same bytes."""
        check_text(doc)
        ref = self._reference
        document = docx.Document(io.BytesIO(ref.data))
        if doc.meta.claim_files:
            declare_w15(document)
        ctx = Context(
            document,
            ref.style_ids,
            ref.bullet_num,
            ref.number_abstract,
            ref.callout_indent,
            ref.list_hanging,
            _source_anchors(doc),
            revision_author=doc.meta.author,
            revision_date=f"{doc.meta.date.isoformat()}T00:00:00Z",
        )
        _clear_body(ctx.body)
        if doc.meta.title_block:
            if doc.meta.kind_label:
                add_text(ctx, ctx.paragraph("Document Kind"), doc.meta.kind_label)
            add_text(ctx, ctx.paragraph("Title"), doc.meta.title)
        for block in doc.blocks:
            add_block(ctx, block)
        _fill_furniture(document, doc)
        _set_language(document, doc.meta.language)
        set_core_properties(document, doc.meta)
        if ctx.claimed:
            write_record(
                document, doc.meta.claim_files, ctx.claimed, ref.style_ids["Note Reference"], doc.meta.template
            )
        out = io.BytesIO()
        document.save(out)
        return normalise_zip(out.getvalue(), doc.meta.date)


def _source_anchors(doc: Document) -> dict[int, str]:
    return {
        entry.number: bookmark_name(entry.number)
        for block in doc.blocks
        if isinstance(block, Sources)
        for entry in block.entries
    }


def _clear_body(body: W) -> None:
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _fill_furniture(document: DocxDocument, doc: Document) -> None:
    """Replace the header/footer placeholders and give the logo its alt text."""
    head = doc.letterhead
    values = {
        ORG_MARK: head.organisation,
        NUMBER_MARK: head.footer or doc.meta.number,
        TITLE_MARK: doc.meta.title,
        KIND_MARK: doc.meta.kind_label,
        DATE_MARK: doc.meta.date_label,
    }
    for rel in document.part.rels.values():
        if rel.reltype not in (RT.HEADER, RT.FOOTER):
            continue
        root: W = rel.target_part.element  # type: ignore[attr-defined]
        for t in list(root.iter(qn("w:t"))):
            text = t.text or ""
            if SENDER_MARK in text:
                _fill_sender(t, head.sender_lines)
                continue
            if "{" in text:
                for mark, value in values.items():
                    text = text.replace(mark, value)
                t.text = text
                t.set(qn("xml:space"), "preserve")
        set_alt_text(root, head.logo_alt)


def _fill_sender(t: W, lines: tuple[str, ...]) -> None:
    """Put the sender lines in place of the mark; drop the mark's paragraph when there are none."""
    run = t.getparent()
    if lines:
        run.text = "\n".join(lines)  # type: ignore[attr-defined]
        return
    paragraph = run.getparent()
    container = paragraph.getparent()
    if len(container.findall(qn("w:p"))) > 1:
        container.remove(paragraph)
    else:  # a cell or header needs at least one paragraph
        paragraph.remove(run)


def _set_language(document: DocxDocument, language: str) -> None:
    """``w:lang`` of the document defaults (what Word checks spelling with)."""
    for lang in document.styles.element.iterfind(f"{qn('w:docDefaults')}//{qn('w:lang')}"):
        lang.set(qn("w:val"), language)
