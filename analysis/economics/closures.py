"""The structure solver's closures: sector growth and prices that reach a target structure.

A target structure (current-price shares s_i') and a target real growth g* do not pin down
sector growth g_i and sector price changes p_i on their own (methodology §4): the solver
needs a stated closure. Three are offered, each returning a
:class:`~analysis.economics.structure_solution.StructureSolution`:

- :func:`equal_prices` (closure A): every sector's price changes by the same amount;
- :func:`given_growth` (closure B): sector growth is given (a department's plan); the
  relative prices the target shares need follow;
- :func:`min_deviation` (closure C): sector growth as close as possible to its history and
  relative prices as close as possible to unchanged, in units of historical spread.

In every closure the sector growth determines the rest (prices, shares, the deflator and the
verdict; the formulas are in :mod:`analysis.economics.structure_solution`). The history is a
:class:`~analysis.economics.sector_growth.GrowthBaseline`.

Sector keys are those of :mod:`analysis.economics.structure`. Shares, weights, growth and price
changes are fractions. All inputs of one call must use one structure convention: for the
2024 targets (68 / 20.6 / 11.4, ``taxes_in_services``) the 2023 shares 65.7 / 21.3 / 13.0 and
the weights with product taxes folded into services
(:func:`analysis.economics.sector_growth.structure_weights`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize

from analysis.economics.checks import (
    ROUNDED_TOLERANCE,
    check_finite,
    check_growth,
    check_positive,
    check_rate,
    check_sectors_aligned,
)
from analysis.economics.sector_growth import GrowthBaseline
from analysis.economics.structure_solution import (
    Z_LIMIT,
    StructureSolution,
    no_solution,
    prepare_inputs,
    solution_from_growth,
    unreachable,
)

DEFAULT_PRICE_SD = 0.05
"""Assumed spread of a sector's yearly relative price change (log points) in closure C.

Bắc Giang publishes no sector deflators, so the spread cannot be estimated from the
province's record; 5 % is an explicit assumption. The one year that can be read off the
data, 2022 → 2023 (structures 62.3 / 22.8 / 14.9 and 65.7 / 21.3 / 13.0 with taxes in
services, and the 2023 sector growth), gives relative prices of industry-construction
+2.0 %, services −0.6 %, agriculture −3.6 % against the GRDP deflator. Pass the planners'
own figure as ``price_sd``."""

_LOWEST_GROWTH = -0.9  # closure C's search floor; a solution there counts as none


def _z_limit(value: Any) -> float:
    arr = check_positive(value, "z_limit")
    if arr.ndim != 0:
        raise ValueError(f"z_limit: must be a single number, got shape {arr.shape}")
    return float(arr)


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
        Historical g_i0 and σ_i
        (:func:`~analysis.economics.sector_growth.historical_baseline`) covering every sector.
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
    g_star = check_rate(target_growth, "target_growth")
    pi = check_rate(deflator, "deflator")
    z_lim = _z_limit(z_limit)
    inputs, base = prepare_inputs(shares, weights, target_shares, baseline, tol)
    none = unreachable("equal_prices", inputs, base, g_star, z_lim)
    if none is not None:
        return none
    ratio = inputs.target_shares / inputs.shares
    mix = float((inputs.weights * ratio).sum())
    growth = (1.0 + g_star) / mix * ratio - 1.0
    common = (1.0 + pi) * mix - 1.0
    note = (
        f"every sector price changes by {common:+.4f}; the GRDP deflator by "
        f"{pi:+.4f} (mix effect Σ w s'/s = {mix:.5f})",
    )
    return solution_from_growth(
        "equal_prices",
        growth,
        inputs,
        base,
        deflator=pi,
        target_growth=g_star,
        z_limit=z_lim,
        notes=note,
        details={"mix": mix, "common_price_change": common},
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
    pi = check_rate(deflator, "deflator")
    g_star = np.nan if target_growth is None else check_rate(target_growth, "target_growth")
    z_lim = _z_limit(z_limit)
    inputs, base = prepare_inputs(shares, weights, target_shares, baseline, tol)
    growth = check_sectors_aligned(
        sector_growth, "sector_growth", list(inputs.shares.index), "shares"
    )
    check_growth(growth.to_numpy(), "sector_growth")
    none = unreachable("given_growth", inputs, base, g_star, z_lim)
    if none is not None:
        return none
    solution = solution_from_growth(
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
        return check_positive(
            check_sectors_aligned(price_sd, "price_sd", keys, "shares").to_numpy(), "price_sd"
        )
    value = check_positive(price_sd, "price_sd")
    if value.ndim != 0:
        raise ValueError(
            f"price_sd: must be a number or a Series by sector, got shape {value.shape}"
        )
    return np.full(len(keys), float(value))


def _solve_min_deviation(problem: _Problem) -> tuple[np.ndarray | None, str, dict[str, Any]]:
    """Run SLSQP from the linearised solution; return (growth, "", {}) or (None, why, details)
    with ``details`` the reason's id (:data:`~analysis.economics.structure_solution.
    NO_SOLUTION_REASONS`) and figures."""
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
        why = f"the optimiser found no solution: {result.message}"
        return None, why, {"reason": "optimiser_failed"}
    if abs(problem.w @ g - problem.g_star) > 1e-8:
        why = "the optimiser stopped without meeting the growth target"
        return None, why, {"reason": "growth_target_missed"}
    if np.any(g <= _LOWEST_GROWTH + 1e-9):
        why = f"a sector would have to shrink by {-_LOWEST_GROWTH:.0%} or more"
        return None, why, {"reason": "sector_collapse", "floor": -_LOWEST_GROWTH}
    return g, "", {}


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
    g_star = check_rate(target_growth, "target_growth")
    pi = check_rate(deflator, "deflator")
    z_lim = _z_limit(z_limit)
    lam = float(check_finite(price_weight, "price_weight"))
    if lam < 0.0:
        raise ValueError(f"price_weight: must be non-negative, got {lam:g}")
    inputs, base = prepare_inputs(shares, weights, target_shares, baseline, tol)
    tau = _price_sd(price_sd, list(inputs.shares.index))
    none = unreachable("min_deviation", inputs, base, g_star, z_lim)
    if none is not None:
        return none
    problem = _Problem(
        a=1.0 / base.sd.to_numpy() ** 2,
        b=lam / tau**2,
        c=np.log(inputs.target_shares.to_numpy() / inputs.shares.to_numpy()),
        w=inputs.weights.to_numpy(),
        g0=base.growth.to_numpy(),
        g_star=g_star,
    )
    g, why, failure = _solve_min_deviation(problem)
    if g is None:
        return no_solution("min_deviation", inputs, base, g_star, why, z_limit=z_lim, **failure)
    growth = pd.Series(g, index=inputs.shares.index)
    solution = solution_from_growth(
        "min_deviation",
        growth,
        inputs,
        base,
        deflator=pi,
        target_growth=g_star,
        z_limit=z_lim,
        price_sd=pd.Series(tau, index=growth.index),
        details={"price_weight": lam},
    )
    moves = ", ".join(f"{k} {100 * v:+.2f} %" for k, v in solution.relative_price.items())
    note = (
        f"λ = {lam:g}, relative price spread {', '.join(f'{t:g}' for t in np.unique(tau))}; "
        f"prices against the GRDP deflator: {moves}",
    )
    return replace(solution, notes=note + solution.notes)
