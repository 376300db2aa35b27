"""Dutch formatting of money, percentages, dates and figures."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.content import dutch
from briefgen.content.templating import figure_value, position_text
from briefgen.schema.positions import Figure


@pytest.mark.parametrize(
    ("euros", "expected"),
    [
        (1_200_000_000, "€ 1,2 miljard"),
        (511_000_000, "€ 511 miljoen"),
        (50_000, "€ 50.000"),
        (15.5, "€ 15,50"),
        (-12, "€ -12"),
        (1_326_000_000, "€ 1,326 miljard"),
        (1_000_000_000, "€ 1 miljard"),
        (35_000_000_000, "€ 35 miljard"),
        (2_500_000_000, "€ 2,5 miljard"),
        (1_000_000, "€ 1 miljoen"),
        (999_999, "€ 999.999"),
        (0.5, "€ 0,50"),
        (1_500_000, "€ 1,5 miljoen"),
        (7, "€ 7"),
    ],
)
def test_money(euros: float, expected: str) -> None:
    assert dutch.money(euros) == expected


@pytest.mark.parametrize(("value", "expected"), [(30, "30%"), (9.7, "9,7%"), (5, "5%"), (10.0, "10%"), (0.25, "0,25%")])
def test_percent(value: float, expected: str) -> None:
    assert dutch.percent(value) == expected


@pytest.mark.parametrize(
    ("day", "weekday", "expected"),
    [
        (dt.date(2026, 11, 27), False, "27 november 2026"),
        (dt.date(2024, 5, 16), True, "donderdag 16 mei 2024"),
        (dt.date(2026, 7, 1), False, "1 juli 2026"),
        (dt.date(2025, 3, 9), True, "zondag 9 maart 2025"),
    ],
)
def test_date(day: dt.date, weekday: bool, expected: str) -> None:
    assert dutch.date(day, weekday=weekday) == expected


def test_short_date_and_clock() -> None:
    assert dutch.short_date(dt.date(2026, 11, 27)) == "27-11-2026"
    assert dutch.clock(dt.datetime(2026, 11, 28, 10, 0)) == "10.00 uur"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"kind": "money", "value": 1.1, "scale": "miljard"}, "€ 1,1 miljard"),
        ({"kind": "money", "value": 1326, "scale": "miljoen"}, "€ 1,326 miljard"),
        ({"kind": "percent", "value": 9.7}, "9,7%"),
        ({"kind": "date", "value": "2026-07-01"}, "1 juli 2026"),
        ({"kind": "year", "value": 2024}, "2024"),
        ({"kind": "count", "value": 25}, "25"),
    ],
)
def test_figures(fields: dict, expected: str) -> None:
    figure = Figure(id="x", label="x", source="analyse", **fields)
    assert figure_value(figure) == expected


def test_figure_markers_become_unbreakable_values_and_text_is_escaped() -> None:
    figure = Figure(id="jeugd", label="Jeugd", kind="money", value=511, scale="miljoen", source="analyse")
    html = position_text("Geen <b>bezuiniging</b> van {fig:jeugd} & meer.", {"jeugd": figure})
    assert html == "Geen &lt;b&gt;bezuiniging&lt;/b&gt; van €\u00a0511\u00a0miljoen &amp; meer."
