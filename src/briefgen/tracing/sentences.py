"""Dutch sentences of a claim with their offsets, and the words that align them to a basis.

A claim is split at ``.``, ``!``, ``?`` and ``…`` followed by a space and an upper-case letter,
a digit or an opening quote; abbreviations (``o.a.``, ``bijv.``, ``m.n.``) and initials do not end
a sentence. Words are compared loosely enough for a paraphrase: the same word, the same first
six letters (``gemeente``/``gemeenten``), one inside the other (``stop``/``asielbeslisstop``), also
after a plain ending is taken off (``ongelijker``/``kansenongelijkheid``, ``regio's``/``regionaal``).
A ``{fig:…}`` marker matches a number or ``€`` of the fragment, not the words of its id.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ABBREVIATIONS = frozenset(
    {"bijv", "bv", "o.a", "m.n", "o.m", "d.w.z", "i.p.v", "t.a.v", "m.b.t", "i.v.m", "m.u.v", "t.o.v", "e.d", "enz",
     "etc", "nr", "ca", "resp", "evt", "mr", "dr", "drs", "ir", "prof", "art", "blz", "zgn", "jl", "vs", "incl",
     "excl", "min", "max", "mln", "mld", "mrd"}
)  # fmt: skip
"""Words that end in a full stop without ending the sentence (compared without the last dot)."""

_END = re.compile(r"[.!?…]+[’'”\")\]]*(?=\s+[\"‘“'(]?[A-Z0-9À-ÖØ-Þ€{])")


def words_of(text: str) -> frozenset[str]:
    """The words of ``text`` as a set (for word lists written as running text)."""
    return frozenset(text.split())


STOPWORDS = words_of(
    "aan al alle alleen als ander andere ben bij bijna daar daarom dan dat de deze die dit doen door dus "
    "een eens en er ergens even geen had heb hebben heeft hem het hier hij hoe hun ik in is ja je kan "
    "kunnen maar meer men met mij mijn moet moeten na naar niet niets nog nu of om omdat ons onze ook op "
    "over per te tegen toch toen tot u uit van veel voor want waren was wat we wel werd wie wij wil "
    "worden wordt zal ze zelf zich zij zijn zo zonder zou zouden zullen hierdoor daarmee daarbij hiervoor "
    "daarvoor welke waarin waarbij waar binnen vanuit onder boven tussen sinds zoals echter gaat gaan "
    "komt komen krijgt krijgen houdt blijft blijven staat staan maakt maken hebt kunt "
)
"""Function words and very common verbs: they align nothing."""

_TOKEN = re.compile(r"\{fig:[\w-]+\}|€|\d+(?:[.,]\d+)*|[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a claim: its text and where it starts in the claim text."""

    text: str
    start: int
    number: int
    """1-based position of the sentence in its claim."""


def split(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their start offsets."""
    sentences: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        before = text[start : match.start()].rstrip()
        last = before.rsplit(None, 1)[-1].lower().lstrip("(‘'“\"") if before else ""
        if match.group().startswith(".") and (last in ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        if "." in last and len(last) <= 6 and last.replace(".", "").isalpha():
            continue  # an abbreviation such as m.b.t. not in the list
        _add(sentences, text, start, match.end())
        start = match.end()
    _add(sentences, text, start, len(text))
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if any(char.isalnum() for char in stripped):
        sentences.append(Sentence(stripped, start + len(piece) - len(piece.lstrip()), len(sentences) + 1))


def tokens(text: str) -> list[str]:
    """Lower-case words, numbers, ``€`` and ``{fig:…}`` markers of ``text``."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("’", "'")
    return [token.casefold() for token in _TOKEN.findall(text)]


def content_words(text: str) -> set[str]:
    """The words of ``text`` that carry content (no function words, no one- or two-letter words)."""
    return {word for word in tokens(text) if (len(word) >= 3 or word[0].isdigit()) and word not in STOPWORDS}


SYNONYMS = (
    (
        "geld",
        "middelen",
        "financiering",
        "budget",
        "euro",
        "bekostiging",
        "investering",
        "investeringen",
        "financieel",
        "financiële",
        "kader",
    ),
    ("werk", "arbeid", "baan", "banen", "arbeidsmarkt"),
    ("wet", "wetten", "wetgeving", "wetsvoorstel", "wetsvoorstellen", "wetstrajecten", "regelgeving", "regels"),
    ("eerlijk", "eerlijke", "evenredig", "evenredige", "rechtvaardig"),
    ("verdeling", "spreiding"),
    ("misdaad", "criminaliteit", "criminelen"),
    ("huis", "huizen", "woning", "woningen", "huisvesting"),
    ("kabinet", "rijk", "regering", "akkoord", "hoofdlijnenakkoord", "partijen"),
    ("gemeenten", "gemeente", "vng", "medeoverheden"),
    ("doorgaan", "doorgaat", "doorgezet", "voortgezet", "voortzetten", "voortgang", "doorzetten"),
    (
        "stopt",
        "stoppen",
        "gestopt",
        "afschaffen",
        "beëindigen",
        "beëindigd",
        "beëindiging",
        "schrappen",
        "geschrapt",
        "vervalt",
        "afgeschaft",
    ),
    ("goed", "positief", "welkom", "blij"),
    ("zorgen", "zorg", "vrezen", "bezorgd", "risico"),
    ("minder", "lagere", "lager", "afname", "verlaging", "beperken", "beperking", "inperking"),
    ("meer", "hogere", "hoger", "toename", "verhoging", "stijging", "extra"),
    ("mensen", "inwoners", "burgers"),
    ("snel", "snelle", "versnellen", "versnelling", "tempo"),
)
"""Plain words and the source words they render (a small list; alignment is a lead, not proof)."""

_SYNONYM = {word: index for index, group in enumerate(SYNONYMS) for word in group}


_ENDINGS = ("'s", "heden", "heid", "ingen", "ing", "en", "er", "e", "s")
"""Endings of plural, comparative, inflected and abstract forms, taken off to compare a stem."""


def stem(word: str) -> str:
    """``word`` without one plain ending (a stem of at least four letters), for alignment only."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=65536)
def similar(one: str, other: str) -> bool:
    """True when two content words count as the same for alignment."""
    if one == other:
        return True
    if one.startswith("{") or other.startswith("{"):
        return (other if one.startswith("{") else one)[:1] in "0123456789€"  # a figure is a number
    if one in _SYNONYM and _SYNONYM[one] == _SYNONYM.get(other):
        return True
    if len(one) >= 6 and len(other) >= 6 and one[:6] == other[:6]:
        return True
    shorter, longer = sorted((one, other), key=len)
    if len(shorter) >= 4 and shorter in longer:
        return True
    shorter, longer = sorted((stem(one), stem(other)), key=len)
    return len(shorter) >= 5 and shorter in longer


def overlap(words: set[str], fragment_words: set[str]) -> set[str]:
    """The words of ``words`` that some word of the fragment matches."""
    return {word for word in words if any(similar(word, other) for other in fragment_words)}
