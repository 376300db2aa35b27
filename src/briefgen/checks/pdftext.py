"""Read the text of a tagged PDF with pikepdf: body text in content order, page furniture apart.

A small content-stream interpreter: it follows the text and graphics state far enough to know
where each piece of text starts and ends on the page (to find line breaks and gaps between
words), decodes strings through the fonts' ``/ToUnicode`` maps, and keeps track of marked
content, so that

- text inside ``/Artifact`` sequences is page furniture (running header, footer, page numbers);
- text whose structure element is (inside) a ``/Lbl`` is a list label (bullets, ``1.``), and so
  is the first text of a list item (``/LI``) when it looks like one (a label drawn with
  ``li::before`` ends up in ``/LBody``);
- marked content whose MCID has no structure element reachable from the structure tree root is
  *orphaned*, and text outside any marked content is *untagged* (both are reported);
- a marked-content span with ``/ActualText`` reads as that text (Typst writes one where a glyph
  stands for other text than its font's map says, such as a hyphen drawn with the glyph it
  also uses for a soft hyphen).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from briefgen.writers.pdf.structure import ancestors, parent_tree, reachable_elements

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 8
"""Nesting depth of form XObjects followed."""


def _mul(m1: Matrix, m2: Matrix) -> Matrix:
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def _point(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


# ---------------------------------------------------------------- fonts

_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")


def _hex_bytes(token: bytes) -> bytes:
    digits = token.strip(b"<>")
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("ascii"))


def _utf16(data: bytes) -> str:
    try:
        return data.decode("utf-16-be")
    except UnicodeDecodeError:
        return ""


def parse_cmap(data: bytes) -> tuple[dict[int, str], int]:
    """A ``/ToUnicode`` CMap → (code → text, code length in bytes)."""
    mapping: dict[int, str] = {}
    width = 1
    for block in re.findall(rb"begincodespacerange(.*?)endcodespacerange", data, re.S):
        lengths = [len(_hex_bytes(t)) for t in _HEX.findall(block)]
        if lengths:
            width = max(lengths)
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        tokens = _HEX.findall(block)
        for src, dst in zip(tokens[::2], tokens[1::2], strict=False):
            mapping[int.from_bytes(_hex_bytes(src), "big")] = _utf16(_hex_bytes(dst))
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for match in re.finditer(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)", block):
            low = int.from_bytes(_hex_bytes(match.group(1)), "big")
            high = int.from_bytes(_hex_bytes(match.group(2)), "big")
            target = match.group(3)
            if high - low > 65535:
                continue
            if target.startswith(b"["):
                for offset, item in enumerate(_HEX.findall(target)):
                    mapping[low + offset] = _utf16(_hex_bytes(item))
            else:
                base = _hex_bytes(target)
                for offset in range(high - low + 1):
                    value = int.from_bytes(base, "big") + offset
                    mapping[low + offset] = _utf16(value.to_bytes(len(base), "big"))
    return mapping, width


@dataclass
class Font:
    """What the interpreter needs of a font: decoding and glyph widths."""

    to_unicode: dict[int, str]
    code_bytes: int
    widths: dict[int, float]
    default_width: float
    simple: bool

    @classmethod
    def from_pdf(cls, font: Any) -> Font:
        """Read a font dictionary (Type0 or simple)."""
        to_unicode: dict[int, str] = {}
        code_bytes = 1
        if "/ToUnicode" in font and isinstance(font.ToUnicode, pikepdf.Stream):
            to_unicode, code_bytes = parse_cmap(font.ToUnicode.read_bytes())
        widths: dict[int, float] = {}
        if font.get("/Subtype") == Name.Type0:
            descendant = font.DescendantFonts[0]
            default = float(descendant.get("/DW", 1000))
            code_bytes = 2
            items = list(descendant.get("/W", Array()))
            index = 0
            while index < len(items):
                first = int(items[index])
                nxt = items[index + 1] if index + 1 < len(items) else None
                if isinstance(nxt, Array):
                    for offset, width in enumerate(nxt):
                        widths[first + offset] = float(width)
                    index += 2
                elif index + 2 < len(items) and nxt is not None:
                    for code in range(first, int(nxt) + 1):
                        widths[code] = float(items[index + 2])
                    index += 3
                else:
                    break
            return cls(to_unicode, code_bytes, widths, default, simple=False)
        first_char = int(font.get("/FirstChar", 0))
        for offset, width in enumerate(font.get("/Widths", Array())):
            widths[first_char + offset] = float(width)
        return cls(to_unicode, 1, widths, 500.0, simple=True)

    def codes(self, data: bytes) -> Iterator[int]:
        """Character codes of a string."""
        step = self.code_bytes
        for index in range(0, len(data) - step + 1, step):
            yield int.from_bytes(data[index : index + step], "big")

    def text(self, code: int) -> str:
        """Unicode text of a code."""
        if code in self.to_unicode:
            return self.to_unicode[code]
        if self.simple:
            return bytes([code]).decode("cp1252", errors="replace")
        return "\ufffd"


# ---------------------------------------------------------------- content


@dataclass
class Chunk:
    """One shown string: its text, where it starts and ends, and what it belongs to."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    page: int
    role: str
    """``body``, ``artifact``, ``label``, ``repeat`` (a table header row repeated on a later page)
    or ``untagged``."""
    mcid: int | None = None
    table: tuple[int, int] | None = None
    """The ``Table`` structure element the text is in."""
    head: bool = False
    """True when the text is in the table's header row (``THead``)."""
    tags: tuple[str, ...] = ()
    """Structure types of its element and the element's ancestors, nearest first (``Span``,
    ``P``, ``TD``, ``Table`` …; without the slash)."""


@dataclass
class PdfContent:
    """The text of a PDF split by role, with what the tagging check needs."""

    chunks: list[Chunk] = field(default_factory=list)
    orphaned: list[tuple[int, int]] = field(default_factory=list)
    """(page, MCID) of marked content whose structure element is not in the structure tree."""
    untagged: list[tuple[int, str]] = field(default_factory=list)
    """(page, text) of text shown outside any marked content."""
    tagged: bool = False
    pages: int = 0

    def lines(self, *roles: str) -> list[str]:
        """Text lines of ``roles`` (default: body and untagged text) in content order; a gap
        between words becomes a space."""
        wanted = roles or ("body", "untagged")
        return [text for _, text in _lines([c for c in self.chunks if c.role in wanted])]

    def text(self, *roles: str) -> str:
        """The text of ``roles``, one line per line."""
        return "\n".join(self.lines(*roles))


def line_chunks(chunks: list[Chunk]) -> list[list[Chunk]]:
    """``chunks`` grouped into text lines: a new line where the text moves down or back."""
    lines: list[list[Chunk]] = []
    previous: Chunk | None = None
    for chunk in chunks:
        if previous is not None:
            size = max(previous.size, chunk.size, 1.0)
            new_line = (
                chunk.page != previous.page
                or abs(chunk.y - previous.y) > 0.5 * size
                or chunk.x0 < previous.x1 - 0.5 * size
            )
            if not new_line:
                lines[-1].append(chunk)
                previous = chunk
                continue
        lines.append([chunk])
        previous = chunk
    return lines


def line_text(line: list[Chunk]) -> str:
    """The text of one line; a gap between chunks becomes a space."""
    current: list[str] = []
    for previous, chunk in zip((None, *line), line, strict=False):
        if previous is not None:
            size = max(previous.size, chunk.size, 1.0)
            if chunk.x0 - previous.x1 > 0.2 * size and not current[-1].endswith(" "):
                current.append(" ")
        current.append(chunk.text)
    return " ".join("".join(current).split())


def _lines(chunks: list[Chunk]) -> list[tuple[int, str]]:
    lines = ((line[-1].page, line_text(line)) for line in line_chunks(chunks))
    return [(page, text) for page, text in lines if text]


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    font: Font | None = None
    size: float = 0.0
    char_space: float = 0.0
    word_space: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0

    def copy(self) -> _State:
        return _State(
            self.ctm, self.font, self.size, self.char_space, self.word_space, self.scale, self.leading, self.rise
        )


@dataclass
class _Structure:
    """Per page: MCID → (reachable from the root, inside a Lbl)."""

    parent_tree: dict[int, Any]
    reachable: set[tuple[int, int]]


def _structure(pdf: pikepdf.Pdf) -> _Structure | None:
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return None
    return _Structure(parent_tree(root), reachable_elements(root))


def _in_label(element: Any) -> bool:
    for node in ancestors(element):
        kind = node.get("/S")
        if kind == Name.Lbl:
            return True
        if kind in (Name.LI, Name.L, Name.Document):
            return False
    return False


_LABEL = re.compile(r"\s*(?:\d{1,3}[.)]|[a-z][.)]|[•◦▪‣·–—-])\s*")
"""What a list label looks like: ``1.``, ``a)``, a bullet."""


def _list_item(element: Any) -> tuple[int, int] | None:
    for node in ancestors(element):
        kind = node.get("/S")
        if kind == Name.LI:
            return node.objgen
        if kind == Name.L:
            return None
    return None


def _table(element: Any) -> tuple[tuple[int, int] | None, bool]:
    """The ``Table`` element ``element`` is in, and whether it is in its header row."""
    in_head = False
    for node in ancestors(element):
        kind = node.get("/S")
        if kind == Name.THead:
            in_head = True
        elif kind == Name.Table:
            return node.objgen, in_head
    return None, False


def _tags(element: Any) -> tuple[str, ...]:
    """Structure types from ``element`` up to (not including) the ``Document`` element."""
    tags = []
    for node in ancestors(element):
        kind = node.get("/S")
        if kind is None or kind == Name.Document:
            break
        tags.append(str(kind).lstrip("/"))
    return tuple(tags)


def _mark_repeated_heads(chunks: list[Chunk]) -> None:
    """A table split over pages becomes one ``Table`` element per page, each with the header row
    again; mark those repeated rows (same header text, the table going on at the top of the next
    page) as ``repeat``."""
    body = [c for c in chunks if c.role == "body"]
    heads: dict[tuple[int, int], str] = {}
    for chunk in body:
        if chunk.table is not None and chunk.head:
            heads[chunk.table] = heads.get(chunk.table, "") + chunk.text
    previous: Chunk | None = None
    repeated: set[tuple[int, int]] = set()
    for chunk in body:
        if (
            previous is not None
            and chunk.table is not None
            and chunk.table != previous.table
            and previous.table is not None
            and chunk.page > previous.page
            and chunk.table in heads
            and heads.get(chunk.table) == heads.get(previous.table)
        ):
            repeated.add(chunk.table)
        previous = chunk
    for chunk in body:
        if chunk.table in repeated and chunk.head:
            chunk.role = "repeat"


class _Interpreter:
    def __init__(self, content: PdfContent, structure: _Structure | None) -> None:
        self.content = content
        self.structure = structure
        self.fonts: dict[tuple[int, int], Font] = {}
        self.items_seen: set[tuple[int, int]] = set()
        self.actual: list[list[str] | None] = []
        """Per open marked-content sequence: its ``/ActualText`` (emptied once read), or None."""

    def page(self, number: int, page: pikepdf.Page) -> None:
        slots: Any = None
        if self.structure is not None:
            key = page.obj.get("/StructParents")
            if key is not None:
                slots = self.structure.parent_tree.get(int(key))
        self.slots = slots
        self.page_number = number
        self.seen_orphans: set[int] = set()
        self.run(page.obj, page.obj.get("/Resources", Dictionary()), _State(), [], 0)

    def _font(self, resources: Any, name: Any) -> Font | None:
        fonts = resources.get("/Font")
        if fonts is None or name not in fonts:
            return None
        obj = fonts[name]
        key = obj.objgen if obj.is_indirect else (id(obj), 0)
        if key not in self.fonts:
            self.fonts[key] = Font.from_pdf(obj)
        return self.fonts[key]

    def _role(self, marks: list[tuple[str, int | None]]) -> tuple[str, int | None, Any]:
        if any(tag == "/Artifact" for tag, _ in marks):
            return "artifact", None, None
        mcid = next((m for _, m in reversed(marks) if m is not None), None)
        if mcid is None:
            return ("untagged" if not marks else "body"), None, None
        element = None
        if self.slots is not None and isinstance(self.slots, Array) and 0 <= mcid < len(self.slots):
            element = self.slots[mcid]
        if self.structure is not None:
            linked = isinstance(element, Dictionary) and element.objgen in self.structure.reachable
            if not linked and mcid not in self.seen_orphans:
                self.seen_orphans.add(mcid)
                self.content.orphaned.append((self.page_number, mcid))
        if element is not None and _in_label(element):
            return "label", mcid, element
        return "body", mcid, element

    def run(self, obj: Any, resources: Any, state: _State, marks: list[tuple[str, int | None]], depth: int) -> None:
        stack: list[_State] = []
        tm: Matrix = IDENTITY
        tlm: Matrix = IDENTITY
        try:
            instructions = pikepdf.parse_content_stream(obj)
        except pikepdf.PdfError:
            return
        for instruction in instructions:
            operands, operator = instruction.operands, instruction.operator
            op = str(operator)
            if op == "q":
                stack.append(state.copy())
            elif op == "Q":
                if stack:
                    state = stack.pop()
            elif op == "cm" and len(operands) == 6:
                state.ctm = _mul(tuple(float(v) for v in operands), state.ctm)  # type: ignore[arg-type]
            elif op == "BT":
                tm = tlm = IDENTITY
            elif op == "Tf" and len(operands) == 2:
                state.font = self._font(resources, operands[0])
                state.size = float(operands[1])
            elif op == "Tc":
                state.char_space = float(operands[0])
            elif op == "Tw":
                state.word_space = float(operands[0])
            elif op == "Tz":
                state.scale = float(operands[0]) / 100
            elif op == "TL":
                state.leading = float(operands[0])
            elif op == "Ts":
                state.rise = float(operands[0])
            elif op == "Tm" and len(operands) == 6:
                tm = tlm = tuple(float(v) for v in operands)  # type: ignore[assignment]
            elif op in ("Td", "TD") and len(operands) == 2:
                tx, ty = float(operands[0]), float(operands[1])
                if op == "TD":
                    state.leading = -ty
                tm = tlm = _mul((1, 0, 0, 1, tx, ty), tlm)
            elif op == "T*":
                tm = tlm = _mul((1, 0, 0, 1, 0, -state.leading), tlm)
            elif op in ("Tj", "TJ", "'", '"'):
                if op in ("'", '"'):
                    tm = tlm = _mul((1, 0, 0, 1, 0, -state.leading), tlm)
                    if op == '"' and len(operands) == 3:
                        state.word_space, state.char_space = float(operands[0]), float(operands[1])
                items = list(operands[0]) if op == "TJ" and operands else list(operands[-1:])
                tm = self.show(items, tm, state, marks)
            elif op == "BDC" and len(operands) == 2:
                marks.append((str(operands[0]), self._mcid(operands[1], resources)))
                actual = operands[1].get("/ActualText") if isinstance(operands[1], Dictionary) else None
                self.actual.append([str(actual)] if actual is not None else None)
            elif op == "BMC" and operands:
                marks.append((str(operands[0]), None))
                self.actual.append(None)
            elif op == "EMC":
                if marks:
                    marks.pop()
                if self.actual:
                    self.actual.pop()
            elif op == "Do" and operands and depth < MAX_DEPTH:
                self._xobject(resources, operands[0], state, marks, depth)

    def _mcid(self, props: Any, resources: Any) -> int | None:
        if isinstance(props, Name):
            props = resources.get("/Properties", Dictionary()).get(props)
        if isinstance(props, Dictionary) and "/MCID" in props:
            return int(props.MCID)
        return None

    def _xobject(
        self, resources: Any, name: Any, state: _State, marks: list[tuple[str, int | None]], depth: int
    ) -> None:
        xobjects = resources.get("/XObject")
        if xobjects is None or name not in xobjects:
            return
        xobject = xobjects[name]
        if xobject.get("/Subtype") != Name.Form:
            return
        inner = state.copy()
        matrix = xobject.get("/Matrix")
        if matrix is not None and len(matrix) == 6:
            inner.ctm = _mul(tuple(float(v) for v in matrix), inner.ctm)  # type: ignore[arg-type]
        self.run(xobject, xobject.get("/Resources", resources), inner, list(marks), depth + 1)

    def show(self, items: list[Any], tm: Matrix, state: _State, marks: list[tuple[str, int | None]]) -> Matrix:
        font = state.font
        if font is None:
            return tm
        text: list[str] = []
        start = _mul(tm, state.ctm)
        for item in items:
            if isinstance(item, pikepdf.String):
                for code in font.codes(bytes(item)):
                    text.append(font.text(code))
                    width = font.widths.get(code, font.default_width) / 1000 * state.size + state.char_space
                    if font.code_bytes == 1 and code == 32:
                        width += state.word_space
                    tm = _mul((1, 0, 0, 1, width * state.scale, 0), tm)
            else:
                try:
                    adjust = float(item)
                except (TypeError, ValueError):
                    continue
                tm = _mul((1, 0, 0, 1, -adjust / 1000 * state.size * state.scale, 0), tm)
        shown = "".join(text)
        replacement = next((actual for actual in reversed(self.actual) if actual is not None), None)
        if replacement is not None:  # the span's text once, whatever its glyphs
            shown = replacement.pop() if replacement else ""
        if not shown:
            return tm
        end = _mul(tm, state.ctm)
        x0, y0 = _point(start, 0, state.rise)
        x1, _ = _point(end, 0, state.rise)
        size = state.size * math.sqrt(abs(start[0] * start[3] - start[1] * start[2])) or state.size
        role, mcid, element = self._role(marks)
        if role == "body" and element is not None:
            # a label drawn as generated text (``li::before``) rather than tagged ``Lbl``: the
            # first text of a list item, when it looks like ``1.`` or a bullet
            item = _list_item(element)
            if item is not None and item not in self.items_seen:
                self.items_seen.add(item)
                if _LABEL.fullmatch(shown):
                    role = "label"
        if role == "untagged":
            self.content.untagged.append((self.page_number, shown))
        table, head = _table(element) if element is not None else (None, False)
        tags = _tags(element) if element is not None else ()
        self.content.chunks.append(
            Chunk(shown, min(x0, x1), max(x0, x1), y0, size, self.page_number, role, mcid, table, head, tags)
        )
        return tm


def read_pdf(source: Path | bytes) -> PdfContent:
    """The text of a PDF file (or its bytes), by role, in content-stream order."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        structure = _structure(pdf)
        content = PdfContent(tagged=structure is not None, pages=len(pdf.pages))
        interpreter = _Interpreter(content, structure)
        for number, page in enumerate(pdf.pages, start=1):
            interpreter.page(number, page)
    _mark_repeated_heads(content.chunks)
    return content
