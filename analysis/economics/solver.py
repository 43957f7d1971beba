"""The structure solver: sector growth and prices that reach a target structure and growth.

A target structure (current-price shares s_i') and a target real growth g* do not pin down
sector growth g_i and sector price changes p_i on their own (methodology §4): the solver
needs a stated closure. Three are offered, each returning a :class:`StructureSolution`:

- :func:`equal_prices` (closure A): every sector's price changes by the same amount;
- :func:`given_growth` (closure B): sector growth is given (a department's plan); the
  relative prices the target shares need follow;
- :func:`min_deviation` (closure C): sector growth as close as possible to its history and
  relative prices as close as possible to unchanged, in units of historical spread.

In every closure the sector growth determines the rest. With the previous current-price
shares s_i, the previous constant-price weights w_i, a GRDP deflator change π and target
shares s_i' (summing to 1), the price change that makes sector i's share land on s_i' is

    1 + p_i = (1 + π)(1 + g) s_i' / (s_i (1 + g_i)),   1 + g = Σ_i w_i (1 + g_i),

because then ``1 + N = Σ s_i (1 + g_i)(1 + p_i) = (1 + π)(1 + g)``. The level of prices
(π) is not fixed by shares and growth: it is an input (for the 2024 targets, the deflator
that reconciles the growth and per-head targets,
:func:`analysis.economics.growth.required_deflator`).
Relative prices ``(1 + p_i)/(1 + π)`` do not depend on it.

Sector keys are those of :mod:`analysis.economics.structure`. Shares, weights, growth and price
changes are fractions. All inputs of one call must use one structure convention: for the
2024 targets (68 / 20.6 / 11.4, ``taxes_in_services``) the 2023 shares 65.7 / 21.3 / 13.0 and
the weights with product taxes folded into services (:func:`structure_weights`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize

from analysis.economics.checks import (
    check_finite,
    check_growth,
    check_positive,
    check_same_keys,
    check_shares,
)
from analysis.economics.structure import convert_structure, implied_weights, project_shares

CLOSURES: tuple[str, ...] = ("equal_prices", "given_growth", "min_deviation")
"""Closure names, as they appear in :attr:`StructureSolution.closure`."""

VERDICTS: tuple[str, ...] = ("consistent", "stretched", "inconsistent")

Z_LIMIT = 2.0
"""Historical standard deviations beyond which a required growth rate is 'stretched'."""

ROUNDED_TOLERANCE = 0.005
"""Default tolerance on sums of shares and weights: published shares are rounded to 0.1 pt
and contributions to 0.01 pt, so their sums miss 1 by up to a few tenths of a point."""

DEFAULT_PRICE_SD = 0.05
"""Assumed spread of a sector's yearly relative price change (log points) in closure C.

Bắc Giang publishes no sector deflators, so the spread cannot be estimated from the
province's record; 5 % is an explicit assumption. The one year that can be read off the
data, 2022 → 2023 (structures 62.3 / 22.8 / 14.9 and 65.7 / 21.3 / 13.0 with taxes in
services, and the 2023 sector growth), gives relative prices of industry-construction
+2.0 %, services −0.6 %, agriculture −3.6 % against the GRDP deflator. Pass the planners'
own figure as ``price_sd``."""

BASELINE_YEARS: tuple[int, ...] = (2016, 2017, 2018, 2019, 2023)
"""Years with published sector growth (Statistics Office table of 10/2019; 2023 report)."""

BASELINE_SECTORS: tuple[str, ...] = ("industry_construction", "services", "agriculture")

_LOWEST_GROWTH = -0.9  # closure C's search floor; a solution there counts as none


# --- inputs -----------------------------------------------------------------------------------


def _sector_series(value: Any, name: str) -> pd.Series:
    """A sector-keyed input as a float Series (keys as str); refuse other types and NaN."""
    if isinstance(value, pd.Series):
        series = value
    elif isinstance(value, Mapping):
        series = pd.Series(dict(value), dtype=float)
    else:
        raise ValueError(
            f"{name}: must be a pandas Series or dict keyed by sector, got {type(value).__name__}"
        )
    if series.empty:
        raise ValueError(f"{name}: must hold at least one sector")
    keys = [str(k) for k in series.index]
    check_same_keys(keys, keys, name, name)  # refuses duplicate keys
    return pd.Series(check_finite(series.to_numpy(), name), index=keys, dtype=float)


def _aligned(value: Any, name: str, keys: list[str], name_keys: str) -> pd.Series:
    series = _sector_series(value, name)
    check_same_keys(keys, list(series.index), name_keys, name)
    return series.reindex(keys)


def _shares(value: Any, name: str, keys: list[str] | None, tol: float) -> pd.Series:
    """Shares checked (non-negative, sum 1 within ``tol``) and rescaled to sum exactly 1."""
    series = _sector_series(value, name) if keys is None else _aligned(value, name, keys, "shares")
    arr = check_shares(series.to_numpy(), name, tol, list(series.index))
    return pd.Series(arr / arr.sum(), index=series.index)


@dataclass(frozen=True)
class _Inputs:
    shares: pd.Series
    weights: pd.Series
    target_shares: pd.Series


def _structure_inputs(shares: Any, weights: Any, target_shares: Any, tol: float) -> _Inputs:
    if not 0.0 <= tol < 0.1:
        raise ValueError(f"tol: must be in [0, 0.1), got {tol!r}")
    s = _shares(shares, "shares", None, tol)
    check_positive(s.to_numpy(), "shares")
    keys = list(s.index)
    return _Inputs(
        s,
        _shares(weights, "weights", keys, tol),
        _shares(target_shares, "target_shares", keys, tol),
    )


def _rate(value: Any, name: str) -> float:
    arr = check_growth(value, name)
    if arr.ndim != 0:
        raise ValueError(f"{name}: must be a single number, got shape {arr.shape}")
    return float(arr)


def _z_limit(value: Any) -> float:
    arr = check_positive(value, "z_limit")
    if arr.ndim != 0:
        raise ValueError(f"z_limit: must be a single number, got shape {arr.shape}")
    return float(arr)


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
        growth = _sector_series(self.growth, "baseline.growth")
        check_growth(growth.to_numpy(), "baseline.growth")
        sd = _aligned(self.sd, "baseline.sd", list(growth.index), "baseline.growth")
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
    """One sector's yearly values (percent) indexed by year; duplicates are refused."""
    rows = series[(series["variable"] == variable) & (series["sector"] == sector)]
    rows = rows.assign(year=[_year(p) for p in rows["period"]])
    rows = rows[rows["year"].isin(years)]
    dupes = sorted(rows.loc[rows["year"].duplicated(), "year"].unique().tolist())
    if dupes:
        raise ValueError(
            f"series: more than one '{variable}' figure for sector '{sector}' in year(s) "
            f"{dupes}; keep one vintage per year"
        )
    return rows.set_index("year")["value"].astype(float).sort_index()


def historical_baseline(
    series: pd.DataFrame,
    *,
    sectors: Iterable[str] = BASELINE_SECTORS,
    years: Iterable[int] = BASELINE_YEARS,
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
    years : iterable of int, default 2016, 2017, 2018, 2019, 2023
        Years to use; a sector uses those of them that are published.
    variable : str, default "sector_growth"
        The series variable holding yearly real sector growth in percent.

    Returns
    -------
    GrowthBaseline
        Mean, sample standard deviation (fractions) and the years used, by sector.

    Raises
    ------
    ValueError
        If columns are missing, a sector has fewer than 2 published years (no spread), a
        year has more than one figure, or the spread is zero.

    Notes
    -----
    ``g_i0 = mean_t g_{i,t}`` and ``σ_i = sqrt(Σ_t (g_{i,t} − g_i0)² / (T − 1))`` over the
    published years t (sample standard deviation, ddof = 1). With the default years
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
    weights = _sector_series(implied_weights(contributions, sector_growth), "weights")
    growth = _aligned(sector_growth, "sector_growth", list(weights.index), "contributions")
    check_shares(weights.to_numpy(), "weights", tol, list(weights.index))
    moved = growth if roll_forward else 0.0 * growth
    rolled = project_shares(weights / weights.sum(), moved)
    converted = _sector_series(convert_structure(rolled, "gso4", convention), "weights")
    return converted / converted.sum()


# --- the result -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class StructureSolution:
    """What one closure of the structure solver found.

    Sector-keyed fields are Series indexed by sector; rates are fractions.

    Attributes
    ----------
    closure : str
        ``"equal_prices"``, ``"given_growth"`` or ``"min_deviation"``.
    growth : Series
        Real growth g_i of each sector.
    price_change : Series
        Price change p_i of each sector.
    relative_price : Series
        ``(1 + p_i)/(1 + π) − 1``, the sector's price change relative to the GRDP deflator.
    shares : Series
        Current-price shares that result from growth and prices (the target when solved).
    previous_shares, weights, target_shares : Series
        The inputs s_i, w_i and s_i' (rescaled to sum to 1).
    baseline_growth, baseline_sd, z : Series
        g_i0, σ_i and ``z_i = (g_i − g_i0)/σ_i``.
    aggregate_growth : float
        ``Σ w_i (1 + g_i) − 1``.
    target_growth : float
        g* (NaN when none was given).
    nominal_growth : float
        ``1 + N = Σ s_i (1 + g_i)(1 + p_i)``.
    deflator : float
        ``(1 + N)/(1 + g) − 1``.
    verdict : str
        ``"consistent"`` (every |z| ≤ limit), ``"stretched"`` (some |z| > limit) or
        ``"inconsistent"`` (no solution).
    notes : tuple of str
        What a planner should know about this solution.
    """

    closure: str
    growth: pd.Series
    price_change: pd.Series
    relative_price: pd.Series
    shares: pd.Series
    previous_shares: pd.Series
    weights: pd.Series
    target_shares: pd.Series
    baseline_growth: pd.Series
    baseline_sd: pd.Series
    z: pd.Series
    aggregate_growth: float
    target_growth: float
    nominal_growth: float
    deflator: float
    verdict: str
    notes: tuple[str, ...] = ()

    @property
    def growth_gap(self) -> float:
        """Aggregate growth minus the target (NaN when no target was given)."""
        return self.aggregate_growth - self.target_growth

    def to_frame(self) -> pd.DataFrame:
        """One row per sector with growth, baseline, z, prices and shares (fractions).

        Columns: ``closure, sector, growth, baseline_growth, baseline_sd, z, price_change,
        relative_price, previous_share, share, target_share, weight, verdict``.
        """
        return pd.DataFrame(
            {
                "closure": self.closure,
                "sector": list(self.growth.index),
                "growth": self.growth.to_numpy(),
                "baseline_growth": self.baseline_growth.to_numpy(),
                "baseline_sd": self.baseline_sd.to_numpy(),
                "z": self.z.to_numpy(),
                "price_change": self.price_change.to_numpy(),
                "relative_price": self.relative_price.to_numpy(),
                "previous_share": self.previous_shares.to_numpy(),
                "share": self.shares.to_numpy(),
                "target_share": self.target_shares.to_numpy(),
                "weight": self.weights.to_numpy(),
                "verdict": self.verdict,
            }
        )

    def summary(self) -> pd.Series:
        """The aggregate figures: growth, target, gap, nominal growth, deflator, max |z|."""
        return pd.Series(
            {
                "aggregate_growth": self.aggregate_growth,
                "target_growth": self.target_growth,
                "growth_gap": self.growth_gap,
                "nominal_growth": self.nominal_growth,
                "deflator": self.deflator,
                "max_abs_z": float(self.z.abs().max()) if self.z.notna().any() else np.nan,
            },
            name=self.closure,
        )


def _verdict(z: pd.Series, z_limit: float) -> str:
    return "stretched" if bool((z.abs() > z_limit).any()) else "consistent"


def _stretched_note(z: pd.Series, z_limit: float) -> tuple[str, ...]:
    far = z[z.abs() > z_limit]
    return tuple(
        f"{sector}: required growth lies {value:+.1f} historical standard deviations "
        f"from its baseline (limit {z_limit:g})"
        for sector, value in far.items()
    )


def _solution(
    closure: str,
    growth: pd.Series,
    inputs: _Inputs,
    baseline: GrowthBaseline,
    *,
    deflator: float,
    target_growth: float,
    z_limit: float,
    notes: tuple[str, ...] = (),
) -> StructureSolution:
    """Prices, shares, aggregates and verdict that follow from the sector growth."""
    s, w, t = inputs.shares, inputs.weights, inputs.target_shares
    real = float((w * (1.0 + growth)).sum())
    relative = t * real / (s * (1.0 + growth))
    price = (1.0 + deflator) * relative - 1.0
    nominal_parts = s * (1.0 + growth) * (1.0 + price)
    nominal = float(nominal_parts.sum())
    z = (growth - baseline.growth) / baseline.sd
    return StructureSolution(
        closure=closure,
        growth=growth,
        price_change=price,
        relative_price=relative - 1.0,
        shares=nominal_parts / nominal,
        previous_shares=s,
        weights=w,
        target_shares=t,
        baseline_growth=baseline.growth,
        baseline_sd=baseline.sd,
        z=z,
        aggregate_growth=real - 1.0,
        target_growth=target_growth,
        nominal_growth=nominal - 1.0,
        deflator=nominal / real - 1.0,
        verdict=_verdict(z, z_limit),
        notes=notes + _stretched_note(z, z_limit),
    )


def _no_solution(
    closure: str, inputs: _Inputs, baseline: GrowthBaseline, target_growth: float, why: str
) -> StructureSolution:
    """An 'inconsistent' result: every solved figure NaN, the reason in the notes."""
    nan = pd.Series(np.nan, index=inputs.shares.index)
    return StructureSolution(
        closure=closure,
        growth=nan,
        price_change=nan,
        relative_price=nan,
        shares=nan,
        previous_shares=inputs.shares,
        weights=inputs.weights,
        target_shares=inputs.target_shares,
        baseline_growth=baseline.growth,
        baseline_sd=baseline.sd,
        z=nan,
        aggregate_growth=np.nan,
        target_growth=target_growth,
        nominal_growth=np.nan,
        deflator=np.nan,
        verdict="inconsistent",
        notes=(why,),
    )


def _unreachable(inputs: _Inputs) -> str | None:
    """Why the target shares cannot be reached whatever the growth, or None."""
    zero = inputs.target_shares[inputs.target_shares <= 0.0]
    if zero.empty:
        return None
    return (
        f"target_shares: a share of zero for {list(zero.index)} needs the sector's output "
        "to vanish (1 + g_i = 0 or a 100 % price fall): unreachable"
    )


def _prepare(
    shares: Any, weights: Any, target_shares: Any, baseline: GrowthBaseline, tol: float
) -> tuple[_Inputs, GrowthBaseline]:
    if not isinstance(baseline, GrowthBaseline):
        raise ValueError(
            f"baseline: must be a GrowthBaseline (see historical_baseline), "
            f"got {type(baseline).__name__}"
        )
    inputs = _structure_inputs(shares, weights, target_shares, tol)
    return inputs, baseline.for_sectors(inputs.shares.index)


# --- closure A ------------------------------------------------------------------------------


def equal_prices(
    shares: Any,
    weights: Any,
    target_shares: Any,
    *,
    target_growth: float,
    deflator: float,
    baseline: GrowthBaseline,
    z_limit: float = Z_LIMIT,
    tol: float = ROUNDED_TOLERANCE,
) -> StructureSolution:
    """Closure A: the sector growth that reaches the target shares with equal price changes.

    Parameters
    ----------
    shares : Series or dict
        Previous year's current-price shares s_i, positive, summing to 1 within ``tol``.
    weights : Series or dict
        Previous year's constant-price weights w_i (same convention and keys as ``shares``).
    target_shares : Series or dict
        Target current-price shares s_i', same keys.
    target_growth : float
        Target real growth g*, fraction.
    deflator : float
        GRDP deflator change π, fraction; fixes the level of the sector price changes.
    baseline : GrowthBaseline
        Historical g_i0 and σ_i (:func:`historical_baseline`) covering every sector.
    z_limit : float, default 2.0
        |z| above which a required growth rate is 'stretched'.
    tol : float, default ROUNDED_TOLERANCE
        Tolerance on the sums of shares and weights (they are then rescaled to sum to 1).

    Returns
    -------
    StructureSolution
        ``closure == "equal_prices"``; ``price_change`` is the same for every sector.

    Raises
    ------
    ValueError
        On sector keys that differ, shares or weights that are negative or do not sum to 1,
        a previous share of zero, a rate at or below −1, or a baseline lacking a sector.

    Notes
    -----
    With p_i = p for all i, ``s_i' = s_i (1 + g_i)(1 + p)/(1 + N)`` and
    ``1 + N = (1 + p) Σ s_j (1 + g_j)``, so p cancels:
    ``s_i' = s_i (1 + g_i) / Σ_j s_j (1 + g_j)``, i.e. ``1 + g_i = k s_i'/s_i``.
    The growth target fixes k: ``k = (1 + g*) / Σ_i w_i s_i'/s_i``.

    Then ``Σ s_i (1 + g_i) = k``, the nominal growth is ``1 + N = k (1 + p)`` and the GRDP
    deflator ``1 + π = (1 + N)/(1 + g*) = (1 + p) / Σ_i w_i s_i'/s_i``. So the common sector
    price change is ``1 + p = (1 + π) Σ_i w_i s_i'/s_i``: at fixed 2010 prices the deflator
    moves with the mix of output even when every sector price moves alike (s_i/w_i is the
    sector's price level relative to the average; growth shifted to low-price sectors lowers
    the deflator). Worked, 2024 targets on 2023 (weights 0.7124 / 0.1775 / 0.1102):
    ``Σ w s'/s = 1.00556``, ``k = 1.13868``: industry-construction +17.85 %, services
    +10.13 %, agriculture −0.15 %; sector prices rise 0.56 point more than the deflator.

    References
    ----------
    Methodology reference, section 4 (closure A).
    """
    g_star = _rate(target_growth, "target_growth")
    pi = _rate(deflator, "deflator")
    z_lim = _z_limit(z_limit)
    inputs, base = _prepare(shares, weights, target_shares, baseline, tol)
    why = _unreachable(inputs)
    if why:
        return _no_solution("equal_prices", inputs, base, g_star, why)
    ratio = inputs.target_shares / inputs.shares
    mix = float((inputs.weights * ratio).sum())
    growth = (1.0 + g_star) / mix * ratio - 1.0
    note = (
        f"every sector price changes by {(1.0 + pi) * mix - 1.0:+.4f}; the GRDP deflator by "
        f"{pi:+.4f} (mix effect Σ w s'/s = {mix:.5f})",
    )
    return _solution(
        "equal_prices",
        growth,
        inputs,
        base,
        deflator=pi,
        target_growth=g_star,
        z_limit=z_lim,
        notes=note,
    )


# --- closure B ------------------------------------------------------------------------------


def given_growth(
    shares: Any,
    weights: Any,
    target_shares: Any,
    *,
    sector_growth: Any,
    deflator: float,
    baseline: GrowthBaseline,
    target_growth: float | None = None,
    z_limit: float = Z_LIMIT,
    tol: float = ROUNDED_TOLERANCE,
) -> StructureSolution:
    """Closure B: the relative prices the target shares need, sector growth given.

    Parameters
    ----------
    shares, weights, target_shares : Series or dict
        As :func:`equal_prices`.
    sector_growth : Series or dict
        The given real growth g_i of each sector (a department's plan), fractions.
    deflator : float
        GRDP deflator change π, fraction.
    baseline : GrowthBaseline
        Historical g_i0 and σ_i covering every sector.
    target_growth : float, optional
        g*, to compare with the aggregate growth the sector plans add up to.
    z_limit, tol : float
        As :func:`equal_prices`.

    Returns
    -------
    StructureSolution
        ``closure == "given_growth"``; ``growth`` equals ``sector_growth``.

    Raises
    ------
    ValueError
        As :func:`equal_prices`; also if a given growth rate is at or below −1.

    Notes
    -----
    ``1 + g = Σ w_i (1 + g_i)``; the target shares need
    ``(1 + p_i)/(1 + π) = s_i' (1 + g) / (s_i (1 + g_i))`` and ``1 + p_i`` follows with π.
    The verdict judges the given growth against history (z); a gap between g and g* is
    reported in ``growth_gap`` and the notes.

    References
    ----------
    Methodology reference, section 4 (closure B).
    """
    pi = _rate(deflator, "deflator")
    g_star = np.nan if target_growth is None else _rate(target_growth, "target_growth")
    z_lim = _z_limit(z_limit)
    inputs, base = _prepare(shares, weights, target_shares, baseline, tol)
    growth = _aligned(sector_growth, "sector_growth", list(inputs.shares.index), "shares")
    check_growth(growth.to_numpy(), "sector_growth")
    why = _unreachable(inputs)
    if why:
        return _no_solution("given_growth", inputs, base, g_star, why)
    solution = _solution(
        "given_growth", growth, inputs, base, deflator=pi, target_growth=g_star, z_limit=z_lim
    )
    if np.isnan(g_star):
        return solution
    gap = (
        f"the sector plans add up to {solution.aggregate_growth:.4f} real growth against the "
        f"target {g_star:.4f} (gap {solution.growth_gap:+.4f})",
    )
    return replace(solution, notes=gap + solution.notes)


# --- closure C ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Problem:
    """Closure C in arrays: a = 1/σ², b = λ/τ², c = log(s'/s), w, g0, g*."""

    a: np.ndarray
    b: np.ndarray
    c: np.ndarray
    w: np.ndarray
    g0: np.ndarray
    g_star: float

    def objective(self, x: np.ndarray) -> float:
        g, kappa = x[:-1], x[-1]
        rho = self.c + kappa - np.log1p(g)
        return float(np.sum(self.a * (g - self.g0) ** 2) + np.sum(self.b * rho**2))

    def gradient(self, x: np.ndarray) -> np.ndarray:
        g, kappa = x[:-1], x[-1]
        rho = self.c + kappa - np.log1p(g)
        d_g = 2.0 * self.a * (g - self.g0) - 2.0 * self.b * rho / (1.0 + g)
        return np.append(d_g, 2.0 * np.sum(self.b * rho))

    def linearised(self) -> np.ndarray:
        """Solution with log(1 + g) ≈ g: the KKT system of a quadratic programme."""
        n = self.a.size
        m = np.zeros((n + 2, n + 2))
        m[:n, :n] = np.diag(2.0 * (self.a + self.b))
        m[:n, n] = -2.0 * self.b
        m[:n, n + 1] = -self.w
        m[n, :n] = -self.b
        m[n, n] = self.b.sum()
        m[n + 1, :n] = self.w
        rhs = np.concatenate(
            [2.0 * (self.a * self.g0 + self.b * self.c), [-np.sum(self.b * self.c)], [self.g_star]]
        )
        return np.linalg.lstsq(m, rhs, rcond=None)[0][: n + 1]


def _price_sd(price_sd: Any, keys: list[str]) -> np.ndarray:
    if isinstance(price_sd, (pd.Series, Mapping)):
        return check_positive(_aligned(price_sd, "price_sd", keys, "shares").to_numpy(), "price_sd")
    value = check_positive(price_sd, "price_sd")
    if value.ndim != 0:
        raise ValueError(
            f"price_sd: must be a number or a Series by sector, got shape {value.shape}"
        )
    return np.full(len(keys), float(value))


def _solve_min_deviation(problem: _Problem) -> tuple[np.ndarray | None, str]:
    """Run SLSQP from the linearised solution; return (growth, "") or (None, why)."""
    start = problem.linearised()
    start[:-1] = np.maximum(start[:-1], _LOWEST_GROWTH + 0.05)
    n = problem.a.size
    constraint = {
        "type": "eq",
        "fun": lambda x: float(problem.w @ x[:-1] - problem.g_star),
        "jac": lambda x: np.append(problem.w, 0.0),
    }
    scale = float(problem.a.sum() + problem.b.sum())  # keeps SLSQP's tolerances meaningful
    result = optimize.minimize(
        lambda x: problem.objective(x) / scale,
        start,
        jac=lambda x: problem.gradient(x) / scale,
        method="SLSQP",
        bounds=[(_LOWEST_GROWTH, None)] * n + [(None, None)],
        constraints=[constraint],
        options={"ftol": 1e-15, "maxiter": 500},
    )
    g = result.x[:-1]
    if not result.success:
        return None, f"the optimiser found no solution: {result.message}"
    if abs(problem.w @ g - problem.g_star) > 1e-8:
        return None, "the optimiser stopped without meeting the growth target"
    if np.any(g <= _LOWEST_GROWTH + 1e-9):
        return None, f"a sector would have to shrink by {-_LOWEST_GROWTH:.0%} or more"
    return g, ""


def min_deviation(
    shares: Any,
    weights: Any,
    target_shares: Any,
    *,
    target_growth: float,
    deflator: float,
    baseline: GrowthBaseline,
    price_sd: Any = DEFAULT_PRICE_SD,
    price_weight: float = 1.0,
    z_limit: float = Z_LIMIT,
    tol: float = ROUNDED_TOLERANCE,
) -> StructureSolution:
    """Closure C: growth nearest its history and prices nearest unchanged, on target.

    Parameters
    ----------
    shares, weights, target_shares : Series or dict
        As :func:`equal_prices`.
    target_growth : float
        Target real growth g*, fraction.
    deflator : float
        GRDP deflator change π, fraction.
    baseline : GrowthBaseline
        Historical g_i0 and σ_i covering every sector (a_i = 1/σ_i²).
    price_sd : float or Series, default DEFAULT_PRICE_SD
        Spread τ_i of a sector's yearly log relative price change (b_i = 1/τ_i²), positive.
    price_weight : float, default 1.0
        λ ≥ 0. Large λ approaches closure A (equal price changes); λ = 0 leaves prices free
        and moves growth as little as the growth target allows.
    z_limit, tol : float
        As :func:`equal_prices`.

    Returns
    -------
    StructureSolution
        ``closure == "min_deviation"``; ``"inconsistent"`` when the optimiser fails;
        ``"stretched"`` when a required growth rate lies beyond ``z_limit`` historical standard
        deviations or a relative price move ``|ln(1 + ρ_i)|`` beyond ``z_limit`` assumed
        spreads ``price_sd`` (the adjustment pushed into prices is judged as well).

    Raises
    ------
    ValueError
        As :func:`equal_prices`; also on a negative ``price_weight`` or non-positive
        ``price_sd``.

    Notes
    -----
    Minimise ``Σ a_i (g_i − g_i0)² + λ Σ b_i ρ_i²`` subject to ``Σ w_i g_i = g*`` and the
    share targets. Writing ``1 + p_i = (1 + p̄) e^{ρ_i}`` (ρ_i the log deviation of sector
    i's price change from a common change p̄), the share targets give
    ``ρ_i = log(s_i'/s_i) + κ − log(1 + g_i)`` with ``κ = log((1 + N)/(1 + p̄))`` free, so the
    shares hold by construction and the search is over (g, κ) with one linear constraint.
    ρ = 0 is closure A, hence measuring ρ from a common change rather than from the GRDP
    deflator (which moves with the output mix; see :func:`equal_prices`).

    SLSQP (scipy) starts from the exact solution of the linearised problem
    (``log(1 + g) ≈ g``: a quadratic programme solved through its KKT linear system).

    References
    ----------
    Methodology reference, section 4 (closure C).
    """
    g_star = _rate(target_growth, "target_growth")
    pi = _rate(deflator, "deflator")
    z_lim = _z_limit(z_limit)
    lam = float(check_finite(price_weight, "price_weight"))
    if lam < 0.0:
        raise ValueError(f"price_weight: must be non-negative, got {lam:g}")
    inputs, base = _prepare(shares, weights, target_shares, baseline, tol)
    tau = _price_sd(price_sd, list(inputs.shares.index))
    why = _unreachable(inputs)
    if why:
        return _no_solution("min_deviation", inputs, base, g_star, why)
    problem = _Problem(
        a=1.0 / base.sd.to_numpy() ** 2,
        b=lam / tau**2,
        c=np.log(inputs.target_shares.to_numpy() / inputs.shares.to_numpy()),
        w=inputs.weights.to_numpy(),
        g0=base.growth.to_numpy(),
        g_star=g_star,
    )
    g, why = _solve_min_deviation(problem)
    if g is None:
        return _no_solution("min_deviation", inputs, base, g_star, why)
    growth = pd.Series(g, index=inputs.shares.index)
    solution = _solution(
        "min_deviation", growth, inputs, base, deflator=pi, target_growth=g_star, z_limit=z_lim
    )
    moves = ", ".join(f"{k} {100 * v:+.2f} %" for k, v in solution.relative_price.items())
    note = (
        f"λ = {lam:g}, relative price spread {', '.join(f'{t:g}' for t in np.unique(tau))}; "
        f"prices against the GRDP deflator: {moves}",
    )
    price_z = pd.Series(np.log1p(solution.relative_price.to_numpy()) / tau, index=growth.index)
    far = price_z[price_z.abs() > z_lim]
    price_notes = tuple(
        f"{sector}: relative price moves {value:+.1f} assumed standard deviations (limit {z_lim:g})"
        for sector, value in far.items()
    )
    verdict = "stretched" if len(far) else solution.verdict
    return replace(solution, verdict=verdict, notes=note + solution.notes + price_notes)


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
    w = _sector_series(weights, "weights")
    check_shares(w.to_numpy(), "weights", ROUNDED_TOLERANCE, list(w.index))
    w = w / w.sum()
    g0 = _aligned(pattern, "pattern", list(w.index), "weights")
    check_growth(g0.to_numpy(), "pattern")
    g = _rate(target_growth, "target_growth")
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
    g = _sector_series(sector_growth, "sector_growth")
    w = _aligned(weights, "weights", list(g.index), "sector_growth")
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
