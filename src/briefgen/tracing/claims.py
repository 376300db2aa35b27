"""Every claim of the positions, with where it stands and the basis it rests on.

A claim is a text a reader takes as a statement of fact or position: the paragraphs of
``akkoord`` and ``betekenis``, each ask with its ``why``, risks, talking points, the
``kernboodschap``, a theme's ``summary`` and ``findings``, and the lead, sections and closing
of the general reaction. Each carries a ``basis``: fragments copied from the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefgen.readers.positions import GENERAL_FILE, Positions
from briefgen.readers.yamlfile import Located, Path_, format_path
from briefgen.schema.positions import Claim, Hedge
from briefgen.tracing.sentences import Sentence, split
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
    hedge_kept: Hedge | None = None
    """The author's reasons why a sentence is faithful although the check reports it (``hedge:``)."""
    parts: tuple[tuple[Path_, str], ...] = ()
    """The texts the claim is made of with their YAML paths (an ask: ``ask`` and ``why``)."""
    source: str = ""
    """The id of the local source a claim of an overlay rests on (empty: the analysis)."""

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

    def sentences(self) -> Iterator[tuple[Sentence, Path_]]:
        """Every sentence of the claim, numbered through its parts, with the path of its part."""
        number = 0
        for path, text in self.parts or ((self.path, self.text),):
            for sentence in split(text):
                number += 1
                yield Sentence(sentence.text, sentence.start, number), path

    def accepted(self, number: int) -> str | None:
        """The author's reason for accepting sentence ``number`` (``hedge:``), if any."""
        hedge = self.hedge_kept
        if isinstance(hedge, dict):
            return hedge.get(str(number))
        if hedge is not None and sum(1 for _ in self.sentences()) == 1:
            return hedge
        return None

    def sentence_where(self, sentence: Sentence, path: Path_) -> dict[str, str | int]:
        """``file``, ``line``, ``column`` and ``field`` of a sentence: where its first words stand."""
        line, column = self.located.where(path)
        found = _locate(self.file, line, column, sentence.text)
        if found is not None:
            line, column = found
        return {"file": self.file, "line": line, "column": column, "field": format_path(path)}

    def basis_where(self, index: int) -> dict[str, str | int]:
        """Location of basis fragment ``index`` for a finding."""
        path: Path_ = (*self.path, "basis", index)
        line, column = self.located.where(path)
        return {"file": self.file, "line": line, "column": column, "field": format_path(path)}


def _file_lines(file: str) -> tuple[str, ...]:
    try:
        stat = Path(file).stat()
    except OSError:
        return ()
    return _read_lines(file, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _read_lines(file: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    """The lines of ``file`` (cached per version of the file)."""
    try:
        return tuple(Path(file).read_text(encoding="utf-8").split("\n"))
    except (OSError, UnicodeDecodeError):
        return ()


def _locate(file: str, line: int, column: int, sentence: str) -> tuple[int, int] | None:
    """Line and column of ``sentence``'s first words in ``file`` at or after ``line:column``.

    A folded or plain YAML scalar keeps the words of its text in order with line breaks and
    indentation between them, so the first words are searched with any white space between.
    """
    lines = _file_lines(file)
    if not lines or line > len(lines):
        return None
    words = sentence.split()[:4]
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    start = sum(len(text) + 1 for text in lines[: line - 1]) + column - 1
    raw = "\n".join(lines)
    match = pattern.search(raw, start, start + 40_000)
    if match is None:
        return None
    before = raw[: match.start()]
    return before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1


def _claim(role: str, claim: Claim, owner: Owner, located: Located, path: Path_) -> ClaimRef:
    text_path: Path_ = (*path, "text")
    return ClaimRef(role, claim.text, tuple(claim.basis), owner, located, path, claim.hedge, ((text_path, claim.text),))


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
                ((("reaction", "sections", index, "text"), section.text),),
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
                where: Path_ = (*base, "asks", index)
                yield ClaimRef(
                    "ask",
                    f"{ask.ask} {ask.why}",
                    tuple(ask.basis),
                    here,
                    located,
                    where,
                    ask.hedge,
                    (((*where, "ask"), ask.ask), ((*where, "why"), ask.why)),
                )


__all__ = ["GENERAL_FILE", "ClaimRef", "iter_claims", "iter_local_claims"]


def iter_local_claims(positions: Positions) -> Iterator[ClaimRef]:
    """Every local paragraph of the overlay applied to ``positions`` that has a basis."""
    overlay = positions.local
    if overlay is None:
        return
    for theme_id, theme in overlay.themes.items():
        located = overlay.files[theme_id]
        for t_index, topic in enumerate(theme.topics):
            for index, local in enumerate(topic.betekenis):
                if not local.basis:
                    continue
                path: Path_ = ("topics", t_index, "betekenis", index)
                yield ClaimRef(
                    "local betekenis",
                    local.text,
                    tuple(local.basis),
                    Owner(theme_id, topic.id),
                    located,
                    path,
                    parts=(((*path, "text"), local.text),),
                    source=local.source,
                )
