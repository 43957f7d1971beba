"""Uncertainty: fan charts, the probability of meeting each target, and a statistical benchmark.

Five parts, each a pure function or a frozen value (no I/O, no plotting):

- :class:`TwoPieceNormal`, the Bank of England fan-chart distribution, with its closed forms;
- calibration from the published record (:func:`calibrate_scales`,
  :func:`calibrate_sector_scales`), each scale returned with the assumption behind it;
- in-year narrowing (:func:`narrowed_sigma`, :func:`in_year_distribution`) as quarters are
  published;
- the Monte Carlo of the 2024 macro targets (:func:`simulate_targets`), which draws growth
  (aggregate and by sector), sector relative prices, the deflator, population growth and the
  exchange rate and runs them
  through the planning arithmetic (:func:`analysis.economics.growth.per_capita_growth`,
  :func:`analysis.economics.structure.aggregate_growth`,
  :func:`analysis.economics.structure.project_shares`,
  :func:`analysis.economics.quarters.cumulative_growth`) on whole arrays of draws;
- the statistical benchmark (:func:`random_walk_benchmark`): a random walk with drift on the log
  real GRDP index rebuilt from the published annual growth.

Growth rates, shares and scales are fractions (0.145; a scale of 0.035 is 3.5 points).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm

from analysis.economics.checks import (
    N_QUARTERS,
    SUM_TOLERANCE,
    check_finite,
    check_growth,
    check_positive,
    check_quarter_count,
    check_quarter_weights,
)
from analysis.economics.growth import per_capita_growth
from analysis.economics.projection import (
    GROWTH_AGREEMENT_TOLERANCE,
    QUARTER_WEIGHT_TOLERANCE,
    YTD_PERIODS,
)
from analysis.economics.quarters import cumulative_growth
from analysis.economics.structure import (
    CONVENTIONS,
    aggregate_growth,
    convert_structure,
    project_shares,
)

SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)

YTD_LABELS: tuple[str, ...] = YTD_PERIODS
"""Labels of the year-to-date checkpoints after 1, 2, 3 and 4 quarters."""

FAN_PROBABILITIES: tuple[float, ...] = (
    0.05,
    0.10,
    0.20,
    0.30,
    0.40,
    0.50,
    0.60,
    0.70,
    0.80,
    0.90,
    0.95,
)
"""Quantiles of a fan chart: the 90 %, 80 %, 60 %, 40 % and 20 % central bands and the median."""

ALIGNMENT_TOLERANCE = GROWTH_AGREEMENT_TOLERANCE
"""How far (0.05 point) a quarterly path or sector growth may imply an annual figure different
from the growth distribution's mode before it is refused; smaller differences (rounding of
published percent figures) are absorbed by an equal shift of every quarter or sector."""

_YTD_KEYS = {"Q1": 1, "3M": 1, "6M": 2, "H1": 2, "9M": 3, "FY": 4, "12M": 4}


# --- the two-piece normal -----------------------------------------------------------------


def _real(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name}: must be a finite number, got {value!r}")
    if not math.isfinite(float(value)):
        raise ValueError(f"{name}: must be finite, got {value!r}")
    return float(value)


def _points(x: Any, name: str) -> np.ndarray:
    """``x`` as a float array; infinities allowed, NaN and non-numbers refused."""
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: must be a number or an array of numbers, got {x!r}") from exc
    if np.isnan(arr).any():
        raise ValueError(f"{name}: must not be NaN")
    return arr


def _like(x: Any, result: np.ndarray) -> Any:
    """A float for scalar input, a Series (same index) for a Series, else the array."""
    if isinstance(x, pd.Series):
        return pd.Series(result, index=x.index, name=x.name)
    if np.ndim(result) == 0:
        return float(result)
    return result


def _check_rng(rng: Any) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            "rng: must be a numpy Generator (numpy.random.default_rng(seed)), "
            f"got {type(rng).__name__}"
        )
    return rng


def _two_piece_draws(
    mode: float, sigma_lower: float, sigma_upper: float, size: Any, rng: np.random.Generator
) -> np.ndarray:
    """Draws by halves: below the mode with probability σ1/(σ1+σ2), a half-normal each side.

    Scales of 0 are allowed here (a known value); the public class refuses them.
    """
    total = sigma_lower + sigma_upper
    below = rng.random(size) < (sigma_lower / total if total > 0 else 0.0)
    z = np.abs(rng.standard_normal(size))
    return np.where(below, mode - sigma_lower * z, mode + sigma_upper * z)


@dataclass(frozen=True)
class TwoPieceNormal:
    """Two-piece normal distribution (the Bank of England fan chart's).

    Parameters
    ----------
    mode : float
        The mode μ (the most likely value), e.g. the plan's growth 0.145.
    sigma_lower : float
        Scale σ1 of the half below the mode, positive.
    sigma_upper : float
        Scale σ2 of the half above the mode, positive. ``sigma_lower > sigma_upper`` gives a
        downside skew (the mean lies below the mode).

    Raises
    ------
    ValueError
        If the mode is not finite or a scale is not a positive finite number.

    Notes
    -----
    Density ``A exp(−(x−μ)²/(2σ1²))`` for x < μ and ``A exp(−(x−μ)²/(2σ2²))`` for x ≥ μ, with
    ``A = √(2/π)/(σ1+σ2)``. Then ``P(X < μ) = σ1/(σ1+σ2)``, mean ``μ + √(2/π)(σ2 − σ1)``,
    variance ``(1 − 2/π)(σ2 − σ1)² + σ1σ2``; cdf ``2σ1/(σ1+σ2) Φ((x−μ)/σ1)`` below μ and
    ``(σ1−σ2)/(σ1+σ2) + 2σ2/(σ1+σ2) Φ((x−μ)/σ2)`` above. With σ1 = σ2 = σ it is N(μ, σ²).

    References
    ----------
    Methodology reference, section 6. Wallis, K. F. (2004), "An assessment of Bank of England
    and National Institute inflation forecast uncertainties", National Institute Economic
    Review 189; John, S. (1982), "The three-parameter two-piece normal family of
    distributions", Communications in Statistics A 11.
    """

    mode: float
    sigma_lower: float
    sigma_upper: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", _real(self.mode, "mode"))
        for name in ("sigma_lower", "sigma_upper"):
            value = _real(getattr(self, name), name)
            if value <= 0.0:
                raise ValueError(f"{name}: must be positive, got {value!r}")
            object.__setattr__(self, name, value)

    @classmethod
    def symmetric(cls, mode: float, sigma: float) -> TwoPieceNormal:
        """The normal distribution N(mode, sigma²) as a two-piece normal with equal scales."""
        return cls(mode, sigma, sigma)

    @property
    def prob_below_mode(self) -> float:
        """``P(X < μ) = σ1/(σ1+σ2)``."""
        return self.sigma_lower / (self.sigma_lower + self.sigma_upper)

    def pdf(self, x: Any) -> Any:
        """Density at ``x`` (float, array or Series)."""
        arr = _points(x, "x")
        scale = np.where(arr < self.mode, self.sigma_lower, self.sigma_upper)
        a = SQRT_2_OVER_PI / (self.sigma_lower + self.sigma_upper)
        return _like(x, a * np.exp(-((arr - self.mode) ** 2) / (2.0 * scale**2)))

    def cdf(self, x: Any) -> Any:
        """``P(X ≤ x)``; infinities are allowed (0 and 1).

        Above the mode it is computed as ``1 − 2σ2/(σ1+σ2) Φ̄((x−μ)/σ2)``, the same closed form
        rearranged, so that it stays within [0, 1] in floating point.
        """
        arr = _points(x, "x")
        s1, s2 = self.sigma_lower, self.sigma_upper
        below = 2.0 * s1 / (s1 + s2) * norm.cdf((arr - self.mode) / s1)
        above = 1.0 - 2.0 * s2 / (s1 + s2) * norm.sf((arr - self.mode) / s2)
        return _like(x, np.where(arr < self.mode, below, above))

    def sf(self, x: Any) -> Any:
        """``P(X > x)``, computed from the upper tail (accurate far above the mode)."""
        arr = _points(x, "x")
        s1, s2 = self.sigma_lower, self.sigma_upper
        below = 1.0 - 2.0 * s1 / (s1 + s2) * norm.cdf((arr - self.mode) / s1)
        above = 2.0 * s2 / (s1 + s2) * norm.sf((arr - self.mode) / s2)
        return _like(x, np.where(arr < self.mode, below, above))

    def ppf(self, q: Any) -> Any:
        """Quantile function, the inverse of :meth:`cdf`; ``q`` in [0, 1]."""
        arr = _points(q, "q")
        if np.any((arr < 0.0) | (arr > 1.0)):
            raise ValueError(f"q: probabilities must be in [0, 1], got {q!r}")
        s1, s2 = self.sigma_lower, self.sigma_upper
        lower = self.mode + s1 * norm.ppf(np.minimum(arr * (s1 + s2) / (2.0 * s1), 1.0))
        upper_q = (arr * (s1 + s2) - s1 + s2) / (2.0 * s2)
        upper = self.mode + s2 * norm.ppf(np.clip(upper_q, 0.0, 1.0))
        return _like(q, np.where(arr < self.prob_below_mode, lower, upper))

    def mean(self) -> float:
        """``μ + √(2/π)(σ2 − σ1)``."""
        return self.mode + SQRT_2_OVER_PI * (self.sigma_upper - self.sigma_lower)

    def median(self) -> float:
        """The 50 % quantile (below the mode when σ1 > σ2)."""
        return float(self.ppf(0.5))

    def var(self) -> float:
        """``(1 − 2/π)(σ2 − σ1)² + σ1σ2``."""
        s1, s2 = self.sigma_lower, self.sigma_upper
        return (1.0 - 2.0 / math.pi) * (s2 - s1) ** 2 + s1 * s2

    def std(self) -> float:
        """Standard deviation, the square root of :meth:`var`."""
        return math.sqrt(self.var())

    def interval(self, level: float) -> tuple[float, float]:
        """The central interval holding probability ``level`` (equal tails)."""
        level = _real(level, "level")
        if not 0.0 < level < 1.0:
            raise ValueError(f"level: must be strictly between 0 and 1, got {level}")
        return float(self.ppf((1.0 - level) / 2.0)), float(self.ppf((1.0 + level) / 2.0))

    def rvs(self, size: Any, rng: np.random.Generator) -> np.ndarray:
        """``size`` random draws using the numpy Generator ``rng``.

        Each draw falls below the mode with probability σ1/(σ1+σ2), at a half-normal
        distance with that side's scale: exact, and cheaper than inverting the cdf.
        """
        return _two_piece_draws(
            self.mode, self.sigma_lower, self.sigma_upper, size, _check_rng(rng)
        )


# --- calibration from the published record --------------------------------------------------


def _years(index: pd.Index, name: str) -> np.ndarray:
    """Integer years from an index of ints or strings such as '2016'."""
    try:
        years = np.array([int(str(v).strip()) for v in index])
    except ValueError as exc:
        raise ValueError(
            f"{name}: the index must hold years (2016 or '2016'), got {list(index)}"
        ) from exc
    if len(set(years.tolist())) != len(years):
        raise ValueError(f"{name}: each year must appear once, got {years.tolist()}")
    return years


def _by_year(values: Any, name: str) -> pd.Series | None:
    """A growth Series indexed by int year, or None when ``values`` carries no years."""
    if not isinstance(values, pd.Series):
        return None
    arr = check_growth(values.to_numpy(dtype=float), name)
    return pd.Series(arr, index=_years(values.index, name)).sort_index()


def _plan_errors(annual: Any, plan: Any, outturn: Any) -> pd.Series:
    """Outturn minus plan: aligned on years, or position by position for plain arrays."""
    if plan is None:
        return pd.Series(dtype=float)
    if outturn is None:
        plan_s, annual_s = _by_year(plan, "plan"), _by_year(annual, "annual_growth")
        if plan_s is None or annual_s is None:
            raise ValueError(
                "plan: give plan and annual_growth as Series indexed by year, "
                "or pass the outturns in 'outturn' alongside a plain array of plans"
            )
        common = plan_s.index.intersection(annual_s.index)
        return annual_s[common] - plan_s[common]
    plan_a = np.atleast_1d(check_growth(plan, "plan"))
    outturn_a = np.atleast_1d(check_growth(outturn, "outturn"))
    if plan_a.shape != outturn_a.shape:
        raise ValueError(
            f"plan, outturn: must have the same length, got {plan_a.size} and {outturn_a.size}"
        )
    index = plan.index if isinstance(plan, pd.Series) else range(plan_a.size)
    return pd.Series(outturn_a - plan_a, index=index)


def _skewed_scales(sigma: float, mean_error: float) -> tuple[float, float]:
    """σ1, σ2 with average σ and mean − mode = mean plan error."""
    half_gap = mean_error / SQRT_2_OVER_PI / 2.0  # (σ2 − σ1)/2
    lower, upper = sigma - half_gap, sigma + half_gap
    if lower <= 0.0 or upper <= 0.0:
        raise ValueError(
            f"plan: the mean plan error {mean_error:+.4f} is too large for the growth record's "
            f"spread {sigma:.4f} (|error| must be below {2 * sigma * SQRT_2_OVER_PI:.4f}); "
            "a two-piece normal with these moments does not exist"
        )
    return lower, upper


@dataclass(frozen=True)
class Calibration:
    """Scales of the Monte Carlo with the assumption behind each (fractions).

    Attributes
    ----------
    sigma : float
        Average scale of the annual growth surprise, (σ1 + σ2)/2.
    sigma_lower, sigma_upper : float
        Scales below and above the mode of the annual growth distribution.
    mean_growth : float
        Mean of the growth record used.
    mean_plan_error : float
        Mean of outturn minus plan over the years with both (0 when there are none).
    years : tuple of int
        Years of the growth record (empty when given as a plain array).
    plan_years : tuple
        Years (or positions) of the plan errors used.
    deflator_sigma, population_sigma, depreciation_sigma : float
        Standard deviations of the deflator change, population growth and VND depreciation.
    assumptions : Mapping[str, str]
        One sentence per scale: where it comes from and what it assumes.
    relative_price_sd : float, default 0.0
        Standard deviation τ of each sector's yearly log price change relative to the GRDP
        deflator (:attr:`SectorSetup.relative_price_sd`); 0: relative prices are not drawn.
        Listed by :meth:`to_frame` when ``assumptions`` has a sentence for it.
    """

    sigma: float
    sigma_lower: float
    sigma_upper: float
    mean_growth: float
    mean_plan_error: float
    years: tuple[int, ...]
    plan_years: tuple[Any, ...]
    deflator_sigma: float
    population_sigma: float
    depreciation_sigma: float
    assumptions: Mapping[str, str] = field(default_factory=dict)
    relative_price_sd: float = 0.0

    def growth_distribution(self, mode: float) -> TwoPieceNormal:
        """The annual growth distribution around ``mode`` (e.g. the scenario's growth)."""
        return TwoPieceNormal(mode, self.sigma_lower, self.sigma_upper)

    def to_frame(self) -> pd.DataFrame:
        """One row per scale: its value (fraction) and its assumption, for the report.

        The relative price spread is listed last, when the calibration states it.
        """
        names = (
            "sigma_lower",
            "sigma_upper",
            "deflator_sigma",
            "population_sigma",
            "depreciation_sigma",
        )
        if "relative_price_sd" in self.assumptions:
            names += ("relative_price_sd",)
        return pd.DataFrame(
            {
                "value": [getattr(self, n) for n in names],
                "assumption": [self.assumptions[n] for n in names],
            },
            index=pd.Index(names, name="scale"),
        )


def _growth_record(annual_growth: Any) -> tuple[np.ndarray, tuple[int, ...]]:
    by_year = _by_year(annual_growth, "annual_growth")
    values = (
        by_year.to_numpy()
        if by_year is not None
        else np.atleast_1d(check_growth(annual_growth, "annual_growth"))
    )
    if values.ndim != 1 or values.size < 3:
        raise ValueError(
            f"annual_growth: needs at least 3 annual figures for a spread, got {values.size}"
        )
    years = tuple(int(y) for y in by_year.index) if by_year is not None else ()
    return values, years


def _span(years: tuple[Any, ...], n: int) -> str:
    return f"{years[0]}–{years[-1]}" if years else f"{n} years"


def _assumptions(cal: dict[str, Any], values: np.ndarray, errors: pd.Series) -> dict[str, str]:
    span, sd = _span(cal["years"], values.size), cal["sigma"]
    spread = (
        f"Average scale {100 * sd:.2f} points: the standard deviation (n − 1) of annual real "
        f"growth {span} around its mean {100 * cal['mean_growth']:.2f} % ({values.size} years), "
        "taken as the surprise a plan set at the start of a year cannot foresee; it includes "
        "the 2021 outbreak and the 2022 rebound when they are in the record."
    )
    if errors.empty:
        skew = "No year with both a plan and an outturn: no skew (σ1 = σ2)."
    else:
        pairs = ", ".join(f"{k}: {100 * v:+.2f}" for k, v in errors.items())
        skew = (
            f"Skew from outturn minus plan ({pairs} points; "
            f"mean {100 * cal['mean_plan_error']:+.2f}"
            f", {errors.size} year(s)): the scales are split so that mean − mode equals the mean "
            "plan error, √(2/π)(σ2 − σ1) = ē; a missed plan puts more weight below the mode. "
            "One or two plan years make this a judgement anchored on the record, not an estimate."
        )
    return {
        "sigma_lower": f"{spread} {skew}",
        "sigma_upper": f"{spread} {skew}",
    }


def calibrate_scales(
    annual_growth: Any,
    plan: Any = None,
    outturn: Any = None,
    *,
    deflator_sigma: float = 0.015,
    population_sigma: float = 0.002,
    depreciation_sigma: float = 0.015,
    relative_price_sd: float | None = None,
) -> Calibration:
    """Scales of the growth distribution from the published record, with their assumptions.

    Parameters
    ----------
    annual_growth : Series or array_like
        Published annual real growth, fractions; a Series indexed by year (int or '2016')
        for 2016–2023 (0.1073, 0.1333, 0.1596, 0.1610, 0.13, 0.0782, 0.193, 0.1345).
    plan : Series, array_like or None
        Planned growth. A Series indexed by year is matched with ``annual_growth`` by year
        (years without an outturn, such as the 2024 plan, are left out); a plain array needs
        ``outturn``. None: no skew.
    outturn : array_like, optional
        Outturns matching ``plan`` position by position (2023: plan 0.145, outturn 0.1345).
    deflator_sigma, population_sigma, depreciation_sigma : float
        Standard deviations of the deflator change, population growth and VND depreciation,
        positive; the defaults are judgements (see Notes), recorded in ``assumptions``.
    relative_price_sd : float or None, default None
        Spread τ of each sector's yearly log price change relative to the GRDP deflator,
        non-negative (0.05 is 5 %; :data:`analysis.economics.closures.DEFAULT_PRICE_SD` is the
        project's
        assumption). None: relative prices are not part of this calibration (τ = 0, no row in
        :meth:`Calibration.to_frame`); a number is recorded with its assumption.

    Returns
    -------
    Calibration
        The scales and one written assumption per scale.

    Raises
    ------
    ValueError
        If fewer than 3 growth figures are given, a rate is not finite or at or below -1,
        plan and outturn cannot be matched, a scale is not positive (``relative_price_sd``:
        negative), or the mean plan error
        is too large for the record's spread (no two-piece normal has those moments).

    Notes
    -----
    Average scale σ = sample standard deviation (n − 1) of the growth record. Skew: with ē the
    mean of outturn − plan, ``σ2 − σ1 = ē √(π/2)`` and ``σ1 + σ2 = 2σ``, so the distribution's
    mean lies ē from its mode (the plan): ``σ1 = σ − ē√(π/2)/2``, ``σ2 = σ + ē√(π/2)/2``.
    Record 2016–2023: σ ≈ 3.51 points; 2023 plan 14.5 %, outturn 13.45 % → ē = −1.05 points →
    σ1 ≈ 4.17, σ2 ≈ 2.85 points.

    Default side scales (assumptions, not estimates): deflator 1.5 points (the only clean
    provincial year, 2023, implies +2.9 %: 181.9 / 155.876 trillion VND nominal over 1.1345
    real; national GDP deflator 2023 about +2.3 %); population 0.2 point (2023: +31,800 on
    about 1.89 million, +1.68 %; population moves slowly); VND depreciation 1.5 points
    (national implied rate +2.2 % in 2023, 23,260 → 23,772 VND per USD). Relative prices:
    Bắc Giang publishes no sector deflators; the one year readable from the data, 2022 → 2023,
    gives industry-construction +2.0 %, services −0.6 %, agriculture −3.6 % against the GRDP
    deflator.

    References
    ----------
    Methodology reference, section 6 (widen model intervals with the plan-minus-outturn
    record). Published series: ``grdp_growth`` (total) and ``grdp_growth_plan``.
    """
    values, years = _growth_record(annual_growth)
    errors = _plan_errors(annual_growth, plan, outturn)
    side = {
        "deflator_sigma": deflator_sigma,
        "population_sigma": population_sigma,
        "depreciation_sigma": depreciation_sigma,
    }
    for name, value in side.items():
        check_positive(_real(value, name), name)
    cal: dict[str, Any] = {
        "sigma": float(np.std(values, ddof=1)),
        "mean_growth": float(np.mean(values)),
        "mean_plan_error": float(errors.mean()) if not errors.empty else 0.0,
        "years": years,
        "plan_years": tuple(errors.index),
    }
    cal["sigma_lower"], cal["sigma_upper"] = _skewed_scales(cal["sigma"], cal["mean_plan_error"])
    notes = _assumptions(cal, values, errors)
    notes["deflator_sigma"] = (
        f"{100 * deflator_sigma:.2f} points, an assumption: the record gives one clean provincial "
        "deflator year (2023: +2.9 %, 181.9 / 155.876 trillion VND over 1.1345); national GDP "
        "deflator 2023 about +2.3 %. Drawn independently of growth."
    )
    notes["population_sigma"] = (
        f"{100 * population_sigma:.2f} points, an assumption: population grew 1.68 % in 2023 "
        "(+31,800 on about 1.89 million) and moves slowly from year to year."
    )
    notes["depreciation_sigma"] = (
        f"{100 * depreciation_sigma:.2f} points, an assumption: the national implied VND per USD "
        "rose 2.2 % in 2023 (23,260 → 23,772); drawn independently of growth and prices."
    )
    if relative_price_sd is not None:
        tau = _real(relative_price_sd, "relative_price_sd")
        if tau < 0.0:
            raise ValueError(f"relative_price_sd: must be non-negative, got {tau!r}")
        notes["relative_price_sd"] = _relative_price_note(tau)
        cal["relative_price_sd"] = tau
    return Calibration(**cal, **side, assumptions=notes)


def _relative_price_note(tau: float) -> str:
    if tau == 0.0:
        return (
            "0 points: sector prices are not drawn; every sector's price moves with the "
            "deflator, so current-price shares move with real sector growth only."
        )
    return (
        f"{100 * tau:.2f} points, an assumption: the spread of each sector's yearly log price "
        "change relative to the GRDP deflator (mean zero around it, independent across sectors "
        "and of growth). Bắc Giang publishes no sector deflators; the one year readable from "
        "the data, 2022 → 2023, gives industry-construction +2.0 %, services −0.6 %, "
        "agriculture −3.6 %. Moves the current-price shares (the structure target) only; "
        "GRDP per head uses the deflator draw."
    )


@dataclass(frozen=True)
class SectorScales:
    """How sector growth moves with the aggregate, estimated on the published record.

    Attributes
    ----------
    loadings : Mapping[str, float]
        λ_i: the slope of sector growth on aggregate growth, rescaled so Σ w_i λ_i = 1.
    idiosyncratic_sigma : Mapping[str, float]
        Standard deviation of each sector's growth not explained by the aggregate.
    years : Mapping[str, tuple of int]
        Years used for each sector.
    assumptions : Mapping[str, str]
        One sentence per sector.
    """

    loadings: Mapping[str, float]
    idiosyncratic_sigma: Mapping[str, float]
    years: Mapping[str, tuple[int, ...]]
    assumptions: Mapping[str, str]


def _sector_fit(sector: pd.Series, total: pd.Series, min_years: int) -> tuple[float, float, tuple]:
    common = sector.dropna().index.intersection(total.index)
    if common.size < min_years:
        return 1.0, 0.0, tuple(int(y) for y in common)
    x, y = total[common].to_numpy(), sector[common].to_numpy()
    slope, intercept = np.polyfit(x, y, 1)
    resid = y - (intercept + slope * x)
    return float(slope), float(np.sqrt(resid @ resid / (common.size - 2))), tuple(map(int, common))


def calibrate_sector_scales(
    sector_growth: pd.DataFrame,
    total_growth: pd.Series,
    weights: Mapping[str, float],
    *,
    min_years: int = 4,
) -> SectorScales:
    """Loadings of sector growth on aggregate growth and the sectors' own spread.

    Parameters
    ----------
    sector_growth : DataFrame
        Published sector real growth, fractions; one column per sector, indexed by year (int
        or '2016'); gaps as NaN (2016–2019 and 2023 are published for Bắc Giang).
    total_growth : Series
        Published aggregate real growth, fractions, indexed by year.
    weights : Mapping[str, float]
        Constant-price weights w_i of the same sectors, used to rescale the loadings so that
        Σ w_i λ_i = 1 (the aggregate surprise is shared out exactly).
    min_years : int, default 4
        Fewest years with both figures for a fit; sectors with fewer get λ = 1 and no
        idiosyncratic spread (stated in ``assumptions``).

    Returns
    -------
    SectorScales

    Raises
    ------
    ValueError
        If the inputs are not year-indexed, hold a rate at or below -1, the weights do not
        cover the sectors, ``min_years`` is below 3, or Σ w_i λ_i is not positive.

    Notes
    -----
    OLS per sector on the common years: ``g_it = a_i + λ_i G_t + u_it``; idiosyncratic scale
    ``√(Σ u²/(n − 2))``. Record 2016–2019, 2023: industry-construction λ ≈ 1.34, services
    ≈ 0.12, agriculture ≈ 0.30 (Σ w λ ≈ 0.98 with the 2023 weights before rescaling).

    References
    ----------
    Methodology reference, sections 2 and 6; published series ``sector_growth``.
    """
    if not isinstance(sector_growth, pd.DataFrame) or not isinstance(total_growth, pd.Series):
        raise ValueError("sector_growth, total_growth: must be a DataFrame and a Series by year")
    if isinstance(min_years, bool) or not isinstance(min_years, int) or min_years < 3:
        raise ValueError(f"min_years: must be a whole number of at least 3, got {min_years!r}")
    total = _by_year(total_growth, "total_growth")
    frame = sector_growth.set_axis(_years(sector_growth.index, "sector_growth"), axis=0)
    missing = [str(c) for c in frame.columns if c not in weights]
    if missing:
        raise ValueError(f"weights: must hold every sector of sector_growth, missing {missing}")
    fits = {}
    for col in frame.columns:
        check_growth(frame[col].dropna().to_numpy(), f"sector_growth['{col}']")
        fits[str(col)] = _sector_fit(frame[col], total, min_years)
    scale = sum(float(weights[k]) * fit[0] for k, fit in fits.items())
    if not scale > 0:
        raise ValueError(f"weights: Σ w_i λ_i must be positive to rescale, got {scale:.6g}")
    return SectorScales(
        loadings={k: fit[0] / scale for k, fit in fits.items()},
        idiosyncratic_sigma={k: fit[1] for k, fit in fits.items()},
        years={k: fit[2] for k, fit in fits.items()},
        assumptions={k: _sector_note(k, fit, scale, min_years) for k, fit in fits.items()},
    )


def _sector_note(key: str, fit: tuple, scale: float, min_years: int) -> str:
    slope, sd, years = fit
    if len(years) < min_years:
        return (
            f"{key}: only {len(years)} year(s) with both figures (fewer than {min_years}); "
            "assumed to move one-for-one with the aggregate (λ = 1 before rescaling), "
            "no own spread."
        )
    return (
        f"{key}: OLS of sector on aggregate growth over {', '.join(map(str, years))}: slope "
        f"{slope:.2f} (÷ Σwλ = {scale:.3f} → {slope / scale:.2f}), residual scale "
        f"{100 * sd:.2f} points; few years, so a rough guide to how the sector follows the year."
    )


# --- in-year narrowing --------------------------------------------------------------------


def _quarter_weights(value: Any) -> np.ndarray:
    """Quarterly weights φ: 4 positive values summing to 1 within 0.01 point, rescaled to 1."""
    phi = check_quarter_weights(value, "quarterly_weights", tol=QUARTER_WEIGHT_TOLERANCE)
    return phi / phi.sum()


def _ytd_quarter(key: Any) -> int:
    if isinstance(key, (int, np.integer)) and not isinstance(key, bool):
        return check_quarter_count(int(key), "ytd_actuals key")
    text = re.sub(r"^\d{4}-", "", str(key).strip().upper())
    if text not in _YTD_KEYS:
        raise ValueError(
            f"ytd_actuals: unknown period {key!r}; use one of {list(_YTD_KEYS)} or 1-4"
        )
    return _YTD_KEYS[text]


def _ytd(ytd_actuals: Mapping[Any, float] | None) -> dict[int, float]:
    """Published cumulative growth by number of quarters, checked; {} when none."""
    if ytd_actuals is None:
        return {}
    if not isinstance(ytd_actuals, Mapping):
        raise ValueError(
            f"ytd_actuals: must be a mapping such as {{'Q1': 0.089}}, got {ytd_actuals!r}"
        )
    out: dict[int, float] = {}
    for key, value in ytd_actuals.items():
        k = _ytd_quarter(key)
        if k == 0 or k in out:
            raise ValueError(f"ytd_actuals: period {key!r} is zero quarters or given twice")
        out[k] = float(check_growth(value, f"ytd_actuals[{key!r}]"))
    return dict(sorted(out.items()))


def quarters_known(ytd_actuals: Mapping[Any, float] | None) -> int:
    """Number of quarters covered by the latest published year-to-date figure (0-4).

    Keys: ``Q1`` / ``3M`` (1), ``6M`` / ``H1`` (2), ``9M`` (3), ``FY`` / ``12M`` (4), optionally
    with a year prefix (``2024-6M``), or the numbers 1-4.
    """
    known = _ytd(ytd_actuals)
    return max(known) if known else 0


def narrowed_sigma(sigma: Any, quarterly_weights: Any, quarters_known: int) -> Any:
    """Scale of the annual growth surprise once ``quarters_known`` quarters are published.

    Parameters
    ----------
    sigma : float or array_like
        The scale before any quarter is known (σ_0), non-negative.
    quarterly_weights : array_like, shape (4,)
        The previous year's quarterly weights φ, positive, summing to 1 (within 1e-4;
        rescaled to 1).
    quarters_known : int
        Quarters published, 0-4.

    Returns
    -------
    float or numpy.ndarray
        σ_k; σ_0 unchanged for k = 0 and 0 for k = 4.

    Raises
    ------
    ValueError
        If ``sigma`` is negative or not finite, the weights are invalid, or ``quarters_known``
        is not a whole number in 0-4.

    Notes
    -----
    With independent quarterly surprises of equal scale, the annual surprise is
    ``Σ φ_q u_q`` and ``σ_k = σ_0 √(Σ_{q>k} φ_q²) / √(Σ_q φ_q²)``. With φ = (0.21, 0.25,
    0.265, 0.275) and k = 2: √(0.14585 / 0.25245) = 0.7601.

    References
    ----------
    Methodology reference, section 6.
    """
    arr = check_finite(sigma, "sigma")
    if np.any(arr < 0.0):
        raise ValueError(f"sigma: must be non-negative, got {sigma!r}")
    phi = _quarter_weights(quarterly_weights)
    k = check_quarter_count(quarters_known, "quarters_known")
    factor = math.sqrt(float(np.sum(phi[k:] ** 2)) / float(np.sum(phi**2)))
    return _like(sigma, arr * factor)


def _central_path(mode: float, phi: np.ndarray, quarterly_growth: Any) -> np.ndarray:
    """The central single-quarter path: flat at the mode, or the given path aligned to it."""
    if quarterly_growth is None:
        return np.full(N_QUARTERS, mode)
    path = check_growth(quarterly_growth, "quarterly_growth")
    if path.shape != (N_QUARTERS,):
        raise ValueError(f"quarterly_growth: must hold 4 quarters, got shape {path.shape}")
    gap = mode - float(phi @ path)
    if abs(gap) > ALIGNMENT_TOLERANCE:
        raise ValueError(
            f"quarterly_growth: implies annual growth {float(phi @ path):.6g} with these weights, "
            f"but the distribution's mode is {mode:.6g}; must agree within {ALIGNMENT_TOLERANCE}"
        )
    return path + gap


def _known_quarters(ytd: dict[int, float], phi: np.ndarray, central: np.ndarray) -> np.ndarray:
    """Single-quarter growth for the published quarters.

    Between two published checkpoints the central path's shape is kept and shifted so the
    block matches the published cumulative figures (exact when every checkpoint is given).
    """
    path = central.copy()
    done, level_done = 0, 0.0
    for k, cumulative in ytd.items():
        level = cumulative * float(phi[:k].sum())
        block = slice(done, k)
        weight = float(phi[block].sum())
        path[block] += (level - level_done - float(phi[block] @ path[block])) / weight
        done, level_done = k, level
    return path[:done]


@dataclass(frozen=True)
class _Outlook:
    """The annual distribution given what is known: mode, scales, known single quarters."""

    mode: float
    sigma_lower: float
    sigma_upper: float
    known: np.ndarray
    phi: np.ndarray
    central: np.ndarray

    @property
    def k(self) -> int:
        return int(self.known.size)


def _outlook(
    growth: TwoPieceNormal, phi: np.ndarray, ytd_actuals: Any, quarterly_growth: Any
) -> _Outlook:
    central = _central_path(growth.mode, phi, quarterly_growth)
    known = _known_quarters(_ytd(ytd_actuals), phi, central)
    k = known.size
    mode = float(phi[:k] @ known + phi[k:] @ central[k:])
    s1, s2 = narrowed_sigma(np.array([growth.sigma_lower, growth.sigma_upper]), phi, k)
    return _Outlook(mode, float(s1), float(s2), known, phi, central)


def in_year_distribution(
    growth: TwoPieceNormal,
    quarterly_weights: Any,
    ytd_actuals: Mapping[Any, float] | None,
    quarterly_growth: Any = None,
) -> TwoPieceNormal | float:
    """The annual growth distribution once year-to-date results are published.

    Parameters
    ----------
    growth : TwoPieceNormal
        The annual growth distribution before any quarter is known.
    quarterly_weights : array_like, shape (4,)
        The previous year's quarterly weights φ, positive, summing to 1 (within 1e-4;
        rescaled to 1).
    ytd_actuals : Mapping or None
        Published cumulative year-on-year growth, fractions, keyed by period (``Q1``, ``6M``,
        ``9M``, ``FY``; see :func:`quarters_known`). Empty or None: ``growth`` is returned.
    quarterly_growth : array_like, shape (4,), optional
        The central single-quarter path (the scenario's); by default flat at ``growth.mode``.
        It must imply the mode within 0.05 point (``ALIGNMENT_TOLERANCE``).

    Returns
    -------
    TwoPieceNormal or float
        The narrowed distribution; the known annual growth (a float) when the full year is
        published.

    Raises
    ------
    ValueError
        On invalid weights, an unknown period, a growth rate at or below -1, or a path that
        does not agree with the mode.

    Notes
    -----
    After k quarters, the mode is the known part plus the central path for the rest,
    ``Σ_{q≤k} φ_q g_q + Σ_{q>k} φ_q g_q^0 = G_k Σ_{q≤k} φ_q + Σ_{q>k} φ_q g_q^0``, and each
    scale narrows as in :func:`narrowed_sigma`.

    References
    ----------
    Methodology reference, sections 5 and 6.
    """
    if not isinstance(growth, TwoPieceNormal):
        raise ValueError(f"growth: must be a TwoPieceNormal, got {type(growth).__name__}")
    phi = _quarter_weights(quarterly_weights)
    out = _outlook(growth, phi, ytd_actuals, quarterly_growth)
    if out.k == N_QUARTERS:
        return out.mode
    return TwoPieceNormal(out.mode, out.sigma_lower, out.sigma_upper)


# --- the Monte Carlo of the macro targets -------------------------------------------------

Uncertain = Any  # TwoPieceNormal, or a float held fixed


@dataclass(frozen=True)
class SectorSetup:
    """Sector inputs of the Monte Carlo; every mapping has the same sector keys.

    Attributes
    ----------
    growth : Mapping[str, float]
        Central real growth of each sector g_i⁰ (the scenario's), fractions.
    weights : Mapping[str, float]
        Previous-year constant-price weights w_i, summing to 1.
    shares : Mapping[str, float]
        Previous-year current-price shares s_i in ``convention``, summing to 1.
    loadings : Mapping[str, float]
        λ_i: how much of the aggregate surprise each sector carries (rescaled so
        Σ w_i λ_i = 1), e.g. from :func:`calibrate_sector_scales`.
    idiosyncratic_sigma : Mapping[str, float]
        Each sector's own spread, non-negative (0 for none).
    price_change : Mapping, float or None
        Central sector price changes p_i (see :func:`analysis.economics.structure.project_shares`).
    convention : str
        Structure convention of ``shares`` (``gso4``, ``taxes_in_services``, ``gva_only``).
    tol : float
        Tolerance on the sums of ``weights`` and ``shares``.
    relative_price_sd : float or Mapping[str, float], default 0.0
        τ_i, the standard deviation of each sector's yearly log price change relative to the
        others (0.05 is 5 %), non-negative; one number for every sector or one per sector.
        0: relative prices are not drawn (the shares move with real growth only).
    """

    growth: Mapping[str, float]
    weights: Mapping[str, float]
    shares: Mapping[str, float]
    loadings: Mapping[str, float]
    idiosyncratic_sigma: Mapping[str, float]
    price_change: Any = None
    convention: str = "gso4"
    tol: float = SUM_TOLERANCE
    relative_price_sd: Any = 0.0


@dataclass(frozen=True)
class MonteCarloSetup:
    """What the Monte Carlo draws (fractions; a float holds that input fixed).

    Attributes
    ----------
    growth : TwoPieceNormal
        Annual real growth before any quarter of the year is known.
    deflator, population_growth, depreciation : TwoPieceNormal or float
        GRDP deflator change, population growth, change in VND per USD.
    per_capita_base_usd : float
        GRDP per head in the base year, USD (3,950 for 2023).
    quarterly_weights : array_like, shape (4,)
        The previous year's quarterly weights φ.
    quarterly_growth : array_like, shape (4,), optional
        Central single-quarter path; flat at the growth mode by default.
    ytd_actuals : Mapping, optional
        Published cumulative growth so far ({'Q1': 0.089, '6M': ...}), fractions.
    sectors : SectorSetup, optional
        Sector inputs; without them the structure target is not assessed.
    """

    growth: TwoPieceNormal
    deflator: Uncertain
    population_growth: Uncertain
    depreciation: Uncertain
    per_capita_base_usd: float
    quarterly_weights: Any
    quarterly_growth: Any = None
    ytd_actuals: Mapping[Any, float] | None = None
    sectors: SectorSetup | None = None


@dataclass(frozen=True)
class MacroTargets:
    """The macro targets the Monte Carlo scores (fractions; per head in USD).

    Attributes
    ----------
    growth : float
        Real growth at least this (0.145).
    per_capita_usd : float
        GRDP per head at least this, USD (4,500).
    shares : Mapping[str, float], optional
        Target current-price shares ({'industry_construction': 0.68, 'services': 0.206,
        'agriculture': 0.114}); None: the structure target is not assessed.
    share_tolerance : float, optional
        Each share must lie within ± this of its target (0.005 is ± 0.5 point); required
        with ``shares``.
    share_convention : str
        Convention of the target shares (``taxes_in_services`` for the 2024 resolution).
    """

    growth: float
    per_capita_usd: float
    shares: Mapping[str, float] | None = None
    share_tolerance: float | None = None
    share_convention: str = "taxes_in_services"


@dataclass(frozen=True, eq=False)
class MonteCarloResult:
    """The probability table and the draws behind it.

    Attributes
    ----------
    table : DataFrame
        Index ``event`` (growth, per_capita, structure, joint); columns ``probability``,
        ``standard_error`` (√(p(1−p)/N)), ``threshold`` (the target for growth, as a
        fraction, and per head, in USD; the tolerance for structure), ``covers`` (the events
        in the row) and ``n_draws``. Structure is NaN when it was not assessed; the joint row then
        covers the events that were.
    annual_growth : numpy.ndarray, shape (N,)
        Draws of annual real growth.
    ytd_path : DataFrame, shape (N, 4)
        Draws of cumulative growth after Q1, 6M, 9M and the year (``YTD_LABELS``).
    per_capita_usd : numpy.ndarray, shape (N,)
        Draws of GRDP per head, USD.
    shares : DataFrame or None
        Draws of the shares in the target convention (None without sectors or targets).
    annual_distribution : TwoPieceNormal or float
        The annual growth distribution after in-year narrowing (a float once the year is
        known): the closed form the growth draws follow.
    quarters_known : int
        Quarters of the year already published.
    seed : int
        The seed that reproduces the draws (the generated one when none was given).
    """

    table: pd.DataFrame
    annual_growth: np.ndarray
    ytd_path: pd.DataFrame
    per_capita_usd: np.ndarray
    shares: pd.DataFrame | None
    annual_distribution: TwoPieceNormal | float
    quarters_known: int
    seed: int

    @property
    def n_draws(self) -> int:
        """Number of draws N."""
        return int(self.annual_growth.size)


def _draw(dist: Uncertain, n: int, rng: np.random.Generator, name: str) -> np.ndarray:
    if isinstance(dist, TwoPieceNormal):
        return dist.rvs(n, rng)
    return np.full(n, float(check_growth(_real(dist, name), name)))


def _aligned_values(mapping: Any, keys: list[str], name: str) -> np.ndarray:
    if not isinstance(mapping, Mapping):
        raise ValueError(f"{name}: must be a mapping keyed by sector, got {type(mapping).__name__}")
    missing = [k for k in keys if k not in mapping]
    extra = [k for k in mapping if k not in keys]
    if missing or extra:
        raise ValueError(
            f"{name}: must have the sectors of sectors.growth {keys}; "
            f"missing {missing}, not expected {extra}"
        )
    return check_finite([mapping[k] for k in keys], name)


def _sector_draws(
    sectors: SectorSetup, mode0: float, growth: np.ndarray, factor: float, rng: np.random.Generator
) -> pd.DataFrame:
    """Sector growth draws g_i = g_i⁰ + λ_i (G − μ₀) + η_i with Σ w_i η_i = 0."""
    keys = [str(k) for k in sectors.growth]
    w = _aligned_values(sectors.weights, keys, "sectors.weights")
    lam = _aligned_values(sectors.loadings, keys, "sectors.loadings")
    sd = _aligned_values(sectors.idiosyncratic_sigma, keys, "sectors.idiosyncratic_sigma")
    if np.any(sd < 0.0):
        raise ValueError(f"sectors.idiosyncratic_sigma: must be non-negative, got {sd.tolist()}")
    gap = mode0 - float(aggregate_growth(sectors.weights, sectors.growth, tol=sectors.tol))
    if abs(gap) > ALIGNMENT_TOLERANCE:
        raise ValueError(
            f"sectors.growth: implies aggregate growth {mode0 - gap:.6g}, but growth.mode is "
            f"{mode0:.6g}; must agree within {ALIGNMENT_TOLERANCE}"
        )
    if not float(w @ lam) > 0.0:
        raise ValueError(f"sectors.loadings: Σ w_i λ_i must be positive, got {float(w @ lam):.6g}")
    g0 = check_growth([sectors.growth[k] for k in keys], "sectors.growth") + gap
    eta = rng.standard_normal((growth.size, len(keys))) * (sd * factor)
    eta -= (eta @ w)[:, None] / w.sum()
    draws = g0 + np.outer(growth - mode0, lam / float(w @ lam)) + eta
    return pd.DataFrame(draws, columns=keys)


def _relative_price_scales(sectors: SectorSetup, keys: list[str]) -> np.ndarray:
    """τ_i per sector from one number or a mapping by sector; non-negative."""
    value = sectors.relative_price_sd
    if isinstance(value, (Mapping, pd.Series)):
        tau = _aligned_values(dict(value), keys, "sectors.relative_price_sd")
    else:
        tau = np.full(len(keys), _real(value, "sectors.relative_price_sd"))
    if np.any(tau < 0.0):
        raise ValueError(f"sectors.relative_price_sd: must be non-negative, got {tau.tolist()}")
    return tau


def _central_price_factors(price_change: Any, keys: list[str]) -> np.ndarray:
    """1 + p_i⁰ per sector: 1 for None, 1 + p for one number, else by sector key."""
    name = "sectors.price_change"
    if price_change is None:
        return np.ones(len(keys))
    if isinstance(price_change, (Mapping, pd.Series)):
        return 1.0 + check_growth(_aligned_values(dict(price_change), keys, name), name)
    return np.full(len(keys), 1.0 + float(check_growth(_real(price_change, name), name)))


def _price_draws(sectors: SectorSetup, keys: list[str], n: int, rng: np.random.Generator) -> Any:
    """Sector price changes per draw, (1 + p_i⁰) exp(ρ_i) − 1 with ρ_i ~ N(0, τ_i²).

    With every τ_i = 0 nothing is drawn and the central ``price_change`` is returned as given.
    """
    tau = _relative_price_scales(sectors, keys)
    if not np.any(tau > 0.0):
        return sectors.price_change
    factors = _central_price_factors(sectors.price_change, keys)
    rho = rng.standard_normal((n, len(keys))) * tau
    return pd.DataFrame(factors * np.exp(rho) - 1.0, columns=keys)


def _target_shares(
    sectors: SectorSetup, sector_growth: pd.DataFrame, targets: MacroTargets, price_change: Any
) -> pd.DataFrame:
    for name, conv in (
        ("sectors.convention", sectors.convention),
        ("targets.share_convention", targets.share_convention),
    ):
        if conv not in CONVENTIONS:
            raise ValueError(f"{name}: must be one of {list(CONVENTIONS)}, got {conv!r}")
    shares = project_shares(sectors.shares, sector_growth, price_change, tol=sectors.tol)
    if sectors.convention != targets.share_convention:
        shares = convert_structure(shares, sectors.convention, targets.share_convention)
    missing = [k for k in targets.shares if k not in shares.columns]
    if missing:
        raise ValueError(
            f"targets.shares: sector(s) {missing} are not in the projected "
            f"'{targets.share_convention}' "
            f"shares {list(shares.columns)}"
        )
    return shares[list(targets.shares)]


def _check_targets(targets: MacroTargets) -> None:
    if not isinstance(targets, MacroTargets):
        raise ValueError(f"targets: must be a MacroTargets, got {type(targets).__name__}")
    check_growth(_real(targets.growth, "targets.growth"), "targets.growth")
    check_positive(
        _real(targets.per_capita_usd, "targets.per_capita_usd"), "targets.per_capita_usd"
    )
    if targets.shares is None:
        return
    if targets.share_tolerance is None:
        raise ValueError(
            "targets.share_tolerance: required with targets.shares (e.g. 0.005 for ± 0.5 point)"
        )
    tol = _real(targets.share_tolerance, "targets.share_tolerance")
    if tol < 0.0:
        raise ValueError(f"targets.share_tolerance: must be non-negative, got {tol}")
    check_finite(list(targets.shares.values()), "targets.shares")


def _check_setup(setup: MonteCarloSetup, n_draws: int, seed: Any) -> None:
    if not isinstance(setup, MonteCarloSetup):
        raise ValueError(f"setup: must be a MonteCarloSetup, got {type(setup).__name__}")
    if not isinstance(setup.growth, TwoPieceNormal):
        raise ValueError(
            f"setup.growth: must be a TwoPieceNormal, got {type(setup.growth).__name__}"
        )
    check_positive(_real(setup.per_capita_base_usd, "per_capita_base_usd"), "per_capita_base_usd")
    if isinstance(n_draws, bool) or not isinstance(n_draws, (int, np.integer)) or n_draws < 1:
        raise ValueError(f"n_draws: must be a whole number of at least 1, got {n_draws!r}")
    if seed is not None and (
        isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0
    ):
        raise ValueError(f"seed: must be a non-negative whole number or None, got {seed!r}")


def _path_draws(out: _Outlook, shock: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Cumulative year-to-date draws whose annual value is ``out.mode + shock``.

    Quarterly surprises u_q (q > k) are independent normal with scale τ = σ̄_k/√(Σ_{q>k} φ_q²),
    conditioned on Σ_{q>k} φ_q u_q = shock (project out the φ direction, add it back).
    """
    n, k = shock.size, out.k
    known = np.broadcast_to(out.known, (n, k))
    if k == N_QUARTERS:
        return cumulative_growth(known, out.phi)
    rest = out.phi[k:]
    s = float(rest @ rest)
    tau = 0.5 * (out.sigma_lower + out.sigma_upper) / math.sqrt(s)
    z = rng.standard_normal((n, rest.size)) * tau
    u = z - np.outer(z @ rest, rest) / s + np.outer(shock, rest) / s
    return cumulative_growth(np.hstack([known, out.central[k:] + u]), out.phi)


def _probability(event: np.ndarray) -> tuple[float, float]:
    p = float(np.mean(event))
    return p, math.sqrt(p * (1.0 - p) / event.size)


def _probability_table(
    events: dict[str, np.ndarray | None], thresholds: dict[str, float]
) -> pd.DataFrame:
    assessed = [name for name, e in events.items() if e is not None]
    joint = np.logical_and.reduce([events[name] for name in assessed])
    rows = {}
    for name, event in {**events, "joint": joint}.items():
        p, se = _probability(event) if event is not None else (math.nan, math.nan)
        covers = "+".join(assessed) if name == "joint" else name
        rows[name] = (p, se, thresholds.get(name, math.nan), covers, joint.size)
    table = pd.DataFrame.from_dict(
        rows,
        orient="index",
        columns=["probability", "standard_error", "threshold", "covers", "n_draws"],
    )
    table.index.name = "event"
    return table


def _growth_and_shares(
    setup: MonteCarloSetup,
    targets: MacroTargets,
    out: _Outlook,
    growth: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, pd.DataFrame | None]:
    """Aggregate growth draws (from the sectors when given) and share draws (or None).

    The sector stream draws the sectors' own growth first, then their relative prices, so a
    relative price spread leaves every growth draw of a given seed unchanged.
    """
    if setup.sectors is None:
        return growth, None
    factor = float(narrowed_sigma(1.0, out.phi, out.k))
    sector_growth = _sector_draws(setup.sectors, setup.growth.mode, growth, factor, rng)
    growth = np.asarray(
        aggregate_growth(setup.sectors.weights, sector_growth, tol=setup.sectors.tol)
    )
    keys = list(sector_growth.columns)
    _relative_price_scales(setup.sectors, keys)
    if targets.shares is None:
        return growth, None
    prices = _price_draws(setup.sectors, keys, growth.size, rng)
    return growth, _target_shares(setup.sectors, sector_growth, targets, prices)


def _per_capita_draws(
    setup: MonteCarloSetup, growth: np.ndarray, rngs: list[np.random.Generator]
) -> np.ndarray:
    """GRDP per head in USD: y₀ (1 + per_capita_growth(G, π, n, e)) per draw."""
    n = growth.size
    per_head_growth = per_capita_growth(
        growth,
        _draw(setup.deflator, n, rngs[0], "deflator"),
        _draw(setup.population_growth, n, rngs[1], "population_growth"),
        _draw(setup.depreciation, n, rngs[2], "depreciation"),
    )
    return float(setup.per_capita_base_usd) * (1.0 + np.asarray(per_head_growth))


def _structure_event(shares: pd.DataFrame | None, targets: MacroTargets) -> np.ndarray | None:
    """Each draw: every share within ± tolerance of its target (None when not assessed)."""
    if shares is None:
        return None
    gaps = np.abs(shares.to_numpy() - np.array(list(targets.shares.values()), dtype=float))
    return np.all(gaps <= float(targets.share_tolerance) + 1e-12, axis=1)


def simulate_targets(
    setup: MonteCarloSetup,
    targets: MacroTargets,
    *,
    n_draws: int = 200_000,
    seed: int | None = None,
) -> MonteCarloResult:
    """Probabilities of meeting the growth, per-head and structure targets, alone and jointly.

    Parameters
    ----------
    setup : MonteCarloSetup
        The distributions, the base year and (optionally) sectors and year-to-date results.
    targets : MacroTargets
        The targets scored.
    n_draws : int, default 200_000
        Number of draws N.
    seed : int or None
        Seed of the generator; the same seed gives the same draws and table. None draws a
        fresh seed, returned in the result so the run can be repeated.

    Returns
    -------
    MonteCarloResult
        The probability table, with Monte Carlo standard errors, and the draws.

    Raises
    ------
    ValueError
        On invalid inputs (each message names the field), sector inputs that disagree with
        the growth mode, or structure targets for sectors that are not projected.

    Notes
    -----
    Per draw: annual growth G from the two-piece normal narrowed by the published quarters
    (:func:`in_year_distribution`); sector growth ``g_i = g_i⁰ + λ_i (G − μ₀) + η_i`` with
    ``Σ w_i λ_i = 1`` and ``Σ w_i η_i = 0``, so ``aggregate_growth(w, g) = G`` exactly;
    ``y = y₀ (1 + per_capita_growth(G, π, n, e))``; shares ``project_shares(s, g, p)``,
    converted to the target convention.

    Sector prices: ``1 + p_i = (1 + p_i⁰) exp(ρ_i)`` with ``ρ_i ~ N(0, τ_i²)`` independent
    across sectors and draws (τ_i = ``sectors.relative_price_sd``; p_i⁰ the central
    ``price_change``, 0 when None), so ``s_i' = s_i (1 + g_i)(1 + p_i⁰) e^{ρ_i} /
    Σ_j s_j (1 + g_j)(1 + p_j⁰) e^{ρ_j}``. A factor common to all sectors cancels in the
    shares, so only relative prices matter and the common level is left to the deflator
    draw π: the ρ_i are read as each sector's log price relative to the GRDP deflator, mean
    zero around it, and GRDP per head keeps using π (relative prices do not reach it). To
    first order ``ds_i' ≈ s_i' (ρ_i − Σ_j s_j' ρ_j)`` with s_j' the shares at central prices;
    with τ = 5 % and the 2024 shares of the target scenario (about 68 / 18 / 12 / 2 % in
    ``gso4``) this is a standard deviation of about 1.3 points of the industry share.
    τ = 0 draws nothing and gives the shares of real growth alone.

    The draws of growth, relative prices, deflator, population and the exchange rate are
    independent (no correlation is assumed between them). Each input has its own random
    stream (``SeedSequence(seed).spawn``), so adding sectors does not change the other
    draws; the relative prices come from the sector stream after the sectors' own growth,
    so they change no other draw either. Standard error ``√(p(1−p)/N)``.

    References
    ----------
    Methodology reference, sections 3, 4, 5 and 6; the relative price spread
    :data:`analysis.economics.closures.DEFAULT_PRICE_SD` (2022 → 2023 relative prices +2.0 / −0.6 /
    −3.6 %).
    """
    _check_setup(setup, n_draws, seed)
    _check_targets(targets)
    sequence = np.random.SeedSequence(None if seed is None else int(seed))
    streams = [np.random.default_rng(s) for s in sequence.spawn(6)]
    phi = _quarter_weights(setup.quarterly_weights)
    out = _outlook(setup.growth, phi, setup.ytd_actuals, setup.quarterly_growth)
    shock = _two_piece_draws(0.0, out.sigma_lower, out.sigma_upper, int(n_draws), streams[0])
    ytd = pd.DataFrame(_path_draws(out, shock, streams[1]), columns=list(YTD_LABELS))
    growth, shares = _growth_and_shares(setup, targets, out, out.mode + shock, streams[2])
    per_capita = _per_capita_draws(setup, growth, streams[3:])
    table = _probability_table(
        {
            "growth": growth >= targets.growth,
            "per_capita": per_capita >= targets.per_capita_usd,
            "structure": _structure_event(shares, targets),
        },
        {
            "growth": float(targets.growth),
            "per_capita": float(targets.per_capita_usd),
            "structure": math.nan
            if targets.share_tolerance is None
            else float(targets.share_tolerance),
        },
    )
    annual = (
        out.mode
        if out.k == N_QUARTERS
        else TwoPieceNormal(out.mode, out.sigma_lower, out.sigma_upper)
    )
    return MonteCarloResult(
        table, growth, ytd, per_capita, shares, annual, out.k, int(sequence.entropy)
    )


def fan_quantiles(
    draws: Any,
    probabilities: Any = FAN_PROBABILITIES,
    labels: Any = None,
) -> pd.DataFrame:
    """Quantiles of draws for a fan chart: one row per variable or period, one column per q.

    Parameters
    ----------
    draws : array_like or DataFrame, shape (N,) or (N, m)
        Draws (rows) of one or m variables (e.g. ``MonteCarloResult.ytd_path``).
    probabilities : sequence of float, default FAN_PROBABILITIES
        Quantile levels, each in [0, 1].
    labels : sequence of str, optional
        Row labels; by default the DataFrame's columns, else 0 .. m−1.

    Returns
    -------
    DataFrame
        Index: the variables or periods; columns: the probabilities.

    Raises
    ------
    ValueError
        On non-finite draws, no draws, probabilities outside [0, 1], or labels of the wrong
        length.
    """
    if labels is None and isinstance(draws, pd.DataFrame):
        labels = list(draws.columns)
    arr = check_finite(draws, "draws")
    arr = arr[:, None] if arr.ndim == 1 else arr
    if arr.ndim != 2 or arr.shape[0] == 0:
        raise ValueError(
            f"draws: must be a non-empty 1-d or 2-d array of draws, got shape {arr.shape}"
        )
    q = check_finite(probabilities, "probabilities")
    if q.ndim != 1 or np.any((q < 0.0) | (q > 1.0)):
        raise ValueError(
            f"probabilities: must be a list of levels in [0, 1], got {probabilities!r}"
        )
    labels = list(range(arr.shape[1])) if labels is None else list(labels)
    if len(labels) != arr.shape[1]:
        raise ValueError(f"labels: need {arr.shape[1]} labels, got {len(labels)}")
    return pd.DataFrame(np.quantile(arr, q, axis=0).T, index=labels, columns=q.tolist())


# --- the statistical benchmark --------------------------------------------------------------

BENCHMARK_MODELS = ("arima", "unobserved_components")


@dataclass(frozen=True)
class BenchmarkForecast:
    """A one-year-ahead growth forecast from a random walk with drift (fractions).

    Attributes
    ----------
    model : str
        The statsmodels model and its specification.
    year : int
        The year forecast.
    point : float
        Point forecast of real growth, ``exp(drift) − 1``.
    interval_80, interval_95 : tuple of float
        Forecast intervals of real growth (lower bounds on the true uncertainty; see
        :func:`random_walk_benchmark`).
    n_obs : int
        Number of annual growth rates the model saw.
    drift : float
        Forecast log growth (the estimated drift).
    sigma : float
        Standard error of the one-step forecast of log growth.
    """

    model: str
    year: int
    point: float
    interval_80: tuple[float, float]
    interval_95: tuple[float, float]
    n_obs: int
    drift: float
    sigma: float

    def to_series(self) -> pd.Series:
        """The forecast as a labelled Series (fractions), for a report table."""
        return pd.Series(
            {
                "point": self.point,
                "lower_95": self.interval_95[0],
                "lower_80": self.interval_80[0],
                "upper_80": self.interval_80[1],
                "upper_95": self.interval_95[1],
                "n_obs": self.n_obs,
            },
            name=f"{self.model} ({self.year})",
        )


def _consecutive_growth(annual_growth: Any) -> pd.Series:
    series = _by_year(annual_growth, "annual_growth")
    if series is None:
        raise ValueError("annual_growth: must be a pandas Series indexed by year (2016 or '2016')")
    if series.size < 3:
        raise ValueError(f"annual_growth: needs at least 3 years, got {series.size}")
    years = series.index.to_numpy()
    if np.any(np.diff(years) != 1):
        raise ValueError(
            "annual_growth: years must be consecutive (a gap breaks the index), "
            f"got {years.tolist()}"
        )
    return series


def _fit_forecast(log_index: np.ndarray, model: str) -> Any:
    if model == "arima":
        from statsmodels.tsa.arima.model import ARIMA

        return ARIMA(log_index, order=(0, 1, 0), trend="t").fit().get_forecast(1)
    from statsmodels.tsa.statespace.structural import UnobservedComponents

    return UnobservedComponents(log_index, level="rwdrift").fit(disp=False).get_forecast(1)


def random_walk_benchmark(annual_growth: pd.Series, *, model: str = "arima") -> BenchmarkForecast:
    """Next year's growth from a random walk with drift on the log real GRDP index.

    Parameters
    ----------
    annual_growth : Series
        Published annual real growth, fractions, indexed by consecutive years (int or
        '2016'), e.g. 2016–2023: 0.1073, 0.1333, 0.1596, 0.1610, 0.13, 0.0782, 0.193, 0.1345.
    model : {"arima", "unobserved_components"}, default "arima"
        ``ARIMA(order=(0, 1, 0), trend="t")`` or ``UnobservedComponents(level="rwdrift")``.

    Returns
    -------
    BenchmarkForecast
        Point forecast, 80 % and 95 % intervals, the number of observations and the model.

    Raises
    ------
    ValueError
        If the input is not a year-indexed Series of at least 3 consecutive years, a rate is
        not finite or at or below -1, or the model is unknown.

    Notes
    -----
    The index is rebuilt as ``log Y_t = Σ_{s≤t} log(1 + g_s)`` with the year before the first
    growth rate at 0, so ``Δ log Y_t = c + ε_t``: the point forecast is about the geometric
    mean growth of the record (13.66 % for 2016–2023) and the interval half-width about z·σ̂.

    Limits, to be stated beside the plan: eight or so observations; the intervals ignore the
    uncertainty of the estimated drift and variance (maximum likelihood, so σ̂ is the
    n-divisor estimate) and any structural break (the 2021 outbreak, a new wave of
    investment), so they are **lower bounds** on the real uncertainty; they are widened in
    practice by the plan-minus-outturn record (:func:`calibrate_scales`). A damped trend would
    drag a fast-growing province towards zero and is deliberately not used.

    References
    ----------
    Methodology reference, section 6; statsmodels ``tsa.arima.model.ARIMA`` and
    ``tsa.statespace.structural.UnobservedComponents``.
    """
    if model not in BENCHMARK_MODELS:
        raise ValueError(f"model: must be one of {list(BENCHMARK_MODELS)}, got {model!r}")
    series = _consecutive_growth(annual_growth)
    log_index = np.concatenate([[0.0], np.cumsum(np.log1p(series.to_numpy()))])
    forecast = _fit_forecast(log_index, model)
    last = log_index[-1]
    mean = float(np.asarray(forecast.predicted_mean)[0])
    drift = mean - float(last)
    bounds = [np.asarray(forecast.conf_int(alpha=a))[0] - last for a in (0.20, 0.05)]
    return BenchmarkForecast(
        model=(
            'ARIMA(order=(0, 1, 0), trend="t")'
            if model == "arima"
            else 'UnobservedComponents(level="rwdrift")'
        ),
        year=int(series.index[-1]) + 1,
        point=math.expm1(drift),
        interval_80=(math.expm1(bounds[0][0]), math.expm1(bounds[0][1])),
        interval_95=(math.expm1(bounds[1][0]), math.expm1(bounds[1][1])),
        n_obs=int(series.size),
        drift=drift,
        sigma=float(np.asarray(forecast.se_mean)[0]),
    )
