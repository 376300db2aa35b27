"""Trace every claim to its source: each basis fragment found, in the right section.

:func:`trace` returns one :class:`Traced` per claim; the provenance gate turns the problems
into findings and ``briefgen trace`` shows claim and basis side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.readers.positions import Positions
from briefgen.tracing.claims import ClaimRef, iter_claims
from briefgen.tracing.fidelity import Evidence, check_sentence
from briefgen.tracing.source import Heading, Owner, SourceText, fragment_pattern, load_source

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
    source: str = ""
    """The source file it was found in (the first one when not found)."""

    @property
    def found(self) -> bool:
        """True when the fragment occurs in the source."""
        return bool(self.lines)


@dataclass(frozen=True)
class SentenceProblem:
    """A sentence of a claim that says more than its basis, located in its file."""

    kind: str
    """The class of the finding (see :data:`briefgen.tracing.fidelity.CLASSES`)."""
    number: int
    sentence: str
    message: str
    where: dict[str, str | int]


@dataclass
class Traced:
    """A claim with the result of tracing its basis."""

    claim: ClaimRef
    hits: list[FragmentHit] = field(default_factory=list)
    problems: list[tuple[str, int | None, str]] = field(default_factory=list)
    """(severity, fragment index or None for the claim, message)."""
    evidence: list[Evidence] = field(default_factory=list)
    """Each basis fragment with the source sentence around it."""
    sentences: list[SentenceProblem] = field(default_factory=list)
    """Sentences that say more than the fragments they rest on (not accepted with ``hedge:``)."""

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


def open_sources(paths: Sequence[Path], positions: Positions) -> list[SourceText]:
    """Each source of ``paths``, cut into the sections of ``positions`` where it has them."""
    return [open_source(path, positions) for path in paths]


def _belongs(claim: Owner, found: Owner) -> bool:
    if claim.is_reaction:
        return found.is_reaction
    if claim.theme != found.theme:
        return False
    return not claim.topic or not found.topic or claim.topic == found.topic


def _first_found(sources: Sequence[SourceText], fragment: str) -> tuple[SourceText, list[int]]:
    """The first source that holds ``fragment`` and the offsets there (the first source and none)."""
    for source in sources:
        offsets = source.find(fragment)
        if offsets:
            return source, offsets
    return sources[0], []


def trace_claim(
    claim: ClaimRef, sources: SourceText | Sequence[SourceText], money_figures: frozenset[str] = frozenset()
) -> Traced:
    """Find every basis fragment of ``claim`` in one of ``sources``, compare each sentence with the
    fragments it rests on (:attr:`Traced.sentences`), and note what is wrong."""
    if isinstance(sources, SourceText):
        sources = [sources]
    result = Traced(claim)
    if not claim.basis:
        result.problems.append(("error", None, "claim has no basis: add fragments of the source it rests on"))
        return result
    for index, fragment in enumerate(claim.basis):
        source, offsets = _first_found(sources, fragment)
        owners = tuple(owner for owner in (source.owner_at(offset) for offset in offsets) if owner is not None)
        hit = FragmentHit(
            fragment,
            tuple(source.line_of(offset) for offset in offsets),
            owners,
            source.excerpt(offsets[0]) if offsets else "",
            source.path,
        )
        result.hits.append(hit)
        if offsets:
            match = fragment_pattern(fragment)
            found = match.match(source.flat, offsets[0]) if match is not None else None
            before, after = source.around(offsets[0], found.end() - offsets[0] if found else len(fragment))
            result.evidence.append(Evidence(fragment, before, after, source.list_lead(offsets[0])))
        else:
            result.evidence.append(Evidence(fragment))
        words = len(fragment.split())
        if not offsets:
            shown = " or ".join(item.path for item in sources)
            result.problems.append(("error", index, f"basis fragment not found in {shown}: ‘{fragment}’"))
            continue
        if source.owners and not any(_belongs(claim.owner, owner) for owner in owners):
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
    result.sentences = sentence_problems(claim, money_figures, tuple(result.evidence))
    return result


def sentence_problems(
    claim: ClaimRef, money_figures: frozenset[str] = frozenset(), evidence: tuple[Evidence, ...] = ()
) -> list[SentenceProblem]:
    """The sentences of ``claim`` that say more than their basis, except those accepted by ``hedge:``."""
    problems = []
    sentences = list(claim.sentences())
    for number, (sentence, path) in enumerate(sentences):
        reason = claim.accepted(sentence.number)
        request = path[-1] == "ask"
        before = sentences[number - 1][0].text if number else ""
        for finding in check_sentence(sentence, evidence or claim.basis, money_figures, request, before):
            if reason is not None and finding.kind != "rests":
                continue
            problems.append(
                SentenceProblem(
                    finding.kind,
                    sentence.number,
                    sentence.text,
                    f"sentence {sentence.number} ‘{_short(sentence.text)}’: {finding.message}",
                    claim.sentence_where(sentence, path),
                )
            )
    if isinstance(claim.hedge_kept, str) and len(sentences) > 1 and problems:
        problems.append(
            SentenceProblem(
                "hedge",
                0,
                "",
                "hedge: a plain reason holds for a claim of one sentence; name the sentence: `hedge: {N: reason}`",
                {
                    **claim.where(),
                    **dict(zip(("line", "column"), claim.located.where((*claim.path, "hedge")), strict=True)),
                    "field": f"{claim.field}.hedge",
                },
            )
        )
    return problems


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def money_figure_ids(positions: Positions) -> frozenset[str]:
    """Ids of the money figures: a ``{fig:ID}`` of one speaks of money."""
    return frozenset(fid for fid, use in positions.figures.items() if use.figure.kind.value == "money")


def trace(
    positions: Positions, sources: SourceText | Sequence[SourceText], theme_ids: set[str] | None = None
) -> list[Traced]:
    """Trace every claim of ``positions`` (only those of ``theme_ids`` if given) to ``sources``."""
    money = money_figure_ids(positions)
    listed = [sources] if isinstance(sources, SourceText) else list(sources)
    return [trace_claim(claim, listed, money) for claim in iter_claims(positions, theme_ids)]


def quote_found(positions: Positions, sources: SourceText | Sequence[SourceText]) -> bool:
    """True when the director's quote occurs word for word in a source."""
    listed = [sources] if isinstance(sources, SourceText) else list(sources)
    return any(source.find(positions.general.reaction.quote) for source in listed)
