"""Writing outputs safely: atomic replacement, contained paths, the manifest."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from briefgen.problems import UsageError

MANIFEST = "manifest.json"


def prepare_out_dir(out: Path) -> Path:
    """Create ``out`` if needed; a clear :class:`UsageError` when it cannot be a folder."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out: {str(out)!r} is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"--out: cannot create folder {str(out)!r}: {error.strerror or error}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise UsageError(f"--out: folder {str(out)!r} is not writable")
    return out.resolve()


def contained(out: Path, relative: str) -> Path:
    """``out / relative``, refusing anything that would land outside ``out``."""
    target = (out / relative).resolve()
    if out.resolve() not in target.parents:
        raise UsageError(f"output path {relative!r} would leave the output folder")
    return target


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    """Hex SHA-256 of a file, or None when it cannot be read."""
    try:
        return sha256(path.read_bytes())
    except OSError:
        return None


def write_atomic(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary sibling first, then move all into place.

    Nothing is replaced unless every temporary file was written completely; on failure the
    temporary files are removed and earlier outputs stay as they were.
    """
    staged: list[tuple[Path, str]] = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((target, temp))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp, 0o644)
        for target, temp in staged:
            os.replace(temp, target)
    finally:
        for _, temp in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)


def read_json(path: Path) -> dict[str, Any] | None:
    """A JSON object from ``path``, or None when missing or not valid (never trusted blindly)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as stable, readable JSON, atomically."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    write_atomic({path: text.encode("utf-8")})
