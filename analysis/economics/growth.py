"""Real growth, prices, population and the dollar: GRDP per head in USD.

Pure functions on floats, numpy arrays and pandas Series (they broadcast); a scalar input
gives a float back. Rates are fractions (0.145 for 14.5 %).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import check_growth, check_positive

ArrayLike = Any  # float, numpy array or pandas Series


def _operand(value: ArrayLike) -> ArrayLike:
    """Keep Series and arrays as they are (index kept); make everything else an array."""
    if isinstance(value, (pd.Series, np.ndarray)):
        return value.astype(float)
    return np.asarray(value, dtype=float)


def _result(value: ArrayLike) -> ArrayLike:
    """Return a float for a 0-d result, the array or Series otherwise."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return float(value)
    if isinstance(value, np.generic):
        return float(value)
    return value


def per_capita_growth(
    real_growth: ArrayLike,
    deflator: ArrayLike,
    population_growth: ArrayLike,
    depreciation: ArrayLike,
) -> ArrayLike:
    """Growth of GRDP per head in USD from real growth, prices, population and the exchange rate.

    Parameters
    ----------
    real_growth : float or array_like
        Real GRDP growth at constant 2010 prices, fraction (0.145).
    deflator : float or array_like
        Change in the GRDP deflator, fraction.
    population_growth : float or array_like
        Change in average population, fraction.
    depreciation : float or array_like
        Change in VND per USD (annual averages), fraction; positive means a weaker dong.

    Returns
    -------
    float or array_like
        Growth of GRDP per head in USD, fraction; a float for scalar inputs.

    Raises
    ------
    ValueError
        If any input is not finite or is at or below -1 (-100 %).

    Notes
    -----
    ``1 + g_y = (1 + g)(1 + π) / ((1 + n)(1 + e))``, from
    ``y_usd = GRDP_nominal / (population · VND_per_USD)``; approximately ``g + π − n − e``.

    References
    ----------
    Methodology reference, section 3 (GRDP per capita in USD).
    """
    args = {
        "real_growth": real_growth,
        "deflator": deflator,
        "population_growth": population_growth,
        "depreciation": depreciation,
    }
    for name, value in args.items():
        check_growth(value, name)
    g, p, n, e = (_operand(v) for v in args.values())
    return _result((1.0 + g) * (1.0 + p) / ((1.0 + n) * (1.0 + e)) - 1.0)


def required_deflator(
    real_growth: ArrayLike,
    per_capita_base: ArrayLike,
    per_capita_target: ArrayLike,
    population_growth: ArrayLike,
    depreciation: ArrayLike,
) -> ArrayLike:
    """Deflator change that makes a real-growth target consistent with a per-head USD target.

    Parameters
    ----------
    real_growth : float or array_like
        Target real GRDP growth g*, fraction.
    per_capita_base : float or array_like
        GRDP per head in the base year y0, USD (3950 for 2023).
    per_capita_target : float or array_like
        Target GRDP per head y*, USD (4500 for 2024).
    population_growth : float or array_like
        Change in average population n, fraction.
    depreciation : float or array_like
        Change in VND per USD e, fraction.

    Returns
    -------
    float or array_like
        The deflator change π*, fraction; a float for scalar inputs.

    Raises
    ------
    ValueError
        If a rate is not finite or at or below -1, or a per-head level is not positive.

    Notes
    -----
    ``π* = (y*/y0)(1 + n)(1 + e)/(1 + g*) − 1``, the inverse of :func:`per_capita_growth`.
    For the 2024 targets (g* = 14.5 %, 3950 → 4500 USD, n = 1.5 %, e = 1.7 %), π* ≈ 2.7 %.

    References
    ----------
    Methodology reference, section 3.
    """
    check_growth(real_growth, "real_growth")
    check_positive(per_capita_base, "per_capita_base")
    check_positive(per_capita_target, "per_capita_target")
    check_growth(population_growth, "population_growth")
    check_growth(depreciation, "depreciation")
    g, y0, y1, n, e = (
        _operand(v)
        for v in (real_growth, per_capita_base, per_capita_target, population_growth, depreciation)
    )
    return _result((y1 / y0) * (1.0 + n) * (1.0 + e) / (1.0 + g) - 1.0)
