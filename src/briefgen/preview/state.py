"""What the preview shows: the composed documents, kept up to date as their inputs change.

A watcher polls the input *folders* (positions, the overlay, the profile's folder, templates),
so an editor's atomic save (write a temporary file, rename it over the old one) is seen like any
other. After a change it waits until the files are quiet (debounce), reads and checks the inputs
again and composes only the documents whose inputs changed: a position file → the documents that
depend on its theme (the build's dependency keys); the general file, the profile, an overlay or a
template → all. A document whose content is the same keeps its version. An input error is kept
beside the last good documents until the inputs are good again.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.content.model import Document
from briefgen.options import DEFAULT_PDF_ENGINE
from briefgen.problems import Problem, ProblemsError, UsageError

POLL_SECONDS = 0.05
QUIET_SECONDS = 0.05
"""No further change for this long before the inputs are read (editors write in several steps)."""


@dataclass
class Shown:
    """One document as the preview shows it."""

    doc_id: str
    title: str
    kind_label: str
    document: Document
    key: str
    version: int = 1


@dataclass
class Snapshot:
    """Path → (size, mtime, inode) of every file under the watched folders."""

    files: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    @classmethod
    def take(cls, roots: list[Path]) -> Snapshot:
        files: dict[str, tuple[int, int, int]] = {}
        for root in roots:
            paths = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
            for path in paths:
                if path.is_file() and not path.name.startswith(".") and "__pycache__" not in path.parts:
                    try:
                        stat = path.stat()
                    except OSError:  # removed meanwhile: seen on the next poll
                        continue
                    files[str(path.resolve())] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        return cls(files)

    def changed(self, other: Snapshot) -> set[str]:
        """Paths that differ between the two snapshots."""
        keys = set(self.files) | set(other.files)
        return {key for key in keys if self.files.get(key) != other.files.get(key)}


class PreviewState:
    """The composed documents of a profile, recomposed when their inputs change."""

    def __init__(self, request: Any, on_change: Callable[[list[str], list[Problem]], None] | None = None) -> None:
        self.request = request
        """A :class:`briefgen.pipeline.BuildRequest` (its ``out`` is not used)."""
        self.on_change = on_change
        self.documents: dict[str, Shown] = {}
        self.problems: list[Problem] = []
        self.lock = threading.Lock()
        self._theme_files: dict[str, str] = {}
        self._jobs: dict[str, Any] = {}
        self._snapshot = Snapshot()
        self._overlay: list[Path] = []
        self._env: Any = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.generation = 0
        """Increases with every recomposition (tests and the benchmark wait on it)."""
        self.pdf_engine: str = request.pdf_engine or DEFAULT_PDF_ENGINE
        """The PDF engine: ``--pdf-engine``, else the profile's ``pdf.engine`` (read again on every change)."""

    # ------------------------------------------------------------ composing

    def roots(self) -> list[Path]:
        """What is watched: the positions and templates folders, the profile and its overlay folder.

        Polled by path, so a file replaced by an editor's atomic save is seen as changed."""
        return [self.request.positions, self.request.templates, self.request.profile, *self._overlay]

    def refresh(self, changed: set[str] | None = None) -> list[str]:
        """Read the inputs and compose what ``changed`` affects (None: everything); the ids of
        documents whose content changed. An input problem is kept in :attr:`problems`."""
        from briefgen.content.templating import make_environment
        from briefgen.pipeline.compose import Composer, profile_inputs

        self._overlay = profile_inputs(self.request.profile)
        templates = str(Path(self.request.templates).resolve())
        if self._env is None or changed is None or any(path.startswith(templates) for path in changed):
            self._env = make_environment(Path(self.request.templates) / "kinds")  # templates recompiled
        try:
            composer = Composer.load(self.request, env=self._env)
            affected = self._affected(composer, changed)
            fresh: dict[str, Shown] = {}
            for job in composer.jobs:
                doc_id = f"{job.kind}/{job.slug}"
                known = self.documents.get(doc_id)
                if known is not None and doc_id not in affected:
                    fresh[doc_id] = known
                    continue
                document = composer.compose(job).document
                key = hashlib.sha256(repr(document).encode("utf-8", "surrogatepass")).hexdigest()
                version = known.version + (known.key != key) if known else 1
                fresh[doc_id] = Shown(doc_id, document.meta.title, document.meta.kind_label, document, key, version)
        except (ProblemsError, UsageError) as error:
            problems = error.problems if isinstance(error, ProblemsError) else [Problem("", message=str(error))]
            with self.lock:
                self.problems = list(problems)
                self.generation += 1
            return []
        with self.lock:
            updated = [
                doc_id
                for doc_id, shown in fresh.items()
                if doc_id not in self.documents or self.documents[doc_id].key != shown.key
            ]
            self.documents = fresh
            self.problems = []
            self.pdf_engine = self.request.pdf_engine or composer.base.profile.profile.pdf.engine
            theme_files = composer.base.positions.theme_files
            self._theme_files = {str(path.resolve()): theme for theme, path in theme_files.items()}
            self._jobs = {f"{job.kind}/{job.slug}": job for job in composer.jobs}
            self.generation += 1
        return updated

    def _affected(self, composer: Any, changed: set[str] | None) -> set[str]:
        """Documents to compose again for the changed files (all when unsure)."""
        everything = {f"{job.kind}/{job.slug}" for job in composer.jobs}
        if changed is None or not self.documents or self.problems:
            return everything
        themes = set()
        for path in changed:
            theme = self._theme_files.get(path)
            if theme is None:  # general file, profile, overlay, template, a new file: all of them
                return everything
            themes.add(theme)
        return {f"{job.kind}/{job.slug}" for job in composer.jobs if themes & set(job.depends_on)}

    # ------------------------------------------------------------ watching

    def start(self) -> None:
        """Compose everything, then watch the inputs in a background thread."""
        self._snapshot = Snapshot.take(self.roots())
        self.refresh()
        self._thread = threading.Thread(target=self._watch, name="briefgen-preview-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop watching."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2)

    def _watch(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            current = Snapshot.take(self.roots())
            changed = current.changed(self._snapshot)
            if not changed:
                continue
            while not self._stop.wait(QUIET_SECONDS):  # debounce: until the files are quiet
                later = Snapshot.take(self.roots())
                if not later.changed(current):
                    break
                changed |= later.changed(current)
                current = later
            self._snapshot = current
            updated = self.refresh(changed)
            if self.on_change is not None:
                self.on_change(updated, list(self.problems))
