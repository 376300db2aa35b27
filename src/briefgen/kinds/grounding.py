"""What an ask, risk or talking point rests on: the paragraphs of its topic whose basis it shares.

A memo shows only the first paragraphs of a topic's ``akkoord`` and ``betekenis``; an item that
speaks of something introduced further on would point at text the reader did not get. Two
claims share a basis when their source fragments share a run of :data:`RUN` words, so the
paragraphs an item rests on are found from the basis the positions already carry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from briefgen.schema.positions import Ask, Claim, Point, Topic

RUN = 5
"""Words in a row two basis fragments must share to rest on the same passage."""

_WORD = re.compile(r"\w+")


def _runs(fragments: Iterable[str]) -> set[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for fragment in fragments:
        words = _WORD.findall(fragment.lower())
        runs.update(tuple(words[i : i + RUN]) for i in range(max(0, len(words) - RUN + 1)))
    return runs


def rests_on(item: Ask | Claim, paragraph: Claim) -> bool:
    """True when ``item``'s basis shares a passage of the source with ``paragraph``'s basis."""
    return bool(_runs(item.basis) & _runs(paragraph.basis))


def bases(item: Ask | Claim, paragraphs: Sequence[Claim]) -> list[int]:
    """Indexes of the ``paragraphs`` that ``item`` rests on."""
    return [index for index, paragraph in enumerate(paragraphs) if rests_on(item, paragraph)]


def shown(paragraphs: Sequence[Claim], first: int | None, items: Iterable[Ask | Point]) -> list[Claim]:
    """The first ``first`` paragraphs (None: all), and every other one a shown item rests on, in order."""
    keep = set(range(len(paragraphs) if first is None else min(first, len(paragraphs))))
    for item in items:
        keep.update(bases(item, paragraphs))
    return [paragraph for index, paragraph in enumerate(paragraphs) if index in keep]


def topic_paragraphs(topic: Topic) -> list[Claim]:
    """Every paragraph of a topic that an item can rest on: ``akkoord``, then ``betekenis``."""
    return [*topic.akkoord, *topic.betekenis]


def told(item: Ask | Claim, paragraphs: Sequence[Claim], shown_paragraphs: Sequence[Claim]) -> bool:
    """True when ``item`` rests on no paragraph of ``paragraphs``, or on one that is shown."""
    found = bases(item, paragraphs)
    return not found or any(paragraphs[index] in shown_paragraphs for index in found)


def briefest_basis(item: Ask | Claim, paragraphs: Sequence[Claim]) -> Claim | None:
    """The shortest paragraph ``item`` rests on (None when it rests on none): enough to show."""
    found = [paragraphs[index] for index in bases(item, paragraphs)]
    return min(found, key=lambda paragraph: len(paragraph.text)) if found else None
