"""`briefgen check` on the command line: exit codes, --gate, --json, the terminal report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.checks import run_checks
from briefgen.checks.report import formatted, render_plain, render_rich
from briefgen.cli import main


def args(project: Path, *extra: str) -> list[str]:
    return [
        "check",
        "--positions",
        str(project / "positions"),
        "--profile",
        str(project / "briefgen.yaml"),
        "--templates",
        str(project / "templates"),
        *extra,
    ]


@pytest.fixture
def here(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)  # no out/ here: the built-file gates are skipped
    return project


def test_passing_gates_exit_0_with_tables(runner: CliRunner, here: Path) -> None:
    result = runner.invoke(main, args(here, "--gate", "figures", "--gate", "provenance"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: 10 themes")
    assert "figures      ok" in result.output and "Sources per theme" in result.output
    assert "readability  off" in result.output
    assert "All 2 quality gate(s) passed." in result.output


def test_failing_gate_exits_1_and_json_names_file(runner: CliRunner, here: Path) -> None:
    path = here / "positions" / "03-wonen-mobiliteit.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{fig:huurtoeslag-verhoging}", "€ 500 miljoen"), "utf-8")
    result = runner.invoke(main, args(here, "--gate", "figures", "--json"))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["passed"] is False and data["gates"]["figures"]["passed"] is False
    [problem] = data["problems"]
    assert problem["file"].endswith("03-wonen-mobiliteit.yaml") and problem["line"] > 0
    assert "€ 500 miljoen" in problem["message"]


def test_conformance_is_skipped_without_output_folder(runner: CliRunner, here: Path) -> None:
    result = runner.invoke(main, args(here, "--gate", "conformance", "--gate", "parity"))
    assert result.exit_code == 0, result.output
    assert "conformance  skipped  no output folder" in result.output


def test_unknown_gate_and_missing_out_are_usage_errors(runner: CliRunner, here: Path) -> None:
    result = runner.invoke(main, args(here, "--gate", "spelling"))
    assert result.exit_code == 2 and "unknown gate 'spelling'" in result.output
    result = runner.invoke(main, args(here, "--out", str(here / "nowhere")))
    assert result.exit_code == 2 and "--out" in result.output


def test_validation_output_is_unchanged(runner: CliRunner, here: Path) -> None:
    path = here / "positions" / "03-wonen-mobiliteit.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("stance: gemengd", "stance: misschien", 1), "utf-8")
    result = runner.invoke(main, args(here))
    assert result.exit_code == 1
    assert "03-wonen-mobiliteit.yaml:" in result.stderr and "problem" in result.stderr
    assert "Quality gates" not in result.output


def test_gates_switched_off_in_the_profile(runner: CliRunner, here: Path) -> None:
    profile = here / "briefgen.yaml"
    text = profile.read_text(encoding="utf-8")
    for gate in ("readability", "conformance"):
        text = text.replace(f"  {gate}: true", f"  {gate}: false")
    profile.write_text(text + "  parity: false\n", encoding="utf-8")  # the last block of the file is gates:
    result = runner.invoke(main, args(here))
    assert result.exit_code == 0, result.output
    for gate in ("readability", "conformance", "parity"):
        assert f"{gate:<12} off" in result.output


def test_renderers(project: Path) -> None:
    report = run_checks(project / "positions", project / "briefgen.yaml", project / "templates", gates=["readability"])
    plain = render_plain(report)
    assert "Readability per document kind" in plain and "Syllables are estimated" in plain
    rich = render_rich(report, width=160)
    assert "Readability per document (worst first)" in rich and "\x1b[" in rich  # coloured for a terminal
    assert formatted(report, as_json=False, terminal=False) == plain + "\n"
    assert json.loads(formatted(report, as_json=True, terminal=True))["passed"] == report.passed
