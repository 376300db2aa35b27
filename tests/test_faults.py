"""Faults lose nothing: a killed build, a full disk and two builds at once leave ``out/`` consistent."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.pipeline.output import TEMP_NAME, build_lock

ROOT = Path(__file__).resolve().parents[1]


def _project(base: Path) -> Path:
    for name in ("positions", "templates", "sources"):
        shutil.copytree(ROOT / name, base / name)
    shutil.copy(ROOT / "briefgen.yaml", base / "briefgen.yaml")
    return base


def _args(project: Path, *extra: str) -> list[str]:
    return [
        "build",
        "--positions",
        str(project / "positions"),
        "--profile",
        str(project / "briefgen.yaml"),
        "--templates",
        str(project / "templates"),
        "--out",
        str(project / "out"),
        "--date",
        "2026-11-27",
        *extra,
    ]


def _temps(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and TEMP_NAME.match(p.name))


def _assert_consistent(out: Path) -> None:
    """Every file the manifest lists is there with its hash; every file there is listed."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {item["path"]: item for doc in manifest["documents"] for item in doc["files"]}
    listed.update({item["path"]: item for item in manifest["site"]})
    for path, item in listed.items():
        assert hashlib.sha256((out / path).read_bytes()).hexdigest() == item["sha256"], path
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and ".briefgen" not in p.parts}
    assert on_disk == {*listed, "manifest.json"}


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_a_build_killed_midway_leaves_nothing_after_the_next_build(tmp_path: Path) -> None:
    project = _project(tmp_path)
    out = project / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", *_args(project, "--jobs", "2", "--force")],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.is_dir() and _temps(out)):
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)  # the build and its workers, mid-way
    process.wait()
    # an interrupted build can also have left a temporary file of its own anywhere
    out.mkdir(exist_ok=True)
    (out / ".manifest.json.briefgen-abc123.tmp").write_text("half")
    assert _temps(out)
    result = CliRunner().invoke(main, _args(project, "--jobs", "2"))
    assert result.exit_code == 0, result.output
    assert "temporary file" in result.output and "interrupted build" in result.output
    assert _temps(out) == []
    _assert_consistent(out)


def test_only_briefgens_own_temporary_files_are_removed(tmp_path: Path) -> None:
    project = _project(tmp_path)
    out = project / "out"
    out.mkdir()
    (out / ".notes.tmp").write_text("someone else's")
    (out / "notes.briefgen-1.tmp").write_text("not hidden, not ours")
    result = CliRunner().invoke(main, _args(project, "--kind", "press", "--jobs", "1"))
    assert result.exit_code == 0, result.output
    assert (out / ".notes.tmp").exists() and (out / "notes.briefgen-1.tmp").exists()


def test_a_second_build_into_the_same_folder_is_refused_clearly(tmp_path: Path) -> None:
    project = _project(tmp_path)
    out = project / "out"
    first = CliRunner().invoke(main, _args(project, "--kind", "press", "--jobs", "1"))
    assert first.exit_code == 0, first.output
    before = _snapshot(out)
    with build_lock(out):  # another build is running
        second = CliRunner().invoke(main, _args(project, "--jobs", "1", "--force"))
    assert second.exit_code == 1
    assert "another briefgen build is writing into this folder" in second.output
    assert "Traceback" not in second.output
    assert _snapshot(out) == before
    third = CliRunner().invoke(main, _args(project, "--kind", "press", "--jobs", "1"))
    assert third.exit_code == 0, third.output


def test_a_full_disk_names_the_folder_and_leaves_out_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefgen.pipeline.render as render

    project = _project(tmp_path)
    out = project / "out"
    first = CliRunner().invoke(main, _args(project, "--kind", "press", "--jobs", "1"))
    assert first.exit_code == 0, first.output
    before = _snapshot(out)
    real = render.write_temp
    calls = {"n": 0}

    def full(target: Path, data: bytes) -> str:
        calls["n"] += 1
        if calls["n"] > 1:  # the first file fits, the second does not
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target, data)

    monkeypatch.setattr(render, "write_temp", full)
    result = CliRunner().invoke(main, _args(project, "--kind", "press", "--jobs", "1", "--force"))
    assert result.exit_code == 1, result.output
    assert "no space left on the device while writing into this folder" in result.output
    assert str(project / "out") in result.output or "out:" in result.output
    assert "Traceback" not in result.output
    assert _snapshot(out) == before
    assert _temps(out) == []
