"""Build the house-style reference document (``templates/house/reference.docx``) reproducibly.

Run through ``tools/make_reference_docx.py``. Starts from python-docx's default package, drops
what it does not need (thumbnail, customXml, Word 2010 style effects, 160 unused styles) and
writes the house styles, list definitions, settings, page set-up, header and footer.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.section import _Header
from docx.shared import Mm, Pt, Twips

from briefgen.writers import style
from briefgen.writers.docx import house_xml
from briefgen.writers.docx.fonts import embed_fonts, font_files
from briefgen.writers.docx.house_xml import House
from briefgen.writers.docx.ooxml import W, add_field, new_run, set_alt_text
from briefgen.writers.docx.package import normalise_zip
from briefgen.writers.docx.reference import DATE_MARK, KIND_MARK, NUMBER_MARK, ORG_MARK, SENDER_MARK

BUILD_DATE = dt.date(2026, 1, 1)
"""Fixed date for the reference file's properties and zip entries (reproducible output)."""
LOGO_HEIGHT = Mm(13)
RUNNING_LOGO_HEIGHT = Mm(6)
LOGO_CELL = Mm(17)
HEADER_DISTANCE = Mm(14)
FOOTER_DISTANCE = Mm(14)
LETTERHEAD_GAP = 255
"""Twips (4.5 mm) between the letterhead's rule and the text: with the header's own line, the
PDF's 7 mm as Word and LibreOffice lay it out."""
RUNNING_TITLE = f"{KIND_MARK} · {DATE_MARK}"
"""Right part of the running header on later pages (as the PDF: kind · date)."""
DROPPED_RELS = (
    RT.CUSTOM_XML,
    RT.WEB_SETTINGS,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)


def build_reference(logo: Path, house: House | None = None, fonts: Path | None = None) -> bytes:
    """The reference .docx bytes, with ``logo`` (PNG or JPEG) in the header and the house fonts
    from ``fonts`` (default: the ``fonts`` folder beside the logo) embedded; colours, fonts, sizes
    and page from ``house`` (default: the ``style.yaml`` beside the logo)."""
    house = house or House.from_style(style.load(logo.parent))
    document = docx.Document()
    _strip_package(document)
    _replace_parts(document, house, font_files(fonts or logo.parent / "fonts", house.font_file))
    _page_setup(document, house)
    _furniture(document, logo, house)
    _properties(document)
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(out.getvalue(), BUILD_DATE)


def _strip_package(document: DocxDocument) -> None:
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype in DROPPED_RELS:
            del part.rels[rid]
    package_rels = part.package.rels  # type: ignore[union-attr]
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]


def _replace_parts(document: DocxDocument, house: House, faces: list[tuple[str, Path]]) -> None:
    part = document.part
    part._styles_part._element = parse_xml(house_xml.styles_xml(house).encode())
    part.numbering_part._element = parse_xml(house_xml.numbering_xml(house).encode())
    part._settings_part._element = parse_xml(house_xml.settings_xml().encode())
    for rel in part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            embedded = embed_fonts(rel.target_part, faces)
            rel.target_part._blob = house_xml.font_table_xml(house, embedded).encode()
        elif rel.reltype == RT.THEME:
            theme = rel.target_part.blob.decode()
            for face in ("Calibri", "Cambria"):
                theme = theme.replace(f'<a:latin typeface="{face}"/>', f'<a:latin typeface="{house.font}"/>')
            rel.target_part._blob = theme.encode()
    for rel in part.package.rels.values():  # type: ignore[union-attr]
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = house_xml.app_xml().encode()


def _page_setup(document: DocxDocument, house: House) -> None:
    """A4 portrait with the PDF's margins; the first page has its own (taller) letterhead."""
    section = document.sections[0]
    section.page_width, section.page_height = Twips(house.page_width), Twips(house.page_height)
    section.top_margin, section.bottom_margin = Twips(house.margin_top), Twips(house.margin_bottom)
    section.left_margin, section.right_margin = Twips(house.margin_left), Twips(house.margin_right)
    section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE
    section.different_first_page_header_footer = True
    for name in list(section._sectPr.attrib):  # revision ids of python-docx's template
        section._sectPr.attrib.pop(name)


def _furniture(document: DocxDocument, logo: Path, house: House) -> None:
    """First page: letterhead (logo, organisation, sender lines, rule). Later pages: a running
    header (small logo, organisation, title). Footers: number left, ``pagina X van Y`` right."""
    section = document.sections[0]
    _letterhead(section.first_page_header, logo, house)
    running = section.header.paragraphs[0]
    running.add_run().add_picture(str(logo), height=RUNNING_LOGO_HEIGHT)
    running._p.append(new_run("  "))
    running._p.append(_run(ORG_MARK, house.accent, 16, bold=True))
    running._p.append(new_run("\t" + RUNNING_TITLE))
    running._p.get_or_add_pPr().append(  # a thin rule under the running header, as in the PDF
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="7" w:color="{house.rule}"/></w:pBdr>'
        )
    )
    drawing_id = 0
    for header in (section.first_page_header, section.header):
        set_alt_text(header._element, "Logo")
        for doc_pr in header._element.iter(qn("wp:docPr")):  # unique across parts, or Word repairs
            drawing_id += 1
            doc_pr.set("id", str(drawing_id))
            doc_pr.set("name", f"Logo {drawing_id}")
        for inline in header._element.iter(qn("wp:inline")):  # LibreOffice pads images without these
            for side in ("distT", "distB", "distL", "distR"):
                inline.set(side, "0")
    for footer in (section.first_page_footer, section.footer):
        p = footer.paragraphs[0]._p
        p.append(new_run(NUMBER_MARK))
        p.append(new_run("\tpagina "))
        add_field(p, "PAGE", "1")
        p.append(new_run(" van "))
        add_field(p, "NUMPAGES", "1")


def _letterhead(header: _Header, logo: Path, house: House) -> None:
    """Logo and organisation side by side in a borderless table, a rule under it."""
    table = header.add_table(1, 2, Twips(house.text_width))
    tbl = table._tbl
    header._element.insert(0, tbl)  # before the part's empty paragraph
    look = tbl.tblPr.find(qn("w:tblLook"))  # tblPr children have a fixed order: insert before it
    look.addprevious(
        parse_xml(
            f"<w:tblBorders {nsdecls('w')}>"
            f'<w:bottom w:val="single" w:sz="6" w:space="0" w:color="{house.accent}"/></w:tblBorders>'
        )
    )
    look.addprevious(
        parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/>'
            '<w:bottom w:w="227" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
        )
    )
    logo_cell, org_cell = table.rows[0].cells
    widths = (LOGO_CELL, Twips(house.text_width - LOGO_CELL.twips))
    for grid_col, cell, width in zip(tbl.tblGrid.gridCol_lst, (logo_cell, org_cell), widths, strict=True):
        grid_col.w = cell.width = width
    for cell in (logo_cell, org_cell):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        cell.paragraphs[0].style = "Header"
    logo_cell.paragraphs[0].add_run().add_picture(str(logo), height=LOGO_HEIGHT)
    org_cell.paragraphs[0]._p.append(_run(ORG_MARK, house.accent, 24, bold=True))
    sender = org_cell.add_paragraph(style="Header")
    sender.paragraph_format.space_before = Pt(3)
    sender._p.append(_run(SENDER_MARK, house.muted, 17))
    gap = header.paragraphs[-1]._p.get_or_add_pPr()  # the paragraph after the table: only a gap
    gap.append(
        parse_xml(f'<w:spacing {nsdecls("w")} w:before="0" w:after="{LETTERHEAD_GAP}" w:line="20" w:lineRule="exact"/>')
    )
    gap.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'))


def _run(text: str, color: str, half_points: int, *, bold: bool = False) -> W:
    run = new_run(text, bold=bold)
    rpr = run.get_or_add_rPr()  # type: ignore[attr-defined]
    rpr.append(parse_xml(f'<w:color {nsdecls("w")} w:val="{color}"/>'))
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="{half_points}"/>'))
    return run


def _properties(document: DocxDocument) -> None:
    props = document.core_properties
    moment = dt.datetime(BUILD_DATE.year, BUILD_DATE.month, BUILD_DATE.day, tzinfo=dt.UTC)
    props.title = "Huisstijl briefgen (referentiedocument)"
    props.subject = "Stijlen voor DOCX-uitvoer van briefgen"
    props.author = props.last_modified_by = "briefgen"
    props.comments = ""
    props.language = "nl-NL"
    props.created = props.modified = props.last_printed = moment
    props.revision = 1
