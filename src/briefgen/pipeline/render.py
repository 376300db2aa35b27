"""Render documents to files: PDFs in warm worker processes, DOCX files in this process.

Workers are fresh interpreters (``spawn``). Each loads the PDF writer (WeasyPrint, fonts,
the parsed house CSS) once, renders one document after another and is replaced by a fresh
one after :data:`TASKS_PER_WORKER` documents to bound memory. A worker can be started
before the documents are composed, so that its slow imports run on another core meanwhile.

The pool is our own rather than :class:`concurrent.futures.ProcessPoolExecutor`: on
Python 3.11–3.13 that one deadlocks once a worker reaches ``max_tasks_per_child`` with work
still queued (CPython gh-115634). Here every worker holds at most :data:`QUEUED` tasks, the
largest documents go first, and a worker that dies is reported, never waited for.

DOCX files take milliseconds each: this process writes them while the workers render PDFs,
so workers never import python-docx. Every file is first written to a temporary sibling
(``.NAME.PID.tmp``); the caller moves them into place only when the whole build succeeded.
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import os
import queue
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Protocol

from briefgen.content.model import Document
from briefgen.options import DEFAULT_PDF_ENGINE
from briefgen.pipeline.output import sha256, temp_name, write_temp

TASKS_PER_WORKER = 400
"""PDFs a worker renders before it is replaced by a fresh one (memory stays bounded)."""

QUEUED = 2
"""Tasks a worker holds at once: the one it renders and the next, so it never waits for us."""

WINDOW = 16
"""Documents taken ahead from the stream of a build (the heaviest of them is handed out first)."""

PARALLEL_FORMATS = frozenset({"pdf"})
"""Formats rendered by the workers; the others (DOCX) are rendered in this process."""


@dataclass(frozen=True)
class Task:
    """One document to render into the given target files."""

    doc_id: str
    document: Document
    targets: dict[str, str]
    """Format → absolute target path."""
    weight: int = 0
    """Estimated rendering cost; heavier documents are started first."""
    engine: str = DEFAULT_PDF_ENGINE
    """The PDF engine (``weasyprint`` or ``typst``)."""


@dataclass(frozen=True)
class Rendered:
    """A rendered document: temporary files to move into place, with their hashes."""

    doc_id: str
    temps: dict[str, str]
    hashes: dict[str, str]
    pages: int | None


class RenderError(Exception):
    """A writer refused the house style or an asset (e.g. a URL the fetcher does not allow)."""


class WorkerError(RuntimeError):
    """A worker process stopped without finishing its document (crashed or was killed)."""


class RemoteTraceback(Exception):
    """The traceback of an error raised in a worker (attached as the error's cause)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return f'\n"""\n{self.text}"""'


def _as_render_error(error: BaseException, doc_id: str) -> RenderError | None:
    """The writers' own input errors, as one picklable error naming the document."""
    refusals: list[type[BaseException]] = []
    for module, name in (
        ("briefgen.writers.pdfbase", "PdfRenderError"),
        ("typst", "TypstError"),
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


def temp_path(target: Path, pid: int | None = None) -> Path:
    """The temporary sibling a process writes ``target`` to before it is moved into place."""
    return temp_name(target, str(os.getpid() if pid is None else pid))


def discard(paths: Iterable[str]) -> None:
    """Remove temporary files, ignoring ones already gone."""
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


class Renderer:
    """The writers of one process, each created on first use."""

    def __init__(self, house_dir: Path, engine: str = DEFAULT_PDF_ENGINE) -> None:
        self.house_dir = house_dir
        self.engine = engine
        """The PDF engine of :attr:`pdf`."""
        self._pdf: dict[str, Any] = {}
        self._docx: Any = None

    def render_file(
        self, doc_id: str, fmt: str, document: Document, target: str, engine: str | None = None
    ) -> tuple[str, str, int | None]:
        """Render one format of a document to its temporary file: (temp path, sha256, pages)."""
        try:
            if fmt == "pdf":
                rendered = self.pdf_writer(engine or self.engine).render(document)
                data, pages = rendered.data, rendered.pages
            else:
                data, pages = self.docx.render(document), None
            return write_temp(Path(target), data), sha256(data), pages
        except BaseException as error:
            refused = _as_render_error(error, doc_id)
            if refused is not None:
                raise refused from None
            raise

    @property
    def pdf(self) -> Any:
        """The PDF writer of this renderer's engine."""
        return self.pdf_writer(self.engine)

    def pdf_writer(self, engine: str) -> Any:
        """The PDF writer of ``engine`` (imported on first use: WeasyPrint is slow to import)."""
        if engine not in self._pdf:
            if engine == "typst":
                from briefgen.writers.typst import TypstWriter

                self._pdf[engine] = TypstWriter(self.house_dir)
            else:
                from briefgen.writers.pdf import PdfWriter

                self._pdf[engine] = PdfWriter(self.house_dir)
        return self._pdf[engine]

    @property
    def docx(self) -> Any:
        """The DOCX writer."""
        if self._docx is None:
            from briefgen.writers.docx import DocxWriter

            self._docx = DocxWriter(self.house_dir)
        return self._docx


# ---------------------------------------------------------------- worker side


def _peak_rss_kib() -> int:
    try:
        import resource
    except ImportError:  # not on Windows
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _picklable(error: BaseException) -> BaseException:
    import pickle

    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _worker_main(tasks: Connection, results: Connection, house_dir: str, engine: str = DEFAULT_PDF_ENGINE) -> None:
    """A worker: warm up, then render whatever arrives until told to stop (``None``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def receive() -> None:  # reads ahead, so the main process never blocks on sending
        try:
            while True:
                message = tasks.recv()
                inbox.put(message)
                if message is None:
                    return
        except (EOFError, OSError):  # the main process went away
            inbox.put(None)

    threading.Thread(target=receive, daemon=True).start()
    renderer = Renderer(Path(house_dir), engine)
    # a failure is reported by the first task instead; BaseException: WeasyPrint's fatal fetch
    # error (a refused URL in the house CSS) is one, and would otherwise end the worker silently
    with contextlib.suppress(BaseException):
        _ = renderer.pdf
    while (message := inbox.get()) is not None:
        number, doc_id, fmt, document, target, task_engine = message
        try:
            temp, digest, pages = renderer.render_file(doc_id, fmt, document, target, task_engine)
            reply: tuple[Any, ...] = ("done", number, temp, digest, pages, _peak_rss_kib())
        except BaseException as error:
            reply = ("error", number, _picklable(error), traceback.format_exc())
        try:
            results.send(reply)
        except (BrokenPipeError, OSError):
            return


# ---------------------------------------------------------------- main side


class Executor(Protocol):
    """Where PDFs are rendered: the local :class:`WorkerPool` or
    :class:`briefgen.pipeline.dask_executor.DaskPool`."""

    shared: bool
    started: int
    peak_rss_kib: int

    def start(self, count: int | None = None) -> None:
        """Get workers ready (up to ``count``)."""
        ...

    def render(
        self, tasks: Iterable[Task], renderer: Renderer, on_file: Callable[[str, str, str, str, int | None], None]
    ) -> None:
        """Render ``tasks``, reporting each file to ``on_file``."""
        ...

    def close(self, wait_seconds: float = 5.0) -> None:
        """Stop every worker."""
        ...


Unit = tuple[str, str, Document, str, str]
"""One file to render: (document id, format, document, target path, PDF engine)."""


class Lookahead:
    """Tasks taken from a stream a few at a time: worker formats (heaviest of the window first)
    and the formats rendered in this process, each at most :data:`WINDOW` ahead."""

    def __init__(self, tasks: Iterable[Task]) -> None:
        self._tasks = iter(tasks)
        self.parallel: list[tuple[Unit, int]] = []
        self.local: collections.deque[Unit] = collections.deque()
        self.exhausted = False

    def fill(self) -> None:
        """Take tasks from the stream until a window is full or the stream ends."""
        while not self.exhausted and len(self.parallel) < WINDOW and len(self.local) < WINDOW:
            task = next(self._tasks, None)
            if task is None:
                self.exhausted = True
                return
            for fmt, target in sorted(task.targets.items()):
                unit = (task.doc_id, fmt, task.document, target, task.engine)
                if fmt in PARALLEL_FORMATS:
                    self.parallel.append((unit, task.weight))
                else:
                    self.local.append(unit)

    def take(self) -> Unit:
        """The heaviest worker unit of the window."""
        index = max(range(len(self.parallel)), key=lambda i: self.parallel[i][1])
        return self.parallel.pop(index)[0]


@dataclass
class _Worker:
    process: Any
    tasks: Connection
    results: Connection
    assigned: int = 0
    retiring: bool = False
    busy: dict[int, str] = field(default_factory=dict)
    """Task number → the temporary file it is writing for it."""


class WorkerPool:
    """Worker processes rendering PDFs; start it early, always close it. A failed render stops
    every worker; the next render starts fresh ones."""

    def __init__(
        self,
        house_dir: Path,
        workers: int,
        tasks_per_worker: int = TASKS_PER_WORKER,
        engine: str = DEFAULT_PDF_ENGINE,
    ) -> None:
        self.house_dir = house_dir
        self.engine = engine
        """The PDF engine workers load while they start (a task may name another)."""
        self.size = max(1, workers)
        self.tasks_per_worker = max(1, tasks_per_worker)
        self.peak_rss_kib = 0
        """Largest peak resident memory reported by any worker (KiB)."""
        self.started = 0
        """Worker processes started so far (replacements included)."""
        self._context = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []
        self.shared = False
        """True when several builds use this pool: a build then leaves it running (its owner closes it)."""

    def start(self, count: int | None = None) -> None:
        """Start workers up to ``count`` (default: the pool size) running at once."""
        wanted = min(self.size, self.size if count is None else count)
        while len(self._active()) < wanted:
            self._spawn()

    def _active(self) -> list[_Worker]:
        return [worker for worker in self._workers if not worker.retiring]

    def _spawn(self) -> _Worker:
        task_reader, task_writer = self._context.Pipe(duplex=False)
        result_reader, result_writer = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=_worker_main,
            args=(task_reader, result_writer, str(self.house_dir), self.engine),
            name=f"briefgen-render-{self.started + 1}",
            daemon=True,
        )
        process.start()
        task_reader.close()
        result_writer.close()
        worker = _Worker(process, task_writer, result_reader)
        self._workers.append(worker)
        self.started += 1
        return worker

    def close(self, wait_seconds: float = 5.0) -> None:
        """Stop every worker now (one still warming up or rendering need not be waited for)."""
        for worker in self._workers:
            worker.process.terminate()
        for worker in self._workers:
            worker.process.join(wait_seconds)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            discard(worker.busy.values())  # half-written by a worker that was stopped
            worker.tasks.close()
            worker.results.close()
        self._workers = []

    def render(
        self,
        tasks: Iterable[Task],
        renderer: Renderer,
        on_file: Callable[[str, str, str, str, int | None], None],
    ) -> None:
        """Render the worker formats of ``tasks`` here, the rest in ``renderer``; report each file.

        ``tasks`` is consumed as work is handed out, at most :data:`WINDOW` documents ahead, so
        the documents of a large build are never all in memory. ``on_file(doc_id, format, temp,
        sha256, pages)`` is called as files are done. The first error stops everything (the
        caller closes the pool) and is raised.
        """
        stream = Lookahead(tasks)
        names: dict[int, tuple[str, str]] = {}
        next_number = 0
        while True:
            stream.fill()
            if not (stream.parallel or stream.local or any(worker.busy for worker in self._workers)):
                return
            if stream.parallel:  # enough workers for what is left (all of them while the stream runs)
                self.start(len(stream.parallel) + sum(len(w.busy) for w in self._workers) if stream.exhausted else None)
            # feed every worker up to QUEUED tasks; retire and replace the ones at their limit
            index = 0
            while index < len(self._workers):  # grows when a replacement is started
                worker = self._workers[index]
                index += 1
                while stream.parallel and not worker.retiring and len(worker.busy) < QUEUED:
                    unit = stream.take()
                    doc_id, fmt, document, target, engine = unit
                    try:
                        worker.tasks.send((next_number, doc_id, fmt, document, target, engine))
                    except OSError:  # it is gone; its exit code is reported below
                        stream.parallel.append((unit, 1 << 62))
                        break
                    worker.busy[next_number] = str(temp_path(Path(target), worker.process.pid))
                    names[next_number] = (doc_id, fmt)
                    next_number += 1
                    worker.assigned += 1
                    if worker.assigned >= self.tasks_per_worker:
                        worker.tasks.send(None)
                        worker.retiring = True
                        if stream.parallel:
                            self._spawn()
                    stream.fill()
            if stream.local:  # a DOCX here between checks on the workers
                doc_id, fmt, document, target, engine = stream.local.popleft()
                on_file(doc_id, fmt, *renderer.render_file(doc_id, fmt, document, target, engine))
                self._collect(0, names, on_file)
            else:
                self._collect(None, names, on_file)

    def _collect(
        self,
        timeout: float | None,
        names: dict[int, tuple[str, str]],
        on_file: Callable[[str, str, str, str, int | None], None],
    ) -> None:
        """Take in finished work (waiting up to ``timeout``); raise the first error or crash."""
        watched: dict[Any, _Worker] = {}
        for worker in self._workers:
            watched[worker.results] = worker
            watched[worker.process.sentinel] = worker
        if not watched:
            return
        for ready in wait(list(watched), timeout):
            worker = watched[ready]
            if worker not in self._workers:  # both of its handles were ready: already dealt with
                continue
            if ready is worker.results:
                try:
                    while worker.results.poll():
                        self._receive(worker, worker.results.recv(), names, on_file)
                except EOFError:
                    pass  # it exited: the sentinel tells
                continue
            if worker.results.poll():  # results still unread: take them before judging the exit
                with contextlib.suppress(EOFError):
                    while worker.results.poll():
                        self._receive(worker, worker.results.recv(), names, on_file)
            worker.process.join()
            code = worker.process.exitcode
            if worker.busy:
                doc_id, fmt = names[min(worker.busy)]
                raise WorkerError(
                    f"the worker rendering {doc_id}.{fmt} stopped unexpectedly (exit code {code}); "
                    "out of memory? Try fewer --jobs."
                )
            if not worker.retiring or code != 0:
                raise WorkerError(f"a worker process stopped unexpectedly (exit code {code})")
            worker.tasks.close()
            worker.results.close()
            self._workers.remove(worker)

    def _receive(
        self,
        worker: _Worker,
        message: tuple[Any, ...],
        names: dict[int, tuple[str, str]],
        on_file: Callable[[str, str, str, str, int | None], None],
    ) -> None:
        kind, number = message[0], message[1]
        worker.busy.pop(number, None)
        doc_id, fmt = names[number]
        if kind == "done":
            _, _, temp, digest, pages, rss = message
            self.peak_rss_kib = max(self.peak_rss_kib, rss)
            on_file(doc_id, fmt, temp, digest, pages)
            return
        _, _, error, remote = message
        error.__cause__ = RemoteTraceback(remote)
        raise error


def render_all(
    tasks: Iterable[Task],
    house_dir: Path,
    jobs: int,
    on_done: Callable[[Rendered], None],
    pool: Executor | None = None,
    engine: str = DEFAULT_PDF_ENGINE,
) -> list[Rendered]:
    """Render all tasks (taken from the iterable as work is handed out); on the first failure
    stop, remove the temporary files of unfinished documents and re-raise (``on_done`` has been
    given the finished ones: their files are the caller's).

    With ``jobs`` > 1 PDFs are rendered by ``pool`` (or a new one); it is closed on return
    unless it is shared.
    """
    results: list[Rendered] = []
    files: dict[str, dict[str, tuple[str, str, int | None]]] = {}
    expected: dict[str, int] = {}

    def counted() -> Iterator[Task]:
        for task in tasks:
            expected[task.doc_id] = len(task.targets)
            yield task

    def on_file(doc_id: str, fmt: str, temp: str, digest: str, pages: int | None) -> None:
        done = files.setdefault(doc_id, {})
        done[fmt] = (temp, digest, pages)
        if len(done) == expected[doc_id]:
            rendered = Rendered(
                doc_id,
                {key: value[0] for key, value in done.items()},
                {key: value[1] for key, value in done.items()},
                next((value[2] for value in done.values() if value[2] is not None), None),
            )
            del files[doc_id]  # nothing of it is left to discard here: the caller owns its files now
            results.append(rendered)
            on_done(rendered)

    renderer = Renderer(house_dir, engine)
    try:
        if pool is not None or jobs > 1:
            pool = pool or WorkerPool(house_dir, jobs, engine=engine)
            pool.render(counted(), renderer, on_file)
        else:
            if pool is not None:
                pool.close()
            for task in counted():
                for fmt, target in sorted(task.targets.items()):
                    on_file(
                        task.doc_id, fmt, *renderer.render_file(task.doc_id, fmt, task.document, target, task.engine)
                    )
        return results
    except BaseException:
        if pool is not None:
            pool.close()
            pool = None
        for done in files.values():
            discard(value[0] for value in done.values())
        raise
    finally:
        if pool is not None and not pool.shared:
            pool.close()
