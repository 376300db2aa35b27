"""Writing outputs safely: atomic replacement, contained paths, the manifest."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from briefgen.problems import Problem, ProblemsError, UsageError, display_path

MANIFEST = "manifest.json"
TEMP_NAME = re.compile(r"^\..+\.briefgen-[0-9A-Za-z_]+\.tmp$")
"""How briefgen names a file it is still writing: ``.NAME.briefgen-TAG.tmp`` beside the target.
A build killed before moving it into place leaves it behind; the next build removes it."""


def temp_name(target: Path, tag: str) -> Path:
    """The temporary sibling of ``target`` that a writer identified by ``tag`` writes first."""
    return target.with_name(f".{target.name}.briefgen-{tag}.tmp")


def remove_stale_temps(out: Path) -> int:
    """Remove briefgen's own temporary files that an interrupted build left in ``out``; how many."""
    removed = 0
    if not out.is_dir():
        return 0
    for root, dirs, files in os.walk(out):
        dirs[:] = [name for name in dirs if name != ".briefgen"]
        for name in files:
            if TEMP_NAME.match(name):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(root, name))
                    removed += 1
    return removed


STATE_DIR = ".briefgen"
"""briefgen's own folder in the output folder: the build state and the lock."""
LOCK_FILE = "lock"
"""The build lock, in ``OUT/.briefgen/``: there while a build runs, removed when it ends."""
NON_PUBLIC_SUFFIX = "-niet-openbaar"
"""The default non-public folder is the output folder's sibling with this suffix (``out-niet-openbaar``)."""


def non_public_folder(out: Path, configured: Path | None = None) -> Path:
    """Where documents that may not be published (embargo, concept) are written: ``configured``,
    else the sibling of ``out`` named ``<out>-niet-openbaar``; never inside ``out``."""
    resolved = out.resolve()
    folder = (configured if configured is not None else resolved.parent / (resolved.name + NON_PUBLIC_SUFFIX)).resolve()
    if folder == resolved or resolved in folder.parents or folder in resolved.parents:
        raise UsageError(
            f"--non-public: folder {str(folder)!r} must lie outside the output folder {str(out)!r} "
            "(and not contain it): everything in the output folder is published"
        )
    return folder


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold the lock of output folder ``out`` for one build; refuse when another build holds it.

    The lock file is ``OUT/.briefgen/lock``; it is removed when the build ends, and so are the
    folders made only to hold it (a failed first build leaves no trace). The system releases the
    lock itself when the process ends, however it ends.
    """
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        yield
        return
    created = [folder for folder in (out, out / STATE_DIR) if not folder.exists()]
    try:
        (out / STATE_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"--out: cannot create folder {str(out)!r}: {error.strerror or error}") from None
    path = out / STATE_DIR / LOCK_FILE
    handle = _acquire(path, fcntl)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # before the lock is released: a waiting build then locks a new file
        os.close(handle)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty: a folder the failed build made for the lock


def _acquire(path: Path, fcntl: Any) -> int:
    """An open, exclusively locked handle on ``path`` (the file the path names at that moment)."""
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise ProblemsError(
                [
                    Problem(
                        display_path(path.parent.parent),
                        message="another briefgen build is writing into this folder; nothing was changed, "
                        "run the build again when that one has finished",
                    )
                ]
            ) from None
        try:
            same = os.stat(path).st_ino == os.fstat(handle).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return handle
        os.close(handle)  # the build that held it removed it meanwhile: lock the new one


def check_out_dir(out: Path) -> Path:
    """The resolved output folder, after checking it is (or can become) a writable folder.

    Nothing is created: a build that fails later leaves no trace, not even an empty folder.
    """
    if out.exists() or out.is_symlink():
        if not out.is_dir():
            raise UsageError(f"--out: {str(out)!r} is a file, not a folder")
        if not os.access(out, os.W_OK | os.X_OK):
            raise UsageError(f"--out: folder {str(out)!r} is not writable")
        return out.resolve()
    parent = out.absolute().parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise UsageError(f"--out: cannot create folder {str(out)!r}: {display_path(parent)!r} is a file")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"--out: cannot create folder {str(out)!r}: {display_path(parent)!r} is not writable")
    return out.resolve()


def prepare_out_dir(out: Path) -> Path:
    """Create ``out`` if needed; a clear :class:`UsageError` when it cannot be a folder."""
    resolved = check_out_dir(out)
    try:
        resolved.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"--out: cannot create folder {str(out)!r}: {error.strerror or error}") from None
    return resolved


def contained(out: Path, relative: str) -> Path:
    """``out / relative``, refusing anything that would land outside ``out``."""
    target = (out / relative).resolve()
    if out.resolve() not in target.parents:
        raise UsageError(f"output path {relative!r} would leave the output folder")
    return target


def check_target(out: Path, relative: str) -> Path:
    """A contained output path that can be replaced by a file (no folder in the way)."""
    target = contained(out, relative)
    for folder in reversed(target.relative_to(out.resolve()).parents):
        if (out.resolve() / folder).exists() and not (out.resolve() / folder).is_dir():
            raise UsageError(f"cannot write {relative!r}: {display_path(out / folder)!r} is a file, not a folder")
    if target.is_dir():
        raise UsageError(f"cannot write {relative!r}: a folder of that name is in the way")
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


def write_temp(target: Path, data: bytes, tag: str | None = None) -> str:
    """Write ``data`` completely (fsync) to the temporary sibling of ``target`` that a build
    removes if it is left behind; the caller moves it into place with ``os.replace``.

    ``tag`` names the writer (default: this process id); a symlink in its place is refused.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_name(target, str(os.getpid()) if tag is None else tag)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    handle = os.open(temp, flags, 0o644)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    os.chmod(temp, 0o644)
    return str(temp)


def write_atomic(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary sibling first, then move all into place.

    Nothing is replaced unless every temporary file was written completely; on failure the
    temporary files are removed and earlier outputs stay as they were.
    """
    staged: list[tuple[Path, str]] = []
    try:
        for target, data in files.items():
            staged.append((target, write_temp(target, data)))
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
