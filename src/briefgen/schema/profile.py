"""Typed schema of a profile (``briefgen.yaml``): who sends the documents, to whom, and how
they are numbered. Everything an organisation changes lives here, never in code."""

from __future__ import annotations

import datetime as dt
import string
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from briefgen.schema.positions import Slug, Strict, Text

Email = Annotated[StrictStr, Field(pattern=r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}$")]
Url = Annotated[StrictStr, Field(pattern=r"^https://[^\s<>\"']+$")]
Number = StrictInt | StrictFloat

NUMBER_FIELDS = {"year", "yy", "seq", "theme", "portfolio", "org"}


def _number_pattern(pattern: str) -> str:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as error:
        raise ValueError(f"not a valid pattern: {error}") from None
    unknown = names - NUMBER_FIELDS
    if unknown:
        raise ValueError(f"unknown placeholder {{{sorted(unknown)[0]}}}; use {', '.join(sorted(NUMBER_FIELDS))}")
    if "seq" not in names and "theme" not in names and "portfolio" not in names:
        raise ValueError("needs {seq}, {theme} or {portfolio} so that every document gets its own number")
    return pattern


NumberPattern = Annotated[StrictStr, AfterValidator(_number_pattern)]


class Person(Strict):
    """Someone who signs, holds a portfolio, speaks to the press or handles a file."""

    id: Slug
    name: Text | None = None
    """Full name; may be left out when only the role is known (``role`` is shown instead)."""
    role: Text
    """Function, lower case as in running text: ``wethouder Wonen``, ``algemeen directeur``."""
    email: Email | None = None
    phone: Text | None = None


TOOI_KINDS = {"gm": "gemeente", "pv": "provincie", "ws": "waterschap"}
"""The organisation kind of each kind of TOOI code."""


def _tooi_code(code: str) -> str:
    from briefgen.publish import TOOI_CODE, organisation_label

    if not TOOI_CODE.fullmatch(code):
        raise ValueError(f"{code!r} is not a TOOI code such as gm0363 (gemeente), pv27 or ws0155")
    if organisation_label(code) is None:
        raise ValueError(f"{code!r} is not in the TOOI list of organisations")
    return code


class OrganisationKind(StrEnum):
    """What the sender is; decides genre and voice of its documents (see :mod:`briefgen.kinds.genre`)."""

    gemeente = "gemeente"
    provincie = "provincie"
    waterschap = "waterschap"
    vereniging = "vereniging"
    """An association of members (such as the VNG): it writes ledenbrieven, not raadsinformatiebrieven."""


class Organisation(Strict):
    """The sender."""

    name: Text
    short_name: Text
    kind: OrganisationKind = OrganisationKind.gemeente
    """Decides the genre and voice of every document (who speaks, to whom, how it is signed)."""
    about: Text | None = None
    """Two or three sentences about the organisation: the press statement's ``Over …`` paragraph."""
    place: Text | None = None
    """Place of the press statement's dateline (default: ``short_name``)."""
    visit_address: list[Text] = []
    postal_address: Annotated[list[Text], Field(min_length=1)]
    phone: Text
    email: Email
    website: Url
    logo: Text = "logo.svg"
    """File name under the house-style folder."""
    logo_alt: Text
    tooi: Annotated[StrictStr, AfterValidator(_tooi_code)] | None = None
    """Official identifier (TOOI) of a gemeente, provincie or waterschap, e.g. ``gm0363``."""

    @field_validator("tooi")
    @classmethod
    def _tooi_of_kind(cls, tooi: str | None, info: ValidationInfo) -> str | None:
        """The code's kind (gm… gemeente, pv… provincie, ws… waterschap) is the organisation's."""
        kind = info.data.get("kind")
        owner = TOOI_KINDS.get(tooi[:2]) if tooi else None
        if tooi and kind is not None and owner != kind:
            raise ValueError(
                f"{tooi!r} is the code of a {owner}, but kind is {str(kind)!r}: the code must be of the "
                "organisation's own kind (gm… gemeente, pv… provincie, ws… waterschap)"
            )
        return tooi


DOCUMENT_KINDS = ("briefing", "memo", "letter", "press", "changes")


def _value_map(list_name: str) -> object:
    def check(values: dict[str, str]) -> dict[str, str]:
        from briefgen.publish import label

        for kind, code in values.items():
            if kind not in DOCUMENT_KINDS:
                raise ValueError(f"unknown document kind {kind!r}; valid: {', '.join(DOCUMENT_KINDS)}")
            if label(list_name, code) is None:
                raise ValueError(f"{code!r} ({kind}) is not in the DiWoo list of {list_name} values")
        return values

    return AfterValidator(check)


class PublicationSettings(Strict):
    """How documents are published under the Woo (DiWoo metadata); defaults per kind in the README."""

    categories: Annotated[dict[str, StrictStr], _value_map("informatiecategorie")] = {}
    """Document kind → Woo information category (``c_…`` code or TOOI URI)."""
    document_kinds: Annotated[dict[str, StrictStr], _value_map("documentsoort")] = {}
    """Document kind → DiWoo document kind (``c_…`` code or TOOI URI)."""


class Portfolio(Strict):
    """A portefeuille: a bundle of policy areas held by one person."""

    id: Slug
    title: Text
    holder: Slug
    """Id of a person."""
    covers: list[Slug] = []
    """Policy-area ids (the ``portfolios`` of topics) this portfolio takes; default: its own id."""
    themes: list[Slug] = []
    """Whole themes this portfolio takes in addition to ``covers``."""
    department: Text | None = None

    def areas(self) -> list[str]:
        """Policy areas this portfolio covers."""
        return self.covers or [self.id]


class AddresseeKind(StrEnum):
    """Who a letter speaks to; decides the salutation and how the asks are framed."""

    kabinet = "kabinet"
    """The cabinet as a whole: the asks are addressed to it directly."""
    minister_president = "minister-president"
    """The minister-president (for the cabinet)."""
    minister = "minister"
    """A minister: the asks are addressed to them directly."""
    staatssecretaris = "staatssecretaris"
    """A state secretary: the asks are addressed to them directly."""
    commissie = "commissie"
    """A committee of the Tweede Kamer: it is asked to press the cabinet."""
    overig = "overig"
    """Anyone else (a province, another association): asked to support the asks to the cabinet."""


class Addressee(Strict):
    """A recipient of lobby letters."""

    id: Slug
    kind: AddresseeKind
    """``kabinet`` (cabinet or minister), ``commissie`` (Tweede Kamer committee) or ``overig``."""
    lines: Annotated[list[Text], Field(min_length=2)]
    """Address block, one line each."""
    salutation: Text | None = None
    """Default from ``kind``: ``Geachte minister-president,``, ``Geachte minister,``, ``Geachte
    staatssecretaris,``, ``Geachte leden van het kabinet,``, and for a committee ``Geachte leden
    van de vaste commissie voor …,`` (from the address line ``vaste commissie voor …``)."""
    occasion: Text | None = None
    """Opening sentence naming the occasion; default: the debate (``debate``), else the agreement."""
    debate: Text | None = None
    """The debate the letter is written for, as in running text (``het commissiedebat Wonen``)."""
    debate_date: dt.date | None = None
    """The date of ``debate``."""

    @model_validator(mode="after")
    def _salutation_known(self) -> Addressee:
        if self.salutation is None and self.default_salutation() is None:
            if self.kind is AddresseeKind.commissie:
                raise ValueError("a committee needs a salutation, or an address line 'vaste commissie voor …'")
            raise ValueError(f"an addressee of kind {self.kind.value!r} needs a salutation")
        return self

    def default_salutation(self) -> str | None:
        """The salutation that follows from the kind (None for ``overig``, or a committee without
        a ``vaste commissie voor …`` line)."""
        fixed = {
            AddresseeKind.kabinet: "Geachte leden van het kabinet,",
            AddresseeKind.minister_president: "Geachte minister-president,",
            AddresseeKind.minister: "Geachte minister,",
            AddresseeKind.staatssecretaris: "Geachte staatssecretaris,",
        }
        if self.kind in fixed:
            return fixed[self.kind]
        if self.kind is AddresseeKind.commissie:
            for line in self.lines:
                if line.startswith("vaste commissie voor "):
                    return f"Geachte leden van de {line},"
        return None

    @property
    def greeting(self) -> str:
        """The salutation of a letter to this addressee."""
        return self.salutation or self.default_salutation() or ""

    asks_intro: Text | None = None
    """The sentence before the numbered asks; default per kind (``Wij vragen u:`` for the cabinet)."""


class Letters(Strict):
    """Who receives the lobby letter of each theme."""

    default: Slug
    themes: dict[Slug, Slug] = {}
    addressees: Annotated[list[Addressee], Field(min_length=1)]
    signatory: Slug
    contact: Slug | None = None
    """Person id of the contact for questions (name, e-mail and phone in the closing)."""
    enclosures: list[Text] = []
    """Attachments every letter carries besides the figures table (which travels along by itself
    when a letter refers to the amounts)."""


class Briefing(Strict):
    """How a briefing (raadsinformatiebrief, ledenbrief, statenbrief …) is addressed and signed;
    what is left out follows from the organisation's kind (:mod:`briefgen.kinds.genre`)."""

    addressee: Text | None = None
    salutation: Text | None = None
    opening: Text | None = None
    """``{thema}`` is replaced by the theme."""
    handled_by: Text
    handled_by_email: Email
    signed_by: Text | None = None
    signatories: Annotated[list[Slug], Field(min_length=1)]
    paragraphs: Annotated[StrictInt, Field(ge=0, le=20)] = 2
    """Paragraphs of ``akkoord`` and of ``betekenis`` shown per topic (the first ones; 0: all),
    so a briefing stays short. Write the most important paragraph first."""
    overall: bool = True
    """Build one briefing on the whole agreement (``briefing/hoofdlijnenakkoord``)."""
    per_theme: bool = True
    """Build one briefing per theme as well."""
    overall_opening: Text | None = None
    """Opening of the overall briefing (default from the organisation's kind)."""


class Press(Strict):
    """Press statement settings."""

    spokesperson: Slug
    contact: Slug
    end_marker: Text = "Einde persbericht"
    no_embargo: Text = "Voor directe publicatie"
    embargo_reason: Text | None = None
    """Reason printed on the embargo line when ``--embargo`` is given without ``--embargo-reason``."""
    headline: Text | None = None
    """Headline of the overall statement; default: the title of the general reaction."""
    quote: Text | None = None
    """The spokesperson's own quote; without it the press statement quotes the general reaction."""
    about_heading: Text | None = None
    """Heading of the ``Over …`` paragraph (from ``organisation.about``); default ``Over <name>``."""


class Memo(Strict):
    """Memo settings."""

    author: Slug
    """Person id of the author (named in the memo's ``Van``)."""
    department: Text
    status: Literal["ter informatie", "ter bespreking", "ter besluitvorming"] = "ter informatie"
    paragraphs: Annotated[StrictInt, Field(ge=0, le=20)] = 1
    """Paragraphs of ``akkoord`` and of ``betekenis`` shown per own topic (the first ones; 0: all),
    besides those the shown asks, risks and talking points rest on."""
    items: Annotated[StrictInt, Field(ge=0, le=50)] = 2
    """Most asks, risks and talking points shown per topic (the first ones: write the most
    important first; 0: all). Every ask is in the theme's letter."""
    touching: Annotated[StrictInt, Field(ge=0, le=50)] = 1
    """Most asks, risks and talking points taken from a topic that only touches the portfolio
    (0: all that name it)."""
    pages: Annotated[StrictInt, Field(ge=1, le=50)] = 4
    """Page budget of a memo (A4 PDF pages); the build warns about a memo that is longer."""
    priorities: Annotated[StrictInt, Field(ge=1, le=10)] = 5
    """Most priorities (asks) in the memo's ``Advies``."""


class Numbering(Strict):
    """Document numbers; placeholders {year}, {yy} (two digits), {seq}, {theme}, {portfolio}, {org}."""

    briefing: NumberPattern | None = None
    """Default from the organisation's kind: ``RIB-{year}-{seq:03d}`` (gemeente), ``Lbr. {yy}/{seq:03d}``
    (vereniging), ``SB-…`` (provincie), ``AB-…`` (waterschap)."""
    memo: NumberPattern = "MEMO-{year}-{seq:03d}"
    letter: NumberPattern = "{org}-{year}-{seq:03d}"
    press: NumberPattern = "PB-{year}-{seq:03d}"
    changes: NumberPattern = "WIJZ-{year}-{seq:03d}"
    start: dict[StrictStr, Annotated[StrictInt, Field(ge=0)]] = {}


class ReadabilityTarget(Strict):
    """Readability a document kind must meet."""

    flesch_douma_min: Number = 60
    avg_sentence_words_max: Number = 15
    brouwer_min: Number | None = None
    """Optional minimum Brouwer leesindex A (not checked when left out)."""


class Gates(Strict):
    """Which quality gates ``briefgen check`` runs and how strict they are."""

    figures: bool = True
    provenance: bool = True
    readability: bool = True
    conformance: bool = True
    parity: bool = True
    """DOCX and PDF of each built document say the same words in the same order."""
    readability_targets: dict[Slug, ReadabilityTarget] = {}
    untraced: Literal["error", "warning"] = "error"
    """How ``check --source`` treats a claim without a found basis: ``error`` fails the provenance
    gate; ``warning`` (for drafts) only reports it."""
    hedges: Literal["error", "warning"] = "warning"
    """How ``check --source`` treats a claim that lost the hedge of its basis (``--strict``: error)."""


class PdfSettings(Strict):
    """How the PDFs are made."""

    engine: Literal["weasyprint", "typst"] = "weasyprint"
    """The PDF engine: WeasyPrint (the default) or Typst; ``build --pdf-engine`` overrides it."""


class Profile(Strict):
    """A whole profile."""

    organisation: Organisation
    people: Annotated[list[Person], Field(min_length=1)]
    portfolios: Annotated[list[Portfolio], Field(min_length=1)]
    briefing: Briefing
    memo: Memo
    press: Press
    letters: Letters
    numbering: Numbering = Numbering()
    gates: Gates = Gates()
    publication: PublicationSettings = PublicationSettings()
    pdf: PdfSettings = PdfSettings()
    date: dt.date | None = None
    """The date of this organisation's documents (overrides the positions' ``date``; ``--date``
    overrides both)."""
    overlay: Annotated[StrictStr, Field(min_length=1, max_length=500)] | None = None
    """Folder with the organisation's local content on top of the shared positions (see the
    README, "Lokale inhoud"), relative to the profile's folder."""
    source: Annotated[StrictStr, Field(min_length=1, max_length=500)] | None = None
    """The source text the positions rest on (plain text or PDF), relative to the profile's folder;
    ``briefgen check`` and ``briefgen trace`` use it when ``--source`` is not given."""
