"""The figures table: grouped by theme, with the effect of each amount, and no empty columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from briefgen.content import model as m
from briefgen.content.text import inline_text
from briefgen.kinds.base import EFFECT_LABELS, Options
from briefgen.pipeline import BuildRequest
from briefgen.pipeline.compose import Composed, compose_all
from briefgen.pipeline.plan import Selection
from briefgen.readers.positions import load_positions
from briefgen.schema.positions import Figure

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def briefings() -> dict[str, Composed]:
    request = BuildRequest(
        positions=ROOT / "positions",
        profile=ROOT / "briefgen.yaml",
        templates=ROOT / "templates",
        out=Path("unused"),
        selection=Selection(kinds=("briefing",)),
        options=Options(date=dt.date(2026, 11, 27)),
    )
    return {item.doc_id: item for item in compose_all(request)}


def _table(doc: m.Document) -> tuple[list[str], list[list[str]]]:
    table = next(b for b in doc.blocks if isinstance(b, m.Table))
    header = [inline_text(cell) for cell in table.header]
    rows = [[inline_text(cell) for cell in row] for row in table.rows]
    return header, rows


def _label(cell: str) -> str:
    return cell.rstrip("0123456789")  # the note number after the label


def _figures() -> dict[str, tuple[str, Figure]]:
    """Money figures by label, with the short title of their theme."""
    positions = load_positions(ROOT / "positions")
    return {
        fig.label: (theme.short_title, fig)
        for theme in positions.themes
        for topic in theme.topics
        for fig in topic.figures
        if fig.kind.value == "money"
    }


def test_overall_table_is_grouped_by_theme(briefings: dict[str, Composed]) -> None:
    header, rows = _table(briefings["briefing/hoofdlijnenakkoord"].document)
    assert header[:2] == ["Thema", "Maatregel"]
    figures = _figures()
    themes = [row[0] for row in rows if row[0]]
    assert len(themes) == len(set(themes)) >= 2  # each theme named once
    assert rows[0][0]  # the first row opens a group
    order = list(dict.fromkeys(theme for theme, _ in figures.values()))
    assert themes == sorted(themes, key=order.index)  # in the order of the themes
    current = ""
    for row in rows:
        current = row[0] or current
        assert figures[_label(row[1])][0] == current  # every amount under its own theme


def test_theme_table_has_no_theme_column(briefings: dict[str, Composed]) -> None:
    header, _ = _table(briefings["briefing/publieke-voorzieningen"].document)
    assert header[0] == "Maatregel" and "Thema" not in header


def test_every_amount_says_whether_it_is_a_cut_an_investment_or_a_budget(briefings: dict[str, Composed]) -> None:
    header, rows = _table(briefings["briefing/hoofdlijnenakkoord"].document)
    figures = _figures()
    kind = header.index("Soort")
    assert kind < header.index("Bedrag")
    seen = set()
    for row in rows:
        _, fig = figures[_label(row[1])]
        assert fig.effect is not None, fig.id  # every shared money figure carries its effect
        assert row[kind] == EFFECT_LABELS[fig.effect.value]
        seen.add(row[kind])
    assert {"bezuiniging", "extra geld", "budget"} <= seen
    by_label = {_label(row[1]): row[kind] for row in rows}
    assert by_label["Totale omvang van het Klimaatfonds"] == "budget"  # a fund total, not a yearly change
    assert by_label["Bezuiniging op het Klimaatfonds"] == "bezuiniging"


def test_periode_column_only_when_a_figure_has_a_period(briefings: dict[str, Composed]) -> None:
    figures = _figures()
    with_period = without_period = 0
    for doc_id, item in briefings.items():
        tables = [b for b in item.document.blocks if isinstance(b, m.Table)]
        if not tables:
            continue
        header, rows = _table(item.document)
        label = header.index("Maatregel")
        periods = [figures[_label(row[label])][1].period for row in rows]
        if any(periods):
            with_period += 1
            column = header.index("Periode")
            assert any(row[column] != "–" for row in rows), doc_id
        else:
            without_period += 1
            assert "Periode" not in header, doc_id  # no column of dashes
    assert with_period and without_period  # both cases occur in the default set


def test_table_keeps_one_source_line(briefings: dict[str, Composed]) -> None:
    blocks = briefings["briefing/hoofdlijnenakkoord"].document.blocks
    index = next(i for i, b in enumerate(blocks) if isinstance(b, m.Table))
    after = blocks[index + 1]
    assert isinstance(after, m.Paragraph) and inline_text(after.children).startswith("Bron: ")
    lines = [b for b in blocks if isinstance(b, m.Paragraph) and inline_text(b.children).startswith("Bron: ")]
    assert len(lines) == 1


def test_effect_belongs_to_money_figures() -> None:
    base = {"id": "x", "label": "Iets", "value": 5, "source": "analyse", "effect": "bezuiniging"}
    assert Figure.model_validate({**base, "kind": "money"}).effect is not None
    with pytest.raises(ValidationError, match="effect only applies to money figures"):
        Figure.model_validate({**base, "kind": "percent"})
    with pytest.raises(ValidationError):
        Figure.model_validate({**base, "kind": "money", "effect": "winst"})
