"""The batch on Dask distributed: a real LocalCluster, the same bytes as the local pool."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.options import Options
from briefgen.pipeline import BuildRequest, build
from briefgen.pipeline.selection import Selection
from briefgen.problems import ProblemsError

distributed = pytest.importorskip("distributed", reason="Dask distributed is not installed: pip install '.[dask]'")

ROOT = Path(__file__).resolve().parents[1]
DATE = "2026-11-27"


def _files(out: Path) -> dict[str, bytes]:
    """Every file of a build (the manifest included), without the build state."""
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and ".briefgen" not in path.relative_to(out).parts
    }


def _cli_build(out: Path, *extra: str) -> str:
    args = ["build", "--out", str(out), "--date", DATE, "--jobs", "2", *extra]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The default set built with the local pool."""
    out = tmp_path_factory.mktemp("local") / "out"
    _cli_build(out)
    return _files(out)


@pytest.fixture(scope="module")
def cluster() -> object:
    """A LocalCluster of two single-threaded worker processes, as a remote scheduler would have."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as local:
        yield local


def test_dask_gives_the_same_bytes_as_the_local_pool(tmp_path: Path, reference: dict[str, bytes]) -> None:
    output = _cli_build(tmp_path / "out", "--executor", "dask")  # starts its own LocalCluster
    assert "35 documents: 35 built" in output
    built = _files(tmp_path / "out")
    assert sorted(built) == sorted(reference)
    different = [name for name in built if built[name] != reference[name]]
    assert different == []


def _request(out: Path, scheduler: str, templates: Path = ROOT / "templates") -> BuildRequest:
    return BuildRequest(
        positions=ROOT / "positions",
        profile=ROOT / "briefgen.yaml",
        templates=templates,
        out=out,
        selection=Selection(),
        options=Options(date=dt.date.fromisoformat(DATE)),
        jobs=2,
        executor="dask",
        scheduler=scheduler,
    )


def test_a_killed_worker_has_its_documents_rendered_elsewhere(
    tmp_path: Path, cluster: object, reference: dict[str, bytes]
) -> None:
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    with distributed.Client(address, set_as_default=False) as client:
        pids = client.run(os.getpid)  # worker address → process id
    victim = sorted(pids.values())[0]
    killed = threading.Event()

    def progress(doc_id: str, done: int, total: int) -> None:
        if done == 3 and not killed.is_set():  # mid-build, with PDFs in flight on both workers
            os.kill(victim, signal.SIGKILL)
            killed.set()

    report = build(_request(tmp_path / "out", address), progress)
    assert killed.is_set()
    assert len(report.built) == 35
    (note,) = [note for note in report.notes if note.startswith("a worker was lost; ")]
    assert note.endswith(" rendered again on another worker") and int(note.split()[4]) >= 1
    assert _files(tmp_path / "out") == reference  # nothing lost, nothing half-written
    assert not list((tmp_path / "out").rglob("*.tmp"))


def test_a_document_the_writer_refuses_is_reported_with_its_location(tmp_path: Path, cluster: object) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    css = templates / "house" / "house.css"
    css.write_text(css.read_text(encoding="utf-8") + "\np { background: url(file:///etc/passwd); }\n", "utf-8")
    request = _request(tmp_path / "out", cluster.scheduler_address, templates)  # type: ignore[attr-defined]
    with pytest.raises(ProblemsError) as caught:
        build(request)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{templates / 'house'}: cannot render ")
    assert "refused to fetch 'file:///etc/passwd'" in str(problem)
    assert not (tmp_path / "out").exists()  # nothing half-written


def test_scheduler_needs_the_dask_executor(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--scheduler needs --executor dask" in result.output


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    args = ["build", "--out", str(tmp_path / "out"), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"]
    result = CliRunner().invoke(main, [*args, "--kind", "press", "--date", DATE])
    assert result.exit_code == 2, result.output
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
