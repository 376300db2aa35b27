"""Schema validation: valid data passes, invalid data gives every problem with file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.problems import ProblemsError
from briefgen.readers.positions import load_positions
from briefgen.readers.profile import load_profile

ROOT = Path(__file__).resolve().parents[1]


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in ``path``; return the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text[:index].count("\n") + 1


def test_shipped_data_is_valid(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no out/ here: only the input gates run
    result = runner.invoke(
        main,
        [
            "check",
            "--positions",
            str(ROOT / "positions"),
            "--profile",
            str(ROOT / "briefgen.yaml"),
            "--templates",
            str(ROOT / "templates"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "10 themes, 38 topics" in result.output


def test_wrong_type_is_located_with_file_line_column_and_field(project: Path) -> None:
    theme_file = project / "positions/03-wonen-mobiliteit.yaml"
    line = _edit(theme_file, "value: 1\n", "value: een miljard\n")
    with pytest.raises(ProblemsError) as caught:
        load_positions(project / "positions")
    (problem,) = caught.value.problems
    assert problem.file.endswith("03-wonen-mobiliteit.yaml")
    assert problem.line == line
    assert problem.field.startswith("topics[0].figures[0].value")
    assert "expected a number" in problem.message and "een miljard" in problem.message
    assert str(problem).startswith(f"{problem.file}:{line}:")


def test_all_problems_are_reported_not_just_the_first(project: Path) -> None:
    theme_file = project / "positions/01-bestaanszekerheid.yaml"
    _edit(theme_file, "stance: ", "stance: misschien\n    standpunt: ")
    _edit(project / "positions/02-asiel-migratie.yaml", "kernboodschap:", "kernboodschap_typo:")
    with pytest.raises(ProblemsError) as caught:
        load_positions(project / "positions")
    messages = [str(p) for p in caught.value.problems]
    assert any("stance" in m and "misschien" in m for m in messages)
    assert any("unknown field 'standpunt'" in m for m in messages)
    assert any("unknown field 'kernboodschap_typo'" in m and "did you mean 'kernboodschap'" in m for m in messages)
    assert any("kernboodschap: required field is missing" in m for m in messages)


def test_undefined_figure_marker_is_reported_at_its_line(project: Path) -> None:
    theme_file = project / "positions/04-landelijk-gebied.yaml"
    line = (
        _edit(
            theme_file,
            "kernboodschap:\n      text: >-\n",
            "kernboodschap:\n      text: >-\n        Kost {fig:bestaat-niet}.\n",
        )
        + 1
    )
    with pytest.raises(ProblemsError) as caught:
        load_positions(project / "positions")
    (problem,) = caught.value.problems
    assert problem.line == line and "'bestaat-niet'" in problem.message


def test_figure_of_wrong_kind_and_duplicate_ids(project: Path) -> None:
    theme_file = project / "positions/05-energie-klimaat.yaml"
    text = theme_file.read_text(encoding="utf-8")
    assert "id: klimaatfonds-omvang" in text
    _edit(theme_file, "id: klimaatfonds-omvang", "id: klimaatfonds-bezuiniging")
    with pytest.raises(ProblemsError) as caught:
        load_positions(project / "positions")
    assert any("defined twice" in p.message for p in caught.value.problems)


def test_profile_references_are_checked(project: Path) -> None:
    profile = project / "briefgen.yaml"
    line = _edit(profile, "holder: pfh-mobiliteit", "holder: niemand")
    with pytest.raises(ProblemsError) as caught:
        load_profile(profile)
    (problem,) = caught.value.problems
    assert problem.line == line and "unknown person 'niemand'" in problem.message


def test_check_command_prints_problems_and_exits_1(project: Path, runner) -> None:
    _edit(project / "briefgen.yaml", "email: info@vng.nl", "email: geen-adres")
    result = runner.invoke(
        main, ["check", "--positions", str(project / "positions"), "--profile", str(project / "briefgen.yaml")]
    )
    assert result.exit_code == 1
    assert "briefgen.yaml:" in result.output and "expected an e-mail address" in result.output
    assert "Traceback" not in result.output


def test_topic_portfolio_must_be_covered_by_the_profile(project: Path, runner) -> None:
    _edit(project / "positions/08-nationale-veiligheid.yaml", "portfolios: [veiligheid", "portfolios: [brandweer")
    result = runner.invoke(
        main, ["check", "--positions", str(project / "positions"), "--profile", str(project / "briefgen.yaml")]
    )
    assert result.exit_code == 1
    assert "08-nationale-veiligheid.yaml:" in result.output and "covers 'brandweer'" in result.output


def test_list_commands_put_the_id_first(runner) -> None:
    args = ["--positions", str(ROOT / "positions"), "--profile", str(ROOT / "briefgen.yaml")]
    themes = runner.invoke(main, ["list", "themes", *args]).output.splitlines()
    topics = runner.invoke(main, ["list", "topics", *args]).output.splitlines()
    portfolios = runner.invoke(main, ["list", "portfolios", *args]).output.splitlines()
    assert len(themes) == 10 and themes[0].startswith("bestaanszekerheid\t")
    assert len(topics) == 38 and topics[1].startswith("kinderopvang\t")
    assert portfolios[0].startswith("werk-inkomen\t")
