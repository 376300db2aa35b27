"""Read an edited DOCX back: its body paragraphs with the claims they carry, its comments and
the record the build wrote (see :mod:`briefgen.writers.docx.claims`)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from briefgen.writers.docx.claims import (
    W_NS,
    ClaimRecord,
    Pending,
    body_paragraphs,
    claim_tags,
    custom_properties,
    paragraph_text,
    read_record,
)

MAX_PART_BYTES = 50_000_000
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class UnreadableDocx(ValueError):
    """The file is not a DOCX package that can be read."""


@dataclass(frozen=True)
class EditedParagraph:
    """One body paragraph of the edited document."""

    text: str
    refs: tuple[str, ...]
    """Refs named by its content controls' tags (Word keeps them)."""
    numbers: tuple[int, ...]
    """Numbers of its claim bookmarks (LibreOffice keeps them)."""
    comments: tuple[int, ...] = ()
    """Ids of the comments anchored in it."""


@dataclass(frozen=True)
class Comment:
    """A reviewer's comment."""

    id: int
    author: str
    text: str


@dataclass
class EditedDocx:
    """What :func:`read_back` found."""

    record: ClaimRecord | None
    paragraphs: list[EditedParagraph] = field(default_factory=list)
    comments: dict[int, Comment] = field(default_factory=dict)
    tracked_changes: int = 0
    """Insertions and deletions still pending in the file."""


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise UnreadableDocx(f"part {name} is larger than {MAX_PART_BYTES:,} bytes")
    return archive.read(name)


def read_back(data: bytes, pending: Pending = "accept") -> EditedDocx:
    """The paragraphs, comments and record of a DOCX (tracked changes accepted or rejected)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            document = _part(archive, "word/document.xml")
            custom = _part(archive, "docProps/custom.xml")
            comments = _part(archive, "word/comments.xml")
    except (zipfile.BadZipFile, OSError) as error:
        raise UnreadableDocx(f"not a DOCX (zip) file: {error}") from None
    if document is None:
        raise UnreadableDocx("has no word/document.xml: not a Word document")
    try:
        root = etree.fromstring(document, parser=_PARSER)
        record = read_record(custom_properties(custom)) if custom else None
        notes = _comments(comments) if comments else {}
    except etree.XMLSyntaxError as error:
        raise UnreadableDocx(f"damaged XML: {error}") from None
    body = root.find(_w("body"))
    result = EditedDocx(record, comments=notes)
    if body is None:
        return result
    note_style = record.note_style if record else ""
    for p in body_paragraphs(body):
        refs, numbers = claim_tags(p)
        anchored = tuple(int(c.get(_w("id")) or 0) for c in p.iter(_w("commentRangeStart"), _w("commentReference")))
        result.paragraphs.append(
            EditedParagraph(
                paragraph_text(p, note_style, pending), tuple(refs), tuple(numbers), tuple(dict.fromkeys(anchored))
            )
        )
    result.tracked_changes = sum(1 for _ in body.iter(_w("ins"), _w("del"), _w("moveFrom"), _w("moveTo")))
    return result


def _comments(xml: bytes) -> dict[int, Comment]:
    root = etree.fromstring(xml, parser=_PARSER)
    found: dict[int, Comment] = {}
    for comment in root.iter(_w("comment")):
        number = int(comment.get(_w("id")) or 0)
        text = "\n".join(paragraph_text(p) for p in comment.iter(_w("p"))).strip()
        found[number] = Comment(number, comment.get(_w("author")) or "", text)
    return found
