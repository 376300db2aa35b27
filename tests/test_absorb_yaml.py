"""Minimal YAML edits of absorb, and reading claim text back from WordprocessingML."""

from __future__ import annotations

import pytest
import yaml
from lxml import etree

from briefgen.absorb.written import FigureEdited, written_text
from briefgen.absorb.yamledit import EditError, delete_item, replace_scalar
from briefgen.writers.docx.claims import W_NS, paragraph_text

SAMPLE = """\
# comment at the top
id: x   # trailing comment
summary: Kort en plain.
quoted: "Een tekst tussen aanhalingstekens."
items:
  - Eerste punt.
  - text: >-
      Een lange tekst die over meerdere regels loopt, zoals de posities dat doen, met een
      tweede regel hier.
    basis:
      - fragment
  # a comment between items
  - Derde punt.
"""


def test_a_short_plain_text_stays_plain_and_nothing_else_changes() -> None:
    result = replace_scalar(SAMPLE, ("summary",), "Kort, plain en nieuw.")
    assert result == SAMPLE.replace("summary: Kort en plain.", "summary: Kort, plain en nieuw.")


def test_a_long_plain_text_becomes_folded_at_the_right_indentation() -> None:
    long = " ".join(["woord"] * 40)
    result = replace_scalar(SAMPLE, ("items", 0), long, width=60)
    assert "  - >-\n    woord woord" in result
    assert all(len(line) <= 60 for line in result.split("\n") if line not in SAMPLE.split("\n"))
    data = yaml.safe_load(result)
    assert data["items"][0] == long and data["items"][1:] == yaml.safe_load(SAMPLE)["items"][1:]
    assert "# a comment between items" in result and "# trailing comment" in result


def test_a_folded_text_keeps_its_lines_where_the_words_stay() -> None:
    result = replace_scalar(SAMPLE, ("items", 1), yaml.safe_load(SAMPLE)["items"][1]["text"].replace("hier", "daar"))
    changed = [line for line in result.split("\n") if line not in SAMPLE.split("\n")]
    assert changed == ["      tweede regel daar."]


def test_a_quoted_text_stays_quoted_and_a_text_with_a_colon_is_not_written_plain() -> None:
    result = replace_scalar(SAMPLE, ("quoted",), "Nu anders.")
    assert 'quoted: "Nu anders."' in result
    result = replace_scalar(SAMPLE, ("summary",), "Let op: dit is anders.")
    assert yaml.safe_load(result)["summary"] == "Let op: dit is anders."


def test_a_line_break_or_a_missing_field_is_refused() -> None:
    with pytest.raises(EditError):
        replace_scalar(SAMPLE, ("summary",), "twee\nregels")
    with pytest.raises(EditError):
        replace_scalar(SAMPLE, ("missing",), "tekst")


def test_deleting_a_list_item_removes_its_lines_only() -> None:
    result = delete_item(SAMPLE, ("items", 1))
    assert yaml.safe_load(result)["items"] == ["Eerste punt.", "Derde punt."]
    assert "# a comment between items" in result and "fragment" not in result


def test_figure_values_go_back_to_markers_and_an_edited_amount_is_refused() -> None:
    shown = "Er komt \u20ac\u00a01\u00a0miljard per jaar bij."
    written = "Er komt {fig:bouw} per jaar bij."
    assert written_text(shown, written, "Er komt \u20ac\u00a01\u00a0miljard per jaar extra bij.") == (
        "Er komt {fig:bouw} per jaar extra bij."
    )
    with pytest.raises(FigureEdited):
        written_text(shown, written, "Er komt \u20ac\u00a02\u00a0miljard per jaar bij.")
    assert written_text("laat het zo.", "Laat het zo.", "laat het anders.") == "Laat het anders."


def test_paragraph_text_takes_tracked_changes_and_skips_placeholders_and_note_numbers() -> None:
    xml = (
        f'<w:p xmlns:w="{W_NS}"><w:r><w:t>Een </w:t></w:r>'
        "<w:del><w:r><w:delText>oude</w:delText></w:r></w:del><w:ins><w:r><w:t>nieuwe</w:t></w:r></w:ins>"
        '<w:r><w:t xml:space="preserve"> zin.</w:t></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="NoteReference"/></w:rPr><w:t>3</w:t></w:r>'
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
        "<w:sdtContent><w:r><w:t>Klik hier</w:t></w:r></w:sdtContent></w:sdt>"
        "</w:p>"
    )
    p = etree.fromstring(xml)
    assert paragraph_text(p, "NoteReference") == "Een nieuwe zin."
    assert paragraph_text(p, "NoteReference", "reject") == "Een oude zin."
