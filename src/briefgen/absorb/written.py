"""A claim's text as the document shows it → as the YAML writes it: figure values back to their
``{fig:ID}`` markers, the first letter as written, spaces as typed."""

from __future__ import annotations

import re

from briefgen.readers.positions import FIGURE_MARKER

NBSP = "\u00a0"
_SPACES = re.compile(r"[ \t\n\r\u00a0]+")


class FigureEdited(ValueError):
    """The edited text no longer shows a figure's value as built: the figure must change in the YAML."""

    def __init__(self, figure: str, value: str) -> None:
        super().__init__(
            f"the amount {value.replace(NBSP, ' ')!r} of figure {figure!r} was changed or removed in the text; "
            f"change the figure under figures: (id {figure}) or remove {{fig:{figure}}} in the YAML"
        )
        self.figure = figure


def _values(shown: str, written: str) -> list[tuple[str, str]]:
    """(figure id, value as shown) for each marker of ``written``, read from ``shown``."""
    parts = FIGURE_MARKER.split(written)
    literals, ids = parts[0::2], parts[1::2]
    if not ids:
        return []
    found: list[tuple[str, str]] = []
    position = len(literals[0])
    for index, figure in enumerate(ids):
        following = literals[index + 1]
        if following:
            end = shown.find(following, position)
            end = len(shown) if end < 0 else end
        else:
            end = len(shown) if index == len(ids) - 1 else position
        found.append((figure, shown[position:end]))
        position = end + len(following)
    return found


def written_text(shown_before: str, written_before: str, shown_after: str) -> str:
    """The YAML text for ``shown_after``, given how ``written_before`` was shown.

    Raises :class:`FigureEdited` when a figure value that was shown is no longer there.
    """
    text = _SPACES.sub(" ", shown_after.replace(NBSP, " ")).strip()
    position = 0
    pieces: list[str] = []
    for figure, value in _values(shown_before, written_before):
        plain = _SPACES.sub(" ", value.replace(NBSP, " ")).strip()
        start = text.find(plain, position) if plain else -1
        if start < 0:
            raise FigureEdited(figure, value)
        pieces.append(text[position:start])
        pieces.append(f"{{fig:{figure}}}")
        position = start + len(plain)
    pieces.append(text[position:])
    result = "".join(pieces)
    if (
        result
        and shown_before
        and written_before
        and shown_before[0] != written_before[0]
        and shown_before[0] == written_before[0].lower()
        and result[0] == result[0].lower()
    ):
        result = result[0].upper() + result[1:]  # the document lowered the first letter
    return result
