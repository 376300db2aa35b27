"""Incremental builds: what was built from what, kept in ``out/.briefgen/state.json``.

Two layers:

1. An *input stamp* (size and modification time of every input file, plus options and
   version). When it and every recorded output are unchanged, the build is a no-op and not
   even the YAML is read. This module imports nothing heavy for that reason.
2. A *document key* per output: a hash of the composed document model (which is everything
   the positions, profile, templates and options contribute), the house style files (CSS,
   fonts, logo, reference .docx), the formats and the briefgen version. A document is
   rebuilt exactly when its key changes or its files are missing or altered.

A missing or unreadable state file, or one from another version, is ignored: the build
then renders everything again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen import __version__

STATE_DIR = ".briefgen"
STATE_FILE = "state.json"
STATE_FORMAT = 1


def _walk(path: Path) -> Iterable[Path]:
    if path.is_file():
        yield path
    elif path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
            for name in sorted(files):
                if not name.startswith("."):
                    yield Path(root) / name


def input_stamp(inputs: Iterable[Path], options: dict[str, Any]) -> str:
    """A cheap fingerprint of the inputs (paths, sizes, modification times) and options."""
    digest = hashlib.sha256()
    digest.update(json.dumps({"version": __version__, "options": options}, sort_keys=True, default=str).encode())
    for root in inputs:
        for path in _walk(root):
            stat = path.stat()
            digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def content_fingerprint(paths: Iterable[Path]) -> str:
    """A hash of the contents of every file under ``paths`` (the house style)."""
    digest = hashlib.sha256()
    for root in paths:
        for path in _walk(root):
            digest.update(path.name.encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def document_key(document_repr: str, house: str, formats: Iterable[str]) -> str:
    """The cache key of one document."""
    digest = hashlib.sha256()
    for part in (__version__, house, ",".join(sorted(formats)), document_repr):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


@dataclass
class FileRecord:
    """One written output file as it was left on disk."""

    path: str
    sha256: str
    bytes: int
    mtime_ns: int

    def unchanged(self, out: Path) -> bool:
        """True when the file is still there with the same size and modification time."""
        try:
            stat = (out / self.path).stat()
        except OSError:
            return False
        return stat.st_size == self.bytes and stat.st_mtime_ns == self.mtime_ns


@dataclass
class DocumentRecord:
    """What was built for one document."""

    key: str
    files: dict[str, FileRecord]
    entry: dict[str, Any]
    """The document's manifest entry."""

    def unchanged(self, out: Path) -> bool:
        """True when all its files are still as written."""
        return all(record.unchanged(out) for record in self.files.values())


@dataclass
class BuildState:
    """Everything the previous builds left in the output folder."""

    stamp: str = ""
    planned: list[str] = field(default_factory=list)
    documents: dict[str, DocumentRecord] = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path) -> BuildState:
        """The state in ``out``; an empty state when it is missing, corrupt or from another version."""
        try:
            data = json.loads((out / STATE_DIR / STATE_FILE).read_text(encoding="utf-8"))
            if data.get("format") != STATE_FORMAT or data.get("version") != __version__:
                return cls()
            documents = {
                doc_id: DocumentRecord(
                    key=str(record["key"]),
                    files={fmt: FileRecord(**file) for fmt, file in record["files"].items()},
                    entry=dict(record["entry"]),
                )
                for doc_id, record in data["documents"].items()
            }
            return cls(stamp=str(data["stamp"]), planned=[str(d) for d in data["planned"]], documents=documents)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def save(self, out: Path) -> None:
        """Write the state atomically."""
        from briefgen.build.output import write_json

        (out / STATE_DIR).mkdir(exist_ok=True)
        write_json(
            out / STATE_DIR / STATE_FILE,
            {
                "format": STATE_FORMAT,
                "version": __version__,
                "stamp": self.stamp,
                "planned": self.planned,
                "documents": {
                    doc_id: {
                        "key": record.key,
                        "files": {fmt: vars(file) for fmt, file in record.files.items()},
                        "entry": record.entry,
                    }
                    for doc_id, record in sorted(self.documents.items())
                },
            },
        )

    def is_noop(self, out: Path, stamp: str) -> bool:
        """True when inputs and options are unchanged and every planned output is intact."""
        if not self.planned or stamp != self.stamp:
            return False
        return all(doc_id in self.documents and self.documents[doc_id].unchanged(out) for doc_id in self.planned)
