"""Render documents to files, in this process or in warm worker processes.

Workers are started with the ``spawn`` method, load the writers (WeasyPrint, fonts, CSS,
the reference .docx) once, and are recycled after a number of documents to bound memory.
Every file is written to a temporary sibling; the caller moves them into place only when the
whole build succeeded.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from briefgen.build.output import sha256
from briefgen.content.model import Document

TASKS_PER_WORKER = 200
"""Documents a worker renders before it is replaced by a fresh one."""


@dataclass(frozen=True)
class Task:
    """One document to render into the given target files."""

    doc_id: str
    document: Document
    targets: dict[str, str]
    """Format → absolute target path."""


@dataclass(frozen=True)
class Rendered:
    """A rendered document: temporary files to move into place, with their hashes."""

    doc_id: str
    temps: dict[str, str]
    hashes: dict[str, str]
    pages: int | None


class RenderError(Exception):
    """A writer refused the house style or an asset (e.g. a URL the fetcher does not allow)."""


def _as_render_error(error: BaseException, doc_id: str) -> RenderError | None:
    """The writers' own input errors, as one picklable error naming the document."""
    refusals: list[type[BaseException]] = []
    for module, name in (
        ("briefgen.writers.pdf", "PdfRenderError"),
        ("briefgen.writers.docx", "ReferenceDocxError"),
        ("weasyprint.urls", "FatalURLFetchingError"),  # a BaseException: would escape as a traceback
    ):
        loaded = sys.modules.get(module)
        if loaded is not None and hasattr(loaded, name):
            refusals.append(getattr(loaded, name))
    if not isinstance(error, tuple(refusals)):
        return None
    cause = error.__cause__
    detail = f": {cause}" if cause is not None and str(cause) not in str(error) else ""
    return RenderError(f"cannot render {doc_id}: {error}{detail}")


class Renderer:
    """The writers of one process, created once."""

    def __init__(self, house_dir: Path) -> None:
        self.house_dir = house_dir
        self._pdf = None
        self._docx = None

    def render(self, task: Task) -> Rendered:
        """Render ``task`` into temporary files next to its targets."""
        temps: dict[str, str] = {}
        hashes: dict[str, str] = {}
        pages: int | None = None
        try:
            for fmt, target in sorted(task.targets.items()):
                if fmt == "pdf":
                    rendered = self.pdf.render(task.document)
                    data, pages = rendered.data, rendered.pages
                else:
                    data = self.docx.render(task.document)
                temps[fmt] = _write_temp(Path(target), data)
                hashes[fmt] = sha256(data)
        except BaseException as error:
            discard(temps.values())
            refused = _as_render_error(error, task.doc_id)
            if refused is not None:
                raise refused from None
            raise
        return Rendered(task.doc_id, temps, hashes, pages)

    @property
    def pdf(self):  # type: ignore[no-untyped-def]
        """The PDF writer (imported on first use: WeasyPrint is slow to import)."""
        if self._pdf is None:
            from briefgen.writers.pdf import PdfWriter

            self._pdf = PdfWriter(self.house_dir)
        return self._pdf

    @property
    def docx(self):  # type: ignore[no-untyped-def]
        """The DOCX writer."""
        if self._docx is None:
            from briefgen.writers.docx import DocxWriter

            self._docx = DocxWriter(self.house_dir)
        return self._docx


def _write_temp(target: Path, data: bytes) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.chmod(temp, 0o644)
    return temp


def discard(paths: Iterator[str] | list[str] | object) -> None:
    """Remove temporary files, ignoring ones already gone."""
    for path in paths:  # type: ignore[attr-defined]
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


_worker: Renderer | None = None


def _init_worker(house_dir: str) -> None:
    global _worker
    _worker = Renderer(Path(house_dir))
    # warm up: import and load both writers before the first task arrives; a failure here
    # would break the whole pool without a message, so it is left to the first task to report
    with contextlib.suppress(BaseException):
        _ = _worker.pdf, _worker.docx


def _render_in_worker(task: Task) -> Rendered:
    assert _worker is not None
    return _worker.render(task)


def render_all(tasks: list[Task], house_dir: Path, jobs: int, on_done: Callable[[Rendered], None]) -> list[Rendered]:
    """Render all tasks; on the first failure cancel the rest, remove temp files and re-raise."""
    if not tasks:
        return []
    results: list[Rendered] = []
    try:
        if jobs <= 1 or len(tasks) == 1:
            renderer = Renderer(house_dir)
            for task in tasks:
                result = renderer.render(task)
                results.append(result)
                on_done(result)
            return results
        context = multiprocessing.get_context("spawn")
        workers = min(jobs, len(tasks))
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(str(house_dir),),
            max_tasks_per_child=TASKS_PER_WORKER,
        ) as pool:
            pending: set[Future[Rendered]] = {pool.submit(_render_in_worker, task) for task in tasks}
            while pending:
                done, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for future in done:
                    if future.exception() is not None:
                        for other in pending:
                            other.cancel()
                        for other in pending:
                            if not other.cancelled() and other.exception() is None:
                                results.append(other.result())
                        raise future.exception()  # type: ignore[misc]
                    result = future.result()
                    results.append(result)
                    on_done(result)
        return results
    except BaseException:
        for result in results:
            discard(list(result.temps.values()))
        raise
