"""The statistical benchmark: next year's growth from a random walk with drift.

:func:`random_walk_benchmark` rebuilds the log real GRDP index from the published annual
growth and fits a random walk with drift with statsmodels (``ARIMA(0, 1, 0)`` with a trend, or
an unobserved-components local level with drift), returning a :class:`BenchmarkForecast`: a
point forecast and its 80 % and 95 % intervals, to set beside the plan. statsmodels is imported
only when a model is fitted. Growth rates are fractions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import check_growth_by_year

BENCHMARK_MODELS = ("arima", "unobserved_components")


@dataclass(frozen=True)
class BenchmarkForecast:
    """A one-year-ahead growth forecast from a random walk with drift (fractions).

    Attributes
    ----------
    model : str
        The statsmodels model and its specification.
    year : int
        The year forecast.
    point : float
        Point forecast of real growth, ``exp(drift) − 1``.
    interval_80, interval_95 : tuple of float
        Forecast intervals of real growth (lower bounds on the true uncertainty; see
        :func:`random_walk_benchmark`).
    n_obs : int
        Number of annual growth rates the model saw.
    drift : float
        Forecast log growth (the estimated drift).
    sigma : float
        Standard error of the one-step forecast of log growth.
    """

    model: str
    year: int
    point: float
    interval_80: tuple[float, float]
    interval_95: tuple[float, float]
    n_obs: int
    drift: float
    sigma: float

    def to_series(self) -> pd.Series:
        """The forecast as a labelled Series (fractions), for a report table."""
        return pd.Series(
            {
                "point": self.point,
                "lower_95": self.interval_95[0],
                "lower_80": self.interval_80[0],
                "upper_80": self.interval_80[1],
                "upper_95": self.interval_95[1],
                "n_obs": self.n_obs,
            },
            name=f"{self.model} ({self.year})",
        )


def _consecutive_growth(annual_growth: Any) -> pd.Series:
    series = check_growth_by_year(annual_growth, "annual_growth")
    if series is None:
        raise ValueError(
            "annual_growth: must be a pandas Series indexed by year (an int or a four-digit string)"
        )
    if series.size < 3:
        raise ValueError(f"annual_growth: needs at least 3 years, got {series.size}")
    years = series.index.to_numpy()
    if np.any(np.diff(years) != 1):
        raise ValueError(
            "annual_growth: years must be consecutive (a gap breaks the index), "
            f"got {years.tolist()}"
        )
    return series


def _fit_forecast(log_index: np.ndarray, model: str) -> Any:
    if model == "arima":
        from statsmodels.tsa.arima.model import ARIMA

        return ARIMA(log_index, order=(0, 1, 0), trend="t").fit().get_forecast(1)
    from statsmodels.tsa.statespace.structural import UnobservedComponents

    return UnobservedComponents(log_index, level="rwdrift").fit(disp=False).get_forecast(1)


def random_walk_benchmark(annual_growth: pd.Series, *, model: str = "arima") -> BenchmarkForecast:
    """Next year's growth from a random walk with drift on the log real GRDP index.

    Parameters
    ----------
    annual_growth : Series
        Published annual real growth, fractions, indexed by consecutive years (int or
        '2016'), e.g. 2016–2023: 0.1073, 0.1333, 0.1596, 0.1610, 0.13, 0.0782, 0.193, 0.1345.
    model : {"arima", "unobserved_components"}, default "arima"
        ``ARIMA(order=(0, 1, 0), trend="t")`` or ``UnobservedComponents(level="rwdrift")``.

    Returns
    -------
    BenchmarkForecast
        Point forecast, 80 % and 95 % intervals, the number of observations and the model.

    Raises
    ------
    ValueError
        If the input is not a year-indexed Series of at least 3 consecutive years, a rate is
        not finite or at or below -1, or the model is unknown.

    Notes
    -----
    The index is rebuilt as ``log Y_t = Σ_{s≤t} log(1 + g_s)`` with the year before the first
    growth rate at 0, so ``Δ log Y_t = c + ε_t``: the point forecast is about the geometric
    mean growth of the record (13.66 % for 2016–2023) and the interval half-width about z·σ̂.

    Limits, to be stated beside the plan: eight or so observations; the intervals ignore the
    uncertainty of the estimated drift and variance (maximum likelihood, so σ̂ is the
    n-divisor estimate) and any structural break (the 2021 outbreak, a new wave of
    investment), so they are **lower bounds** on the real uncertainty; they are widened in
    practice by the plan-minus-outturn record
    (:func:`~analysis.economics.calibration.calibrate_scales`). A damped trend would drag a
    fast-growing province towards zero and is deliberately not used.

    References
    ----------
    Methodology reference, section 6; statsmodels ``tsa.arima.model.ARIMA`` and
    ``tsa.statespace.structural.UnobservedComponents``.
    """
    if model not in BENCHMARK_MODELS:
        raise ValueError(f"model: must be one of {list(BENCHMARK_MODELS)}, got {model!r}")
    series = _consecutive_growth(annual_growth)
    log_index = np.concatenate([[0.0], np.cumsum(np.log1p(series.to_numpy()))])
    forecast = _fit_forecast(log_index, model)
    last = log_index[-1]
    mean = float(np.asarray(forecast.predicted_mean)[0])
    drift = mean - float(last)
    bounds = [np.asarray(forecast.conf_int(alpha=a))[0] - last for a in (0.20, 0.05)]
    return BenchmarkForecast(
        model=(
            'ARIMA(order=(0, 1, 0), trend="t")'
            if model == "arima"
            else 'UnobservedComponents(level="rwdrift")'
        ),
        year=int(series.index[-1]) + 1,
        point=math.expm1(drift),
        interval_80=(math.expm1(bounds[0][0]), math.expm1(bounds[0][1])),
        interval_95=(math.expm1(bounds[1][0]), math.expm1(bounds[1][1])),
        n_obs=int(series.size),
        drift=drift,
        sigma=float(np.asarray(forecast.se_mean)[0]),
    )
