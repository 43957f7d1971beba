"""Quarters: year-to-date growth paths and what the rest of the year needs.

Provinces publish cumulative year-on-year growth for Q1, 6 months, 9 months and the year.
These functions move between single-quarter and cumulative growth using the previous year's
quarterly weights φ (shares of the previous year's real GRDP by quarter, summing to 1). Weights
accepted within a tolerance are rescaled to sum to exactly 1 before use
(:func:`analysis.economics.checks.check_quarter_weights`), so the identities below hold exactly.

Growth rates are fractions. The last axis of an array holds the quarters (Q1 first), so an
array of Monte Carlo draws of shape ``(n, 4)`` is handled in one call.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from analysis.economics.checks import (
    N_QUARTERS,
    SUM_TOLERANCE,
    check_growth,
    check_quarter_count,
    check_quarter_weights,
)


def _quarter_axis(value: Any, name: str) -> np.ndarray:
    """Growth rates with 1-4 quarters on the last axis."""
    arr = check_growth(value, name)
    if arr.ndim == 0 or not 1 <= arr.shape[-1] <= N_QUARTERS:
        raise ValueError(
            f"{name}: the last axis must hold 1-4 quarters (Q1 first), got shape {arr.shape}"
        )
    return arr


def cumulative_growth(
    quarterly_growth: Any, weights: Any, *, tol: float = SUM_TOLERANCE
) -> np.ndarray:
    """Year-to-date growth after each quarter from single-quarter year-on-year growth.

    Parameters
    ----------
    quarterly_growth : array_like, shape (..., k), 1 <= k <= 4
        Single-quarter year-on-year real growth, fractions, Q1 first. Fewer than 4 values
        means only those quarters are known.
    weights : array_like, shape (4,)
        The previous year's quarterly weights φ, positive, summing to 1 within ``tol``
        (rescaled to sum to exactly 1).
    tol : float, default SUM_TOLERANCE
        Tolerance on the sum of ``weights``.

    Returns
    -------
    numpy.ndarray, shape (..., k)
        Cumulative growth G_1 .. G_k; the last of four values is the annual growth.

    Raises
    ------
    ValueError
        If a growth rate is at or below -1, there are not 1-4 quarters, or the weights are
        not 4 positive values summing to 1.

    Notes
    -----
    ``G_k = Σ_{q≤k} φ_q g_q / Σ_{q≤k} φ_q``; the year is ``G = Σ_q φ_q g_q``.

    References
    ----------
    Methodology reference, section 5. Check on national data (GSO): φ = (0.225, 0.245,
    0.255, 0.275) and 2023 quarters 3.41 / 4.25 / 5.47 / 6.72 % give 5.05 %.
    """
    g = _quarter_axis(quarterly_growth, "quarterly_growth")
    phi = check_quarter_weights(weights, "weights", tol=tol)[: g.shape[-1]]
    return np.cumsum(phi * g, axis=-1) / np.cumsum(phi)


def quarterly_from_cumulative(
    cumulative_growth: Any, weights: Any, *, tol: float = SUM_TOLERANCE
) -> np.ndarray:
    """Single-quarter year-on-year growth implied by published cumulative growth.

    Parameters
    ----------
    cumulative_growth : array_like, shape (..., k), 1 <= k <= 4
        Year-to-date growth G_1 .. G_k (Q1, 6 months, 9 months, year), fractions.
    weights : array_like, shape (4,)
        The previous year's quarterly weights φ, positive, summing to 1 within ``tol``
        (rescaled to sum to exactly 1).
    tol : float, default SUM_TOLERANCE
        Tolerance on the sum of ``weights``.

    Returns
    -------
    numpy.ndarray, shape (..., k)
        Single-quarter growth g_1 .. g_k.

    Raises
    ------
    ValueError
        As :func:`cumulative_growth`, and if the cumulative figures imply a quarter at or
        below -100 % (mutually inconsistent figures).

    Notes
    -----
    ``g_k = (G_k Σ_{q≤k} φ_q − G_{k−1} Σ_{q<k} φ_q) / φ_k``, the inverse of
    :func:`cumulative_growth`.

    References
    ----------
    Methodology reference, section 5.
    """
    big_g = _quarter_axis(cumulative_growth, "cumulative_growth")
    phi = check_quarter_weights(weights, "weights", tol=tol)[: big_g.shape[-1]]
    level = big_g * np.cumsum(phi)
    g = np.diff(level, axis=-1, prepend=0.0) / phi
    if np.any(g <= -1.0):
        raise ValueError(
            "cumulative_growth: the figures imply a single quarter at or below -100 %, "
            f"got {np.asarray(g).min():.6g}; check the published figures and weights"
        )
    return g


def required_remaining_growth(
    annual_target: Any,
    ytd_growth: Any,
    quarters_done: int,
    weights: Any,
    *,
    tol: float = SUM_TOLERANCE,
) -> Any:
    """Single-quarter growth every remaining quarter needs to reach an annual target.

    Parameters
    ----------
    annual_target : float or array_like
        Annual real growth target G*, fraction.
    ytd_growth : float, array_like or None
        Cumulative growth G_k published after ``quarters_done`` quarters, fraction. Ignored
        (may be None) when ``quarters_done`` is 0.
    quarters_done : int
        Quarters already published, 0-3. With 4 no quarter remains and the call is refused.
    weights : array_like, shape (4,)
        The previous year's quarterly weights φ, positive, summing to 1 within ``tol``
        (rescaled to sum to exactly 1).
    tol : float, default SUM_TOLERANCE
        Tolerance on the sum of ``weights``.

    Returns
    -------
    float or numpy.ndarray
        The growth g_rest each remaining quarter needs (the same for each), fraction; a float
        for scalar inputs. It may be at or below -1 when the year to date already exceeds what
        the target needs; it is returned as computed so the planner sees it.

    Raises
    ------
    ValueError
        If ``quarters_done`` is not a whole number in 0-3 (4: the year is complete, nothing
        remains to require), a growth rate is at or below -1, or the weights are invalid.

    Notes
    -----
    ``g_rest = (G* − G_k Σ_{q≤k} φ_q) / Σ_{q>k} φ_q``.

    References
    ----------
    Methodology reference, section 5.
    """
    k = check_quarter_count(quarters_done, "quarters_done")
    if k == N_QUARTERS:
        raise ValueError(
            "quarters_done: must be 0-3 for a required growth; with 4 the year is complete "
            "and no quarter remains"
        )
    target = check_growth(annual_target, "annual_target")
    phi = check_quarter_weights(weights, "weights", tol=tol)
    ytd = 0.0 if k == 0 else check_growth(ytd_growth, "ytd_growth")
    out = (target - ytd * phi[:k].sum()) / phi[k:].sum()
    return float(out) if np.ndim(out) == 0 else out
