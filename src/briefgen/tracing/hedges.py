"""Hedges that a rewrite lost: the basis says *may*, *threatens*, *expects* or *if*, the claim not.

Dutch word forms are matched with a small list of lemmas and their forms (no stemmer: the forms
are few and a stemmer would also catch *kans* for *kan*). A claim is flagged when

- a basis fragment carries a hedging or modal marker and the claim carries none, or
- the claim says *alleen als/dan/wanneer* while the basis has a plain condition (*als*, *indien*)
  and no *alleen*: a sufficient condition turned into a necessary one.

A claim whose plain wording keeps the meaning anyway is marked ``hedge: <reason>`` in the YAML.
"""

from __future__ import annotations

import re

HEDGE_FORMS: dict[str, tuple[str, ...]] = {
    "dreigen": ("dreigen", "dreigt", "dreigde", "dreigden", "dreiging"),
    "kunnen": ("kan", "kunnen", "kon", "konden", "kunt"),
    "zullen (zou)": ("zou", "zouden"),
    "mogelijk": ("mogelijk", "mogelijke", "mogelijkerwijs", "eventueel", "eventuele"),
    "verwachten": ("verwachten", "verwacht", "verwachtte", "verwachting", "verwachtingen", "voorzien"),
    "risico": ("risico", "risico's", "risicos"),
    "inzet": (
        "de inzet is",
        "is de inzet",
        "inzet van het kabinet",
        "zet in op",
        "zetten in op",
        "zet het kabinet in op",
    ),
    "willen": ("wil", "willen", "wilde", "wilden"),
    "streven": ("streven", "streeft", "streefde", "strevingen"),
    "beogen": ("beogen", "beoogt", "beoogde", "beoogd"),
    "vrezen": ("vrezen", "vreest", "gevreesd", "vrees"),
    "onduidelijk": ("onduidelijk", "onbekend", "onzeker", "niet duidelijk", "niet bekend"),
}
"""Markers that make a statement less than certain, by lemma (the forms matched)."""

CLAIM_ONLY = ("misschien", "wellicht", "waarschijnlijk", "bang", "lijkt", "lijken", "als", "indien", "zorg", "inzet")
"""Words that keep a hedge in plain Dutch although the basis uses another marker."""

KEEPERS: dict[str, tuple[str, ...]] = {"onduidelijk": ("duidelijk", "vraag", "weet", "weten")}
"""Words that keep one marker's meaning in a claim: *maak duidelijk* answers *onduidelijk*."""

_WORD = re.compile(r"[\w']+")
_FORMS = {form: lemma for lemma, forms in HEDGE_FORMS.items() for form in forms if " " not in form}
_PHRASES = {form: lemma for lemma, forms in HEDGE_FORMS.items() for form in forms if " " in form}
_ONLY_IF = re.compile(r"\balleen\s+(?:als|dan|wanneer|indien)\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:als|indien|wanneer)\b", re.IGNORECASE)


_NOT_HEDGES = re.compile(
    r"\b(?:zo\w* mogelijk|waar (?:dat kan|mogelijk)|mogelijk (?:te )?maken|mogelijk (?:wordt|worden|is|zijn)"
    r"|maakt? \w+ mogelijk|te kunnen|(?:kan|kunnen|kon|konden)(?: \w+){0,2} niet)\b"
)
"""Uses that carry no doubt: *mogelijk maken* (enable), *zo snel mogelijk*, *te kunnen* (ability),
*kan … niet* (cannot)."""


def markers(text: str) -> set[str]:
    """Lemmas of the hedging markers in ``text``."""
    lowered = _NOT_HEDGES.sub(" ", text.casefold().replace("’", "'"))
    found = {_FORMS[word] for word in _WORD.findall(lowered) if word in _FORMS}
    found |= {lemma for phrase, lemma in _PHRASES.items() if phrase in lowered}
    return found


def hedged(text: str) -> bool:
    """True when ``text`` carries any hedge, including plain-language ones (a question asserts nothing)."""
    lowered = text.casefold()
    return "?" in text or bool(markers(text)) or any(word in CLAIM_ONLY for word in _WORD.findall(lowered))


def lost_hedge(claim: str, basis: tuple[str, ...]) -> str | None:
    """Why ``claim`` lost a hedge of its ``basis``, or None when it kept them."""
    if not basis:
        return None
    joined = " ".join(basis)
    if _ONLY_IF.search(claim) and _CONDITION.search(joined) and not re.search(r"\balleen\b", joined, re.I):
        return "the claim says ‘alleen als/dan’ where the basis sets a plain condition (als/indien)"
    words = set(_WORD.findall(claim.casefold()))
    found = {lemma for lemma in markers(joined) if not words & set(KEEPERS.get(lemma, ()))}
    if found and not hedged(claim):
        return f"the basis hedges ({', '.join(sorted(found))}) but the claim states it as certain"
    return None
