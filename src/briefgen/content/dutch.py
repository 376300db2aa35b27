"""Dutch formatting of dates, money and percentages (babel, locale ``nl_NL``).

Imports nothing else of briefgen: the model, the writers and the checks can all use it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "nl_NL"
_WORD_SCALES = ((1_000_000_000, "miljard"), (1_000_000, "miljoen"))


def number(value: float | int | Decimal, decimals: int | None = None) -> str:
    """``50000`` → ``50.000``; ``9.7`` → ``9,7``; ``decimals`` fixes the fraction digits."""
    if decimals is not None:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=LOCALE)
    return format_decimal(value, locale=LOCALE, decimal_quantization=False)


def money(euros: float | int | Decimal) -> str:
    """An amount in euros as Dutch readers write it.

    ``1_200_000_000`` → ``€ 1,2 miljard``; ``511_000_000`` → ``€ 511 miljoen``;
    ``50_000`` → ``€ 50.000``; ``15.5`` → ``€ 15,50``; ``-12`` → ``€ -12``.
    """
    amount = Decimal(str(euros))
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    for factor, word in _WORD_SCALES:
        if amount >= factor:
            scaled = (amount / factor).normalize()
            return f"€ {sign}{number(scaled)} {word}"
    if amount == amount.to_integral_value():
        return f"€ {sign}{number(int(amount), 0)}"
    return f"€ {sign}{number(amount, 2)}"


def percent(value: float | int) -> str:
    """``30`` → ``30%``; ``9.7`` → ``9,7%``."""
    return f"{number(Decimal(str(value)).normalize())}%"


def date(day: dt.date, weekday: bool = False) -> str:
    """``27 november 2026``; with ``weekday``: ``vrijdag 27 november 2026``."""
    return format_date(day, "EEEE d MMMM y" if weekday else "d MMMM y", locale=LOCALE)


def short_date(day: dt.date) -> str:
    """``27-11-2026``."""
    return day.strftime("%d-%m-%Y")


def clock(moment: dt.datetime | dt.time) -> str:
    """``10.00 uur``."""
    return f"{moment.hour:02d}.{moment.minute:02d} uur"
