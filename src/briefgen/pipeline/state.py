"""Incremental builds: what was built from what, kept in ``out/.briefgen/state.json``.

Two layers:

1. An *input stamp*: path, size and modification time of every input file (positions,
   profile, templates with the house style), the options, the briefgen version and where the
   rendering engines are installed. When it matches and every recorded output (and the
   manifest) is still exactly as written, the build is a no-op: not even the YAML is read.
   This module imports nothing heavy for that reason.
2. A *document key* per output: a hash of the composed document model (everything the
   positions, profile, audience templates and options contribute), the contents of the house
   style files (CSS, fonts, logo, reference .docx), the formats, the briefgen version and the
   versions of the rendering engines. A document is rebuilt exactly when its key changes or
   one of its files is missing or no longer has the recorded SHA-256.

The state is never trusted blindly: a missing, unreadable or malformed state file, one whose
checksum does not match its content, or one from another version, is ignored (everything is
rendered again); an output file is reused only when its size, times and inode are those
recorded, or its content hash matches.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen import __version__
from briefgen.pipeline.output import STATE_DIR
from briefgen.pipeline.selection import FORMATS, file_name

STATE_FILE = "state.json"
STATE_FORMAT = 3

ENGINES = {
    # distribution → top-level module: the packages whose code shapes the output bytes
    "weasyprint": "weasyprint",
    "pydyf": "pydyf",
    "fonttools": "fontTools",
    "pikepdf": "pikepdf",
    "python-docx": "docx",
    "lxml": "lxml",
    "tinycss2": "tinycss2",
    "cssselect2": "cssselect2",
    "tinyhtml5": "tinyhtml5",
    "pyphen": "pyphen",
    "pillow": "PIL",
    "typst": "typst",
}
HARFBUZZ_SUBSET = ("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll")
"""WeasyPrint subsets fonts with HarfBuzz when this library loads, else with fontTools (other bytes)."""

_DOC_ID = re.compile(r"[a-z]+/[a-z0-9][a-z0-9-]{0,199}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _checksum(state: Any) -> str:
    """A hash of the state's content: a damaged or hand-edited state file is not used."""
    text = json.dumps(state, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _walk(path: Path) -> Iterable[Path]:
    if path.is_file():
        yield path
    elif path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
            for name in sorted(files):
                if not name.startswith("."):
                    yield Path(root) / name


def has_harfbuzz_subset() -> bool:
    """True when the HarfBuzz subsetting library can be loaded (WeasyPrint then uses it)."""
    import ctypes

    for name in HARFBUZZ_SUBSET:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return True
    return False


def _engine_locations() -> list[str]:
    """Where each engine is installed, with size and time of its entry file (cheap: no import)."""
    from importlib.util import find_spec

    found = []
    for module in ENGINES.values():
        try:
            spec = find_spec(module)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        try:
            stat = os.stat(origin) if origin else None
        except OSError:
            stat = None
        found.append(f"{module}:{origin}:{stat.st_size}:{stat.st_mtime_ns}" if stat else f"{module}:-")
    return found


def engine_versions() -> str:
    """Python, the rendering engines' versions and the font subsetter, as one line."""
    from importlib import metadata

    parts = [f"python {sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"]
    for distribution in ENGINES:
        try:
            parts.append(f"{distribution} {metadata.version(distribution)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{distribution} -")
    parts.append(f"subsetter {'harfbuzz' if has_harfbuzz_subset() else 'fonttools'}")
    return ", ".join(parts)


def input_stamp(inputs: Iterable[Path], options: dict[str, Any]) -> str:
    """A cheap fingerprint of the inputs (paths, sizes, modification times), options and engines."""
    digest = hashlib.sha256()
    engines = [*_engine_locations(), f"hb-subset:{has_harfbuzz_subset()}", sys.version]
    header = {"version": __version__, "options": options, "engines": engines}
    digest.update(json.dumps(header, sort_keys=True, default=str).encode())
    for root in inputs:
        for path in _walk(root):
            stat = path.stat()
            digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def content_fingerprint(paths: Iterable[Path]) -> str:
    """A hash of the names and contents of every file under ``paths`` (the house style)."""
    digest = hashlib.sha256()
    for root in paths:
        for path in _walk(root):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def document_key(document_repr: str, house: str, formats: Iterable[str], engines: str) -> str:
    """The cache key of one document."""
    digest = hashlib.sha256()
    for part in (__version__, engines, house, ",".join(sorted(formats)), document_repr):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def file_sha256(path: Path) -> str | None:
    """Hex SHA-256 of a file, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


@dataclass
class FileRecord:
    """One written output file as it was left on disk."""

    path: str
    sha256: str
    bytes: int
    mtime_ns: int
    ctime_ns: int = 0
    inode: int = 0

    @classmethod
    def of(cls, out: Path, path: str, sha256: str) -> FileRecord:
        """The record of ``out/path`` as it is now on disk, with its known hash."""
        stat = (out / path).stat()
        return cls(path, sha256, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)

    def unchanged(self, out: Path) -> bool:
        """True when the file is still there with the same size, times and inode.

        The change time cannot be set back by hand (unlike the modification time), so an
        edited file never passes.
        """
        try:
            stat = (out / self.path).stat()
        except OSError:
            return False
        return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino) == (
            self.bytes,
            self.mtime_ns,
            self.ctime_ns,
            self.inode,
        )

    def intact(self, out: Path) -> FileRecord | None:
        """This record if the file is unchanged; a fresh one if only its times differ but its
        content hash is the recorded one (a copied or restored folder); else None."""
        if self.unchanged(out):
            return self
        if file_sha256(out / self.path) != self.sha256:
            return None
        try:
            return FileRecord.of(out, self.path, self.sha256)
        except OSError:
            return None

    @classmethod
    def parse(cls, data: Any, expected_path: str | None = None) -> FileRecord:
        """A record from state JSON; ValueError when anything is off."""
        if not isinstance(data, dict) or set(data) != {"path", "sha256", "bytes", "mtime_ns", "ctime_ns", "inode"}:
            raise ValueError("bad file record")
        record = cls(**data)
        if expected_path is not None and record.path != expected_path:
            raise ValueError("unexpected path")
        if not isinstance(record.sha256, str) or not _SHA256.fullmatch(record.sha256):
            raise ValueError("bad hash")
        numbers = (record.bytes, record.mtime_ns, record.ctime_ns, record.inode)
        if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in numbers):
            raise ValueError("bad numbers")
        return record


@dataclass
class DocumentRecord:
    """What was built for one document."""

    key: str
    files: dict[str, FileRecord]
    entry: dict[str, Any]
    """The document's manifest entry."""
    public: bool = True
    """Written to the public output folder; False: to the non-public folder (embargo, concept)."""

    def unchanged(self, out: Path) -> bool:
        """True when all its files are still exactly as written."""
        return all(record.unchanged(out) for record in self.files.values())

    def intact(self, out: Path) -> bool:
        """True when all its files still have their recorded content (records are refreshed)."""
        fresh = {}
        for fmt, record in self.files.items():
            checked = record.intact(out)
            if checked is None:
                return False
            fresh[fmt] = checked
        self.files = fresh
        return True


@dataclass
class BuildState:
    """Everything the previous builds left in the output folder."""

    stamp: str = ""
    planned: list[str] = field(default_factory=list)
    documents: dict[str, DocumentRecord] = field(default_factory=dict)
    manifest: FileRecord | None = None
    site: dict[str, FileRecord] = field(default_factory=dict)
    """Index, web assets and sitemap: path → record."""
    inputs: list[str] = field(default_factory=list)
    """Input folders named by the profile (its overlay), part of the input stamp."""
    private: str = ""
    """The non-public folder (absolute) that the documents with ``public`` False were written to."""

    def root(self, out: Path, record: DocumentRecord) -> Path:
        """The folder that the paths of ``record``'s files are relative to."""
        return out if record.public or not self.private else Path(self.private)

    @classmethod
    def load(cls, out: Path) -> BuildState:
        """The state in ``out``; an empty state when it is missing, malformed or from another version."""
        try:
            data = json.loads((out / STATE_DIR / STATE_FILE).read_text(encoding="utf-8"))
            return cls._parse(data)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, UnicodeError, RecursionError):
            return cls()

    @classmethod
    def _parse(cls, data: Any) -> BuildState:
        if not isinstance(data, dict) or set(data) != {"checksum", "state"}:
            return cls()
        if data["checksum"] != _checksum(data["state"]):
            return cls()  # damaged or edited by hand
        data = data["state"]
        if not isinstance(data, dict) or data.get("format") != STATE_FORMAT or data.get("version") != __version__:
            return cls()
        documents = {}
        for doc_id, record in data["documents"].items():
            if not _DOC_ID.fullmatch(doc_id) or not isinstance(record, dict):
                raise ValueError("bad document id")
            files = record["files"]
            if not isinstance(files, dict) or not files or not set(files) <= set(FORMATS):
                raise ValueError("bad formats")
            key, entry, public = record["key"], record["entry"], record["public"]
            if not isinstance(key, str) or not _SHA256.fullmatch(key) or not isinstance(entry, dict):
                raise ValueError("bad key or entry")
            if not isinstance(public, bool):
                raise ValueError("bad public flag")
            documents[doc_id] = DocumentRecord(
                key,
                {fmt: FileRecord.parse(file, file_name(doc_id, fmt)) for fmt, file in files.items()},
                entry,
                public,
            )
        planned = data["planned"]
        stamp = data["stamp"]
        if not isinstance(planned, list) or not all(isinstance(d, str) and d in documents for d in planned):
            raise ValueError("bad plan")
        if not isinstance(stamp, str):
            raise ValueError("bad stamp")
        manifest = FileRecord.parse(data["manifest"]) if data.get("manifest") is not None else None
        site = {path: FileRecord.parse(record, path) for path, record in data.get("site", {}).items()}
        inputs = data.get("inputs", [])
        if not isinstance(inputs, list) or not all(isinstance(folder, str) for folder in inputs):
            raise ValueError("bad inputs")
        private = data["private"]
        if not isinstance(private, str):
            raise ValueError("bad non-public folder")
        return cls(
            stamp=stamp,
            planned=planned,
            documents=documents,
            manifest=manifest,
            site=site,
            inputs=inputs,
            private=private,
        )

    def save(self, out: Path) -> None:
        """Write the state atomically."""
        from briefgen.pipeline.output import write_json

        (out / STATE_DIR).mkdir(exist_ok=True)
        state = {
            "format": STATE_FORMAT,
            "version": __version__,
            "stamp": self.stamp,
            "planned": self.planned,
            "inputs": self.inputs,
            "private": self.private,
            "manifest": vars(self.manifest) if self.manifest else None,
            "site": {path: vars(record) for path, record in sorted(self.site.items())},
            "documents": {
                doc_id: {
                    "key": record.key,
                    "files": {fmt: vars(file) for fmt, file in sorted(record.files.items())},
                    "entry": record.entry,
                    "public": record.public,
                }
                for doc_id, record in sorted(self.documents.items())
            },
        }
        write_json(out / STATE_DIR / STATE_FILE, {"checksum": _checksum(state), "state": state})

    def is_noop(self, out: Path, stamp: str) -> bool:
        """True when inputs and options are unchanged and every planned output and the manifest
        are exactly as written."""
        if not self.planned or stamp != self.stamp or self.manifest is None or not self.manifest.unchanged(out):
            return False
        if not all(record.unchanged(out) for record in self.site.values()):
            return False
        return all(
            doc_id in self.documents and self.documents[doc_id].unchanged(self.root(out, self.documents[doc_id]))
            for doc_id in self.planned
        )
