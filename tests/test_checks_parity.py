"""The parity helper on hand-made content: hyphenation, furniture, labels, differences."""

from __future__ import annotations

from briefgen.checks import parity
from briefgen.checks.docxtext import DocxContent, DocxParagraph
from briefgen.checks.pdftext import Chunk, PdfContent


def pdf(*lines: str, furniture: tuple[str, ...] = ()) -> PdfContent:
    """PDF content with one chunk per line (10 pt, one line under the other)."""
    content = PdfContent(tagged=True, pages=1)
    y = 800.0
    for text in furniture:
        content.chunks.append(Chunk(text, 50, 300, 820, 9, 1, "artifact"))
    for text in lines:
        role = "label" if text in ("1.", "•") else "body"
        content.chunks.append(Chunk(text, 50, 50 + 5 * len(text), y, 10, 1, role))
        if role == "body":
            y -= 14
    return content


def docx(*paragraphs: str, furniture: tuple[str, ...] = ()) -> DocxContent:
    content = DocxContent(furniture=list(furniture))
    content.styles = {"Title": {"name": "Title", "based_on": "", "outline": None}}
    for index, text in enumerate(paragraphs):
        content.paragraphs.append(DocxParagraph(text, "Title" if index == 0 else "", False, False))
    return content


def test_word_keys_ignore_case_punctuation_and_hyphens() -> None:
    assert parity.word_key("‘Citaat.’") == "citaat"
    assert parity.word_key("CAO-programma") == parity.word_key("caoprogramma")
    assert parity.word_key("€") == "€" and parity.word_key("30%") == "30%"
    assert parity.word_key("–") == ""


def test_hyphenated_words_are_joined_again() -> None:
    words = parity.words_from_lines(
        [("p. 1", "Het kabinet investeert in klimaat‐"), ("p. 1", "adaptatie en CAO-"), ("p. 1", "afspraken.")]
    )
    assert [w.text for w in words][-3:] == ["klimaatadaptatie", "en", "CAO-afspraken."]


def test_same_text_laid_out_differently_agrees() -> None:
    left = pdf(
        "Vereniging van Nederlandse Gemeenten",
        "Brief",
        "Hoofdlijnenakkoord: energie",
        "Het akkoord trekt extra geld uit voor woning‐",
        "bouw.1 Zie https://example.org/",
        "een/lange/weg",
        "1.",
        "Eerste vraag.",
        furniture=("VNG-2026-005 pagina 1 van 2",),
    )
    right = docx(
        "Hoofdlijnenakkoord: energie",
        "Het akkoord trekt extra geld uit voor woningbouw.1 Zie https://example.org/een/lange/weg",
        "Eerste vraag.",
        furniture=("Vereniging van Nederlandse Gemeenten", "Brief · 27 november 2026", "pagina 1 van 1"),
    )
    # 'Brief' is in the DOCX header (the running title), so the PDF's kind label counts as furniture here
    result = parity.compare(left, right)
    assert result.ok, result.diff()
    assert result.furniture == ["Vereniging", "van", "Nederlandse", "Gemeenten", "Brief"]


def test_kind_label_in_both_bodies_is_compared() -> None:
    left = pdf("Gemeenten", "Brief", "Titel van de brief", "Tekst.")
    right = docx("Titel van de brief", "Tekst.", furniture=("Gemeenten", "Brief · datum"))
    right.paragraphs.insert(0, DocxParagraph("Brief", "", False, False))
    result = parity.compare(left, right)
    assert result.ok, result.diff()
    assert result.furniture == ["Gemeenten"]


def test_differences_are_named_with_places() -> None:
    left = pdf("Titel", "Het geld is bedoeld om woningbouw mogelijk te maken.", "Slot.")
    right = docx("Titel", "Het geld is bestemd om woningbouw mogelijk te maken.", "Slot.", "Extra zin.")
    result = parity.compare(left, right)
    assert not result.ok
    changed, added = result.differences
    assert (changed.kind, changed.left, changed.right) == ("differs", "bedoeld", "bestemd")
    assert changed.left_where == "p. 1" and changed.right_where == "¶ 2"
    assert "after ‘Titel Het geld is’" in str(changed)
    assert added.kind == "only in DOCX" and added.right == "Extra zin."
    assert "2 difference(s)" in result.diff()


def test_punctuation_only_is_a_note_not_a_difference() -> None:
    result = parity.compare(pdf("Titel", "Analyse, VNG"), docx("Titel", "Analyse (VNG)"))
    assert result.ok
    assert result.punctuation and "Analyse," in result.punctuation[0]
