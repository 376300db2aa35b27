"""The provenance gate: sources of topics and figures, source lists in the documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefgen.checks import provenance
from briefgen.checks.base import Inputs

ROOT = Path(__file__).resolve().parents[1]
DATE = dt.date(2026, 11, 27)


def inputs(project: Path) -> Inputs:
    return Inputs(project / "positions", project / "briefgen.yaml", project / "templates", None, DATE)


def test_shipped_positions_are_traced() -> None:
    result = provenance.check(Inputs(ROOT / "positions", ROOT / "briefgen.yaml", ROOT / "templates", None, DATE))
    assert result.passed, [str(f) for f in result.errors]
    themes = {row[0] for row in result.tables[0].rows}
    assert len(themes) == 10
    # every briefing, memo and letter has a numbered source list
    for doc_id, data in result.documents.items():
        if not doc_id.startswith("press/"):
            assert data["provenance"]["sources"] >= 1, doc_id


def test_figure_with_unknown_source_is_an_unsourced_claim(project: Path) -> None:
    general = project / "positions" / "_algemeen.yaml"
    general.write_text(
        general.read_text(encoding="utf-8").replace(
            "figures: []",
            "figures:\n  - {id: korting, label: Korting op het gemeentefonds, kind: money, value: 2,"
            " scale: miljard, source: onbekend}",
        ),
        encoding="utf-8",
    )
    result = provenance.check(inputs(project))
    [finding] = result.errors
    assert "unsourced claim" in finding.message and "korting" in finding.message
    assert finding.file.endswith("_algemeen.yaml") and finding.line > 0


def test_reaction_section_without_theme_is_reported(project: Path) -> None:
    general = project / "positions" / "_algemeen.yaml"
    text = general.read_text(encoding="utf-8")
    assert "      themes: [goed-bestuur]\n" in text
    general.write_text(text.replace("      themes: [goed-bestuur]\n", "", 1), encoding="utf-8")
    result = provenance.check(inputs(project))
    assert result.passed
    assert any("Goed bestuur" in f.message and f.file.endswith("_algemeen.yaml") for f in result.warnings)


def test_document_without_source_list_fails(project: Path) -> None:
    template = project / "templates" / "kinds" / "letter.html.j2"
    text = template.read_text(encoding="utf-8")
    call = "{{ m.sources_and_bijlage(ctx, figures, figures_title, local_money, enclosures|length) }}"
    assert call in text  # the letter's source list (and its bijlage) …
    template.write_text(text.replace(call, ""), encoding="utf-8")  # … left out
    result = provenance.check(inputs(project))
    failing = {f.document for f in result.errors if "no numbered source list" in f.message}
    assert failing == {f"letter/{theme}" for theme in _themes()}


def _themes() -> list[str]:
    return [path.stem.split("-", 1)[1] for path in sorted((ROOT / "positions").glob("[0-9]*.yaml"))]
