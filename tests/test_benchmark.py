"""Tests of analysis.economics.benchmark: the random walk with drift (statsmodels).

Expected numbers are worked by hand in the comments (or come from scipy.stats.norm, numerical
integration, or the published record), never from the code under test.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.economics.benchmark import BenchmarkForecast, random_walk_benchmark

# Published annual real growth 2016–2023, percent (published_statistics.csv).
RECORD_PCT = [10.73, 13.33, 15.96, 16.10, 13.0, 7.82, 19.30, 13.45]
RECORD = pd.Series(RECORD_PCT, index=range(2016, 2024)) / 100


def _published_growth() -> pd.Series:
    from analysis.data.tables import load_series, series_values
    from analysis.outlook.record import record_through

    # the record as the 2024 plan knew it: up to its base year 2023
    return series_values(record_through(load_series(), 2023), "grdp_growth") / 100


@pytest.mark.parametrize("model", ["arima", "unobserved_components"])
def test_benchmark_fits_the_published_history(model):
    history = _published_growth()
    # The real file holds the eight published figures (published_statistics.csv).
    np.testing.assert_allclose(history.to_numpy(), np.array(RECORD_PCT) / 100)
    out = random_walk_benchmark(history, model=model)
    assert isinstance(out, BenchmarkForecast)
    values = [out.point, *out.interval_80, *out.interval_95]
    assert all(math.isfinite(v) for v in values)
    assert out.interval_95[0] < out.interval_80[0] < out.point < out.interval_80[1]
    assert out.interval_80[1] < out.interval_95[1]
    assert out.n_obs == 8
    assert out.year == 2024
    assert ("ARIMA" if model == "arima" else "UnobservedComponents") in out.model
    assert out.to_series()["point"] == out.point


def test_arima_benchmark_is_the_random_walk_with_drift_by_hand():
    out = random_walk_benchmark(RECORD)
    # Drift = mean of log(1 + g) = 0.1280736 → point exp(0.1280736) − 1 = 13.664 %,
    # the geometric mean growth of 2016–2023.
    logs = np.log1p(np.array(RECORD_PCT) / 100)
    assert out.point == pytest.approx(np.expm1(logs.mean()), abs=1e-4)
    assert out.point == pytest.approx(0.13664, abs=1e-4)
    # Interval: drift ± z σ̂ with σ̂ the n-divisor standard deviation of log growth (0.028957)
    # and no allowance for estimating the drift: z(97.5 %) = 1.959964.
    sigma = logs.std(ddof=0)
    assert out.interval_95[1] == pytest.approx(np.expm1(logs.mean() + 1.959964 * sigma), abs=2e-3)
    assert out.interval_80[0] == pytest.approx(np.expm1(logs.mean() - 1.281552 * sigma), abs=2e-3)


@pytest.mark.parametrize(
    ("value", "kwargs", "field"),
    [
        (RECORD.drop(2020), {}, "consecutive"),
        (RECORD.to_numpy(), {}, "annual_growth"),
        (RECORD.iloc[:2], {}, "annual_growth"),
        (RECORD, {"model": "damped_trend"}, "model"),
    ],
)
def test_benchmark_refuses_bad_input(value, kwargs, field):
    with pytest.raises(ValueError, match=field):
        random_walk_benchmark(value, **kwargs)
