"""What every PDF engine shares: the rendered file, the render error, the generator's name and
the moment a document is stamped with. Light on purpose: importing it loads no engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefgen import __version__

GENERATOR = f"briefgen {__version__}"


def pdf_timestamp(day: dt.date) -> dt.datetime:
    """The moment a document dated ``day`` is stamped with (midnight UTC, so it is stable)."""
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)


@dataclass(frozen=True)
class RenderedPdf:
    """A finished PDF file and its page count."""

    data: bytes
    pages: int


class PdfRenderError(RuntimeError):
    """The document could not be rendered (e.g. an asset was refused or is missing)."""
