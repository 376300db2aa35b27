"""The one text view of the model: what writers, checks and tests read as a document's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefgen.content import model as m
from briefgen.content.text import block_texts, block_units, document_text, document_units, inline_text
from model_sample import sample_document

ROOT = Path(__file__).resolve().parents[1]


def test_inline_text_leaves_note_numbers_out_unless_asked() -> None:
    link = m.Link("https://vng.nl", (m.Text("vng"),))
    items = (m.Text("€ 1 miljard"), m.NoteRef(2), m.LineBreak(), m.Styled("bold", (link,)))
    assert inline_text(items) == "€ 1 miljard\nvng"
    assert inline_text(items, note_numbers=True) == "€ 1 miljard2\nvng"


def test_fields_read_as_label_and_value() -> None:
    fields = m.Fields((m.Field("Datum", (m.Text("2 december 2026"),)),))
    assert block_texts(fields) == ["Datum 2 december 2026"]


def test_every_block_of_the_sample_has_text_in_the_view() -> None:
    document = sample_document()
    text = document_text(document)
    assert text.splitlines()[:2] == [document.meta.kind_label, document.meta.title]
    for block in document.blocks:
        if isinstance(block, m.PageBreak):
            continue
        assert block_texts(block), type(block).__name__


WALKS_INLINES = re.compile(r"isinstance\(\w+, \(?(?:m\.|model\.)?(?:Styled|Link|Revision)\b")
"""Recursing into inline containers by hand: what the text view and the visitors are for."""


def test_no_module_outside_the_model_walks_inline_content_by_hand() -> None:
    offenders = []
    for path in (ROOT / "src" / "briefgen").rglob("*.py"):
        if path.relative_to(ROOT / "src" / "briefgen").as_posix() in ("content/model.py", "content/text.py"):
            continue
        if WALKS_INLINES.search(path.read_text(encoding="utf-8")):
            offenders.append(path.name)
    for path in (ROOT / "tests").glob("*.py"):
        if WALKS_INLINES.search(path.read_text(encoding="utf-8")) and path.name != "test_text_view.py":
            offenders.append(path.name)
    assert offenders == []


def test_a_visitor_without_a_handler_for_every_block_type_cannot_be_defined() -> None:
    with pytest.raises(TypeError, match="on_page_break"):

        class Incomplete(m.BlockVisitor[str]):
            def on_heading(self, block: m.Heading) -> str:
                return ""

    with pytest.raises(TypeError, match="on_revision"):

        class NoRevisions(m.InlineVisitor[str]):
            on_text = on_styled = on_link = on_note_ref = on_line_break = lambda self, item: ""


def test_the_writers_and_the_text_view_are_visitors() -> None:
    from briefgen.content import text
    from briefgen.writers import markup
    from briefgen.writers.docx import blocks, inlines

    assert issubclass(markup.BodyWriter, m.BlockVisitor) and issubclass(markup.BodyWriter, m.InlineVisitor)
    assert issubclass(blocks._Blocks, m.BlockVisitor) and issubclass(inlines._Inlines, m.InlineVisitor)
    assert issubclass(text._Units, m.BlockVisitor) and issubclass(text._Spans, m.InlineVisitor)


def test_units_carry_roles_notes_and_emphasis() -> None:
    fields = m.Fields((m.Field("Onderwerp", (m.Text("Wonen"), m.NoteRef(3))),))
    paragraph = m.Paragraph(
        (m.Styled("bold", (m.Text("Standpunt:"),)), m.Text(" steun"), m.Revision("ins", (m.Text(" nu"), m.NoteRef(4))))
    )
    field_unit, body = [*block_units(fields), *block_units(paragraph)]
    assert field_unit.role == "field" and [s.role for s in field_unit.spans] == ["label", "field", "field", "note-ref"]
    assert field_unit.text() == "Onderwerp Wonen" and field_unit.notes == [3]
    assert body.role == "body" and body.notes == [4]  # a note inside a tracked change still counts
    assert [s.bold for s in body.spans] == [True, False, False, False]
    assert [s.revision for s in body.spans] == ["", "", "ins", "ins"]
    assert body.text(note_numbers=True) == "Standpunt: steun nu4"


def test_document_units_put_furniture_first_only_when_asked() -> None:
    document = sample_document()
    units = list(document_units(document, furniture=True))
    assert units[0].role == "furniture" and units[0].text() == document.letterhead.organisation
    assert [u.role for u in document_units(document)][:2] == ["kind", "title"]
    roles = {unit.role for unit in document_units(document)}
    assert {"title", "heading", "body", "list-item", "cell", "header-cell", "source"} <= roles


def test_an_unknown_block_type_fails_loudly() -> None:
    @dataclass(frozen=True)
    class Chart:
        title: str

    with pytest.raises(TypeError, match="Chart"):
        block_texts(Chart("Uitgaven"))  # type: ignore[arg-type]
