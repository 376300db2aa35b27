"""A sample document that uses every block of the model (a test helper, not part of the package)."""

from __future__ import annotations

import datetime as dt

from briefgen.content.model import (
    Address,
    Callout,
    Document,
    Field,
    Fields,
    Heading,
    Letterhead,
    LineBreak,
    Link,
    ListBlock,
    Metadata,
    NoteRef,
    PageBreak,
    Paragraph,
    Quote,
    Signature,
    SourceEntry,
    Sources,
    Styled,
    Table,
    Text,
)


def _t(text: str) -> tuple[Text]:
    return (Text(text),)


def sample_document(with_page_break: bool = True) -> Document:
    """A two-page raadsinformatiebrief-like document touching every block type."""
    meta = Metadata(
        title="Raadsinformatiebrief Wonen en mobiliteit",
        subject="Gevolgen van het hoofdlijnenakkoord voor wonen en mobiliteit",
        organisation="Vereniging van Nederlandse Gemeenten",
        author="Vereniging van Nederlandse Gemeenten",
        date=dt.date(2026, 11, 27),
        number="RIB-2026-003",
        kind="briefing",
        kind_label="Raadsinformatiebrief",
        keywords=("hoofdlijnenakkoord", "wonen"),
        date_label="27 november 2026",
    )
    letterhead = Letterhead(
        organisation="Vereniging van Nederlandse Gemeenten",
        logo="logo.svg",
        logo_alt="Logo Vereniging van Nederlandse Gemeenten",
        sender_lines=("Postbus 30435", "2500 GK Den Haag"),
        footer="RIB-2026-003",
    )
    blocks = (
        Fields(
            (
                Field("Aan", _t("de leden van de gemeenteraad")),
                Field("Datum", _t("27 november 2026")),
                Field("Portefeuillehouder", _t("wethouder Wonen en Ruimte")),
                Field("Onderwerp", _t("Gevolgen van het hoofdlijnenakkoord voor wonen en mobiliteit")),
                Field("Kenmerk", _t("RIB-2026-003")),
            )
        ),
        Address(("Ministerie van BZK", "t.a.v. de minister van Volkshuisvesting", "Postbus 20011", "2500 EA Den Haag")),
        Paragraph(_t("Geachte leden van de gemeenteraad,"), role="salutation"),
        Paragraph(
            (
                Text("Met deze brief informeert het college u over het "),
                Styled("bold", _t("hoofdlijnenakkoord")),
                Text(". Het kabinet trekt € 1 miljard per jaar uit voor woningbouw."),
                NoteRef(1),
            )
        ),
        Callout(
            "Kernboodschap", (Paragraph(_t("Extra geld voor woningbouw is welkom, maar het is minder dan nodig.")),)
        ),
        Heading(1, _t("Wat staat er in het akkoord?")),
        Paragraph(
            (
                Text("Volkshuisvesting blijft een "),
                Styled("italic", _t("topprioriteit")),
                Text(". Meer lezen: "),
                Link("https://vng.nl/artikelen/bestaanszekerheid", _t("vng.nl")),
                Text("."),
            )
        ),
        Heading(2, _t("Woningbouw en huur")),
        ListBlock(False, (_t("Bestaande wetsvoorstellen gaan door."), _t("De huurtoeslag gaat omhoog."))),
        Heading(3, _t("Financiële gevolgen")),
        Table(
            header=(_t("Maatregel"), _t("Bedrag"), _t("Periode")),
            rows=(
                (_t("Extra geld voor woningbouw"), _t("€ 1 miljard"), _t("per jaar")),
                (_t("Mobiliteit bij woningbouw"), _t("€ 500 miljoen"), _t("eenmalig")),
                (_t("Verhoging huurtoeslag"), _t("€ 500 miljoen"), _t("structureel")),
            ),
            caption="Bedragen uit het hoofdlijnenakkoord",
            numeric=(False, True, False),
        ),
        Quote(
            _t("Gemeenten staan klaar om het akkoord handen en voeten te geven."),
            "Leonard Geluk, algemeen directeur VNG",
        ),
        *((PageBreak(),) if with_page_break else ()),
        Heading(1, _t("Vervolg")),
        ListBlock(True, (_t("Wij volgen het regeerprogramma."), _t("Wij informeren u over de uitwerking.")), start=1),
        Paragraph(_t("Noot voor de redactie: niet voor publicatie."), role="small"),
        Paragraph((Text("Telefoon 070 373 83 93"), LineBreak(), Text("Den Haag")), role="closing"),
        Signature(
            "Met vriendelijke groet,",
            (("Leonard Geluk", "algemeen directeur"),),
            body="Vereniging van Nederlandse Gemeenten",
        ),
        Sources(
            "Bronnen",
            (
                SourceEntry(1, "Analyse hoofdlijnenakkoord", "", "VNG"),
                SourceEntry(2, "Bestaanszekerheid", "https://vng.nl/artikelen/bestaanszekerheid", "VNG"),
            ),
        ),
    )
    return Document(meta=meta, letterhead=letterhead, blocks=blocks)
