"""Build options that change what documents say (no heavy imports: the no-op build needs them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Options:
    """Build options that change what documents say."""

    date: dt.date
    """The document date: the date every document carries (see :func:`resolve_date`)."""
    date_source: str = "--date"
    """Where :attr:`date` comes from: ``--date``, ``profile``, ``positions`` or ``today`` (none set)."""
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


def resolve_date(options: Options, profile_date: dt.date | None, positions_date: dt.date | None) -> Options:
    """The options with the one document date: ``--date`` > the profile's ``date`` > the
    positions' ``date`` (``_algemeen.yaml``) > today (``date_source`` says which)."""
    if options.date_source != "today":
        return options
    if profile_date is not None:
        return replace(options, date=profile_date, date_source="profile")
    if positions_date is not None:
        return replace(options, date=positions_date, date_source="positions")
    return options
