"""Calibration: the scales of the uncertainty, read from the published record.

- :func:`calibrate_scales`: the annual growth surprise (a two-piece normal whose skew is the
  mean plan-minus-outturn error) and the side scales (deflator, population, exchange rate,
  relative sector prices), returned as a :class:`Calibration`;
- :func:`calibrate_sector_scales`: how each sector's growth follows the aggregate (loadings)
  and its own spread, returned as :class:`SectorScales`.

Every scale comes with one written sentence saying where it comes from and what it assumes,
for the report's assumptions table. Growth rates and scales are fractions (a scale of 0.035
is 3.5 points).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import (
    check_growth,
    check_growth_by_year,
    check_number,
    check_positive,
    check_years,
)
from analysis.economics.distributions import SQRT_2_OVER_PI, TwoPieceNormal


def _plan_errors(annual: Any, plan: Any, outturn: Any) -> pd.Series:
    """Outturn minus plan: aligned on years, or position by position for plain arrays."""
    if plan is None:
        return pd.Series(dtype=float)
    if outturn is None:
        plan_s, annual_s = (
            check_growth_by_year(plan, "plan"),
            check_growth_by_year(annual, "annual_growth"),
        )
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
        deflator (:attr:`~analysis.economics.sector_draws.SectorSetup.relative_price_sd`);
        0: relative prices are not drawn. Listed by :meth:`to_frame` when ``assumptions`` has
        a sentence for it.
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
    by_year = check_growth_by_year(annual_growth, "annual_growth")
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


def _joined(names: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    names = [str(n) for n in names]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _assumptions(
    cal: dict[str, Any], values: np.ndarray, errors: pd.Series, shocks: Sequence[str]
) -> dict[str, str]:
    span, sd = _span(cal["years"], values.size), cal["sigma"]
    spread = (
        f"Average scale {100 * sd:.2f} points: the standard deviation (n − 1) of annual real "
        f"growth {span} around its mean {100 * cal['mean_growth']:.2f} % ({values.size} years), "
        "taken as the surprise a plan set at the start of a year cannot foresee"
        + (f"; it includes {_joined(shocks)} when they are in the record." if shocks else ".")
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
    bases: Mapping[str, str] | None = None,
    shocks: Sequence[str] = (),
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
    bases : mapping of str to str, optional
        The basis of each assumed scale in words, keyed ``deflator_sigma``,
        ``population_sigma``, ``depreciation_sigma`` and ``relative_price_sd`` (a plan pack's
        ``assumptions.csv``, column ``basis``), put into its sentence (:data:`SIDE_NOTES`);
        a scale without one is called an assumption without a basis.
    shocks : sequence of str, default ()
        Named shocks of the record (``"the 2021 outbreak"``), said to be part of the growth
        spread.

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
        check_positive(check_number(value, name), name)
    cal: dict[str, Any] = {
        "sigma": float(np.std(values, ddof=1)),
        "mean_growth": float(np.mean(values)),
        "mean_plan_error": float(errors.mean()) if not errors.empty else 0.0,
        "years": years,
        "plan_years": tuple(errors.index),
    }
    cal["sigma_lower"], cal["sigma_upper"] = _skewed_scales(cal["sigma"], cal["mean_plan_error"])
    notes = _assumptions(cal, values, errors, shocks)
    words = dict(bases or {})
    for name, value in side.items():
        notes[name] = _side_note(name, value, words.get(name, ""))
    if relative_price_sd is not None:
        tau = check_number(relative_price_sd, "relative_price_sd")
        if tau < 0.0:
            raise ValueError(f"relative_price_sd: must be non-negative, got {tau!r}")
        notes["relative_price_sd"] = _relative_price_note(tau, words.get("relative_price_sd", ""))
        cal["relative_price_sd"] = tau
    return Calibration(**cal, **side, assumptions=notes)


SIDE_NOTES: dict[str, str] = {
    "deflator_sigma": "{value} points, an assumption{basis}. Drawn independently of growth.",
    "population_sigma": "{value} points, an assumption{basis}.",
    "depreciation_sigma": (
        "{value} points, an assumption{basis}; drawn independently of growth and prices."
    ),
    "relative_price_sd": (
        "{value} points, an assumption: the spread of each sector's yearly log price change "
        "relative to the GRDP deflator (mean zero around it, independent across sectors and of "
        "growth){basis}. Moves the current-price shares (the structure target) only; GRDP per "
        "head uses the deflator draw."
    ),
}
"""The sentence of each assumed scale: what the model does with it; ``{basis}`` takes the
basis in words (``: <basis>`` after the side scales, ``. <basis>`` after the relative price
spread's definition), from the plan pack's assumptions (``calibrate_scales(bases=...)``)."""


def _basis_text(name: str, basis: str) -> str:
    basis = str(basis).strip().rstrip(".")
    if not basis:
        return ""
    return f". {basis}" if name == "relative_price_sd" else f": {basis}"


def _side_note(name: str, value: float, basis: str) -> str:
    return SIDE_NOTES[name].format(value=f"{100 * value:.2f}", basis=_basis_text(name, basis))


def _relative_price_note(tau: float, basis: str = "") -> str:
    if tau == 0.0:
        return (
            "0 points: sector prices are not drawn; every sector's price moves with the "
            "deflator, so current-price shares move with real sector growth only."
        )
    return _side_note("relative_price_sd", tau, basis)


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
    total = check_growth_by_year(total_growth, "total_growth")
    frame = sector_growth.set_axis(check_years(sector_growth.index, "sector_growth"), axis=0)
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
