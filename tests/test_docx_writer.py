"""The DOCX writer: real structure (styles, lists, tables, links), metadata, safety, determinism."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from briefgen.content.model import (
    Document,
    Link,
    ListBlock,
    NoteRef,
    PageBreak,
    Paragraph,
    Signature,
    Table,
    Text,
)
from briefgen.writers.docx import DocxWriter, ReferenceDocxError
from briefgen.writers.docx.build_reference import build_reference
from model_sample import sample_document

HOUSE = Path(__file__).resolve().parents[1] / "templates" / "house"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


@pytest.fixture(scope="module")
def writer() -> DocxWriter:
    return DocxWriter(HOUSE)


@pytest.fixture(scope="module")
def sample() -> Document:
    return sample_document()


@pytest.fixture(scope="module")
def rendered(writer: DocxWriter, sample: Document) -> bytes:
    return writer.render(sample)


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _with_blocks(doc: Document, *blocks: object) -> Document:
    return dataclasses.replace(doc, blocks=tuple(blocks))


def _parts(data: bytes, prefix: str) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [z.read(n).decode() for n in sorted(z.namelist()) if n.startswith(prefix) and n.endswith(".xml")]


def test_heading_styles(rendered: bytes, sample: Document) -> None:
    paragraphs = _open(rendered).paragraphs
    styles = [p.style.name for p in paragraphs]
    assert {"Title", "Heading 1", "Heading 2", "Heading 3"} <= set(styles)
    title = next(p for p in paragraphs if p.style.name == "Title")
    assert title.text == sample.meta.title
    assert styles.count("Title") == 1


def test_lists_are_real_and_numbering_restarts(writer: DocxWriter, sample: Document) -> None:
    items = (Text("een"),), (Text("twee"),)
    doc = _with_blocks(
        sample,
        ListBlock(False, items),
        ListBlock(True, items),
        Paragraph((Text("tussendoor"),)),
        ListBlock(True, items),
        ListBlock(True, items, start=4),
    )
    document = _open(writer.render(doc))
    listed = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert [p.style.name for p in listed] == ["List Bullet"] * 2 + ["List Number"] * 6
    num_ids = [p._p.pPr.numPr.numId.val for p in listed]
    first, second, third = num_ids[2], num_ids[4], num_ids[6]
    assert len({first, second, third}) == 3, "every numbered list has its own w:num"
    assert num_ids[2:4] == [first, first]
    numbering = document.part.numbering_part.element

    def start_of(num_id: int) -> int:
        return int(numbering.xpath(f'w:num[@w:numId="{num_id}"]/w:lvlOverride/w:startOverride/@w:val')[0])

    assert (start_of(first), start_of(second), start_of(third)) == (1, 1, 4)


def test_table_header_row_repeats(rendered: bytes) -> None:
    document = _open(rendered)
    table = document.tables[0]
    assert table.style.name == "Data Table"
    rows = table._tbl.tr_lst
    assert rows[0].trPr.find(f"{W}tblHeader") is not None
    assert all(r.trPr.find(f"{W}tblHeader") is None for r in rows[1:])
    assert table._tbl.tblPr.find(f"{W}tblCaption").get(f"{W}val") == "Bedragen uit het hoofdlijnenakkoord"
    amounts = [row.cells[1].paragraphs[0] for row in table.rows]
    assert all(p.alignment is not None and p.alignment.name == "RIGHT" for p in amounts)
    assert table.rows[1].cells[1].text == "€\u00a01\u00a0miljard"  # amounts never break, as in the PDF


def test_hyperlink_points_to_its_url(rendered: bytes) -> None:
    document = _open(rendered)
    links = document.element.body.iter(f"{W}hyperlink")
    external = [h for h in links if h.get(f"{R}id")]
    targets = {document.part.rels[h.get(f"{R}id")].target_ref for h in external}
    assert targets == {"https://vng.nl/artikelen/bestaanszekerheid"}
    rel = document.part.rels[external[0].get(f"{R}id")]
    assert rel.is_external and rel.reltype == RT.HYPERLINK
    assert "".join(t.text for t in external[0].iter(f"{W}t")) == "vng.nl"


def test_unsafe_link_scheme_stays_text(writer: DocxWriter, sample: Document) -> None:
    doc = _with_blocks(sample, Paragraph((Link("javascript:alert(1)", (Text("klik"),)),)))
    document = _open(writer.render(doc))
    assert not list(document.element.body.iter(f"{W}hyperlink"))
    assert "klik" in document.paragraphs[-1].text


def test_note_reference_is_superscript_link_to_source(rendered: bytes) -> None:
    body = _open(rendered).element.body
    anchors = [h for h in body.iter(f"{W}hyperlink") if h.get(f"{W}anchor")]
    assert [h.get(f"{W}anchor") for h in anchors] == ["bron_1"]
    assert anchors[0].find(f"{W}r/{W}rPr/{W}rStyle").get(f"{W}val") == "NoteReference"
    names = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    assert {"bron_1", "bron_2"} <= names


def test_adjacent_note_references_are_separated(writer: DocxWriter, sample: Document) -> None:
    doc = _with_blocks(sample, Paragraph((Text("Zie bronnen."), NoteRef(1), NoteRef(2))))
    assert _open(writer.render(doc)).paragraphs[-1].text == "Zie bronnen.1,2"


def test_several_signatories_side_by_side(writer: DocxWriter, sample: Document) -> None:
    signature = Signature("Met vriendelijke groet,", (("A. Jansen", "secretaris"), ("B. de Vries", "burgemeester")))
    document = _open(writer.render(_with_blocks(sample, signature)))
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == ["A. Jansen\nsecretaris", "B. de Vries\nburgemeester"]


def test_sources_read_like_the_pdf(rendered: bytes) -> None:
    entries = [p for p in _open(rendered).paragraphs if p.style.name == "Source List"]
    assert [p.text for p in entries] == [
        "Analyse hoofdlijnenakkoord, VNG",
        "Bestaanszekerheid, VNG. https://vng.nl/artikelen/bestaanszekerheid",
    ]


def test_document_language_is_dutch(rendered: bytes) -> None:
    styles = _open(rendered).styles.element
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "nl-NL"
    assert lang.get(f"{W}eastAsia") and lang.get(f"{W}bidi")


def test_core_properties_are_real(rendered: bytes, sample: Document) -> None:
    props = _open(rendered).core_properties
    meta = sample.meta
    assert (props.title, props.subject, props.author) == (meta.title, meta.subject, meta.author)
    assert props.last_modified_by == meta.author
    assert props.created.date() == props.modified.date() == props.last_printed.date() == meta.date
    assert props.language == "nl-NL"
    assert props.category == meta.kind_label
    assert props.keywords == "hoofdlijnenakkoord, wonen"
    assert props.revision == 1
    assert "python-docx" not in (props.author + props.comments + props.last_modified_by)


def test_every_image_has_alt_text(rendered: bytes, sample: Document) -> None:
    descriptions = [
        m.group(1) for xml in _parts(rendered, "word/") for m in re.finditer(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    ]
    drawings = sum(xml.count("<wp:docPr ") for xml in _parts(rendered, "word/"))
    assert drawings >= 2  # logo in the first-page and the running header
    assert descriptions == [sample.letterhead.logo_alt] * drawings


def test_header_and_footer_are_filled(rendered: bytes, sample: Document) -> None:
    headers = "".join(_parts(rendered, "word/header"))
    footers = "".join(_parts(rendered, "word/footer"))
    for xml in (headers, footers):
        assert not re.search(r">\{\w+\}<", xml), "a placeholder was left"
    assert sample.letterhead.organisation in headers
    assert "Postbus 30435" in headers
    assert sample.letterhead.footer in footers


def test_footer_has_page_fields(rendered: bytes) -> None:
    for xml in _parts(rendered, "word/footer"):
        fields = re.findall(r"<w:instrText[^>]*>\s*(\w+)\s*</w:instrText>", xml)
        assert fields == ["PAGE", "NUMPAGES"]
        assert "pagina " in xml and " van " in xml


def test_page_break_becomes_page_break_before(rendered: bytes, writer: DocxWriter, sample: Document) -> None:
    breaking = [p for p in _open(rendered).paragraphs if p.paragraph_format.page_break_before]
    assert [p.text for p in breaking] == ["Vervolg"]
    doc = _with_blocks(sample, Paragraph((Text("a"),)), PageBreak(), Table(((Text("x"),),), (((Text("1"),),),)))
    tbl = _open(writer.render(doc)).tables[0]
    assert tbl.rows[0].cells[0].paragraphs[0].paragraph_format.page_break_before


def test_missing_style_is_named(tmp_path: Path) -> None:
    house = tmp_path / "house"
    house.mkdir()
    source = HOUSE / "reference.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(house / "reference.docx", "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/styles.xml":
                data = data.replace(b'w:val="heading 1"', b'w:val="Kop 1"')
            dst.writestr(name, data)
    with pytest.raises(ReferenceDocxError, match=r"'Heading 1' is missing.*'Kop 1'"):
        DocxWriter(house)


def test_missing_reference_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDocxError, match=r"reference\.docx"):
        DocxWriter(tmp_path)


def test_byte_identical_renders(rendered: bytes, sample: Document) -> None:
    assert DocxWriter(HOUSE).render(sample) == rendered
    with zipfile.ZipFile(io.BytesIO(rendered)) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2026, 11, 27, 0, 0, 0)}
    later = dataclasses.replace(sample, meta=dataclasses.replace(sample.meta, date=dt.date(2026, 12, 1)))
    assert DocxWriter(HOUSE).render(later) != rendered


def test_markup_in_text_stays_literal(writer: DocxWriter, sample: Document) -> None:
    evil = '<img src="file:///etc/passwd"> & <script>'
    doc = _with_blocks(sample, Paragraph((Text(evil),)))
    document = _open(writer.render(doc))
    assert document.paragraphs[-1].text == evil
    assert not any(r.reltype == RT.IMAGE for r in document.part.rels.values())


def test_invalid_character_is_named(writer: DocxWriter, sample: Document) -> None:
    doc = _with_blocks(sample, Paragraph((Text("a\x00b"),)))
    with pytest.raises(ValueError, match=r"blocks\[0\]\.children\[0\]\.text contains U\+0000"):
        writer.render(doc)


def test_reference_docx_is_up_to_date() -> None:
    logo = HOUSE / "logo.png"
    if not logo.is_file():
        pytest.skip("templates/house/logo.png is missing")
    assert build_reference(logo) == (HOUSE / "reference.docx").read_bytes(), (
        "run tools/make_reference_docx.py after changing the house style or the logo"
    )
