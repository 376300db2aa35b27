"""Read a version of the positions: a folder, or a git revision (``HEAD~1``, a tag, a commit)."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from briefgen.problems import Problem, ProblemsError, UsageError
from briefgen.readers.positions import Positions, load_positions

GIT_SECONDS = 30


@contextmanager
def positions_at(version: str, folder: Path) -> Iterator[Positions]:
    """The positions of ``version``: a folder when one exists at that path, otherwise the git
    revision of ``folder`` (the positions folder, inside a git work tree)."""
    path = Path(version)
    if path.is_dir():
        yield load_positions(path)
        return
    with tempfile.TemporaryDirectory(prefix="briefgen-diff-") as temp:
        copy = _checkout(version, folder, Path(temp))
        try:
            yield load_positions(copy)
        except ProblemsError as error:  # name the revision, not the temporary folder
            prefix = str(copy)
            raise ProblemsError(
                [replace(p, file=p.file.replace(prefix, f"{version}:{folder.as_posix()}", 1)) for p in error.problems]
            ) from None


def _git(folder: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, timeout=GIT_SECONDS, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed; give OLD and NEW as folders") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ProblemsError([Problem(str(folder), message=message[-1] if message else "git failed")])
    return done.stdout


def _checkout(revision: str, folder: Path, temp: Path) -> Path:
    """Write ``folder`` as it was at ``revision`` into ``temp``; return the copy's folder."""
    if revision.startswith("-"):
        raise UsageError(f"not a folder or a git revision: {revision!r}")
    if not folder.is_dir():
        raise UsageError(f"--positions: folder {str(folder)!r} not found")
    try:
        _git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except ProblemsError:  # wrong usage, like an unknown id: exit code 2
        raise UsageError(
            f"{revision}: neither a folder nor a git revision of {folder.as_posix()} (git rev-parse)"
        ) from None
    prefix = _git(folder, "rev-parse", "--show-prefix").decode().strip()
    top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    data = _git(top, "archive", "--format=tar", f"{revision}:{prefix}" if prefix else revision)
    target = temp / "positions"
    target.mkdir()
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        members = [
            m for m in archive.getmembers() if m.isfile() and "/" not in m.name and m.name.endswith((".yaml", ".yml"))
        ]
        archive.extractall(target, members=members, filter="data")
    if not members:
        raise ProblemsError(
            [Problem(f"{revision}:{folder.as_posix()}", message="holds no position files at this revision")]
        )
    return target


def describe(version: str, folder: Path) -> str:
    """``version`` as readers see it: a folder's name, or a commit's date and short hash."""
    from briefgen.content import dutch

    path = Path(version)
    if path.is_dir():
        return f"de versie in {path.name}"
    import datetime as dt

    when, short = _git(folder, "log", "-1", "--format=%cs %h", f"{version}^{{commit}}").decode().split()
    return f"de versie van {dutch.date(dt.date.fromisoformat(when))} (commit {short})"
