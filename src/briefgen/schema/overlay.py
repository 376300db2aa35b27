"""Typed schema of a municipality's overlay: its own content on top of the shared positions.

An overlay folder holds ``_lokaal.yaml`` (local sources, the local kernboodschap of the whole
agreement, themes left out) and one file per theme it adds to, keyed by the theme and topic ids
of the shared positions. Local content never replaces shared text: it is shown beside it, under
headings that name the municipality, so readers can tell the two apart.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictStr

from briefgen.schema.positions import Approval, Figure, Fragment, Slug, Source, Stance, Strict, Text

LOCAL_FILE = "_lokaal.yaml"


class LocalSource(Source):
    """A local document; ``file`` names its text so that local claims are traced to it."""

    file: Annotated[StrictStr, Field(min_length=1, max_length=500)] | None = None
    """The document as plain text (UTF-8) or PDF, relative to the overlay folder."""


class LocalText(Strict):
    """A local paragraph in the municipality's own words, resting on a local document."""

    text: Text
    source: Slug
    """Id of a local source (``_lokaal.yaml``) or of a shared one."""
    basis: list[Fragment] = []
    """Passages copied exactly from that source, as evidence."""


class LocalFigure(Figure):
    """A local figure (e.g. the municipality's share of a cut): a figure with how it was derived."""

    derivation: Text
    """How the figure was derived, e.g. ``aandeel in de uitkering 2025 × landelijke korting``."""


class LocalStance(Strict):
    """The municipality's own stance on a topic, overriding the shared one."""

    stance: Stance
    reason: Text
    """Why the municipality differs from the shared stance (required)."""


class LocalAsk(Strict):
    """An extra ask of the municipality."""

    ask: Text
    why: Text
    source: Slug | None = None


class LocalTopic(Strict):
    """Local content for one topic of the shared positions."""

    id: Slug
    """Id of the shared topic."""
    betekenis: list[LocalText] = []
    """What the topic means for this municipality."""
    figures: list[LocalFigure] = []
    stance: LocalStance | None = None
    asks: list[LocalAsk] = []


class LocalTheme(Approval):
    """One overlay file: local content for one theme of the shared positions."""

    theme: Slug
    """Id of the shared theme."""
    kernboodschap: Text | None = None
    """The theme's most important consequence for this municipality, in one or two sentences."""
    omit_topics: list[Slug] = []
    """Topics of the theme this municipality leaves out of its documents."""
    topics: list[LocalTopic] = []


class LocalGeneral(Approval):
    """``_lokaal.yaml``: what holds for the whole overlay; its status is that of all local
    content (a theme file may set its own); ``approved_by`` is a person of the profile."""

    kernboodschap: Text | None = None
    """The municipality's kernboodschap on the whole agreement (the overall briefing's Kern)."""
    sources: list[LocalSource] = []
    """Local documents (begroting, raadsvoorstel …) that local texts and figures rest on."""
    omit_themes: list[Slug] = []
    """Themes this municipality leaves out of its documents."""
    figures: Annotated[list[LocalFigure], Field(max_length=200)] = []
    """Local figures that belong to no single topic."""
