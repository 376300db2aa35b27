"""Serialise the document model to Typst markup, for the Typst PDF engine.

Every text and URL from the model becomes a Typst string literal (``#"…";``), which Typst
shows as literal characters: data never turns into markup, code or a file path. The house
preamble (``templates/house/house.typ``) holds the look; this module emits structure only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
from briefgen.writers.markup import section_anchor, source_anchor

_SPACE = re.compile(r"[ \t\r\n\f\v]+")
"""Runs of white space read as one space, as in the HTML the other engine lays out."""
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"'}


def string(text: str) -> str:
    """``text`` as a Typst string literal (forbidden characters shown as U+FFFD)."""
    text = _SPACE.sub(" ", FORBIDDEN_CHARS.sub("\ufffd", text))
    return '"' + "".join(_STRING_ESCAPES.get(ch, ch) for ch in text) + '"'


def lit(text: str) -> str:
    """``text`` as literal content in markup; the ``;`` ends the expression, so what follows
    (``.``, ``(``, ``[``) can never continue it."""
    return f"#{string(text)};" if text else ""


def content(text: str) -> str:
    """``text`` as a content block, for function arguments."""
    return f"[{lit(text)}]"


LINE_CHARS = 80
"""Average characters of table text on one line of the text width (with the cell insets)."""


def column_weights(block: Table, columns: int) -> list[int]:
    """Share (``fr``) of the width left by the numeric columns for each text column, from its
    content: at least its longest word (plus the cell inset); the spare width in proportion to its
    longest text (6 to 40 characters). When the words do not fit, in proportion to the words."""
    numeric = [i < len(block.numeric) and block.numeric[i] for i in range(columns)]
    longest, word = [], []
    for col in range(columns):
        texts = [inline_text(row[col]) for row in (block.header, *block.rows[:200]) if col < len(row)]
        longest.append(max((len(text) for text in texts), default=0))
        word.append(max((len(part) for text in texts for part in text.split()), default=0))
    minimum = [(longest[col] if numeric[col] else word[col]) + 2 for col in range(columns)]
    spare = LINE_CHARS - sum(minimum)
    weights = [0 if numeric[col] else min(max(longest[col], 6), 40) for col in range(columns)]
    if spare <= 0 or not any(weights):
        return [0 if numeric[col] else minimum[col] for col in range(columns)]
    return [
        0 if numeric[col] else minimum[col] * 10 + spare * 10 * weights[col] // sum(weights) for col in range(columns)
    ]


@dataclass
class Source:
    """The Typst source of a document and what the post-processor needs to know of it."""

    text: str
    link_labels: list[str] = field(default_factory=list)
    """The description of each link inside the document, in document order: a contents entry's
    heading, a note reference's source (``Bron 3``)."""


class TypstBody(BlockVisitor[str], InlineVisitor[str]):
    """Walks the blocks of one document into Typst markup (headings, lists, tables, notes)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.top = 1 if doc.meta.title_block else 0
        """The title is the level-1 heading; without it (a letter) the sections are (PDF/UA:
        the first heading is of level 1)."""
        self.depth = self.top
        self.anchors = {entry.number for block in doc.blocks if isinstance(block, Sources) for entry in block.entries}
        self.link_labels: list[str] = []
        self.sections = 0
        """Headings of the contents list's levels so far (each is a link target)."""

    # ------------------------------------------------------------ inline

    def inline(self, items: tuple[Inline, ...]) -> str:
        parts = []
        for previous, item in zip((None, *items), items, strict=False):
            if isinstance(item, NoteRef) and isinstance(previous, NoteRef):
                parts.append(f"#plain-note({content(NOTE_SEPARATOR)});")
            parts.append(self.visit_inline(item))
        return "".join(parts)

    def on_text(self, item: Text) -> str:
        return lit(keep_amounts_together(item.text))

    def on_styled(self, item: Styled) -> str:
        function = "strong" if item.style == "bold" else "emph"
        return f"#{function}[{self.inline(item.children)}];"

    def on_link(self, item: Link) -> str:
        if not is_link_allowed(item.href):
            return self.inline(item.children)
        return f"#url({string(item.href)})[{self.inline(item.children)}];"

    def on_note_ref(self, item: NoteRef) -> str:
        number = str(item.number)
        if item.number not in self.anchors:
            return f"#plain-note({content(number)});"
        self.link_labels.append(f"Bron {number}")
        return f"#note(label({string(source_anchor(item.number))}), {content(number)});"

    def on_line_break(self, item: LineBreak) -> str:
        return "#linebreak();"

    def on_revision(self, item: Revision) -> str:
        function = "inserted" if item.kind == "ins" else "deleted"
        return f"#{function}[{self.inline(item.children)}];"

    # ------------------------------------------------------------ blocks

    def blocks(self) -> str:
        return "\n\n".join(self.visit_block(block) for block in self.doc.blocks)

    def on_heading(self, block: Heading) -> str:
        level = min(max(block.level, 1), 5) + self.top
        self.depth = level
        target = ""
        if is_listed(block.level):
            self.sections += 1
            target = f" #label({string(section_anchor(self.sections))})"
        return f"#heading(level: {level})[{self.inline(block.children)}]{target}"

    def on_contents(self, block: Contents) -> str:
        entries = []
        for number, entry in enumerate(block.entries, start=1):
            self.link_labels.append(entry.text)
            target = f"label({string(section_anchor(number))})"
            entries.append(f"contents-entry({int(entry.level)}, {target}, {content(entry.text)})")
        return f"#contents(heading(level: {self.top + 1}, {content(block.title)}), ({', '.join(entries)},))"

    def on_address(self, block: Address) -> str:
        return "#address[" + "#linebreak();".join(lit(line) for line in block.lines) + "]"

    def on_page_break(self, block: PageBreak) -> str:
        return "#pagebreak(weak: true)"

    def on_paragraph(self, block: Paragraph) -> str:
        body = self.inline(block.children)
        return f"#role-{block.role}[{body}]" if block.role else f"#par[{body}]"

    def on_list_block(self, block: ListBlock) -> str:
        items = ", ".join(f"[{self.inline(item)}]" for item in block.items)
        if block.ordered:
            return f"#enum(start: {int(block.start)}, {items})"
        return f"#list({items})"

    def on_table(self, block: Table) -> str:
        columns = max(len(block.header), *(len(row) for row in block.rows)) if block.rows else len(block.header)

        numeric = ", ".join("true" if i < len(block.numeric) and block.numeric[i] else "false" for i in range(columns))
        weights = ", ".join(str(weight) for weight in column_weights(block, columns))
        head = ", ".join(f"[{self.inline(cell)}]" for cell in block.header)
        cells = "".join(f", [{self.inline(cell)}]" for row in block.rows for cell in row)
        table = f"data-table(({numeric},), ({weights},), ({head},){cells})"
        if not block.caption:
            return f"#{table}"
        return f"#figure({table}, caption: {content(block.caption)}, kind: table, supplement: none, numbering: none)"

    def on_quote(self, block: Quote) -> str:
        text = self.inline(block.children)
        if needs_quote_marks(inline_text(block.children)):
            text = lit(OPEN_QUOTE) + text + lit(CLOSE_QUOTE)
        attribution = content(f"— {block.attribution}") if block.attribution else "none"
        return f"#house-quote([{text}], {attribution})"

    def on_callout(self, block: Callout) -> str:
        level = min(self.depth + 1, 6)
        title = (
            f"heading(level: {level}, outlined: false, bookmarked: false, {content(block.title)})"
            if block.title
            else "none"
        )
        body = "\n\n".join(
            self.on_paragraph(item) if isinstance(item, Paragraph) else self.on_list_block(item)
            for item in block.blocks
        )
        return f"#callout({title}, [\n{body}\n])"

    def on_fields(self, block: Fields) -> str:
        rows = ", ".join(
            f"[#field-label({content(item.label)})], [{self.inline(item.children)}]" for item in block.fields
        )
        return f"#fields({rows})"

    def on_signature(self, block: Signature) -> str:
        body = content(block.body) if block.body else "none"
        signatories = ", ".join(
            f"[#strong({content(name)})" + (f"#linebreak();{lit(role)}" if role else "") + "]"
            for name, role in block.signatories
        )
        return f"#signature({content(block.greeting)}, {body}, ({signatories},))"

    def on_sources(self, block: Sources) -> str:
        title = f"heading(level: {self.top + 1}, {content(block.title)})" if block.title else "none"
        items = ", ".join(self._source(entry) for entry in block.entries)
        return f"#sources({title}, enum({items}))"

    def _source(self, entry: SourceEntry) -> str:
        text = lit(source_label(entry))
        if entry.url and is_link_allowed(entry.url):
            text += lit(SOURCE_URL_SEPARATOR) + f"#url({string(entry.url)}, {content(entry.url)});"
        return f"enum.item({int(entry.number)})[{text} #label({string(source_anchor(entry.number))})]"


def document_source(doc: Document, preamble: str = "house.typ") -> Source:
    """The complete Typst source of ``doc``; the preamble and the logo resolve in the house folder."""
    meta, head = doc.meta, doc.letterhead
    body = TypstBody(doc)
    blocks = body.blocks()
    day = meta.date
    date = f"datetime(year: {day.year}, month: {day.month}, day: {day.day})"
    keywords = ", ".join(string(word) for word in meta.keywords)
    sender = "#linebreak();".join(lit(line) for line in head.sender_lines)
    logo = string("/" + head.logo.lstrip("/"))
    logo_alt = head.logo_alt or f"Logo {head.organisation}"
    title = f"#kind-label({content(meta.kind_label)})\n\n#heading(level: 1)[{lit(meta.title)}]\n\n"
    title_block = title if meta.title_block else ""  # a letter starts with its address block
    text = f"""#import {string("/" + preamble)}: *
#set document(title: {string(meta.title)}, author: {string(meta.author)}, description: {string(meta.subject)},
  keywords: ({keywords}{"," if meta.keywords else ""}), date: {date})
#show: house.with(organisation: {string(head.organisation)}, logo: {logo},
  running: {content(f"{meta.kind_label} · {meta.date_label}")}, footer: {content(head.footer or meta.number)},
  shift: {1 - body.top})

#letterhead({logo}, {string(logo_alt)}, {content(head.organisation)}, {f"[{sender}]" if sender else "none"})

{title_block}{blocks}
"""
    return Source(text, body.link_labels)


__all__ = ["Block", "Source", "TypstBody", "document_source", "lit", "string"]
