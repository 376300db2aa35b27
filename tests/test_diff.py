"""``briefgen diff OLD NEW``: what changed in meaning, between folders and between git revisions."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
JEUGD = "06-publieke-voorzieningen.yaml"
WONEN = "03-wonen-mobiliteit.yaml"
FINANCIEN = "10-financien-economie.yaml"
NEW_ASK = (
    "      - ask: Maak de opschalingskorting ongedaan voor kleine gemeenten.\n"
    "        why: Kleine gemeenten kunnen de korting niet opvangen.\n"
)


def _replace(folder: Path, name: str, old: str, new: str, after: int = 0) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    start = text.index(old, after) if after else text.index(old)
    path.write_text(text[:start] + new + text[start + len(old) :], encoding="utf-8")


def edit(folder: Path) -> None:
    """A real revision: a corrected figure, a changed stance, an added ask, a reworded paragraph."""
    _replace(folder, JEUGD, "        value: 511\n", "        value: 520\n")
    wonen = (folder / WONEN).read_text(encoding="utf-8")
    _replace(folder, WONEN, "stance: zorg", "stance: afwijzend", after=wonen.index("  - id: mobiliteit"))
    financien = (folder / FINANCIEN).read_text(encoding="utf-8")
    _replace(
        folder, FINANCIEN, "    asks:\n", "    asks:\n" + NEW_ASK, after=financien.index("  - id: gemeentefinancien")
    )
    _replace(folder, JEUGD, "Het kabinet zet vooral in op drie punten.", "Het kabinet zet vooral in op drie zaken.")


def _diff(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["diff", *args])
    return result.exit_code, result.output


def _changes(output: str) -> list[dict[str, object]]:
    return json.loads(output)["changes"]  # type: ignore[no-any-return]


def _check_the_edit(changes: list[dict[str, object]]) -> None:
    found = {(c["topic"], c["what"], c["action"]): c for c in changes}
    figure = found[("jeugd", "figure", "changed")]
    assert (figure["old"], figure["new"]) == ("€ 511 miljoen", "€ 520 miljoen")
    stance = found[("mobiliteit", "stance", "changed")]
    assert (stance["old"], stance["new"]) == ("zorgen", "afwijzend")
    ask = found[("gemeentefinancien", "ask", "added")]
    assert str(ask["new"]).startswith("Maak de opschalingskorting ongedaan voor kleine gemeenten.")
    paragraph = found[("jeugd", "paragraph", "reworded")]
    assert ["-", "punten."] in paragraph["words"] and ["+", "zaken."] in paragraph["words"]  # type: ignore[operator]
    # a changed figure is one change, not one in every text that mentions it
    assert len(changes) == 4, changes


def test_diff_between_two_folders(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "positions", tmp_path / "old")
    shutil.copytree(ROOT / "positions", tmp_path / "new")
    edit(tmp_path / "new")
    code, output = _diff(str(tmp_path / "old"), str(tmp_path / "new"), "--json")
    assert code == 0, output
    _check_the_edit(_changes(output))
    code, text = _diff(str(tmp_path / "old"), str(tmp_path / "new"), "--markdown")
    assert "## Zorg en onderwijs (publieke-voorzieningen)" in text
    assert "drie ~~punten.~~ **zaken.**" in text
    assert "figure ‘Extra bezuiniging op de jeugdzorg die vervalt’ changed: € 511 miljoen → € 520 miljoen" in text
    code, plain = _diff(str(tmp_path / "old"), str(tmp_path / "new"))
    assert "drie [-punten.-] {+zaken.+}" in plain  # readable without colour


def test_no_change_and_reordering_are_not_changes(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "positions", tmp_path / "old")
    shutil.copytree(ROOT / "positions", tmp_path / "new")
    path = tmp_path / "new" / WONEN
    text = path.read_text(encoding="utf-8")
    start, middle = text.index("  - id: mobiliteit"), text.index("  - id: veiligheid-ov")
    end = text.index("  - id: elke-regio-telt")
    path.write_text(text[:start] + text[middle:end] + text[start:middle] + text[end:], encoding="utf-8")
    code, output = _diff(str(tmp_path / "old"), str(tmp_path / "new"), "--json")
    assert code == 0 and _changes(output) == []


def test_a_renamed_topic_id_is_reported_as_a_rename(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "positions", tmp_path / "old")
    shutil.copytree(ROOT / "positions", tmp_path / "new")
    _replace(tmp_path / "new", WONEN, "  - id: veiligheid-ov\n", "  - id: sociale-veiligheid-ov\n")
    code, output = _diff(str(tmp_path / "old"), str(tmp_path / "new"), "--json")
    assert code == 0, output
    (change,) = _changes(output)
    assert (change["what"], change["action"], change["old"], change["new"]) == (
        "topic",
        "renamed",
        "veiligheid-ov",
        "sociale-veiligheid-ov",
    )


def test_a_renamed_figure_id_is_one_rename_and_no_rewording(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "positions", tmp_path / "old")
    shutil.copytree(ROOT / "positions", tmp_path / "new")
    figure = "jeugdzorg-extra-bezuiniging"  # mentioned in texts of two themes
    for path in (tmp_path / "new").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(figure, f"{figure}-nieuw"), encoding="utf-8")
    code, output = _diff(str(tmp_path / "old"), str(tmp_path / "new"), "--json")
    assert code == 0, output
    changes = _changes(output)
    assert [(c["what"], c["action"], c["old"], c["new"]) for c in changes] == [
        ("figure", "renamed", figure, f"{figure}-nieuw")
    ]


def test_diff_takes_the_profile_like_every_command(tmp_path: Path) -> None:
    code, output = _diff(str(ROOT / "positions"), str(ROOT / "positions"), "--profile", str(ROOT / "briefgen.yaml"))
    assert code == 0, output
    broken = tmp_path / "kapot.yaml"
    broken.write_text("organisation: [\n", encoding="utf-8")
    code, output = _diff(str(ROOT / "positions"), str(ROOT / "positions"), "--profile", str(broken))
    assert code == 1 and f"{broken}:" in output


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_between_two_git_revisions(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "positions", repo / "positions")
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "before")
    _git(repo, "tag", "v1")
    edit(repo / "positions")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "after")
    code, output = _diff("HEAD~1", "HEAD", "--positions", str(repo / "positions"), "--json")
    assert code == 0, output
    _check_the_edit(_changes(output))
    code, output = _diff("v1", "--positions", str(repo / "positions"), "--json")  # NEW: the folder as it is
    assert code == 0, output
    _check_the_edit(_changes(output))
    code, output = _diff("no-such-tag", "--positions", str(repo / "positions"))
    assert code == 2  # wrong usage, like an unknown id
    assert output.startswith("Error: no-such-tag: neither a folder nor a git revision of")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_broken_old_revision_is_located_in_that_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "positions", repo / "positions")
    _replace(repo / "positions", WONEN, "stance: zorg", "stance: boos")
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "broken")
    code, output = _diff("HEAD", str(ROOT / "positions"), "--positions", str(repo / "positions"))
    assert code == 1
    assert f"HEAD:{(repo / 'positions').as_posix()}/{WONEN}:" in output and "'boos'" in output
