"""The published record a scenario's assumptions are judged plausible against.

Reads ``data/raw/published_series.csv`` (:func:`analysis.data.tables.load_series`) for the years
up to the plan's base year and turns each record into a plausible range with
:func:`analysis.economics.plausibility.record_range`:

=====================  ======================================================================
range                  record (every published year up to the base year, fractions)
=====================  ======================================================================
``growth``             the province's real GRDP growth (``grdp_growth``)
``sector_growth.<s>``  real growth of each part of GRDP (``sector_growth``, sector ``<s>``)
``deflator``           GRDP deflator changes: the national ones implied by ``vn_gdp_nominal``
                       and ``vn_gdp_growth``, the province's by ``grdp_current_prices`` and
                       ``grdp_growth``
``depreciation``       changes of the VND per USD rate implied by ``vn_gdp_nominal`` /
                       ``vn_gdp_usd`` (trillion VND / bn USD x 1000)
``population_growth``  the province's population growth: between published yearly levels
                       (annualised over a gap; a level stated as a bound, ``above`` or
                       ``below``, is left out) and from ``population_change`` on the previous
                       year's level
=====================  ======================================================================

Each is widened by :data:`MARGINS`. A record with no figure gives no range (the check is then
not made, and :func:`plausible_ranges` leaves the key out).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pandas as pd

from analysis.data.scenarios import SECTORS
from analysis.economics.consistency_per_head import implied_deflators
from analysis.economics.plausibility import PlausibleRange, record_range
from analysis.economics.vintages import latest_vintage

BOUND_QUALIFIERS: tuple[str, ...] = ("above", "below")
"""Qualifiers of a published level that is a bound, not a value (``above 1.9 million``)."""


@dataclass(frozen=True)
class Margin:
    """How far a plausible range reaches beyond its record: ``max(k s, m)`` on each side.

    Attributes
    ----------
    sd_multiple : float
        k, standard deviations of the record.
    minimum : float
        m, the least margin, fraction (0.05: 5 points).
    """

    sd_multiple: float
    minimum: float


MARGINS: dict[str, Margin] = {
    "growth": Margin(2.0, 0.05),
    "sector_growth": Margin(2.0, 0.05),
    "deflator": Margin(2.0, 0.05),
    "depreciation": Margin(2.0, 0.05),
    "population_growth": Margin(2.0, 0.01),
}
"""The stated margins: two standard deviations of the record, at least 5 points for growth,
prices and the exchange rate (a scenario may be a stress case beyond the worst year on record;
a slip of a factor of 10 or 100 lands far beyond), at least 1 point for population growth,
which moves by tenths of a point from year to year."""


def _yearly(series: pd.DataFrame, variable: str, sector: str = "total") -> pd.DataFrame:
    """Rows of one variable whose period is a year, as int years; of several publications of
    a year, the latest (:func:`analysis.economics.vintages.latest_vintage`)."""
    rows = series[(series["variable"] == variable) & (series["sector"] == sector)]
    rows = rows[rows["period"].astype(str).str.strip().str.fullmatch(r"\d{4}")]
    rows = rows.assign(year=rows["period"].astype(str).str.strip().astype(int))
    return latest_vintage(rows, ["year"]).sort_values("year")


def _values(series: pd.DataFrame, variable: str, sector: str = "total") -> pd.Series:
    rows = _yearly(series, variable, sector)
    return pd.Series(rows["value"].astype(float).to_numpy(), index=rows["year"], dtype=float)


def _up_to(values: pd.Series, base_year: int) -> pd.Series:
    return values[values.index <= base_year]


def growth_record(series: pd.DataFrame, base_year: int) -> pd.Series:
    """The province's real GRDP growth by year up to ``base_year``, fractions."""
    return _up_to(_values(series, "grdp_growth") / 100.0, base_year)


def sector_growth_record(series: pd.DataFrame, sector: str, base_year: int) -> pd.Series:
    """Real growth of one part of GRDP by year up to ``base_year``, fractions."""
    return _up_to(_values(series, "sector_growth", sector) / 100.0, base_year)


def deflator_record(series: pd.DataFrame, base_year: int) -> pd.Series:
    """GRDP deflator changes up to ``base_year``, national then provincial, fractions.

    Index ``("national", year)`` and ``("province", year)``. The province's early figures
    (2018, 2019) rest on nominal estimates of mixed vintages and come out at 6-10 %: they widen
    the range, which suits a check meant to catch slips rather than judge an assumption.
    """
    parts = {
        "national": implied_deflators(
            _values(series, "vn_gdp_nominal"), _values(series, "vn_gdp_growth") / 100.0
        ),
        "province": implied_deflators(
            _values(series, "grdp_current_prices"), _values(series, "grdp_growth") / 100.0
        ),
    }
    kept = {name: _up_to(values, base_year) for name, values in parts.items()}
    return pd.concat(kept) if any(len(v) for v in kept.values()) else pd.Series(dtype=float)


def exchange_rates(series: pd.DataFrame) -> pd.Series:
    """VND per USD by year implied by national GDP in VND and in USD.

    ``rate = vn_gdp_nominal (trillion VND) / vn_gdp_usd (bn USD) x 1000``: 2023,
    10,221.8 / 430 x 1000 = 23,772.
    """
    vnd, usd = _values(series, "vn_gdp_nominal"), _values(series, "vn_gdp_usd")
    years = vnd.index.intersection(usd.index)
    return (vnd[years] / usd[years] * 1000.0).sort_index()


def depreciation_record(series: pd.DataFrame, base_year: int) -> pd.Series:
    """Yearly changes of the implied VND per USD rate up to ``base_year``, fractions.

    ``e_t = rate_t / rate_{t-1} - 1`` for consecutive years: 2023, 23,772 / 23,260 - 1 = 2.2 %.
    """
    rates = exchange_rates(series)
    out = {
        int(y): rates[y] / rates[y - 1] - 1.0
        for y in rates.index
        if y - 1 in rates.index and y <= base_year
    }
    return pd.Series(out, dtype=float)


def population_growth_record(series: pd.DataFrame, base_year: int) -> pd.Series:
    """The province's population growth by year up to ``base_year``, fractions.

    Between published levels ``(P_t / P_s)^(1/(t-s)) - 1`` (2020 → 2022: 1,841,624 →
    1,890,000, 1.30 % a year); where ``population_change`` is published, ``ΔP_t / P_{t-1}``
    in its place (2023: 31,800 / 1,890,000 = 1.68 %).
    """
    rows = _yearly(series, "population")
    rows = rows[~rows["qualifier"].isin(BOUND_QUALIFIERS)]
    levels = pd.Series(rows["value"].astype(float).to_numpy(), index=rows["year"], dtype=float)
    out: dict[int, float] = {}
    years = list(levels.index)
    for before, after in itertools.pairwise(years):
        out[int(after)] = (levels[after] / levels[before]) ** (1.0 / (after - before)) - 1.0
    change = _values(series, "population_change")
    for year, value in change.items():
        if year - 1 in levels.index:
            out[int(year)] = value / levels[year - 1]
    return _up_to(pd.Series(out, dtype=float).sort_index(), base_year)


def _years(values: pd.Series) -> str:
    years = sorted({int(i[-1] if isinstance(i, tuple) else i) for i in values.index})
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


RECORD_WORDS: dict[str, str] = {
    "growth": "the province's real GRDP growth",
    "deflator": "GRDP deflator changes (national and the province's, implied)",
    "depreciation": "changes of the VND per USD rate implied by national GDP in VND and USD",
    "population_growth": "the province's population growth",
}
"""The records in words, for the basis of each range."""

SECTOR_WORDS: dict[str, str] = {
    "industry_construction": "industry and construction",
    "services": "services",
    "agriculture": "agriculture, forestry and fishery",
    "product_taxes": "product taxes less subsidies",
}
"""The parts of GRDP in words, for the basis of their ranges."""


def _range(key: str, record: pd.Series, margin: Margin, words: str) -> PlausibleRange | None:
    if record.empty:
        return None
    return record_range(
        record.to_numpy(),
        sd_multiple=margin.sd_multiple,
        min_margin=margin.minimum,
        what=f"{words} {_years(record)}",
    )


def plausible_ranges(series: pd.DataFrame, base_year: int) -> dict[str, PlausibleRange]:
    """Every plausible range a scenario is checked against (see the module table).

    Parameters
    ----------
    series : DataFrame
        :func:`analysis.data.tables.load_series`.
    base_year : int
        The plan's base year: the record stops there.

    Returns
    -------
    dict of str to PlausibleRange
        Keys ``growth``, ``sector_growth.<sector>`` (those with a record), ``deflator``,
        ``depreciation``, ``population_growth``; a record without figures has no key. Ranges
        are fractions.
    """
    records = {
        "growth": growth_record(series, base_year),
        "deflator": deflator_record(series, base_year),
        "depreciation": depreciation_record(series, base_year),
        "population_growth": population_growth_record(series, base_year),
    }
    ranges = {k: _range(k, v, MARGINS[k], RECORD_WORDS[k]) for k, v in records.items()}
    for sector in SECTORS:
        record = sector_growth_record(series, sector, base_year)
        words = f"the province's real growth of {SECTOR_WORDS[sector]}"
        ranges[f"sector_growth.{sector}"] = _range(
            "sector_growth", record, MARGINS["sector_growth"], words
        )
    return {k: v for k, v in ranges.items() if v is not None}


__all__ = [
    "MARGINS",
    "Margin",
    "deflator_record",
    "depreciation_record",
    "exchange_rates",
    "growth_record",
    "plausible_ranges",
    "population_growth_record",
    "sector_growth_record",
]
