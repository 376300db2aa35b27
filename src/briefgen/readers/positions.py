"""Read ``positions/``: one validated :class:`Theme` per file plus ``_algemeen.yaml``.

Cross-file rules are checked here too: ids are unique, every ``{fig:ID}`` marker and every
figure's source resolves, every topic's sources are cited somewhere it can be traced.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.problems import Problem, ProblemsError, display_path
from briefgen.readers.validate import validate
from briefgen.readers.yamlfile import Located, Path_, read_yaml
from briefgen.schema.positions import Figure, General, Source, Theme, Topic

if TYPE_CHECKING:
    from briefgen.readers.local import Overlay

GENERAL_FILE = "_algemeen.yaml"
ANALYSIS_ID = "analyse"
MAX_FILES = 200

FIGURE_MARKER = re.compile(r"\{fig:([a-z0-9]+(?:-[a-z0-9]+)*)\}")
_ANY_BRACE = re.compile(r"[{}]")


@dataclass(frozen=True)
class FigureUse:
    """Where a figure is defined."""

    figure: Figure
    theme: Theme | None
    topic: Topic | None
    local: bool = False
    """Defined in a municipality's overlay, not in the shared positions."""


@dataclass
class Positions:
    """All positions, indexed, with the located YAML of every file (for later checks)."""

    general: General
    themes: list[Theme]
    figures: dict[str, FigureUse]
    sources: dict[str, Source]
    files: dict[str, Located] = field(default_factory=dict)
    """Located YAML per theme id (and ``_algemeen``), to point problems at lines."""
    theme_files: dict[str, Path] = field(default_factory=dict)
    local: Overlay | None = None
    """The municipality's overlay applied on top (None: the shared positions only)."""

    def theme(self, theme_id: str) -> Theme:
        """The theme with ``theme_id``."""
        return next(theme for theme in self.themes if theme.id == theme_id)

    def topics(self) -> Iterator[tuple[Theme, Topic]]:
        """Every (theme, topic) in chapter order."""
        for theme in self.themes:
            for topic in theme.topics:
                yield theme, topic

    def topic_sources(self, topic: Topic) -> list[Source]:
        """The analysis, the topic's own sources and the ones it cites, in that order."""
        cited = [self.sources[source_id] for source_id in topic.cites if source_id in self.sources]
        return [self.sources[ANALYSIS_ID], *topic.sources, *cited]


def text_fields(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text value in located data with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from text_fields(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from text_fields(value, (*path, index))


_NOT_PROSE = {"id", "url", "source", "portfolios", "cites", "themes", "kind", "scale", "value", "stance", "basis"}


def prose_fields(data: Any) -> Iterator[tuple[Path_, str]]:
    """Text values that are prose (not ids, URLs or enum values)."""
    for path, text in text_fields(data):
        names = [part for part in path if isinstance(part, str)]
        if names and names[-1] in _NOT_PROSE:
            continue
        if "portfolios" in names or "cites" in names or "themes" in names or "basis" in names:
            continue
        yield path, text


STALE_AFTER_DAYS = 180
"""A document dated this many days after the positions' peildatum gets a warning at build time."""


def reference_date(folder: Path, key: str = "peildatum") -> dt.date | None:
    """The ``peildatum`` (or another date ``key``, e.g. the document ``date``) of the positions in
    ``folder`` (None when missing or not a date).

    Reads only ``_algemeen.yaml``, so the quick no-change path of a build stays quick.
    """
    located = read_yaml(folder / GENERAL_FILE)
    if isinstance(located, Problem) or not isinstance(located.data, dict):
        return None
    value = located.data.get(key)
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def load_positions(folder: Path) -> Positions:
    """Read and check every position file in ``folder``; raise :class:`ProblemsError` with all problems."""
    problems: list[Problem] = []
    if not folder.is_dir():
        raise ProblemsError([Problem(display_path(folder), message="positions folder not found")])
    # hidden names are editors' lock and temporary files (``.#03-wonen.yaml``), never positions
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))
    if len(files) > MAX_FILES:
        raise ProblemsError([Problem(display_path(folder), message=f"holds more than {MAX_FILES} YAML files")])
    general_path = folder / GENERAL_FILE
    if not general_path.is_file():
        problems.append(Problem(display_path(general_path), message="missing: the analysis and the general reaction"))

    general: General | None = None
    themes: list[Theme] = []
    located_by_id: dict[str, Located] = {}
    theme_files: dict[str, Path] = {}
    for path in files:
        located = read_yaml(path)
        if isinstance(located, Problem):
            problems.append(located)
            continue
        if path.name == GENERAL_FILE:
            general, found = validate(General, located)
            located_by_id["_algemeen"] = located
        else:
            theme, found = validate(Theme, located)
            if theme is not None:
                if theme.id in located_by_id:
                    found.append(located.problem(("id",), f"theme id {theme.id!r} is also used by another file"))
                else:
                    themes.append(theme)
                    located_by_id[theme.id] = located
                    theme_files[theme.id] = path
        problems.extend(found)
    if not files:
        problems.append(Problem(display_path(folder), message="holds no position files (*.yaml)"))
    if problems or general is None:
        raise ProblemsError(problems)
    themes.sort(key=lambda theme: theme.chapter)
    positions = _index(general, themes, located_by_id, theme_files)
    cross = list(_cross_check(positions))
    if cross:
        raise ProblemsError(cross)
    return positions


def _index(general: General, themes: list[Theme], files: dict[str, Located], theme_files: dict[str, Path]) -> Positions:
    figures: dict[str, FigureUse] = {fig.id: FigureUse(fig, None, None) for fig in general.figures}
    sources: dict[str, Source] = {general.analysis.id: general.analysis}
    for theme in themes:
        for topic in theme.topics:
            for fig in topic.figures:
                figures.setdefault(fig.id, FigureUse(fig, theme, topic))
            for source in topic.sources:
                sources.setdefault(source.id, source)
    return Positions(general, themes, figures, sources, files, theme_files)


def _cross_check(positions: Positions) -> Iterator[Problem]:
    general_file = positions.files["_algemeen"]
    if positions.general.analysis.id != ANALYSIS_ID:
        yield general_file.problem(("analysis", "id"), f"the analysis must have id {ANALYSIS_ID!r}")
    theme_ids = {theme.id for theme in positions.themes}
    chapters: dict[int, str] = {}
    topic_ids: dict[str, str] = {}
    figure_ids: dict[str, str] = {fig.id: "_algemeen" for fig in positions.general.figures}
    source_ids: dict[str, str] = {ANALYSIS_ID: "_algemeen"}
    approvers = {approver.id for approver in positions.general.approvers}
    known = ", ".join(sorted(approvers)) or "none (add approvers to _algemeen.yaml)"
    if positions.general.approved_by and positions.general.approved_by not in approvers:
        message = f"unknown approver {positions.general.approved_by!r}; known: {known}"
        yield general_file.problem(("approved_by",), message)
    for index, section in enumerate(positions.general.reaction.sections):
        for t_index, theme_id in enumerate(section.themes):
            if theme_id not in theme_ids:
                yield general_file.problem(
                    ("reaction", "sections", index, "themes", t_index), f"unknown theme {theme_id!r}"
                )
    for theme in positions.themes:
        located = positions.files[theme.id]
        if theme.chapter in chapters:
            yield located.problem(
                ("chapter",), f"chapter {theme.chapter} is also used by theme {chapters[theme.chapter]!r}"
            )
        chapters[theme.chapter] = theme.id
        if theme.approved_by and theme.approved_by not in approvers:
            yield located.problem(("approved_by",), f"unknown approver {theme.approved_by!r}; known: {known}")
        for t_index, topic in enumerate(theme.topics):
            where: Path_ = ("topics", t_index)
            if topic.approved_by and topic.approved_by not in approvers:
                message = f"unknown approver {topic.approved_by!r}; known: {known}"
                yield located.problem((*where, "approved_by"), message)
            if topic.id in topic_ids:
                yield located.problem(
                    (*where, "id"), f"topic id {topic.id!r} is also used in theme {topic_ids[topic.id]!r}"
                )
            topic_ids[topic.id] = theme.id
            for f_index, fig in enumerate(topic.figures):
                if fig.id in figure_ids:
                    yield located.problem((*where, "figures", f_index, "id"), f"figure {fig.id!r} is defined twice")
                figure_ids[fig.id] = theme.id
            for s_index, source in enumerate(topic.sources):
                if source.id in source_ids:
                    yield located.problem(
                        (*where, "sources", s_index, "id"),
                        f"source {source.id!r} is defined twice; define it once and list it under cites",
                    )
                source_ids[source.id] = theme.id
            yield from _topic_refs(positions, located, where, topic)
    for located in positions.files.values():
        yield from marker_problems(positions, located)


def _topic_refs(positions: Positions, located: Located, where: Path_, topic: Topic) -> Iterator[Problem]:
    own = {source.id for source in topic.sources}
    for c_index, cited in enumerate(topic.cites):
        if cited not in positions.sources:
            yield located.problem((*where, "cites", c_index), f"unknown source {cited!r}")
    reachable = own | set(topic.cites) | {ANALYSIS_ID}
    for f_index, fig in enumerate(topic.figures):
        if fig.source not in reachable:
            yield located.problem(
                (*where, "figures", f_index, "source"),
                f"source {fig.source!r} is not a source of this topic (add it to sources or cites)",
            )


def marker_problems(positions: Positions, located: Located) -> Iterator[Problem]:
    for path, text in prose_fields(located.data):
        for match in FIGURE_MARKER.finditer(text):
            if match.group(1) not in positions.figures:
                yield located.problem(path, f"figure {match.group(1)!r} in {match.group()} is not defined")
        rest = FIGURE_MARKER.sub("", text)
        if _ANY_BRACE.search(rest):
            yield located.problem(path, "braces are only allowed in figure markers such as {fig:jeugd-bezuiniging}")
