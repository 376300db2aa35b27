"""Located problems: what went wrong, in which file, line, column and field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One located message, printed as ``file:line:col: field: message``.

    The one type for bad input (readers, kinds, the build) and for what a quality gate finds
    (``gate``, ``severity``; ``document`` when it is about a composed document, not a file).
    """

    file: str = ""
    line: int = 0
    column: int = 0
    field: str = ""
    message: str = ""
    severity: Severity = "error"
    gate: str = ""
    document: str = ""
    """Document id (``kind/slug``) the problem is about, if any."""

    def location(self) -> str:
        """``file:line:col`` (or just the file, or the document id)."""
        return location(self.file or self.document, self.line, self.column)

    def __str__(self) -> str:
        return located(self.file or self.document, self.line, self.column, self.field, self.message)

    def as_dict(self) -> dict[str, Any]:
        """The problem for ``--json``."""
        return {
            "gate": self.gate,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "document": self.document,
            "message": self.message,
        }


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
