"""The figures gate: literal amounts, sources, conflicting values, templates, built documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen.checks import figures, run_checks
from briefgen.checks.base import Inputs

ROOT = Path(__file__).resolve().parents[1]
DATE = dt.date(2026, 11, 27)


def inputs(project: Path, out: Path | None = None) -> Inputs:
    return Inputs(project / "positions", project / "briefgen.yaml", project / "templates", out, DATE)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(f) for f in result.errors]


@pytest.mark.parametrize(
    "text",
    ["€ 1,2 miljard", "€\u00a050.000", "30%", "9,7 procent", "500 euro", "twee miljard", "1,5 miljoen", "€ -12"],
)
def test_literal_amounts_are_found(text: str) -> None:
    found = [m.group() for m in figures.literal_amounts(f"Het kabinet trekt {text} uit.")]
    assert found and found[0].replace("\u00a0", " ").strip() == text.replace("\u00a0", " ")


@pytest.mark.parametrize(
    "text",
    ["in 2026", "25 of meer werknemers", "de korting van miljarden", "categorie F4", "{fig:jeugd-bezuiniging}"],
)
def test_other_numbers_are_not_amounts(text: str) -> None:
    assert list(figures.literal_amounts(f"Dat geldt {text} zo.")) == []


def test_shipped_figures_pass() -> None:
    result = figures.check(Inputs(ROOT / "positions", ROOT / "briefgen.yaml", ROOT / "templates", None, DATE))
    assert result.passed, errors(result)


def test_amount_in_position_text_is_flagged_with_file_and_line(project: Path) -> None:
    path = project / "positions" / "03-wonen-mobiliteit.yaml"
    edit(
        path,
        "Voor een hogere huurtoeslag trekt het akkoord {fig:huurtoeslag-verhoging} uit.",
        "Voor een hogere huurtoeslag trekt het akkoord € 600 miljoen uit.",
    )
    result = figures.check(inputs(project))
    assert not result.passed
    [finding] = [f for f in result.errors if "€ 600 miljoen" in f.message]
    assert finding.file.endswith("03-wonen-mobiliteit.yaml")
    line = path.read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert "€ 600 miljoen" in line
    assert finding.field.startswith("topics[0].akkoord")


def test_amount_in_template_text_is_flagged(project: Path) -> None:
    edit(
        project / "templates" / "kinds" / "letter.html.j2",
        "<p>{{ closing }}</p>",
        "<p>Dat kost 15 procent meer. {{ closing }}</p>",
    )
    result = figures.check(inputs(project))
    [finding] = [f for f in result.errors if "15 procent" in f.message]
    assert finding.file.endswith("letter.html.j2") and finding.line > 0


def test_same_id_with_two_values_across_files(project: Path) -> None:
    # validation refuses a duplicate id too; the gate says which values disagree and where
    edit(
        project / "positions" / "05-energie-klimaat.yaml",
        "      - id: klimaatfonds-bezuiniging\n",
        "      - id: woningbouw-extra-per-jaar\n        label: Extra geld voor woningbouw\n"
        "        kind: money\n        value: 2\n        scale: miljard\n        source: analyse\n"
        "      - id: klimaatfonds-bezuiniging\n",
    )
    result = figures.check(inputs(project))
    [finding] = [f for f in result.errors if "two values" in f.message and "woningbouw-extra-per-jaar" in f.message]
    assert finding.file.endswith("05-energie-klimaat.yaml")
    assert "€ 2 miljard" in finding.message and "€ 1 miljard" in finding.message
    assert "03-wonen-mobiliteit.yaml" in finding.message


def test_one_quantity_with_two_values(project: Path) -> None:
    edit(
        project / "positions" / "05-energie-klimaat.yaml",
        "      - id: klimaatfonds-bezuiniging\n",
        "      - id: woningbouw-extra\n        label: Extra geld voor de woningbouw\n"
        "        kind: money\n        value: 2\n        scale: miljard\n"
        "        period: per jaar\n        source: analyse\n"
        "      - id: klimaatfonds-bezuiniging\n",
    )
    result = figures.check(inputs(project))
    messages = [f for f in result.errors if "one quantity, two values" in f.message]
    assert len(messages) == 1
    assert messages[0].file.endswith("05-energie-klimaat.yaml")
    assert "woningbouw-extra" in messages[0].message and "woningbouw-extra-per-jaar" in messages[0].message


def test_figure_with_unknown_source(project: Path) -> None:
    edit(
        project / "positions" / "_algemeen.yaml",
        "figures: []",
        "figures:\n  - {id: gemeentefonds-korting, label: Korting op het gemeentefonds, kind: money, value: 2.4,"
        " scale: miljard, source: nergens}",
    )
    result = figures.check(inputs(project))
    [finding] = [f for f in result.errors if "gemeentefonds-korting" in f.message]
    assert "'nergens' is not defined" in finding.message and finding.file.endswith("_algemeen.yaml")


def test_gate_runs_through_run_checks(project: Path) -> None:
    edit(project / "positions" / "03-wonen-mobiliteit.yaml", "{fig:huurtoeslag-verhoging}", "30%")
    report = run_checks(project / "positions", project / "briefgen.yaml", project / "templates", gates=["figures"])
    assert not report.passed
    data = report.as_dict()
    assert data["gates"]["figures"]["errors"] >= 1
    assert any("30%" in p["message"] and p["line"] > 0 for p in data["problems"])
