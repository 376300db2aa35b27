"""Nothing points at text the reader did not get: an ask, risk or talking point a document shows
must not rest only on paragraphs of its topic that the document leaves out."""

from __future__ import annotations

from collections.abc import Iterator

from briefgen.content import model as m
from briefgen.content.templating import plain_position_text
from briefgen.content.text import document_units
from briefgen.kinds import grounding
from briefgen.schema.positions import Figure, Topic

CHECKED_KINDS = ("memo",)
"""Kinds that show a selection of a topic's paragraphs beside its asks, risks or talking points
(a briefing shows none of these; a letter's asks stand alone, each with its justification, for a
reader who knows the agreement)."""


def _key(text: str) -> str:
    return " ".join(text.split())


def problems(document: m.Document, topics: list[Topic], figures: dict[str, Figure]) -> Iterator[str]:
    """Items of ``topics`` shown in ``document`` whose basis lies only in paragraphs it does not show."""
    shown = _key(" ".join(unit.text() for unit in document_units(document)))

    def has(text: str) -> bool:
        return _key(plain_position_text(text, figures)) in shown

    for topic in topics:
        paragraphs = grounding.topic_paragraphs(topic)
        visible = [paragraph for paragraph in paragraphs if has(paragraph.text)]
        items = [(ask.ask, ask) for ask in topic.asks] + [(p.text, p) for p in [*topic.risks, *topic.talking_points]]
        for text, item in items:
            if not has(text):
                continue
            if not grounding.told(item, paragraphs, visible):
                yield f"{topic.id}: {text[:60]!r} rests on paragraphs of the topic that the document does not show"
