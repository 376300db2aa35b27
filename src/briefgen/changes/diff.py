"""What changed in meaning between two versions of the positions, theme by theme, topic by topic.

Items are matched by id (themes, topics, figures, sources) and, where they have none (asks,
paragraphs), by text: equal texts are unchanged wherever they moved; the remaining ones are
paired by similarity (reworded) or reported as added or removed. An id that disappears while an
item with the same content appears under another id is reported as a rename.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from briefgen.content.templating import figure_value, plain_position_text
from briefgen.kinds.base import STANCE_LABELS
from briefgen.readers.positions import Positions
from briefgen.schema.positions import Figure, Source, Status, Theme, Topic

SIMILAR = 0.5
"""Two texts at least this similar (difflib ratio of their words) are one text reworded."""
PARAGRAPH_FIELDS = {
    "akkoord": "what the agreement says",
    "betekenis": "what it means",
    "risks": "risk",
    "talking_points": "talking point",
}


@dataclass(frozen=True)
class Change:
    """One change in meaning."""

    theme: str
    """Theme id (the new one when renamed)."""
    topic: str | None
    what: str
    """``theme``, ``topic``, ``status``, ``stance``, ``figure``, ``ask``, ``paragraph``, ``source``, ``title``."""
    action: str
    """``added``, ``removed``, ``changed``, ``reworded`` or ``renamed``."""
    label: str = ""
    """What the item is, for readers: a figure's label, a field name."""
    old: str = ""
    new: str = ""
    words: tuple[tuple[str, str], ...] = field(default=())
    """Word-level diff of a reworded text: ("=", kept), ("-", deleted), ("+", inserted)."""

    def as_dict(self) -> dict[str, Any]:
        """The change as JSON data."""
        data: dict[str, Any] = {
            "theme": self.theme,
            "topic": self.topic,
            "what": self.what,
            "action": self.action,
            "label": self.label,
            "old": self.old,
            "new": self.new,
        }
        if self.words:
            data["words"] = [list(word) for word in self.words]
        return data


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """``old`` → ``new`` word by word: runs of kept, deleted and inserted words."""
    a, b = old.split(), new.split()
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", " ".join(b[j1:j2])))
    return tuple(ops)


def similarity(old: str, new: str) -> float:
    """How alike two texts are, word by word (0–1)."""
    return difflib.SequenceMatcher(a=old.split(), b=new.split(), autojunk=False).ratio()


def pair_texts(old: Sequence[str], new: Sequence[str]) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """(reworded pairs, removed, added): equal texts match wherever they are; then the most
    similar remaining pairs above :data:`SIMILAR`."""
    old_left, new_left = list(old), list(new)
    for text in list(old_left):
        if text in new_left:
            old_left.remove(text)
            new_left.remove(text)
    candidates = sorted(
        ((similarity(a, b), i, j) for i, a in enumerate(old_left) for j, b in enumerate(new_left)), reverse=True
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for score, i, j in candidates:
        if score < SIMILAR or i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j))
    pairs.sort()
    reworded = [(old_left[i], new_left[j]) for i, j in pairs]
    removed = [text for i, text in enumerate(old_left) if i not in used_old]
    added = [text for j, text in enumerate(new_left) if j not in used_new]
    return reworded, removed, added


@dataclass
class _Side:
    """One version, with its figures for writing texts out."""

    positions: Positions

    @cached_property
    def figures(self) -> dict[str, Figure]:
        return {fig_id: use.figure for fig_id, use in self.positions.figures.items()}

    def text(self, text: object) -> str:
        return " ".join(plain_position_text(str(text), self.figures).split())

    def theme_status(self, theme: Theme) -> Status:
        return theme.status or self.positions.general.status or Status.concept

    def topic_status(self, theme: Theme, topic: Topic) -> Status:
        return topic.status or self.theme_status(theme)


def diff_positions(old: Positions, new: Positions) -> list[Change]:
    """Every change in meaning from ``old`` to ``new``, in the order of the new chapters."""
    before, after = _Side(old), _Side(new)
    changes: list[Change] = []
    old_themes = {theme.id: theme for theme in old.themes}
    new_themes = {theme.id: theme for theme in new.themes}
    renamed = _renames(
        old_themes, new_themes, lambda a, b: a.chapter == b.chapter or similarity(a.title, b.title) > 0.8
    )
    for new_id, theme in new_themes.items():
        old_id = renamed.get(new_id, new_id)
        if old_id not in old_themes:
            changes.append(Change(new_id, None, "theme", "added", theme.short_title, new=after.text(theme.summary)))
            continue
        if old_id != new_id:
            changes.append(Change(new_id, None, "theme", "renamed", theme.short_title, old=old_id, new=new_id))
        changes.extend(_theme(before, after, old_themes[old_id], theme))
    for old_id, theme in old_themes.items():
        if old_id not in new_themes and old_id not in renamed.values():
            changes.append(Change(old_id, None, "theme", "removed", theme.short_title, old=before.text(theme.summary)))
    return changes


def _renames(old: dict[str, Any], new: dict[str, Any], same: Callable[[Any, Any], bool]) -> dict[str, str]:
    """New id → old id for items whose id changed while their content stayed recognisable."""
    gone = [key for key in old if key not in new]
    came = [key for key in new if key not in old]
    found: dict[str, str] = {}
    for new_id in came:
        match = next(
            (old_id for old_id in gone if old_id not in found.values() and same(old[old_id], new[new_id])), None
        )
        if match is not None:
            found[new_id] = match
    return found


def _theme(before: _Side, after: _Side, old: Theme, new: Theme) -> Iterator[Change]:
    if before.theme_status(old) != after.theme_status(new):
        yield Change(
            new.id, None, "status", "changed", new.short_title, before.theme_status(old), after.theme_status(new)
        )
    yield from _texts(before, after, new.id, None, "paragraph", "summary", [old.summary], [new.summary])
    yield from _texts(before, after, new.id, None, "paragraph", "finding", old.findings, new.findings)
    old_topics = {topic.id: topic for topic in old.topics}
    new_topics = {topic.id: topic for topic in new.topics}
    renamed = _renames(
        old_topics,
        new_topics,
        lambda a, b: a.title == b.title or similarity(a.kernboodschap.text, b.kernboodschap.text) > 0.8,
    )
    for new_id, topic in new_topics.items():
        old_id = renamed.get(new_id, new_id)
        if old_id not in old_topics:
            yield Change(new.id, new_id, "topic", "added", topic.title, new=after.text(topic.kernboodschap))
            continue
        if old_id != new_id:
            yield Change(new.id, new_id, "topic", "renamed", topic.title, old=old_id, new=new_id)
        yield from _topic(before, after, new, old_topics[old_id], topic, (old, new))
    for old_id, topic in old_topics.items():
        if old_id not in new_topics and old_id not in renamed.values():
            yield Change(new.id, old_id, "topic", "removed", topic.title, old=before.text(topic.kernboodschap))


def _topic(
    before: _Side, after: _Side, theme: Theme, old: Topic, new: Topic, themes: tuple[Theme, Theme]
) -> Iterator[Change]:
    where = (theme.id, new.id)
    old_status, new_status = before.topic_status(themes[0], old), after.topic_status(themes[1], new)
    if old_status != new_status and (old.status or new.status):
        yield Change(*where, "status", "changed", new.title, old_status, new_status)
    if old.title != new.title:
        yield Change(*where, "title", "changed", "title", old.title, new.title)
    if old.stance != new.stance:
        yield Change(*where, "stance", "changed", new.title, STANCE_LABELS[old.stance], STANCE_LABELS[new.stance])
    yield from _texts(before, after, *where, "paragraph", "kernboodschap", [old.kernboodschap], [new.kernboodschap])
    for name, label in PARAGRAPH_FIELDS.items():
        yield from _texts(before, after, *where, "paragraph", label, getattr(old, name), getattr(new, name))
    yield from _texts(
        before,
        after,
        *where,
        "ask",
        "ask",
        [f"{ask.ask} {ask.why}" for ask in old.asks],
        [f"{ask.ask} {ask.why}" for ask in new.asks],
    )
    yield from _figures(before, after, where, old.figures, new.figures)
    yield from _sources(where, old.sources, new.sources)


def _texts(
    before: _Side,
    after: _Side,
    theme: str,
    topic: str | None,
    what: str,
    label: str,
    old: Sequence[object],
    new: Sequence[object],
) -> Iterator[Change]:
    """Texts are compared as written (a changed figure is reported once, as a figure, not in
    every text that mentions it) and shown with their figures filled in."""
    raw_old = [" ".join(str(text).split()) for text in old]
    raw_new = [" ".join(str(text).split()) for text in new]
    reworded, removed, added = pair_texts(raw_old, raw_new)
    for a, b in reworded:
        shown_old, shown_new = before.text(a), after.text(b)
        if shown_old == shown_new:  # only a figure's id changed: reported once, as the figure's rename
            continue
        yield Change(theme, topic, what, "reworded", label, shown_old, shown_new, word_diff(shown_old, shown_new))
    for text in removed:
        yield Change(theme, topic, what, "removed", label, old=before.text(text))
    for text in added:
        yield Change(theme, topic, what, "added", label, new=after.text(text))


def _figures(
    before: _Side, after: _Side, where: tuple[str, str], old: list[Figure], new: list[Figure]
) -> Iterator[Change]:
    old_by_id = {fig.id: fig for fig in old}
    new_by_id = {fig.id: fig for fig in new}
    renamed = _renames(old_by_id, new_by_id, lambda a, b: a.label == b.label)
    for new_id, fig in new_by_id.items():
        old_id = renamed.get(new_id, new_id)
        label = after.text(fig.label)
        previous = old_by_id.get(old_id)
        if previous is None:
            yield Change(*where, "figure", "added", label, new=_shown(fig))
            continue
        if old_id != new_id:
            yield Change(*where, "figure", "renamed", label, old=old_id, new=new_id)
        if _shown(previous) != _shown(fig):
            yield Change(*where, "figure", "changed", label, _shown(previous), _shown(fig))
    for old_id, fig in old_by_id.items():
        if old_id not in new_by_id and old_id not in renamed.values():
            yield Change(*where, "figure", "removed", before.text(fig.label), old=_shown(fig))


def _shown(fig: Figure) -> str:
    """A figure as readers see it, with its period: ``€ 1,5 miljard (per jaar)``."""
    value = figure_value(fig).replace("\u00a0", " ")
    return f"{value} ({fig.period})" if fig.period else value


def _sources(where: tuple[str, str], old: list[Source], new: list[Source]) -> Iterator[Change]:
    old_by_id = {source.id: source for source in old}
    new_by_id = {source.id: source for source in new}
    for source_id, source in new_by_id.items():
        if source_id not in old_by_id:
            yield Change(*where, "source", "added", source.title, new=source.url or source.title)
        elif old_by_id[source_id].title != source.title or old_by_id[source_id].url != source.url:
            previous = old_by_id[source_id]
            yield Change(*where, "source", "changed", source.title, previous.url or previous.title, source.url or "")
    for source_id, source in old_by_id.items():
        if source_id not in new_by_id:
            yield Change(*where, "source", "removed", source.title, old=source.url or source.title)


def titles(*versions: Positions) -> dict[str, str]:
    """Theme and topic id → the title readers know (the later version wins)."""
    found: dict[str, str] = {}
    for positions in versions:
        for theme in positions.themes:
            found[theme.id] = theme.short_title
            found.update({topic.id: topic.title for topic in theme.topics})
    return found
