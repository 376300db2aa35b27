"""The one text view of the model: what writers, checks and tests read as a document's text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from briefgen.content import model as m
from briefgen.content.text import block_texts, document_text, inline_text
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
    assert text.splitlines()[0] == document.meta.title
    for block in document.blocks:
        if isinstance(block, m.PageBreak):
            continue
        assert block_texts(block), type(block).__name__


def test_no_other_module_extracts_text_from_inlines() -> None:
    for path in (ROOT / "src" / "briefgen").rglob("*.py"):
        if path.name == "text.py" or "writers" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        assert not ("isinstance(item, m.Text)" in source and "parts.append(item.text)" in source), path


def test_an_unknown_block_type_fails_loudly() -> None:
    @dataclass(frozen=True)
    class Chart:
        title: str

    with pytest.raises(TypeError, match="Chart"):
        block_texts(Chart("Uitgaven"))  # type: ignore[arg-type]
