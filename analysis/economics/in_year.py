"""In-year narrowing: the annual growth distribution once quarters are published.

As year-to-date results come out, part of the year is known and the rest is uncertain:
:func:`quarters_known` reads how many quarters the published figures cover,
:func:`narrowed_sigma` shrinks a scale to the quarters still to come, and
:func:`in_year_distribution` centres the two-piece normal on the known part plus the central
path for the rest. :func:`in_year_outlook` returns all of it at once (mode, scales, the known
single quarters) for the Monte Carlo (:mod:`analysis.economics.montecarlo`).

Growth rates and scales are fractions; quarterly weights φ are the previous year's shares of
each quarter in annual GRDP at constant prices.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from analysis.economics.checks import (
    N_QUARTERS,
    check_finite,
    check_growth,
    check_quarter_count,
    check_quarter_weights,
)
from analysis.economics.distributions import TwoPieceNormal, shaped_like
from analysis.economics.projection import (
    GROWTH_AGREEMENT_TOLERANCE,
    QUARTER_WEIGHT_TOLERANCE,
    YTD_PERIODS,
)

YTD_LABELS: tuple[str, ...] = YTD_PERIODS
"""Labels of the year-to-date checkpoints after 1, 2, 3 and 4 quarters."""

ALIGNMENT_TOLERANCE = GROWTH_AGREEMENT_TOLERANCE
"""How far (0.05 point) a quarterly path or sector growth may imply an annual figure different
from the growth distribution's mode before it is refused; smaller differences (rounding of
published percent figures) are absorbed by an equal shift of every quarter or sector."""

_YTD_KEYS = {"Q1": 1, "3M": 1, "6M": 2, "H1": 2, "9M": 3, "FY": 4, "12M": 4}


def rescaled_quarter_weights(value: Any) -> np.ndarray:
    """Quarterly weights φ: 4 positive values summing to 1 within 0.01 point, rescaled to 1.

    The parameter is named ``quarterly_weights`` in error messages
    (:func:`analysis.economics.checks.check_quarter_weights` rescales them).
    """
    return check_quarter_weights(value, "quarterly_weights", tol=QUARTER_WEIGHT_TOLERANCE)


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
    phi = rescaled_quarter_weights(quarterly_weights)
    k = check_quarter_count(quarters_known, "quarters_known")
    factor = math.sqrt(float(np.sum(phi[k:] ** 2)) / float(np.sum(phi**2)))
    return shaped_like(sigma, arr * factor)


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
class InYearOutlook:
    """The annual distribution given what is known: mode, scales, known single quarters.

    Attributes
    ----------
    mode : float
        Annual growth: the known quarters plus the central path for the rest.
    sigma_lower, sigma_upper : float
        The scales narrowed to the quarters still to come (0 once the year is known).
    known : numpy.ndarray, shape (k,)
        Single-quarter growth of the k published quarters.
    phi : numpy.ndarray, shape (4,)
        Quarterly weights, summing to 1.
    central : numpy.ndarray, shape (4,)
        The central single-quarter path, aligned to the mode before any quarter was known.
    """

    mode: float
    sigma_lower: float
    sigma_upper: float
    known: np.ndarray
    phi: np.ndarray
    central: np.ndarray

    @property
    def k(self) -> int:
        """Number of quarters published."""
        return int(self.known.size)


def in_year_outlook(
    growth: TwoPieceNormal, phi: np.ndarray, ytd_actuals: Any, quarterly_growth: Any
) -> InYearOutlook:
    """What is known of the year and what remains, from the distribution before any quarter.

    ``phi`` must already be checked and rescaled (:func:`rescaled_quarter_weights`);
    ``ytd_actuals`` and ``quarterly_growth`` are as in :func:`in_year_distribution`.
    """
    central = _central_path(growth.mode, phi, quarterly_growth)
    known = _known_quarters(_ytd(ytd_actuals), phi, central)
    k = known.size
    mode = float(phi[:k] @ known + phi[k:] @ central[k:])
    s1, s2 = narrowed_sigma(np.array([growth.sigma_lower, growth.sigma_upper]), phi, k)
    return InYearOutlook(mode, float(s1), float(s2), known, phi, central)


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
    phi = rescaled_quarter_weights(quarterly_weights)
    out = in_year_outlook(growth, phi, ytd_actuals, quarterly_growth)
    if out.k == N_QUARTERS:
        return out.mode
    return TwoPieceNormal(out.mode, out.sigma_lower, out.sigma_upper)
