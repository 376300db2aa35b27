"""Build: plan the documents, compose them, reuse what is unchanged, render the rest.

A no-op build (nothing changed since the last one) reads only file times and the state file:
it imports neither the readers (pydantic, YAML, Jinja) nor the writers (WeasyPrint).
Otherwise the PDF workers are started first, so that their slow imports run on the other
cores while this process reads and composes the documents.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.options import DEFAULT_PDF_ENGINE
from briefgen.pipeline.output import (
    MANIFEST,
    TEMP_NAME,
    build_lock,
    check_out_dir,
    check_target,
    contained,
    non_public_folder,
    prepare_out_dir,
    read_json,
    remove_stale_temps,
    write_json,
)
from briefgen.pipeline.selection import Selection
from briefgen.pipeline.state import BuildState, DocumentRecord, FileRecord, content_fingerprint, input_stamp
from briefgen.problems import Problem, ProblemsError, display_path

if TYPE_CHECKING:
    from briefgen.content.model import Document
    from briefgen.pipeline.compose import Composed
    from briefgen.pipeline.render import Executor
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
    executor: str = "local"
    """``local`` (the built-in worker pool) or ``dask``."""
    scheduler: str | None = None
    """Address of a Dask scheduler (``--executor dask``); None: a LocalCluster on this machine."""
    non_public: Path | None = None
    """Where documents under embargo and concepts go; None: ``<out>-niet-openbaar`` beside ``out``."""
    pdf_engine: str | None = None
    """``weasyprint`` or ``typst`` (``--pdf-engine``); None: the profile's ``pdf.engine``."""


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
            "concept": getattr(options, "concept", False),
            "changes_since": getattr(options, "changes_since", None),
            "pdf_engine": request.pdf_engine,
            "paths": [
                str(non_public_folder(request.out, request.non_public)),
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


def make_executor(request: BuildRequest) -> Executor | None:
    """The executor that renders the PDFs of ``request`` (not yet started); None: this process."""
    if "pdf" not in request.selection.formats:
        return None
    if request.executor == "dask":
        from briefgen.pipeline.dask_executor import DaskPool

        return DaskPool(request.templates / HOUSE, request.jobs, request.scheduler, _warm_engine(request))
    if request.jobs <= 1:
        return None
    if _in_process(request, _warm_engine(request)):
        return None
    from briefgen.pipeline.render import WorkerPool

    return WorkerPool(request.templates / HOUSE, request.jobs, engine=_warm_engine(request))


def _in_process(request: BuildRequest, engine: str) -> bool:
    """True when one document is rendered with Typst: faster than starting a worker process."""
    return engine == "typst" and _single_document(request.selection)


def _warm_engine(request: BuildRequest) -> str:
    """The PDF engine workers load while they start, before the profile is read (a profile that
    names another engine gets it: every task says which engine renders it)."""
    return request.pdf_engine or DEFAULT_PDF_ENGINE


def pdf_engine(request: BuildRequest, profile: Any) -> str:
    """The PDF engine of a build: ``--pdf-engine``, else the profile's ``pdf.engine``."""
    return request.pdf_engine or profile.pdf.engine


def _start_workers(request: BuildRequest) -> Executor | None:
    """Start the PDF workers now (their imports overlap with composing), if they will be needed."""
    pool = make_executor(request)
    if pool is not None:
        pool.start(1 if _single_document(request.selection) else request.jobs)
    return pool


def build(
    request: BuildRequest,
    progress: Progress | None = None,
    shared: Positions | None = None,
    pool: Executor | None = None,
) -> BuildReport:
    """Run a build; raise ProblemsError/UsageError before anything is written on bad input.

    ``shared``: the positions, already read (a batch of organisations reads them once);
    ``pool``: running workers to render with (kept running after the build)."""
    started = time.perf_counter()
    out = check_out_dir(request.out)  # created only once there is something to write
    private = non_public_folder(out, request.non_public)
    with build_lock(out):
        stale = remove_stale_temps(out) + remove_stale_temps(private)
        state = BuildState() if request.force else BuildState.load(out)
        stamp = _stamp(request, state.inputs)
        # a git revision can move (HEAD~1) without any input file changing: no shortcut then
        since = getattr(request.options, "changes_since", None)
        if not request.force and not since and state.is_noop(out, stamp):
            report = BuildReport(reused=list(state.planned), seconds=time.perf_counter() - started, noop=True)
            _note_stale(report, stale)
            return report
        own_pool = pool is None
        if own_pool:
            pool = _start_workers(request)
        lost_before = getattr(pool, "rendered_again", 0)
        try:
            state.private = str(private)  # files recorded in another non-public folder are not reused
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
        again = getattr(pool, "rendered_again", 0) - lost_before
        if again:
            noun = "document" if again == 1 else "documents"
            report.notes.append(f"a worker was lost; {again} {noun} rendered again on another worker")
        report.workers = pool.started
        report.worker_peak_rss_kib = pool.peak_rss_kib
    report.seconds = time.perf_counter() - started
    return report


def _note_stale(report: BuildReport, stale: int) -> None:
    if stale:
        noun = "file" if stale == 1 else "files"
        report.notes.append(f"removed {stale} temporary {noun} that an interrupted build had left")


KEEP_COMPOSED = 64
"""Documents to render that are kept from planning to rendering; later ones are composed again
when their turn comes, so memory does not grow with the size of the build."""


@dataclass
class _Todo:
    """A document to render: its job and target files (the document itself comes later)."""

    job: Any
    doc_id: str
    targets: dict[str, str]
    web: tuple[str, ...]
    weight: int
    public: bool


def _build(
    request: BuildRequest,
    out: Path,
    state: BuildState,
    stamp: str,
    pool: Executor | None,
    progress: Progress | None,
    positions: Positions | None = None,
) -> BuildReport:
    """Plan, then stream: compose → render → web files, a bounded number of documents at a time.

    Every file is written to a temporary sibling and moved into place only when all documents
    are done, so a failure (or a kill) leaves the previous build untouched."""
    from briefgen.pipeline.compose import Composer, overlay_folder
    from briefgen.pipeline.site import RENDERED_FORMATS, WEB_FORMATS, document_formats, file_name, is_public
    from briefgen.pipeline.state import document_key, engine_versions

    composer = Composer.load(request, positions)
    overlay = overlay_folder(composer.base.profile)  # the profile as just read, not again
    inputs = [str(overlay.resolve())] if overlay is not None else []
    if inputs != state.inputs:
        state.inputs, stamp = inputs, _stamp(request, inputs)
    house = content_fingerprint([request.templates / HOUSE])
    engine = pdf_engine(request, composer.base.profile.profile)
    engines = f"{engine_versions()}; pdf engine {engine}"
    formats = request.selection.formats

    private = Path(state.private)
    report = BuildReport()
    keys: dict[str, str] = {}
    light: dict[str, Composed] = {}
    todo: list[_Todo] = []
    kept: dict[str, Document] = {}
    refused: list[Problem] = []
    for job in composer.jobs:  # compose each once for its key; keep only a few
        try:
            item = composer.compose(job)
        except ProblemsError as error:
            refused.extend(p for p in error.problems if p not in refused)  # every refused document, at once
            continue
        if refused:
            continue
        text = repr(item.document)
        wanted = document_formats(item.document, formats)
        public = is_public(item.document)
        root = out if public else private
        if not public:
            why = "a concept" if item.document.meta.status in ("concept", "ter-review") else "under embargo"
            report.notes.append(
                f"{item.doc_id}: {why}, so it is written to {display_path(private)} (not for publication): "
                "no web page, no Woo metadata"
            )
        key = keys[item.doc_id] = document_key(text, house, wanted, engines)
        light[item.doc_id] = item.light()
        record = state.documents.get(item.doc_id)
        if (
            record
            and record.key == key
            and record.public == public
            and set(record.files) == set(wanted)
            and record.intact(root)
        ):
            report.reused.append(item.doc_id)
            continue
        for fmt in wanted:
            check_target(root, file_name(item.doc_id, fmt))
        targets = {fmt: str(root / file_name(item.doc_id, fmt)) for fmt in wanted if fmt in RENDERED_FORMATS}
        web = tuple(fmt for fmt in wanted if fmt in WEB_FORMATS)
        todo.append(_Todo(job, item.doc_id, targets, web, len(text), public))
        if len(kept) < KEEP_COMPOSED:
            kept[item.doc_id] = item.document
    if refused:
        raise ProblemsError(refused)

    roots = {item.doc_id: out if item.public else private for item in todo}
    new_folders = {out, private, *(roots[item.doc_id] / item.job.kind for item in todo)}
    new_folders = {folder for folder in new_folders if not folder.exists()}
    if todo:
        prepare_out_dir(request.out)
    results: list[Any] = []
    try:
        results = _render_stream(request, out, composer, todo, kept, pool, progress, engine)
    except BaseException as error:
        for folder in sorted(new_folders, key=lambda path: len(path.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only empty folders this build created
        from briefgen.pipeline.render import RenderError

        if isinstance(error, RenderError):
            raise ProblemsError([Problem(display_path(request.templates / HOUSE), message=str(error))]) from None
        raise
    for result in results:  # every document rendered: move all of them into place
        for fmt, temp in result.temps.items():
            os.replace(temp, contained(roots[result.doc_id], file_name(result.doc_id, fmt)))
    _record(out, state, light, results, keys, request.options)
    report.notes.extend(_over_budget(state, list(light), composer.base.profile.profile.memo.pages))
    done = {result.doc_id for result in results}
    report.built = [doc_id for doc_id in light if doc_id in done]

    planned = list(light)
    if request.selection.is_full:
        report.removed = _prune(out, state, set(planned))
        if report.removed:
            report.notes.append(f"no longer made, removed with their files: {', '.join(report.removed)}")
    prepare_out_dir(request.out)
    _write_site(out, state, request, list(light.values()))
    organisation, date = composer.base.profile.profile.organisation.name, composer.base.options.date
    state.manifest = _write_manifest(out, state, organisation, date)
    _write_private_manifest(state, organisation, date)
    _withdraw(out, state, report)
    state.stamp = stamp
    state.planned = planned
    state.save(out)
    return report


def _render_stream(
    request: BuildRequest,
    out: Path,
    composer: Any,
    todo: list[_Todo],
    kept: dict[str, Document],
    pool: Executor | None,
    progress: Progress | None,
    engine: str = DEFAULT_PDF_ENGINE,
) -> list[Any]:
    """Render every document of ``todo`` (composing the ones not kept) and write its web files;
    return what was rendered. On failure every temporary file is removed."""
    from briefgen.pipeline.render import Rendered, Task, discard, render_all

    in_flight: dict[str, Document] = {}
    web_of = {item.doc_id: item.web for item in todo}
    finished: list[Any] = []

    def tasks() -> Iterator[Task]:
        for item in todo:
            document = kept.pop(item.doc_id, None) or composer.compose(item.job).document
            if item.targets:
                in_flight[item.doc_id] = document
                yield Task(item.doc_id, document, item.targets, weight=item.weight, engine=engine)
            else:  # only web files asked for
                rendered = Rendered(item.doc_id, {}, {}, None)
                _add_web_files(out, rendered, document, item.web)
                on_done(rendered)

    def on_done(rendered: Any) -> None:
        document = in_flight.pop(rendered.doc_id, None)
        if document is not None:
            _add_web_files(out, rendered, document, web_of[rendered.doc_id])
        finished.append(rendered)
        if progress:
            progress(rendered.doc_id, len(finished), len(todo))

    try:
        jobs = 1 if pool is None and _in_process(request, engine) else request.jobs
        render_all(tasks(), request.templates / HOUSE, jobs, on_done, pool, engine)
    except BaseException:
        for rendered in finished:
            discard(rendered.temps.values())
        raise
    return finished


def _add_web_files(out: Path, rendered: Any, document: Document, web: tuple[str, ...]) -> None:
    """Write the web page and Woo metadata of a rendered document next to its other temp files."""
    from briefgen.pipeline.output import sha256
    from briefgen.pipeline.render import write_temp
    from briefgen.pipeline.site import file_name, page_files

    if not web:
        return
    sizes = {fmt: os.path.getsize(temp) for fmt, temp in rendered.temps.items()}
    for fmt, data in page_files(rendered.doc_id, document, web, sizes).items():
        rendered.temps[fmt] = write_temp(out / file_name(rendered.doc_id, fmt), data)
        rendered.hashes[fmt] = sha256(data)


def _record(
    out: Path,
    state: BuildState,
    light: dict[str, Composed],
    results: list[Any],
    keys: dict[str, str],
    options: Any,
) -> None:
    """Remember what was written for each rendered document (and where: public or not)."""
    from briefgen.pipeline.site import file_name, is_public

    for result in results:
        item = light[result.doc_id]
        public = is_public(item.document)
        root = out if public else Path(state.private)
        files = {fmt: FileRecord.of(root, file_name(item.doc_id, fmt), digest) for fmt, digest in result.hashes.items()}
        entry = item.entry(files, result.pages)
        if not public:
            embargo = options.embargo if item.job.kind == "press" else None
            entry["embargo"] = embargo.isoformat(sep=" ", timespec="minutes") if embargo else None
        state.documents[item.doc_id] = DocumentRecord(keys[item.doc_id], files, entry, public)


def _over_budget(state: BuildState, doc_ids: list[str], budget: int) -> list[str]:
    """A warning per memo whose PDF has more pages than the profile's page budget (``memo.pages``)."""
    notes = []
    for doc_id in doc_ids:
        record = state.documents.get(doc_id)
        pages = record.entry.get("pages") if record else None
        if doc_id.startswith("memo/") and isinstance(pages, int) and pages > budget:
            notes.append(f"Let op: {doc_id} heeft {pages} pagina's; het budget voor een memo is {budget} (memo.pages)")
    return notes


def _prune(out: Path, state: BuildState, keep: set[str]) -> list[str]:
    """Remove outputs of earlier builds that a full build no longer makes (stale documents)."""
    removed = []
    for doc_id in sorted(set(state.documents) - keep):
        root = state.root(out, state.documents[doc_id])
        for record in state.documents[doc_id].files.values():
            path = contained(root, record.path)
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
    if composed:  # the index lists every public document with a web page, built now or before
        head = composed[0].document.letterhead
        entries = [record.entry for _, record in sorted(state.documents.items()) if record.public]
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
                if item.doc_id in state.documents and state.documents[item.doc_id].public
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


def _write_manifest(out: Path, state: BuildState, organisation: str, date: dt.date) -> FileRecord:
    """Write ``manifest.json`` unless it already says exactly this; return its record (``date``: the
    document date, as resolved for the documents)."""
    from briefgen import __version__
    from briefgen.pipeline.state import file_sha256

    documents = [
        record.entry for _, record in sorted(state.documents.items()) if record.public and record.unchanged(out)
    ]
    manifest = {
        "generator": f"briefgen {__version__}",
        "organisation": organisation,
        "date": date.isoformat(),
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


def _write_private_manifest(state: BuildState, organisation: str, date: dt.date) -> None:
    """``manifest.json`` of the non-public folder: its documents with their status and embargo
    (removed, with the folder if empty, when there are none)."""
    from briefgen import __version__

    private = Path(state.private)
    documents = [
        record.entry for _, record in sorted(state.documents.items()) if not record.public and record.unchanged(private)
    ]
    path = private / MANIFEST
    if not documents:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    manifest = {
        "generator": f"briefgen {__version__}",
        "organisation": organisation,
        "date": date.isoformat(),
        "public": False,
        "note": "not for publication: documents under embargo and concepts",
        "documents": documents,
    }
    if read_json(path) != manifest:
        private.mkdir(parents=True, exist_ok=True)
        write_json(path, manifest)


SITE_TOP = ("index.html", "sitemap.xml", MANIFEST)
"""Files briefgen writes at the top of the output folder."""
SITE_FOLDERS = ("assets",)
"""Folders of the output folder that hold site files."""


def _withdraw(out: Path, state: BuildState, report: BuildReport) -> None:
    """Make the public folder hold exactly what its manifest lists (and the non-public folder
    what its own lists): remove every file briefgen made there that is no longer listed (a
    document withdrawn, under embargo, a concept, removed, or a format not built), and name it."""
    from briefgen.kinds import KINDS

    folders = (*KINDS, "changes", *SITE_FOLDERS)
    private = Path(state.private)
    public_files = {MANIFEST, *state.site}
    private_files = {MANIFEST}
    for record in state.documents.values():
        (public_files if record.public else private_files).update(item.path for item in record.files.values())
    removed = _sweep(out, public_files, folders)
    if removed:
        report.notes.append(f"no longer published, removed from {display_path(out)}: {_by_document(removed)}")
    _sweep(private, private_files, folders)
    if out.is_dir():
        known = {*folders, *SITE_TOP, ".briefgen"}
        foreign = sorted(entry.name for entry in out.iterdir() if entry.name not in known)
        if foreign:
            report.notes.append(
                f"{display_path(out)} also holds {', '.join(foreign)}: not made by briefgen and not in its "
                "manifest, but published too if the folder is copied"
            )


def _sweep(root: Path, listed: set[str], folders: tuple[str, ...]) -> list[str]:
    """Remove the files under ``root``'s ``folders`` (and at its top, of briefgen's names) that
    ``listed`` does not name, then the folders left empty; the paths removed."""
    removed: list[str] = []
    if not root.is_dir():
        return removed
    for name in SITE_TOP:
        if name not in listed and (root / name).is_file():
            (root / name).unlink()
            removed.append(name)
    for folder in folders:
        base = root / folder
        if base.is_symlink() or not base.is_dir():
            continue
        for where, _, files in os.walk(base, topdown=False):
            for name in files:
                path = Path(where) / name
                relative = path.relative_to(root).as_posix()
                if relative not in listed and not TEMP_NAME.match(name):
                    path.unlink()
                    removed.append(relative)
            with contextlib.suppress(OSError):
                Path(where).rmdir()  # only when empty
    return sorted(removed)


def _by_document(paths: list[str]) -> str:
    """``press/x.html``, ``press/x.pdf`` → ``press/x (html, pdf)``."""
    groups: dict[str, list[str]] = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        stem, _, suffix = name.partition(".")
        groups.setdefault(f"{folder}/{stem}" if folder else stem, []).append(suffix)
    return "; ".join(f"{stem} ({', '.join(sorted(suffixes))})" for stem, suffixes in groups.items())
