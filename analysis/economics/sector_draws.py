"""Sector draws of the Monte Carlo: sector growth around the aggregate, relative prices.

:class:`SectorSetup` holds the sector inputs. Each draw of annual growth G is shared out to
the sectors (:func:`sector_growth_draws`: ``g_i = g_i⁰ + λ_i (G − μ₀) + η_i`` with
``Σ w_i λ_i = 1`` and ``Σ w_i η_i = 0``, so the sectors add up to G exactly), and each sector's
price may move against the others (:func:`price_draws`: ``1 + p_i = (1 + p_i⁰) exp(ρ_i)``,
``ρ_i ~ N(0, τ_i²)``). The Monte Carlo (:func:`analysis.economics.montecarlo.simulate_targets`)
turns them into current-price shares. Growth rates, shares and scales are fractions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import SUM_TOLERANCE, check_finite, check_growth, check_number
from analysis.economics.in_year import ALIGNMENT_TOLERANCE
from analysis.economics.structure import aggregate_growth


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
        Σ w_i λ_i = 1), e.g. from
        :func:`~analysis.economics.calibration.calibrate_sector_scales`.
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


def sector_growth_draws(
    sectors: SectorSetup, mode0: float, growth: np.ndarray, factor: float, rng: np.random.Generator
) -> pd.DataFrame:
    """Sector growth draws g_i = g_i⁰ + λ_i (G − μ₀) + η_i with Σ w_i η_i = 0.

    Parameters
    ----------
    sectors : SectorSetup
        The sector inputs; their central growth must add up to ``mode0`` within
        ``ALIGNMENT_TOLERANCE`` (a smaller gap shifts every sector equally).
    mode0 : float
        μ₀, the mode of the annual growth distribution.
    growth : numpy.ndarray, shape (N,)
        Draws of annual growth G.
    factor : float
        Narrowing of the sectors' own spread for the quarters already known
        (:func:`analysis.economics.in_year.narrowed_sigma` of 1).
    rng : numpy.random.Generator
        The sector stream.

    Returns
    -------
    DataFrame, shape (N, number of sectors)
        One column per sector, in the order of ``sectors.growth``.
    """
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


def relative_price_scales(sectors: SectorSetup, keys: list[str]) -> np.ndarray:
    """τ_i per sector from one number or a mapping by sector; non-negative."""
    value = sectors.relative_price_sd
    if isinstance(value, (Mapping, pd.Series)):
        tau = _aligned_values(dict(value), keys, "sectors.relative_price_sd")
    else:
        tau = np.full(len(keys), check_number(value, "sectors.relative_price_sd"))
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
    return np.full(len(keys), 1.0 + float(check_growth(check_number(price_change, name), name)))


def price_draws(sectors: SectorSetup, keys: list[str], n: int, rng: np.random.Generator) -> Any:
    """Sector price changes per draw, (1 + p_i⁰) exp(ρ_i) − 1 with ρ_i ~ N(0, τ_i²).

    With every τ_i = 0 nothing is drawn and the central ``price_change`` is returned as given.
    """
    tau = relative_price_scales(sectors, keys)
    if not np.any(tau > 0.0):
        return sectors.price_change
    factors = _central_price_factors(sectors.price_change, keys)
    rho = rng.standard_normal((n, len(keys))) * tau
    return pd.DataFrame(factors * np.exp(rho) - 1.0, columns=keys)
