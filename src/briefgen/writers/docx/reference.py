"""The house-style reference document: what it must contain, loaded and checked once."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError

from briefgen.writers.docx.ooxml import W, qn

ORG_MARK = "{organisatie}"
"""Placeholder in the header, replaced by ``Letterhead.organisation``."""
SENDER_MARK = "{afzender}"
"""Placeholder in the first-page header, replaced by ``Letterhead.sender_lines`` (optional)."""
NUMBER_MARK = "{kenmerk}"
"""Placeholder in the footer, replaced by ``Letterhead.footer`` (or the document number)."""
TITLE_MARK = "{titel}"
KIND_MARK = "{soort}"
DATE_MARK = "{datum}"
"""Optional placeholders (e.g. in the running header): title, kind label, date in Dutch."""

P, C, T = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE

REQUIRED_STYLES: Mapping[str, WD_STYLE_TYPE] = {
    "Normal": P,
    "Document Kind": P,
    "Title": P,
    "Heading 1": P,
    "Heading 2": P,
    "Heading 3": P,
    "List Bullet": P,
    "List Number": P,
    "Source List": P,
    "Quote": P,
    "Quote Attribution": P,
    "Caption": P,
    "Callout": P,
    "Callout Title": P,
    "Lead": P,
    "Small": P,
    "Notice": P,
    "Salutation": P,
    "Closing": P,
    "Signature": P,
    "Address": P,
    "Field Value": P,
    "Table Text": P,
    "TOC Heading": P,
    "toc 1": P,
    "toc 2": P,
    "Header": P,
    "Footer": P,
    "Field Label": C,
    "Hyperlink": C,
    "Note Reference": C,
    "Data Table": T,
}
"""Every style the writer uses, by the English name python-docx reports, with its type."""

LOCALISED = {
    "Title": "Titel",
    "Heading 1": "Kop 1",
    "Heading 2": "Kop 2",
    "Heading 3": "Kop 3",
    "List Bullet": "Lijstopsommingsteken",
    "List Number": "Lijstnummering",
    "Quote": "Citaat",
    "Caption": "Bijschrift",
    "Header": "Koptekst",
    "Footer": "Voettekst",
    "Salutation": "Aanhef",
    "Closing": "Afsluiting",
    "Signature": "Handtekening",
}
"""Names a Dutch Word or LibreOffice may have given the same built-in styles."""

_TYPE_NAMES = {P: "paragraph", C: "character", T: "table"}


class ReferenceDocxError(ValueError):
    """The reference document lacks something the writer needs."""


@dataclass(frozen=True)
class Reference:
    """A checked reference document: its bytes and the ids the writer needs."""

    data: bytes
    style_ids: Mapping[str, str]
    """Style name (as in :data:`REQUIRED_STYLES`) → style id in this file."""
    bullet_num: int
    """``w:numId`` of the bullet list numbering (from the List Bullet style)."""
    number_abstract: int
    """``w:abstractNumId`` behind the List Number style; each numbered list gets a new num on it."""
    callout_indent: tuple[int, int] = (0, 0)
    """Left and right indent of the Callout style (twips); lists inside a callout line up with it."""
    list_hanging: int = 360
    """Hanging indent of list level 0 (twips): the room for the bullet or number."""


def load_reference(path: Path) -> Reference:
    """Read and check ``path``; raise :class:`ReferenceDocxError` naming what is missing."""
    try:
        data = path.read_bytes()
        document = docx.Document(io.BytesIO(data))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, OpcError) as exc:
        raise ReferenceDocxError(f"{path}: cannot open the reference document: {exc}") from exc
    style_ids = _check_styles(path, document)
    numbering = document.part.numbering_part.element
    bullet_num = _style_num_id(path, document, style_ids["List Bullet"])
    number_num = _style_num_id(path, document, style_ids["List Number"])
    number_abstract = _abstract_of(path, numbering, number_num)
    _abstract_of(path, numbering, bullet_num)
    _check_furniture(path, document)
    styles = document.styles.element
    callout = styles.xpath(f'w:style[@w:styleId="{style_ids["Callout"]}"]/w:pPr/w:ind')
    indent = (_twips(callout, "left"), _twips(callout, "right"))
    hanging = _twips(
        numbering.xpath(f'w:abstractNum[@w:abstractNumId="{number_abstract}"]/w:lvl[@w:ilvl="0"]//w:ind'), "hanging"
    )
    return Reference(data, style_ids, bullet_num, number_abstract, indent, hanging or 360)


def _twips(elements: list[W], attribute: str) -> int:
    """An integer attribute of the first of ``elements`` (0 when absent)."""
    value = elements[0].get(qn(f"w:{attribute}")) if elements else None
    return int(value) if value else 0


def _check_styles(path: Path, document: DocxDocument) -> dict[str, str]:
    found = {(style.name, style.type): style.style_id for style in document.styles}
    names = {name for name, _ in found}
    ids: dict[str, str] = {}
    for name, kind in REQUIRED_STYLES.items():
        if (name, kind) in found:
            ids[name] = found[(name, kind)]
            continue
        hint = ""
        if LOCALISED.get(name) in names:
            hint = f" (it has '{LOCALISED[name]}': a localised Word named it so; rename it to '{name}')"
        elif name in names:
            hint = f" (a style '{name}' exists but is not a {_TYPE_NAMES[kind]} style)"
        raise ReferenceDocxError(
            f"{path}: the {_TYPE_NAMES[kind]} style '{name}' is missing{hint}; "
            "regenerate the file with tools/make_reference_docx.py"
        )
    return ids


def _style_num_id(path: Path, document: DocxDocument, style_id: str) -> int:
    values = document.styles.element.xpath(f'w:style[@w:styleId="{style_id}"]/w:pPr/w:numPr/w:numId/@w:val')
    if not values:
        raise ReferenceDocxError(f"{path}: style '{style_id}' has no list numbering (w:numPr)")
    return int(values[0])


def _abstract_of(path: Path, numbering: W, num_id: int) -> int:
    values = numbering.xpath(f'w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
    if not values:
        raise ReferenceDocxError(f"{path}: numbering.xml has no w:num with numId {num_id}")
    return int(values[0])


def _check_furniture(path: Path, document: DocxDocument) -> None:
    texts: dict[str, str] = {"header": "", "footer": ""}
    instructions = ""
    for rel in document.part.rels.values():
        for kind, reltype in (("header", RT.HEADER), ("footer", RT.FOOTER)):
            if rel.reltype == reltype:
                element = rel.target_part.element  # type: ignore[attr-defined]
                texts[kind] += "".join(element.itertext(qn("w:t")))
                if kind == "footer":
                    instructions += " ".join(element.itertext(qn("w:instrText")))
    for kind, mark in (("header", ORG_MARK), ("footer", NUMBER_MARK)):
        if mark not in texts[kind]:
            raise ReferenceDocxError(f"{path}: the {kind} lacks the placeholder {mark}")
    for field in ("PAGE", "NUMPAGES"):
        if field not in instructions.split():
            raise ReferenceDocxError(f"{path}: the footer lacks the {field} field")
