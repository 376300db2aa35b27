"""The house style on the default set: hyphenation only in running text, embedded DOCX fonts,
amounts and numbers kept whole.

The default set is built once for this module; the checks read the built files as a reader
would get them (the PDF's text by structure role, the DOCX package's parts).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
import zipfile
from pathlib import Path

import pikepdf
import pytest

from briefgen.checks.hyphenation import HYPHEN_MARK, MAX_RUN, hyphenation
from briefgen.checks.pdftext import Chunk, PdfContent, read_pdf
from briefgen.content.typography import keep_amounts_together
from briefgen.writers.docx.fonts import FONT_CONTENT_TYPE, font_key, obfuscate
from briefgen.writers.markup import esc_text, phone_links

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "templates" / "house" / "fonts"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def default_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from briefgen.kinds.base import Options
    from briefgen.pipeline import BuildRequest, build
    from briefgen.pipeline.plan import Selection

    base = tmp_path_factory.mktemp("house")
    shutil.copytree(ROOT / "templates", base / "templates")
    request = BuildRequest(
        positions=ROOT / "positions",
        profile=ROOT / "briefgen.yaml",
        templates=base / "templates",
        out=base / "out",
        selection=Selection(),
        options=Options(date=dt.date(2026, 11, 27)),
        jobs=2,
    )
    report = build(request)
    assert len(report.built) >= 30
    return base / "out"


def _pdfs(out: Path) -> list[Path]:
    found = sorted(out.glob("*/*.pdf"))
    assert found
    return found


# ---------------------------------------------------------------- hyphenation


def test_hyphenation_only_in_running_text(default_set: Path) -> None:
    hyphenated = 0
    for path in _pdfs(default_set):
        found = hyphenation(read_pdf(path))
        hyphenated += found.hyphenated
        assert not found.outside_running_text, (path.name, found.outside_running_text)
        assert not found.names, (path.name, found.names)
        assert found.longest_run <= MAX_RUN, (path.name, found.longest_run)
    assert hyphenated > 0  # running text is still hyphenated: the count reads real line ends


def _chunk(text: str, y: float, tags: tuple[str, ...]) -> Chunk:
    return Chunk(text, 0.0, len(text) * 5.0, y, 10.0, 1, "body", 0, None, False, tags)


def test_hyphenation_counter_finds_what_the_house_style_forbids() -> None:
    content = PdfContent(
        chunks=[
            _chunk(f"Financiële gevol{HYPHEN_MARK}", 700, ("Span", "H2")),
            _chunk("gen", 688, ("Span", "H2")),
            _chunk(f"de Vereniging van Nederlandse Gemeen{HYPHEN_MARK}", 600, ("Span", "P")),
            _chunk(f"ten vraagt om geld voor de op{HYPHEN_MARK}", 588, ("Span", "P")),
            _chunk(f"vang en de uit{HYPHEN_MARK}", 576, ("Span", "P")),
            _chunk("voering.", 564, ("Span", "P")),
        ]
    )
    found = hyphenation(content)
    assert found.hyphenated == 4
    assert found.longest_run == 3
    assert found.outside_running_text == ["p. 1: gevol‐gen"]
    assert found.names == ["p. 1: Gemeen‐ten"]
    assert len(found.problems) == 3


# ---------------------------------------------------------------- embedded fonts


def test_every_docx_embeds_the_house_fonts(default_set: Path) -> None:
    faces = {path.read_bytes() for path in FONTS.glob("*.ttf")}
    docx_files = sorted(default_set.glob("*/*.docx"))
    assert docx_files
    for path in docx_files:
        with zipfile.ZipFile(path) as package:
            table = package.read("word/fontTable.xml").decode()
            rels = package.read("word/_rels/fontTable.xml.rels").decode()
            types = package.read("[Content_Types].xml").decode()
            settings = package.read("word/settings.xml").decode()
            embedded = {}
            for element, rel_id, key in re.findall(
                r'<w:(embed\w+) r:id="(rId\d+)" w:fontKey="(\{[0-9A-F-]+\})"', table
            ):
                target = re.search(rf'Id="{rel_id}"[^>]*Target="([^"]+)"', rels) or re.search(
                    rf'Target="([^"]+)"[^>]*Id="{rel_id}"', rels
                )
                assert target, (path.name, rel_id)
                data = package.read(f"word/{target.group(1)}")
                embedded[element] = obfuscate(data, key)
        assert set(embedded) == {"embedRegular", "embedBold", "embedItalic", "embedBoldItalic"}, path.name
        assert set(embedded.values()) == faces, path.name  # the house fonts, obfuscated
        assert FONT_CONTENT_TYPE in types
        assert "<w:embedTrueTypeFonts/>" in settings
        assert "<w:autoHyphenation" not in settings  # Word would break names


def test_font_obfuscation_is_its_own_inverse_and_only_touches_the_head() -> None:
    data = (FONTS / "NotoSans-Regular.ttf").read_bytes()
    key = font_key(data)
    assert re.fullmatch(r"\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}", key)
    hidden = obfuscate(data, key)
    assert hidden[:32] != data[:32] and hidden[32:] == data[32:]
    assert obfuscate(hidden, key) == data
    # ECMA-376: the key's bytes in reverse order, XOR-ed over the first 32 bytes
    secret = bytes.fromhex("00112233445566778899AABBCCDDEEFF")
    assert obfuscate(bytes(32), "{00112233-4455-6677-8899-AABBCCDDEEFF}") == secret[::-1] * 2


# ---------------------------------------------------------------- words kept whole


def test_no_break_spaces_in_amounts_dates_and_numbers() -> None:
    text = keep_amounts_together("Op 16 mei 2024 kost het € 1,2 miljard; bel 070 373 83 93 over 30 procent.")
    assert text == "Op 16\xa0mei\xa02024 kost het €\xa01,2\xa0miljard; bel 070\xa0373\xa083\xa093 over 30\xa0procent."
    assert keep_amounts_together("in 2026 en 2027 gaan er 12 mensen") == "in 2026 en 2027 gaan er 12 mensen"


def test_names_and_kenmerken_are_marked_for_the_style_sheets() -> None:
    html = esc_text("De Vereniging van Nederlandse Gemeenten stuurt RIB-2026-011 over <wonen>.")
    assert '<span class="name">Vereniging</span> van <span class="name">Nederlandse</span>' in html
    assert '<span class="nobr">RIB-2026-011</span>' in html
    assert "&lt;wonen&gt;" in html and "De " in html  # short words and lower case stay plain
    url = "https://www.vng.nl/sites/default/files/2024-05/analyse.pdf"
    assert "nobr" not in esc_text(url)  # a URL may still break


def test_no_spans_inside_links_so_each_pdf_link_stays_one_link_element() -> None:
    from briefgen.content import model as m
    from briefgen.writers.markup import BodyWriter
    from model_sample import sample_document

    link = m.Link("https://vng.nl", (m.Text("Vereniging Nederlandse Gemeenten RIB-2026-011"),))
    contents = m.Contents("Inhoud", (m.ContentsEntry(1, "Financiële gevolgen"),))
    blocks = (m.Paragraph((m.Text("Zie "), link)), contents, m.Heading(1, (m.Text("Financiële gevolgen"),)))
    document = dataclasses.replace(sample_document(), blocks=blocks)
    for web in (False, True):
        html = BodyWriter(document, web=web).blocks()
        for inner in re.findall(r"<a [^>]*>(.*?)</a>", html):
            assert "<span" not in inner, inner
        assert '<span class="name">Financiële</span>' in html  # the heading itself keeps its name


def test_phone_numbers_become_tel_links_on_the_web() -> None:
    html = phone_links("Meer informatie: telefoon 070 373 83 93, of 06-12345678.")
    assert '<a class="tel" href="tel:+31703738393">070\xa0373\xa083\xa093</a>' in html
    assert 'href="tel:+31612345678"' in html
    assert "tel:" not in phone_links("In 2024 en 2025 kwamen 12345 mensen.")


# ---------------------------------------------------------------- navigation


def test_every_long_pdf_has_a_contents_list_and_opens_with_its_outline(default_set: Path) -> None:
    long_documents = 0
    for path in _pdfs(default_set):
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
            assert "/Outlines" in pdf.Root and pdf.Root.PageMode == pikepdf.Name.UseOutlines, path.name
            destinations = {
                str(annot.Dest)
                for page in pdf.pages
                for annot in page.obj.get("/Annots", pikepdf.Array())
                if isinstance(annot.get("/Dest"), pikepdf.String)
            }
        if pages <= 4:
            continue
        long_documents += 1
        content = read_pdf(path)
        headings = [c.text for c in content.chunks if c.tags[:2] == ("Span", "H2") or c.tags[:1] == ("H2",)]
        assert "Inhoud" in headings, path.name
        assert {"sectie-1", "sectie-2", "sectie-3"} <= destinations, path.name  # entries link to sections
    assert long_documents  # the overall briefing is one


def test_long_documents_have_a_toc_field_and_a_linked_contents_list_on_the_web(default_set: Path) -> None:
    manifest = json.loads((default_set / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["documents"]:
        doc_id = entry["id"]
        with zipfile.ZipFile(default_set / f"{doc_id}.docx") as package:
            body = package.read("word/document.xml").decode()
        page = (default_set / f"{doc_id}.html").read_text(encoding="utf-8")
        has_toc = 'TOC \\o "1-2" \\h \\z \\u' in body
        assert has_toc == ('class="contents' in page), doc_id  # the same decision in every format
        if entry["pages"] > 4:
            assert has_toc, doc_id
        if has_toc:
            anchors = re.findall(r'<w:hyperlink w:anchor="(sectie_\d+)"', body)
            assert anchors and all(f'w:name="{a}"' in body for a in anchors), doc_id
            targets = re.findall(r'<a href="#(sectie-\d+)">', page)
            assert targets and all(f'id="{t}"' in page for t in targets), doc_id


def test_contents_list_only_for_long_documents_before_the_first_section() -> None:
    from briefgen.content import model as m
    from briefgen.content.contents import CONTENTS_TITLE, LONG_DOCUMENT_WORDS, with_contents
    from model_sample import sample_document

    words = tuple(m.Text("woord " * 50) for _ in range(1))
    sections = [
        block
        for n in range(1, 5)
        for block in (m.Heading(1, (m.Text(f"Deel {n}"),)), m.Heading(2, (m.Text(f"Onderdeel {n}"),)))
    ]
    base = sample_document()
    short = dataclasses.replace(base, blocks=(m.Paragraph(words), *sections))
    assert with_contents(short) == short
    paragraphs = tuple(m.Paragraph(words) for _ in range(LONG_DOCUMENT_WORDS // 50 + 1))
    long = dataclasses.replace(base, blocks=(*paragraphs, *sections))
    blocks = with_contents(long).blocks
    contents = blocks[len(paragraphs)]
    assert isinstance(contents, m.Contents) and contents.title == CONTENTS_TITLE
    assert [e.text for e in contents.entries][:2] == ["Deel 1", "Onderdeel 1"]
    assert with_contents(with_contents(long)) == with_contents(long)


# ---------------------------------------------------------------- notes


def test_one_note_per_source_per_section_and_a_source_line_under_tables() -> None:
    from briefgen.content import model as m
    from briefgen.content.notes import one_note_per_section
    from briefgen.content.text import document_units
    from model_sample import sample_document

    claim = (m.Text("Een bewering."), m.NoteRef(1))
    sources = m.Sources("Bronnen", (m.SourceEntry(1, "Analyse", publisher="VNG"), m.SourceEntry(2, "Wet")))
    blocks = (
        m.Heading(1, (m.Text("Wonen"),)),
        m.Paragraph(claim),
        m.ListBlock(False, (claim, (m.Styled("bold", (m.Text("Vet"), m.NoteRef(1))), m.NoteRef(2)))),
        m.Table(
            (((m.Text("Maatregel"),)), ((m.Text("Bedrag"),))),
            (((m.Text("Huur"), m.NoteRef(1)), (m.Text("€ 5"),)),),
            caption="Bedragen",
            numeric=(False, True),
        ),
        m.Heading(1, (m.Text("Zorg"),)),
        m.Paragraph(claim),
        sources,
    )
    document = one_note_per_section(dataclasses.replace(sample_document(), blocks=blocks))
    units = list(document_units(document))
    notes = [(unit.role, unit.notes) for unit in units if unit.notes]
    assert notes == [("body", [1]), ("list-item", [2]), ("small", [1]), ("body", [1])]
    line = next(unit for unit in units if unit.role == "small")
    assert line.text() == "Bron: Analyse, VNG"
    assert not any(unit.notes for unit in units if unit.role == "cell")


def test_the_overall_briefing_cites_each_source_once_per_section(default_set: Path) -> None:
    page = (default_set / "briefing" / "hoofdlijnenakkoord.html").read_text(encoding="utf-8")
    sections = re.split(r"<h[23][ >]", page)
    for section in sections:
        numbers = re.findall(r'aria-label="Bron (\d+)"', section)
        assert len(numbers) == len(set(numbers)), numbers
    assert re.search(r'<p class="role-small">Bron: .*?</p>', page)
