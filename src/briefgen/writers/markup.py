"""The body of a document model as HTML: one serialisation for the PDF and the web writer.

Every text and attribute value is escaped here; the model never carries markup, so text such
as ``<img src="file:///etc/passwd">`` ends up as literal characters on the page.
"""

from __future__ import annotations

import html
import re

from briefgen.characters import FORBIDDEN_CHARS
from briefgen.content.contents import is_listed
from briefgen.content.model import (
    Address,
    Block,
    BlockVisitor,
    Callout,
    Contents,
    Document,
    Fields,
    Heading,
    Inline,
    InlineVisitor,
    LineBreak,
    Link,
    ListBlock,
    NoteRef,
    PageBreak,
    Paragraph,
    Quote,
    Revision,
    Signature,
    SourceEntry,
    Sources,
    Styled,
    Table,
    Text,
)
from briefgen.content.text import inline_text
from briefgen.content.typography import (
    CLOSE_QUOTE,
    NOTE_SEPARATOR,
    OPEN_QUOTE,
    SOURCE_URL_SEPARATOR,
    is_link_allowed,
    keep_amounts_together,
    needs_quote_marks,
    source_label,
)


def esc(text: str) -> str:
    """Escape text for an HTML text node or a quoted attribute value."""
    return html.escape(FORBIDDEN_CHARS.sub("\ufffd", text), quote=True)


NAME_MIN = 7
"""Shortest capitalised word marked as a name (the house style hyphenates no shorter word)."""
NUMBER_MAX = 24
"""Longest number-like word kept on one line (``RIB-2026-011``, ``2026/2027``); URLs may break."""
_TOKEN = re.compile(r"[^ \t\n]+")
_NAME = re.compile(rf"[(‘“'\"]?[A-ZÀ-ÖØ-Þ][^ \t\n]{{{NAME_MIN - 1},}}")
_NUMBER = re.compile(r"[^ \t\n]*\d[^ \t\n]*[-/–][^ \t\n]*")


def _word(match: re.Match[str]) -> str:
    """A word as HTML: names never hyphenate, numbers with a dash or slash never break."""
    word = match.group(0)
    if len(word) <= NUMBER_MAX and _NUMBER.fullmatch(word) and "://" not in word:
        return f'<span class="nobr">{esc(word)}</span>'
    if _NAME.fullmatch(word):
        return f'<span class="name">{esc(word)}</span>'
    return esc(word)


def esc_text(text: str) -> str:
    """Escape running text, with no-break spaces inside amounts, dates and numbers, and names and
    kenmerken marked so that the style sheets keep them whole."""
    return _TOKEN.sub(_word, keep_amounts_together(text))


_PHONE = re.compile(r"(?<![\d+])(?:\+31|0)\d{1,3}(?:[ \u00a0-]?\d{2,4}){2,4}(?!\d)")


def phone_links(text: str) -> str:
    """Escaped running text with each Dutch phone number as a ``tel:`` link (web pages)."""
    out, start = [], 0
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        national = digits[2:] if match.group(0).startswith("+") else digits[1:]
        if len(national) != 9:
            continue
        out.append(esc_text(text[start : match.start()]))
        out.append(f'<a class="tel" href="tel:+31{national}">{esc_text(match.group(0))}</a>')
        start = match.end()
    out.append(esc_text(text[start:]))
    return "".join(out)


def section_anchor(number: int) -> str:
    """The id of the ``number``-th heading of the contents list's levels (its link target)."""
    return f"sectie-{number}"


def source_anchor(number: int) -> str:
    """The id of source-list entry ``number`` (target of note references)."""
    return f"bron-{number}"


class BodyWriter(BlockVisitor[str], InlineVisitor[str]):
    """Walks the blocks of one document; keeps track of heading depth and source anchors."""

    def __init__(self, doc: Document, back_links: bool = False, web: bool = False, top: int = 1) -> None:
        self.doc = doc
        self.top = top
        """Levels above the body's headings: 1 below an ``<h1>`` title (web pages, documents with
        a title block), 0 when the body's level-1 headings are the first (PDF of a letter: PDF/UA
        wants an H1 first). The class ``hN`` always names the visual level, one below the title."""
        self.back_links = back_links
        """Web pages: each note reference gets an id, and its source entry links back to it."""
        self.web = web
        """Web pages: data tables in a focusable scroll region, phone numbers as ``tel:`` links."""
        self.in_link = False
        self.sections = 0
        """Headings in the contents list written so far: the ``n``-th has the id ``sectie-n``."""
        self.first_ref: dict[int, str] = {}
        self.depth = top
        self.anchors = {entry.number for block in doc.blocks if isinstance(block, Sources) for entry in block.entries}
        self.link_labels: dict[str, str] = {}
        self.extra = ""
        """Extra class of the block being written (`` page-break`` after a page break)."""

    # ------------------------------------------------------------ inline

    def inline(self, items: tuple[Inline, ...]) -> str:
        parts = []
        for previous, item in zip((None, *items), items, strict=False):
            if isinstance(item, NoteRef) and isinstance(previous, NoteRef):
                parts.append(f'<sup class="noteref">{NOTE_SEPARATOR}</sup>')
            parts.append(self.visit_inline(item))
        return "".join(parts)

    def on_text(self, item: Text) -> str:
        if self.in_link:  # no spans inside a link: the PDF's link annotation belongs to the Link element
            return esc(keep_amounts_together(item.text))
        if self.web:
            return phone_links(item.text)
        return esc_text(item.text)

    def on_styled(self, item: Styled) -> str:
        tag = "strong" if item.style == "bold" else "em"
        return f"<{tag}>{self.inline(item.children)}</{tag}>"

    def on_link(self, item: Link) -> str:
        if not is_link_allowed(item.href):
            return self.inline(item.children)
        self.in_link = True
        try:
            return f'<a href="{esc(item.href)}">{self.inline(item.children)}</a>'
        finally:
            self.in_link = False

    def on_note_ref(self, item: NoteRef) -> str:
        number = str(item.number)
        if item.number not in self.anchors:
            return f'<sup class="noteref">{number}</sup>'
        anchor = source_anchor(item.number)
        self.link_labels[anchor] = f"Bron {number}"
        ref_id = ""
        if self.back_links:
            ref = f"verwijzing-{item.number}-{len(self.first_ref) + 1}"
            self.first_ref.setdefault(item.number, ref)
            ref_id = f' id="{ref}"'
        return f'<sup class="noteref"><a{ref_id} href="#{anchor}" aria-label="Bron {number}">{number}</a></sup>'

    def on_line_break(self, item: LineBreak) -> str:
        return "<br>"

    def on_revision(self, item: Revision) -> str:
        return f"<{item.kind}>{self.inline(item.children)}</{item.kind}>"

    # ------------------------------------------------------------ blocks

    def blocks(self) -> str:
        out: list[str] = []
        break_next = False
        for block in self.doc.blocks:
            if isinstance(block, PageBreak):
                break_next = True
                continue
            out.append(self.block(block, " page-break" if break_next else ""))
            break_next = False
        return "\n".join(out)

    def block(self, block: Block, extra: str = "") -> str:
        """One block as HTML; ``extra`` is added to its class."""
        saved, self.extra = self.extra, extra
        try:
            return self.visit_block(block)
        finally:
            self.extra = saved

    def on_heading(self, block: Heading) -> str:
        shown = min(max(block.level, 1), 5) + 1
        level = shown - 1 + self.top
        self.depth = level
        anchor = ""
        if is_listed(block.level):
            self.sections += 1
            anchor = f' id="{section_anchor(self.sections)}"'
        return f'<h{level}{anchor} class="h{shown}{self.extra}">{self.inline(block.children)}</h{level}>'

    def on_contents(self, block: Contents) -> str:
        items = []
        for number, entry in enumerate(block.entries, start=1):
            anchor = section_anchor(number)
            self.link_labels[anchor] = entry.text
            text = esc(keep_amounts_together(entry.text))  # no spans in a link (see on_text)
            items.append(f'<li class="level-{entry.level}"><a href="#{anchor}">{text}</a></li>')
        return (
            f'<nav class="contents{self.extra}" aria-labelledby="inhoud-titel">'
            f'<h{self.top + 1} class="h2 contents-title" id="inhoud-titel">{esc(block.title)}</h{self.top + 1}>'
            f'<ol class="contents-list">{"".join(items)}</ol></nav>'
        )

    def on_address(self, block: Address) -> str:
        lines = "<br>".join(esc(line) for line in block.lines)
        return f'<p class="address{self.extra}">{lines}</p>'

    def on_page_break(self, block: PageBreak) -> str:
        return ""  # ``blocks`` turns it into the next block's ``page-break`` class

    def on_paragraph(self, block: Paragraph) -> str:
        return self.paragraph(block, self.extra)

    def on_list_block(self, block: ListBlock) -> str:
        return self.list_block(block, self.extra)

    def on_table(self, block: Table) -> str:
        return self.table(block, self.extra)

    def on_quote(self, block: Quote) -> str:
        return self.quote(block, self.extra)

    def on_callout(self, block: Callout) -> str:
        return self.callout(block, self.extra)

    def on_fields(self, block: Fields) -> str:
        return self.fields(block, self.extra)

    def on_signature(self, block: Signature) -> str:
        return self.signature(block, self.extra)

    def on_sources(self, block: Sources) -> str:
        return self.sources(block, self.extra)

    def paragraph(self, block: Paragraph, extra: str = "") -> str:
        cls = f"role-{block.role}" if block.role else ""
        attr = f' class="{(cls + extra).strip()}"' if cls or extra else ""
        return f"<p{attr}>{self.inline(block.children)}</p>"

    def list_block(self, block: ListBlock, extra: str = "") -> str:
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = "".join(f"<li>{self.inline(item)}</li>" for item in block.items)
        cls = f' class="{extra.strip()}"' if extra else ""
        return f"<{tag}{cls}{start}>{items}</{tag}>"

    def table(self, block: Table, extra: str = "") -> str:
        def num(index: int) -> str:
            return ' class="num"' if index < len(block.numeric) and block.numeric[index] else ""

        caption = f"<caption>{esc(block.caption)}</caption>" if block.caption else ""
        head = "".join(f'<th scope="col"{num(i)}>{self.inline(cell)}</th>' for i, cell in enumerate(block.header))
        rows = "".join(
            "<tr>" + "".join(f"<td{num(i)}>{self.inline(cell)}</td>" for i, cell in enumerate(row)) + "</tr>"
            for row in block.rows
        )
        table = f'<table class="data{extra}">{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        if not self.web:
            return table
        label = esc(block.caption or "Tabel")
        return f'<div class="table-scroll" role="region" aria-label="{label}" tabindex="0">{table}</div>'

    def quote(self, block: Quote, extra: str = "") -> str:
        text = self.inline(block.children)
        if needs_quote_marks(inline_text(block.children)):
            text = f"{OPEN_QUOTE}{text}{CLOSE_QUOTE}"
        attribution = f'<p class="attribution">— {esc(block.attribution)}</p>' if block.attribution else ""
        return f'<blockquote class="quote{extra}"><p>{text}</p>{attribution}</blockquote>'

    def callout(self, block: Callout, extra: str = "") -> str:
        level = min(self.depth + 1, 6)
        title = f'<h{level} class="callout-title">{esc(block.title)}</h{level}>' if block.title else ""
        body = "".join(
            self.paragraph(item) if isinstance(item, Paragraph) else self.list_block(item) for item in block.blocks
        )
        return f'<div class="callout{extra}">{title}{body}</div>'

    def fields(self, block: Fields, extra: str = "") -> str:
        rows = "".join(
            f'<tr><th scope="row">{esc(item.label)}</th><td>{self.inline(item.children)}</td></tr>'
            for item in block.fields
        )
        return f'<table class="fields{extra}"><tbody>{rows}</tbody></table>'

    def signature(self, block: Signature, extra: str = "") -> str:
        parts = [f'<p class="greeting">{esc(block.greeting)}</p>']
        if block.body:
            parts.append(f'<p class="signature-body">{esc(block.body)}</p>')
        signatories = "".join(
            f'<p class="signatory"><span class="name">{esc(name)}</span>'
            + (f'<br><span class="role">{esc(role)}</span>' if role else "")
            + "</p>"
            for name, role in block.signatories
        )
        parts.append(f'<div class="signatories">{signatories}</div>')
        return f'<div class="signature{extra}">{"".join(parts)}</div>'

    def sources(self, block: Sources, extra: str = "") -> str:
        level = self.top + 1
        title = f'<h{level} class="h2 sources-title">{esc(block.title)}</h{level}>' if block.title else ""
        items = "".join(self._source(entry) for entry in block.entries)
        return f'<div class="sources{extra}">{title}<ol class="source-list">{items}</ol></div>'

    def _source(self, entry: SourceEntry) -> str:
        text = esc(source_label(entry))
        if entry.url and is_link_allowed(entry.url):
            text += f'{SOURCE_URL_SEPARATOR}<a class="url" href="{esc(entry.url)}">{esc(entry.url)}</a>'
        back = self.first_ref.get(entry.number)
        if back:
            text += f' <a class="back" href="#{back}" aria-label="Terug naar verwijzing {entry.number}">↩</a>'
        return f'<li id="{source_anchor(entry.number)}" value="{entry.number}">{text}</li>'
