"""Typed schema of the position files in ``positions/``.

One YAML file per theme (a chapter of the analysis) plus ``_algemeen.yaml`` with the
analysis itself as a source and the director's general reaction.

Text fields may mention a figure as ``{fig:ID}``; the renderer replaces the marker with the
figure's formatted value, so a number is written once and reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictInt,
    StrictStr,
    ValidationInfo,
    field_validator,
    model_validator,
)

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[StrictStr, Field(pattern=SLUG_PATTERN, max_length=80)]
"""A lower-case id such as ``wonen`` or ``jeugd-bezuiniging``; also used in file names."""


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be empty")
    return text.strip()


Text = Annotated[StrictStr, AfterValidator(_not_blank)]
"""Plain Dutch text in our own words; may contain ``{fig:ID}`` markers."""


class Strict(BaseModel):
    """Base model: unknown fields are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Status(StrEnum):
    """How far a text is in its approval: only ``vastgesteld`` content reaches outside readers."""

    concept = "concept"
    ter_review = "ter-review"
    vastgesteld = "vastgesteld"

    @property
    def rank(self) -> int:
        """Order of the statuses: concept < ter-review < vastgesteld."""
        return list(Status).index(self)


class Approval(Strict):
    """Status fields of a theme, a topic, the general file or an overlay.

    ``status`` left out: a topic has its theme's status; a file (the general file, a theme file,
    an overlay file) is ``concept``. ``vastgesteld`` needs ``approved_by`` (an approver's id) and
    ``approved_on``. The fields are checked in this order so that an error points at ``status``."""

    approved_by: Annotated[StrictStr, Field(pattern=SLUG_PATTERN, max_length=80)] | None = None
    approved_on: dt.date | None = None
    status: Annotated[Status | None, Field(validate_default=True)] = None

    @field_validator("status")
    @classmethod
    def _approved(cls, status: Status | None, info: ValidationInfo) -> Status | None:
        if "approved_by" not in info.data or "approved_on" not in info.data:
            return status  # one of them is wrong itself (reported there)
        approved_by, approved_on = info.data["approved_by"], info.data["approved_on"]
        if status == Status.vastgesteld and (approved_by is None or approved_on is None):
            raise ValueError("status vastgesteld needs approved_by (who) and approved_on (YYYY-MM-DD)")
        if status != Status.vastgesteld and (approved_by or approved_on):
            raise ValueError("approved_by and approved_on belong to status vastgesteld")
        return status


class Stance(StrEnum):
    """The organisation's position on a topic."""

    steun = "steun"
    gemengd = "gemengd"
    zorg = "zorg"
    afwijzend = "afwijzend"
    neutraal = "neutraal"


class FigureKind(StrEnum):
    """What a figure measures; decides how it is formatted."""

    money = "money"  # euro amount: value × scale
    percent = "percent"
    count = "count"  # type: ignore[assignment]  # a number of things; the YAML value shadows str.count
    date = "date"  # a calendar date: value is YYYY-MM-DD
    year = "year"  # a calendar year: value is the year


class Effect(StrEnum):
    """What a money figure does to the budget: a cut, extra money, a cut that is dropped, or the size
    of a budget or fund (not a change)."""

    bezuiniging = "bezuiniging"
    investering = "investering"
    vervallen_bezuiniging = "vervallen-bezuiniging"
    budget = "budget"


class Scale(StrEnum):
    """Word scale of an amount, as written in Dutch."""

    een = "een"
    duizend = "duizend"
    miljoen = "miljoen"
    miljard = "miljard"


SCALE_FACTOR = {Scale.een: 1, Scale.duizend: 1_000, Scale.miljoen: 1_000_000, Scale.miljard: 1_000_000_000}


def _figure_value(value: object) -> int | float | dt.date:
    if isinstance(value, bool):
        raise ValueError(f"expected a number or a date, got {value!r}")
    if isinstance(value, (int, float, dt.date)):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a number (or a date as YYYY-MM-DD), got {value!r}")


FigureValue = Annotated[int | float | dt.date, PlainValidator(_figure_value)]


class Figure(Strict):
    """One number of the analysis, defined once with its source."""

    id: Slug
    label: Text
    kind: FigureKind
    value: FigureValue
    scale: Scale = Scale.een
    period: Text | None = None
    """When or over what time the figure applies, e.g. ``per jaar vanaf 2025``."""
    effect: Effect | None = None
    """For a money figure: cut, investment, dropped cut or budget; left out, no sign is shown."""
    source: Slug
    """Id of a source (of this topic, or ``analyse``)."""

    @model_validator(mode="after")
    def _value_fits_kind(self) -> Figure:
        is_date = isinstance(self.value, dt.date)
        if (self.kind == FigureKind.date) != is_date:
            wanted = "a date as YYYY-MM-DD" if self.kind == FigureKind.date else "a number"
            raise ValueError(f"value of a {self.kind.value} figure must be {wanted}, got {self.value!r}")
        if self.kind == FigureKind.year and not (isinstance(self.value, int) and 1900 <= self.value <= 2200):
            raise ValueError(f"value of a year figure must be a year such as 2026, got {self.value!r}")
        if self.effect is not None and self.kind != FigureKind.money:
            raise ValueError("effect only applies to money figures")
        if self.scale != Scale.een and self.kind not in (FigureKind.money, FigureKind.count):
            raise ValueError(f"scale {self.scale.value!r} only applies to money and count figures")
        return self

    @property
    def absolute(self) -> float:
        """The value as one number (euros for money), for comparing and summing."""
        if isinstance(self.value, dt.date):
            return float(self.value.toordinal())
        return float(self.value) * SCALE_FACTOR[self.scale]


class Source(Strict):
    """A document the position rests on."""

    id: Slug
    title: Text
    url: Annotated[StrictStr, Field(pattern=r"^https://[^\s<>\"']+$")] | None = None
    publisher: Text | None = None


Fragment = Annotated[StrictStr, AfterValidator(_not_blank), Field(max_length=400)]
"""A short passage copied exactly from the source text, as evidence for a claim."""


SentenceNumber = Annotated[StrictStr, Field(pattern=r"^[1-9][0-9]?$")]
"""The number of a sentence in its claim, 1 for the first (a YAML key ``2:`` is read as text)."""

Hedge = Text | dict[SentenceNumber, Text]
"""An accepted finding of the sentence check: ``{N: reason}`` per sentence number (1 = the first);
a plain reason holds for a claim of one sentence only."""


class Claim(Strict):
    """A text in our own words with the source fragments it rests on.

    In YAML a claim is either a plain string (no basis yet) or a mapping
    ``{text: …, basis: [fragment, …]}``.
    """

    text: Text
    basis: list[Fragment] = []
    """Fragments copied exactly from the source passage the text rests on (5–25 words each)."""
    hedge: Hedge | None = None
    """Why a sentence's plain wording is faithful although the check reports it (see :data:`Hedge`)."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: object) -> object:
        return {"text": value} if isinstance(value, str) else value

    def __str__(self) -> str:
        return self.text


class Point(Claim):
    """A risk or talking point: a claim that may name the portfolios it concerns."""

    portfolios: list[Slug] = []
    """Policy areas this point concerns; default: its topic's ``portfolios``."""


class Ask(Strict):
    """Something municipalities ask of the cabinet, with its justification and basis."""

    ask: Text
    why: Text
    portfolios: list[Slug] = []
    """Policy areas this ask concerns; default: its topic's ``portfolios``."""
    basis: list[Fragment] = []
    """Source fragments the ask and its justification rest on."""
    hedge: Hedge | None = None
    """Why a sentence's plain wording is faithful although the check reports it (see :data:`Hedge`)."""


class Topic(Approval):
    """One topic (paragraph heading) of a chapter of the analysis."""

    id: Slug
    title: Text
    """The topic heading exactly as in the analysis."""
    portfolios: Annotated[list[Slug], Field(min_length=1)]
    stance: Stance
    kernboodschap: Claim
    akkoord: Annotated[list[Claim], Field(min_length=1)]
    """What the agreement says: short paragraphs."""
    betekenis: Annotated[list[Claim], Field(min_length=1)]
    """What it means for municipalities: short paragraphs."""
    asks: list[Ask] = []
    risks: list[Point] = []
    talking_points: list[Point] = []
    figures: list[Figure] = []
    sources: list[Source] = []
    cites: list[Slug] = []
    """Ids of sources defined elsewhere (another topic, or ``analyse``) that this topic also uses."""

    def areas_of(self, item: Ask | Point) -> list[str]:
        """The policy areas an ask, risk or talking point concerns (its own, else the topic's)."""
        return item.portfolios or self.portfolios


class Theme(Approval):
    """A chapter of the analysis: one position file."""

    id: Slug
    chapter: Annotated[StrictInt, Field(ge=1, le=99)]
    title: Text
    """The chapter title exactly as in the analysis."""
    short_title: Text
    """A short name for headings and file names, e.g. ``Wonen en mobiliteit``."""
    summary: Claim
    findings: list[Claim] = []
    """General findings that hold for the whole chapter."""
    topics: Annotated[list[Topic], Field(min_length=1)]


class ReactionSection(Strict):
    """One theme of the director's general reaction."""

    heading: Text
    themes: list[Slug] = []
    text: Text
    basis: list[Fragment] = []
    """Source fragments the section's text rests on."""
    hedge: Hedge | None = None
    """Why a sentence's plain wording is faithful although the check reports it (see :data:`Hedge`)."""


class Reaction(Strict):
    """The director's general reaction to the agreement (used by the press statement)."""

    title: Text
    author: Text
    role: Text
    lead: Claim
    sections: Annotated[list[ReactionSection], Field(min_length=1)]
    quote: Text
    """A sentence of the reaction that may be quoted word for word."""
    closing: Claim


class Approver(Strict):
    """Someone who may approve the shared positions (``approved_by``)."""

    id: Slug
    name: Text
    role: Text


class General(Approval):
    """``_algemeen.yaml``: the analysis as a source, the agreement, the reaction."""

    approvers: list[Approver] = []
    """Who may approve the shared positions; an overlay is approved by a person of its profile."""

    analysis: Source
    """The analysis itself; its id must be ``analyse``."""
    agreement: Text
    """How the agreement is named in running text, e.g. ``het hoofdlijnenakkoord``."""
    peildatum: dt.date
    """The reference date of the positions: the state of affairs they describe. Every document
    shows it ("Stand van zaken"), and a build warns when documents are dated long after it."""
    date: dt.date | None = None
    """The date of the documents built from these positions (their publication date), unless
    ``--date`` or the profile's ``date`` sets another."""
    reaction: Reaction
    vervolg: Claim
    """What happens next with the agreement (the "Vervolg" of a briefing), with its basis."""
    figures: list[Figure] = []
