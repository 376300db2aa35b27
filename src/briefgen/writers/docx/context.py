"""Per-render state shared by the block and inline writers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from docx.document import Document as DocxDocument
from docx.oxml.parser import OxmlElement
from docx.parts.document import DocumentPart

from briefgen.content.model import ClaimMark
from briefgen.writers.docx.ooxml import W, add_bookmark, add_num, qn


@dataclass
class Context:
    """One render: the python-docx document, style ids, list and bookmark counters."""

    document: DocxDocument
    style_ids: Mapping[str, str]
    bullet_num: int
    number_abstract: int
    callout_indent: tuple[int, int] = (0, 0)
    """Left and right indent of the Callout style (twips)."""
    list_hanging: int = 360
    """Hanging indent of list level 0 (twips)."""
    source_anchors: Mapping[int, str] = field(default_factory=dict)
    """Source-entry number → bookmark name, for linking note references."""
    page_break_pending: bool = False
    space_before_next: int = 0
    """Space (twips) the next body paragraph gets above it, e.g. after a table."""
    revision_author: str = ""
    """Author and date (``YYYY-MM-DDT00:00:00Z``) of tracked changes (the document's)."""
    revision_date: str = ""
    revisions: int = 0
    """Tracked changes so far (their ids)."""
    sections: int = 0
    """Headings of the contents list's levels so far: the ``n``-th is bookmarked ``sectie_n``."""
    claimed: list[tuple[W, tuple[ClaimMark, ...]]] = field(default_factory=list)
    """Paragraphs wrapped as claims so far, with their claims (see :mod:`.claims`)."""
    _bookmarks: list[str] = field(default_factory=list)

    @property
    def part(self) -> DocumentPart:
        return self.document.part

    @property
    def body(self) -> W:
        return self.document.element.body

    @cached_property
    def _sect_pr(self) -> W:
        """The body's final ``w:sectPr``: new content goes right before it."""
        return self.body.find(qn("w:sectPr"))

    def paragraph(self, style: str = "Normal") -> W:
        """Append a new ``w:p`` in style ``style`` (a name) to the body.

        A pending page break becomes ``pageBreakBefore`` on this paragraph.
        """
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")  # children in schema order: pStyle, pageBreakBefore, spacing
        if style != "Normal":
            ppr.append(OxmlElement("w:pStyle", {qn("w:val"): self.style_ids[style]}))
        if self.page_break_pending:
            ppr.append(OxmlElement("w:pageBreakBefore"))
            self.page_break_pending = False
        if self.space_before_next:  # replaces the style's own space above, which is smaller
            ppr.append(OxmlElement("w:spacing", {qn("w:before"): str(self.space_before_next)}))
        self.space_before_next = 0
        if len(ppr):
            p.append(ppr)
        self._sect_pr.addprevious(p)
        return p

    def add_table(self, tbl: W) -> None:
        """Append a ``w:tbl`` to the body (never straight after another table: Word would join them)."""
        sect_pr = self._sect_pr
        previous = sect_pr.getprevious()
        if previous is not None and previous.tag == qn("w:tbl"):
            self.paragraph("Table Text")
        if self.page_break_pending:
            first = tbl.find(f"{qn('w:tr')}/{qn('w:tc')}/{qn('w:p')}")
            first.get_or_add_pPr().pageBreakBefore_val = True
            self.page_break_pending = False
        self.space_before_next = 0
        sect_pr.addprevious(tbl)

    @property
    def text_width(self) -> int:
        """Width between the margins in twips."""
        section = self.document.sections[-1]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        assert width is not None and left is not None and right is not None  # set by the reference document
        return int((width - left - right) / 635)

    def new_list(self, start: int) -> int:
        """A fresh numbered list restarting at ``start``; returns its numId."""
        numbering = self.part.numbering_part.element
        return add_num(numbering, self.number_abstract, start)

    def bookmark(self, paragraph: W, name: str) -> None:
        """Bookmark ``paragraph`` as ``name`` (once per name: the first one wins)."""
        if name not in self._bookmarks:
            self._bookmarks.append(name)
            add_bookmark(paragraph, len(self._bookmarks), name)
