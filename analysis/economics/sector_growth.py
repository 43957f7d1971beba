"""Sector growth before the solver: its history, the weights that add it up, reference paths.

- :class:`GrowthBaseline` and :func:`historical_baseline`: each sector's mean yearly growth
  g_i0 and its spread σ_i over the published years (:func:`baseline_years`: those up to the
  plan's base year, named outliers left out), against which the structure solver
  (:mod:`analysis.economics.closures`) judges a required growth rate;
- :func:`structure_weights`: the previous year's constant-price weights w_i revealed by the
  published contributions, rolled forward and put in the targets' structure convention;
- :func:`pattern_growth`: sector growth in a given year's pattern, scaled to an aggregate;
- :func:`fold_taxes_into_services`: four-part growth as three parts, taxes in services.

Sector keys are those of :mod:`analysis.economics.structure`; growth, weights and spreads are
fractions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.economics.checks import (
    ROUNDED_TOLERANCE,
    check_growth,
    check_positive,
    check_rate,
    check_sector_series,
    check_sectors_aligned,
    check_shares,
)
from analysis.economics.structure import convert_structure, implied_weights, project_shares
from analysis.economics.vintages import latest_vintage

BASELINE_SECTORS: tuple[str, ...] = ("industry_construction", "services", "agriculture")


# --- historical baseline --------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class GrowthBaseline:
    """Historical baseline growth g_i0 and its spread σ_i by sector (fractions).

    Parameters
    ----------
    growth : Series
        Mean yearly real growth by sector, fractions.
    sd : Series
        Sample standard deviation of yearly growth by sector, fractions, positive.
    years : dict of str to tuple of int
        The years behind each sector's figures.
    """

    growth: pd.Series
    sd: pd.Series
    years: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        growth = check_sector_series(self.growth, "baseline.growth")
        check_growth(growth.to_numpy(), "baseline.growth")
        sd = check_sectors_aligned(self.sd, "baseline.sd", list(growth.index), "baseline.growth")
        check_positive(sd.to_numpy(), "baseline.sd")
        object.__setattr__(self, "growth", growth)
        object.__setattr__(self, "sd", sd)
        object.__setattr__(self, "years", {k: tuple(v) for k, v in dict(self.years).items()})

    def for_sectors(self, keys: Iterable[str]) -> GrowthBaseline:
        """The baseline restricted to ``keys``; ValueError naming any sector it lacks."""
        keys = list(keys)
        missing = [k for k in keys if k not in self.growth.index]
        if missing:
            raise ValueError(
                f"baseline: no historical growth for sector(s) {missing}; "
                f"it has {list(self.growth.index)}"
            )
        years = {k: v for k, v in self.years.items() if k in keys}
        return GrowthBaseline(self.growth.reindex(keys), self.sd.reindex(keys), years)

    def to_frame(self) -> pd.DataFrame:
        """One row per sector: ``sector, baseline_growth, baseline_sd, n_years, years``."""
        years = [self.years.get(k, ()) for k in self.growth.index]
        return pd.DataFrame(
            {
                "sector": list(self.growth.index),
                "baseline_growth": self.growth.to_numpy(),
                "baseline_sd": self.sd.to_numpy(),
                "n_years": [len(y) for y in years],
                "years": [", ".join(str(y) for y in ys) for ys in years],
            }
        )


def _year(period: Any) -> int | None:
    text = str(period).strip()
    return int(text) if text.isdigit() and len(text) == 4 else None


def _sector_rows(series: pd.DataFrame, variable: str, sector: str, years: set[int]) -> pd.Series:
    """One sector's yearly values (percent) indexed by year; of several publications of a
    year, the latest (:func:`analysis.economics.vintages.latest_vintage`)."""
    rows = series[(series["variable"] == variable) & (series["sector"] == sector)]
    rows = rows.assign(year=[_year(p) for p in rows["period"]])
    rows = latest_vintage(rows[rows["year"].isin(years)], ["year"])
    return rows.set_index("year")["value"].astype(float).sort_index()


def baseline_years(
    series: pd.DataFrame,
    base_year: int,
    *,
    exclude: Iterable[int] = (),
    sectors: Iterable[str] = BASELINE_SECTORS,
    variable: str = "sector_growth",
) -> tuple[int, ...]:
    """The years of the historical baseline: published sector growth up to the base year.

    Parameters
    ----------
    series : DataFrame
        The long table of :func:`analysis.data.tables.load_series` (columns ``variable,
        sector, period`` at least).
    base_year : int
        The plan's base year: the last year the baseline may use (a plan is judged on what
        was known when it was made).
    exclude : iterable of int, default ()
        Named outlier years left out (a shock such as an epidemic, or the rebound after it),
        e.g. the plan pack's ``outlier_year_*`` assumptions.
    sectors : iterable of str, default industry_construction, services, agriculture
        A year counts when any of these sectors has a figure in it.
    variable : str, default "sector_growth"
        The series variable holding yearly real sector growth.

    Returns
    -------
    tuple of int
        The years in order.

    Raises
    ------
    ValueError
        If columns are missing or ``base_year`` is not a whole year.

    Notes
    -----
    Rule: every calendar year ``t ≤ base_year`` with a published yearly figure of
    ``variable`` for one of ``sectors``, less the years in ``exclude``. Bắc Giang, base year
    2023: sector growth is published for 2016–2019 (Statistics Office table of October 2019)
    and 2023 (provincial report), not for 2020–2022, so the years are 2016, 2017, 2018, 2019
    and 2023 whether or not the outbreak year 2021 is excluded.
    """
    missing = [c for c in ("variable", "sector", "period") if c not in series.columns]
    if missing:
        raise ValueError(f"series: missing column(s) {missing}")
    if isinstance(base_year, bool) or not isinstance(base_year, int):
        raise ValueError(f"base_year: must be a whole year, got {base_year!r}")
    rows = series[(series["variable"] == variable) & series["sector"].isin(list(sectors))]
    left_out = {int(y) for y in exclude}
    years = {_year(p) for p in rows["period"]} - {None}
    return tuple(sorted(y for y in years if y <= base_year and y not in left_out))


def historical_baseline(
    series: pd.DataFrame,
    *,
    years: Iterable[int],
    sectors: Iterable[str] = BASELINE_SECTORS,
    variable: str = "sector_growth",
) -> GrowthBaseline:
    """Baseline sector growth g_i0 and spread σ_i from the published series.

    Parameters
    ----------
    series : DataFrame
        The long table of :func:`analysis.data.tables.load_series` (columns ``variable, sector,
        period, value`` at least; values in percent).
    sectors : iterable of str, default industry_construction, services, agriculture
        Sectors to summarise.
    years : iterable of int
        Years to use (:func:`baseline_years`); a sector uses those of them that are
        published.
    variable : str, default "sector_growth"
        The series variable holding yearly real sector growth in percent.

    Returns
    -------
    GrowthBaseline
        Mean, sample standard deviation (fractions) and the years used, by sector.

    Raises
    ------
    ValueError
        If columns are missing, a sector has fewer than 2 published years (no spread), or the
        spread is zero. A year published twice counts once, its latest publication.

    Notes
    -----
    ``g_i0 = mean_t g_{i,t}`` and ``σ_i = sqrt(Σ_t (g_{i,t} − g_i0)² / (T − 1))`` over the
    published years t (sample standard deviation, ddof = 1). With the years of base year 2023
    (2016–2019 from the Statistics Office table of October 2019, 2019 an estimate; 2023 from
    the provincial report; 2020–2022 sector growth is not published in the sources used):
    industry-construction 21.57 % ± 3.73, services 7.17 % ± 0.80, agriculture 2.15 % ± 2.92.
    Five years measure a spread only roughly (a 95 % interval for σ from 5 normal draws runs
    from about 0.6 to 2.9 times the sample figure), so read z near the limit with care.

    Services growth is published without product taxes. In the ``taxes_in_services``
    convention it stands for services with taxes folded in: taxes are about a tenth of that
    line and grew at a similar rate (2023: services 6.56 %, taxes 7.14 %, combined 6.62 %).

    References
    ----------
    Methodology reference, section 4; published_series.csv (variable ``sector_growth``).
    """
    missing = [c for c in ("variable", "sector", "period", "value") if c not in series.columns]
    if missing:
        raise ValueError(f"series: missing column(s) {missing}")
    wanted = {int(y) for y in years}
    growth, sd, used = {}, {}, {}
    for sector in sectors:
        values = _sector_rows(series, variable, sector, wanted)
        if len(values) < 2:
            raise ValueError(
                f"series: sector '{sector}' needs '{variable}' in at least 2 of the years "
                f"{sorted(wanted)} to measure a spread, got {list(values.index)}"
            )
        growth[sector] = values.mean() / 100.0
        sd[sector] = values.std(ddof=1) / 100.0
        used[sector] = tuple(int(y) for y in values.index)
    return GrowthBaseline(pd.Series(growth), pd.Series(sd), used)


# --- weights in the targets' convention -----------------------------------------------------


def structure_weights(
    contributions: Any,
    sector_growth: Any,
    *,
    convention: str = "taxes_in_services",
    roll_forward: bool = True,
    tol: float = ROUNDED_TOLERANCE,
) -> pd.Series:
    """Previous-year constant-price weights in a three- or four-part convention.

    Parameters
    ----------
    contributions : Series or dict
        Published contributions to growth of the four parts of GRDP (industry_construction,
        services, agriculture, product_taxes), fractions (11.88 points → 0.1188).
    sector_growth : Series or dict
        Published real growth of the same parts in the same year, fractions.
    convention : {"taxes_in_services", "gso4", "gva_only"}, default "taxes_in_services"
        Convention of the result; it must match the shares the weights are used with.
    roll_forward : bool, default True
        Move the revealed weights on by one year with the same growth (see Notes).
    tol : float, default ROUNDED_TOLERANCE
        Tolerance on the sum of the revealed weights (rounded published figures).

    Returns
    -------
    Series
        Weights summing to exactly 1.

    Raises
    ------
    ValueError
        As :func:`analysis.economics.structure.implied_weights` and
        :func:`analysis.economics.structure.convert_structure`.

    Notes
    -----
    A year's contributions reveal the weights of the year before: ``w_{i,t−1} = c_i / g_i``
    (2023: 0.6887 / 0.1677 / 0.1217 / taxes 0.0210 of 2022 GRDP at constant prices, sum
    0.9991 by rounding). Next year's growth needs this year's weights,
    ``w_{i,t} = w_{i,t−1}(1 + g_i) / Σ_j w_{j,t−1}(1 + g_j)``: for 2023 → 0.7124 / 0.1576 /
    0.1102 / 0.0199. Folding product taxes into services (``taxes_in_services``, the
    convention of the 2024 targets and the 2023 shares 65.7 / 21.3 / 13.0) gives
    0.7124 / 0.1775 / 0.1102. With ``roll_forward=False`` the revealed weights are only
    rescaled to sum to 1.

    References
    ----------
    Methodology reference, sections 1, 2 and 4.
    """
    weights = check_sector_series(implied_weights(contributions, sector_growth), "weights")
    growth = check_sectors_aligned(
        sector_growth, "sector_growth", list(weights.index), "contributions"
    )
    check_shares(weights.to_numpy(), "weights", tol, list(weights.index))
    moved = growth if roll_forward else 0.0 * growth
    rolled = project_shares(weights / weights.sum(), moved)
    converted = check_sector_series(convert_structure(rolled, "gso4", convention), "weights")
    return converted / converted.sum()


# --- sector growth paths --------------------------------------------------------------------


def pattern_growth(weights: Any, pattern: Any, target_growth: float) -> pd.Series:
    """Sector growth in a given pattern, scaled so that it adds up to ``target_growth``.

    The reference path "each sector grows as it did in the pattern year, all scaled
    together to the scenario's aggregate growth".

    Parameters
    ----------
    weights : Series or dict
        Previous-year constant-price weights w_i (summing to 1 within ``ROUNDED_TOLERANCE``).
    pattern : Series or dict
        Sector growth of the pattern (e.g. 2023), fractions, same sectors.
    target_growth : float
        The aggregate growth g* the result must reach, fraction.

    Returns
    -------
    Series
        ``g_i = k (1 + g_i^pattern) − 1`` with ``k = (1 + g*) / Σ w_i (1 + g_i^pattern)``, so
        that ``Σ w_i (1 + g_i) = 1 + g*`` exactly (relative growth factors keep their ratio).

    Raises
    ------
    ValueError
        On weights that do not sum to 1, mismatched sectors, or growth at or below −100 %.
    """
    w = check_sector_series(weights, "weights")
    check_shares(w.to_numpy(), "weights", ROUNDED_TOLERANCE, list(w.index))
    w = w / w.sum()
    g0 = check_sectors_aligned(pattern, "pattern", list(w.index), "weights")
    check_growth(g0.to_numpy(), "pattern")
    g = check_rate(target_growth, "target_growth")
    k = (1.0 + g) / float((w * (1.0 + g0)).sum())
    return k * (1.0 + g0) - 1.0


def fold_taxes_into_services(sector_growth: Any, weights: Any) -> pd.Series:
    """Four-part sector growth as three parts, product taxes folded into services.

    Parameters
    ----------
    sector_growth : Series or dict
        Growth of industry_construction, services, agriculture and product_taxes, fractions.
    weights : Series or dict
        Their previous-year constant-price weights in the ``gso4`` convention.

    Returns
    -------
    Series
        industry_construction, services (with taxes) and agriculture growth, where
        ``g_services' = (w_s g_s + w_t g_t) / (w_s + w_t)``, the growth of the combined line.

    Raises
    ------
    ValueError
        On missing sectors or weights of services and taxes that sum to zero.
    """
    g = check_sector_series(sector_growth, "sector_growth")
    w = check_sectors_aligned(weights, "weights", list(g.index), "sector_growth")
    needed = ["industry_construction", "services", "agriculture", "product_taxes"]
    missing = [s for s in needed if s not in g.index]
    if missing:
        raise ValueError(f"sector_growth: needs the four parts {needed}, missing {missing}")
    combined_weight = w["services"] + w["product_taxes"]
    if combined_weight <= 0:
        raise ValueError("weights: services and product_taxes must have a positive weight")
    services = (w["services"] * g["services"] + w["product_taxes"] * g["product_taxes"]) / (
        combined_weight
    )
    return pd.Series(
        {
            "industry_construction": g["industry_construction"],
            "services": services,
            "agriculture": g["agriculture"],
        }
    )
