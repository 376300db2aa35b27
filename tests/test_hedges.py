"""The hedge check: a claim that states as certain what its basis only hedges is reported."""

from __future__ import annotations

import pytest

from briefgen.tracing.hedges import lost_hedge, markers


@pytest.mark.parametrize(
    ("claim", "basis"),
    [
        # from the positions before the re-audit: the basis hedges, the claim does not
        (
            "Bijna gratis opvang maakt het voor ouders met een laag inkomen juist moeilijker.",
            "bijna gratis kinderopvang dreigen ervoor te zorgen dat juist ouders met een laag inkomen moeilijker",
        ),
        (
            "En de N2000-gebieden worden herijkt.",
            "het herijken van N2000-gebieden focust op onderhandelen in Brussel"
            " en het kabinet wil de N2000-gebieden herijken",
        ),
        ("Er zijn meer plekken in de opvang nodig.", "een aantal voorgestelde maatregelen als gevolg kunnen hebben"),
        ("Het tekort loopt op.", "Het risico is dat het tekort oploopt"),
        ("Het kabinet bouwt vier kerncentrales.", "De inzet is om vier kerncentrales te bouwen"),
    ],
)
def test_a_lost_hedge_is_flagged(claim: str, basis: str) -> None:
    assert lost_hedge(claim, (basis,)) is not None


@pytest.mark.parametrize(
    ("claim", "basis"),
    [
        ("Bijna gratis opvang dreigt het voor ouders juist moeilijker te maken.", "dreigen ervoor te zorgen dat"),
        ("Dat kan leiden tot langere procedures.", "dit kan leiden tot langere procedures"),
        ("Misschien blijven Oekraïners lang.", "Een deel van de Oekraïners blijft mogelijk langdurig"),
        ("Het kabinet trekt de Spreidingswet in.", "De spreidingswet wordt ingetrokken"),  # no hedge in the basis
        (
            "Als dat lukt, is een korting te verdedigen.",
            "Als dat gerealiseerd wordt is een efficiencykorting te billijken.",
        ),
        ("Het kabinet wil de immigratie sterk beperken.", "Het nieuwe kabinet wil daartoe o.a."),
    ],
)
def test_a_kept_hedge_is_not_flagged(claim: str, basis: str) -> None:
    assert lost_hedge(claim, (basis,)) is None


def test_sufficient_condition_made_necessary_is_flagged() -> None:
    reason = lost_hedge(
        "Alleen dan is een korting te verdedigen.",
        ("Als dat gerealiseerd wordt is een efficiencykorting te billijken.",),
    )
    assert reason is not None and "alleen als/dan" in reason


def test_word_forms_are_matched_not_substrings() -> None:
    assert markers("Het kabinet dreigde te stoppen") == {"dreigen"}
    assert markers("Dat zouden ze doen") == {"zullen (zou)"}
    assert markers("De kans is groot") == set()  # *kans* is not *kan*
    assert markers("Het risico's is klein") == {"risico"}
