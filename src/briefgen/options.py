"""Build options that change what documents say (no heavy imports: the no-op build needs them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    """Build options that change what documents say."""

    date: dt.date
    embargo: dt.datetime | None = None
    embargo_reason: str = ""
    base_url: str | None = None
    """Where ``out/`` is published (``https://…``); with it the build writes ``sitemap.xml``."""
    changes_since: str | None = None
    """A git revision (or folder) of the positions: build a change document per changed theme."""
    concept: bool = False
    """Build press statements and letters with content that is not vastgesteld, marked as concepts."""


PDF_ENGINES = ("weasyprint", "typst")
"""The PDF engines: WeasyPrint (the default) and Typst; both render the same model to PDF/UA-1 + PDF/A-2a."""
DEFAULT_PDF_ENGINE = "weasyprint"
