"""Build: plan the documents, compose them, reuse what is unchanged, render the rest.

A no-op build (nothing changed since the last one) reads only file times and the state file:
it imports neither the readers (pydantic, YAML, Jinja) nor the writers (WeasyPrint).
Otherwise the PDF workers are started first, so that their slow imports run on the other
cores while this process reads and composes the documents.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.pipeline.output import (
    MANIFEST,
    build_lock,
    check_out_dir,
    check_target,
    contained,
    prepare_out_dir,
    read_json,
    remove_stale_temps,
    write_json,
)
from briefgen.pipeline.selection import Selection
from briefgen.pipeline.state import BuildState, DocumentRecord, FileRecord, content_fingerprint, input_stamp
from briefgen.problems import Problem, ProblemsError, display_path

if TYPE_CHECKING:
    from briefgen.pipeline.compose import Composed
    from briefgen.pipeline.render import WorkerPool
    from briefgen.readers.positions import Positions

HOUSE = "house"
KIND_TEMPLATES = "kinds"
ONE_PER_THEME = ("briefing", "letter", "press")


@dataclass(frozen=True)
class BuildRequest:
    """Everything ``briefgen build`` was asked to do."""

    positions: Path
    profile: Path
    templates: Path
    out: Path
    selection: Selection
    options: Any
    """:class:`briefgen.options.Options`."""
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
    notes: list[str] = field(default_factory=list)
    """Things the user should know about the build (printed after the summary)."""
    workers: int = 0
    """Worker processes started (replacements included)."""
    worker_peak_rss_kib: int = 0
    """Largest peak resident memory of a worker process, in KiB (0: rendered in this process)."""

    @property
    def total(self) -> int:
        """Documents in the build."""
        return len(self.built) + len(self.reused)

    def summary(self) -> str:
        """The one-line summary printed after a build."""
        noun = "document" if self.total == 1 else "documents"
        rate = f", {len(self.built) / self.seconds:.1f} documents/s" if len(self.built) > 1 and self.seconds else ""
        return f"{self.total} {noun}: {len(self.built)} built, {len(self.reused)} reused in {self.seconds:.2f} s{rate}"


Progress = Callable[[str, int, int], None]
"""Called with (document id, documents done, documents to render)."""


def _stamp(request: BuildRequest, inputs: list[str]) -> str:
    """The input stamp; ``inputs`` are the folders the profile names (its overlay)."""
    options = request.options
    return input_stamp(
        [request.positions, request.profile, request.templates, *map(Path, inputs)],
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
            "base_url": getattr(options, "base_url", None),
            "paths": [
                str(request.positions.resolve()),
                str(request.profile.resolve()),
                str(request.templates.resolve()),
                *inputs,
            ],
        },
    )


def _single_document(selection: Selection) -> bool:
    """True when the selection names one document at most (then one worker is enough)."""
    if selection.portfolio is not None:
        return True
    if selection.kinds == ("press",) and selection.theme is None:
        return True
    return selection.theme is not None and len(selection.kinds) == 1 and selection.kinds[0] in ONE_PER_THEME


def _start_workers(request: BuildRequest) -> WorkerPool | None:
    """Start the PDF workers now (their imports overlap with composing), if they will be needed."""
    if request.jobs <= 1 or "pdf" not in request.selection.formats:
        return None
    from briefgen.pipeline.render import WorkerPool

    pool = WorkerPool(request.templates / HOUSE, request.jobs)
    pool.start(1 if _single_document(request.selection) else request.jobs)
    return pool


def build(
    request: BuildRequest,
    progress: Progress | None = None,
    shared: Positions | None = None,
    pool: WorkerPool | None = None,
) -> BuildReport:
    """Run a build; raise ProblemsError/UsageError before anything is written on bad input.

    ``shared``: the positions, already read (a batch of organisations reads them once);
    ``pool``: running workers to render with (kept running after the build)."""
    started = time.perf_counter()
    out = check_out_dir(request.out)  # created only once there is something to write
    with build_lock(out):
        stale = remove_stale_temps(out)
        state = BuildState() if request.force else BuildState.load(out)
        stamp = _stamp(request, state.inputs)
        if not request.force and state.is_noop(out, stamp):
            report = BuildReport(reused=list(state.planned), seconds=time.perf_counter() - started, noop=True)
            _note_stale(report, stale)
            return report
        own_pool = pool is None
        if own_pool:
            pool = _start_workers(request)
        try:
            report = _build(request, out, state, stamp, pool, progress, shared)
        except OSError as error:
            if error.errno in (errno.ENOSPC, errno.EDQUOT):
                raise ProblemsError(
                    [
                        Problem(
                            display_path(request.out),
                            message="no space left on the device while writing into "
                            "this folder; documents not yet written keep their previous version; free some space "
                            "and build again",
                        )
                    ]
                ) from None
            raise
        finally:
            if pool is not None and own_pool:
                pool.close()
    _note_stale(report, stale)
    if pool is not None:
        report.workers = pool.started
        report.worker_peak_rss_kib = pool.peak_rss_kib
    report.seconds = time.perf_counter() - started
    return report


def _note_stale(report: BuildReport, stale: int) -> None:
    if stale:
        noun = "file" if stale == 1 else "files"
        report.notes.append(f"removed {stale} temporary {noun} that an interrupted build had left")


def _build(
    request: BuildRequest,
    out: Path,
    state: BuildState,
    stamp: str,
    pool: WorkerPool | None,
    progress: Progress | None,
    positions: Positions | None = None,
) -> BuildReport:
    from briefgen.pipeline.compose import compose_all, profile_inputs
    from briefgen.pipeline.render import Rendered, RenderError, Task, render_all
    from briefgen.pipeline.site import RENDERED_FORMATS, document_formats, file_name
    from briefgen.pipeline.state import document_key, engine_versions

    composed = compose_all(request, positions)
    inputs = [str(folder.resolve()) for folder in profile_inputs(request.profile)]
    if inputs != state.inputs:
        state.inputs, stamp = inputs, _stamp(request, inputs)
    house = content_fingerprint([request.templates / HOUSE])
    engines = engine_versions()
    formats = request.selection.formats

    report = BuildReport()
    tasks: list[Task] = []
    web_only: list[Rendered] = []
    keys: dict[str, str] = {}
    doc_formats: dict[str, tuple[str, ...]] = {}
    for item in composed:
        text = repr(item.document)
        wanted = doc_formats[item.doc_id] = document_formats(item.document, formats)
        if set(wanted) != set(formats):
            report.notes.append(f"{item.doc_id}: under embargo, so no web page and no Woo metadata were written")
        key = document_key(text, house, wanted, engines)
        keys[item.doc_id] = key
        record = state.documents.get(item.doc_id)
        if record and record.key == key and set(record.files) == set(wanted) and record.intact(out):
            report.reused.append(item.doc_id)
            continue
        for fmt in wanted:
            check_target(out, file_name(item.doc_id, fmt))
        targets = {fmt: str(out / file_name(item.doc_id, fmt)) for fmt in wanted if fmt in RENDERED_FORMATS}
        if targets:
            tasks.append(Task(item.doc_id, item.document, targets, weight=len(text)))
        else:
            web_only.append(Rendered(item.doc_id, {}, {}, None))

    done = 0

    def on_done(rendered: Any) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(rendered.doc_id, done, len(tasks))

    new_folders = {Path(target).parent for task in tasks for target in task.targets.values()}
    new_folders = {folder for folder in (out, *new_folders) if not folder.exists()}
    if tasks:
        prepare_out_dir(request.out)
    try:
        results = render_all(tasks, request.templates / HOUSE, request.jobs, on_done, pool)
    except BaseException as error:
        for folder in sorted(new_folders, key=lambda path: len(path.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only empty folders this build created
        if isinstance(error, RenderError):
            raise ProblemsError([Problem(display_path(request.templates / HOUSE), message=str(error))]) from None
        raise
    results = [*results, *web_only]
    try:
        _add_web_files(out, composed, results, doc_formats)
    except BaseException:
        _discard(results)
        raise
    for result in results:  # every document rendered: move all of them into place
        for fmt, temp in result.temps.items():
            os.replace(temp, contained(out, file_name(result.doc_id, fmt)))
    _record(out, state, composed, results, keys)
    report.built = [item.doc_id for item in composed if item.doc_id in {result.doc_id for result in results}]

    planned = [item.doc_id for item in composed]
    if request.selection.is_full:
        report.removed = _prune(out, state, set(planned))
    prepare_out_dir(request.out)
    _write_site(out, state, request, composed)
    state.manifest = _write_manifest(out, state, request)
    state.stamp = stamp
    state.planned = planned
    state.save(out)
    return report


def _add_web_files(
    out: Path, composed: list[Composed], results: list[Any], doc_formats: dict[str, tuple[str, ...]]
) -> None:
    """Write the web page and Woo metadata of each rendered document next to its other temp files."""
    from briefgen.pipeline.output import sha256
    from briefgen.pipeline.render import write_temp
    from briefgen.pipeline.site import WEB_FORMATS, file_name, page_files

    documents = {item.doc_id: item.document for item in composed}
    for result in results:
        wanted = [fmt for fmt in doc_formats[result.doc_id] if fmt in WEB_FORMATS]
        if not wanted:
            continue
        sizes = {fmt: os.path.getsize(temp) for fmt, temp in result.temps.items()}
        for fmt, data in page_files(result.doc_id, documents[result.doc_id], wanted, sizes).items():
            result.temps[fmt] = write_temp(out / file_name(result.doc_id, fmt), data)
            result.hashes[fmt] = sha256(data)


def _discard(results: list[Any]) -> None:
    """Remove the temporary files of a build that did not finish."""
    for result in results:
        for temp in result.temps.values():
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _record(
    out: Path,
    state: BuildState,
    composed: list[Composed],
    results: list[Any],
    keys: dict[str, str],
) -> None:
    """Remember what was written for each rendered document."""
    from briefgen.pipeline.site import file_name

    by_id = {result.doc_id: result for result in results}
    for item in composed:
        result = by_id.get(item.doc_id)
        if result is None:
            continue
        files = {}
        for fmt in result.hashes:
            files[fmt] = FileRecord.of(out, file_name(item.doc_id, fmt), result.hashes[fmt])
        state.documents[item.doc_id] = DocumentRecord(keys[item.doc_id], files, item.entry(files, result.pages))


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


def _write_site(out: Path, state: BuildState, request: BuildRequest, composed: list[Composed]) -> None:
    """Write index, assets and sitemap where their bytes changed; remove site files no longer made."""
    from briefgen.pipeline.output import sha256, write_atomic
    from briefgen.pipeline.site import site_files, sitemap

    wanted: dict[str, bytes] = {}
    if composed and "html" in request.selection.formats:
        head = composed[0].document.letterhead
        entries = [record.entry for _, record in sorted(state.documents.items())]
        wanted = site_files(
            entries,
            request.templates / HOUSE,
            "Publicaties",
            head.organisation,
            head.logo,
            head.logo_alt or f"Logo {head.organisation}",
        )
        base_url = getattr(request.options, "base_url", None)
        if base_url and wanted:
            published = [
                (item.document, state.documents[item.doc_id].files)
                for item in composed
                if item.doc_id in state.documents
            ]
            wanted["sitemap.xml"] = sitemap(base_url, published)
    changed = {
        path: data
        for path, data in wanted.items()
        if path not in state.site or state.site[path].sha256 != sha256(data) or not state.site[path].unchanged(out)
    }
    for path in changed:
        check_target(out, path)
    if changed:
        write_atomic({out / path: data for path, data in changed.items()})
    for path in sorted(set(state.site) - set(wanted)):
        with contextlib.suppress(FileNotFoundError):
            contained(out, path).unlink()
    state.site = {path: FileRecord.of(out, path, sha256(data)) for path, data in wanted.items()}


def _write_manifest(out: Path, state: BuildState, request: BuildRequest) -> FileRecord:
    """Write ``manifest.json`` unless it already says exactly this; return its record."""
    from briefgen import __version__
    from briefgen.pipeline.state import file_sha256

    documents = [record.entry for _, record in sorted(state.documents.items()) if record.unchanged(out)]
    manifest = {
        "generator": f"briefgen {__version__}",
        "date": request.options.date.isoformat(),
        "documents": documents,
        "site": [
            {"path": record.path, "sha256": record.sha256, "bytes": record.bytes}
            for _, record in sorted(state.site.items())
        ],
    }
    path = out / MANIFEST
    if read_json(path) != manifest:
        write_json(path, manifest)
    return FileRecord.of(out, MANIFEST, file_sha256(path) or "")
