"""Relative time words that go stale: *dit jaar* in a document read two years later is wrong.

Positions should name absolute dates (``in 2024``) or neutral wording; each document shows the
reference date of the positions ("Stand van zaken"). Basis fragments are exempt: they are the
source's own words.
"""

from __future__ import annotations

import re

RELATIVE_TIME = re.compile(
    r"\b(?:(?:eerder |later |begin |eind )?(?:dit|volgend|vorig|afgelopen|komend) jaar"
    r"|(?:deze|volgende|vorige) (?:week|maand)|kort geleden|onlangs|binnenkort|recente?"
    r"|vandaag|gisteren|morgen|ligt er)\b",
    re.IGNORECASE,
)
"""Word groups whose meaning depends on the day a document is read."""


def relative_time_words(text: str) -> list[str]:
    """The relative time words in ``text``, as written."""
    return [match.group() for match in RELATIVE_TIME.finditer(text)]
