"""Claims in the DOCX: content controls that name them, and the build's record in the package.

A paragraph or list item that shows a claim of the positions gets its runs wrapped in a content
control (``w:sdt``) whose tag names the claim (``03-wonen-mobiliteit.yaml#topics[0].akkoord[1]``;
several claims: their refs separated by spaces). The control has no placeholder, no title and a
hidden appearance (Word draws no box or tag), and is locked against deleting the control itself
while its text stays editable. A hidden bookmark (``_Claim_<n>``) around it keeps the link in
editors that drop content controls on saving.

The custom document properties record the positions the document was built from: their content
hash (``briefgen.positions``) and, compressed in ``briefgen.record.NNN`` (at most 255 characters
each, what Word keeps), every body paragraph's text with the claims it shows, their texts as
shown and as written in the YAML. ``briefgen absorb`` reads both back (:func:`read_record`,
:func:`paragraph_text`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.parser import OxmlElement, oxml_parser
from lxml import etree

from briefgen.content.model import ClaimMark
from briefgen.writers.docx.context import Context
from briefgen.writers.docx.ooxml import W, qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
HASH_PROPERTY = "briefgen.positions"
RECORD_PREFIX = "briefgen.record."
CHUNK = 255
"""Longest text value Word keeps in a custom property."""
BOOKMARK_PREFIX = "_Claim_"
BOOKMARK_ID_BASE = 100_000
"""Bookmark ids of claims start here (the source list's bookmarks count from 1)."""
RECORD_VERSION = 1

Pending = Literal["accept", "reject"]


@dataclass
class ClaimRecord:
    """What a build wrote: every body paragraph's text, the claims shown, the files' hashes."""

    files: dict[str, str] = field(default_factory=dict)
    """Position file → content hash."""
    paragraphs: list[dict[str, Any]] = field(default_factory=list)
    """Per body paragraph in order: ``text``, and for a claim paragraph ``claims`` as
    ``[ref, shown, written]`` lists."""
    note_style: str = ""
    """Style id of note references (their digits are not words of the text)."""
    template: str = ""
    """The audience template the document was composed with."""

    @property
    def positions_hash(self) -> str:
        """One hash of all files' hashes."""
        joined = "".join(f"{name}\t{digest}\n" for name, digest in sorted(self.files.items()))
        return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def wrap_claims(ctx: Context, p: W, marks: Sequence[ClaimMark]) -> None:
    """Wrap the runs of paragraph ``p`` in a content control naming ``marks`` (a no-op without)."""
    if not marks:
        return
    claimed = ctx.claimed
    number = len(claimed)
    content = OxmlElement("w:sdtContent")
    for child in list(p):
        if child.tag != qn("w:pPr"):
            content.append(child)
    sdt = OxmlElement("w:sdt")
    props = OxmlElement("w:sdtPr")
    props.append(OxmlElement("w:tag", {qn("w:val"): " ".join(mark.ref for mark in marks)}))
    props.append(OxmlElement("w:id", {qn("w:val"): str(BOOKMARK_ID_BASE + number)}))
    props.append(OxmlElement("w:lock", {qn("w:val"): "sdtLocked"}))
    props.append(etree.Element(f"{{{W15_NS}}}appearance", {f"{{{W15_NS}}}val": "hidden"}))
    sdt.append(props)
    sdt.append(content)
    bookmark_id = str(BOOKMARK_ID_BASE + number)
    p.append(OxmlElement("w:bookmarkStart", {qn("w:id"): bookmark_id, qn("w:name"): f"{BOOKMARK_PREFIX}{number}"}))
    p.append(sdt)
    p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): bookmark_id}))
    claimed.append((p, tuple(marks)))


def declare_w15(document: DocxDocument) -> None:
    """Declare Word 2012's namespace on the document (ignorable for older readers), for the
    hidden appearance of content controls."""
    root = document.element
    if "w15" in (root.nsmap or {}):
        return
    new = _clone_root(root, {**root.nsmap, "w15": W15_NS})
    ignorable = f"{{{MC_NS}}}Ignorable"
    new.set(ignorable, " ".join(filter(None, [(root.get(ignorable) or ""), "w15"])).strip())
    document.part._element = new  # type: ignore[attr-defined]
    document._element = new  # type: ignore[attr-defined]
    document._Document__body = None  # type: ignore[attr-defined]


def _clone_root(root: W, nsmap: dict[str | None, str]) -> W:
    """``root`` with more namespace declarations (lxml cannot add them to an element)."""
    new = oxml_parser.makeelement(root.tag, attrib=dict(root.attrib), nsmap=nsmap)
    for child in list(root):
        new.append(child)
    return new  # type: ignore[no-any-return]


def write_record(
    document: DocxDocument,
    files: Sequence[tuple[str, str]],
    claimed: Sequence[tuple[W, tuple[ClaimMark, ...]]],
    note_style: str,
    template: str = "",
) -> None:
    """Add the custom properties: the positions' hash and the record of paragraphs and claims."""
    marks = {id(p): claims for p, claims in claimed}
    record = ClaimRecord(files=dict(files), note_style=note_style, template=template)
    for p in document.element.body.iter(qn("w:p")):
        entry: dict[str, Any] = {"text": paragraph_text(p, note_style)}
        if id(p) in marks:
            entry["claims"] = [[m.ref, m.shown, m.written] for m in marks[id(p)]]
        record.paragraphs.append(entry)
    data = {
        "v": RECORD_VERSION,
        "files": record.files,
        "paragraphs": record.paragraphs,
        "note_style": note_style,
        "template": template,
    }
    packed = base64.b64encode(zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 9)).decode("ascii")
    values = [(HASH_PROPERTY, record.positions_hash)]
    values += [
        (f"{RECORD_PREFIX}{index:03d}", packed[start : start + CHUNK])
        for index, start in enumerate(range(0, len(packed), CHUNK))
    ]
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for pid, (name, value) in enumerate(values, start=2):
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property", fmtid=PROPERTY_FMTID, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def read_record(properties: dict[str, str]) -> ClaimRecord | None:
    """The record from a package's custom properties (name → text), or None without one."""
    chunks = sorted((name, value) for name, value in properties.items() if name.startswith(RECORD_PREFIX))
    if not chunks:
        return None
    try:
        data = json.loads(zlib.decompress(base64.b64decode("".join(value for _, value in chunks))).decode("utf-8"))
    except (ValueError, zlib.error):
        return None
    if not isinstance(data, dict) or data.get("v") != RECORD_VERSION:
        return None
    return ClaimRecord(
        dict(data.get("files", {})),
        list(data.get("paragraphs", [])),
        str(data.get("note_style", "")),
        str(data.get("template", "")),
    )


def custom_properties(xml: bytes) -> dict[str, str]:
    """Name → text of the custom properties in ``docProps/custom.xml``."""
    root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    found: dict[str, str] = {}
    for prop in root.iter(f"{{{CUSTOM_NS}}}property"):
        value = "".join(prop.itertext())
        found[prop.get("name", "")] = value
    return found


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


_TEXT_NODES = (_w("t"), _w("delText"), _w("tab"), _w("br"), _w("cr"), _w("noBreakHyphen"))


def paragraph_text(p: Any, note_style: str = "", pending: Pending = "accept") -> str:
    """The text of paragraph ``p`` with tracked changes accepted (or rejected), note reference
    digits left out; line breaks as ``\\n``."""
    parts: list[str] = []
    for node in p.iter(*_TEXT_NODES):
        if not _counts(node, note_style, pending):
            continue
        tag = etree.QName(node).localname
        if tag in ("t", "delText"):
            parts.append(node.text or "")
        elif tag == "tab":
            parts.append("\t")
        elif tag in ("br", "cr"):
            parts.append("\n")
        else:
            parts.append("\u2011")
    return "".join(parts)


def _counts(node: Any, note_style: str, pending: Pending) -> bool:
    """Whether a text node is part of the text after accepting (rejecting) tracked changes (the
    placeholder Word shows in an emptied content control is not)."""
    inserted = deleted = False
    for ancestor in node.iterancestors():
        tag = ancestor.tag
        if tag == _w("sdtContent") and _placeholder(ancestor.getparent()):
            return False
        if tag in (_w("ins"), _w("moveTo")):
            inserted = True
        elif tag in (_w("del"), _w("moveFrom")):
            deleted = True
        elif tag == _w("r") and note_style:
            style = ancestor.find(f"{_w('rPr')}/{_w('rStyle')}")
            if style is not None and style.get(_w("val")) == note_style:
                return False
        elif tag in (_w("p"), _w("txbxContent")):
            break
    if etree.QName(node).localname == "delText":
        deleted = True
    return not deleted if pending == "accept" else not inserted


def _placeholder(sdt: Any) -> bool:
    shown = sdt.find(f"{_w('sdtPr')}/{_w('showingPlcHdr')}") if sdt is not None else None
    return shown is not None and shown.get(_w("val"), "true") not in ("0", "false")


def body_paragraphs(body: Any) -> Iterator[Any]:
    """Every ``w:p`` of a body in reading order (table cells and content controls included)."""
    yield from body.iter(_w("p"))


def claim_tags(p: Any) -> tuple[list[str], list[int]]:
    """The refs in the tags of ``p``'s content controls, and the numbers of its claim bookmarks."""
    refs: list[str] = []
    for tag in p.iter(_w("tag")):
        if tag.getparent() is not None and tag.getparent().tag == _w("sdtPr"):
            refs.extend((tag.get(_w("val")) or "").split())
    numbers: list[int] = []
    for mark in p.iter(_w("bookmarkStart")):
        name = mark.get(_w("name")) or ""
        if name.startswith(BOOKMARK_PREFIX) and name[len(BOOKMARK_PREFIX) :].isdigit():
            numbers.append(int(name[len(BOOKMARK_PREFIX) :]))
    return refs, numbers
