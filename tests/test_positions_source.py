"""The positions cover the source analysis: every topic heading, every amount, every link."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefgen.readers.positions import Positions, load_positions, prose_fields
from briefgen.schema.positions import FigureKind

ROOT = Path(__file__).resolve().parents[1]
FACTS = yaml.safe_load((ROOT / "tests/fixtures/source_facts.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def positions() -> Positions:
    return load_positions(ROOT / "positions")


def test_every_chapter_is_a_theme_with_its_exact_title(positions: Positions) -> None:
    titles = {theme.chapter: theme.title for theme in positions.themes}
    assert titles == {item["chapter"]: item["title"] for item in FACTS["chapters"]}


def test_every_topic_heading_has_a_position(positions: Positions) -> None:
    for theme in positions.themes:
        assert [topic.title for topic in theme.topics] == FACTS["topics"][theme.chapter], theme.id


def _figures_in_chapter(positions: Positions, chapter: int, kind: FigureKind) -> list:
    found = []
    for theme, topic in positions.topics():
        if theme.chapter != chapter:
            continue
        used = {m for _, text in prose_fields(positions.files[theme.id].data) for m in _markers(text)}
        found.extend(fig for fig in (positions.figures[f].figure for f in used) if fig.kind == kind)
        del topic
    return found


def _markers(text: str) -> list[str]:
    from briefgen.readers.positions import FIGURE_MARKER

    return FIGURE_MARKER.findall(text)


@pytest.mark.parametrize("fact", FACTS["money"], ids=lambda f: f"{f['euros']}-ch{f['chapter']}")
def test_every_euro_amount_is_a_figure_with_its_exact_value(positions: Positions, fact: dict) -> None:
    figures = _figures_in_chapter(positions, fact["chapter"], FigureKind.money)
    matching = {fig.id for fig in figures if fig.absolute == fact["euros"]}
    assert len(matching) >= fact["distinct"], f"chapter {fact['chapter']}: € {fact['euros']:,} is not a figure"


@pytest.mark.parametrize("fact", FACTS["percentages"], ids=lambda f: f"{f['value']}%-ch{f['chapter']}")
def test_every_percentage_is_a_figure(positions: Positions, fact: dict) -> None:
    figures = _figures_in_chapter(positions, fact["chapter"], FigureKind.percent)
    assert any(fig.value == fact["value"] for fig in figures)


def test_every_link_of_the_source_is_a_source_and_no_safelink_remains(positions: Positions) -> None:
    urls = {source.url for source in positions.sources.values() if source.url}
    assert set(FACTS["links"]) <= urls
    assert not any("safelinks" in url or "%40" in url for url in urls)


def test_no_amount_is_written_out_in_prose(positions: Positions) -> None:
    import re

    amount = re.compile(r"€|\d\s*%|\d\s*procent|\d\s*(miljoen|miljard)")
    for theme_id, located in positions.files.items():
        for path, text in prose_fields(located.data):
            if path and path[-1] == "quote":
                continue  # a verbatim quote of the director
            assert not amount.search(text), f"{theme_id}: {path}: {text[:80]}"


def test_every_figure_has_a_reachable_source_and_is_used(positions: Positions) -> None:
    used = {m for located in positions.files.values() for _, t in prose_fields(located.data) for m in _markers(t)}
    for fig_id, use in positions.figures.items():
        assert fig_id in used, f"figure {fig_id} is defined but never mentioned"
        assert use.figure.source in positions.sources


def test_the_director_reaction_is_there_for_the_press(positions: Positions) -> None:
    reaction = positions.general.reaction
    assert reaction.author == "Leonard Geluk"
    source = ROOT.parent / "shared/source/vng-analyse-hoofdlijnenakkoord-2024.txt"
    if source.exists():  # the quote must be verbatim
        text = " ".join(source.read_text(encoding="utf-8").split())
        assert reaction.quote in text
