"""Choosing the executor: the local pool needs nothing extra; Dask without its extra is a clear error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main


def test_dask_without_the_extra_names_the_install_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    executor = "briefgen.pipeline.dask_executor"
    loaded = sys.modules.pop(executor, None)  # imported afresh below, without Dask
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed: importing it fails
    args = ["build", "--out", str(tmp_path / "out"), "--executor", "dask", "--kind", "press", "--date", "2026-11-27"]
    try:
        result = CliRunner().invoke(main, args)
    finally:
        sys.modules.pop(executor, None)
        if loaded is not None:
            sys.modules[executor] = loaded
    assert result.exit_code == 2, result.output
    assert "--executor dask needs Dask distributed, which is not installed" in result.output
    assert "pip install '.[dask]'" in result.output
    assert not (tmp_path / "out").exists()
