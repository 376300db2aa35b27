"""A municipality's overlay: local content beside the shared positions, clearly its own."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from briefgen.content import model as m
from briefgen.content.text import blocks_text_list, document_units, inline_text
from briefgen.kinds.base import Options
from briefgen.pipeline import BuildRequest
from briefgen.pipeline.compose import Composed, compose_all
from briefgen.pipeline.plan import Selection
from briefgen.problems import ProblemsError
from briefgen.readers.overlay import load_overlay
from briefgen.readers.positions import Positions, load_positions

ROOT = Path(__file__).resolve().parents[1]
LINDEHOVEN = ROOT / "examples" / "lindehoven.yaml"
DATE = dt.date(2026, 11, 27)


def _compose(profile: Path, positions: Path = ROOT / "positions", **selection: object) -> dict[str, Composed]:
    request = BuildRequest(
        positions=positions,
        profile=profile,
        templates=ROOT / "templates",
        out=Path("unused"),
        selection=Selection(**selection),  # type: ignore[arg-type]
        options=Options(date=DATE),
    )
    return {item.doc_id: item for item in compose_all(request)}


def _text(document: m.Document) -> str:
    """The document's text, no-break spaces (between amount and unit) read as spaces."""
    return "\n".join(blocks_text_list(document.blocks)).replace("\u00a0", " ")


@pytest.fixture(scope="module")
def lindehoven() -> dict[str, Composed]:
    return _compose(LINDEHOVEN)


@pytest.fixture(scope="module")
def shared() -> Positions:
    return load_positions(ROOT / "positions")


def test_local_sections_carry_the_municipality_name(lindehoven: dict[str, Composed]) -> None:
    briefing = lindehoven["briefing/publieke-voorzieningen"].document
    headings = [inline_text(b.children) for b in briefing.blocks if isinstance(b, m.Heading)]
    assert "Wat betekent dit voor Lindehoven?" in headings
    assert "Wat betekent dit voor gemeenten?" in headings  # the shared section stays
    text = _text(briefing)
    assert "Lindehoven gaf in 2025 € 14,2 miljoen uit aan jeugdhulp" in text
    assert "Standpunt van Lindehoven: gemengd (steun met kanttekeningen)." in text
    assert "Voor Lindehoven: Lindehoven houdt de hervorming van de jeugdzorg vast." in text


def test_local_figures_are_marked_in_tables(lindehoven: dict[str, Composed]) -> None:
    briefing = lindehoven["briefing/publieke-voorzieningen"].document
    table = next(b for b in briefing.blocks if isinstance(b, m.Table))
    assert inline_text(table.header[-1]) == "Herkomst"
    rows = {inline_text(row[0]).rstrip("0123456789"): inline_text(row[-1]) for row in table.rows}
    assert rows["Uitgaven aan jeugdhulp van Lindehoven in 2025 (fictief)"] == "lokaal"
    assert rows["Extra bezuiniging op de jeugdzorg die vervalt"] == "akkoord"
    assert "de begrote lasten van het programma Jeugd" in _text(briefing)  # how it was derived


def test_source_list_separates_shared_and_local_sources(lindehoven: dict[str, Composed]) -> None:
    briefing = lindehoven["briefing/publieke-voorzieningen"].document
    lists = [b for b in briefing.blocks if isinstance(b, m.Sources)]
    assert [s.title for s in lists] == ["Bronnen", "Bronnen van Gemeente Lindehoven"]
    shared, local = lists
    numbers = [e.number for s in lists for e in s.entries]
    assert numbers == list(range(1, len(numbers) + 1))  # one numbering across both lists
    assert all(e.publisher == "Gemeente Lindehoven" for e in local.entries)
    assert not any(e.publisher == "Gemeente Lindehoven" for e in shared.entries)
    refs = {n for unit in document_units(briefing) for n in unit.notes}
    assert {e.number for e in local.entries} <= refs  # every local source is cited


def test_memo_and_letter_carry_local_stance_and_asks(lindehoven: dict[str, Composed]) -> None:
    memo = _text(lindehoven["memo/financien-economie"].document)
    assert "Standpunt VNG: zorgen." in memo  # the shared stance, named as such beside the local one
    assert "Standpunt van Lindehoven: afwijzend." in memo
    assert "Betrek kleine gemeenten als Lindehoven bij de herziening van het gemeentefonds." in memo
    assert "(vraag van Lindehoven)" in memo
    letter = _text(lindehoven["letter/financien-economie"].document)
    assert "Betrek kleine gemeenten als Lindehoven bij de herziening van het gemeentefonds." in letter


def test_overall_briefing_covers_every_theme_with_local_consequences(lindehoven: dict[str, Composed]) -> None:
    overall = lindehoven["briefing/hoofdlijnenakkoord"].document
    headings = [inline_text(b.children) for b in overall.blocks if isinstance(b, m.Heading) and b.level == 1]
    assert headings[:3] == ["Bestaanszekerheid", "Asiel en migratie", "Wonen en mobiliteit"]
    assert headings[-2:] == ["Financiële gevolgen", "Vervolg"]
    tables = [b for b in overall.blocks if isinstance(b, m.Table)]
    assert len(tables) == 1  # the money of every theme in one table
    text = _text(overall)
    assert "Voor Lindehoven: Het grootste punt is het geld." in text
    assert "Wat betekent dit voor Lindehoven? Lindehoven wil tot 2030 1.200 woningen bouwen." in text
    assert overall.meta.subject == "Hoofdlijnenakkoord: wat het betekent voor Lindehoven"


def _local_copy(tmp_path: Path) -> Path:
    """A copy of the Lindehoven profile and overlay to change; returns its profile."""
    work = tmp_path / "profielen"
    work.mkdir()
    shutil.copy(LINDEHOVEN, work / "lindehoven.yaml")
    shutil.copytree(ROOT / "examples" / "lindehoven", work / "lindehoven")
    return work / "lindehoven.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _source_entries(document: m.Document) -> dict[str, int]:
    return {e.title: e.number for s in document.blocks if isinstance(s, m.Sources) for e in s.entries}


def test_every_local_figure_shows_its_source_and_derivation(tmp_path: Path) -> None:
    profile = _local_copy(tmp_path)
    wonen = profile.parent / "lindehoven" / "03-wonen-mobiliteit.yaml"
    # the count figure comes from the begroting, the paragraphs (and the kernboodschap) around it from the woonvisie
    _edit(
        wonen,
        "        source: lindehoven-woonvisie\n        derivation:",
        "        source: lindehoven-begroting-2025\n        derivation:",
    )
    # and a local ask of the letter shows it too
    _edit(wonen, "de betaalbare woningen uit de woonvisie", "de {fig:lindehoven-nieuwbouw} woningen uit de woonvisie")
    documents = _compose(profile, kinds=("briefing", "letter"))
    begroting = "Programmabegroting 2025 gemeente Lindehoven (fictief voorbeeld)"
    derivation = "Geplande nieuwe woningen in Lindehoven tot 2030 (fictief): de bouwopgave in de Woonvisie"
    intros = {  # a count, not only money, is explained
        "briefing/wonen-mobiliteit": "Zo is het lokale cijfer bepaald:",  # after the local paragraph
        "briefing/hoofdlijnenakkoord": "Zo zijn de lokale cijfers bepaald:",  # after the money, with the amounts
        "letter/wonen-mobiliteit": "Zo is het lokale cijfer bepaald:",  # after the asks
    }
    for doc_id, intro in intros.items():
        document = documents[doc_id].document
        sources = _source_entries(document)
        assert begroting in sources, doc_id  # the figure's own source is listed …
        units = [u for u in document_units(document) if "1.200" in u.text()]
        assert units and all(sources[begroting] in u.notes for u in units), doc_id  # … and cited where it shows
        text = _text(document)
        assert intro in text, doc_id
        assert text.count(derivation) == 1, doc_id  # once per document
    # with the figure's source equal to the paragraph's, that one source is cited once
    plain = _compose(LINDEHOVEN, kinds=("briefing",), theme="wonen-mobiliteit")["briefing/wonen-mobiliteit"].document
    assert begroting not in _source_entries(plain)


def test_local_kernboodschap_gets_one_voor_label(tmp_path: Path) -> None:
    profile = _local_copy(tmp_path)
    local = profile.parent / "lindehoven" / "_lokaal.yaml"
    _edit(local, "kernboodschap: >-\n  Het grootste punt", "kernboodschap: >-\n  Voor Lindehoven: het grootste punt")
    jeugd = profile.parent / "lindehoven" / "06-publieke-voorzieningen.yaml"
    _edit(
        jeugd,
        "kernboodschap: >-\n  Lindehoven houdt",
        "kernboodschap: >-\n  Voor Lindehoven is het belangrijk: Lindehoven houdt",
    )
    documents = _compose(profile, kinds=("briefing",))
    overall = _text(documents["briefing/hoofdlijnenakkoord"].document)
    assert "Voor Lindehoven: het grootste punt is het geld." in overall
    assert overall.count("Voor Lindehoven:") == 1
    theme = _text(documents["briefing/publieke-voorzieningen"].document)
    assert "Voor Lindehoven is het belangrijk: Lindehoven houdt" in theme
    assert "Voor Lindehoven: Voor Lindehoven" not in theme and "Voor Lindehoven:" not in theme


def test_without_overlay_documents_have_no_local_parts() -> None:
    documents = _compose(ROOT / "briefgen.yaml", kinds=("briefing",), theme="publieke-voorzieningen")
    briefing = documents["briefing/publieke-voorzieningen"].document
    text = _text(briefing)
    assert "Herkomst" not in text and "lokaal" not in text
    assert [b.title for b in briefing.blocks if isinstance(b, m.Sources)] == ["Bronnen"]


def test_profile_can_switch_off_the_per_theme_briefings(tmp_path: Path) -> None:
    profile = tmp_path / "profiel.yaml"
    text = (ROOT / "briefgen.yaml").read_text(encoding="utf-8")
    profile.write_text(text.replace("briefing:\n", "briefing:\n  per_theme: false\n", 1), encoding="utf-8")
    documents = _compose(profile, kinds=("briefing",))
    assert list(documents) == ["briefing/hoofdlijnenakkoord"]


# ---------------------------------------------------------------- errors, located


def _overlay(tmp_path: Path, files: dict[str, str], name: str = "lokaal") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return folder


def _problems(folder: Path, shared: Positions) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        load_overlay(folder, shared, "Lindehoven")
    return [str(problem) for problem in caught.value.problems]


def test_unknown_theme_and_topic_are_located(tmp_path: Path, shared: Positions) -> None:
    folder = _overlay(
        tmp_path,
        {
            "a.yaml": """
                theme: wonen-mobiliteit
                topics:
                  - id: woningen
                    betekenis: []
            """,
            "b.yaml": """
                theme: onderwijs
            """,
        },
    )
    problems = _problems(folder, shared)
    assert any(p.startswith(f"{folder / 'a.yaml'}:3:9: topics[0].id: unknown topic 'woningen'") for p in problems)
    assert any(p.startswith(f"{folder / 'b.yaml'}:1:8: theme: unknown theme 'onderwijs'") for p in problems)


def test_local_figure_clashing_with_a_shared_id_is_located(tmp_path: Path, shared: Positions) -> None:
    folder = _overlay(
        tmp_path,
        {
            "_lokaal.yaml": """
                sources:
                  - {id: begroting, title: Begroting 2025}
            """,
            "jeugd.yaml": """
                theme: publieke-voorzieningen
                topics:
                  - id: jeugd
                    figures:
                      - id: jeugdzorg-extra-bezuiniging
                        label: Ons deel
                        kind: money
                        value: 1
                        scale: miljoen
                        source: begroting
                        derivation: aandeel
            """,
        },
    )
    (problem,) = _problems(folder, shared)
    assert problem.startswith(
        f"{folder / 'jeugd.yaml'}:5:13: topics[0].figures[0].id: figure 'jeugdzorg-extra-bezuiniging'"
    )
    assert "also a shared figure" in problem


def test_stance_override_needs_a_reason(tmp_path: Path, shared: Positions) -> None:
    folder = _overlay(
        tmp_path,
        {
            "fin.yaml": """
                theme: financien-economie
                topics:
                  - id: gemeentefinancien
                    stance:
                      stance: afwijzend
            """,
        },
    )
    (problem,) = _problems(folder, shared)
    assert problem == f"{folder / 'fin.yaml'}:5:7: topics[0].stance.reason: required field is missing"


def test_local_text_needs_a_known_source_and_figures_a_derivation(tmp_path: Path, shared: Positions) -> None:
    folder = _overlay(
        tmp_path,
        {
            "fin.yaml": """
                theme: financien-economie
                topics:
                  - id: gemeentefinancien
                    betekenis:
                      - text: Ons tekort groeit.
                        source: begroting-2030
            """,
        },
    )
    (problem,) = _problems(folder, shared)
    assert problem.startswith(
        f"{folder / 'fin.yaml'}:6:17: topics[0].betekenis[0].source: unknown source 'begroting-2030'"
    )
    figure = _overlay(
        tmp_path,
        {
            "fin.yaml": """
                theme: financien-economie
                topics:
                  - id: gemeentefinancien
                    figures:
                      - {id: ons-tekort, label: Tekort, kind: money, value: 2, source: analyse}
            """,
        },
        name="zonder-afleiding",
    )
    (problem,) = _problems(figure, shared)
    assert "topics[0].figures[0].derivation: required field is missing" in problem


def test_leaving_out_topics_and_themes(tmp_path: Path) -> None:
    work = tmp_path / "profielen"
    work.mkdir()
    shutil.copy(LINDEHOVEN, work / "lindehoven.yaml")
    shutil.copytree(ROOT / "examples" / "lindehoven", work / "lindehoven")
    local = work / "lindehoven" / "_lokaal.yaml"
    local.write_text(local.read_text(encoding="utf-8") + "omit_themes: [internationaal-europa]\n", encoding="utf-8")
    wonen = work / "lindehoven" / "03-wonen-mobiliteit.yaml"
    wonen.write_text(wonen.read_text(encoding="utf-8") + "omit_topics: [veiligheid-ov]\n", encoding="utf-8")
    documents = _compose(work / "lindehoven.yaml", kinds=("briefing", "letter"))
    assert "briefing/internationaal-europa" not in documents and "letter/internationaal-europa" not in documents
    assert "Internationaal en Europa" not in _text(documents["briefing/hoofdlijnenakkoord"].document)
    headings = [
        inline_text(b.children)
        for b in documents["briefing/wonen-mobiliteit"].document.blocks
        if isinstance(b, m.Heading)
    ]
    assert "Veiligheid in het openbaar vervoer" not in headings and "Mobiliteit" in headings
    wonen.write_text(
        wonen.read_text(encoding="utf-8").replace(
            "omit_topics: [veiligheid-ov]",
            "omit_topics: [wonen, ruimtelijke-ordening, mobiliteit, veiligheid-ov, elke-regio-telt]",
        ),
        encoding="utf-8",
    )
    with pytest.raises(ProblemsError) as caught:
        _compose(work / "lindehoven.yaml", kinds=("briefing",))
    messages = [str(p) for p in caught.value.problems]
    assert any("omit_topics: leaves out every topic; list the theme under omit_themes" in p for p in messages)


def test_missing_overlay_folder_points_at_the_profile(tmp_path: Path) -> None:
    profile = tmp_path / "lindehoven.yaml"
    shutil.copy(LINDEHOVEN, profile)
    line = next(i for i, text in enumerate(profile.read_text().splitlines(), 1) if text.startswith("overlay:"))
    with pytest.raises(ProblemsError) as caught:
        _compose(profile)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{profile}:{line}:10: overlay: overlay folder")
    assert "not found" in str(problem)
