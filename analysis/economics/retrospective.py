"""Plan against outturn: a year's miss split by sector and by the parts of GRDP per head.

- :func:`residual_contribution` and :func:`contribution_miss`: the growth miss as the
  difference between the sector contributions the plan implied and the published ones, the
  unpublished part (product taxes) derived as the residual of the published total;
- :func:`implied_deflator`, :func:`implied_exchange_rate`, :func:`implied_population`: the
  outturn's prices, dollar rate and population read off the published levels;
- :class:`PerHeadFactors` and :func:`per_head_miss`: the per-head miss split exactly, in
  logs, into real growth, prices, population and the exchange rate;
- :func:`outcome_percentile`: where an outcome fell among the draws of the ex-ante fan.

Growth rates, contributions and weights are fractions (0.1385; 12.93 points is 0.1293);
GRDP in trillion VND or bn USD, per head in USD, population in persons.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import (
    ROUNDED_TOLERANCE,
    check_finite,
    check_growth,
    check_number,
    check_positive,
    check_sector_series,
    check_sectors_aligned,
    check_shares,
)
from analysis.economics.growth import per_capita_growth

TOTAL = "total"
"""Row label of the sum over the parts of GRDP in :func:`contribution_miss`."""

PER_HEAD_PARTS: tuple[str, ...] = ("real_growth", "prices", "population", "exchange_rate")
"""The parts of the per-head miss, in the order of :func:`per_head_miss`."""


# --- the growth miss by sector ----------------------------------------------------------------


def residual_contribution(total: float, contributions: Any) -> float:
    """The contribution left to the part not published: the total less the published ones.

    Parameters
    ----------
    total : float
        Published aggregate real growth g, fraction (0.1385).
    contributions : Series or dict
        The published contributions c_i of the other parts, fractions.

    Returns
    -------
    float
        ``c_r = g − Σ_i c_i``.

    Raises
    ------
    ValueError
        On a total or a contribution that is not a finite number, or no contributions.

    Notes
    -----
    Bắc Giang 2024: 13.85 − 12.93 − 1.05 − (−0.35) = 0.22 points for product taxes less
    subsidies (the release states their growth, 11.66 %, but not their contribution).

    References
    ----------
    Methodology reference, section 2 (additivity of contributions).
    """
    g = check_number(total, "total")
    c = check_sector_series(contributions, "contributions")
    return float(g - c.sum())


def _published_with_residual(
    keys: list[str], published: Any, total: float, residual: str
) -> pd.Series:
    if residual not in keys:
        raise ValueError(f"residual: must be one of the parts {keys}, got {residual!r}")
    others = [k for k in keys if k != residual]
    if residual in check_sector_series(published, "published").index:
        raise ValueError(
            f"published: the residual part {residual!r} is derived, not given; "
            f"give the contributions of {others}"
        )
    c = check_sectors_aligned(published, "published", others, "planned_growth (less residual)")
    out = c.reindex(keys)
    out[residual] = residual_contribution(total, c)
    return out


def _effects(
    frame: pd.DataFrame, weights: pd.Series, published_growth: Any, keys: list[str]
) -> pd.DataFrame:
    g_a = check_sectors_aligned(published_growth, "published_growth", keys, "planned_growth")
    check_growth(g_a.to_numpy(), "published_growth")
    zero = [k for k in keys if g_a[k] == 0.0]
    if zero:
        raise ValueError(
            f"published_growth: must be non-zero to reveal a weight (w = c / g), got 0 for {zero}"
        )
    revealed = frame["published_contribution"] / g_a
    return frame.assign(
        published_growth=g_a,
        revealed_weight=revealed,
        growth_effect=weights * (g_a - frame["planned_growth"]),
        weight_effect=(revealed - weights) * g_a,
    )


def contribution_miss(
    planned_growth: Any,
    weights: Any,
    published: Any,
    total: float,
    *,
    residual: str = "product_taxes",
    published_growth: Any = None,
    tol: float = ROUNDED_TOLERANCE,
) -> pd.DataFrame:
    """The growth miss by sector: planned contributions against the published ones.

    Parameters
    ----------
    planned_growth : Series or dict
        Real growth of each part of GRDP the plan implied, g_i^p, fractions (the four parts:
        industry_construction, services, agriculture, product_taxes).
    weights : Series or dict
        Each part's share of the base year's GRDP at constant prices, w_i, the weights the
        plan adds its sectors with; summing to 1 within ``tol``.
    published : Series or dict
        The published contributions c_i^a of every part but ``residual``, fractions.
    total : float
        Published aggregate real growth g^a, fraction.
    residual : str, default "product_taxes"
        The part whose contribution is not published: derived as ``g^a − Σ c_i^a``
        (:func:`residual_contribution`).
    published_growth : Series or dict, optional
        Published growth g_i^a of every part, fractions. When given, the miss of each part is
        also split into a growth effect and a weight effect (Notes).
    tol : float, default ROUNDED_TOLERANCE
        Tolerance on the sum of ``weights``.

    Returns
    -------
    DataFrame
        One row per part, in ``planned_growth``'s order, then ``total`` (the sum over the
        parts; for growth columns, the aggregate). Columns ``weight`` (w_i), ``planned_growth``,
        ``planned_contribution`` (``w_i g_i^p``), ``published_contribution`` (``c_i^a``),
        ``derived`` (True for the residual part), ``miss`` (``c_i^a − w_i g_i^p``); with
        ``published_growth`` also ``published_growth``, ``revealed_weight``,
        ``growth_effect`` and ``weight_effect``.

    Raises
    ------
    ValueError
        On parts that do not match, weights that are negative or do not sum to 1, growth at
        or below −100 %, a published contribution for the residual part, or a published
        growth of zero when ``published_growth`` is given (no weight can be revealed).

    Notes
    -----
    Planned: ``c_i^p = w_i g_i^p``, summing to the plan's growth ``g^p = Σ w_i g_i^p``.
    Published: ``c_i^a`` as released, the residual part ``c_r^a = g^a − Σ_{i≠r} c_i^a``, so
    ``Σ_i c_i^a = g^a`` exactly and the misses add up to the growth miss,
    ``Σ_i (c_i^a − c_i^p) = g^a − g^p``.

    A release reveals the weights it used, ``w_i^a = c_i^a / g_i^a``
    (:func:`analysis.economics.structure.implied_weights`); they need not equal the
    plan's (the base year is revised after the plan is written). Each part's miss then splits
    exactly into ``w_i (g_i^a − g_i^p)`` (growth: the miss at the plan's weights) and
    ``(w_i^a − w_i) g_i^a`` (weights: the revision).

    Worked, Bắc Giang 2024 (target scenario: the 2023 pattern scaled to 14.5 %, weights
    0.7124 / 0.1576 / 0.1102 / 0.0199): planned 12.84 / 1.14 / 0.36 / 0.16 points, published
    12.93 / 1.05 / −0.35 / 0.22 (the last derived), misses +0.09 / −0.09 / −0.71 / +0.06,
    together 13.85 − 14.50 = −0.65 points.

    References
    ----------
    Methodology reference, section 2.
    """
    g_p = check_sector_series(planned_growth, "planned_growth")
    check_growth(g_p.to_numpy(), "planned_growth")
    keys = list(g_p.index)
    w = check_sectors_aligned(weights, "weights", keys, "planned_growth")
    check_shares(w.to_numpy(), "weights", tol, keys)
    g_a = float(check_growth(check_number(total, "total"), "total"))
    c_a = _published_with_residual(keys, published, g_a, residual)
    frame = pd.DataFrame(
        {
            "weight": w,
            "planned_growth": g_p,
            "planned_contribution": w * g_p,
            "published_contribution": c_a,
            "derived": [k == residual for k in keys],
        }
    )
    frame["miss"] = frame["published_contribution"] - frame["planned_contribution"]
    if published_growth is not None:
        frame = _effects(frame, w, published_growth, keys)
    sums = frame.drop(columns="derived").sum()
    sums["planned_growth"] = sums["planned_contribution"]
    if "published_growth" in frame:
        sums["published_growth"] = g_a
    frame.loc[TOTAL] = {**sums.to_dict(), "derived": False}
    frame.index.name = "sector"
    return frame


# --- the outturn's prices, dollar rate and population -----------------------------------------


def implied_deflator(nominal: float, nominal_base: float, real_growth: float) -> float:
    """The deflator change implied by nominal GRDP in two years and real growth between them.

    Parameters
    ----------
    nominal, nominal_base : float
        GRDP at current prices in the year and the year before, the same unit.
    real_growth : float
        Real growth between them, fraction.

    Returns
    -------
    float
        ``π = (N / N₀) / (1 + g) − 1``, fraction.

    Notes
    -----
    Bắc Giang 2024: (207 / 181.9) / 1.1385 − 1 = 1.137988 / 1.1385 − 1 = −0.045 %.

    References
    ----------
    Methodology reference, sections 1 and 4.
    """
    n1 = float(check_positive(check_number(nominal, "nominal"), "nominal"))
    n0 = float(check_positive(check_number(nominal_base, "nominal_base"), "nominal_base"))
    g = float(check_growth(check_number(real_growth, "real_growth"), "real_growth"))
    return n1 / n0 / (1.0 + g) - 1.0


def implied_exchange_rate(grdp_trillion_vnd: float, grdp_bn_usd: float) -> float:
    """VND per USD implied by GRDP stated in both currencies.

    ``X = GRDP_VND / GRDP_USD`` with 1 trillion = 10¹² and 1 bn = 10⁹: 207 trillion VND
    ≈ 8.65 bn USD gives 207e12 / 8.65e9 = 23,930.6 VND per USD.
    """
    vnd = check_positive(check_number(grdp_trillion_vnd, "grdp_trillion_vnd"), "grdp_trillion_vnd")
    usd = check_positive(check_number(grdp_bn_usd, "grdp_bn_usd"), "grdp_bn_usd")
    return float(vnd) * 1e12 / (float(usd) * 1e9)


def implied_population(grdp_bn_usd: float, per_head_usd: float) -> float:
    """Average population implied by GRDP in USD and GRDP per head in USD.

    ``P = GRDP_USD / y``: 8.65 bn USD / 4,370 USD = 1,979,405 persons.
    """
    usd = check_positive(check_number(grdp_bn_usd, "grdp_bn_usd"), "grdp_bn_usd")
    y = check_positive(check_number(per_head_usd, "per_head_usd"), "per_head_usd")
    return float(usd) * 1e9 / float(y)


# --- the per-head miss --------------------------------------------------------------------------


@dataclass(frozen=True)
class PerHeadFactors:
    """The four changes that carry GRDP per head in USD from one year to the next (fractions).

    Attributes
    ----------
    real_growth : float
        Real GRDP growth g.
    deflator : float
        GRDP deflator change π.
    population_growth : float
        Average population change n.
    depreciation : float
        Change in VND per USD e (positive: a weaker dong).
    """

    real_growth: float
    deflator: float
    population_growth: float
    depreciation: float

    def __post_init__(self) -> None:
        for name in ("real_growth", "deflator", "population_growth", "depreciation"):
            value = check_growth(check_number(getattr(self, name), name), name)
            object.__setattr__(self, name, float(value))

    @property
    def per_head_growth(self) -> float:
        """``(1 + g)(1 + π) / ((1 + n)(1 + e)) − 1``
        (:func:`analysis.economics.growth.per_capita_growth`)."""
        return float(
            per_capita_growth(
                self.real_growth, self.deflator, self.population_growth, self.depreciation
            )
        )


def per_head_miss(planned: PerHeadFactors, actual: PerHeadFactors) -> pd.Series:
    """The per-head miss split exactly, in logs, into growth, prices, population and the dollar.

    Parameters
    ----------
    planned, actual : PerHeadFactors
        The changes from the same base year the plan assumed and the outturn showed.

    Returns
    -------
    Series
        Index ``real_growth, prices, population, exchange_rate, total``: natural-log
        differences (0.01 is about 1 %); the four parts add up to ``total``.

    Raises
    ------
    ValueError
        If either argument is not a :class:`PerHeadFactors`.

    Notes
    -----
    From ``y = N / (P · X)`` and ``y_t = y₀ (1 + g)(1 + π) / ((1 + n)(1 + e))`` with the same
    base ``y₀``::

        log(y_a / y_p) = log((1 + g_a)/(1 + g_p)) + log((1 + π_a)/(1 + π_p))
                         − log((1 + n_a)/(1 + n_p)) − log((1 + e_a)/(1 + e_p))

    exactly (no interaction term: logs add). Bắc Giang 2024 against the target scenario
    (g 14.5 %, π 2.89 %, n 1.68 %, e 1.7 %): real growth −0.57, prices −2.89, population
    −1.17, exchange rate +1.70, total −2.93 log points (4,370 against 4,500 USD).

    References
    ----------
    Methodology reference, section 3.
    """
    for name, value in (("planned", planned), ("actual", actual)):
        if not isinstance(value, PerHeadFactors):
            raise ValueError(f"{name}: must be a PerHeadFactors, got {type(value).__name__}")

    def ratio(field: str) -> float:
        return math.log((1.0 + getattr(actual, field)) / (1.0 + getattr(planned, field)))

    parts = {
        "real_growth": ratio("real_growth"),
        "prices": ratio("deflator"),
        "population": -ratio("population_growth"),
        "exchange_rate": -ratio("depreciation"),
    }
    total = math.log((1.0 + actual.per_head_growth) / (1.0 + planned.per_head_growth))
    return pd.Series({**parts, TOTAL: total}, dtype=float)


# --- the outcome in the fan ---------------------------------------------------------------------


def outcome_percentile(draws: Any, outcome: float) -> float:
    """Where an outcome fell among the draws of a fan: the share of draws below it.

    Parameters
    ----------
    draws : array_like, shape (N,)
        Draws of the variable (e.g. annual growth of the Monte Carlo), finite.
    outcome : float
        The outcome, in the draws' unit.

    Returns
    -------
    float
        ``(#{x < v} + ½ #{x = v}) / N``, a fraction (0.5 is the median of the fan).

    Raises
    ------
    ValueError
        On no draws, non-finite draws or a non-finite outcome.

    Notes
    -----
    The mid-rank empirical distribution function: ties count half, so an outcome equal to
    every draw sits at 0.5. Its Monte Carlo standard error is ``√(p(1 − p)/N)``.

    References
    ----------
    Methodology reference, section 6.
    """
    x = check_finite(draws, "draws").ravel()
    if x.size == 0:
        raise ValueError("draws: must hold at least one draw")
    v = check_number(outcome, "outcome")
    below = np.count_nonzero(x < v)
    equal = np.count_nonzero(x == v)
    return float((below + 0.5 * equal) / x.size)


__all__ = [
    "PER_HEAD_PARTS",
    "TOTAL",
    "PerHeadFactors",
    "contribution_miss",
    "implied_deflator",
    "implied_exchange_rate",
    "implied_population",
    "outcome_percentile",
    "per_head_miss",
    "residual_contribution",
]
