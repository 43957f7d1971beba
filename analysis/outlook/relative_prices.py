"""How much of a scenario's structure outlook comes from relative sector prices.

The structure targets are current-price shares, so the Monte Carlo moves them with each
sector's price relative to the GRDP deflator as well as with real growth
(:attr:`analysis.economics.sector_draws.SectorSetup.relative_price_sd`). Running the same draws
with relative prices held fixed shows what the prices add: to the probabilities, and to the
spread of a sector's share.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from analysis.economics.montecarlo import (
    MacroTargets,
    MonteCarloResult,
    MonteCarloSetup,
    simulate_targets,
)

#: The sector whose share spread the report states (the largest, with the tightest target).
SHARE_SECTOR = "industry_construction"


def added_spread(sd_with: float, sd_without: float) -> float:
    """The standard deviation one independent source adds: ``√max(σ_with² − σ_without², 0)``.

    Notes
    -----
    Independent sources add variances, so the part of ``sd_with`` not in ``sd_without`` is
    the square root of the difference of the variances; 0 when sampling noise makes the
    difference negative.
    """
    return max(sd_with**2 - sd_without**2, 0.0) ** 0.5


@dataclass(frozen=True)
class RelativePriceEffect:
    """The Monte Carlo with and without relative price draws, and the share spread they add.

    Attributes
    ----------
    tau : float
        τ, the standard deviation of each sector's log price relative to the deflator.
    fixed : MonteCarloResult
        The same draws (same seed and number) with relative prices held fixed.
    share_sd : float
        The standard deviation of :data:`SHARE_SECTOR`'s share that relative prices add
        (:func:`added_spread`), a fraction (0.012 is 1.2 points).
    """

    tau: float
    fixed: MonteCarloResult
    share_sd: float

    def probability_fixed(self, event: str) -> float:
        """The probability of ``event`` (``structure``, ``joint``, ...) with prices held fixed."""
        return float(self.fixed.table.loc[event, "probability"])


def relative_price_effect(
    setup: MonteCarloSetup, targets: MacroTargets, result: MonteCarloResult
) -> RelativePriceEffect:
    """Re-run ``result``'s draws with relative sector prices held fixed (τ = 0).

    Parameters
    ----------
    setup : MonteCarloSetup
        The setup ``result`` was drawn from (with sectors).
    targets : MacroTargets
        The targets scored.
    result : MonteCarloResult
        The simulation with relative prices drawn; its seed and number of draws are reused,
        so every other draw keeps its value.
    """
    still = replace(setup, sectors=replace(setup.sectors, relative_price_sd=0.0))
    fixed = simulate_targets(still, targets, n_draws=result.n_draws, seed=result.seed)
    sd_moving, sd_fixed = (r.shares[SHARE_SECTOR].std() for r in (result, fixed))
    return RelativePriceEffect(
        tau=float(setup.sectors.relative_price_sd),
        fixed=fixed,
        share_sd=added_spread(sd_moving, sd_fixed),
    )
