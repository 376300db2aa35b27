"""Every claim of the positions, with where it stands and the basis it rests on.

A claim is a text a reader takes as a statement of fact or position: the paragraphs of
``akkoord`` and ``betekenis``, each ask with its ``why``, risks, talking points, the
``kernboodschap``, a theme's ``summary`` and ``findings``, and the lead, sections and closing
of the general reaction. Each carries a ``basis``: fragments copied from the source.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from briefgen.readers.positions import GENERAL_FILE, Positions
from briefgen.readers.yamlfile import Located, Path_, format_path
from briefgen.schema.positions import Claim
from briefgen.tracing.source import Owner

GENERAL_KEY = "_algemeen"


@dataclass(frozen=True)
class ClaimRef:
    """One claim: its text, basis, owner and place in the YAML."""

    role: str
    """What the claim is: ``akkoord``, ``betekenis``, ``ask``, ``risk``, ``talking point``, …"""
    text: str
    basis: tuple[str, ...]
    owner: Owner
    located: Located
    path: Path_
    hedge_kept: str | None = None
    """The author's reason why the wording keeps the basis's hedge (``hedge:`` in the YAML)."""

    @property
    def file(self) -> str:
        """The position file as users see it."""
        return self.located.file

    @property
    def line(self) -> int:
        """Line of the claim in its file."""
        return self.located.where(self.path)[0]

    @property
    def column(self) -> int:
        """Column of the claim in its file."""
        return self.located.where(self.path)[1]

    @property
    def field(self) -> str:
        """The claim's field path, e.g. ``topics[0].akkoord[1]``."""
        return format_path(self.path)

    def where(self) -> dict[str, str | int]:
        """``file``, ``line``, ``column`` and ``field`` for a finding."""
        return {"file": self.file, "line": self.line, "column": self.column, "field": self.field}

    def basis_where(self, index: int) -> dict[str, str | int]:
        """Location of basis fragment ``index`` for a finding."""
        path: Path_ = (*self.path, "basis", index)
        line, column = self.located.where(path)
        return {"file": self.file, "line": line, "column": column, "field": format_path(path)}


def _claim(role: str, claim: Claim, owner: Owner, located: Located, path: Path_) -> ClaimRef:
    return ClaimRef(role, claim.text, tuple(claim.basis), owner, located, path, claim.hedge)


def iter_claims(positions: Positions, theme_ids: set[str] | None = None) -> Iterator[ClaimRef]:
    """Every claim in file order: the reaction first, then theme by theme (only ``theme_ids`` if given)."""
    general = positions.files[GENERAL_KEY]
    reaction = positions.general.reaction
    owner = Owner()
    if theme_ids is None:
        yield _claim("reaction lead", reaction.lead, owner, general, ("reaction", "lead"))
        for index, section in enumerate(reaction.sections):
            yield ClaimRef(
                f"reaction: {section.heading}",
                section.text,
                tuple(section.basis),
                owner,
                general,
                ("reaction", "sections", index),
                section.hedge,
            )
        yield _claim("reaction closing", reaction.closing, owner, general, ("reaction", "closing"))
        yield _claim("vervolg", positions.general.vervolg, owner, general, ("vervolg",))
    for theme in positions.themes:
        if theme_ids is not None and theme.id not in theme_ids:
            continue
        located = positions.files[theme.id]
        chapter = Owner(theme.id)
        yield _claim("summary", theme.summary, chapter, located, ("summary",))
        for index, finding in enumerate(theme.findings):
            yield _claim("finding", finding, chapter, located, ("findings", index))
        for t_index, topic in enumerate(theme.topics):
            here = Owner(theme.id, topic.id)
            base: Path_ = ("topics", t_index)
            yield _claim("kernboodschap", topic.kernboodschap, here, located, (*base, "kernboodschap"))
            for field_name in ("akkoord", "betekenis", "risks", "talking_points"):
                role = {"risks": "risk", "talking_points": "talking point"}.get(field_name, field_name)
                for index, claim in enumerate(getattr(topic, field_name)):
                    yield _claim(role, claim, here, located, (*base, field_name, index))
            for index, ask in enumerate(topic.asks):
                yield ClaimRef(
                    "ask", f"{ask.ask} {ask.why}", tuple(ask.basis), here, located, (*base, "asks", index), ask.hedge
                )


__all__ = ["GENERAL_FILE", "ClaimRef", "iter_claims"]
