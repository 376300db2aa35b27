"""Build: plan the documents, compose them, reuse what is unchanged, render the rest."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.build.output import MANIFEST, check_out_dir, check_target, contained, prepare_out_dir, write_json
from briefgen.build.plan import Selection
from briefgen.build.state import BuildState, DocumentRecord, FileRecord, content_fingerprint, input_stamp
from briefgen.problems import Problem, ProblemsError, display_path

HOUSE = "house"
KIND_TEMPLATES = "kinds"


@dataclass(frozen=True)
class BuildRequest:
    """Everything ``briefgen build`` was asked to do."""

    positions: Path
    profile: Path
    templates: Path
    out: Path
    selection: Selection
    options: Any
    """:class:`briefgen.kinds.base.Options` (imported lazily to keep no-op builds fast)."""
    jobs: int = 1
    force: bool = False


@dataclass
class BuildReport:
    """What a build did."""

    built: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    noop: bool = False

    @property
    def total(self) -> int:
        """Documents in the build."""
        return len(self.built) + len(self.reused)

    def summary(self) -> str:
        """The one-line summary printed after a build."""
        rate = f", {len(self.built) / self.seconds:.1f} documents/s" if self.built and self.seconds else ""
        return (
            f"{self.total} documents: {len(self.built)} built, {len(self.reused)} reused in {self.seconds:.2f} s{rate}"
        )


Progress = Callable[[str, int, int], None]
"""Called with (document id, documents done, documents to render)."""


def _stamp(request: BuildRequest) -> str:
    options = request.options
    return input_stamp(
        [request.positions, request.profile, request.templates],
        {
            "selection": [
                request.selection.kinds,
                request.selection.theme,
                request.selection.portfolio,
                request.selection.formats,
            ],
            "date": options.date.isoformat(),
            "embargo": options.embargo.isoformat() if options.embargo else None,
            "reason": options.embargo_reason,
            "paths": [
                str(request.positions.resolve()),
                str(request.profile.resolve()),
                str(request.templates.resolve()),
            ],
        },
    )


def build(request: BuildRequest, progress: Progress | None = None) -> BuildReport:
    """Run a build; raise ProblemsError/UsageError before anything is written on bad input."""
    started = time.perf_counter()
    out = check_out_dir(request.out)  # created only once there is something to write
    state = BuildState() if request.force else BuildState.load(out)
    stamp = _stamp(request)
    if not request.force and state.is_noop(out, stamp) and (out / MANIFEST).is_file():
        return BuildReport(reused=list(state.planned), seconds=time.perf_counter() - started, noop=True)

    from briefgen.build.compose import compose_all

    composed = compose_all(request)
    house = content_fingerprint([request.templates / HOUSE])
    from briefgen.build.render import RenderError, Task, render_all
    from briefgen.build.state import document_key

    report = BuildReport()
    tasks: list[Task] = []
    keys: dict[str, str] = {}
    for item in composed:
        key = document_key(repr(item.document), house, request.selection.formats)
        keys[item.doc_id] = key
        record = state.documents.get(item.doc_id)
        if (
            record
            and record.key == key
            and record.unchanged(out)
            and set(record.files) == set(request.selection.formats)
        ):
            report.reused.append(item.doc_id)
            continue
        targets = {fmt: str(check_target(out, f"{item.doc_id}.{fmt}")) for fmt in request.selection.formats}
        tasks.append(Task(item.doc_id, item.document, targets))

    done = 0

    def on_done(rendered: Any) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(rendered.doc_id, done, len(tasks))

    new_folders = {Path(target).parent for task in tasks for target in task.targets.values()}
    new_folders = {folder for folder in (out, *new_folders) if not folder.exists()}
    prepare_out_dir(request.out)
    try:
        results = render_all(tasks, request.templates / HOUSE, request.jobs, on_done)
    except BaseException as error:
        for folder in sorted(new_folders, key=lambda path: len(path.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only empty folders this build created
        if isinstance(error, RenderError):
            raise ProblemsError([Problem(display_path(request.templates / HOUSE), message=str(error))]) from None
        raise
    for result in results:  # every document rendered: move all of them into place
        for fmt, temp in result.temps.items():
            os.replace(temp, contained(out, f"{result.doc_id}.{fmt}"))
    by_id = {result.doc_id: result for result in results}
    for item in composed:
        if item.doc_id in by_id:
            result = by_id[item.doc_id]
            files = {}
            for fmt in request.selection.formats:
                path = contained(out, f"{item.doc_id}.{fmt}")
                stat = path.stat()
                files[fmt] = FileRecord(f"{item.doc_id}.{fmt}", result.hashes[fmt], stat.st_size, stat.st_mtime_ns)
            state.documents[item.doc_id] = DocumentRecord(keys[item.doc_id], files, item.entry(files, result.pages))
            report.built.append(item.doc_id)

    planned = [item.doc_id for item in composed]
    if request.selection.is_full:
        report.removed = _prune(out, state, set(planned))
    _write_manifest(out, state, request)
    state.stamp = stamp
    state.planned = planned
    state.save(out)
    report.seconds = time.perf_counter() - started
    return report


def _prune(out: Path, state: BuildState, keep: set[str]) -> list[str]:
    """Remove outputs of earlier builds that a full build no longer makes (stale documents)."""
    removed = []
    for doc_id in sorted(set(state.documents) - keep):
        for record in state.documents[doc_id].files.values():
            path = contained(out, record.path)
            if path.is_file():
                path.unlink()
        del state.documents[doc_id]
        removed.append(doc_id)
    return removed


def _write_manifest(out: Path, state: BuildState, request: BuildRequest) -> None:
    from briefgen import __version__

    documents = [record.entry for _, record in sorted(state.documents.items()) if record.unchanged(out)]
    write_json(
        out / MANIFEST,
        {
            "generator": f"briefgen {__version__}",
            "date": request.options.date.isoformat(),
            "documents": documents,
        },
    )
