"""Each document kind selects and phrases the positions for its audience."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.content import model as m
from briefgen.content.templating import figure_text
from briefgen.content.text import blocks_text_list, inline_text
from briefgen.kinds.base import Options
from briefgen.pipeline import BuildRequest
from briefgen.pipeline.compose import Composed, compose_all
from briefgen.pipeline.plan import Selection
from briefgen.readers.positions import load_positions
from briefgen.readers.profile import load_profile

ROOT = Path(__file__).resolve().parents[1]
DATE = dt.date(2026, 11, 27)


def _compose(profile: Path = ROOT / "briefgen.yaml", **selection: object) -> dict[str, Composed]:
    request = BuildRequest(
        positions=ROOT / "positions",
        profile=profile,
        templates=ROOT / "templates",
        out=Path("unused"),
        selection=Selection(**selection),  # type: ignore[arg-type]
        options=Options(date=DATE),
    )
    return {item.doc_id: item for item in compose_all(request)}


@pytest.fixture(scope="module")
def documents() -> dict[str, Composed]:
    return _compose()


def _text(blocks: tuple[m.Block, ...]) -> str:
    return "\n".join(blocks_text_list(blocks))


def test_the_full_set_is_planned(documents: dict[str, Composed]) -> None:
    kinds = [doc_id.split("/")[0] for doc_id in documents]
    assert kinds.count("briefing") == 11 and kinds.count("letter") == 10
    assert kinds.count("memo") == 13 and kinds.count("press") == 1


def test_vng_briefing_is_a_ledenbrief_in_the_associations_voice(documents: dict[str, Composed]) -> None:
    doc = documents["briefing/wonen-mobiliteit"].document
    fields = next(b for b in doc.blocks if isinstance(b, m.Fields))
    labels = [field.label for field in fields.fields]
    assert labels[:2] == ["Aan", "Datum"] and "Onderwerp" in labels and "Behandeld door" in labels
    assert not any(label.startswith("Portefeuillehouder") for label in labels)  # a ledenbrief names none
    assert doc.meta.kind_label == "Ledenbrief" and re.fullmatch(r"Lbr\. 26/\d{3}", doc.meta.number)
    text = _text(doc.blocks)
    assert "Aan het college en de gemeenteraad" in text
    assert "Geachte leden van college en gemeenteraad," in text
    assert "In deze ledenbrief leest u meer over het hoofdlijnenakkoord." in text
    assert "Wat staat er in het akkoord?" in text and "Wat betekent dit voor gemeenten?" in text
    assert "Financiële gevolgen" in text and "Met vriendelijke groet," in text
    table = next(b for b in doc.blocks if isinstance(b, m.Table))
    assert len(table.rows) >= 3  # several amounts: a table
    assert any(isinstance(b, m.Sources) for b in doc.blocks)


def test_no_vng_document_speaks_as_a_college(documents: dict[str, Composed]) -> None:
    for doc_id, item in documents.items():
        text = _text(item.document.blocks).lower()
        assert "het college informeert u" not in text and "informeert het college u" not in text, doc_id
        assert "raadsinformatiebrief" not in text, doc_id


def test_municipal_briefing_is_a_raadsinformatiebrief_from_its_college() -> None:
    profile = ROOT / "examples/lindehoven.yaml"
    composed = _compose(profile, kinds=("briefing",), theme="wonen-mobiliteit")
    doc = composed["briefing/wonen-mobiliteit"].document
    labels = [field.label for field in next(b for b in doc.blocks if isinstance(b, m.Fields)).fields]
    assert any(label.startswith("Portefeuillehouder") for label in labels)
    assert doc.meta.kind_label == "Raadsinformatiebrief" and re.fullmatch(r"RIB-2026-\d{3}", doc.meta.number)
    text = _text(doc.blocks)
    assert "Geachte leden van de gemeenteraad," in text and "Met deze brief informeert het college u" in text
    assert "het college van burgemeester en wethouders van Lindehoven" in text
    assert "ledenbrief" not in text.lower() and "Geachte leden van college en gemeenteraad" not in text


def test_letter_asks_are_numbered_and_come_from_the_data(documents: dict[str, Composed]) -> None:
    positions = load_positions(ROOT / "positions")
    theme = positions.theme("bestaanszekerheid")
    doc = documents["letter/bestaanszekerheid"].document
    asks = next(b for b in doc.blocks if isinstance(b, m.ListBlock) and b.ordered)
    expected = [ask.ask for topic in theme.topics for ask in topic.asks]
    assert [inline_text(item[0].children) for item in asks.items] == expected  # type: ignore[union-attr]
    text = _text(doc.blocks)
    assert "Geachte leden van de vaste commissie voor Sociale Zaken en Werkgelegenheid," in text
    assert "Postbus 20018" in text and "Wij vragen u het kabinet het volgende te vragen:" in text
    assert "Met vriendelijke groet," in text and "Leonard Geluk" in text


def test_memo_puts_kernboodschap_and_a_few_priorities_first_then_its_own_topics(documents: dict[str, Composed]) -> None:
    positions = load_positions(ROOT / "positions")
    doc = documents["memo/financien"].document
    headings = [inline_text(b.children) for b in doc.blocks if isinstance(b, m.Heading) and b.level == 1]
    own = [t.title for _, t in positions.topics() if t.portfolios[0] == "financien"]
    assert headings[0] == "Advies" and headings[1 : 1 + len(own)] == own
    advies = next(b for b in doc.blocks if isinstance(b, m.ListBlock) and b.ordered)
    assert 1 <= len(advies.items) <= 5
    text = _text(doc.blocks)
    assert "Kernboodschap" in text and "Wat vragen we?" in text and "Gesprekspunten" in text
    assert "Status ter informatie" in text and "Van beleidsadviseur VNG, Beleid" in text


def _memo_text(documents: dict[str, Composed], portfolio: str) -> str:
    return _text(documents[f"memo/{portfolio}"].document.blocks)


def test_memos_take_from_other_topics_only_what_concerns_the_portfolio(documents: dict[str, Composed]) -> None:
    werk = _memo_text(documents, "werk-inkomen")
    assert "arbeidsmigr" in werk.lower() and "Spreidingswet" not in werk
    financien = _memo_text(documents, "financien")
    assert "Maak de pedagogische basis sterker." not in financien  # an ask of onderwijs-cultuur, not about money
    assert "Rijksvaccinatieprogramma" not in financien and "btw" not in financien.lower()
    mobiliteit = documents["memo/mobiliteit"].document
    headings = [inline_text(b.children) for b in mobiliteit.blocks if isinstance(b, m.Heading)]
    assert "Energietransitie en klimaat" not in " ".join(headings)
    for topic_heading in headings:
        assert topic_heading.lower() not in ("grip op asiel en migratie",) or headings.count(topic_heading) == 1


def test_every_memo_heading_differs_from_the_one_above_and_labels_are_punctuated_once(
    documents: dict[str, Composed],
) -> None:
    for doc_id, item in documents.items():
        if item.job.kind != "memo":
            continue
        headings = [inline_text(b.children) for b in item.document.blocks if isinstance(b, m.Heading)]
        assert all(a != b for a, b in itertools.pairwise(headings)), doc_id
        text = _text(item.document.blocks)
        assert "Standpunt: gemengd:" not in text and "::" not in text, doc_id


def test_press_statement_has_lead_quote_editors_note_and_no_internal_matter(documents: dict[str, Composed]) -> None:
    doc = documents["press/hoofdlijnenakkoord"].document
    positions = load_positions(ROOT / "positions")
    assert any(isinstance(b, m.Paragraph) and b.role == "lead" for b in doc.blocks)
    quote = next(b for b in doc.blocks if isinstance(b, m.Quote))
    assert inline_text(quote.children) == positions.general.reaction.quote
    assert quote.attribution.startswith("Leonard Geluk")
    text = _text(doc.blocks)
    assert "Voor directe publicatie" in text and "Noot voor de redactie" in text
    internal = [p.text for _, topic in positions.topics() for p in (*topic.talking_points, *topic.risks)]
    assert not any(point in text for point in internal)
    assert "Gesprekspunten" not in text and "Risico" not in text
    words = len(_text(tuple(b for b in doc.blocks if not isinstance(b, m.Fields))).split())
    assert 250 <= words <= 450


def test_press_embargo_line_has_date_time_and_reason() -> None:
    request = BuildRequest(
        positions=ROOT / "positions",
        profile=ROOT / "briefgen.yaml",
        templates=ROOT / "templates",
        out=Path("unused"),
        selection=Selection(kinds=("press",)),
        options=Options(date=DATE, embargo=dt.datetime(2026, 11, 28, 10, 0), embargo_reason="na de persconferentie"),
    )
    (doc,) = compose_all(request)
    notice = next(b for b in doc.document.blocks if isinstance(b, m.Paragraph) and b.role == "notice")
    assert inline_text(notice.children) == "EMBARGO tot zaterdag 28 november 2026, 10.00 uur, na de persconferentie"


def test_a_figure_reads_the_same_in_every_document_that_uses_it(documents: dict[str, Composed]) -> None:
    positions = load_positions(ROOT / "positions")
    figure = positions.figures["jeugdzorg-extra-bezuiniging"].figure
    value = figure_text(figure)
    assert value == "€\u00a0511\u00a0miljoen"
    users = [doc_id for doc_id, item in documents.items() if "511" in _text(item.document.blocks)]
    assert len(users) >= 3
    for doc_id in users:
        text = _text(documents[doc_id].document.blocks)
        assert re.findall(r"€\s?511\s?miljoen", text) == [value] * len(re.findall(r"511", text)), doc_id


def test_other_profile_builds_with_its_own_names(tmp_path: Path, runner) -> None:
    profile = ROOT / "examples/lindehoven.yaml"
    loaded = load_profile(profile).profile
    out = tmp_path / "out"
    args = [
        "build",
        "--profile",
        str(profile),
        "--positions",
        str(ROOT / "positions"),
        "--templates",
        str(ROOT / "templates"),
        "--out",
        str(out),
        "--format",
        "docx",
        "--date",
        "2026-11-27",
    ]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    kinds = [doc["kind"] for doc in manifest["documents"]]
    assert kinds.count("memo") == len(loaded.portfolios) == 5 and kinds.count("briefing") == 11
    memo = _compose(profile, kinds=("memo",), portfolio="sociaal-domein")["memo/sociaal-domein"].document
    assert "Marieke de Boer" in _text(memo.blocks)
    briefing = _compose(profile, kinds=("briefing",), theme="asiel-migratie")["briefing/asiel-migratie"].document
    text = _text(briefing.blocks)
    assert briefing.meta.number == "RIB-2026-070" and "Anouk van Dalen" in text and "Peter Hoekstra" in text


def test_press_statement_fits_one_a4(documents: dict[str, Composed]) -> None:
    from briefgen.writers.pdf import PdfWriter

    rendered = PdfWriter(ROOT / "templates/house").render(documents["press/hoofdlijnenakkoord"].document)
    assert rendered.pages == 1
