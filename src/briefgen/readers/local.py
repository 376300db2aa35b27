"""A municipality's validated overlay (read by :mod:`briefgen.readers.overlay`, held by the positions)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.readers.yamlfile import Located
from briefgen.schema.overlay import LocalFigure, LocalGeneral, LocalTheme, LocalTopic
from briefgen.schema.positions import Source


@dataclass(frozen=True)
class Overlay:
    """A validated overlay: local content per theme and topic, local sources and figures."""

    place: str
    """The municipality's short name, used in headings: ``Wat betekent dit voor Lindehoven?``."""
    general: LocalGeneral
    themes: dict[str, LocalTheme]
    sources: dict[str, Source]
    """Local sources by id."""
    folder: Path
    files: dict[str, Located] = field(default_factory=dict)

    def theme(self, theme_id: str) -> LocalTheme | None:
        """Local content of a theme."""
        return self.themes.get(theme_id)

    def topic(self, topic_id: str) -> LocalTopic | None:
        """Local content of a topic."""
        for theme in self.themes.values():
            for topic in theme.topics:
                if topic.id == topic_id:
                    return topic
        return None

    def figures(self) -> Iterator[LocalFigure]:
        """Every local figure."""
        yield from self.general.figures
        for theme in self.themes.values():
            for topic in theme.topics:
                yield from topic.figures
