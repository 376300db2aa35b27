"""``briefgen check`` reads the built files of its own organisation, at the date they were built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
OTHER_DAY = "built on another day"


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("positions", "templates", "examples"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "briefgen.yaml", tmp_path / "briefgen.yaml")
    monkeypatch.chdir(tmp_path)  # check's default output folder is ./out
    result = CliRunner().invoke(main, ["build", "--kind", "press", "--date", "2026-11-27", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return tmp_path


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--gate", "parity", *args])
    return result.exit_code, result.output


def test_check_reads_the_date_of_the_build_or_the_one_given(work: Path) -> None:
    code, output = _check()
    assert code == 0, output
    assert OTHER_DAY not in output and "press/hoofdlijnenakkoord" in output
    _, output = _check("--date", "2026-12-01")
    assert OTHER_DAY in output
    code, output = _check("--date", "27-11-2026")
    assert code == 2 and "--date: expected YYYY-MM-DD" in output


def test_check_leaves_another_organisations_folder_alone(work: Path) -> None:
    _, output = _check("--profile", "examples/lindehoven.yaml")
    assert "out holds the documents of Vereniging van Nederlandse Gemeenten, not of Gemeente Lindehoven" in output
    assert "press/hoofdlijnenakkoord" not in output  # its files are not compared with Lindehoven's model
    _, output = _check("--profile", "examples/lindehoven.yaml", "--out", "out")  # named: checked as asked
    assert "press/hoofdlijnenakkoord" in output


def test_a_build_without_date_is_checked_at_the_document_date(work: Path) -> None:
    """The manifest records the date the documents carry (here the positions' date), not the day of
    the build, so check composes what was built."""
    import json

    import yaml

    result = CliRunner().invoke(main, ["build", "--kind", "press", "--jobs", "1", "--out", "undated"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((work / "undated" / "manifest.json").read_text(encoding="utf-8"))
    general = yaml.safe_load((work / "positions" / "_algemeen.yaml").read_text(encoding="utf-8"))
    assert manifest["date"] == general["date"].isoformat()
    assert {document["date"] for document in manifest["documents"]} == {manifest["date"]}
    code, output = _check("--out", "undated")
    assert code == 0, output
    assert OTHER_DAY not in output and "press/hoofdlijnenakkoord" in output
