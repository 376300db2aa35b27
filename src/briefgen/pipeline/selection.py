"""What the user asked to build (kept free of heavy imports: the no-op build reads it)."""

from __future__ import annotations

from dataclasses import dataclass

RENDERED_FORMATS = ("docx", "pdf")
"""Formats the renderers write."""
WEB_FORMATS = ("html", "woo")
"""Formats of the web publication, made from the same document model."""
FORMATS = RENDERED_FORMATS + WEB_FORMATS
"""Every format, in the order they are listed (the default of ``build --format``)."""
SUFFIXES = {"woo": "diwoo.xml"}
"""File suffix per format where it differs from the format name."""


def file_name(doc_id: str, fmt: str) -> str:
    """``briefing/wonen`` + ``woo`` → ``briefing/wonen.diwoo.xml``: where a format of a document is written."""
    return f"{doc_id}.{SUFFIXES.get(fmt, fmt)}"


@dataclass(frozen=True)
class Selection:
    """What the user asked to build."""

    kinds: tuple[str, ...] = ()
    theme: str | None = None
    portfolio: str | None = None
    formats: tuple[str, ...] = FORMATS

    @property
    def is_full(self) -> bool:
        """True when everything is built (no kind, theme or portfolio filter)."""
        return not self.kinds and self.theme is None and self.portfolio is None
