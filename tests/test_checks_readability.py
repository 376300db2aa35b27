"""The readability gate: Dutch syllables, sentences, Flesch-Douma/Brouwer and the profile's targets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen.checks import readability, run_checks
from briefgen.checks.base import Inputs
from briefgen.content import model as m

DATE = dt.date(2026, 11, 27)


def inputs(project: Path) -> Inputs:
    return Inputs(project / "positions", project / "briefgen.yaml", project / "templates", None, DATE)


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("apotheek", 3),  # pyphen: apo-theek (no single letter at the start)
        ("ideaal", 3),  # pyphen: ide-aal
        ("energietransitie", 6),  # pyphen: ener-gie-tran-si-tie
        ("geïnvesteerd", 4),
        ("coördinatie", 5),
        ("gemeenten", 3),
        ("uitvoerbaarheid", 4),
        ("ook", 1),
        ("VNG", 3),  # spelled out
        ("CAO-programma", 5),
        ("regio's", 3),
    ],
)
def test_dutch_syllables(word: str, count: int) -> None:
    assert readability.syllables(word) == count


def test_sentences_respect_abbreviations() -> None:
    text = "Dit geldt bijv. voor de VNG. Zie t.a.v. de minister! ‘Citaat.’ En dan: drie punten"
    assert readability.split_sentences(text) == [
        "Dit geldt bijv. voor de VNG.",
        "Zie t.a.v. de minister!",
        "‘Citaat.’",
        "En dan: drie punten",
    ]


def test_formulas() -> None:
    # 10 words, 1 sentence, 15 syllables: 206.835 - 9.3 - 115.5 and 195 - 20 - 100.05
    assert readability.flesch_douma(10, 1, 15) == pytest.approx(82.035)
    assert readability.brouwer(10, 1, 15) == pytest.approx(74.95)


def test_measure_skips_labels_and_furniture() -> None:
    doc = m.Document(
        meta=m.Metadata("T", "S", "O", "A", DATE, "N-1", "press", "Persbericht", date_label="1 januari 2026"),
        letterhead=m.Letterhead("O", "logo.svg", "Logo"),
        blocks=(
            m.Fields((m.Field("Datum", (m.Text("27 november 2026"),)),)),
            m.Paragraph((m.Styled("bold", (m.Text("Wonen."),)), m.Text(" Het huis is rood. De deur is dicht.")), ""),
            m.Heading(1, (m.Text("Geld"),)),
            m.ListBlock(False, ((m.Text("Een punt"),), (m.Text("Nog een punt."),))),
            m.Paragraph((m.Text("Niet voor publicatie."),), "small"),
        ),
    )
    result = readability.measure("press/x", doc)
    assert [s.text for s in result.total.sentences] == [
        "Het huis is rood.",
        "De deur is dicht.",
        "Een punt",
        "Nog een punt.",
    ]
    assert set(result.sections) == {readability.INTRO, "Geld"}
    assert result.total.word_count == 4 + 4 + 2 + 3


HARD = (
    "Gemeentelijke uitvoeringsorganisaties constateren onvoldoende beleidsinhoudelijke consistentie "
    "tussen interbestuurlijke financieringsarrangementen en decentralisatieverplichtingen, "
    "hetgeen structurele implementatieproblematiek veroorzaakt."
)


def test_too_hard_press_text_fails_and_names_sentence(project: Path) -> None:
    general = project / "positions" / "_algemeen.yaml"
    text = general.read_text(encoding="utf-8")
    start = text.index("  lead:\n")
    end = text.index("  sections:")
    general.write_text(text[:start] + f"  lead: >-\n    {HARD} {HARD}\n" + text[end:], encoding="utf-8")
    # a lead may be a plain string (a claim without basis yet): the readability gate still reads it
    result = readability.check(inputs(project))
    [finding] = [f for f in result.errors if f.document == "press/hoofdlijnenakkoord"]
    assert "press target not met" in finding.message and "Flesch-Douma" in finding.message
    assert "Gemeentelijke uitvoeringsorganisaties" in finding.message
    assert "_algemeen.yaml" in finding.message  # where to rewrite it
    data = result.documents["press/hoofdlijnenakkoord"]["readability"]
    assert data["passed"] is False
    assert "_algemeen.yaml" in data["rewrite_first"][0]["source"]
    assert data["target"]["flesch_douma_min"] == 60


def test_targets_come_from_the_profile(project: Path) -> None:
    profile = project / "briefgen.yaml"
    text = profile.read_text(encoding="utf-8")
    start = text.index("  readability_targets:")
    profile.write_text(
        text[:start]
        + "  readability_targets:\n"
        + "".join(
            f"    {kind}: {{flesch_douma_min: 0, avg_sentence_words_max: 40}}\n"
            for kind in ("press", "briefing", "memo", "letter")
        ),
        encoding="utf-8",
    )
    report = run_checks(project / "positions", profile, project / "templates", gates=["readability"], date=DATE)
    assert report.passed, [str(f) for f in report.findings()]
    documents = report.as_dict()["documents"]
    assert len(documents) == 35  # 10 per theme + the overall briefing, 10 letters, 13 memos, 1 press
    sample = documents["briefing/wonen-mobiliteit"]["readability"]
    assert {"flesch_douma", "brouwer", "avg_sentence_words", "longest_sentence_words", "sections"} <= set(sample)
    assert sample["sections"]  # per section too


def test_brouwer_target_is_optional_and_checked(project: Path) -> None:
    profile = project / "briefgen.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(
        text.replace(
            "letter: {flesch_douma_min: 50, avg_sentence_words_max: 18}",
            "letter: {flesch_douma_min: 0, avg_sentence_words_max: 40, brouwer_min: 99}",
        ),
        encoding="utf-8",
    )
    result = readability.check(inputs(project))
    letters = [f for f in result.errors if f.document.startswith("letter/")]
    assert len(letters) == 10 and all("Brouwer" in f.message for f in letters)
