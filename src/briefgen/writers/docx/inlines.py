"""Inline content → runs, hyperlinks and note references inside one paragraph."""

from __future__ import annotations

from dataclasses import dataclass, replace

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import OxmlElement

from briefgen.content.model import Inline, LineBreak, Link, NoteRef, Revision, Styled, Text
from briefgen.content.typography import NOTE_SEPARATOR, is_link_allowed, keep_amounts_together
from briefgen.writers.docx.context import Context
from briefgen.writers.docx.ooxml import W, new_run, qn


@dataclass(frozen=True)
class _Format:
    bold: bool = False
    italic: bool = False
    style: str = ""
    """Character style name, e.g. ``Hyperlink``."""


def add_inlines(ctx: Context, target: W, inlines: tuple[Inline, ...], fmt: _Format = _Format()) -> None:
    """Append ``inlines`` to ``target`` (a ``w:p`` or a ``w:hyperlink`` inside one)."""
    for previous, item in zip((None, *inlines), inlines, strict=False):
        if isinstance(item, Text):
            if item.text:
                target.append(_run(ctx, keep_amounts_together(item.text), fmt))
        elif isinstance(item, Styled):
            bold, italic = fmt.bold or item.style == "bold", fmt.italic or item.style == "italic"
            add_inlines(ctx, target, item.children, replace(fmt, bold=bold, italic=italic))
        elif isinstance(item, Link):
            if target.tag == qn("w:hyperlink") or not is_link_allowed(item.href):  # no links in links
                add_inlines(ctx, target, item.children, fmt)
                continue
            link = OxmlElement("w:hyperlink", {qn("r:id"): ctx.part.relate_to(item.href, RT.HYPERLINK, True)})
            link.set(qn("w:history"), "1")
            target.append(link)
            add_inlines(ctx, link, item.children, replace(fmt, style="Hyperlink"))
        elif isinstance(item, NoteRef):
            if isinstance(previous, NoteRef):  # ¹,²,³ rather than ¹²³
                target.append(new_run(NOTE_SEPARATOR, style_id=ctx.style_ids["Note Reference"]))
            target.append(_note_ref(ctx, target, item.number))
        elif isinstance(item, LineBreak):
            run = _run(ctx, "", fmt)
            run.append(OxmlElement("w:br"))
            target.append(run)
        elif isinstance(item, Revision):
            target.append(_revision(ctx, item, fmt))


def add_text(ctx: Context, target: W, text: str, *, style: str = "", bold: bool = False, italic: bool = False) -> None:
    """Append plain ``text`` (newlines become line breaks) as one run."""
    if text:
        target.append(_run(ctx, text, _Format(bold=bold, italic=italic, style=style)))


def add_link(ctx: Context, target: W, url: str, text: str) -> None:
    """Append an external hyperlink to ``url`` showing ``text``."""
    add_inlines(ctx, target, (Link(url, (Text(text),)),))


def _run(ctx: Context, text: str, fmt: _Format) -> W:
    style_id = ctx.style_ids[fmt.style] if fmt.style else ""
    return new_run(text, style_id=style_id, bold=fmt.bold, italic=fmt.italic)


def _note_ref(ctx: Context, target: W, number: int) -> W:
    """A superscript note number, linked to its source entry when the document lists it."""
    run = new_run(str(number), style_id=ctx.style_ids["Note Reference"])
    anchor = ctx.source_anchors.get(number)
    if anchor is None or target.tag == qn("w:hyperlink"):
        return run
    link = OxmlElement("w:hyperlink", {qn("w:anchor"): anchor, qn("w:history"): "1"})
    link.set(qn("w:tooltip"), f"Bron {number}")
    link.append(run)
    return link


def _revision(ctx: Context, item: Revision, fmt: _Format) -> W:
    """A tracked change: ``w:ins`` or ``w:del`` around the runs, so Word's "Accept all" gives the
    new text (deleted runs hold ``w:delText``)."""
    ctx.revisions += 1
    change = OxmlElement(f"w:{item.kind}")
    change.set(qn("w:id"), str(ctx.revisions))
    change.set(qn("w:author"), ctx.revision_author)
    change.set(qn("w:date"), ctx.revision_date)
    add_inlines(ctx, change, item.children, fmt)
    if item.kind == "del":
        for text in change.iter(qn("w:t")):
            text.tag = qn("w:delText")
    return change
