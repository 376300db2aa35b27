"""Parse the restricted semantic HTML that audience templates emit into the document model.

Only this vocabulary is accepted; anything else is an error naming the template line, so a
template can never smuggle in styling, scripts or fetches:

- blocks: ``h1``–``h3``, ``p`` (``class``: lead, salutation, closing, small, notice), ``ul``,
  ``ol`` (``start``), ``li``, ``table``/``caption``/``thead``/``tbody``/``tr``/``th``/``td``
  (``class="num"`` right-aligns a column), ``blockquote`` (``<p>`` + optional ``<footer>``),
  ``aside data-title`` (callout), ``dl class="fields"`` with ``dt``/``dd``, ``address``
  (lines split by ``br``), ``section class="signature"`` (``p.greeting``, ``p.body``,
  ``p.signatory`` with ``span.name`` + ``span.role``), ``ol class="sources" data-title`` with
  ``li data-url data-publisher``, ``hr class="page-break"``;
- inline: ``strong``/``b``, ``em``/``i``, ``a href`` (https or mailto), ``br``,
  ``sup class="note"`` (a number pointing into the source list), ``span`` (``data-claim`` and
  ``data-written`` mark the text of a claim of the positions: see :class:`~briefgen.content.model.ClaimMark`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from briefgen.characters import FORBIDDEN_CHARS
from briefgen.content import model as m
from briefgen.content.text import inline_text
from briefgen.content.typography import is_link_allowed

_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "wbr", "source"}
_SPACE = re.compile(r"[ \t\n\r\f]+")
_INLINE = {"strong", "b", "em", "i", "a", "br", "sup", "span"}
_PARAGRAPH_ROLES = {"", "lead", "salutation", "closing", "small", "notice"}


class TemplateOutputError(ValueError):
    """The HTML a template produced uses something outside the restricted vocabulary."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line} of the rendered template: {message}")
        self.line = line


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Element | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("root", {}, 1)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {k: v or "" for k, v in attrs}, self.getpos()[0])
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Element(tag, {k: v or "" for k, v in attrs}, self.getpos()[0]))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if len(self.stack) == 1 or self.stack[-1].tag != tag:
            open_tag = self.stack[-1].tag
            raise TemplateOutputError(f"</{tag}> closes <{open_tag}>", self.getpos()[0])
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        pass

    def handle_decl(self, decl: str) -> None:
        raise TemplateOutputError("declarations are not allowed", self.getpos()[0])

    def handle_pi(self, data: str) -> None:
        raise TemplateOutputError("processing instructions are not allowed", self.getpos()[0])


def _collapse(text: str) -> str:
    """Fold runs of ASCII white space (never the no-break spaces inside amounts)."""
    return _SPACE.sub(" ", text).strip(" ")


def _strip_edges(inlines: list[m.Inline]) -> tuple[m.Inline, ...]:
    """Trim white space at the start and end of a run of inline content."""
    items = list(inlines)
    while items and isinstance(items[0], m.Text) and not items[0].text.strip(" "):
        items.pop(0)
    while items and isinstance(items[-1], m.Text) and not items[-1].text.strip(" "):
        items.pop()
    if items and isinstance(items[0], m.Text):
        items[0] = m.Text(items[0].text.lstrip(" "))
    if items and isinstance(items[-1], m.Text):
        items[-1] = m.Text(items[-1].text.rstrip(" "))
    return tuple(items)


def _merge(items: list[m.Inline]) -> list[m.Inline]:
    merged: list[m.Inline] = []
    for item in items:
        if isinstance(item, m.Text) and merged and isinstance(merged[-1], m.Text):
            merged[-1] = m.Text(merged[-1].text + item.text)
        else:
            merged.append(item)
    return merged


def _inlines(element: _Element) -> tuple[m.Inline, ...]:
    return _strip_edges(_merge(_inline_children(element)))


def _inline_children(element: _Element) -> list[m.Inline]:
    items: list[m.Inline] = []
    for child in element.children:
        if isinstance(child, str):
            text = _SPACE.sub(" ", child)
            if text:
                items.append(m.Text(text))
            continue
        items.extend(_inline(child))
    # collapse runs of spaces across element boundaries
    cleaned: list[m.Inline] = []
    for item in items:
        if (
            isinstance(item, m.Text)
            and cleaned
            and isinstance(cleaned[-1], m.Text)
            and cleaned[-1].text.endswith(" ")
            and item.text.startswith(" ")
        ):
            item = m.Text(item.text[1:])
            if not item.text:
                continue
        cleaned.append(item)
    return cleaned


def _inline(element: _Element) -> list[m.Inline]:
    tag = element.tag
    if tag in ("strong", "b"):
        return [m.Styled("bold", _inlines(element))]
    if tag in ("em", "i"):
        return [m.Styled("italic", _inlines(element))]
    if tag == "br":
        return [m.LineBreak()]
    if tag in ("ins", "del"):
        return [m.Revision(tag, tuple(_inline_children(element)))]  # type: ignore[arg-type]  # spaces kept
    if tag == "a":
        href = element.attrs.get("href", "")
        if not is_link_allowed(href):
            raise TemplateOutputError(f"link target must be https: or mailto:, got {href!r}", element.line)
        return [m.Link(href, _inlines(element))]
    if tag == "sup" and element.attrs.get("class") == "note":
        text = _collapse(_text(element))
        if not text.isdigit():
            raise TemplateOutputError(f"<sup class=note> must hold a number, got {text!r}", element.line)
        return [m.NoteRef(int(text))]
    if tag == "span":
        return list(_inline_children(element))
    raise TemplateOutputError(f"<{tag}> is not allowed inside text", element.line)


def _claims(element: _Element) -> tuple[m.ClaimMark, ...]:
    """The claims marked inside ``element`` (``<span data-claim=REF data-written=TEXT>``), in order."""
    marks: list[m.ClaimMark] = []
    for child in element.children:
        if isinstance(child, str):
            continue
        if child.tag == "span" and "data-claim" in child.attrs:
            shown = inline_text(_inlines(child))
            marks.append(m.ClaimMark(child.attrs["data-claim"], shown, child.attrs.get("data-written", shown)))
        else:
            marks.extend(_claims(child))
    return tuple(marks)


def _text(element: _Element) -> str:
    return "".join(c if isinstance(c, str) else _text(c) for c in element.children)


def _elements(element: _Element) -> list[_Element]:
    """Child elements; stray text between blocks is an error."""
    result: list[_Element] = []
    for child in element.children:
        if isinstance(child, str):
            if child.strip():
                raise TemplateOutputError(f"text {child.strip()[:40]!r} outside a block element", element.line)
            continue
        result.append(child)
    return result


def _only(element: _Element, tag: str) -> list[_Element]:
    children = _elements(element)
    for child in children:
        if child.tag != tag:
            raise TemplateOutputError(f"<{element.tag}> may only hold <{tag}>, found <{child.tag}>", child.line)
    return children


def _block(element: _Element) -> m.Block | None:
    tag, attrs = element.tag, element.attrs
    if tag in ("h1", "h2", "h3"):
        return m.Heading(int(tag[1]), _inlines(element))
    if tag == "p":
        role = attrs.get("class", "")
        if role not in _PARAGRAPH_ROLES:
            raise TemplateOutputError(f"unknown paragraph class {role!r}", element.line)
        inlines = _inlines(element)
        return m.Paragraph(inlines, role, _claims(element)) if inlines else None  # type: ignore[arg-type]
    if tag in ("ul", "ol") and attrs.get("class") != "sources":
        lis = _only(element, "li")
        items = tuple(_inlines(li) for li in lis)
        if not items:
            return None
        start = int(attrs.get("start", "1") or 1)
        claims = tuple(_claims(li) for li in lis)
        return m.ListBlock(tag == "ol", items, start, claims if any(claims) else ())
    if tag == "ol":
        return _sources(element)
    if tag == "table":
        return _table(element)
    if tag == "blockquote":
        return _quote(element)
    if tag == "aside":
        blocks = tuple(b for b in (_block(child) for child in _elements(element)) if b is not None)
        for block in blocks:
            if not isinstance(block, (m.Paragraph, m.ListBlock)):
                raise TemplateOutputError("a callout may only hold paragraphs and lists", element.line)
        return m.Callout(attrs.get("data-title", ""), blocks) if blocks else None  # type: ignore[arg-type]
    if tag == "dl":
        return _fields(element)
    if tag == "address":
        lines = [_collapse(line) for line in _lines(element)]
        return m.Address(tuple(line for line in lines if line))
    if tag == "section" and attrs.get("class") == "signature":
        return _signature(element)
    if tag == "hr" and attrs.get("class") == "page-break":
        return m.PageBreak()
    raise TemplateOutputError(f"<{tag}> is not allowed here", element.line)


def _lines(element: _Element) -> list[str]:
    lines = [""]
    for child in element.children:
        if isinstance(child, str):
            lines[-1] += child
        elif child.tag == "br":
            lines.append("")
        else:
            lines[-1] += _text(child)
    return lines


def _table(element: _Element) -> m.Table:
    caption = ""
    header: tuple[tuple[m.Inline, ...], ...] = ()
    rows: list[tuple[tuple[m.Inline, ...], ...]] = []
    numeric: tuple[bool, ...] = ()
    for part in _elements(element):
        if part.tag == "caption":
            caption = _collapse(_text(part))
        elif part.tag == "thead":
            (row,) = _only(part, "tr")
            cells = _only(row, "th")
            header = tuple(_inlines(cell) for cell in cells)
            numeric = tuple("num" in cell.attrs.get("class", "").split() for cell in cells)
        elif part.tag == "tbody":
            for row in _only(part, "tr"):
                cells = _only(row, "td")
                if header and len(cells) != len(header):
                    raise TemplateOutputError(f"row has {len(cells)} cells, header has {len(header)}", row.line)
                rows.append(tuple(_inlines(cell) for cell in cells))
        else:
            raise TemplateOutputError(f"<table> may not hold <{part.tag}>", part.line)
    if not header:
        raise TemplateOutputError("a table needs a <thead> with a header row", element.line)
    return m.Table(header, tuple(rows), caption, numeric)


def _quote(element: _Element) -> m.Quote:
    inlines: tuple[m.Inline, ...] = ()
    attribution = ""
    for child in _elements(element):
        if child.tag == "p":
            inlines = _inlines(child)
        elif child.tag == "footer":
            attribution = _collapse(_text(child))
        else:
            raise TemplateOutputError(f"<blockquote> may not hold <{child.tag}>", child.line)
    return m.Quote(inlines, attribution)


def _fields(element: _Element) -> m.Fields:
    fields: list[m.Field] = []
    label = None
    for child in _elements(element):
        if child.tag == "dt":
            label = _collapse(_text(child))
        elif child.tag == "dd" and label is not None:
            fields.append(m.Field(label, _inlines(child)))
            label = None
        else:
            raise TemplateOutputError("<dl> must alternate <dt> and <dd>", child.line)
    return m.Fields(tuple(fields))


def _signature(element: _Element) -> m.Signature:
    greeting, body = "", ""
    signatories: list[tuple[str, str]] = []
    for child in _only(element, "p"):
        role = child.attrs.get("class", "")
        if role == "greeting":
            greeting = _collapse(_text(child))
        elif role == "body":
            body = _collapse(_text(child))
        elif role == "signatory":
            parts = {c.attrs.get("class"): _collapse(_text(c)) for c in _elements(child)}
            signatories.append((parts.get("name", ""), parts.get("role", "")))
        else:
            raise TemplateOutputError(f"unknown signature paragraph class {role!r}", child.line)
    return m.Signature(greeting, tuple(signatories), body)


def _sources(element: _Element) -> m.Sources | None:
    entries = tuple(
        m.SourceEntry(
            number=index,
            title=_collapse(_text(li)),
            url=li.attrs.get("data-url", ""),
            publisher=li.attrs.get("data-publisher", ""),
        )
        for index, li in enumerate(_only(element, "li"), start=int(element.attrs.get("start", "1") or 1))
    )
    for entry, li in zip(entries, _only(element, "li"), strict=True):
        if entry.url and not entry.url.startswith("https://"):
            raise TemplateOutputError(f"source address must be https:, got {entry.url!r}", li.line)
    return m.Sources(element.attrs.get("data-title", "Bronnen"), entries) if entries else None


def parse_blocks(html: str) -> tuple[m.Block, ...]:
    """Parse template output into model blocks; raise :class:`TemplateOutputError` on anything else."""
    bad = FORBIDDEN_CHARS.search(html)
    if bad:
        line = html.count("\n", 0, bad.start()) + 1
        raise TemplateOutputError(f"invalid character U+{ord(bad.group()):04X} (control character)", line)
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    if len(builder.stack) > 1:
        open_tag = builder.stack[-1]
        raise TemplateOutputError(f"<{open_tag.tag}> is never closed", open_tag.line)
    blocks: list[m.Block] = []
    for element in _elements(builder.root):
        block = _block(element)
        if block is not None:
            blocks.append(block)
    return tuple(blocks)
