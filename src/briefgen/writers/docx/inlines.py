"""Inline content → runs, hyperlinks and note references inside one paragraph."""

from __future__ import annotations

from dataclasses import dataclass, replace

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import OxmlElement

from briefgen.content.model import Inline, InlineVisitor, LineBreak, Link, NoteRef, Revision, Styled, Text
from briefgen.content.typography import NOTE_SEPARATOR, is_link_allowed, keep_amounts_together
from briefgen.writers.docx.context import Context
from briefgen.writers.docx.ooxml import W, new_run, qn


@dataclass(frozen=True)
class _Format:
    bold: bool = False
    italic: bool = False
    style: str = ""
    """Character style name, e.g. ``Hyperlink``."""


class _Inlines(InlineVisitor[None]):
    """Appends inline content to one target element with the current format."""

    def __init__(self, ctx: Context, target: W, fmt: _Format) -> None:
        self.ctx, self.target, self.fmt = ctx, target, fmt
        self.previous: Inline | None = None

    def on_text(self, item: Text) -> None:
        if item.text:
            self.target.append(_run(self.ctx, keep_amounts_together(item.text), self.fmt))

    def on_styled(self, item: Styled) -> None:
        bold, italic = self.fmt.bold or item.style == "bold", self.fmt.italic or item.style == "italic"
        add_inlines(self.ctx, self.target, item.children, replace(self.fmt, bold=bold, italic=italic))

    def on_link(self, item: Link) -> None:
        if self.target.tag == qn("w:hyperlink") or not is_link_allowed(item.href):  # no links in links
            add_inlines(self.ctx, self.target, item.children, self.fmt)
            return
        link = OxmlElement("w:hyperlink", {qn("r:id"): self.ctx.part.relate_to(item.href, RT.HYPERLINK, True)})
        link.set(qn("w:history"), "1")
        self.target.append(link)
        add_inlines(self.ctx, link, item.children, replace(self.fmt, style="Hyperlink"))

    def on_note_ref(self, item: NoteRef) -> None:
        if isinstance(self.previous, NoteRef):  # ¹,²,³ rather than ¹²³
            self.target.append(new_run(NOTE_SEPARATOR, style_id=self.ctx.style_ids["Note Reference"]))
        self.target.append(_note_ref(self.ctx, self.target, item.number))

    def on_line_break(self, item: LineBreak) -> None:
        run = _run(self.ctx, "", self.fmt)
        run.append(OxmlElement("w:br"))
        self.target.append(run)

    def on_revision(self, item: Revision) -> None:
        self.target.append(_revision(self.ctx, item, self.fmt))


def add_inlines(ctx: Context, target: W, inlines: tuple[Inline, ...], fmt: _Format = _Format()) -> None:
    """Append ``inlines`` to ``target`` (a ``w:p`` or a ``w:hyperlink`` inside one)."""
    writer = _Inlines(ctx, target, fmt)
    for item in inlines:
        writer.visit_inline(item)
        writer.previous = item


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
