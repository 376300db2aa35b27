"""Figures taken from the source: is the value there, in any Dutch spelling?

Every number in the source is read with its scale word, so ``€ 1,2 miljard``, ``1,2 mld``,
``1.200 miljoen`` and ``1.200.000.000`` are all 1.2e9; a percentage is read with ``%`` or
``procent``; a year as its four digits; a date as ``1 januari 2025`` or ``1-1-2025``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefgen.schema.positions import Figure, FigureKind

SCALES = {
    "duizend": 1e3, "dzd": 1e3, "miljoen": 1e6, "mln": 1e6, "mio": 1e6, "miljard": 1e9, "mld": 1e9, "mrd": 1e9,
    "biljoen": 1e12,
}  # fmt: skip
WORD_NUMBERS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
    "tien": 10, "elf": 11, "twaalf": 12, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "honderd": 100,
    "half": 0.5, "anderhalf": 1.5,
}  # fmt: skip
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")  # fmt: skip

_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")"
    r"(?:,(\d+))?(?:\s*(" + "|".join(SCALES) + r")\b\.?)?(\s*(?:%|procent\b))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Numbers:
    """The values a text mentions: plain amounts and percentages."""

    amounts: frozenset[float]
    percents: frozenset[float]
    text: str


def read_numbers(text: str) -> Numbers:
    """Every number of ``text`` with its scale, as values."""
    amounts: set[float] = set()
    percents: set[float] = set()
    for match in _NUMBER.finditer(text.replace("\u00a0", " ")):
        whole, fraction, scale, percent = match.groups()
        word = whole.casefold()
        if word in WORD_NUMBERS:
            if not scale and not percent:
                continue  # *een* alone is an article
            base = float(WORD_NUMBERS[word])
        else:
            base = float(whole.replace(".", ""))
        if fraction:
            base += float(f"0.{fraction}")
        value = base * SCALES[scale.casefold()] if scale else base
        (percents if percent else amounts).add(round(value, 6))
    return Numbers(frozenset(amounts), frozenset(percents), text)


def spellings(figure: Figure) -> str:
    """The value of ``figure`` as it reads, for a message (``1,2 miljard``)."""
    value = figure.value
    if isinstance(value, dt.date):
        return value.isoformat()
    number = f"{value:g}".replace(".", ",")
    scale = "" if figure.scale.value == "een" else f" {figure.scale.value}"
    return f"{number}{scale}{' %' if figure.kind == FigureKind.percent else ''}"


def in_numbers(figure: Figure, numbers: Numbers) -> bool:
    """True when the value of ``figure`` occurs in ``numbers``, in any spelling."""
    value = figure.value
    if isinstance(value, dt.date):
        day, month, year = value.day, value.month, value.year
        patterns = (
            rf"\b0?{day}\s+{MONTHS[month - 1]}\s+{year}\b",
            rf"\b0?{day}[-/.]0?{month}[-/.]{year}\b",
            rf"\b{value.isoformat()}\b",
        )
        return any(re.search(pattern, numbers.text, re.IGNORECASE) for pattern in patterns)
    if figure.kind == FigureKind.year:
        return re.search(rf"(?<!\d){value}(?!\d)", numbers.text) is not None
    wanted = round(figure.absolute, 6)
    pool = numbers.percents if figure.kind == FigureKind.percent else numbers.amounts
    return any(abs(found - wanted) <= max(1e-6, abs(wanted) * 1e-9) for found in pool)
