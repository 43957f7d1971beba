"""The Monte Carlo of the macro targets: the probability of meeting each, alone and jointly.

:func:`simulate_targets` draws annual growth (narrowed by the quarters already published,
:mod:`analysis.economics.in_year`), sector growth and relative prices
(:mod:`analysis.economics.sector_draws`), the deflator, population growth and the exchange
rate, and runs them through the planning arithmetic
(:func:`analysis.economics.growth.per_capita_growth`,
:func:`analysis.economics.structure.aggregate_growth`,
:func:`analysis.economics.structure.project_shares`,
:func:`analysis.economics.quarters.cumulative_growth`) on whole arrays of draws.
:func:`fan_quantiles` reads fan-chart quantiles off the draws.

The inputs are frozen values (:class:`MonteCarloSetup`, :class:`MacroTargets`), the answer a
:class:`MonteCarloResult`: the probability table with Monte Carlo standard errors, and the
draws behind it. Growth rates and shares are fractions; GRDP per head is in USD.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import (
    N_QUARTERS,
    check_finite,
    check_growth,
    check_number,
    check_positive,
)
from analysis.economics.distributions import TwoPieceNormal, two_piece_draws
from analysis.economics.growth import per_capita_growth
from analysis.economics.in_year import (
    YTD_LABELS,
    InYearOutlook,
    in_year_outlook,
    narrowed_sigma,
    rescaled_quarter_weights,
)
from analysis.economics.quarters import cumulative_growth
from analysis.economics.sector_draws import (
    SectorSetup,
    price_draws,
    relative_price_scales,
    sector_growth_draws,
)
from analysis.economics.structure import (
    CONVENTIONS,
    aggregate_growth,
    convert_structure,
    project_shares,
)

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

Uncertain = Any  # TwoPieceNormal, or a float held fixed


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
    return np.full(n, float(check_growth(check_number(dist, name), name)))


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
    check_growth(check_number(targets.growth, "targets.growth"), "targets.growth")
    check_positive(
        check_number(targets.per_capita_usd, "targets.per_capita_usd"), "targets.per_capita_usd"
    )
    if targets.shares is None:
        return
    if targets.share_tolerance is None:
        raise ValueError(
            "targets.share_tolerance: required with targets.shares (e.g. 0.005 for ± 0.5 point)"
        )
    tol = check_number(targets.share_tolerance, "targets.share_tolerance")
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
    check_positive(
        check_number(setup.per_capita_base_usd, "per_capita_base_usd"), "per_capita_base_usd"
    )
    if isinstance(n_draws, bool) or not isinstance(n_draws, (int, np.integer)) or n_draws < 1:
        raise ValueError(f"n_draws: must be a whole number of at least 1, got {n_draws!r}")
    if seed is not None and (
        isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0
    ):
        raise ValueError(f"seed: must be a non-negative whole number or None, got {seed!r}")


def _path_draws(out: InYearOutlook, shock: np.ndarray, rng: np.random.Generator) -> np.ndarray:
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
    out: InYearOutlook,
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
    sector_growth = sector_growth_draws(setup.sectors, setup.growth.mode, growth, factor, rng)
    growth = np.asarray(
        aggregate_growth(setup.sectors.weights, sector_growth, tol=setup.sectors.tol)
    )
    keys = list(sector_growth.columns)
    relative_price_scales(setup.sectors, keys)
    if targets.shares is None:
        return growth, None
    prices = price_draws(setup.sectors, keys, growth.size, rng)
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
    (:func:`~analysis.economics.in_year.in_year_distribution`); sector growth
    ``g_i = g_i⁰ + λ_i (G − μ₀) + η_i`` with ``Σ w_i λ_i = 1`` and ``Σ w_i η_i = 0``, so
    ``aggregate_growth(w, g) = G`` exactly;
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
    phi = rescaled_quarter_weights(setup.quarterly_weights)
    out = in_year_outlook(setup.growth, phi, setup.ytd_actuals, setup.quarterly_growth)
    shock = two_piece_draws(0.0, out.sigma_lower, out.sigma_upper, int(n_draws), streams[0])
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
