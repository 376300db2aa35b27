"""Incremental and reproducible builds.

Incremental correctness is shown on DOCX-only builds of the whole set (fast: no WeasyPrint):
an edit to one theme rebuilds exactly the documents that depend on it, a no-op writes
nothing, --force rebuilds all, a damaged state file or output is never trusted. Byte
reproducibility is shown with both formats on one theme's documents: separate folders,
--jobs 1 against --jobs 2 (PDFs from worker processes), and SOURCE_DATE_EPOCH from a
separate CLI process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefgen.options import Options
from briefgen.pipeline import BuildReport, BuildRequest, build
from briefgen.pipeline.render import Renderer, Task, WorkerPool
from briefgen.pipeline.selection import Selection
from briefgen.pipeline.state import STATE_DIR, STATE_FILE, document_key
from briefgen.pipeline.state import _checksum as _state_checksum

ROOT = Path(__file__).resolve().parents[1]
DATE = dt.date(2026, 11, 27)
THEME = "landelijk-gebied"
EDITED = "wonen-mobiliteit"
DOCX_ONLY = Selection(formats=("docx",))


def _copy_project(base: Path) -> Path:
    for name in ("positions", "templates", "sources"):
        shutil.copytree(ROOT / name, base / name)
    shutil.copy(ROOT / "briefgen.yaml", base / "briefgen.yaml")
    return base


def _request(project: Path, out: Path, selection: Selection = DOCX_ONLY, **options: object) -> BuildRequest:
    return BuildRequest(
        positions=project / "positions",
        profile=project / "briefgen.yaml",
        templates=project / "templates",
        out=out,
        selection=selection,
        options=Options(date=DATE),
        **options,  # type: ignore[arg-type]
    )


def _snapshot(out: Path) -> dict[str, tuple[str, int, int]]:
    """Every file under ``out`` (state and manifest included): hash, mtime and inode."""
    files = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            stat = path.stat()
            files[path.relative_to(out).as_posix()] = (
                hashlib.sha256(path.read_bytes()).hexdigest(),
                stat.st_mtime_ns,
                stat.st_ino,
            )
    return files


def _changed(before: dict[str, tuple[str, int, int]], after: dict[str, tuple[str, int, int]]) -> set[str]:
    """Documents (``kind/slug``) whose files differ in any way, or appeared or disappeared."""
    names = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    return {name.rsplit(".", 1)[0] for name in names if not name.startswith((STATE_DIR, "manifest"))}


def _composed(project: Path) -> dict[str, str]:
    """Every document of a full build, composed: id → model (what the document keys hash)."""
    from briefgen.pipeline.compose import compose_all

    return {item.doc_id: repr(item.document) for item in compose_all(_request(project, project / "unused"))}


def _dependents(project: Path, theme: str) -> set[str]:
    """The documents of a full build that read ``theme`` (from the planner's own dependencies)."""
    from briefgen.kinds import KINDS
    from briefgen.pipeline.compose import load_context
    from briefgen.pipeline.plan import plan

    ctx = load_context(_request(project, project / "unused"))
    return {f"{job.kind}/{job.slug}" for job in plan(ctx, Selection(), KINDS) if theme in job.depends_on}


@pytest.fixture(scope="module")
def docx_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, BuildReport]:
    """A project copy and a full DOCX-only build of it (shared; tests copy it before changing it)."""
    project = _copy_project(tmp_path_factory.mktemp("project"))
    out = project / "out"
    report = build(_request(project, out))
    assert len(report.built) > 20 and not report.reused
    return project, out, report


@pytest.fixture
def work(docx_build: tuple[Path, Path, BuildReport], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the project and its built output folder."""
    project = docx_build[0]
    mine = tmp_path / "project"
    shutil.copytree(project, mine, copy_function=shutil.copy2)
    # a copied folder has new inodes and change times: one build re-verifies it by content
    report = build(_request(mine, mine / "out"))
    assert not report.built and not report.noop
    return mine, mine / "out"


def test_noop_writes_nothing(work: tuple[Path, Path]) -> None:
    project, out = work
    before = _snapshot(out)
    report = build(_request(project, out))
    assert report.noop and not report.built
    assert _snapshot(out) == before


def test_noop_imports_nothing_heavy(work: tuple[Path, Path]) -> None:
    project = work[0]
    code = (
        "import sys\n"
        "from briefgen.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:], standalone_mode=False)\n"
        "finally:\n"
        "    heavy = ('pydantic', 'jinja2', 'yaml', 'babel', 'weasyprint', 'docx', 'pikepdf', 'rich')\n"
        "    print(sorted(name for name in heavy if name in sys.modules))\n"
    )
    args = ["build", "--positions", "positions", "--profile", "briefgen.yaml", "--templates", "templates"]
    args += ["--out", "out", "--format", "docx", "--date", DATE.isoformat()]
    result = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=project, capture_output=True, text=True, check=True, timeout=60
    )
    assert "(nothing changed)" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_editing_one_theme_rebuilds_exactly_its_documents(work: tuple[Path, Path]) -> None:
    project, out = work
    before_models = _composed(project)
    path = next((project / "positions").glob(f"*-{EDITED}.yaml"))
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r"\n    title: ([^\n]*)\n", r"\n    title: \1 (bijgewerkt)\n", text, count=1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    changed_models = {doc for doc, model in _composed(project).items() if before_models[doc] != model}
    # the documents whose content changes: all of them read the theme, of several kinds
    assert changed_models <= _dependents(project, EDITED)
    assert {f"briefing/{EDITED}", "memo/wonen-ruimte"} <= changed_models
    before = _snapshot(out)

    report = build(_request(project, out))

    assert set(report.built) == changed_models
    assert set(report.reused) == {name[: -len(".docx")] for name in before if name.endswith(".docx")} - changed_models
    assert _changed(before, _snapshot(out)) == changed_models
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["documents"]:
        for file in entry["files"]:
            assert hashlib.sha256((out / file["path"]).read_bytes()).hexdigest() == file["sha256"]


def test_force_rebuilds_everything(work: tuple[Path, Path], docx_build: tuple[Path, Path, BuildReport]) -> None:
    project, out = work
    before = _snapshot(out)
    report = build(_request(project, out, force=True))
    assert sorted(report.built) == sorted(docx_build[2].built) and not report.reused
    after = _snapshot(out)
    assert all(after[name][0] == before[name][0] for name in before if not name.startswith(STATE_DIR))
    assert all(after[name][2] != before[name][2] for name in before if name.endswith(".docx"))  # new files


@pytest.mark.parametrize(
    "damage",
    [
        "not json {",
        "[]",
        '{"format": 2, "version": "0.1.0", "stamp": 1, "planned": {}, "documents": []}',
        "paths",
        "keys",
    ],
)
def test_damaged_state_is_not_trusted(work: tuple[Path, Path], damage: str) -> None:
    project, out = work
    state_file = out / STATE_DIR / STATE_FILE
    if damage == "paths":  # a record pointing out of the folder (would be deleted when stale)
        data = json.loads(state_file.read_text(encoding="utf-8"))
        doc_id = next(iter(data["state"]["documents"]))
        data["state"]["documents"][doc_id]["files"]["docx"]["path"] = "../../victim.docx"
        data["checksum"] = _state_checksum(data["state"])  # even a consistent one is checked
        text = json.dumps(data)
    elif damage == "keys":  # still valid JSON that fits the inputs' stamp, but edited
        data = json.loads(state_file.read_text(encoding="utf-8"))
        for record in data["state"]["documents"].values():
            record["key"] = "0" * 64
        text = json.dumps(data)
    else:
        text = damage
    state_file.write_text(text, encoding="utf-8")
    victim = project.parent / "victim.docx"
    victim.write_bytes(b"keep me")

    report = build(_request(project, out))

    assert not report.noop and not report.reused and len(report.built) > 20
    assert victim.read_bytes() == b"keep me"
    assert build(_request(project, out)).noop  # and the state is good again


def test_edited_or_missing_output_is_rebuilt(work: tuple[Path, Path]) -> None:
    project, out = work
    edited = out / "letter" / f"{THEME}.docx"
    stat = edited.stat()
    data = bytearray(edited.read_bytes())
    data[-30] ^= 0xFF  # same size, and the modification time is set back below
    edited.write_bytes(bytes(data))
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    missing = out / "briefing" / f"{THEME}.docx"
    missing.unlink()
    before = _snapshot(out)

    report = build(_request(project, out))

    assert sorted(report.built) == sorted([f"letter/{THEME}", f"briefing/{THEME}"])
    assert _changed(before, _snapshot(out)) == {f"letter/{THEME}", f"briefing/{THEME}"}


def test_document_key_covers_engines_house_and_formats() -> None:
    base = document_key("doc", "house", ("docx", "pdf"), "weasyprint 70.0")
    assert document_key("doc", "house", ("pdf", "docx"), "weasyprint 70.0") == base
    assert document_key("doc", "house", ("docx",), "weasyprint 70.0") != base
    assert document_key("doc", "house2", ("docx", "pdf"), "weasyprint 70.0") != base
    assert document_key("doc", "house", ("docx", "pdf"), "weasyprint 71.0") != base
    assert document_key("doc2", "house", ("docx", "pdf"), "weasyprint 70.0") != base


# ---------------------------------------------------------------- reproducible bytes


def _files(out: Path) -> dict[str, bytes]:
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and STATE_DIR not in path.parts
    }


@pytest.fixture(scope="module")
def theme_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], BuildReport]:
    """One theme's documents in both formats, built in this process (--jobs 1) with --date, from
    positions without a ``date`` of their own (so that SOURCE_DATE_EPOCH can stand in for --date)."""
    project = _copy_project(tmp_path_factory.mktemp("repro"))
    general = project / "positions" / "_algemeen.yaml"
    lines = general.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("date:")]
    assert len(kept) == len(lines) - 1
    general.write_text("".join(kept), encoding="utf-8")
    report = build(_request(project, project / "one", Selection(theme=THEME), jobs=1))
    assert len(report.built) >= 4 and report.workers == 0
    return project, _files(project / "one"), report


def test_same_inputs_give_the_same_bytes_with_workers(theme_builds: tuple[Path, dict[str, bytes], BuildReport]) -> None:
    project, first, _ = theme_builds
    report = build(_request(project, project / "two", Selection(theme=THEME), jobs=2))
    assert report.workers == 2 and report.worker_peak_rss_kib > 0
    second = _files(project / "two")
    assert sorted(second) == sorted(first)
    assert [name for name in first if first[name] != second[name]] == []
    manifest = json.loads(first["manifest.json"])
    hashes = {file["path"]: file["sha256"] for entry in manifest["documents"] for file in entry["files"]}
    from briefgen.pipeline.selection import FORMATS

    assert len(hashes) == len(FORMATS) * len(manifest["documents"])
    assert all(hashlib.sha256(first[path]).hexdigest() == digest for path, digest in hashes.items())


def test_source_date_epoch_from_a_separate_process(theme_builds: tuple[Path, dict[str, bytes], BuildReport]) -> None:
    """SOURCE_DATE_EPOCH stands in for today: it dates the documents only when no --date, profile
    date or positions date is set (the fixture's positions have no ``date``)."""
    project, first, _ = theme_builds
    # midnight UTC is also what the PDF writer pins font-subset timestamps to when it is unset
    # (a later moment would change those bytes)
    epoch = int(dt.datetime(DATE.year, DATE.month, DATE.day, tzinfo=dt.UTC).timestamp())
    args = ["build", "--positions", "positions", "--profile", "briefgen.yaml", "--templates", "templates"]
    args += ["--out", "three", "--theme", THEME, "--jobs", "2"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    code = "import sys; from briefgen.cli import main; main(sys.argv[1:])"
    subprocess.run([sys.executable, "-c", code, *args], cwd=project, env=env, check=True, timeout=300)
    third = _files(project / "three")
    assert sorted(third) == sorted(first)
    assert [name for name in first if first[name] != third[name]] == []


def test_source_date_epoch_loses_to_the_positions_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The positions' ``date`` outranks SOURCE_DATE_EPOCH (which only replaces today); --date outranks both."""
    from briefgen.cli import _default_date, _document_date

    project = _copy_project(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2030, 1, 2, tzinfo=dt.UTC).timestamp())))
    assert _default_date() == dt.date(2030, 1, 2)
    general = yaml.safe_load((project / "positions" / "_algemeen.yaml").read_text(encoding="utf-8"))
    today = Options(date=_default_date(), date_source="today")
    resolved = _document_date(today, project / "briefgen.yaml", project / "positions")
    assert (resolved.date, resolved.date_source) == (general["date"], "positions")
    given = _document_date(Options(date=DATE), project / "briefgen.yaml", project / "positions")
    assert (given.date, given.date_source) == (DATE, "--date")


def test_workers_are_recycled_without_hanging(
    theme_builds: tuple[Path, dict[str, bytes], BuildReport], tmp_path: Path
) -> None:
    """Each worker renders one PDF and is replaced (ProcessPoolExecutor deadlocks here on 3.11)."""
    from briefgen.pipeline.compose import compose_all

    project, first, _ = theme_builds
    composed = compose_all(_request(project, tmp_path, Selection(kinds=("letter", "press"), theme=THEME)))
    tasks = [
        Task(item.doc_id, item.document, {"pdf": str(tmp_path / f"{item.doc_id}.pdf")}, weight=index)
        for index, item in enumerate(composed)
    ]
    pool = WorkerPool(project / "templates" / "house", workers=2, tasks_per_worker=1)
    done: list[tuple[str, str]] = []
    try:
        renderer = Renderer(project / "templates" / "house")
        pool.render(tasks, renderer, lambda doc, fmt, temp, *_: done.append((doc, temp)))
    finally:
        pool.close()
    assert sorted(doc for doc, _ in done) == sorted(item.doc_id for item in composed)
    assert pool.started >= len(tasks)
    for doc_id, temp in done:
        assert Path(temp).read_bytes() == first[f"{doc_id}.pdf"]
