"""The package type-checks with mypy (settings under [tool.mypy] in pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_errors_in_src() -> None:
    api = pytest.importorskip("mypy.api", reason="mypy (test extra) checks the types")
    stdout, stderr, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), str(ROOT / "src")])
    assert status == 0, stdout + stderr
