"""Right for the reader in context: letters fit their addressee, documents show the peildatum,
relative time words are flagged, and a build warns when the positions are old."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.content import model as m
from briefgen.content.text import blocks_text_list, inline_text
from briefgen.kinds.base import Options
from briefgen.kinds.letter import FRAMES
from briefgen.pipeline import BuildRequest
from briefgen.pipeline.compose import Composed, compose_all
from briefgen.pipeline.plan import Selection
from briefgen.problems import ProblemsError
from briefgen.readers.positions import load_positions, prose_fields
from briefgen.readers.profile import load_profile
from briefgen.tracing.timewords import relative_time_words

ROOT = Path(__file__).resolve().parents[1]
DATE = dt.date(2026, 11, 27)
PROFILES = [ROOT / "briefgen.yaml", ROOT / "examples" / "lindehoven.yaml"]


def _compose(profile: Path, **selection: object) -> dict[str, Composed]:
    request = BuildRequest(
        positions=ROOT / "positions",
        profile=profile,
        templates=ROOT / "templates",
        out=Path("unused"),
        selection=Selection(**selection),  # type: ignore[arg-type]
        options=Options(date=DATE),
    )
    return {item.doc_id: item for item in compose_all(request)}


def _paragraphs(blocks: tuple[m.Block, ...]) -> list[str]:
    return blocks_text_list(blocks)


def _asks(document: m.Document) -> list[str]:
    lists = [b for b in document.blocks if isinstance(b, m.ListBlock) and b.ordered]
    return [inline_text(item) for block in lists for item in block.items]


@pytest.fixture(scope="module", params=PROFILES, ids=lambda p: p.stem)
def letters(request: pytest.FixtureRequest) -> tuple[Path, dict[str, Composed]]:
    return request.param, _compose(request.param, kinds=("letter",))


def test_every_letter_frames_its_asks_for_its_addressee(letters: tuple[Path, dict[str, Composed]]) -> None:
    profile_path, documents = letters
    profile = load_profile(profile_path).profile
    by_id = {a.id: a for a in profile.letters.addressees}
    kinds_seen = set()
    for doc_id, composed in documents.items():
        theme_id = doc_id.split("/", 1)[1]
        addressee = by_id[profile.letters.themes.get(theme_id, profile.letters.default)]
        kinds_seen.add(addressee.kind.value)
        heading, intro, closing = FRAMES[addressee.kind.value]
        texts = _paragraphs(composed.document.blocks)
        if _asks(composed.document):
            assert heading in texts and (addressee.asks_intro or intro) in texts, doc_id
        assert closing in texts, doc_id
        whole = " ".join(texts)
        assert "als kabinet" not in whole, doc_id
        if addressee.kind.value == "commissie":
            assert "Wij vragen u:" not in texts, doc_id
            # "u" means the committee: no ask speaks to the reader as if it were the cabinet
            for ask in _asks(composed.document):
                assert not re.search(r"\b(?:u|uw)\b", ask), (doc_id, ask)
    # both framings occur: a committee pressed to act, and the cabinet (or its minister-president) asked directly
    assert "commissie" in kinds_seen and kinds_seen & {"kabinet", "minister-president"}


def test_cabinet_letter_keeps_direct_asks() -> None:
    documents = _compose(ROOT / "briefgen.yaml", kinds=("letter",), theme="financien-economie")
    texts = _paragraphs(documents["letter/financien-economie"].document.blocks)
    assert "Wij vragen u:" in texts and "Wat wij u vragen" in texts


def test_committee_letter_asks_the_committee_to_press_the_cabinet() -> None:
    documents = _compose(ROOT / "briefgen.yaml", kinds=("letter",), theme="asiel-migratie")
    texts = _paragraphs(documents["letter/asiel-migratie"].document.blocks)
    assert "Wij vragen u het kabinet het volgende te vragen:" in texts
    assert "Wat wij het kabinet vragen" in texts


def test_addressee_without_kind_is_a_located_error(project: Path) -> None:
    profile = project / "briefgen.yaml"
    text = profile.read_text(encoding="utf-8")
    line = text[: text.index("      kind: commissie\n")].count("\n")
    profile.write_text(text.replace("      kind: commissie\n", "", 1), encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_profile(profile)
    [problem] = caught.value.problems
    assert "kind" in problem.field and "required" in problem.message and problem.line == line


def test_every_document_shows_the_peildatum() -> None:
    for profile in PROFILES:
        for doc_id, composed in _compose(profile).items():
            whole = " ".join(_paragraphs(composed.document.blocks))
            assert re.search(r"Stand van zaken:? 16 mei 2024", whole), (profile.name, doc_id)


def test_missing_peildatum_is_a_located_error(project: Path) -> None:
    general = project / "positions" / "_algemeen.yaml"
    general.write_text(re.sub(r"peildatum: .*\n", "", general.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_positions(project / "positions")
    assert any("peildatum" in p.field and "required" in p.message for p in caught.value.problems)


def test_no_relative_time_word_remains_in_the_positions() -> None:
    positions = load_positions(ROOT / "positions")
    found = [
        (located.file, path, words)
        for located in positions.files.values()
        for path, text in prose_fields(located.data)
        for words in relative_time_words(text)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("De ROB vroeg daar eerder dit jaar om.", ["eerder dit jaar"]),
        ("Het hoofdlijnenakkoord ligt er.", ["ligt er"]),
        ("Kort geleden is een cao gesloten, en binnenkort volgt meer.", ["Kort geleden", "binnenkort"]),
        ("Het recente advies van de Rli.", ["recente"]),
        ("De ROB vroeg daar in 2024 om.", []),
        ("Het jaarverslag van dit fonds.", []),
    ],
)
def test_relative_time_words(text: str, words: list[str]) -> None:
    assert relative_time_words(text) == words


def test_check_flags_a_relative_time_word_with_file_and_line(runner, project: Path) -> None:
    theme = project / "positions" / "04-landelijk-gebied.yaml"
    text = theme.read_text(encoding="utf-8")
    old = "Het akkoord wil het landelijk gebied een toekomst bieden."
    line = text[: text.index(old)].count("\n") + 1
    theme.write_text(text.replace(old, "Het akkoord wil dit jaar het landelijk gebied een toekomst bieden.", 1))
    args = [
        "check",
        "--gate",
        "provenance",
        "--json",
        "--positions",
        str(project / "positions"),
        "--profile",
        str(project / "briefgen.yaml"),
    ]
    result = runner.invoke(main, args)
    [problem] = [p for p in json.loads(result.stdout)["problems"] if "relative time word" in p["message"]]
    assert problem["severity"] == "warning" and problem["line"] in (line - 1, line)
    assert problem["file"].endswith("04-landelijk-gebied.yaml") and "‘dit jaar’" in problem["message"]
    strict = runner.invoke(main, [*args, "--strict"])
    assert strict.exit_code == 1


@pytest.mark.parametrize(("date", "warned"), [("2026-11-27", True), ("2024-06-01", False)])
def test_build_warns_when_the_positions_are_old(runner, project: Path, date: str, warned: bool) -> None:
    result = runner.invoke(
        main,
        [
            "build",
            "--kind",
            "press",
            "--format",
            "docx",
            "--date",
            date,
            "--jobs",
            "1",
            "--positions",
            str(project / "positions"),
            "--profile",
            str(project / "briefgen.yaml"),
            "--templates",
            str(project / "templates"),
            "--out",
            str(project / "out"),
        ],
    )
    assert result.exit_code == 0, result.output
    line = "Let op: de posities zijn van 16 mei 2024; controleer of ze nog actueel zijn."
    assert (line in result.stderr) is warned
    assert line not in result.stdout
