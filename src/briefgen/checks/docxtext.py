"""Read a DOCX package with zipfile + lxml: body paragraphs in order, page furniture apart.

Only what the checks need: the text of every body paragraph (tables row by row, cell by cell)
with its style and whether it is a list item, the text of the header and footer parts, the
style definitions (for heading levels), the document defaults' language, the core
properties and the images with their alt text.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS = {
    "w": W_NS,
    "r": R_NS,
    "wp": WP_NS,
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "rel": REL_NS,
}
MAX_PART_BYTES = 50_000_000
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


@dataclass
class DocxParagraph:
    """One paragraph of the body."""

    text: str
    style: str
    """Style id (``Heading1``, ``Title``, …); empty for the default style."""
    list_item: bool
    in_table: bool


@dataclass
class DocxImage:
    """A drawing (``wp:docPr``) and where it is."""

    part: str
    name: str
    descr: str
    decorative: bool


@dataclass
class DocxContent:
    """What the checks read from a DOCX package."""

    paragraphs: list[DocxParagraph] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    """Paragraph texts of the header and footer parts."""
    styles: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Style id → ``name``, ``based_on``, ``outline`` (0-based outline level or None)."""
    default_languages: list[str] = field(default_factory=list)
    """``w:val`` of every ``w:lang`` in the document defaults of styles.xml."""
    core: dict[str, str] = field(default_factory=dict)
    images: list[DocxImage] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Body text, one paragraph per line."""
        return [p.text for p in self.paragraphs if p.text.strip()]

    def text(self) -> str:
        """Body text, one paragraph per line."""
        return "\n".join(self.lines())

    def heading_level(self, style_id: str) -> int | None:
        """Outline level (1-based) of a paragraph style, following ``basedOn``; ``Title`` is 0."""
        seen: set[str] = set()
        current = style_id
        while current and current not in seen:
            seen.add(current)
            info = self.styles.get(current)
            if info is None:
                break
            name = str(info.get("name", "")).lower()
            if name == "title":
                return 0
            if info.get("outline") is not None:
                return int(info["outline"]) + 1
            if name.startswith("heading ") and name[8:].isdigit():
                return int(name[8:])
            current = str(info.get("based_on") or "")
        return None


def _paragraph_text(paragraph: Any) -> str:
    """The paragraph as Word shows it by default: tracked deletions (``w:delText``) included, as
    the PDF of a change document shows them struck through."""
    parts: list[str] = []
    nodes = (_w("t"), _w("delText"), _w("tab"), _w("br"), _w("cr"), _w("noBreakHyphen"), _w("softHyphen"))
    for node in paragraph.iter(*nodes):
        if any(anc.tag == _w("txbxContent") for anc in node.iterancestors()):
            continue
        tag = etree.QName(node).localname
        if tag in ("t", "delText"):
            parts.append(node.text or "")
        elif tag in ("tab", "br", "cr"):
            parts.append(" " if tag == "tab" else "\n")
        elif tag == "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _body(element: Any, into: list[DocxParagraph], in_table: bool = False) -> None:
    for child in element:
        tag = child.tag
        if tag == _w("p"):
            style = child.find("w:pPr/w:pStyle", NS)
            numbered = child.find("w:pPr/w:numPr", NS) is not None
            into.append(
                DocxParagraph(
                    _paragraph_text(child), style.get(_w("val"), "") if style is not None else "", numbered, in_table
                )
            )
        elif tag == _w("tbl"):
            for row in child.iterfind("w:tr", NS):
                for cell in row.iterfind("w:tc", NS):
                    _body(cell, into, True)
        elif tag in (_w("sdt"),):
            content = child.find("w:sdtContent", NS)
            if content is not None:
                _body(content, into, in_table)
        elif tag in (_w("customXml"), _w("ins")):
            _body(child, into, in_table)


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in archive.namelist():
        return {}
    root = etree.fromstring(archive.read(rels_name), _PARSER)
    found = {}
    for rel in root.iterfind("rel:Relationship", NS):
        target = rel.get("Target", "")
        if rel.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id", "")] = (rel.get("Type", ""), target)
    return found


def _main_part(archive: zipfile.ZipFile) -> str:
    for _, (kind, target) in _rels(archive, "").items():
        if kind.endswith("/officeDocument"):
            return target.lstrip("/")
    return "word/document.xml"


def _images(root: Any, part: str) -> list[DocxImage]:
    images = []
    for doc_pr in root.iter(f"{{{WP_NS}}}docPr"):
        decorative = any(
            etree.QName(el).localname == "decorative" and el.get("val") in ("1", "true") for el in doc_pr.iter()
        )
        images.append(DocxImage(part, doc_pr.get("name", ""), doc_pr.get("descr", ""), decorative))
    return images


def read_docx(source: Path | bytes) -> DocxContent:
    """Read a DOCX file (or its bytes)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    content = DocxContent()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        content.parts = sorted(names)

        def load(part: str) -> Any:
            info = archive.getinfo(part)
            if info.file_size > MAX_PART_BYTES:
                raise ValueError(f"{part} is too large ({info.file_size} bytes)")
            return etree.fromstring(archive.read(part), _PARSER)

        main = _main_part(archive)
        root = load(main)
        body = root.find("w:body", NS)
        if body is not None:
            _body(body, content.paragraphs)
        content.images.extend(_images(root, main))
        for kind, target in _rels(archive, main).values():
            if (kind.endswith("/header") or kind.endswith("/footer")) and target in names:
                part_root = load(target)
                content.furniture.extend(_paragraph_text(p) for p in part_root.iter(_w("p")))
                content.images.extend(_images(part_root, target))
            elif kind.endswith("/styles") and target in names:
                _styles(load(target), content)
        if "docProps/core.xml" in names:
            core = load("docProps/core.xml")
            for child in core:
                content.core[etree.QName(child).localname] = (child.text or "").strip()
    return content


def _styles(root: Any, content: DocxContent) -> None:
    for lang in root.iterfind("w:docDefaults//w:lang", NS):
        content.default_languages.append(lang.get(_w("val"), ""))
    for style in root.iterfind("w:style", NS):
        style_id = style.get(_w("styleId"), "")
        name = style.find("w:name", NS)
        based = style.find("w:basedOn", NS)
        outline = style.find("w:pPr/w:outlineLvl", NS)
        content.styles[style_id] = {
            "name": name.get(_w("val"), "") if name is not None else "",
            "based_on": based.get(_w("val"), "") if based is not None else "",
            "outline": int(outline.get(_w("val"), "9")) if outline is not None else None,
            "type": style.get(_w("type"), ""),
        }
    for info in content.styles.values():
        if info["outline"] is not None and info["outline"] >= 9:
            info["outline"] = None
