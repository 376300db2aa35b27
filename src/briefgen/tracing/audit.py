"""Trace every claim to its source: each basis fragment found, in the right section.

:func:`trace` returns one :class:`Traced` per claim; the provenance gate turns the problems
into findings and ``briefgen trace`` shows claim and basis side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen.readers.positions import Positions
from briefgen.tracing.claims import ClaimRef, iter_claims
from briefgen.tracing.hedges import lost_hedge
from briefgen.tracing.source import Heading, Owner, SourceText, load_source

MIN_WORDS = 4
MAX_WORDS = 30
"""A fragment outside this many words is reported: too short to be evidence, or a copied passage."""


@dataclass(frozen=True)
class FragmentHit:
    """Where one basis fragment was found in the source."""

    fragment: str
    lines: tuple[int, ...]
    """Source lines where it starts (empty: not found)."""
    owners: tuple[Owner, ...]
    excerpt: str = ""

    @property
    def found(self) -> bool:
        """True when the fragment occurs in the source."""
        return bool(self.lines)


@dataclass
class Traced:
    """A claim with the result of tracing its basis."""

    claim: ClaimRef
    hits: list[FragmentHit] = field(default_factory=list)
    problems: list[tuple[str, int | None, str]] = field(default_factory=list)
    """(severity, fragment index or None for the claim, message); severity ``hedge`` is a lost hedge."""

    @property
    def traced(self) -> bool:
        """True when the claim has a basis and every fragment was found."""
        return bool(self.hits) and all(hit.found for hit in self.hits)


def source_headings(positions: Positions) -> list[tuple[Heading, list[Heading]]]:
    """Chapter and topic headings per theme, in chapter order, to cut the source at."""
    return [
        (
            Heading(theme.title, Owner(theme.id)),
            [Heading(topic.title, Owner(theme.id, topic.id)) for topic in theme.topics],
        )
        for theme in positions.themes
    ]


def open_source(path: Path, positions: Positions) -> SourceText:
    """The source at ``path`` cut into the sections of ``positions`` (raises ProblemsError)."""
    return load_source(path, source_headings(positions))


def _belongs(claim: Owner, found: Owner) -> bool:
    if claim.is_reaction:
        return found.is_reaction
    if claim.theme != found.theme:
        return False
    return not claim.topic or not found.topic or claim.topic == found.topic


def trace_claim(claim: ClaimRef, source: SourceText) -> Traced:
    """Find every basis fragment of ``claim`` in ``source`` and note what is wrong."""
    result = Traced(claim)
    if not claim.basis:
        result.problems.append(("error", None, "claim has no basis: add fragments of the source it rests on"))
        return result
    for index, fragment in enumerate(claim.basis):
        offsets = source.find(fragment)
        owners = tuple(owner for owner in (source.owner_at(offset) for offset in offsets) if owner is not None)
        hit = FragmentHit(
            fragment,
            tuple(source.line_of(offset) for offset in offsets),
            owners,
            source.excerpt(offsets[0]) if offsets else "",
        )
        result.hits.append(hit)
        words = len(fragment.split())
        if not offsets:
            result.problems.append(("error", index, f"basis fragment not found in {source.path}: ‘{fragment}’"))
            continue
        if not any(_belongs(claim.owner, owner) for owner in owners):
            where = ", ".join(sorted({str(owner) for owner in owners}))
            result.problems.append(
                (
                    "warning",
                    index,
                    f"basis fragment occurs in {where} (line {hit.lines[0]}), not in {claim.owner}: "
                    "attached to the wrong claim?",
                )
            )
        if words < MIN_WORDS or words > MAX_WORDS:
            result.problems.append(
                ("warning", index, f"basis fragment has {words} words; use {MIN_WORDS}–{MAX_WORDS} to be evidence")
            )
    if claim.hedge_kept is None:
        lost = lost_hedge(claim.text, claim.basis)
        if lost:
            result.problems.append(("hedge", None, f"hedge lost: {lost}; restore it or mark `hedge: <reason>`"))
    return result


def trace(positions: Positions, source: SourceText, theme_ids: set[str] | None = None) -> list[Traced]:
    """Trace every claim of ``positions`` (only those of ``theme_ids`` if given)."""
    return [trace_claim(claim, source) for claim in iter_claims(positions, theme_ids)]


def quote_found(positions: Positions, source: SourceText) -> bool:
    """True when the director's quote occurs word for word in the source."""
    return bool(source.find(positions.general.reaction.quote))
