"""Small raw-XML helpers for what python-docx has no API for (lists, links, fields, alt text)."""

from __future__ import annotations

import re
from typing import TypeAlias

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement

W: TypeAlias = BaseOxmlElement

__all__ = [
    "W",
    "add_bookmark",
    "add_field",
    "add_num",
    "new_run",
    "qn",
    "set_alt_text",
    "set_num",
]


_PLAIN = re.compile(r"[^\t\n\r]+")
"""Text that needs no ``w:tab`` or ``w:br``."""


def new_run(text: str = "", *, style_id: str = "", bold: bool = False, italic: bool = False) -> W:
    """A ``w:r`` with optional character style, bold and italic; tabs and newlines become
    ``w:tab`` and ``w:br``."""
    run = OxmlElement("w:r")
    if style_id or bold or italic:
        rpr = OxmlElement("w:rPr")  # children in schema order: rStyle, b, i
        if style_id:
            rpr.append(OxmlElement("w:rStyle", {qn("w:val"): style_id}))
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        run.append(rpr)
    if _PLAIN.fullmatch(text):  # the common case, without python-docx's per-character loop
        t = OxmlElement("w:t")
        t.text = text
        if text != text.strip():
            t.set(qn("xml:space"), "preserve")
        run.append(t)
    elif text:
        run.text = text  # type: ignore[attr-defined]
    return run


def add_field(paragraph: W, instruction: str, shown: str) -> None:
    """Append a complex field (e.g. ``PAGE``) whose cached result is ``shown``."""
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = OxmlElement("w:r")
        if kind == "instr":
            child = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
            child.text = f" {instruction} "
        elif kind == "result":
            child = OxmlElement("w:t")
            child.text = shown
        else:
            child = OxmlElement("w:fldChar", {qn("w:fldCharType"): kind})
        run.append(child)
        paragraph.append(run)


def add_num(numbering: W, abstract_id: int, start: int) -> int:
    """Add a ``w:num`` on ``abstract_id`` whose level 0 restarts at ``start``; return its numId."""
    num = numbering.add_num(abstract_id)  # type: ignore[attr-defined]
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return int(num.numId)


def set_num(paragraph: W, num_id: int, level: int = 0) -> None:
    """Make ``paragraph`` an item of list ``num_id`` at ``level``."""
    num_pr = paragraph.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def add_bookmark(paragraph: W, bookmark_id: int, name: str) -> None:
    """Wrap the content of ``paragraph`` in a bookmark called ``name``."""
    start = OxmlElement("w:bookmarkStart", {qn("w:id"): str(bookmark_id), qn("w:name"): name})
    end = OxmlElement("w:bookmarkEnd", {qn("w:id"): str(bookmark_id)})
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        paragraph.insert(0, start)
    else:
        ppr.addnext(start)
    paragraph.append(end)


def set_alt_text(root: W, text: str) -> int:
    """Set ``descr`` and ``title`` of every drawing under ``root``; return how many."""
    count = 0
    for props in root.iter(qn("wp:docPr"), "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"):
        props.set("descr", text)
        props.set("title", text)
        count += 1
    return count
