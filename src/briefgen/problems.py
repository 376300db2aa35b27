"""Located problems: what went wrong, in which file, line, column and field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in an input file, printed as ``file:line:col: field: message``."""

    file: str
    line: int = 0
    column: int = 0
    field: str = ""
    message: str = ""

    def __str__(self) -> str:
        return located(self.file, self.line, self.column, self.field, self.message)


def location(file: str, line: int = 0, column: int = 0) -> str:
    """``file:line:col``, or just the file when the line is unknown."""
    return f"{file}:{line}:{column or 1}" if line else file


def located(file: str, line: int, column: int, field: str, message: str) -> str:
    """The one way a located message is written: ``file:line:col: field: message``."""
    where = location(file, line, column)
    field_ = f" {field}:" if field else ""
    return f"{where}:{field_} {message}" if where or field_ else message


class ProblemsError(Exception):
    """Raised when input has problems; carries all of them, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A wrong option or id on the command line (exit code 2)."""


def display_path(path: Path) -> str:
    """A path as users typed it: relative to the working folder when inside it."""
    try:
        return str(path.absolute().relative_to(Path.cwd().absolute()))
    except ValueError:
        return str(path)
