"""The two-piece normal: the Bank of England fan-chart distribution, and its draws.

:class:`TwoPieceNormal` carries its closed forms (density, cdf, survival function, quantiles,
mean, variance, central intervals) and exact random draws; :func:`two_piece_draws` is the
drawing rule itself, shared with the Monte Carlo (:mod:`analysis.economics.montecarlo`),
which also draws with a scale of 0 (a known value). Growth rates and scales are fractions
(a scale of 0.035 is 3.5 points).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import ndtr, ndtri

from analysis.economics.checks import check_number

SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


def _points(x: Any, name: str) -> np.ndarray:
    """``x`` as a float array; infinities allowed, NaN and non-numbers refused."""
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: must be a number or an array of numbers, got {x!r}") from exc
    if np.isnan(arr).any():
        raise ValueError(f"{name}: must not be NaN")
    return arr


def shaped_like(x: Any, result: np.ndarray) -> Any:
    """``result`` in the form of the input ``x``.

    A float for scalar input, a Series (same index and name) for a Series, else the array.
    """
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


def two_piece_draws(
    mode: float, sigma_lower: float, sigma_upper: float, size: Any, rng: np.random.Generator
) -> np.ndarray:
    """Draws by halves: below the mode with probability σ1/(σ1+σ2), a half-normal each side.

    Scales of 0 are allowed here (a known value); :class:`TwoPieceNormal` refuses them. With
    both scales 0 every draw is the mode. ``rng`` is used as given (not checked).
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
        object.__setattr__(self, "mode", check_number(self.mode, "mode"))
        for name in ("sigma_lower", "sigma_upper"):
            value = check_number(getattr(self, name), name)
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
        return shaped_like(x, a * np.exp(-((arr - self.mode) ** 2) / (2.0 * scale**2)))

    def cdf(self, x: Any) -> Any:
        """``P(X ≤ x)``; infinities are allowed (0 and 1).

        Above the mode it is computed as ``1 − 2σ2/(σ1+σ2) Φ̄((x−μ)/σ2)``, the same closed form
        rearranged, so that it stays within [0, 1] in floating point.
        """
        arr = _points(x, "x")
        s1, s2 = self.sigma_lower, self.sigma_upper
        below = 2.0 * s1 / (s1 + s2) * ndtr((arr - self.mode) / s1)
        above = 1.0 - 2.0 * s2 / (s1 + s2) * ndtr(-((arr - self.mode) / s2))
        return shaped_like(x, np.where(arr < self.mode, below, above))

    def sf(self, x: Any) -> Any:
        """``P(X > x)``, computed from the upper tail (accurate far above the mode)."""
        arr = _points(x, "x")
        s1, s2 = self.sigma_lower, self.sigma_upper
        below = 1.0 - 2.0 * s1 / (s1 + s2) * ndtr((arr - self.mode) / s1)
        above = 2.0 * s2 / (s1 + s2) * ndtr(-((arr - self.mode) / s2))
        return shaped_like(x, np.where(arr < self.mode, below, above))

    def ppf(self, q: Any) -> Any:
        """Quantile function, the inverse of :meth:`cdf`; ``q`` in [0, 1]."""
        arr = _points(q, "q")
        if np.any((arr < 0.0) | (arr > 1.0)):
            raise ValueError(f"q: probabilities must be in [0, 1], got {q!r}")
        s1, s2 = self.sigma_lower, self.sigma_upper
        lower = self.mode + s1 * ndtri(np.minimum(arr * (s1 + s2) / (2.0 * s1), 1.0))
        upper_q = (arr * (s1 + s2) - s1 + s2) / (2.0 * s2)
        upper = self.mode + s2 * ndtri(np.clip(upper_q, 0.0, 1.0))
        return shaped_like(q, np.where(arr < self.prob_below_mode, lower, upper))

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
        level = check_number(level, "level")
        if not 0.0 < level < 1.0:
            raise ValueError(f"level: must be strictly between 0 and 1, got {level}")
        return float(self.ppf((1.0 - level) / 2.0)), float(self.ppf((1.0 + level) / 2.0))

    def rvs(self, size: Any, rng: np.random.Generator) -> np.ndarray:
        """``size`` random draws using the numpy Generator ``rng``.

        Each draw falls below the mode with probability σ1/(σ1+σ2), at a half-normal
        distance with that side's scale: exact, and cheaper than inverting the cdf.
        """
        return two_piece_draws(self.mode, self.sigma_lower, self.sigma_upper, size, _check_rng(rng))
