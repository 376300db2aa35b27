"""Blocks of the document model → paragraphs, lists and tables in the DOCX body."""

from __future__ import annotations

from docx.oxml.ns import nsdecls
from docx.oxml.parser import OxmlElement, parse_xml
from docx.shared import Twips

from briefgen.content.contents import is_listed
from briefgen.content.model import (
    Address,
    Block,
    BlockVisitor,
    Callout,
    Contents,
    Field,
    Fields,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Quote,
    Signature,
    Sources,
    Table,
)
from briefgen.content.text import inline_text
from briefgen.content.typography import (
    CLOSE_QUOTE,
    OPEN_QUOTE,
    SOURCE_URL_SEPARATOR,
    is_link_allowed,
    needs_quote_marks,
    source_label,
)
from briefgen.writers.docx.claims import wrap_claims
from briefgen.writers.docx.context import Context
from briefgen.writers.docx.house_xml import PARAGRAPH_AFTER
from briefgen.writers.docx.inlines import add_inlines, add_link, add_text
from briefgen.writers.docx.ooxml import W, qn, set_num

ROLE_STYLES = {
    "": "Normal",
    "lead": "Lead",
    "salutation": "Salutation",
    "closing": "Closing",
    "small": "Small",
    "notice": "Notice",
}
"""Paragraph role → paragraph style."""

SIGNATURE_SPACE = 794
"""Space above the signatories for a handwritten signature, in twips (14 mm)."""
FIELDS_AFTER = 397
"""Space after the header-fields block, in twips (7 mm)."""
SPACE_AFTER_TABLE = 283
"""Space between a table and the next paragraph, in twips (5 mm)."""


def section_bookmark(number: int) -> str:
    """The bookmark of the ``number``-th heading of the contents list's levels (its link target)."""
    return f"sectie_{number}"


def bookmark_name(number: int) -> str:
    """The bookmark of source entry ``number`` (note references link to it)."""
    return f"bron_{number}"


class _Blocks(BlockVisitor[None]):
    """Appends model blocks to the body of one document."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def on_heading(self, block: Heading) -> None:
        if not 1 <= block.level <= 3:
            raise ValueError(f"heading level {block.level} is not supported (only 1–3)")
        p = self.ctx.paragraph(f"Heading {block.level}")
        add_inlines(self.ctx, p, block.children)
        if is_listed(block.level):
            self.ctx.sections += 1
            self.ctx.bookmark(p, section_bookmark(self.ctx.sections))

    def on_paragraph(self, block: Paragraph) -> None:
        p = self.ctx.paragraph(ROLE_STYLES.get(block.role, "Normal"))
        add_inlines(self.ctx, p, block.children)
        wrap_claims(self.ctx, p, block.claims)

    def on_list_block(self, block: ListBlock) -> None:
        _list(self.ctx, block, "")

    def on_table(self, block: Table) -> None:
        _table(self.ctx, block)

    def on_quote(self, block: Quote) -> None:
        _quote(self.ctx, block)

    def on_callout(self, block: Callout) -> None:
        _callout(self.ctx, block)

    def on_fields(self, block: Fields) -> None:
        for item in block.fields:
            p = _field(self.ctx, item)
        if block.fields:
            _space_after(p, FIELDS_AFTER)

    def on_address(self, block: Address) -> None:
        add_text(self.ctx, self.ctx.paragraph("Address"), "\n".join(block.lines))

    def on_signature(self, block: Signature) -> None:
        _signature(self.ctx, block)

    def on_sources(self, block: Sources) -> None:
        _sources(self.ctx, block)

    def on_contents(self, block: Contents) -> None:
        _contents(self.ctx, block)

    def on_page_break(self, block: PageBreak) -> None:
        self.ctx.page_break_pending = True


def add_block(ctx: Context, block: Block) -> None:
    """Append one model block to the body."""
    _Blocks(ctx).visit_block(block)


def _list(ctx: Context, block: ListBlock, style: str) -> None:
    """A real list; numbered lists get their own ``w:num`` so numbering restarts."""
    style = style or ("List Number" if block.ordered else "List Bullet")
    num_id = ctx.new_list(block.start) if block.ordered else ctx.bullet_num
    p = None
    for index, item in enumerate(block.items):
        p = ctx.paragraph(style)
        set_num(p, num_id)
        if style == "Callout":  # bullet where the callout's text starts, so its bar stays straight
            left, right = ctx.callout_indent
            _set_indent(p, left + ctx.list_hanging, right, ctx.list_hanging)
        add_inlines(ctx, p, item)
        wrap_claims(ctx, p, block.claims[index] if index < len(block.claims) else ())
    if p is not None and style != "Callout":
        _space_after(p, PARAGRAPH_AFTER)


def _set_indent(p: W, left: int, right: int, hanging: int) -> None:
    ind = p.get_or_add_pPr().get_or_add_ind()  # type: ignore[attr-defined]
    ind.left, ind.right, ind.hanging = Twips(left), Twips(right), Twips(hanging)


def _space_after(p: W, twips: int) -> None:
    """Direct space after ``p``: ends a block whose items have less space between them."""
    p.get_or_add_pPr().get_or_add_spacing().after = Twips(twips)  # type: ignore[attr-defined]


def _quote(ctx: Context, block: Quote) -> None:
    """The quotation in “…” (unless it starts with a quote mark, as the PDF does), then ``— who``."""
    p = ctx.paragraph("Quote")
    plain = inline_text(block.children)
    marks = needs_quote_marks(plain)
    add_text(ctx, p, OPEN_QUOTE if marks else "", italic=True)
    add_inlines(ctx, p, block.children)
    add_text(ctx, p, CLOSE_QUOTE if marks else "", italic=True)
    if block.attribution:
        p.get_or_add_pPr().keepNext_val = True  # type: ignore[attr-defined]
        add_text(ctx, ctx.paragraph("Quote Attribution"), f"— {block.attribution}")


def _callout(ctx: Context, block: Callout) -> None:
    """The kernboodschap box: a title and paragraphs or lists, all in the Callout style."""
    if block.title:
        add_text(ctx, ctx.paragraph("Callout Title"), block.title)
    for inner in block.blocks:
        if isinstance(inner, ListBlock):
            _list(ctx, inner, "Callout")
        else:
            p = ctx.paragraph("Callout")
            add_inlines(ctx, p, inner.children)
            wrap_claims(ctx, p, inner.claims)


def _field(ctx: Context, item: Field) -> W:
    """``label<tab>value`` with a hanging indent, so long values wrap under the value."""
    p = ctx.paragraph("Field Value")
    add_text(ctx, p, item.label, style="Field Label")
    p.append(OxmlElement("w:r"))
    p[-1].append(OxmlElement("w:tab"))
    add_inlines(ctx, p, item.children)
    return p


def _signature(ctx: Context, block: Signature) -> None:
    """Greeting, optional body line, then the signatories (side by side when there are several)."""
    greeting = ctx.paragraph("Closing")
    ppr = greeting.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.keepNext_val = True
    add_text(ctx, greeting, block.greeting)
    if block.body:
        ppr.get_or_add_spacing().after = Twips(0)
        add_text(ctx, ctx.paragraph("Signature"), block.body)
    if len(block.signatories) > 1:
        _signatory_table(ctx, block.signatories)
        return
    for name, role in block.signatories:
        p = ctx.paragraph("Signature")
        _signatory(p)
        _signatory_text(ctx, p, name, role)


def _signatory(p: W) -> None:
    ppr = p.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.get_or_add_spacing().before = Twips(SIGNATURE_SPACE)
    ppr.keepNext_val = False


def _signatory_text(ctx: Context, p: W, name: str, role: str) -> None:
    add_text(ctx, p, name, bold=True)
    if role:
        add_text(ctx, p, "\n" + role)


def _signatory_table(ctx: Context, signatories: tuple[tuple[str, str], ...]) -> None:
    """One borderless row, one cell per signatory: read in order, shown side by side."""
    width = ctx.text_width // len(signatories)
    grid = f'<w:gridCol w:w="{width}"/>' * len(signatories)
    cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p/></w:tc>' for _ in signatories)
    tbl = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="5000" w:type="pct"/>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
        f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr></w:tbl>"
    )
    ctx.add_table(tbl)
    for tc, (name, role) in zip(tbl.iter(qn("w:tc")), signatories, strict=True):
        p = tc.find(qn("w:p"))
        p.get_or_add_pPr().style = ctx.style_ids["Signature"]
        _signatory(p)
        _signatory_text(ctx, p, name, role)


def _sources(ctx: Context, block: Sources) -> None:
    """A numbered source list: ``title, publisher. URL`` (URL linked); each entry bookmarked.

    The title is a level-1 heading: the PDF's ``h2``, a section of its own.
    """
    if block.title:
        add_text(ctx, ctx.paragraph("Heading 1"), block.title)
    if not block.entries:
        return
    numbers = [entry.number for entry in block.entries]
    consecutive = numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    num_id = ctx.new_list(numbers[0]) if consecutive else 0
    for entry in block.entries:
        p = ctx.paragraph("Source List")
        if not consecutive:  # a gap in the numbers: each entry restarts at its own number
            num_id = ctx.new_list(entry.number)
        set_num(p, num_id)
        add_text(ctx, p, source_label(entry))
        if entry.url and is_link_allowed(entry.url):
            add_text(ctx, p, SOURCE_URL_SEPARATOR)
            add_link(ctx, p, entry.url, entry.url)
        ctx.bookmark(p, bookmark_name(entry.number))


CHAR_TWIPS = 112
"""Width of an average character of the table text (9.5 pt Noto Sans), in twips."""
CELL_PADDING = 142 + 56
"""Right cell margin of the Data Table style, plus some slack, in twips."""


TOC_FIELD = 'TOC \\o "1-2" \\h \\z \\u'
"""Word's table of contents of the level-1 and level-2 headings, linked (``\\h``)."""


def _contents(ctx: Context, block: Contents) -> None:
    """The contents list as a TOC field whose shown result is the linked section titles: Word and
    LibreOffice show it as it is; updating the field in Word adds the page numbers."""
    add_text(ctx, ctx.paragraph("TOC Heading"), block.title)
    paragraphs = []
    for number, entry in enumerate(block.entries, start=1):
        p = ctx.paragraph(f"toc {entry.level}")
        link = OxmlElement("w:hyperlink", {qn("w:anchor"): section_bookmark(number), qn("w:history"): "1"})
        p.append(link)
        add_text(ctx, link, entry.text)
        paragraphs.append(p)
    if not paragraphs:
        return
    first, last = paragraphs[0], paragraphs[-1]
    start = [_field_char("begin"), _instruction(TOC_FIELD), _field_char("separate")]
    anchor = first.find(qn("w:pPr"))
    for run in reversed(start):
        if anchor is None:
            first.insert(0, run)
        else:
            anchor.addnext(run)
    last.append(_field_char("end"))


def _field_char(kind: str) -> W:
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))
    return run


def _instruction(text: str) -> W:
    run = OxmlElement("w:r")
    child = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    child.text = f" {text} "
    run.append(child)
    return run


def _column_widths(block: Table, columns: int, total: int, numeric: list[bool]) -> list[int]:
    """Column widths in twips from the content: a numeric column as wide as its longest value (an
    amount never wraps), a text column at least as wide as its longest word; the rest of the width
    goes to the text columns in proportion to their longest text. When the longest words do not fit,
    the numeric columns still get their width and the text columns share what is left."""
    longest, longest_word = [], []
    for col in range(columns):
        texts = [
            inline_text(row[col], note_numbers=True) for row in (block.header, *block.rows[:200]) if col < len(row)
        ]
        longest.append(max((len(text) for text in texts), default=0))
        longest_word.append(max((len(word) for text in texts for word in text.split()), default=0))
    minimum = [
        (longest[col] if numeric[col] else longest_word[col]) * CHAR_TWIPS + CELL_PADDING for col in range(columns)
    ]
    spare = total - sum(minimum)
    weights = [0 if numeric[col] else min(max(longest[col], 6), 40) for col in range(columns)]
    fixed = sum(minimum[col] for col in range(columns) if numeric[col])
    if spare < 0 and any(weights) and fixed < total // 2:
        # longest words wider than the page: amounts keep their width, text columns share the rest
        text = sum(minimum[col] for col in range(columns) if not numeric[col])
        widths = [minimum[col] if numeric[col] else (total - fixed) * minimum[col] // text for col in range(columns)]
    elif spare < 0 or not any(weights):  # content wider than the page: in proportion
        weights = [min(max(n, 6), 40) for n in longest]
        widths = [total * w // sum(weights) for w in weights]
    else:
        widths = [minimum[col] + spare * weights[col] // sum(weights) for col in range(columns)]
    widths[-1] += total - sum(widths)
    return widths


def _table(ctx: Context, block: Table) -> None:
    """A data table: repeated header row (``w:tblHeader``), right-aligned numeric columns."""
    columns = max(len(row) for row in (block.header, *block.rows))
    if not columns:
        return
    if block.caption:
        add_text(ctx, ctx.paragraph("Caption"), block.caption)
    numeric = [i < len(block.numeric) and block.numeric[i] for i in range(columns)]
    widths = _column_widths(block, columns, ctx.text_width, numeric)
    tbl = parse_xml(_table_xml(ctx, widths, numeric, len(block.rows) + 1))
    if block.caption:
        caption = OxmlElement("w:tblCaption", {qn("w:val"): block.caption})
        tbl.find(qn("w:tblPr")).append(caption)
    ctx.add_table(tbl)
    ctx.space_before_next = SPACE_AFTER_TABLE
    rows = tbl.findall(qn("w:tr"))
    for tr, cells in zip(rows, (block.header, *block.rows), strict=True):
        for tc, content in zip(tr.findall(qn("w:tc")), cells, strict=False):
            add_inlines(ctx, tc.find(qn("w:p")), content)


def _table_xml(ctx: Context, widths: list[int], numeric: list[bool], row_count: int) -> str:
    text_style = ctx.style_ids["Table Text"]
    right = '<w:jc w:val="right"/>'
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    rows = []
    for index in range(row_count):
        trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if index == 0 else "<w:trPr><w:cantSplit/></w:trPr>"
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:pPr>'
            f'<w:pStyle w:val="{text_style}"/>{right if num else ""}</w:pPr></w:p></w:tc>'
            for w, num in zip(widths, numeric, strict=True)
        )
        rows.append(f"<w:tr>{trpr}{cells}</w:tr>")
    return (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblStyle w:val="{ctx.style_ids["Data Table"]}"/><w:tblW w:w="5000" w:type="pct"/>'
        '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
