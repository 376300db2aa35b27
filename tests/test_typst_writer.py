"""Typst PDF writer: tagged PDF/UA-1 + PDF/A-2a, the same metadata as the WeasyPrint writer,
data never read as Typst markup, house fonts only, the same bytes for the same document."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from briefgen.checks.conformance import check_pdf
from briefgen.checks.parity import against_model, model_furniture, model_words, pdf_words
from briefgen.checks.pdftext import read_pdf
from briefgen.content.model import Document, Heading, Link, NoteRef, Paragraph, Sources, Text
from briefgen.writers.pdf.structure import struct_elements
from briefgen.writers.pdfbase import PdfRenderError, RenderedPdf
from briefgen.writers.typst import TypstWriter
from briefgen.writers.typst.markup import document_source, lit, string
from model_sample import sample_document

HOUSE = Path(__file__).resolve().parents[1] / "templates" / "house"
HOSTILE = (
    '#read("/etc/passwd") ]; #let x = 1 $a^2$ <label> @ref *vet* _schuin_ `code` '
    '\\ " // geen commentaar /* ook niet */ #image("/etc/passwd") = Kop'
)


@pytest.fixture(scope="module")
def writer() -> TypstWriter:
    return TypstWriter(HOUSE)


@pytest.fixture(scope="module")
def rendered(writer: TypstWriter) -> RenderedPdf:
    return writer.render(sample_document())


@pytest.fixture(scope="module")
def pdf(rendered: RenderedPdf) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(rendered.data))


def _with_blocks(doc: Document, *blocks: object) -> Document:
    return dataclasses.replace(doc, blocks=tuple(blocks))  # type: ignore[arg-type]


def _elements(pdf: pikepdf.Pdf, kind: Name) -> list[pikepdf.Object]:
    return [node for node in struct_elements(pdf.Root.StructTreeRoot) if node.get("/S") == kind]


# ---------------------------------------------------------------- the file


def test_passes_the_conformance_gate(tmp_path: Path, rendered: RenderedPdf) -> None:
    path = tmp_path / "brief.pdf"
    path.write_bytes(rendered.data)
    checks = check_pdf(path, title="Raadsinformatiebrief Wonen en mobiliteit")
    assert not checks.failed, checks.results


def test_identifies_pdf_ua_1_and_pdf_a_2a(pdf: pikepdf.Pdf) -> None:
    meta = pdf.open_metadata()
    assert meta.get("pdfuaid:part") == "1"
    assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("2", "A")
    assert str(pdf.Root.Lang) == "nl-NL"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert pdf.Root.OutputIntents[0].S == Name.GTS_PDFA1


def test_metadata_matches_the_other_engine(pdf: pikepdf.Pdf) -> None:
    info = pdf.docinfo
    assert str(info.Title) == "Raadsinformatiebrief Wonen en mobiliteit"
    assert str(info.Subject) == "Gevolgen van het hoofdlijnenakkoord voor wonen en mobiliteit"
    assert str(info.Creator).startswith("briefgen ")
    assert str(info.Producer).startswith("Typst ")
    assert str(info.CreationDate).startswith("D:20261127000000")
    assert str(pdf.open_metadata().get("dc:title")) == str(info.Title)


def test_bookmarks_follow_the_headings(pdf: pikepdf.Pdf) -> None:
    with pdf.open_outline() as outline:
        titles: list[str] = []

        def walk(items: list[pikepdf.OutlineItem]) -> None:
            for item in items:
                titles.append(item.title)
                walk(item.children)

        walk(outline.root)
    headings = [
        "".join(t.text for t in block.children if isinstance(t, Text))
        for block in sample_document().blocks
        if isinstance(block, Heading)
    ]
    assert titles[0] == "Raadsinformatiebrief Wonen en mobiliteit"
    assert [title for title in titles if title in headings] == headings
    assert "Kernboodschap" not in titles  # a callout's title is no section


def test_page_furniture_is_artifact_and_body_text_is_tagged(rendered: RenderedPdf) -> None:
    content = read_pdf(rendered.data)
    furniture = "\n".join(content.lines("artifact"))
    for text in ("RIB-2026-003", "pagina 1 van 2", "pagina 2 van 2", "Raadsinformatiebrief · 27 november 2026"):
        assert text in furniture  # footer on every page, running title from page 2
    assert not content.orphaned and not content.untagged
    body = " ".join(chunk.text for chunk in content.chunks if chunk.role == "body")
    assert "pagina 1 van 2" not in body


def test_logo_is_a_figure_with_alt_text(pdf: pikepdf.Pdf) -> None:
    figures = _elements(pdf, Name.Figure)
    assert [str(figure.Alt) for figure in figures] == ["Logo Vereniging van Nederlandse Gemeenten"]


def test_table_header_cells_scope_their_columns(pdf: pikepdf.Pdf) -> None:
    headers = _elements(pdf, Name.TH)
    assert len(headers) == 3
    for cell in headers:
        attributes = cell.A if isinstance(cell.A, Array) else [cell.A]
        assert any(a.get("/Scope") == Name.Column for a in attributes if isinstance(a, Dictionary))


def test_note_references_link_to_their_source(pdf: pikepdf.Pdf) -> None:
    links = [
        annot
        for page in pdf.pages
        for annot in page.obj.get("/Annots", Array())
        if annot.get("/Subtype") == Name.Link and "/Dest" in annot
    ]
    assert [str(link.Contents) for link in links] == ["Bron 1"]
    target_page = links[0].Dest[0]
    assert target_page.objgen == pdf.pages[-1].obj.objgen  # the source list is on the last page
    uris = [str(annot.A.URI) for page in pdf.pages for annot in page.obj.get("/Annots", Array()) if "/A" in annot]
    assert "https://vng.nl/artikelen/bestaanszekerheid" in uris


def test_only_house_fonts_are_embedded(pdf: pikepdf.Pdf) -> None:
    names = {str(font.BaseFont).split("+")[-1] for page in pdf.pages for font in page.Resources.Font.values()}
    assert names and all(name.startswith("NotoSans") for name in names), names


def test_words_are_the_model_words(rendered: RenderedPdf) -> None:
    doc = sample_document()
    reference = model_words(doc)
    words = pdf_words(read_pdf(rendered.data))
    assert not against_model(reference, model_furniture(doc), doc.meta.title, words, "PDF")
    assert len(words) > len(reference) > 100  # the letterhead comes on top


def test_byte_identical(writer: TypstWriter, rendered: RenderedPdf) -> None:
    assert writer.render(sample_document()).data == rendered.data
    assert TypstWriter(HOUSE).render(sample_document()).data == rendered.data


# ---------------------------------------------------------------- data stays data


def test_string_literals_escape_quotes_and_backslashes() -> None:
    assert string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert string("twee\nregels\t") == '"twee regels "'
    assert lit("x") == '#"x";'
    assert lit("") == ""


def test_hostile_text_is_printed_literally(writer: TypstWriter) -> None:
    doc = _with_blocks(
        sample_document(),
        Heading(1, (Text(HOSTILE),)),
        Paragraph((Text(HOSTILE + " "), Link('https://example.org/")#read("x', (Text(HOSTILE),)), NoteRef(1))),
        Sources("Bronnen", sample_document().blocks[-1].entries),  # type: ignore[union-attr]
    )
    code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', document_source(doc).text)  # string literals emptied
    assert "read(" not in code and "passwd" not in code and "$" not in code
    data = writer.render(doc).data
    text = "".join(read_pdf(data).text("body").replace("\u00ad\n", "").split())  # line breaks undone
    assert text.count("".join(HOSTILE.split())) == 3
    with pikepdf.open(io.BytesIO(data)) as pdf:
        passwd = Path("/etc/passwd")
        if passwd.is_file():
            first_line = passwd.read_bytes().splitlines()[0]
            assert not any(isinstance(o, pikepdf.Stream) and first_line in o.read_bytes() for o in pdf.objects)


@pytest.mark.parametrize("logo", ["../../pyproject.toml", "/etc/passwd", "https://example.org/logo.png", "nope.svg"])
def test_letterhead_logo_outside_house_is_refused(writer: TypstWriter, logo: str) -> None:
    base = sample_document()
    doc = dataclasses.replace(base, letterhead=dataclasses.replace(base.letterhead, logo=logo))
    with pytest.raises(PdfRenderError):
        writer.render(doc)


def test_a_character_the_house_fonts_lack_is_named(writer: TypstWriter) -> None:
    doc = _with_blocks(sample_document(), Paragraph((Text("Zie 字 hier."),)))
    with pytest.raises(PdfRenderError, match="no glyph for ‘字’ \\(U\\+5B57\\)"):
        writer.render(doc)


def test_missing_preamble_is_reported(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"house\.typ"):
        TypstWriter(tmp_path)
