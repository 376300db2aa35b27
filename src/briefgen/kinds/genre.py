"""Genre and voice per sender: what an organisation's briefing is called, to whom it is
addressed, how it opens, who signs and how it is numbered.

A gemeente's college informs its council in a raadsinformatiebrief; Gedeputeerde Staten inform
Provinciale Staten in a statenbrief; a waterschap's dagelijks bestuur writes to its algemeen
bestuur; an association such as the VNG informs the colleges and councils of its members in a
ledenbrief. One document speaks with one voice: the profile's ``briefing`` fields override these
defaults, the organisation's ``kind`` chooses them.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.schema.profile import Briefing, Organisation, OrganisationKind


@dataclass(frozen=True)
class Genre:
    """How an organisation's briefing reads."""

    label: str
    """The document's name: ``Raadsinformatiebrief``, ``Ledenbrief`` …"""
    audience: str
    """Who reads it (``raadsleden``, ``leden``)."""
    addressee: str
    salutation: str
    opening: str
    """Opening of a theme's briefing; ``{thema}`` is replaced by the theme."""
    overall_opening: str
    signed_by: str
    """The body that signs; ``{name}`` and ``{short_name}`` are the organisation's."""
    number: str
    """Default numbering pattern."""
    holders: bool
    """Whether the header names the portfolio holders (the college's brief does, a ledenbrief not)."""


GENRES: dict[OrganisationKind, Genre] = {
    OrganisationKind.gemeente: Genre(
        label="Raadsinformatiebrief",
        audience="raadsleden",
        addressee="de leden van de gemeenteraad",
        salutation="Geachte leden van de gemeenteraad,",
        opening=(
            "Met deze brief informeert het college u over het hoofdlijnenakkoord. "
            "We zetten op een rij wat het akkoord zegt over {thema} en wat dat betekent voor gemeenten."
        ),
        overall_opening=(
            "Met deze brief informeert het college u over het hoofdlijnenakkoord. "
            "We zetten per thema op een rij wat het akkoord zegt en wat dat betekent."
        ),
        signed_by="het college van burgemeester en wethouders van {short_name}",
        number="RIB-{year}-{seq:03d}",
        holders=True,
    ),
    OrganisationKind.provincie: Genre(
        label="Statenbrief",
        audience="statenleden",
        addressee="de leden van Provinciale Staten",
        salutation="Geachte Statenleden,",
        opening=(
            "Met deze brief informeren Gedeputeerde Staten u over het hoofdlijnenakkoord. "
            "We zetten op een rij wat het akkoord zegt over {thema} en wat dat betekent."
        ),
        overall_opening=(
            "Met deze brief informeren Gedeputeerde Staten u over het hoofdlijnenakkoord. "
            "We zetten per thema op een rij wat het akkoord zegt en wat dat betekent."
        ),
        signed_by="Gedeputeerde Staten van {short_name}",
        number="SB-{year}-{seq:03d}",
        holders=True,
    ),
    OrganisationKind.waterschap: Genre(
        label="Brief aan het algemeen bestuur",
        audience="leden van het algemeen bestuur",
        addressee="de leden van het algemeen bestuur",
        salutation="Geachte leden van het algemeen bestuur,",
        opening=(
            "Met deze brief informeert het dagelijks bestuur u over het hoofdlijnenakkoord. "
            "We zetten op een rij wat het akkoord zegt over {thema} en wat dat betekent."
        ),
        overall_opening=(
            "Met deze brief informeert het dagelijks bestuur u over het hoofdlijnenakkoord. "
            "We zetten per thema op een rij wat het akkoord zegt en wat dat betekent."
        ),
        signed_by="het dagelijks bestuur van {name}",
        number="AB-{year}-{seq:03d}",
        holders=True,
    ),
    OrganisationKind.vereniging: Genre(
        label="Ledenbrief",
        audience="leden",
        addressee="het college en de gemeenteraad",
        salutation="Geachte leden van college en gemeenteraad,",
        opening=(
            "In deze ledenbrief leest u meer over het hoofdlijnenakkoord. "
            "Wij zetten op een rij wat het zegt over {thema}. En wat dat betekent voor gemeenten."
        ),
        overall_opening=(
            "In deze ledenbrief informeren wij u over het hoofdlijnenakkoord. "
            "Per thema zetten wij op een rij wat het akkoord zegt en wat dat betekent voor gemeenten."
        ),
        signed_by="{name}",
        number="Lbr. {yy}/{seq:03d}",
        holders=False,
    ),
}


@dataclass(frozen=True)
class BriefingVoice:
    """The briefing settings of one organisation, with every default filled in."""

    label: str
    audience: str
    addressee: str
    salutation: str
    opening: str
    overall_opening: str
    signed_by: str
    holders: bool


def genre(organisation: Organisation) -> Genre:
    """The genre of ``organisation``'s briefings."""
    return GENRES[organisation.kind]


def briefing_voice(organisation: Organisation, briefing: Briefing) -> BriefingVoice:
    """The briefing's wording: the profile's own where it sets it, else the genre's."""
    base = genre(organisation)
    names = {"name": organisation.name, "short_name": organisation.short_name}
    return BriefingVoice(
        label=base.label,
        audience=base.audience,
        addressee=briefing.addressee or base.addressee,
        salutation=briefing.salutation or base.salutation,
        opening=briefing.opening or base.opening,
        overall_opening=briefing.overall_opening or base.overall_opening,
        signed_by=briefing.signed_by or base.signed_by.format(**names),
        holders=base.holders,
    )
