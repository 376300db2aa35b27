"""The document model: what every audience template produces and every writer renders.

Templates emit restricted semantic HTML (see :mod:`briefgen.content.parse`), which is parsed
into these objects. The PDF and DOCX writers only ever see this model, so both formats say
exactly the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeAlias, TypeVar, cast, get_args

R = TypeVar("R")

# ---------------------------------------------------------------- inline content


@dataclass(frozen=True)
class Text:
    """A run of plain text."""

    text: str


@dataclass(frozen=True)
class Styled:
    """Bold or italic text."""

    style: Literal["bold", "italic"]
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A hyperlink; ``href`` is always an ``https:`` or ``mailto:`` URL."""

    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class NoteRef:
    """A reference to entry ``number`` of the document's source list, shown as superscript."""

    number: int


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph (address lines, signature)."""


@dataclass(frozen=True)
class Revision:
    """Text inserted (``ins``) or deleted (``del``) since an earlier version, in a change
    document: shown underlined or struck through, and in Word as a tracked change."""

    kind: Literal["ins", "del"]
    children: tuple[Inline, ...]


Inline: TypeAlias = Text | Styled | Link | NoteRef | LineBreak | Revision

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Heading:
    """A section heading, level 1–3 (the document title is in :class:`Metadata`)."""

    level: int
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class ClaimMark:
    """A claim of the positions shown in a paragraph or list item: which one, and its text."""

    ref: str
    """File and field of the claim, e.g. ``03-wonen-mobiliteit.yaml#topics[0].akkoord[1]``."""
    shown: str
    """The claim's text as the reader sees it (figures filled in)."""
    written: str
    """The claim's text as written in the YAML (with ``{fig:ID}`` markers)."""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph. ``role`` gives it a special look: ``lead`` (bold intro of a press
    statement), ``salutation``, ``closing``, ``small`` (notes, end marker), ``center``."""

    children: tuple[Inline, ...]
    role: Literal["", "lead", "salutation", "closing", "small", "notice"] = ""
    claims: tuple[ClaimMark, ...] = ()
    """The claims whose text this paragraph shows, in order."""


@dataclass(frozen=True)
class ListBlock:
    """A bullet list or a numbered list (numbering starts at ``start``)."""

    ordered: bool
    items: tuple[tuple[Inline, ...], ...]
    start: int = 1
    claims: tuple[tuple[ClaimMark, ...], ...] = ()
    """Per item, the claims whose text it shows (empty when no item shows a claim)."""


@dataclass(frozen=True)
class Table:
    """A table with one header row; ``numeric`` marks right-aligned columns."""

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    caption: str = ""
    numeric: tuple[bool, ...] = ()


@dataclass(frozen=True)
class Quote:
    """A quotation with its attribution (``— name, role``)."""

    children: tuple[Inline, ...]
    attribution: str = ""


@dataclass(frozen=True)
class Callout:
    """A highlighted box, e.g. the kernboodschap."""

    title: str
    blocks: tuple[Paragraph | ListBlock, ...]


@dataclass(frozen=True)
class Field:
    """One row of a header-fields block."""

    label: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Fields:
    """The header-fields block of a letter, memo or briefing (Aan, Datum, Onderwerp …)."""

    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Address:
    """An address block (addressee of a letter): one line each."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Signature:
    """Closing signature: a greeting line, then one (name, role) pair per signatory."""

    greeting: str
    signatories: tuple[tuple[str, str], ...]
    body: str = ""
    """An optional line under the greeting, e.g. ``het college van burgemeester en wethouders``."""


@dataclass(frozen=True)
class SourceEntry:
    """One numbered entry of the source list."""

    number: int
    title: str
    url: str = ""
    publisher: str = ""


@dataclass(frozen=True)
class Sources:
    """The numbered source list that :class:`NoteRef` points into."""

    title: str
    entries: tuple[SourceEntry, ...]


@dataclass(frozen=True)
class ContentsEntry:
    """One line of a contents list: a heading's level (1 or 2) and text."""

    level: int
    text: str


@dataclass(frozen=True)
class Contents:
    """The contents list of a long document: its level-1 and level-2 headings in order; entry
    ``n`` (from 1) leads to the ``n``-th heading of level 1 or 2 after it."""

    title: str
    entries: tuple[ContentsEntry, ...]


@dataclass(frozen=True)
class PageBreak:
    """Start the next block on a new page."""


Block: TypeAlias = (
    Heading
    | Paragraph
    | ListBlock
    | Table
    | Quote
    | Callout
    | Fields
    | Address
    | Signature
    | Sources
    | Contents
    | PageBreak
)

# ---------------------------------------------------------------- document


@dataclass(frozen=True)
class Term:
    """A value of a government value list (TOOI): its URI and the label readers see."""

    uri: str
    label: str


@dataclass(frozen=True)
class Publication:
    """How the document is published under the Woo (DiWoo metadata)."""

    publisher: str
    """Name of the publishing organisation."""
    publisher_uri: str = ""
    """Its TOOI identifier URI, when it has one (gemeenten, provincies, waterschappen)."""
    category: Term | None = None
    """Woo information category."""
    document_kind: Term | None = None
    """Kind of document (brief, persbericht, …)."""
    handling: Term | None = None
    """The handling recorded with the document's date (vaststelling)."""
    web: bool = True
    """False when the document may not be published on the web yet (a press statement under embargo)."""


@dataclass(frozen=True)
class Metadata:
    """Who, what and when of a document; written to PDF/XMP and DOCX core properties."""

    title: str
    subject: str
    organisation: str
    author: str
    date: dt.date
    number: str
    kind: str
    """Document kind id: briefing, memo, press, letter."""
    kind_label: str
    """Kind as the reader names it: ``Raadsinformatiebrief``, ``Memo``, ``Persbericht``, ``Brief``."""
    status: str = "definitief"
    language: str = "nl-NL"
    keywords: tuple[str, ...] = ()
    date_label: str = ""
    """The date as the reader sees it, e.g. ``2 december 2026``."""
    publication: Publication | None = None
    """Woo publication data; None for documents that are never published."""
    title_block: bool = True
    """Show the kind label and the title above the content. False for a letter: its address block
    comes first and its subject stands in the fields (the web page still names it as its heading)."""
    claim_files: tuple[tuple[str, str], ...] = ()
    """(file, content hash) of each position file whose claims the document shows."""
    template: str = ""
    """The audience template the document was composed with (``briefing.html.j2``)."""


@dataclass(frozen=True)
class Letterhead:
    """Page furniture: organisation name and logo in the header, a footer line."""

    organisation: str
    logo: str
    """File name of the logo under the asset folder (SVG or PNG)."""
    logo_alt: str
    sender_lines: tuple[str, ...] = ()
    """Sender address lines shown in the letter head of letters."""
    footer: str = ""
    """Text of the footer's left part (e.g. the document number)."""


@dataclass(frozen=True)
class Document:
    """A complete document as both writers see it."""

    meta: Metadata
    letterhead: Letterhead
    blocks: tuple[Block, ...] = field(default_factory=tuple)


def claim_marks(blocks: tuple[Block, ...]) -> list[ClaimMark]:
    """Every claim shown in ``blocks``, in reading order (callouts included)."""
    marks: list[ClaimMark] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            marks.extend(block.claims)
        elif isinstance(block, ListBlock):
            marks.extend(mark for item in block.claims for mark in item)
        elif isinstance(block, Callout):
            marks.extend(claim_marks(block.blocks))
    return marks


# ---------------------------------------------------------------- visitors

BLOCK_TYPES: tuple[type, ...] = get_args(Block)
"""Every block type of the model; a visitor must handle each."""
INLINE_TYPES: tuple[type, ...] = get_args(Inline)
"""Every inline type of the model; a visitor must handle each."""


def handler_name(kind: type) -> str:
    """The method a visitor handles ``kind`` with: ``ListBlock`` → ``on_list_block``."""
    name = kind.__name__
    return "on_" + "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))


_HANDLERS = {kind: handler_name(kind) for kind in (*BLOCK_TYPES, *INLINE_TYPES)}
"""The handler name of every model type, computed once (dispatch is on the writers' hot path)."""


def _missing_handlers(cls: type, kinds: tuple[type, ...]) -> list[str]:
    return [handler_name(kind) for kind in kinds if not callable(getattr(cls, handler_name(kind), None))]


class BlockVisitor(Generic[R]):
    """Walks blocks with one ``on_<type>`` method per block type.

    A subclass that lacks a handler for any block type fails when it is defined, so a new block
    type cannot be silently skipped by a writer, the text view or a check.
    """

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        missing = _missing_handlers(cls, BLOCK_TYPES)
        if missing:
            raise TypeError(f"{cls.__name__} does not handle every block type: {', '.join(missing)} missing")

    def visit_block(self, block: Block) -> R:
        """Call the handler of ``block``'s type."""
        handler = getattr(self, _HANDLERS.get(type(block), ""), None)
        if handler is None:
            raise TypeError(f"{type(self).__name__}: unknown block type {type(block).__name__}")
        return cast(R, handler(block))


class InlineVisitor(Generic[R]):
    """Walks inline content with one ``on_<type>`` method per inline type (checked like
    :class:`BlockVisitor`)."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        missing = _missing_handlers(cls, INLINE_TYPES)
        if missing:
            raise TypeError(f"{cls.__name__} does not handle every inline type: {', '.join(missing)} missing")

    def visit_inline(self, item: Inline) -> R:
        """Call the handler of ``item``'s type."""
        handler = getattr(self, _HANDLERS.get(type(item), ""), None)
        if handler is None:
            raise TypeError(f"{type(self).__name__}: unknown inline type {type(item).__name__}")
        return cast(R, handler(item))
