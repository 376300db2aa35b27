"""The Jinja2 environment of the audience templates, and position text → safe HTML.

Every template is autoescaped, whatever its name (``select_autoescape`` would skip
``.html.j2``), and undefined names are errors that name the template and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from briefgen.content import dutch
from briefgen.readers.positions import FIGURE_MARKER
from briefgen.schema.positions import SCALE_FACTOR, Figure, FigureKind, Scale, Source

NBSP = "\u00a0"


@dataclass
class SourceNotes:
    """Numbers sources in order of first citation, for note references and the source list."""

    entries: list[Source] = field(default_factory=list)

    def number(self, source: Source) -> int:
        """The note number of ``source`` (assigned on first use)."""
        for index, known in enumerate(self.entries, start=1):
            if known.id == source.id:
                return index
        self.entries.append(source)
        return len(self.entries)

    def cite(self, sources: list[Source]) -> Markup:
        """Superscript note references for ``sources``."""
        numbers = sorted({self.number(source) for source in sources})
        return Markup("").join(Markup('<sup class="note">{}</sup>').format(n) for n in numbers)


def figure_value(fig: Figure) -> str:
    """A figure's value as it appears in running text and tables (``€ 1,1 miljard``, ``9,7%``)."""
    if fig.kind == FigureKind.money:
        return dutch.money(Decimal(str(fig.value)) * SCALE_FACTOR[fig.scale])
    if fig.kind == FigureKind.percent:
        return dutch.percent(fig.value)  # type: ignore[arg-type]
    if fig.kind == FigureKind.date:
        return dutch.date(fig.value)  # type: ignore[arg-type]
    if fig.kind == FigureKind.year:
        return str(fig.value)
    scaled = Decimal(str(fig.value)).normalize()
    word = "" if fig.scale == Scale.een else f" {fig.scale.value}"
    return f"{dutch.number(scaled)}{word}"


def figure_text(figure: Figure) -> str:
    """A figure as it appears inside a sentence: its value, never broken across lines."""
    return figure_value(figure).replace(" ", NBSP)


def position_text(text: str, figures: dict[str, Figure]) -> Markup:
    """Escape a position text and replace its ``{fig:ID}`` markers with formatted values."""
    parts: list[str] = []
    last = 0
    for match in FIGURE_MARKER.finditer(text):
        parts.append(str(escape(text[last : match.start()])))
        parts.append(str(escape(figure_text(figures[match.group(1)]))))
        last = match.end()
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))


def plain_position_text(text: str, figures: dict[str, Figure]) -> str:
    """A position text with markers replaced, as plain text (for metadata and checks)."""
    return FIGURE_MARKER.sub(lambda match: figure_text(figures[match.group(1)]), text)


_FIRST_LETTER = re.compile(r"^((?:<[^>]*>|[^\w<])*)(\w)")
"""The first letter, past leading punctuation and (in safe HTML) tags such as a claim's ``<span>``."""


def lower_first(text: str) -> str:
    """``Laat de eis vervallen`` → ``laat de eis vervallen`` (for use inside a sentence); keeps
    already-safe HTML safe."""
    result = _FIRST_LETTER.sub(lambda match: match.group(1) + match.group(2).lower(), str(text), count=1)
    return Markup(result) if isinstance(text, Markup) else result


def make_environment(template_dir: Path) -> jinja2.Environment:
    """The shared, sandbox-free but strict environment for the audience templates."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )
    env.filters["date"] = dutch.date
    env.filters["money"] = dutch.money
    env.filters["lower_first"] = lower_first
    return env
