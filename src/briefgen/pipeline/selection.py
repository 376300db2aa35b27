"""What the user asked to build (kept free of heavy imports: the no-op build reads it)."""

from __future__ import annotations

from dataclasses import dataclass

FORMATS = ("docx", "pdf", "html", "woo")
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
