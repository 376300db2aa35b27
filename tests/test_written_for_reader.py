"""Documents written for their reader: the document date, salutations that fit the addressee,
bijlagen that travel with the letter that mentions them, nothing that points at text left out."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.checks import bijlage, grounding
from briefgen.cli import main
from briefgen.content import model as m
from briefgen.content.parse import parse_blocks
from briefgen.content.text import document_text
from briefgen.kinds.grounding import rests_on, shown
from briefgen.options import Options, resolve_date
from briefgen.pipeline import BuildRequest
from briefgen.pipeline.compose import compose_all
from briefgen.pipeline.plan import Selection
from briefgen.schema.positions import Ask, Claim
from briefgen.schema.profile import Addressee

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 7)


def test_document_date_comes_from_option_then_profile_then_positions_then_today() -> None:
    given = Options(date=dt.date(2025, 1, 2), date_source="--date")
    assert resolve_date(given, dt.date(2024, 6, 1), dt.date(2024, 5, 16)) == given
    today = Options(date=TODAY, date_source="today")
    assert resolve_date(today, dt.date(2024, 6, 1), dt.date(2024, 5, 16)).date == dt.date(2024, 6, 1)
    from_positions = resolve_date(today, None, dt.date(2024, 5, 16))
    assert (from_positions.date, from_positions.date_source) == (dt.date(2024, 5, 16), "positions")
    assert resolve_date(today, None, None).date_source == "today"


def _compose(positions: Path, options: Options, **selection: object) -> dict[str, m.Document]:
    request = BuildRequest(
        positions=positions,
        profile=ROOT / "briefgen.yaml",
        templates=ROOT / "templates",
        out=Path("unused"),
        selection=Selection(**selection),  # type: ignore[arg-type]
        options=options,
    )
    return {item.doc_id: item.document for item in compose_all(request)}


def _text(document: m.Document) -> str:
    return document_text(document).replace("\xa0", " ")


def test_shipped_set_is_dated_as_published_and_the_dateline_is_the_document_date() -> None:
    documents = _compose(ROOT / "positions", Options(date=TODAY, date_source="today"))
    assert {document.meta.date for document in documents.values()} == {dt.date(2024, 5, 16)}
    assert "Den Haag, 16 mei 2024 –" in _text(documents["press/hoofdlijnenakkoord"])
    assert "Datum 16 mei 2024" in _text(documents["letter/goed-bestuur"])
    later = _compose(ROOT / "positions", Options(date=dt.date(2024, 5, 20)), kinds=("press",))
    assert "Den Haag, 20 mei 2024 –" in _text(later["press/hoofdlijnenakkoord"])


def _build(tmp_path: Path) -> str:
    runner = CliRunner()
    args = ["build", "--positions", str(tmp_path / "positions"), "--profile", str(ROOT / "briefgen.yaml")]
    args += ["--templates", str(ROOT / "templates"), "--out", str(tmp_path / "out"), "--kind", "press"]
    result = runner.invoke(main, [*args, "--format", "html", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return result.output


def test_without_any_date_the_build_uses_today_and_says_so(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "positions", tmp_path / "positions")
    assert "gedateerd op vandaag" not in _build(tmp_path)
    general = tmp_path / "positions/_algemeen.yaml"
    lines = general.read_text(encoding="utf-8").splitlines(keepends=True)
    general.write_text("".join(line for line in lines if not line.startswith("date:")), encoding="utf-8")
    assert "gedateerd op vandaag" in _build(tmp_path)


@pytest.mark.parametrize(
    ("kind", "lines", "expected"),
    [
        (
            "minister-president",
            ["Ministerie van Algemene Zaken", "t.a.v. de minister-president"],
            "Geachte minister-president,",
        ),
        ("minister", ["Ministerie van BZK", "t.a.v. de minister van BZK"], "Geachte minister,"),
        ("staatssecretaris", ["Ministerie van Financiën", "t.a.v. de staatssecretaris"], "Geachte staatssecretaris,"),
        ("kabinet", ["Ministerie van Algemene Zaken", "Postbus 20001"], "Geachte leden van het kabinet,"),
        (
            "commissie",
            ["Tweede Kamer der Staten-Generaal", "vaste commissie voor Binnenlandse Zaken"],
            "Geachte leden van de vaste commissie voor Binnenlandse Zaken,",
        ),
    ],
)
def test_salutation_follows_the_addressee(kind: str, lines: list[str], expected: str) -> None:
    addressee = Addressee.model_validate({"id": "a", "kind": kind, "lines": lines})
    assert addressee.greeting == expected
    own = Addressee.model_validate({"id": "a", "kind": kind, "lines": lines, "salutation": "Geachte mevrouw Jansen,"})
    assert own.greeting == "Geachte mevrouw Jansen,"


def test_an_addressee_without_a_known_salutation_is_refused() -> None:
    with pytest.raises(ValueError, match="needs a salutation"):
        Addressee.model_validate({"id": "a", "kind": "overig", "lines": ["IPO", "Postbus 1"]})


def _document(html: str) -> m.Document:
    meta = m.Metadata("t", "s", "o", "a", TODAY, "1", "letter", "Brief")
    return m.Document(meta=meta, letterhead=m.Letterhead("o", "logo.svg", "logo"), blocks=parse_blocks(html))


FIELDS = '<dl class="fields"><dt>Datum</dt><dd>7 december 2026</dd><dt>Bijlage(n)</dt><dd>{}</dd></dl>'


def test_bijlage_check_passes_when_the_mentioned_bijlage_is_carried_and_listed() -> None:
    html = FIELDS.format("1. Bedragen") + "<p>Zie de bijlage met de bedragen.</p><h1>Bijlage 1. Bedragen</h1><p>x</p>"
    assert bijlage.problems(_document(html)) == []
    assert bijlage.problems(_document(FIELDS.format("geen") + "<p>In de financiële bijlage staat niets.</p>")) == []


def test_bijlage_check_fails_for_a_mentioned_bijlage_that_is_missing_or_not_listed() -> None:
    missing = FIELDS.format("geen") + "<p>Zie de bijlage met de bedragen.</p>"
    assert bijlage.problems(_document(missing)) == ["mentions a bijlage but carries none"]
    unlisted = FIELDS.format("geen") + "<p>Zie de bijlage.</p><h1>Bijlage 1. Bedragen</h1><p>x</p>"
    assert "lists 'geen'" in bijlage.problems(_document(unlisted))[0]


def test_a_letter_carries_the_figures_exactly_when_it_refers_to_a_bijlage(tmp_path: Path) -> None:
    documents = _compose(ROOT / "positions", Options(date=TODAY), kinds=("letter",))
    assert all(bijlage.problems(document) == [] for document in documents.values())
    assert not documents["letter/goed-bestuur"].meta.title_block  # the address block comes first
    assert "Bijlage(n) geen" in _text(documents["letter/goed-bestuur"])  # the agreement's annex is not one
    shutil.copytree(ROOT / "positions", tmp_path / "positions")
    theme = tmp_path / "positions/07-goed-bestuur.yaml"
    text = theme.read_text(encoding="utf-8")
    # in the theme's summary, which the letter shows (folded YAML: the words may wrap)
    mention = re.compile(r"En in de financiële\s+bijlage van het akkoord")
    assert mention.search(text)
    theme.write_text(mention.sub("En in de bijlage met de bedragen", text, count=1), encoding="utf-8")
    letter = _compose(tmp_path / "positions", Options(date=TODAY), kinds=("letter",))["letter/goed-bestuur"]
    assert "Bijlage(n) 1. Bedragen in het hoofdlijnenakkoord: goed bestuur en rechtsstaat" in _text(letter)
    assert "Bijlage 1. Bedragen in het hoofdlijnenakkoord" in _text(letter) and bijlage.problems(letter) == []


def test_an_item_rests_on_the_paragraphs_whose_basis_it_shares() -> None:
    first = Claim(text="Er komt een hof.", basis=["Constitutionele toetsing door constitutioneel hof."])
    second = Claim(
        text="Het hof toetst wetten.", basis=["hof is alleen bedoeld om wetten in formele zin aan de Grondwet"]
    )
    ask = Ask(ask="Geef het hof een rol.", why="Dat helpt.", basis=["is alleen bedoeld om wetten in formele zin"])
    assert rests_on(ask, second) and not rests_on(ask, first)
    assert shown([first, second], 1, [ask]) == [first, second]
    assert shown([first, second], 1, []) == [first]


def test_grounding_check_reports_an_ask_whose_paragraph_is_not_shown() -> None:
    from briefgen.readers.positions import load_positions

    positions = load_positions(ROOT / "positions")
    topic = next(t for _, t in positions.topics() if t.id == "waarborgen-medebewindstaken")
    ask = topic.asks[0]
    figures = {fig_id: use.figure for fig_id, use in positions.figures.items()}
    without = _document(f"<p>{topic.akkoord[0].text}</p><ul><li>{ask.ask}</li></ul>")
    found = list(grounding.problems(without, [topic], figures))
    assert found and "does not show" in found[0]
    rested = [p.text for p in [*topic.akkoord, *topic.betekenis] if rests_on(ask, p)]
    with_basis = _document("".join(f"<p>{text}</p>" for text in rested) + f"<ul><li>{ask.ask}</li></ul>")
    assert list(grounding.problems(with_basis, [topic], figures)) == []
