"""Per-capita USD growth and the deflator the 2024 targets need (methodology §3)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.economics.growth import per_capita_growth, required_deflator

rate = st.floats(min_value=-0.5, max_value=0.5, allow_nan=False)
level = st.floats(min_value=100.0, max_value=100_000.0, allow_nan=False)


def test_required_deflator_of_the_2024_targets():
    # g* = 14.5 %, y0 = 3950, y* = 4500 USD, n = 1.5 %, e = 1.7 %:
    # 4500 / 3950 = 1.139240506329; x 1.015 = 1.156329113923; x 1.017 = 1.175986708859;
    # / 1.145 = 1.027062627824  ->  pi* = 2.7062627824 %  (the "about 2.7 %" of §3).
    pi = required_deflator(0.145, 3950.0, 4500.0, 0.015, 0.017)
    assert isinstance(pi, float)
    assert pi == pytest.approx(0.027062627824, abs=1e-10)


def test_per_capita_growth_by_hand():
    # (1.145 x 1.027) / (1.015 x 1.017) = 1.175915 / 1.032255 = 1.139171038164
    y = per_capita_growth(0.145, 0.027, 0.015, 0.017)
    assert isinstance(y, float)
    assert y == pytest.approx(0.139171038164, abs=1e-10)


def test_per_capita_growth_at_the_required_deflator_gives_the_target():
    # 4500 / 3950 - 1 = 0.139240506329
    pi = required_deflator(0.145, 3950.0, 4500.0, 0.015, 0.017)
    assert per_capita_growth(0.145, pi, 0.015, 0.017) == pytest.approx(0.139240506329, abs=1e-10)


def test_arrays_broadcast_and_series_keep_their_index():
    out = per_capita_growth(np.array([0.145, 0.10]), 0.027, 0.015, 0.017)
    assert isinstance(out, np.ndarray) and out.shape == (2,)
    # second element: 1.10 x 1.027 / 1.032255 - 1 = 1.1297 / 1.032255 - 1 = 0.094400124...
    assert out[1] == pytest.approx(1.1297 / 1.032255 - 1, abs=1e-12)
    s = pd.Series([0.015, 0.02], index=["low", "high"])
    res = required_deflator(0.145, 3950.0, 4500.0, s, 0.017)
    assert list(res.index) == ["low", "high"]


@given(g=rate, pi=rate, n=rate, e=rate)
def test_per_capita_growth_is_the_identity(g, pi, n, e):
    y = per_capita_growth(g, pi, n, e)
    assert (1 + y) * (1 + n) * (1 + e) == pytest.approx((1 + g) * (1 + pi), rel=1e-12)


@given(g=rate, y0=level, y1=level, n=rate, e=rate)
def test_required_deflator_round_trip(g, y0, y1, n, e):
    pi = required_deflator(g, y0, y1, n, e)
    if pi > -1:
        assert per_capita_growth(g, pi, n, e) == pytest.approx(y1 / y0 - 1, rel=1e-9, abs=1e-12)


@given(st.lists(st.tuples(rate, rate, rate, rate), min_size=1, max_size=20))
def test_vectorised_equals_scalar(rows):
    g, pi, n, e = (np.array(col) for col in zip(*rows, strict=True))
    vector = per_capita_growth(g, pi, n, e)
    scalar = [per_capita_growth(*row) for row in rows]
    np.testing.assert_allclose(vector, scalar, rtol=0, atol=0)
    vector = required_deflator(g, 3950.0, 4500.0, n, e)
    scalar = [required_deflator(r[0], 3950.0, 4500.0, r[2], r[3]) for r in rows]
    np.testing.assert_allclose(vector, scalar, rtol=0, atol=0)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"real_growth": -1.0}, "real_growth"),
        ({"deflator": -1.5}, "deflator"),
        ({"population_growth": float("nan")}, "population_growth"),
        ({"depreciation": np.array([0.01, -1.0])}, "depreciation"),
    ],
)
def test_per_capita_growth_refuses_bad_rates(kwargs, name):
    args = {"real_growth": 0.1, "deflator": 0.02, "population_growth": 0.01, "depreciation": 0.0}
    args.update(kwargs)
    with pytest.raises(ValueError, match=name):
        per_capita_growth(**args)


@pytest.mark.parametrize("name", ["per_capita_base", "per_capita_target"])
def test_required_deflator_refuses_non_positive_levels(name):
    args = {
        "real_growth": 0.145,
        "per_capita_base": 3950.0,
        "per_capita_target": 4500.0,
        "population_growth": 0.015,
        "depreciation": 0.017,
    }
    args[name] = 0.0
    with pytest.raises(ValueError, match=f"{name}: must be positive"):
        required_deflator(**args)


def test_growth_message_states_the_rule():
    with pytest.raises(ValueError, match=r"real_growth: growth must be above -1"):
        required_deflator(-1.2, 3950.0, 4500.0, 0.015, 0.017)
