"""The structure solver: closures A, B, C and the solution they return.

Every expected number is worked out by hand in the comment above its assertion.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.economics.closures import equal_prices, given_growth, min_deviation
from analysis.economics.sector_growth import GrowthBaseline
from analysis.economics.structure_solution import StructureSolution

IC, SV, AG, TX = "industry_construction", "services", "agriculture", "product_taxes"


def _s(a: float, b: float, c: float | None = None) -> pd.Series:
    keys = [IC, SV] if c is None else [IC, SV, AG]
    values = [a, b] if c is None else [a, b, c]
    return pd.Series(values, index=keys, dtype=float)


def _baseline2(g0=(0.25, 0.0), sd=(0.05, 0.05)) -> GrowthBaseline:
    return GrowthBaseline(_s(*g0), _s(*sd), {IC: (2016, 2017), SV: (2016, 2017)})


def _baseline3() -> GrowthBaseline:
    # Published sector growth 2016-2019 and 2023, percent:
    # IC 17.86 23.23 24.40 25.10 17.25 -> mean 107.84/5 = 21.568; squared deviations
    #    13.749264 + 2.762244 + 8.020224 + 12.475024 + 18.645124 = 55.65188; /4 -> sd 3.730009
    # SV 6.70 7.88 6.52 8.20 6.56 -> mean 7.172; sum sq 2.58048; /4 -> sd 0.803194
    # AG 2.50 -1.34 6.48 0.50 2.63 -> mean 2.154; squared deviations 0.119716 + 12.208036
    #    + 18.714276 + 2.735716 + 0.226576 = 34.00432; /4 = 8.50108 -> sd 2.915661
    return GrowthBaseline(_s(0.21568, 0.07172, 0.02154), _s(0.03730009, 0.00803194, 0.02915661), {})


# The 2023 structure (taxes_in_services), the 2024 targets and the 2023 weights with taxes
# folded into services and rolled forward to 2023 (see test_structure_weights_rolled).
SHARES_2023 = _s(0.657, 0.213, 0.130)
TARGETS_2024 = _s(0.680, 0.206, 0.114)
WEIGHTS_2023 = _s(0.712354, 0.177486, 0.110160)


# --- closure A ---------------------------------------------------------------------------


def test_equal_prices_two_sector_by_hand():
    # s = (0.5, 0.5), w = (0.6, 0.4), s' = (0.6, 0.4), g* = 10 %, π = 2 %.
    # s'/s = (1.2, 0.8); Σ w s'/s = 0.72 + 0.32 = 1.04; k = 1.10 / 1.04 = 1.0576923
    # g = k s'/s - 1 = (0.2692308, -0.1538462)
    # common price change 1 + p = 1.02 × 1.04 = 1.0608; relative to the deflator 1.04 - 1
    # nominal 1 + N = 1.10 × 1.02 = 1.122
    # z = ((0.2692308 - 0.25)/0.05, (-0.1538462 - 0)/0.05) = (0.384615, -3.076923) -> stretched
    sol = equal_prices(
        _s(0.5, 0.5),
        _s(0.6, 0.4),
        _s(0.6, 0.4),
        target_growth=0.10,
        deflator=0.02,
        baseline=_baseline2(),
    )
    assert sol.closure == "equal_prices"
    assert sol.growth.to_numpy() == pytest.approx([0.2692308, -0.1538462], abs=1e-7)
    assert sol.price_change.to_numpy() == pytest.approx([0.0608, 0.0608], abs=1e-12)
    assert sol.relative_price.to_numpy() == pytest.approx([0.04, 0.04], abs=1e-12)
    assert sol.nominal_growth == pytest.approx(0.122, abs=1e-12)
    assert sol.deflator == pytest.approx(0.02, abs=1e-12)
    assert sol.aggregate_growth == pytest.approx(0.10, abs=1e-12)
    assert sol.z.to_numpy() == pytest.approx([0.384615, -3.076923], abs=1e-6)
    assert sol.verdict == "stretched"
    assert sol.shares.to_numpy() == pytest.approx([0.6, 0.4], abs=1e-12)


def test_equal_prices_2024_targets_by_hand():
    # s'/s: 68/65.7 = 1.0350076, 20.6/21.3 = 0.9671362, 11.4/13.0 = 0.8769231
    # Σ w s'/s = 0.712354×1.0350076 + 0.177486×0.9671362 + 0.110160×0.8769231
    #          = 0.737292 + 0.171653 + 0.096602 = 1.005547; k = 1.145 / 1.005547 = 1.138684
    # g = (1.138684×1.0350076 - 1, 1.138684×0.9671362 - 1, 1.138684×0.8769231 - 1)
    #   = (0.178547, 0.101263, -0.001461)
    # z: (0.178547-0.21568)/0.0373001 = -0.9955; (0.101263-0.07172)/0.00803194 = +3.678;
    #    (-0.001461-0.02154)/0.02915661 = -0.7889 -> services stretched
    sol = equal_prices(
        SHARES_2023,
        WEIGHTS_2023,
        TARGETS_2024,
        target_growth=0.145,
        deflator=0.0289,
        baseline=_baseline3(),
    )
    assert sol.growth.to_numpy() == pytest.approx([0.178547, 0.101263, -0.001461], abs=2e-6)
    assert sol.z.to_numpy() == pytest.approx([-0.9955, 3.678, -0.7889], abs=2e-3)
    assert sol.verdict == "stretched"
    # common price change: 1.0289 × 1.005547 - 1 = 0.034607
    assert sol.price_change.to_numpy() == pytest.approx([0.034607] * 3, abs=2e-6)
    assert any("services" in note for note in sol.notes)


def test_equal_prices_consistent_when_growth_near_baseline():
    # Baseline at the solution of the two-sector case: z = 0 everywhere.
    sol = equal_prices(
        _s(0.5, 0.5),
        _s(0.6, 0.4),
        _s(0.6, 0.4),
        target_growth=0.10,
        deflator=0.02,
        baseline=_baseline2(g0=(0.2692308, -0.1538462)),
    )
    assert sol.verdict == "consistent"
    assert sol.z.abs().max() < 1e-5


def test_zero_target_share_is_inconsistent():
    kwargs = {"target_growth": 0.10, "deflator": 0.02, "baseline": _baseline2()}
    target = _s(1.0, 0.0)
    for sol in (
        equal_prices(_s(0.5, 0.5), _s(0.6, 0.4), target, **kwargs),
        min_deviation(_s(0.5, 0.5), _s(0.6, 0.4), target, **kwargs),
        given_growth(
            _s(0.5, 0.5),
            _s(0.6, 0.4),
            target,
            sector_growth=_s(0.1, 0.1),
            deflator=0.02,
            baseline=_baseline2(),
        ),
    ):
        assert sol.verdict == "inconsistent"
        assert sol.growth.isna().all()
        assert "unreachable" in sol.notes[0]


# --- closure B ---------------------------------------------------------------------------


def test_given_growth_two_sector_by_hand():
    # g = (0.20, 0.00), w = (0.6, 0.4): 1 + g = 0.72 + 0.40 = 1.12 -> aggregate 12 %, gap +2 pt
    # relative prices: 0.6×1.12/(0.5×1.2) = 1.12 -> +12 %; 0.4×1.12/(0.5×1.0) = 0.896 -> -10.4 %
    # price changes with π = 2 %: 1.02×1.12 - 1 = 0.1424; 1.02×0.896 - 1 = -0.08608
    # nominal: 0.5×1.2×1.1424 + 0.5×1.0×0.91392 = 0.68544 + 0.45696 = 1.1424
    sol = given_growth(
        _s(0.5, 0.5),
        _s(0.6, 0.4),
        _s(0.6, 0.4),
        sector_growth=_s(0.20, 0.00),
        deflator=0.02,
        baseline=_baseline2(),
        target_growth=0.10,
    )
    assert sol.closure == "given_growth"
    assert sol.aggregate_growth == pytest.approx(0.12, abs=1e-12)
    assert sol.growth_gap == pytest.approx(0.02, abs=1e-12)
    assert sol.relative_price.to_numpy() == pytest.approx([0.12, -0.104], abs=1e-12)
    assert sol.price_change.to_numpy() == pytest.approx([0.1424, -0.08608], abs=1e-12)
    assert sol.nominal_growth == pytest.approx(0.1424, abs=1e-12)
    assert sol.deflator == pytest.approx(0.02, abs=1e-12)
    # z = ((0.20-0.25)/0.05, 0/0.05) = (-1, 0) -> consistent
    assert sol.z.to_numpy() == pytest.approx([-1.0, 0.0], abs=1e-12)
    assert sol.verdict == "consistent"
    assert "gap +0.0200" in sol.notes[0]


def test_given_growth_without_target_has_no_gap():
    sol = given_growth(
        _s(0.5, 0.5),
        _s(0.6, 0.4),
        _s(0.6, 0.4),
        sector_growth=_s(0.20, 0.00),
        deflator=0.02,
        baseline=_baseline2(),
    )
    assert math.isnan(sol.target_growth)
    assert math.isnan(sol.growth_gap)


# --- closure C ---------------------------------------------------------------------------


def test_min_deviation_without_price_penalty_is_the_closed_form():
    # λ = 0: minimise Σ (g_i - g0_i)²/σ_i² s.t. Σ w_i g_i = g*  ->  g_i = g0_i + m w_i σ_i²,
    # m = (g* - Σ w g0) / Σ w² σ². w = (0.6, 0.4), g0 = (0.15, 0.05), σ = (0.04, 0.02), g* = 0.10:
    # Σ w g0 = 0.09 + 0.02 = 0.11; Σ w² σ² = 0.36×0.0016 + 0.16×0.0004 = 0.00064; m = -15.625
    # g = (0.15 - 15.625×0.6×0.0016, 0.05 - 15.625×0.4×0.0004) = (0.135, 0.0475)
    # z = (-0.015/0.04, -0.0025/0.02) = (-0.375, -0.125)
    sol = min_deviation(
        _s(0.5, 0.5),
        _s(0.6, 0.4),
        _s(0.55, 0.45),
        target_growth=0.10,
        deflator=0.03,
        baseline=_baseline2(g0=(0.15, 0.05), sd=(0.04, 0.02)),
        price_weight=0.0,
    )
    assert sol.closure == "min_deviation"
    assert sol.growth.to_numpy() == pytest.approx([0.135, 0.0475], abs=1e-7)
    assert sol.z.to_numpy() == pytest.approx([-0.375, -0.125], abs=1e-5)
    assert sol.verdict == "consistent"
    assert sol.shares.to_numpy() == pytest.approx([0.55, 0.45], abs=1e-12)


def test_min_deviation_with_heavy_price_penalty_approaches_closure_a():
    # λ → ∞ forces equal price changes: closure A's growth (0.178547, 0.101263, -0.001461).
    kwargs = {"target_growth": 0.145, "deflator": 0.0289, "baseline": _baseline3()}
    c = min_deviation(SHARES_2023, WEIGHTS_2023, TARGETS_2024, price_weight=1e9, **kwargs)
    assert c.growth.to_numpy() == pytest.approx([0.178547, 0.101263, -0.001461], abs=1e-5)
    assert c.relative_price.max() - c.relative_price.min() < 1e-5


def test_min_deviation_2024_targets_is_consistent_and_on_target():
    # With relative prices allowed to move (τ = 5 %), services growth stays near its
    # baseline and the services price does the work: no |z| above 2.
    sol = min_deviation(
        SHARES_2023,
        WEIGHTS_2023,
        TARGETS_2024,
        target_growth=0.145,
        deflator=0.0289,
        baseline=_baseline3(),
    )
    assert sol.verdict == "consistent"
    assert sol.aggregate_growth == pytest.approx(0.145, abs=1e-9)
    assert sol.shares.to_numpy() == pytest.approx(TARGETS_2024.to_numpy(), abs=1e-12)
    assert sol.relative_price[SV] > 0.0  # services must become dearer relative to the rest


def test_min_deviation_cannot_do_worse_than_closure_a():
    # Closure A is feasible for C with ρ = 0, so C's objective is at most Σ z_A².
    kwargs = {"target_growth": 0.145, "deflator": 0.0289, "baseline": _baseline3()}
    a = equal_prices(SHARES_2023, WEIGHTS_2023, TARGETS_2024, **kwargs)
    c = min_deviation(SHARES_2023, WEIGHTS_2023, TARGETS_2024, price_sd=0.05, **kwargs)
    log_p = np.log1p(c.price_change.to_numpy())
    rho = log_p - log_p.mean()  # equal τ: the optimal common level is the plain mean
    objective_c = float(np.sum(c.z**2) + np.sum((rho / 0.05) ** 2))
    assert objective_c <= float(np.sum(a.z**2)) + 1e-9


# --- result object -----------------------------------------------------------------------


def test_to_frame_and_summary():
    sol = equal_prices(
        _s(0.5, 0.5),
        _s(0.6, 0.4),
        _s(0.6, 0.4),
        target_growth=0.10,
        deflator=0.02,
        baseline=_baseline2(),
    )
    frame = sol.to_frame()
    assert list(frame["sector"]) == [IC, SV]
    assert list(frame.columns) == [
        "closure",
        "sector",
        "growth",
        "baseline_growth",
        "baseline_sd",
        "z",
        "price_change",
        "relative_price",
        "previous_share",
        "share",
        "target_share",
        "weight",
        "verdict",
    ]
    assert frame["share"].sum() == pytest.approx(1.0, abs=1e-12)
    summary = sol.summary()
    # max |z| = 3.076923 (see the two-sector case)
    assert summary["max_abs_z"] == pytest.approx(3.076923, abs=1e-6)
    assert summary["nominal_growth"] == pytest.approx(0.122, abs=1e-12)
    assert isinstance(sol, StructureSolution)
    with pytest.raises(AttributeError):
        sol.verdict = "consistent"  # frozen


# --- properties --------------------------------------------------------------------------

_part = st.floats(min_value=0.05, max_value=1.0)


def _normalised(values: list[float]) -> pd.Series:
    arr = np.asarray(values) / np.sum(values)
    return pd.Series(arr, index=[IC, SV, AG])


_triple = st.lists(_part, min_size=3, max_size=3).map(_normalised)
_growth = st.floats(min_value=-0.2, max_value=0.4)
_deflator = st.floats(min_value=-0.05, max_value=0.2)
_wide_baseline = GrowthBaseline(_s(0.1, 0.05, 0.02), _s(0.05, 0.02, 0.03), {})


@settings(max_examples=150, deadline=None)
@given(s=_triple, w=_triple, t=_triple, g=_growth, pi=_deflator)
def test_equal_prices_hits_shares_and_growth(s, w, t, g, pi):
    sol = equal_prices(s, w, t, target_growth=g, deflator=pi, baseline=_wide_baseline)
    assert sol.shares.to_numpy() == pytest.approx(t.to_numpy(), abs=1e-10)
    assert sol.shares.sum() == pytest.approx(1.0, abs=1e-12)
    assert sol.aggregate_growth == pytest.approx(g, abs=1e-10)
    assert sol.deflator == pytest.approx(pi, abs=1e-10)
    assert np.ptp(sol.price_change.to_numpy()) < 1e-12  # one common price change
    assert (sol.growth > -1.0).all()


@settings(max_examples=150, deadline=None)
@given(s=_triple, w=_triple, t=_triple, pi=_deflator, g=st.lists(_growth, min_size=3, max_size=3))
def test_given_growth_reproduces_growth_and_hits_shares(s, w, t, pi, g):
    plan = pd.Series(g, index=[IC, SV, AG])
    sol = given_growth(s, w, t, sector_growth=plan, deflator=pi, baseline=_wide_baseline)
    assert sol.growth.to_numpy() == pytest.approx(plan.to_numpy(), abs=0)
    assert sol.shares.to_numpy() == pytest.approx(t.to_numpy(), abs=1e-10)
    assert sol.shares.sum() == pytest.approx(1.0, abs=1e-12)
    assert sol.aggregate_growth == pytest.approx(float((w * plan).sum()), abs=1e-12)
    assert sol.deflator == pytest.approx(pi, abs=1e-10)


@settings(max_examples=40, deadline=None)
@given(
    s=_triple,
    w=_triple,
    t=_triple,
    g=st.floats(min_value=0.0, max_value=0.25),
    lam=st.sampled_from([0.0, 0.1, 1.0, 10.0]),
)
def test_min_deviation_meets_targets_when_it_solves(s, w, t, g, lam):
    sol = min_deviation(
        s, w, t, target_growth=g, deflator=0.03, baseline=_wide_baseline, price_weight=lam
    )
    # Closure A solves every one of these cases (test_equal_prices_hits_shares_and_growth), so
    # the constraint set is never empty: an "inconsistent" here is the optimiser failing.
    assert sol.verdict != "inconsistent"
    assert sol.aggregate_growth == pytest.approx(g, abs=1e-8)
    assert sol.shares.to_numpy() == pytest.approx(t.to_numpy(), abs=1e-10)
    assert sol.deflator == pytest.approx(0.03, abs=1e-10)


# --- refusals ----------------------------------------------------------------------------

_OK = {"target_growth": 0.10, "deflator": 0.02}


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((_s(0.5, 0.4), _s(0.6, 0.4), _s(0.6, 0.4)), {}, r"shares: must sum to 1 within 0\.005"),
        ((_s(0.5, 0.5), _s(0.7, 0.4), _s(0.6, 0.4)), {}, r"weights: must sum to 1 within 0\.005"),
        ((_s(0.5, 0.5), _s(1.2, -0.2), _s(0.6, 0.4)), {}, "weights: must be non-negative"),
        ((_s(1.0, 0.0), _s(0.6, 0.4), _s(0.6, 0.4)), {}, "shares: must be positive"),
        (
            (_s(0.5, 0.5), _s(0.6, 0.4), _s(0.2, 0.3, 0.5)),
            {},
            "shares, target_shares: must have the same sector keys",
        ),
        (
            (_s(0.5, 0.5), _s(0.6, 0.4), _s(0.6, 0.4)),
            {"target_growth": -1.0},
            r"target_growth: growth must be above -1",
        ),
        (
            (_s(0.5, 0.5), _s(0.6, 0.4), _s(0.6, 0.4)),
            {"deflator": float("nan")},
            "deflator: must be finite",
        ),
        ((_s(0.5, 0.5), _s(0.6, 0.4), _s(0.6, 0.4)), {"tol": 0.5}, r"tol: must be in \[0, 0.1\)"),
        ((_s(0.5, 0.5), _s(0.6, 0.4), _s(0.6, 0.4)), {"z_limit": 0.0}, "z_limit: must be positive"),
        (
            ([0.5, 0.5], _s(0.6, 0.4), _s(0.6, 0.4)),
            {},
            "shares: must be a pandas Series or dict keyed by sector",
        ),
    ],
)
def test_equal_prices_refuses(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        equal_prices(*args, **{**_OK, "baseline": _baseline2(), **kwargs})


def test_baseline_must_cover_the_sectors():
    with pytest.raises(
        ValueError, match=r"baseline: no historical growth for sector\(s\) \['agriculture'\]"
    ):
        equal_prices(SHARES_2023, WEIGHTS_2023, TARGETS_2024, baseline=_baseline2(), **_OK)
    with pytest.raises(ValueError, match="baseline: must be a GrowthBaseline"):
        equal_prices(_s(0.5, 0.5), _s(0.6, 0.4), _s(0.6, 0.4), baseline={"x": 1}, **_OK)


def test_given_growth_and_min_deviation_refuse():
    args = (_s(0.5, 0.5), _s(0.6, 0.4), _s(0.6, 0.4))
    with pytest.raises(ValueError, match="sector_growth: growth must be above -1"):
        given_growth(*args, sector_growth=_s(-1.5, 0.1), deflator=0.02, baseline=_baseline2())
    with pytest.raises(ValueError, match="shares, sector_growth: must have the same sector keys"):
        given_growth(*args, sector_growth=_s(0.1, 0.1, 0.1), deflator=0.02, baseline=_baseline2())
    with pytest.raises(ValueError, match="price_weight: must be non-negative"):
        min_deviation(*args, baseline=_baseline2(), price_weight=-1.0, **_OK)
    with pytest.raises(ValueError, match="price_sd: must be positive"):
        min_deviation(*args, baseline=_baseline2(), price_sd=0.0, **_OK)
    with pytest.raises(ValueError, match=r"baseline\.sd: must be positive"):
        GrowthBaseline(_s(0.1, 0.1), _s(0.0, 0.1), {})


def test_min_deviation_is_stretched_when_relative_prices_move_far():
    # With almost no weight on prices (λ → 0) the solver keeps sector growth at its history and
    # lets relative prices reach the target shares. With an assumed price spread of 1 % those
    # moves lie beyond 2 standard deviations (|ln(1 + ρ)| / 0.01 > 2 for some sector), so the
    # verdict must say 'stretched' even though every growth z is small.
    from analysis.data.tables import load_series
    from analysis.outlook.consistency_inputs import structure_inputs_from_series

    s = structure_inputs_from_series(load_series(), base_year=2023)
    targets = pd.Series({"industry_construction": 0.68, "services": 0.206, "agriculture": 0.114})
    loose = min_deviation(
        s["shares_base"],
        s["weights_base"],
        targets,
        target_growth=0.145,
        deflator=0.0289,
        baseline=s["baseline"],
        price_weight=1e-6,
        price_sd=0.01,
    )
    price_z = np.log1p(loose.relative_price) / 0.01
    assert (price_z.abs() > 2).any()
    assert (loose.z.abs() <= 2).all()
    assert loose.verdict == "stretched"
    assert any("relative price moves" in n for n in loose.notes)
