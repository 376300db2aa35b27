"""Jobs and the kind protocol: what the planner knows of a document kind (the jobs it plans for
a scope). Light on purpose: no Jinja, no schema, no writers; the planner imports only this."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from briefgen.content.model import Document


@dataclass(frozen=True)
class Job:
    """One document to build: its kind, subject and what it depends on."""

    kind: str
    slug: str
    audience: str
    theme: str | None = None
    portfolio: str | None = None
    seq: int = 1
    depends_on: tuple[str, ...] = ()
    """Theme ids whose position files this document reads (``_algemeen`` is always read)."""


@dataclass(frozen=True)
class Scope:
    """What the user selected: one theme, one portfolio, or (both None) everything."""

    theme: str | None = None
    portfolio: str | None = None


class Kind(Protocol):
    """A document kind: a module with these names (see ``briefgen.kinds``)."""

    KIND: str
    LABEL: str
    AUDIENCE: str
    PER: str
    """What one document covers: ``theme``, ``portfolio`` or ``agreement``; a ``--portfolio``
    selection alone builds the ``portfolio`` kinds."""

    # ``ctx`` is the kinds' own context (``briefgen.kinds.base.Context``): the contract names no kind.
    def plan(self, ctx: Any, scope: Scope) -> list[Job]:
        """The jobs of this kind for ``scope``."""
        ...

    def compose(self, ctx: Any, job: Job) -> Document:
        """The document of ``job``."""
        ...


Kinds = Mapping[str, Kind]
