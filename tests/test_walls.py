"""The walls between the stages hold: checked in fresh interpreters, so imports show what loads."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _loaded(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    return set(result.stdout.split())


@pytest.mark.parametrize(
    "writer", ["briefgen.writers.pdf", "briefgen.writers.docx", "briefgen.writers.html", "briefgen.writers.diwoo"]
)
def test_writers_load_neither_the_schema_nor_the_readers(writer: str) -> None:
    loaded = _loaded(writer)
    assert not {m for m in loaded if m.startswith(("briefgen.schema", "briefgen.readers", "pydantic"))}


def test_dutch_helpers_import_nothing_else_of_briefgen() -> None:
    assert {m for m in _loaded("briefgen.content.dutch") if m.startswith("briefgen")} == {
        "briefgen",
        "briefgen.content",
        "briefgen.content.dutch",
    }


def test_the_planner_loads_no_jinja_no_kind_and_no_writer() -> None:
    loaded = _loaded("briefgen.pipeline.plan")
    assert "jinja2" not in loaded
    assert not {m for m in loaded if m.startswith(("briefgen.kinds", "briefgen.writers"))}


def test_content_and_kinds_import_no_writer() -> None:
    loaded = _loaded("briefgen.kinds")
    assert not {m for m in loaded if m.startswith("briefgen.writers")}


def test_only_the_cli_writes_to_the_terminal() -> None:
    for path in (ROOT / "src" / "briefgen").rglob("*.py"):
        if path.name in ("cli.py", "cli_progress.py", "__main__.py"):
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<![\w.])print\(|sys\.std(out|err)", text), path


def test_forbidden_characters_are_defined_once() -> None:
    assert {m for m in _loaded("briefgen.characters") if m.startswith("briefgen")} == {
        "briefgen",
        "briefgen.characters",
    }
    for path in (ROOT / "src" / "briefgen").rglob("*.py"):
        if path.name == "characters.py":
            continue
        assert "\\x00-\\x08" not in path.read_text(encoding="utf-8"), path


def test_link_targets_are_checked_by_one_rule() -> None:
    for path in (ROOT / "src" / "briefgen").rglob("*.py"):
        if path.name == "typography.py":
            continue
        assert 'startswith("mailto:")' not in path.read_text(encoding="utf-8"), path
