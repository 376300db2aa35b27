"""What the user asked to build (kept free of heavy imports: the no-op build reads it)."""

from __future__ import annotations

from dataclasses import dataclass

FORMATS = ("docx", "pdf", "html", "woo")


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
