"""Read a municipality's overlay and apply it on top of the shared positions.

The shared :class:`Positions` object is never changed: applying an overlay gives a new one, so
one run can build many municipalities from one reading of ``positions/``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from briefgen.problems import Problem, ProblemsError, display_path
from briefgen.readers.local import Overlay
from briefgen.readers.positions import MAX_FILES, FigureUse, Positions, marker_problems
from briefgen.readers.validate import validate
from briefgen.readers.yamlfile import Located, Path_, read_yaml
from briefgen.schema.overlay import LOCAL_FILE, LocalAsk, LocalFigure, LocalGeneral, LocalText, LocalTheme, LocalTopic
from briefgen.schema.positions import Topic


def load_overlay(folder: Path, positions: Positions, place: str, people: frozenset[str] = frozenset()) -> Positions:
    """The positions with the overlay in ``folder`` applied; raise :class:`ProblemsError` with every problem.

    ``people``: ids of the profile's people, who may approve the overlay (``approved_by``)."""
    if not folder.is_dir():
        raise ProblemsError([Problem(display_path(folder), message="overlay folder not found")])
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))
    if len(files) > MAX_FILES:
        raise ProblemsError([Problem(display_path(folder), message=f"holds more than {MAX_FILES} YAML files")])
    problems: list[Problem] = []
    general = LocalGeneral()
    themes: dict[str, LocalTheme] = {}
    located_files: dict[str, Located] = {}
    for path in files:
        located = read_yaml(path)
        if isinstance(located, Problem):
            problems.append(located)
            continue
        if path.name == LOCAL_FILE:
            found_general, found = validate(LocalGeneral, located)
            if found_general is not None:
                general = found_general
                located_files[LOCAL_FILE] = located
        else:
            theme, found = validate(LocalTheme, located)
            if theme is not None:
                if theme.theme in themes:
                    found.append(located.problem(("theme",), f"theme {theme.theme!r} already has an overlay file"))
                else:
                    themes[theme.theme] = theme
                    located_files[theme.theme] = located
        problems.extend(found)
    if problems:
        raise ProblemsError(problems)
    overlay = Overlay(place, general, themes, {source.id: source for source in general.sources}, folder, located_files)
    problems = list(_cross_check(overlay, positions))
    problems += _approvers(overlay, people)
    if problems:
        raise ProblemsError(problems)
    applied = _apply(overlay, positions)
    markers = [problem for located in located_files.values() for problem in marker_problems(applied, located)]
    if markers:
        raise ProblemsError(markers)
    return applied


def _approvers(overlay: Overlay, people: frozenset[str]) -> list[Problem]:
    """An overlay is approved by a person of its profile."""
    known = ", ".join(sorted(people))
    found = []
    approvals = [(LOCAL_FILE, overlay.general), *overlay.themes.items()]
    for key, approval in approvals:
        if approval.approved_by and approval.approved_by not in people and key in overlay.files:
            message = f"unknown person {approval.approved_by!r} of the profile; known: {known}"
            found.append(overlay.files[key].problem(("approved_by",), message))
    return found


def _cross_check(overlay: Overlay, positions: Positions) -> Iterator[Problem]:
    theme_ids = [theme.id for theme in positions.themes]
    general_file = overlay.files.get(LOCAL_FILE)
    for index, source in enumerate(overlay.general.sources):
        if source.id in positions.sources and general_file:
            yield general_file.problem(
                ("sources", index, "id"), f"source {source.id!r} is also a shared source; give the local one its own id"
            )
    for index, theme_id in enumerate(overlay.general.omit_themes):
        if theme_id not in theme_ids and general_file:
            yield general_file.problem(("omit_themes", index), _unknown("theme", theme_id, theme_ids))
    if general_file and set(theme_ids) <= set(overlay.general.omit_themes):
        yield general_file.problem(("omit_themes",), "leaves out every theme; nothing would be built")
    sources = set(positions.sources) | set(overlay.sources)
    shared_figures = positions.figures
    local_figures: dict[str, str] = {}
    for f_index, fig in enumerate(overlay.general.figures):
        if general_file:
            yield from _figure(general_file, ("figures", f_index), fig, shared_figures, local_figures, sources)
    for theme_id, local in overlay.themes.items():
        located = overlay.files[theme_id]
        if theme_id not in theme_ids:
            yield located.problem(("theme",), _unknown("theme", theme_id, theme_ids))
            continue
        if theme_id in overlay.general.omit_themes:
            yield located.problem(("theme",), f"theme {theme_id!r} is left out under omit_themes in {LOCAL_FILE}")
        topics = {topic.id: topic for topic in positions.theme(theme_id).topics}
        for index, topic_id in enumerate(local.omit_topics):
            if topic_id not in topics:
                yield located.problem(("omit_topics", index), _unknown("topic", topic_id, list(topics)))
        if set(topics) <= set(local.omit_topics):
            yield located.problem(
                ("omit_topics",), f"leaves out every topic; list the theme under omit_themes in {LOCAL_FILE}"
            )
        seen: set[str] = set()
        for t_index, topic in enumerate(local.topics):
            where: Path_ = ("topics", t_index)
            if topic.id not in topics:
                yield located.problem((*where, "id"), _unknown("topic", topic.id, list(topics)))
                continue
            if topic.id in seen:
                yield located.problem((*where, "id"), f"topic {topic.id!r} appears twice in this file")
            seen.add(topic.id)
            if topic.id in local.omit_topics:
                yield located.problem((*where, "id"), f"topic {topic.id!r} is left out under omit_topics")
            yield from _topic(located, where, topic, topics[topic.id], shared_figures, local_figures, sources)


def _topic(
    located: Located,
    where: Path_,
    local: LocalTopic,
    shared: Topic,
    shared_figures: dict[str, FigureUse],
    local_figures: dict[str, str],
    sources: set[str],
) -> Iterator[Problem]:
    if local.stance is not None and local.stance.stance == shared.stance:
        yield located.problem(
            (*where, "stance", "stance"), f"equals the shared stance ({shared.stance.value}); leave it out"
        )
    items: list[tuple[Path_, LocalText | LocalAsk]] = [
        *(((*where, "betekenis", index), text) for index, text in enumerate(local.betekenis)),
        *(((*where, "asks", index), ask) for index, ask in enumerate(local.asks)),
    ]
    for path, item in items:
        if item.source is not None and item.source not in sources:
            yield located.problem((*path, "source"), _unknown("source", item.source, sorted(sources)))
    for f_index, fig in enumerate(local.figures):
        yield from _figure(located, (*where, "figures", f_index), fig, shared_figures, local_figures, sources)


def _figure(
    located: Located,
    path: Path_,
    fig: LocalFigure,
    shared_figures: dict[str, FigureUse],
    local_figures: dict[str, str],
    sources: set[str],
) -> Iterator[Problem]:
    if fig.id in shared_figures:
        yield located.problem(
            (*path, "id"), f"figure {fig.id!r} is also a shared figure; give the local figure its own id"
        )
    elif fig.id in local_figures:
        yield located.problem((*path, "id"), f"figure {fig.id!r} is defined twice (also in {local_figures[fig.id]})")
    local_figures[fig.id] = display_path(Path(located.file))
    if fig.source not in sources:
        yield located.problem((*path, "source"), _unknown("source", fig.source, sorted(sources)))


def _unknown(what: str, value: str, known: list[str]) -> str:
    shown = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
    return f"unknown {what} {value!r}; known: {shown}"


def _apply(overlay: Overlay, positions: Positions) -> Positions:
    """A new Positions: left-out themes and topics dropped, local figures and sources added."""
    themes = []
    for theme in positions.themes:
        if theme.id in overlay.general.omit_themes:
            continue
        local = overlay.theme(theme.id)
        if local and local.omit_topics:
            theme = theme.model_copy(update={"topics": [t for t in theme.topics if t.id not in local.omit_topics]})
        themes.append(theme)
    figures = dict(positions.figures)
    for fig in overlay.general.figures:
        figures[fig.id] = FigureUse(fig, None, None, local=True)
    for theme in themes:
        local = overlay.theme(theme.id)
        for topic in theme.topics:
            local_topic = local and next((t for t in local.topics if t.id == topic.id), None)
            for fig in local_topic.figures if local_topic else []:
                figures[fig.id] = FigureUse(fig, theme, topic, local=True)
    sources = {**positions.sources, **overlay.sources}
    return dataclasses.replace(positions, themes=themes, figures=figures, sources=sources, local=overlay)
