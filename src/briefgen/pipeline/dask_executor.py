"""Render PDFs on a Dask cluster (``build --executor dask``): the same work as the local pool.

The documents are composed and the DOCX files rendered in this process, as with the local pool;
each PDF is a Dask task that returns the file's bytes, which this process writes to the same
temporary files as the local pool (so workers need no access to ``out/``, and the files are
byte-identical). At most ``QUEUED`` tasks per worker are in flight, so memory stays flat.

Dask does what our own pool does by hand: a worker that dies has its tasks run again on another
worker (a task that kills three workers fails the build); workers are kept within their memory
limit by their nanny. Each worker warms the PDF writer (WeasyPrint, fonts, parsed house CSS) once,
through a worker plugin, and keeps it for every task.

Without ``--scheduler`` a :class:`distributed.LocalCluster` of ``--jobs`` single-threaded worker
processes is started on this machine.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
import resource
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from briefgen.options import DEFAULT_PDF_ENGINE
from briefgen.pipeline.output import sha256
from briefgen.pipeline.render import QUEUED, Lookahead, Renderer, RenderError, Task, WorkerError, write_temp
from briefgen.problems import UsageError

try:
    from distributed import WorkerPlugin as _PluginBase
except ImportError:  # reported when the executor is asked for
    _PluginBase = object  # type: ignore[assignment,misc]

INSTALL = "pip install 'briefgen[dask]' (from a checkout: pip install '.[dask]')"
WORKER_MEMORY = "2GiB"
"""Memory limit of each LocalCluster worker; its nanny restarts a worker that exceeds it."""
CONNECT_SECONDS = 10
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}
TASK_PREFIX = "briefgen-pdf"
"""What Dask makes of the keys ``briefgen-pdf-<document>-<n>``: the kind of task it counts per."""
"""Dask's statistical profiler samples each worker's stack every 10 ms; WeasyPrint's deep stacks
make that cost several per cent of a worker's time, so a LocalCluster runs without it (remote
workers: ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False``)."""


@functools.lru_cache(maxsize=4)
def _renderer(house_dir: str, engine: str) -> Renderer:
    """The renderer of this worker process, warmed once per engine."""
    renderer = Renderer(Path(house_dir), engine)
    _ = renderer.pdf
    return renderer


def render_pdf(house_dir: str, doc_id: str, document: Any, engine: str) -> tuple[bytes, int | None, int]:
    """A Dask task: the PDF of ``document`` as (bytes, pages, this worker's peak memory in KiB)."""
    from briefgen.pipeline.render import _as_render_error

    try:
        rendered = _renderer(house_dir, engine).pdf.render(document)
    except BaseException as error:
        refused = _as_render_error(error, doc_id)
        if refused is not None:
            raise refused from None
        raise
    return rendered.data, rendered.pages, int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError(f"--executor dask needs Dask distributed, which is not installed: {INSTALL}") from None
    return distributed


class DaskPool:
    """The Dask executor, with the interface of :class:`briefgen.pipeline.render.WorkerPool`."""

    def __init__(
        self, house_dir: Path, workers: int, scheduler: str | None = None, engine: str = DEFAULT_PDF_ENGINE
    ) -> None:
        self.house_dir = str(Path(house_dir).resolve())
        self.engine = engine
        """The PDF engine workers load when they start (a task may name another)."""
        self.size = max(1, workers)
        self.scheduler = scheduler
        self.shared = False
        self.started = 0
        """Workers of the cluster when it was reached."""
        self.peak_rss_kib = 0
        self.rendered_again = 0
        """Renderings started again on another worker because theirs was lost (all builds so far)."""
        self._distributed = _distributed()
        self._cluster: Any = None
        self._client: Any = None
        self._numbers = itertools.count(1)

    def start(self, count: int | None = None) -> None:
        """Connect to the scheduler, or start a LocalCluster (once); warm every worker."""
        if self._client is not None:
            return
        distributed = self._distributed
        if self.scheduler:
            try:
                self._client = distributed.Client(self.scheduler, timeout=CONNECT_SECONDS, set_as_default=False)
            except OSError as error:
                raise UsageError(f"--scheduler: cannot reach the Dask scheduler at {self.scheduler}: {error}") from None
        else:
            import dask

            dask.config.set(WORKER_CONFIG)  # read by the worker processes the nannies start
            self._cluster = distributed.LocalCluster(
                n_workers=self.size,
                threads_per_worker=1,
                processes=True,
                memory_limit=WORKER_MEMORY,
                dashboard_address=None,
                silence_logs=logging.CRITICAL,  # a lost worker is reported in briefgen's words
            )
            self._client = distributed.Client(self._cluster, set_as_default=False)
        self._client.register_plugin(WarmWriter(self.house_dir, self.engine), name="briefgen-warm-writer")
        self.started = len(self._client.scheduler_info().get("workers", {}))

    @property
    def client(self) -> Any:
        """The Dask client (after :meth:`start`)."""
        return self._client

    def close(self, wait_seconds: float = 5.0) -> None:
        """Close the client, and the LocalCluster if this pool started one."""
        if self._client is not None:
            self._client.close(timeout=wait_seconds)
            self._client = None
        if self._cluster is not None:
            self._cluster.close(timeout=wait_seconds)
            self._cluster = None

    def render(
        self,
        tasks: Iterable[Task],
        renderer: Renderer,
        on_file: Callable[[str, str, str, str, int | None], None],
    ) -> None:
        """Render the PDFs of ``tasks`` on the cluster, the rest in ``renderer``; report each file."""
        distributed = self._distributed
        stream = Lookahead(tasks)
        running: Any = None
        targets: dict[str, tuple[str, str, str]] = {}
        lost_before = 0
        while True:
            stream.fill()
            if not (stream.parallel or stream.local or targets):
                if running is not None:
                    self.rendered_again += max(0, self._lost_runs() - lost_before)
                return
            if stream.parallel:
                self.start()
                if running is None:
                    lost_before = self._lost_runs()
                    running = distributed.as_completed(loop=self._client.loop)
                limit = QUEUED * max(1, self.started)
                while stream.parallel and len(targets) < limit:
                    doc_id, fmt, document, target, engine = stream.take()
                    key = f"briefgen-{fmt}-{doc_id}-{next(self._numbers)}"
                    future = self._client.submit(
                        render_pdf, self.house_dir, doc_id, document, engine, key=key, pure=False
                    )
                    targets[future.key] = (doc_id, fmt, target)
                    running.add(future)
                    stream.fill()
            if stream.local:  # a DOCX here between checks on the cluster
                doc_id, fmt, document, target, engine = stream.local.popleft()
                on_file(doc_id, fmt, *renderer.render_file(doc_id, fmt, document, target, engine))
                ready = running.next_batch(block=False) if running is not None and running.has_ready() else []
            else:
                ready = [next(running)] if targets else []
            for future in ready:
                self._finish(future, targets.pop(future.key), on_file)

    def _lost_runs(self) -> int:
        """How often the scheduler started a rendering again because its worker was lost (it
        counts per task kind, over its whole life; a lambda, so the scheduler needs no briefgen)."""
        try:
            return int(
                self._client.run_on_scheduler(
                    lambda dask_scheduler: getattr(dask_scheduler.task_prefixes.get(TASK_PREFIX), "suspicious", 0)
                )
            )
        except Exception:  # an older scheduler: no count, no note
            return 0

    def _finish(
        self, future: Any, where: tuple[str, str, str], on_file: Callable[[str, str, str, str, int | None], None]
    ) -> None:
        doc_id, fmt, target = where
        try:
            data, pages, rss = future.result()
        except RenderError:
            raise
        except self._distributed.KilledWorker:
            raise WorkerError(
                f"rendering {doc_id}.{fmt} stopped the Dask workers that tried it (killed or out of memory)"
            ) from None
        self.peak_rss_kib = max(self.peak_rss_kib, rss)
        on_file(doc_id, fmt, write_temp(Path(target), data), sha256(data), pages)


class WarmWriter(_PluginBase):
    """Dask worker plugin: load the PDF writer when a worker starts (and again after a restart)."""

    def __init__(self, house_dir: str, engine: str = DEFAULT_PDF_ENGINE) -> None:
        self.house_dir = house_dir
        self.engine = engine

    def setup(self, worker: Any) -> None:
        """Called by Dask on each worker."""
        with contextlib.suppress(BaseException):  # a broken house style is reported by the first task
            _renderer(self.house_dir, self.engine)
