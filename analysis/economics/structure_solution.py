"""What the structure solver finds: the solution of a closure, and its verdict.

A target structure (current-price shares s_i') and a target real growth g* do not pin down
sector growth g_i and sector price changes p_i on their own (methodology §4): each closure of
the solver (:mod:`analysis.economics.closures`) picks the sector growth, and everything else
follows from it here. With the previous current-price shares s_i, the previous constant-price
weights w_i, a GRDP deflator change π and target shares s_i' (summing to 1), the price change
that makes sector i's share land on s_i' is

    1 + p_i = (1 + π)(1 + g) s_i' / (s_i (1 + g_i)),   1 + g = Σ_i w_i (1 + g_i),

because then ``1 + N = Σ s_i (1 + g_i)(1 + p_i) = (1 + π)(1 + g)``. The level of prices
(π) is not fixed by shares and growth: it is an input (for the 2024 targets, the deflator
that reconciles the growth and per-head targets,
:func:`analysis.economics.growth.required_deflator`).
Relative prices ``(1 + p_i)/(1 + π)`` do not depend on it.

The verdicts follow one rule, :func:`judge_structure` (and :func:`structure_verdicts` for a
solution), the only place they are decided: the structural-shift report (02) and the
consistency report (03) both show them. Each sector's growth is judged against its history
(:class:`~analysis.economics.sector_growth.GrowthBaseline`): ``z_i = (g_i − g_i0)/σ_i``,
"stretched" beyond :data:`Z_LIMIT`; in closure C, which chooses prices, each sector's relative
price move too, in assumed spreads. This module holds :class:`StructureSolution`, the checked
inputs every closure shares (:func:`prepare_inputs`), the verdicts, and the rules that turn a
sector growth into a solution (:func:`solution_from_growth`) or record that there is none
(:func:`no_solution`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import check_positive, check_sector_shares
from analysis.economics.sector_growth import GrowthBaseline

CLOSURES: tuple[str, ...] = ("equal_prices", "given_growth", "min_deviation")
"""Closure names, as they appear in :attr:`StructureSolution.closure`."""

VERDICTS: tuple[str, ...] = ("consistent", "stretched", "inconsistent")
"""Verdicts, as they appear in :attr:`StructureSolution.verdict`."""

Z_LIMIT = 2.0
"""Historical standard deviations beyond which a required growth rate is 'stretched'."""


@dataclass(frozen=True)
class SolverInputs:
    """The checked inputs of a closure: s_i, w_i and s_i', same sectors, each summing to 1."""

    shares: pd.Series
    weights: pd.Series
    target_shares: pd.Series


def _structure_inputs(shares: Any, weights: Any, target_shares: Any, tol: float) -> SolverInputs:
    if not 0.0 <= tol < 0.1:
        raise ValueError(f"tol: must be in [0, 0.1), got {tol!r}")
    s = check_sector_shares(shares, "shares", None, tol)
    check_positive(s.to_numpy(), "shares")
    keys = list(s.index)
    return SolverInputs(
        s,
        check_sector_shares(weights, "weights", keys, tol),
        check_sector_shares(target_shares, "target_shares", keys, tol),
    )


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
        ``"consistent"``, ``"stretched"`` or ``"inconsistent"`` (no solution): the closure's
        verdict of :func:`judge_structure`.
    notes : tuple of str
        What a planner should know about this solution, in English (the record; reports word
        it from ``details`` and the verdicts).
    z_limit : float
        The threshold the verdicts used (|z| beyond it is 'stretched').
    price_sd : Series or None
        Assumed spread τ_i of each sector's log relative price: set when the closure judges
        relative prices (closure C), else None.
    details : Mapping[str, Any]
        The closure's own figures, by name, for the reports: ``mix`` and
        ``common_price_change`` (closure A), ``price_weight`` (closure C), ``reason`` (an id)
        and its figures when there is no solution (:func:`no_solution`).
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
    z_limit: float = Z_LIMIT
    price_sd: pd.Series | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

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


PRICE_NOT_JUDGED = "information"
"""The verdict of a relative price a closure does not judge (closures A and B)."""


@dataclass(frozen=True)
class StructureVerdicts:
    """The verdicts of one closure: each sector's growth and price, each sector, the closure.

    Attributes
    ----------
    closure : str
        ``"consistent"``, ``"stretched"`` or ``"inconsistent"``.
    growth, prices, sectors : Series
        By sector: the verdict of the required growth (``consistent`` or ``stretched``), of
        the relative price (the same, or ``information`` where prices are not judged), and
        of the sector as a whole (``stretched`` when either is); ``inconsistent`` throughout
        when there is no solution.
    growth_z, price_z : Series
        By sector: ``(g_i − g_i0)/σ_i`` and ``ln(1 + ρ_i)/τ_i`` (NaN where prices are not
        judged).
    z_limit : float
        The threshold used.
    """

    closure: str
    growth: pd.Series
    prices: pd.Series
    sectors: pd.Series
    growth_z: pd.Series
    price_z: pd.Series
    z_limit: float


def _beyond(z: pd.Series, z_limit: float) -> pd.Series:
    return pd.Series(np.where(z.abs() > z_limit, "stretched", "consistent"), index=z.index)


def judge_structure(
    growth_z: pd.Series, z_limit: float, price_z: pd.Series | None = None
) -> StructureVerdicts:
    """The structure solver's verdicts: the one rule reports 02 and 03 both show.

    Parameters
    ----------
    growth_z : Series
        By sector, ``z_i = (g_i − g_i0)/σ_i``; all NaN when the closure has no solution.
    z_limit : float
        |z| beyond which a figure is 'stretched' (:data:`Z_LIMIT`, or a plan pack's
        ``stretched_threshold_sd``).
    price_z : Series, optional
        By sector, the relative price move in assumed spreads, ``ln(1 + ρ_i)/τ_i``, for a
        closure that chooses prices (closure C); None: prices are not judged.

    Returns
    -------
    StructureVerdicts

    Notes
    -----
    A sector's growth is 'stretched' when ``|z_i| > z_limit``, its price when
    ``|ln(1 + ρ_i)|/τ_i > z_limit``; a sector when either is; the closure when any sector is.
    No solution (every z NaN) is 'inconsistent' throughout.
    """
    if growth_z.isna().all():
        none = pd.Series("inconsistent", index=growth_z.index)
        nan = pd.Series(np.nan, index=growth_z.index)
        return StructureVerdicts("inconsistent", none, none, none, growth_z, nan, z_limit)
    growth = _beyond(growth_z, z_limit)
    if price_z is None:
        price_z = pd.Series(np.nan, index=growth_z.index)
        prices = pd.Series(PRICE_NOT_JUDGED, index=growth_z.index)
    else:
        prices = _beyond(price_z.reindex(growth_z.index), z_limit)
    sectors = growth.where((growth == "stretched") | (prices != "stretched"), "stretched")
    closure = "stretched" if (sectors == "stretched").any() else "consistent"
    return StructureVerdicts(closure, growth, prices, sectors, growth_z, price_z, z_limit)


def relative_price_z(relative_price: pd.Series, price_sd: pd.Series) -> pd.Series:
    """A relative price move in assumed spreads: ``ln(1 + ρ_i)/τ_i`` by sector."""
    return np.log1p(relative_price) / price_sd.reindex(relative_price.index)


def structure_verdicts(solution: StructureSolution) -> StructureVerdicts:
    """The verdicts of a solution (:func:`judge_structure` with its own thresholds)."""
    price_z = (
        None
        if solution.price_sd is None
        else relative_price_z(solution.relative_price, solution.price_sd)
    )
    return judge_structure(solution.z, solution.z_limit, price_z)


def _stretched_note(z: pd.Series, z_limit: float) -> tuple[str, ...]:
    far = z[z.abs() > z_limit]
    return tuple(
        f"{sector}: required growth lies {value:+.1f} historical standard deviations "
        f"from its baseline (limit {z_limit:g})"
        for sector, value in far.items()
    )


def _price_note(price_z: pd.Series, z_limit: float) -> tuple[str, ...]:
    far = price_z[price_z.abs() > z_limit]
    return tuple(
        f"{sector}: relative price moves {value:+.1f} assumed standard deviations "
        f"(limit {z_limit:g})"
        for sector, value in far.items()
    )


def solution_from_growth(
    closure: str,
    growth: pd.Series,
    inputs: SolverInputs,
    baseline: GrowthBaseline,
    *,
    deflator: float,
    target_growth: float,
    z_limit: float,
    notes: tuple[str, ...] = (),
    price_sd: pd.Series | None = None,
    details: Mapping[str, Any] | None = None,
) -> StructureSolution:
    """Prices, shares, aggregates and verdict that follow from the sector growth.

    ``price_sd`` (τ by sector) makes the verdict judge relative prices too (closure C).
    """
    s, w, t = inputs.shares, inputs.weights, inputs.target_shares
    real = float((w * (1.0 + growth)).sum())
    relative = t * real / (s * (1.0 + growth))
    price = (1.0 + deflator) * relative - 1.0
    nominal_parts = s * (1.0 + growth) * (1.0 + price)
    nominal = float(nominal_parts.sum())
    z = (growth - baseline.growth) / baseline.sd
    price_z = None if price_sd is None else relative_price_z(relative - 1.0, price_sd)
    verdicts = judge_structure(z, z_limit, price_z)
    price_notes = () if price_z is None else _price_note(price_z, z_limit)
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
        verdict=verdicts.closure,
        notes=notes + _stretched_note(z, z_limit) + price_notes,
        z_limit=z_limit,
        price_sd=price_sd,
        details=dict(details or {}),
    )


NO_SOLUTION_REASONS: tuple[str, ...] = (
    "zero_target_share",
    "optimiser_failed",
    "growth_target_missed",
    "sector_collapse",
)
"""Why a closure found no solution, as ``details["reason"]`` ids: a target share of zero
(``details["sectors"]``), the optimiser failed or stopped off the growth target, or a sector
would have to shrink by ``details["floor"]`` (a fraction) or more."""


def no_solution(
    closure: str,
    inputs: SolverInputs,
    baseline: GrowthBaseline,
    target_growth: float,
    why: str,
    *,
    reason: str = "",
    z_limit: float = Z_LIMIT,
    **figures: Any,
) -> StructureSolution:
    """An 'inconsistent' result: every solved figure NaN, the reason in the notes (words) and
    in ``details`` (``reason``, one of :data:`NO_SOLUTION_REASONS`, and its figures)."""
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
        z_limit=z_limit,
        details={"reason": reason, **figures},
    )


def unreachable_reason(inputs: SolverInputs) -> str | None:
    """Why the target shares cannot be reached whatever the growth, or None."""
    zero = unreachable_sectors(inputs)
    if not zero:
        return None
    return (
        f"target_shares: a share of zero for {zero} needs the sector's output "
        "to vanish (1 + g_i = 0 or a 100 % price fall): unreachable"
    )


def unreachable_sectors(inputs: SolverInputs) -> list[str]:
    """The sectors whose target share is zero (no growth reaches it)."""
    return [str(k) for k in inputs.target_shares[inputs.target_shares <= 0.0].index]


def unreachable(
    closure: str,
    inputs: SolverInputs,
    baseline: GrowthBaseline,
    target_growth: float,
    z_limit: float,
) -> StructureSolution | None:
    """The 'inconsistent' result when a target share is zero, else None."""
    why = unreachable_reason(inputs)
    if why is None:
        return None
    return no_solution(
        closure,
        inputs,
        baseline,
        target_growth,
        why,
        reason="zero_target_share",
        z_limit=z_limit,
        sectors=unreachable_sectors(inputs),
    )


def prepare_inputs(
    shares: Any, weights: Any, target_shares: Any, baseline: GrowthBaseline, tol: float
) -> tuple[SolverInputs, GrowthBaseline]:
    """Check a closure's inputs; the baseline restricted to the sectors of ``shares``.

    Shares, weights and target shares must have the same sectors and sum to 1 within ``tol``
    (in [0, 0.1)); they are rescaled to sum to exactly 1. Previous shares must be positive.
    """
    if not isinstance(baseline, GrowthBaseline):
        raise ValueError(
            f"baseline: must be a GrowthBaseline (see historical_baseline), "
            f"got {type(baseline).__name__}"
        )
    inputs = _structure_inputs(shares, weights, target_shares, tol)
    return inputs, baseline.for_sectors(inputs.shares.index)
