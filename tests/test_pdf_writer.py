"""PDF writer: accessibility (PDF/UA-1), archiving (PDF/A-2), determinism and fetch security."""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Dictionary, Name
from weasyprint.urls import FatalURLFetchingError

from briefgen.content.model import Document, Heading, ListBlock, Paragraph, Text
from briefgen.writers.pdf import PdfRenderError, PdfWriter, RenderedPdf
from briefgen.writers.pdf.fetcher import AssetFetcher, FetchRefusedError
from briefgen.writers.pdf.markup import document_html
from briefgen.writers.pdf.structure import claimed_mcids, in_reading_order, struct_elements
from model_sample import sample_document

HOUSE = Path(__file__).resolve().parents[1] / "templates" / "house"
EVIL = '<img src="file:///etc/passwd">'


# ---------------------------------------------------------------- fixtures and helpers


@pytest.fixture(scope="module")
def writer() -> PdfWriter:
    return PdfWriter(HOUSE)


@pytest.fixture(scope="module")
def rendered(writer: PdfWriter) -> RenderedPdf:
    return writer.render(sample_document())


@pytest.fixture(scope="module")
def pdf(rendered: RenderedPdf) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(rendered.data))


def _with_blocks(doc: Document, *blocks: object) -> Document:
    return dataclasses.replace(doc, blocks=tuple(blocks))  # type: ignore[arg-type]


def _struct_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    """All structure elements reachable from the root through /K."""
    return list(struct_elements(pdf.Root.StructTreeRoot))


def _to_unicode(font: pikepdf.Object) -> dict[bytes, str]:
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    table: dict[bytes, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            table[bytes.fromhex(code)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            first, base = int(start, 16), int(text, 16)
            for code in range(first, int(end, 16) + 1):
                table[code.to_bytes(len(start) // 2, "big")] = chr(base + code - first)
    return table


def _marked_text(page: pikepdf.Page) -> list[tuple[str, int | None, str]]:
    """(tag, MCID or None, text) of every marked-content sequence that draws text."""
    fonts = {str(name): _to_unicode(font) for name, font in page.Resources.Font.items()}
    stack: list[list] = []
    done: list[tuple[str, int | None, str]] = []
    font: dict[bytes, str] = {}
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            props = operands[1] if op == "BDC" else None
            mcid = int(props.MCID) if isinstance(props, Dictionary) and "/MCID" in props else None
            kind = str(operands[0])
            if kind == "/Artifact" and isinstance(props, Dictionary) and props.get("/Type") == Name.Pagination:
                kind = "/Artifact/Pagination"
            stack.append([kind, mcid, ""])
        elif op == "EMC" and stack:
            kind, mcid, text = stack.pop()
            if text:
                done.append((kind, mcid, text))
        elif op == "Tf":
            font = fonts.get(str(operands[0]), {})
        elif op in ("TJ", "Tj") and stack:
            parts = operands[0] if op == "TJ" else [operands[0]]
            for part in parts:
                if isinstance(part, pikepdf.String):
                    raw = bytes(part)
                    stack[-1][2] += "".join(font.get(raw[i : i + 2], "?") for i in range(0, len(raw), 2))
    return done


def _xmp(pdf: pikepdf.Pdf) -> str:
    return pdf.Root.Metadata.read_bytes().decode("utf-8")


# ---------------------------------------------------------------- accessibility basics


def test_sample_is_two_pages(rendered: RenderedPdf) -> None:
    assert rendered.pages == 2
    assert rendered.data.startswith(b"%PDF-1.7")


def test_tagged_catalog(pdf: pikepdf.Pdf) -> None:
    root = pdf.Root
    assert "/StructTreeRoot" in root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "nl-NL"
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.docinfo.Title) == "Raadsinformatiebrief Wonen en mobiliteit"


def test_all_fonts_embedded(pdf: pikepdf.Pdf) -> None:
    descriptors = [o for o in pdf.objects if isinstance(o, Dictionary) and o.get("/Type") == Name.FontDescriptor]
    assert descriptors
    for descriptor in descriptors:
        assert any(f"/FontFile{n}" in descriptor for n in ("", "2", "3")), descriptor.FontName


def test_no_attachments_or_scripts(pdf: pikepdf.Pdf) -> None:
    names = pdf.Root.get("/Names", Dictionary())
    assert "/EmbeddedFiles" not in names
    assert "/JavaScript" not in names
    assert "/OpenAction" not in pdf.Root
    assert not pdf.attachments


def test_headings_in_order_and_title_is_h1(pdf: pikepdf.Pdf) -> None:
    headings = [str(e.S) for e in _struct_elements(pdf) if str(e.S) in ("/H1", "/H2", "/H3", "/H4")]
    assert headings.count("/H1") == 1
    assert "/H4" in headings  # model level 3 → <h4>


def _heading_levels(pdf: pikepdf.Pdf) -> list[int]:
    """The levels of the structure tree's headings, in reading order."""
    tags = (str(e.S) for e in in_reading_order(pdf.Root.StructTreeRoot))
    return [int(tag[2:]) for tag in tags if re.fullmatch(r"/H[1-6]", tag)]


def test_without_a_title_block_the_sections_are_h1_and_look_the_same(writer: PdfWriter, pdf: pikepdf.Pdf) -> None:
    doc = sample_document()
    letter = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, title_block=False))
    levels = _heading_levels(pikepdf.open(io.BytesIO(writer.render(letter).data)))
    assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    assert levels.count(1) > 1 and 4 not in levels  # sections (and sources) H1, model level 3 → H3
    html = document_html(letter).html
    assert re.search(r'<h1 id="sectie-1" class="h2">', html) and '<h1 class="h2 sources-title">' in html
    assert "<h2" in html and not re.search(r'<h2[^>]* class="h2[ "]', html)  # subsections: h2 looking like h3
    # with a title block, the title is the only H1 and the sections are H2, as on the web page
    with_title = _heading_levels(pdf)
    assert with_title[0] == 1 and with_title.count(1) == 1 and with_title[1] == 2, with_title


def test_table_header_cells(pdf: pikepdf.Pdf) -> None:
    cells = [e for e in _struct_elements(pdf) if str(e.S) == "/TH"]
    scopes = {str(cell.A.Scope) for cell in cells}
    assert len(cells) == 3 + 5  # data-table header row + one row header per field
    assert scopes == {"/Column", "/Row"}
    data_cells = [e for e in _struct_elements(pdf) if str(e.S) == "/TD"]
    assert any(len(cell.A.get("/Headers", [])) for cell in data_cells)


def test_link_annotations(pdf: pikepdf.Pdf) -> None:
    annots = [a for page in pdf.pages for a in page.get("/Annots", [])]
    links = [a for a in annots if a.Subtype == Name.Link]
    assert len(links) == 3
    for link in links:
        assert int(link.F) == 4  # printable (PDF/A)
        assert str(link.Contents)
        assert "/StructParent" in link
    uris = {str(a.A.URI) for a in links if "/A" in a}
    assert uris == {"https://vng.nl/artikelen/bestaanszekerheid"}
    assert {str(a.Contents) for a in links if "/Dest" in a} == {"Bron 1"}
    link_elements = [e for e in _struct_elements(pdf) if str(e.S) == "/Link"]
    objrs = [k for e in link_elements for k in e.K if isinstance(k, Dictionary) and k.get("/Type") == Name.OBJR]
    assert len(objrs) == len(links)


def test_logo_is_a_figure_with_alt(pdf: pikepdf.Pdf) -> None:
    figures = [e for e in _struct_elements(pdf) if str(e.S) == "/Figure"]
    assert [str(f.Alt) for f in figures] == ["Logo Vereniging van Nederlandse Gemeenten"]


# ---------------------------------------------------------------- page furniture


def test_page_furniture_is_pagination_artifact(pdf: pikepdf.Pdf) -> None:
    page_one, page_two = (_marked_text(page) for page in pdf.pages)
    furniture = [text for kind, _, text in page_two if kind == "/Artifact/Pagination"]
    assert furniture == [
        "Vereniging van Nederlandse Gemeenten",
        "Raadsinformatiebrief · 27 november 2026",
        "RIB-2026-003",
        "pagina 2 van 2",
    ]
    assert [text for kind, _, text in page_one if kind == "/Artifact/Pagination"] == ["RIB-2026-003", "pagina 1 van 2"]


def test_body_text_stays_tagged(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        tagged = " ".join(text for kind, mcid, text in _marked_text(page) if mcid is not None)
        assert "pagina" not in tagged
    first = " ".join(text for _, mcid, text in _marked_text(pdf.pages[0]) if mcid is not None)
    for phrase in ("Raadsinformatiebrief", "Wonen", "Kernboodschap", "Vereniging", "Maatregel"):
        assert phrase in first


def test_no_orphaned_mcids(pdf: pikepdf.Pdf) -> None:
    claimed = claimed_mcids(pdf.Root.StructTreeRoot)
    for page in pdf.pages:
        used = {mcid for _, mcid, _ in _marked_text(page) if mcid is not None}
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "BDC" and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]:
                used.add(int(operands[1].MCID))
        assert used
        assert used <= claimed.get(page.obj.objgen, set())


# ---------------------------------------------------------------- archiving


def test_pdfa_and_pdfua_identification(pdf: pikepdf.Pdf, rendered: RenderedPdf) -> None:
    xmp = _xmp(pdf)
    assert "<pdfaid:part>2</pdfaid:part>" in xmp
    assert "<pdfaid:conformance>A</pdfaid:conformance>" in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in xmp
    assert "Raadsinformatiebrief Wonen en mobiliteit</rdf:li>" in xmp
    assert "<rdf:li>nl-NL</rdf:li>" in xmp
    assert "<xmp:CreateDate>2026-11-27T00:00:00+00:00</xmp:CreateDate>" in xmp
    assert "/Filter" not in pdf.Root.Metadata  # readable XMP
    assert str(pdf.docinfo.CreationDate) == "D:20261127000000+00'00'"
    with pikepdf.open(io.BytesIO(rendered.data)) as copy:  # open_metadata() writes back on exit
        meta = copy.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        assert meta["dc:title"] == "Raadsinformatiebrief Wonen en mobiliteit"
        assert meta["dc:creator"] == ["Vereniging van Nederlandse Gemeenten"]
        assert meta["pdf:Producer"] == str(copy.docinfo.Producer)
        assert meta["xmp:CreatorTool"] == str(copy.docinfo.Creator)


def test_srgb_output_intent(pdf: pikepdf.Pdf) -> None:
    (intent,) = pdf.Root.OutputIntents
    assert intent.S == Name.GTS_PDFA1
    assert int(intent.DestOutputProfile.N) == 3
    assert len(intent.DestOutputProfile.read_bytes()) > 1000


def test_no_interpolated_images(pdf: pikepdf.Pdf) -> None:
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == Name.Image:
            assert obj.get("/Interpolate", False) is False


def test_byte_identical(writer: PdfWriter, rendered: RenderedPdf) -> None:
    assert writer.render(sample_document()).data == rendered.data
    assert PdfWriter(HOUSE).render(sample_document()).data == rendered.data


# ---------------------------------------------------------------- markup


def test_markup_escapes_and_maps_headings() -> None:
    doc = _with_blocks(
        sample_document(),
        Heading(1, (Text(EVIL),)),
        Heading(3, (Text("Diep"),)),
        ListBlock(True, ((Text("a"),), (Text("b"),)), start=4),
        Paragraph((Text('Kost € 5 & "meer"'),)),
    )
    html = document_html(doc).html
    assert '<html lang="nl-NL">' in html
    assert "<title>Raadsinformatiebrief Wonen en mobiliteit</title>" in html
    assert '<meta name="dcterms.created" content="2026-11-27T00:00:00Z">' in html
    assert '<img src="file:///etc/passwd">' not in html
    assert re.search(r'<h2 id="sectie-\d+" class="h2">&lt;img src=&quot;file:///etc/passwd&quot;&gt;</h2>', html)
    assert '<h4 class="h4">Diep</h4>' in html
    assert '<ol start="4">' in html
    assert "€\u00a05 &amp; &quot;meer&quot;" in html


def test_hostile_text_is_printed_literally(writer: PdfWriter) -> None:
    doc = _with_blocks(sample_document(), Paragraph((Text(f"Zie {EVIL} hier."),)))
    data = writer.render(doc).data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        text = "".join(t for page in pdf.pages for _, _, t in _marked_text(page))
        assert EVIL in text
        assert not any(isinstance(o, pikepdf.Stream) and o.get("/Subtype") == Name.Image for o in pdf.objects)
        passwd = Path("/etc/passwd")
        if passwd.is_file():
            first_line = passwd.read_bytes().splitlines()[0]
            assert not any(isinstance(o, pikepdf.Stream) and first_line in o.read_bytes() for o in pdf.objects)


# ---------------------------------------------------------------- fetcher


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "file://example.org/etc/passwd",
        "http://example.org/logo.svg",
        "https://example.org/logo.svg",
        "ftp://example.org/logo.svg",
        (HOUSE / ".." / ".." / "pyproject.toml").as_uri(),
        HOUSE.as_uri() + "/../../pyproject.toml",
        HOUSE.as_uri() + "/fonts",  # a directory
    ],
)
def test_fetcher_refuses(url: str) -> None:
    with pytest.raises(FetchRefusedError):
        AssetFetcher([HOUSE]).fetch(url)


def test_fetcher_refuses_symlink_out_of_root(tmp_path: Path) -> None:
    (tmp_path / "out.svg").symlink_to("/etc/passwd")
    with pytest.raises(FetchRefusedError):
        AssetFetcher([tmp_path]).fetch((tmp_path / "out.svg").as_uri())


def test_fetcher_serves_house_files_and_data_urls() -> None:
    fetcher = AssetFetcher([HOUSE])
    response = fetcher.fetch((HOUSE / "logo.svg").as_uri())
    assert response.content_type == "image/svg+xml"
    assert response.read().startswith(b"<svg")
    assert fetcher.fetch("data:text/plain,hallo").read() == b"hallo"


def test_fetcher_refusal_stops_weasyprint() -> None:
    from weasyprint import HTML

    html = HTML(string=f'<p>{EVIL}</p><img src="file:///etc/passwd" alt="x">', url_fetcher=AssetFetcher([HOUSE]))
    with pytest.raises(FatalURLFetchingError):
        html.write_pdf()


@pytest.mark.parametrize("logo", ["../../pyproject.toml", "/etc/passwd", "https://example.org/logo.png", "nope.svg"])
def test_letterhead_logo_outside_house_is_refused(writer: PdfWriter, logo: str) -> None:
    base = sample_document()
    doc = dataclasses.replace(base, letterhead=dataclasses.replace(base.letterhead, logo=logo))
    with pytest.raises(PdfRenderError):
        writer.render(doc)


def test_png_logo_renders(writer: PdfWriter) -> None:
    base = sample_document(with_page_break=False)
    doc = dataclasses.replace(base, letterhead=dataclasses.replace(base.letterhead, logo="logo.png"))
    with pikepdf.open(io.BytesIO(writer.render(doc).data)) as pdf:
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == Name.Image]
        assert images
        assert all(o.get("/Interpolate", False) is False for o in images)


def test_fonts_are_embedded_whole_and_bytes_do_not_depend_on_the_subsetter(
    writer: PdfWriter, rendered: RenderedPdf, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No subsetting per document: the same bytes whether or not HarfBuzz's subsetter is present."""
    import weasyprint.pdf.fonts

    pdf = pikepdf.open(io.BytesIO(rendered.data))
    shipped = {path.read_bytes() for path in (HOUSE / "fonts").glob("*.ttf")}
    embedded = [
        descendant.FontDescriptor.FontFile2.read_bytes()
        for page in pdf.pages
        for font in page.Resources.Font.values()
        for descendant in font.get("/DescendantFonts", [])
    ]
    assert embedded and all(data in shipped for data in embedded)  # the house fonts, byte for byte
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    assert writer.render(sample_document()).data == rendered.data


def test_text_layer_keeps_letters_that_ligatures_would_join(writer: PdfWriter) -> None:
    """The house fonts have no ligatures, so ``fi``/``fl`` extract as two letters."""
    from pypdf import PdfReader

    doc = sample_document()
    words = "officieel flexibel affiche"
    doc = dataclasses.replace(doc, blocks=(Paragraph((Text(words),)),))
    text = PdfReader(io.BytesIO(writer.render(doc).data)).pages[0].extract_text()
    assert words in " ".join(text.split())
