"""Shared fixtures: the project root, copies of the shipped data to edit, a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the shipped positions, profile and templates in a temporary folder."""
    for name in ("positions", "templates", "examples", "sources"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "briefgen.yaml", tmp_path / "briefgen.yaml")
    return tmp_path


@pytest.fixture
def runner() -> CliRunner:
    """A click runner that keeps standard error apart."""
    return CliRunner()
