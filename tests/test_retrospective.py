"""Plan against outturn, the arithmetic (analysis.economics.retrospective), pinned to hand sums."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.economics.retrospective import (
    PerHeadFactors,
    contribution_miss,
    implied_deflator,
    implied_exchange_rate,
    implied_population,
    outcome_percentile,
    per_head_miss,
    residual_contribution,
)

# Bắc Giang 2024 as published (Statistics Office, 09/01/2025): contributions in points.
PUBLISHED = {"industry_construction": 0.1293, "services": 0.0105, "agriculture": -0.0035}
PUBLISHED_GROWTH = {
    "industry_construction": 0.1794,
    "services": 0.0683,
    "agriculture": -0.0332,
    "product_taxes": 0.1166,
}


# --- the growth miss by sector -----------------------------------------------------------------


def test_residual_is_the_total_less_the_published_contributions():
    # 13.85 − 12.93 − 1.05 − (−0.35) = 0.22 points for product taxes
    assert residual_contribution(0.1385, PUBLISHED) == pytest.approx(0.0022, abs=1e-12)


def test_contributions_with_the_residual_add_up_to_the_published_total():
    # 12.93 + 1.05 − 0.35 + 0.22 = 13.85
    total = sum(PUBLISHED.values()) + residual_contribution(0.1385, PUBLISHED)
    assert total == pytest.approx(0.1385, abs=1e-12)


def _hand_example(**options) -> pd.DataFrame:
    """Three parts, weights 0.7 / 0.2 / 0.1, planned 20 / 5 / 3 %, published total 15 %."""
    return contribution_miss(
        {"a": 0.20, "b": 0.05, "c": 0.03},
        {"a": 0.7, "b": 0.2, "c": 0.1},
        {"a": 0.13, "b": 0.012},
        0.15,
        residual="c",
        **options,
    )


def test_contribution_miss_by_hand():
    frame = _hand_example()
    # planned: 0.7 × 0.20 = 0.14, 0.2 × 0.05 = 0.01, 0.1 × 0.03 = 0.003; together 0.153
    assert frame["planned_contribution"].tolist() == pytest.approx([0.14, 0.01, 0.003, 0.153])
    # published: 0.13 and 0.012 as given, c the residual 0.15 − 0.13 − 0.012 = 0.008
    assert frame["published_contribution"].tolist() == pytest.approx([0.13, 0.012, 0.008, 0.15])
    assert frame["derived"].tolist() == [False, False, True, False]
    # misses −0.01, +0.002, +0.005, together 0.15 − 0.153 = −0.003
    assert frame["miss"].tolist() == pytest.approx([-0.01, 0.002, 0.005, -0.003])
    assert frame.loc["total", "planned_growth"] == pytest.approx(0.153)
    assert frame["weight"].tolist() == pytest.approx([0.7, 0.2, 0.1, 1.0])


def test_each_miss_splits_into_growth_and_weights_by_hand():
    frame = _hand_example(published_growth={"a": 0.19, "b": 0.06, "c": 0.08})
    # revealed weights c / g: 0.13 / 0.19 = 0.684211, 0.012 / 0.06 = 0.2, 0.008 / 0.08 = 0.1
    assert frame["revealed_weight"].iloc[:3].tolist() == pytest.approx([0.13 / 0.19, 0.2, 0.1])
    # growth: 0.7 (0.19 − 0.20) = −0.007, 0.2 (0.06 − 0.05) = 0.002, 0.1 (0.08 − 0.03) = 0.005
    assert frame["growth_effect"].iloc[:3].tolist() == pytest.approx([-0.007, 0.002, 0.005])
    # weights: (0.684211 − 0.7) 0.19 = −0.003, then 0 and 0
    assert frame["weight_effect"].iloc[:3].tolist() == pytest.approx([-0.003, 0.0, 0.0], abs=1e-12)
    parts = frame.iloc[:3]
    assert (parts["growth_effect"] + parts["weight_effect"]).tolist() == pytest.approx(
        parts["miss"].tolist()
    )
    assert frame.loc["total", "published_growth"] == pytest.approx(0.15)


def test_contribution_miss_on_the_published_figures():
    weights = {"industry_construction": 0.7124, "services": 0.1576, "agriculture": 0.1102}
    weights["product_taxes"] = 1.0 - sum(weights.values())
    planned = {"industry_construction": 0.18, "services": 0.0726, "agriculture": 0.033}
    planned["product_taxes"] = 0.0784
    growth = PUBLISHED_GROWTH
    frame = contribution_miss(planned, weights, PUBLISHED, 0.1385, published_growth=growth)
    published = 100 * frame["published_contribution"]
    assert published.tolist() == pytest.approx([12.93, 1.05, -0.35, 0.22, 13.85], abs=1e-9)
    # agriculture: 0.1102 × 3.30 % = 0.36 points planned against −0.35: −0.71
    assert 100 * frame.loc["agriculture", "miss"] == pytest.approx(-0.35 - 11.02 * 0.033, abs=1e-9)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"residual": "d"}, "residual: must be one of the parts"),
        ({"published": {"a": 0.13, "b": 0.012, "c": 0.01}}, "is derived, not given"),
        ({"published": {"a": 0.13}}, "published"),
        ({"weights": {"a": 0.7, "b": 0.2, "c": 0.2}}, "weights: must sum to 1"),
        ({"planned_growth": {"a": -1.2, "b": 0.05, "c": 0.03}}, "planned_growth: growth"),
        ({"total": float("nan")}, "total: must be finite"),
        ({"published_growth": {"a": 0.19, "b": 0.0, "c": 0.08}}, "non-zero"),
    ],
)
def test_contribution_miss_refuses_bad_input(change, match):
    arguments = {
        "planned_growth": {"a": 0.20, "b": 0.05, "c": 0.03},
        "weights": {"a": 0.7, "b": 0.2, "c": 0.1},
        "published": {"a": 0.13, "b": 0.012},
        "total": 0.15,
        "residual": "c",
        **change,
    }
    with pytest.raises(ValueError, match=match):
        contribution_miss(**arguments)


@given(
    st.lists(st.floats(0.01, 1.0), min_size=2, max_size=5),
    st.lists(st.floats(-0.2, 0.4), min_size=5, max_size=5),
    st.floats(-0.1, 0.3),
)
def test_misses_always_add_up_to_the_growth_miss(raw_weights, growth, total):
    keys = [f"s{i}" for i in range(len(raw_weights))]
    weights = dict(zip(keys, np.array(raw_weights) / sum(raw_weights), strict=True))
    planned = dict(zip(keys, growth, strict=False))
    published = {k: 0.5 * g for k, g in list(planned.items())[:-1]}
    frame = contribution_miss(planned, weights, published, total, residual=keys[-1])
    parts = frame.drop(index="total")
    # Worked here, not read back from the frame: the planned points w_i g_i, the residual part's
    # published points g - Σ_{i<r} c_i and each miss c_i - w_i g_i. (That the published points
    # add up to g holds for any residual; these pin what the residual and the misses are.)
    plan_points = {k: weights[k] * planned.get(k, 0.0) for k in keys if k in planned}
    residual = total - math.fsum(published.values())
    assert parts.loc[keys[-1], "published_contribution"] == pytest.approx(residual, abs=1e-12)
    assert bool(parts.loc[keys[-1], "derived"]) and not parts["derived"].iloc[:-1].any()
    for k, points in plan_points.items():
        assert parts.loc[k, "planned_contribution"] == pytest.approx(points, abs=1e-12)
        got = published.get(k, residual)
        assert parts.loc[k, "miss"] == pytest.approx(got - points, abs=1e-12)


# --- the outturn's prices, dollar rate and population -------------------------------------------


def test_implied_figures_by_hand():
    # (207 / 181.9) / 1.1385 − 1 = 1.1379879 / 1.1385 − 1 = −0.04498 %
    assert implied_deflator(207, 181.9, 0.1385) == pytest.approx(-0.00044980, abs=1e-8)
    # 207e12 VND / 8.65e9 USD = 23,930.64 VND per USD
    assert implied_exchange_rate(207, 8.65) == pytest.approx(23930.636, abs=1e-3)
    # 8.65e9 USD / 4,370 USD = 1,979,405 persons
    assert implied_population(8.65, 4370) == pytest.approx(1979405.03, abs=0.01)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: implied_deflator(0, 181.9, 0.1), "nominal: must be positive"),
        (lambda: implied_deflator(207, 181.9, -1.0), "real_growth: growth must be above -1"),
        (lambda: implied_exchange_rate(207, 0), "grdp_bn_usd: must be positive"),
        (lambda: implied_population(8.65, "4370"), "per_head_usd: must be a finite number"),
    ],
)
def test_implied_figures_refuse_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- the per-head miss --------------------------------------------------------------------------

# The target scenario: 14.5 % growth, 2.89 % deflator, 1.68 % population, 1.7 % depreciation.
PLANNED = PerHeadFactors(0.145, 0.0289, 0.0168, 0.017)
# The outturn from the published levels, both years by the same derivation: 13.85 %; the
# deflator (207 / 181.9) / 1.1385 − 1; population 8.65e9 / 4,370 = 1,979,405 against
# 7.6e9 / 3,950 = 1,924,050.6; the rate 207e12 / 8.65e9 = 23,930.64 against
# 181.9e12 / 7.6e9 = 23,934.21.
ACTUAL = PerHeadFactors(
    0.1385,
    207 / 181.9 / 1.1385 - 1,
    (8.65e9 / 4370) / (7.6e9 / 3950) - 1,
    (207e12 / 8.65e9) / (181.9e12 / 7.6e9) - 1,
)


def test_planned_and_actual_per_head_by_hand():
    # planned: 3,950 × 1.145 × 1.0289 / (1.0168 × 1.017) = 3,950 × 1.1780905 / 1.0340856 = 4,500.07
    assert 3950 * (1 + PLANNED.per_head_growth) == pytest.approx(4500.0699, abs=1e-4)
    # actual: 3,950 × (1 + g_y) is 4,370 exactly, since y = N / (P · X) with P and X implied
    assert 3950 * (1 + ACTUAL.per_head_growth) == pytest.approx(4370.0, abs=1e-9)


def test_per_head_split_of_4370_against_4500_by_hand():
    split = per_head_miss(PLANNED, ACTUAL)
    # real growth  log(1.1385 / 1.145)                 = −0.0056930
    # prices       log(0.9995502 / 1.0289)              = −0.0289402
    # population  −log(1.0287697 / 1.0168)              = −0.0117032
    # exchange    −log(0.9998506 / 1.017)               = +0.0170065
    # total        log(4,370 / 4,500.07)                = −0.0293299
    expected = [-0.0056930, -0.0289402, -0.0117032, 0.0170065, -0.0293299]
    assert split.tolist() == pytest.approx(expected, abs=1e-7)
    assert list(split.index) == ["real_growth", "prices", "population", "exchange_rate", "total"]
    assert split.iloc[:4].sum() == pytest.approx(split["total"], abs=1e-15)


def test_per_head_split_of_prices_alone():
    # only prices differ, by 10 %: the whole miss is log(1.1), in prices
    split = per_head_miss(PerHeadFactors(0.1, 0.0, 0.0, 0.0), PerHeadFactors(0.1, 0.1, 0.0, 0.0))
    assert split.tolist() == pytest.approx([0.0, math.log(1.1), 0.0, 0.0, math.log(1.1)])


@given(st.lists(st.floats(-0.5, 0.5), min_size=8, max_size=8))
def test_per_head_split_is_exact(rates):
    split = per_head_miss(PerHeadFactors(*rates[:4]), PerHeadFactors(*rates[4:]))
    assert split.iloc[:4].sum() == pytest.approx(split["total"], abs=1e-12)


def test_per_head_inputs_are_checked():
    with pytest.raises(ValueError, match="deflator: growth must be above -1"):
        PerHeadFactors(0.1, -1.5, 0.0, 0.0)
    with pytest.raises(ValueError, match="actual: must be a PerHeadFactors"):
        per_head_miss(PLANNED, (0.1, 0.0, 0.0, 0.0))


# --- the outcome in the fan ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [(50.5, 0.5), (50, 0.495), (0, 0.0), (1000, 1.0), (1, 0.005), (100, 0.995)],
)
def test_percentile_among_1_to_100(outcome, expected):
    # 1, 2, ..., 100: below 50.5 lie 50 draws; at 50, 49 below and one tie counted half
    assert outcome_percentile(np.arange(1, 101), outcome) == pytest.approx(expected)


def test_percentile_of_a_normal_draw_is_its_cdf():
    # Φ(1) = 0.841345 for a standard normal, within three Monte Carlo standard errors
    draws = np.random.default_rng(11).standard_normal(200_000)
    se = math.sqrt(0.841345 * (1 - 0.841345) / draws.size)
    assert abs(outcome_percentile(draws, 1.0) - 0.841345) < 3 * se


def test_percentile_refuses_no_or_bad_draws():
    with pytest.raises(ValueError, match="draws: must hold at least one draw"):
        outcome_percentile([], 1.0)
    with pytest.raises(ValueError, match="draws: must be finite"):
        outcome_percentile([1.0, np.nan], 1.0)
    with pytest.raises(ValueError, match="outcome: must be finite"):
        outcome_percentile([1.0], float("inf"))
