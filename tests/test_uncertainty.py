"""Tests of analysis.economics.uncertainty: the two-piece normal, calibration, narrowing, Monte
Carlo, and the statsmodels benchmark.

Expected numbers are worked by hand in the comments (or come from scipy.stats.norm, numerical
integration, or the published record), never from the code under test.
"""

from __future__ import annotations

import dataclasses
import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate
from scipy.stats import kstest, norm

from analysis.economics.uncertainty import (
    BenchmarkForecast,
    MacroTargets,
    MonteCarloSetup,
    SectorSetup,
    TwoPieceNormal,
    calibrate_scales,
    calibrate_sector_scales,
    fan_quantiles,
    in_year_distribution,
    narrowed_sigma,
    quarters_known,
    random_walk_benchmark,
    simulate_targets,
)

PHI = (0.21, 0.25, 0.265, 0.275)  # Bắc Giang quarterly weights, methodology section 5

# Published annual real growth 2016–2023, percent (published_statistics.csv).
RECORD_PCT = [10.73, 13.33, 15.96, 16.10, 13.0, 7.82, 19.30, 13.45]
RECORD = pd.Series(RECORD_PCT, index=range(2016, 2024)) / 100

scales = st.floats(min_value=1e-3, max_value=0.2)
modes = st.floats(min_value=-0.2, max_value=0.4)


# --- TwoPieceNormal -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((0.1, 0.0, 0.02), "sigma_lower"),
        ((0.1, 0.02, -0.01), "sigma_upper"),
        ((math.nan, 0.02, 0.02), "mode"),
        ((0.1, math.inf, 0.02), "sigma_lower"),
        ((0.1, True, 0.02), "sigma_lower"),
        ((0.1, "0.02", 0.02), "sigma_lower"),
    ],
)
def test_two_piece_normal_refuses_bad_parameters(args, field):
    with pytest.raises(ValueError, match=field):
        TwoPieceNormal(*args)


@settings(max_examples=60, deadline=None)
@given(mode=modes, s1=scales, s2=scales)
def test_probability_below_mode_is_the_lower_scale_share(mode, s1, s2):
    dist = TwoPieceNormal(mode, s1, s2)
    # P(X < μ) = σ1 / (σ1 + σ2), methodology section 6.
    assert dist.cdf(mode) == pytest.approx(s1 / (s1 + s2), rel=1e-12)
    assert dist.prob_below_mode == pytest.approx(s1 / (s1 + s2), rel=1e-12)


def test_probability_below_mode_worked_example():
    # σ1 = 0.04, σ2 = 0.02: 0.04 / 0.06 = 2/3.
    assert TwoPieceNormal(0.145, 0.04, 0.02).cdf(0.145) == pytest.approx(2 / 3, rel=1e-12)


def test_mean_formula_worked_and_integrated():
    dist = TwoPieceNormal(0.10, 0.03, 0.01)
    # μ + √(2/π)(σ2 − σ1) = 0.10 + 0.7978846 × (−0.02) = 0.0840423.
    assert dist.mean() == pytest.approx(0.0840423, abs=1e-7)
    # The same from the definition, E[X] = ∫ x f(x) dx, integrated on each side of the mode.
    lower, _ = integrate.quad(lambda x: x * dist.pdf(x), -np.inf, 0.10)
    upper, _ = integrate.quad(lambda x: x * dist.pdf(x), 0.10, np.inf)
    assert lower + upper == pytest.approx(0.0840423, abs=1e-7)


@settings(max_examples=30, deadline=None)
@given(mode=modes, s1=scales, s2=scales)
def test_pdf_integrates_to_one(mode, s1, s2):
    dist = TwoPieceNormal(mode, s1, s2)
    below, _ = integrate.quad(dist.pdf, -np.inf, mode)
    above, _ = integrate.quad(dist.pdf, mode, np.inf)
    assert below + above == pytest.approx(1.0, abs=1e-8)
    # Each half carries σ_side / (σ1 + σ2).
    assert below == pytest.approx(s1 / (s1 + s2), abs=1e-8)


def test_variance_matches_numerical_integral():
    dist = TwoPieceNormal(0.10, 0.03, 0.01)
    mean = 0.10 + math.sqrt(2 / math.pi) * (0.01 - 0.03)
    second, _ = integrate.quad(lambda x: (x - mean) ** 2 * dist.pdf(x), -np.inf, 0.10)
    third, _ = integrate.quad(lambda x: (x - mean) ** 2 * dist.pdf(x), 0.10, np.inf)
    # (1 − 2/π)(σ2 − σ1)² + σ1σ2 = 0.3633802 × 0.0004 + 0.0003 = 0.00044535.
    assert dist.var() == pytest.approx(0.00044535, rel=1e-4)
    assert dist.var() == pytest.approx(second + third, rel=1e-8)
    assert dist.std() == pytest.approx(math.sqrt(0.00044535), rel=1e-4)


def test_cdf_closed_form_below_and_above_mode():
    dist = TwoPieceNormal(0.10, 0.03, 0.01)
    # Below: 2σ1/(σ1+σ2) Φ(−1) = 1.5 × 0.1586553 = 0.2379829.
    assert dist.cdf(0.07) == pytest.approx(0.2379829, abs=1e-7)
    # Above: (σ1−σ2)/(σ1+σ2) + 2σ2/(σ1+σ2) Φ(1) = 0.5 + 0.5 × 0.8413447 = 0.9206724.
    assert dist.cdf(0.11) == pytest.approx(0.9206724, abs=1e-7)
    assert dist.cdf(-np.inf) == 0.0
    assert dist.cdf(np.inf) == 1.0


def test_sf_is_accurate_far_in_the_upper_tail():
    dist = TwoPieceNormal(0.10, 0.03, 0.01)
    # 2σ2/(σ1+σ2) × Φ̄(10) = 0.5 × 7.619853e-24 = 3.809927e-24; 1 − cdf would give 0.
    assert dist.sf(0.20) == pytest.approx(3.809927e-24, rel=1e-6)


@settings(max_examples=60, deadline=None)
@given(mode=modes, s1=scales, s2=scales, x=st.floats(min_value=-1.0, max_value=1.0))
def test_cdf_and_sf_add_to_one_and_cdf_is_monotone(mode, s1, s2, x):
    dist = TwoPieceNormal(mode, s1, s2)
    assert dist.cdf(x) + dist.sf(x) == pytest.approx(1.0, abs=1e-12)
    assert dist.cdf(x) <= dist.cdf(x + 0.01) + 1e-15
    assert 0.0 <= dist.cdf(x) <= 1.0


@settings(max_examples=80, deadline=None)
@given(mode=modes, s1=scales, s2=scales, q=st.floats(min_value=1e-6, max_value=1 - 1e-6))
def test_ppf_inverts_cdf(mode, s1, s2, q):
    dist = TwoPieceNormal(mode, s1, s2)
    assert dist.cdf(dist.ppf(q)) == pytest.approx(q, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(mode=modes, s1=scales, s2=scales, z=st.floats(min_value=-5, max_value=5))
def test_cdf_inverts_ppf(mode, s1, s2, z):
    dist = TwoPieceNormal(mode, s1, s2)
    x = mode + z * (s1 if z < 0 else s2)
    assert dist.ppf(dist.cdf(x)) == pytest.approx(x, abs=1e-9)


def test_ppf_edges_and_median_worked():
    dist = TwoPieceNormal(0.10, 0.03, 0.01)
    assert dist.ppf(0.0) == -np.inf
    assert dist.ppf(1.0) == np.inf
    assert dist.ppf(0.75) == pytest.approx(0.10, abs=1e-12)  # P(X < μ) = 0.75
    # Median below the mode: μ + σ1 Φ⁻¹(0.5 × 0.04 / 0.06) = 0.10 + 0.03 × (−0.4307273).
    assert dist.median() == pytest.approx(0.0870782, abs=1e-7)
    with pytest.raises(ValueError, match="q"):
        dist.ppf(1.2)
    with pytest.raises(ValueError, match="q"):
        dist.ppf(math.nan)


@pytest.mark.parametrize(("mode", "sigma"), [(0.145, 0.035), (-0.02, 0.1), (0.0, 1.0)])
def test_reduces_to_the_normal_with_equal_scales(mode, sigma):
    dist = TwoPieceNormal.symmetric(mode, sigma)
    ref = norm(loc=mode, scale=sigma)
    x = np.linspace(mode - 4 * sigma, mode + 4 * sigma, 41)
    q = np.linspace(0.001, 0.999, 41)
    np.testing.assert_allclose(dist.pdf(x), ref.pdf(x), rtol=1e-12)
    np.testing.assert_allclose(dist.cdf(x), ref.cdf(x), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dist.sf(x), ref.sf(x), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dist.ppf(q), ref.ppf(q), rtol=1e-12, atol=1e-12)
    assert dist.mean() == pytest.approx(mode)
    assert dist.median() == pytest.approx(mode)
    assert dist.var() == pytest.approx(sigma**2)


def test_vectorised_and_series_inputs_keep_their_form():
    dist = TwoPieceNormal(0.10, 0.03, 0.01)
    assert isinstance(dist.cdf(0.1), float)
    out = dist.cdf(np.array([[0.07, 0.11], [0.10, 0.2]]))
    assert out.shape == (2, 2)
    series = pd.Series([0.07, 0.11], index=["a", "b"])
    result = dist.cdf(series)
    assert list(result.index) == ["a", "b"]
    assert result["a"] == pytest.approx(0.2379829, abs=1e-7)  # as worked above
    with pytest.raises(ValueError, match="x"):
        dist.pdf([0.1, math.nan])
    with pytest.raises(ValueError, match="x"):
        dist.cdf("high")


def test_interval_holds_its_probability():
    dist = TwoPieceNormal(0.145, 0.042, 0.029)
    low, high = dist.interval(0.9)
    # Central interval: 5 % in each tail, by the closed-form cdf checked above.
    assert dist.cdf(low) == pytest.approx(0.05, abs=1e-10)
    assert dist.sf(high) == pytest.approx(0.05, abs=1e-10)
    with pytest.raises(ValueError, match="level"):
        dist.interval(1.0)


def test_rvs_needs_a_generator_and_is_reproducible():
    dist = TwoPieceNormal(0.145, 0.042, 0.029)
    with pytest.raises(ValueError, match="rng"):
        dist.rvs(10, 42)
    with pytest.raises(ValueError, match="rng"):
        dist.rvs(10, np.random.RandomState(1))
    a = dist.rvs(1000, np.random.default_rng(7))
    b = dist.rvs(1000, np.random.default_rng(7))
    np.testing.assert_array_equal(a, b)
    assert dist.rvs((3, 4), np.random.default_rng(1)).shape == (3, 4)


def test_rvs_follow_the_closed_form_cdf():
    dist = TwoPieceNormal(0.10, 0.03, 0.01)
    draws = dist.rvs(50_000, np.random.default_rng(2024))
    # Kolmogorov–Smirnov against the closed form; a fixed seed makes this deterministic.
    assert kstest(draws, dist.cdf).pvalue > 0.01
    share_below = np.mean(draws < 0.10)
    # P(X < μ) = 0.75, standard error √(0.75 × 0.25 / 50,000) = 0.0019365.
    assert abs(share_below - 0.75) < 3 * 0.0019365


# --- calibration ----------------------------------------------------------------------------


def test_calibration_from_the_published_record():
    plan = pd.Series([14.5, 14.5], index=["2023", "2024"]) / 100  # 2024: no outturn yet
    cal = calibrate_scales(RECORD, plan)
    # Record mean 109.69 / 8 = 13.71125 %; squared deviations sum to 86.31129;
    # / 7 = 12.33018; √ = 3.51144 points.
    assert cal.sigma == pytest.approx(0.0351144, abs=1e-7)
    assert cal.mean_growth == pytest.approx(0.1371125, abs=1e-9)
    # 2023: 13.45 − 14.5 = −1.05 points; the only year with both.
    assert cal.plan_years == (2023,)
    assert cal.mean_plan_error == pytest.approx(-0.0105, abs=1e-12)
    # σ1,2 = σ ∓ ē √(π/2) / 2 = 3.51144 ± 1.05 × 1.2533141 / 2 = 3.51144 ± 0.65799.
    assert cal.sigma_lower == pytest.approx(0.0416943, abs=1e-7)
    assert cal.sigma_upper == pytest.approx(0.0285345, abs=1e-7)
    # Centred on the 14.5 % plan, the mean is the 2023 outturn: 14.5 − 1.05 = 13.45 %.
    dist = cal.growth_distribution(0.145)
    assert dist.mean() == pytest.approx(0.1345, abs=1e-12)
    assert dist.mode == 0.145


def test_calibration_with_plain_arrays_matches_the_series_form():
    by_year = calibrate_scales(RECORD, pd.Series({2023: 0.145}))
    plain = calibrate_scales(np.array(RECORD_PCT) / 100, [0.145], [0.1345])
    assert plain.sigma_lower == pytest.approx(by_year.sigma_lower, abs=1e-12)
    assert plain.sigma_upper == pytest.approx(by_year.sigma_upper, abs=1e-12)
    assert plain.years == ()


def test_calibration_without_plans_is_symmetric():
    cal = calibrate_scales(RECORD)
    assert cal.sigma_lower == cal.sigma_upper == pytest.approx(0.0351144, abs=1e-7)
    assert "no skew" in cal.assumptions["sigma_lower"].lower()


def test_every_scale_carries_its_assumption():
    cal = calibrate_scales(RECORD, pd.Series({2023: 0.145}), deflator_sigma=0.02)
    frame = cal.to_frame()
    assert list(frame.index) == [
        "sigma_lower",
        "sigma_upper",
        "deflator_sigma",
        "population_sigma",
        "depreciation_sigma",
    ]
    assert frame["assumption"].str.len().min() > 40
    assert "2016–2023" in frame.loc["sigma_lower", "assumption"]
    assert "2023: -1.05" in frame.loc["sigma_upper", "assumption"]
    assert frame.loc["deflator_sigma", "value"] == 0.02
    assert "2.00 points" in frame.loc["deflator_sigma", "assumption"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"annual_growth": [0.1, 0.12]}, "annual_growth"),
        ({"annual_growth": RECORD, "plan": [0.145]}, "plan"),
        ({"annual_growth": RECORD, "plan": [0.145], "outturn": [0.13, 0.12]}, "plan, outturn"),
        ({"annual_growth": RECORD, "plan": pd.Series({2023: 0.30})}, "plan"),
        ({"annual_growth": RECORD, "deflator_sigma": 0.0}, "deflator_sigma"),
        ({"annual_growth": pd.Series([0.1, 0.1, -1.5], index=[1, 2, 3])}, "annual_growth"),
        ({"annual_growth": pd.Series([0.1, 0.1, 0.1], index=["a", "b", "c"])}, "annual_growth"),
    ],
)
def test_calibration_refuses_bad_input(kwargs, field):
    with pytest.raises(ValueError, match=field):
        calibrate_scales(**kwargs)


def test_sector_loadings_exact_on_constructed_data():
    total = pd.Series([0.10, 0.12, 0.15, 0.08, 0.14], index=range(2016, 2021))
    # Sector a = 1.5 G − 0.01 and b = 0.5 G + 0.03 exactly; with weights ½, ½:
    # Σ w λ = 0.75 + 0.25 = 1, so no rescaling and no residual.
    sectors = pd.DataFrame({"a": 1.5 * total - 0.01, "b": 0.5 * total + 0.03})
    out = calibrate_sector_scales(sectors, total, {"a": 0.5, "b": 0.5})
    assert out.loadings["a"] == pytest.approx(1.5, abs=1e-10)
    assert out.loadings["b"] == pytest.approx(0.5, abs=1e-10)
    assert out.idiosyncratic_sigma["a"] == pytest.approx(0.0, abs=1e-10)
    assert out.years["a"] == (2016, 2017, 2018, 2019, 2020)


def test_sector_loadings_on_the_published_record():
    years = [2016, 2017, 2018, 2019, 2023]
    sectors = (
        pd.DataFrame(
            {
                "industry_construction": [17.86, 23.23, 24.40, 25.10, 17.25],
                "services": [6.70, 7.88, 6.52, 8.20, 6.56],
                "agriculture": [2.50, -1.34, 6.48, 0.50, 2.63],
                "product_taxes": [np.nan, np.nan, 7.8, 8.8, 7.14],
            },
            index=[str(y) for y in years],
        )
        / 100
    )
    weights = {  # 2023 weights revealed by contributions (methodology section 2)
        "industry_construction": 0.689,
        "services": 0.168,
        "agriculture": 0.122,
        "product_taxes": 0.021,
    }
    out = calibrate_sector_scales(sectors, RECORD, weights)
    # Hand OLS on the five common years: x̄ = 13.914, Σdx² = 19.659;
    # industry Σdxdy = 26.3543 → slope 1.34057; services Σdxdy = 2.28657 → 0.116312.
    ratio = out.loadings["industry_construction"] / out.loadings["services"]
    assert ratio == pytest.approx(1.34057 / 0.116312, rel=1e-4)
    assert sum(weights[k] * v for k, v in out.loadings.items()) == pytest.approx(1.0)
    # Taxes have three years only: one-for-one with the aggregate, no own spread.
    assert out.idiosyncratic_sigma["product_taxes"] == 0.0
    assert "only 3 year(s)" in out.assumptions["product_taxes"]
    assert out.idiosyncratic_sigma["industry_construction"] > 0


def test_sector_calibration_needs_weights_for_every_sector():
    total = pd.Series([0.10, 0.12, 0.15, 0.08], index=range(2016, 2020))
    with pytest.raises(ValueError, match="weights"):
        calibrate_sector_scales(pd.DataFrame({"a": total}), total, {"b": 1.0})


# --- in-year narrowing ----------------------------------------------------------------------


def test_narrowing_keeps_sigma_0_and_ends_at_zero():
    assert narrowed_sigma(0.035, PHI, 0) == pytest.approx(0.035, rel=1e-15)
    assert narrowed_sigma(0.035, PHI, 4) == 0.0
    # Σφ² = 0.0441 + 0.0625 + 0.070225 + 0.075625 = 0.25245; after 2 quarters
    # √(0.14585 / 0.25245) = 0.7600909.
    assert narrowed_sigma(0.035, PHI, 2) == pytest.approx(0.035 * 0.7600909, rel=1e-6)
    np.testing.assert_allclose(
        narrowed_sigma(np.array([0.04, 0.03]), PHI, 2), [0.04 * 0.7600909, 0.03 * 0.7600909]
    )


def test_narrowing_is_monotone_in_quarters():
    values = [narrowed_sigma(1.0, PHI, k) for k in range(5)]
    assert all(a > b for a, b in itertools.pairwise(values))


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((-0.01, PHI, 1), "sigma"),
        ((0.03, (0.3, 0.3, 0.3, 0.3), 1), "quarterly_weights"),
        ((0.03, PHI, 5), "quarters_known"),
        ((0.03, PHI, 1.5), "quarters_known"),
    ],
)
def test_narrowing_refuses_bad_input(args, field):
    with pytest.raises(ValueError, match=field):
        narrowed_sigma(*args)


def test_in_year_distribution_centres_on_the_known_part():
    dist = TwoPieceNormal(0.1426, 0.042, 0.029)
    out = in_year_distribution(dist, PHI, {"Q1": 0.089, "6M": 0.12})
    # Known: 0.12 × (0.21 + 0.25) = 0.0552; rest at the mode: 0.54 × 0.1426 = 0.077004.
    assert out.mode == pytest.approx(0.132204, abs=1e-12)
    assert out.sigma_lower == pytest.approx(0.042 * 0.7600909, rel=1e-6)
    assert out.sigma_upper == pytest.approx(0.029 * 0.7600909, rel=1e-6)


def test_in_year_distribution_with_a_quarterly_path():
    dist = TwoPieceNormal(0.14, 0.04, 0.03)
    # Path 0.10, 0.14, 0.15, 0.16: 0.021 + 0.035 + 0.03975 + 0.044 = 0.13975 (within 0.05 pt).
    path = [0.10, 0.14, 0.15, 0.16]
    out = in_year_distribution(dist, PHI, {"9M": 0.13}, quarterly_growth=path)
    # The path is shifted by +0.00025 to meet the mode; Q4 then 0.16025.
    # Known 0.13 × 0.725 = 0.09425; plus 0.275 × 0.16025 = 0.04406875 → 0.13831875.
    assert out.mode == pytest.approx(0.13831875, abs=1e-12)
    # One quarter left: √(0.075625 / 0.25245) = 0.5473247.
    assert out.sigma_lower == pytest.approx(0.04 * 0.5473247, rel=1e-6)


def test_in_year_distribution_full_year_is_a_number_and_none_is_unchanged():
    dist = TwoPieceNormal(0.145, 0.04, 0.03)
    assert in_year_distribution(dist, PHI, {"2024-FY": 0.131}) == pytest.approx(0.131)
    assert in_year_distribution(dist, PHI, {}) == dist
    assert in_year_distribution(dist, PHI, None) == dist


def test_ytd_keys():
    assert quarters_known({"Q1": 0.08}) == 1
    assert quarters_known({"Q1": 0.08, "6M": 0.1, "9m": 0.11}) == 3
    assert quarters_known({"H1": 0.1}) == 2
    assert quarters_known({4: 0.13}) == 4
    assert quarters_known({}) == 0
    with pytest.raises(ValueError, match="ytd_actuals"):
        quarters_known({"Q5": 0.1})
    with pytest.raises(ValueError, match="ytd_actuals"):
        quarters_known({"Q1": 0.1, "3M": 0.1})
    with pytest.raises(ValueError, match="ytd_actuals"):
        quarters_known({"Q1": -1.2})


def test_in_year_distribution_refuses_a_path_far_from_the_mode():
    dist = TwoPieceNormal(0.145, 0.04, 0.03)
    with pytest.raises(ValueError, match="quarterly_growth"):
        in_year_distribution(dist, PHI, {"Q1": 0.1}, quarterly_growth=[0.1, 0.1, 0.1, 0.1])


# --- Monte Carlo ----------------------------------------------------------------------------


def _setup(**changes) -> MonteCarloSetup:
    base = MonteCarloSetup(
        growth=TwoPieceNormal(0.13, 0.04, 0.03),
        deflator=0.027,
        population_growth=0.0168,
        depreciation=0.017,
        per_capita_base_usd=3950.0,
        quarterly_weights=PHI,
    )
    return dataclasses.replace(base, **changes)


TARGETS = MacroTargets(growth=0.145, per_capita_usd=4500.0)


def test_monte_carlo_growth_probability_matches_the_closed_form():
    result = simulate_targets(_setup(), TARGETS, n_draws=200_000, seed=11)
    row = result.table.loc["growth"]
    # P(G ≥ 0.145) = 2σ2/(σ1+σ2) Φ̄((0.145 − 0.13)/0.03) = 0.8571429 × Φ̄(0.5)
    #              = 0.8571429 × 0.3085375 = 0.2644607.
    assert row["standard_error"] == pytest.approx(
        math.sqrt(row["probability"] * (1 - row["probability"]) / 200_000)
    )
    assert abs(row["probability"] - 0.2644607) < 3 * row["standard_error"]


def test_monte_carlo_per_head_and_joint_match_the_closed_form():
    result = simulate_targets(_setup(), TARGETS, n_draws=200_000, seed=12)
    # With the deflator, population and exchange rate fixed, per head ≥ 4500 ⇔ G ≥ g*:
    # 1 + g* = (4500/3950)(1.0168)(1.017)/1.027 = 1.1392405 × 1.0168 × 1.017 / 1.027
    #        = 1.1471005 → g* = 0.1471005.
    g_star = 4500 / 3950 * 1.0168 * 1.017 / 1.027 - 1
    assert g_star == pytest.approx(0.1471005, abs=1e-7)
    # P = 0.8571429 × Φ̄((g* − 0.13)/0.03), from the closed form above.
    expected = 2 * 0.03 / 0.07 * norm.sf((g_star - 0.13) / 0.03)
    per_head = result.table.loc["per_capita"]
    assert abs(per_head["probability"] - expected) < 3 * per_head["standard_error"]
    # Jointly: both hold exactly when G ≥ max(0.145, g*) = g*, the same event.
    joint = result.table.loc["joint"]
    assert joint["probability"] == pytest.approx(per_head["probability"], abs=1e-12)
    assert joint["covers"] == "growth+per_capita"
    assert math.isnan(result.table.loc["structure", "probability"])


def test_same_seed_gives_the_same_table_and_draws():
    setup = _setup(deflator=TwoPieceNormal.symmetric(0.027, 0.015))
    a = simulate_targets(setup, TARGETS, n_draws=20_000, seed=2024)
    b = simulate_targets(setup, TARGETS, n_draws=20_000, seed=2024)
    pd.testing.assert_frame_equal(a.table, b.table)
    np.testing.assert_array_equal(a.per_capita_usd, b.per_capita_usd)
    pd.testing.assert_frame_equal(a.ytd_path, b.ytd_path)
    c = simulate_targets(setup, TARGETS, n_draws=20_000, seed=2025)
    assert not np.array_equal(a.annual_growth, c.annual_growth)


def test_unseeded_run_reports_a_seed_that_repeats_it():
    first = simulate_targets(_setup(), TARGETS, n_draws=5_000)
    again = simulate_targets(_setup(), TARGETS, n_draws=5_000, seed=first.seed)
    pd.testing.assert_frame_equal(first.table, again.table)


def test_table_shape_and_columns():
    result = simulate_targets(_setup(), TARGETS, n_draws=1_000, seed=1)
    assert list(result.table.index) == ["growth", "per_capita", "structure", "joint"]
    assert list(result.table.columns) == [
        "probability",
        "standard_error",
        "threshold",
        "covers",
        "n_draws",
    ]
    assert result.table.loc["growth", "threshold"] == 0.145
    assert (result.table["n_draws"] == 1_000).all()
    assert result.n_draws == 1_000
    assert result.ytd_path.shape == (1_000, 4)
    assert list(result.ytd_path.columns) == ["Q1", "6M", "9M", "FY"]


def test_ytd_path_ends_at_the_annual_draws():
    result = simulate_targets(_setup(), TARGETS, n_draws=10_000, seed=3)
    np.testing.assert_allclose(result.ytd_path["FY"], result.annual_growth, atol=1e-12)
    # Single quarters vary more than the year: the Q1 fan is wider than the annual one.
    assert result.ytd_path["Q1"].std() > result.ytd_path["FY"].std()


def test_ytd_actuals_fix_the_known_quarters_and_narrow_the_year():
    setup = _setup(ytd_actuals={"Q1": 0.089, "6M": 0.12})
    result = simulate_targets(setup, TARGETS, n_draws=100_000, seed=4)
    np.testing.assert_allclose(result.ytd_path["Q1"], 0.089)
    np.testing.assert_allclose(result.ytd_path["6M"], 0.12)
    assert result.quarters_known == 2
    # Mode 0.12 × 0.46 + 0.54 × 0.13 = 0.0552 + 0.0702 = 0.1254; scales × 0.7600909.
    s1, s2 = 0.04 * 0.7600909, 0.03 * 0.7600909
    assert result.annual_distribution.mode == pytest.approx(0.1254, abs=1e-12)
    # P(G ≥ 0.145) = 2 s2/(s1+s2) Φ̄((0.145 − 0.1254)/s2).
    expected = 2 * s2 / (s1 + s2) * norm.sf((0.145 - 0.1254) / s2)
    row = result.table.loc["growth"]
    assert abs(row["probability"] - expected) < 3 * row["standard_error"]


def test_full_year_known_gives_certain_events():
    result = simulate_targets(_setup(ytd_actuals={"FY": 0.15}), TARGETS, n_draws=1_000, seed=5)
    np.testing.assert_allclose(result.annual_growth, 0.15)
    assert result.table.loc["growth", "probability"] == 1.0
    assert result.table.loc["growth", "standard_error"] == 0.0
    assert result.annual_distribution == pytest.approx(0.15)


# Sector fixture: three parts in the targets' convention (services include product taxes).
SECTOR_GROWTH = {"industry_construction": 0.18, "services": 0.08, "agriculture": 0.03}
SECTOR_WEIGHTS = {"industry_construction": 0.689, "services": 0.189, "agriculture": 0.122}
SECTOR_SHARES = {"industry_construction": 0.657, "services": 0.213, "agriculture": 0.130}
# Aggregate: 0.689 × 0.18 + 0.189 × 0.08 + 0.122 × 0.03 = 0.12402 + 0.01512 + 0.00366 = 0.1428.
AGGREGATE = 0.1428
TARGET_SHARES = {"industry_construction": 0.68, "services": 0.206, "agriculture": 0.114}


def _sectors(**changes) -> SectorSetup:
    base = SectorSetup(
        growth=SECTOR_GROWTH,
        weights=SECTOR_WEIGHTS,
        shares=SECTOR_SHARES,
        loadings={"industry_construction": 1.34, "services": 0.12, "agriculture": 0.30},
        idiosyncratic_sigma={
            "industry_construction": 0.026,
            "services": 0.009,
            "agriculture": 0.033,
        },
        price_change=0.027,
        convention="taxes_in_services",
    )
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize(("tolerance", "expected"), [(0.005, 1.0), (0.004, 0.0), (0.0, 0.0)])
def test_structure_with_a_near_certain_year_matches_the_hand_shares(tolerance, expected):
    setup = _setup(
        growth=TwoPieceNormal(AGGREGATE, 1e-9, 1e-9),
        sectors=_sectors(idiosyncratic_sigma=dict.fromkeys(SECTOR_GROWTH, 0.0)),
    )
    targets = MacroTargets(0.145, 4500.0, TARGET_SHARES, tolerance)
    result = simulate_targets(setup, targets, n_draws=2_000, seed=6)
    # s(1+g): 0.657 × 1.18 = 0.77526, 0.213 × 1.08 = 0.23004, 0.130 × 1.03 = 0.1339;
    # sum 1.1392 → shares 0.680530, 0.201931, 0.117539 (a common price change cancels).
    np.testing.assert_allclose(
        result.shares.iloc[0].to_numpy(), [0.680530, 0.201931, 0.117539], atol=1e-6
    )
    # Distances to 68 / 20.6 / 11.4: 0.00053, 0.00407, 0.00354 → within 0.005, not 0.004 or 0.
    assert result.table.loc["structure", "probability"] == expected
    assert result.table.loc["structure", "threshold"] == tolerance


def test_sectors_do_not_change_the_aggregate_draws():
    plain = simulate_targets(_setup(growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03)), TARGETS, seed=8)
    with_sectors = simulate_targets(
        _setup(growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03), sectors=_sectors()),
        MacroTargets(0.145, 4500.0, TARGET_SHARES, 0.005),
        seed=8,
    )
    # Σ w λ is rescaled to 1 and Σ w η = 0, so aggregate_growth(w, g) reproduces G.
    np.testing.assert_allclose(with_sectors.annual_growth, plain.annual_growth, atol=1e-12)
    table = with_sectors.table
    assert table.loc["joint", "covers"] == "growth+per_capita+structure"
    assert table.loc["joint", "probability"] <= table["probability"].iloc[:3].min()
    assert 0.0 < table.loc["structure", "probability"] < 1.0


def test_gso4_sectors_are_converted_to_the_target_convention():
    sectors = _sectors(
        growth={**SECTOR_GROWTH, "services": 0.0656, "product_taxes": 0.0714},
        weights={**SECTOR_WEIGHTS, "services": 0.168, "product_taxes": 0.021},
        shares={**SECTOR_SHARES, "services": 0.192, "product_taxes": 0.021},
        loadings={
            "industry_construction": 1.34,
            "services": 0.12,
            "agriculture": 0.3,
            "product_taxes": 1.0,
        },
        idiosyncratic_sigma={
            "industry_construction": 0.0,
            "services": 0.0,
            "agriculture": 0.0,
            "product_taxes": 0.0,
        },
        convention="gso4",
    )
    # Aggregate: 0.12402 + 0.168 × 0.0656 + 0.00366 + 0.021 × 0.0714
    #          = 0.12402 + 0.0110208 + 0.00366 + 0.0014994 = 0.1402002.
    setup = _setup(growth=TwoPieceNormal(0.1402002, 1e-9, 1e-9), sectors=sectors)
    result = simulate_targets(
        setup, MacroTargets(0.145, 4500.0, TARGET_SHARES, 0.01), n_draws=100, seed=1
    )
    # s(1+g): 0.77526, 0.192 × 1.0656 = 0.2045952, 0.1339, 0.021 × 1.0714 = 0.0224994;
    # sum 1.1362546; services incl. taxes (0.2045952 + 0.0224994) / 1.1362546 = 0.199862.
    assert list(result.shares.columns) == list(TARGET_SHARES)
    assert result.shares["services"].iloc[0] == pytest.approx(0.199862, abs=1e-6)


def test_monte_carlo_refuses_inconsistent_input():
    with pytest.raises(ValueError, match=r"sectors\.growth"):
        simulate_targets(_setup(sectors=_sectors()), TARGETS, n_draws=10, seed=1)
    setup = _setup(growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03), sectors=_sectors())
    with pytest.raises(ValueError, match="share_tolerance"):
        simulate_targets(setup, MacroTargets(0.145, 4500.0, TARGET_SHARES), n_draws=10, seed=1)
    with pytest.raises(ValueError, match=r"targets\.shares"):
        simulate_targets(setup, MacroTargets(0.145, 4500.0, {"product_taxes": 0.02}, 0.01), seed=1)
    with pytest.raises(ValueError, match=r"sectors\.loadings"):
        bad = _setup(
            growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03),
            sectors=_sectors(loadings={"services": 1.0}),
        )
        simulate_targets(bad, TARGETS, n_draws=10, seed=1)
    with pytest.raises(ValueError, match="n_draws"):
        simulate_targets(_setup(), TARGETS, n_draws=0)
    with pytest.raises(ValueError, match="seed"):
        simulate_targets(_setup(), TARGETS, seed=-1)
    with pytest.raises(ValueError, match="deflator"):
        simulate_targets(_setup(deflator=-2.0), TARGETS, n_draws=10, seed=1)


def test_fan_quantiles():
    draws = pd.DataFrame({"Q1": np.arange(101.0), "FY": 2 * np.arange(101.0)})
    bands = fan_quantiles(draws, probabilities=[0.1, 0.5, 0.9])
    # Quantiles of 0..100 (linear interpolation) are 10, 50, 90; doubled for FY.
    assert bands.loc["Q1"].tolist() == pytest.approx([10.0, 50.0, 90.0])
    assert bands.loc["FY"].tolist() == pytest.approx([20.0, 100.0, 180.0])
    single = fan_quantiles(np.arange(101.0), [0.5], labels=["growth"])
    assert single.loc["growth", 0.5] == pytest.approx(50.0)
    with pytest.raises(ValueError, match="probabilities"):
        fan_quantiles(np.arange(3.0), [1.5])
    with pytest.raises(ValueError, match="labels"):
        fan_quantiles(np.arange(3.0), [0.5], labels=["a", "b"])


# --- statsmodels benchmark ------------------------------------------------------------------


def _published_growth() -> pd.Series:
    from analysis.data.tables import load_series, series_values

    return series_values(load_series(), "grdp_growth") / 100


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


# --- relative sector prices -------------------------------------------------------------------

# A year known in full (FY published at the sectors' own aggregate): growth, sector growth and
# every other draw are fixed, so only the relative prices move the shares.
KNOWN_YEAR = {"ytd_actuals": {"FY": AGGREGATE}}
STRUCTURE = MacroTargets(0.145, 4500.0, TARGET_SHARES, 0.005)


def _known_year(**sector_changes) -> MonteCarloSetup:
    still = dict.fromkeys(SECTOR_GROWTH, 0.0)
    return _setup(
        growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03),
        sectors=_sectors(idiosyncratic_sigma=still, **sector_changes),
        **KNOWN_YEAR,
    )


def test_zero_relative_price_spread_changes_nothing():
    setup = _setup(growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03), sectors=_sectors())
    default = simulate_targets(setup, STRUCTURE, n_draws=20_000, seed=31)
    for zero in (0.0, dict.fromkeys(SECTOR_GROWTH, 0.0)):
        explicit = dataclasses.replace(
            setup, sectors=dataclasses.replace(setup.sectors, relative_price_sd=zero)
        )
        again = simulate_targets(explicit, STRUCTURE, n_draws=20_000, seed=31)
        pd.testing.assert_frame_equal(again.table, default.table)
        pd.testing.assert_frame_equal(again.shares, default.shares)


def test_relative_prices_move_only_the_shares():
    base = _setup(growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03), sectors=_sectors())
    spread = dataclasses.replace(
        base, sectors=dataclasses.replace(base.sectors, relative_price_sd=0.05)
    )
    plain = simulate_targets(base, STRUCTURE, n_draws=20_000, seed=32)
    moved = simulate_targets(spread, STRUCTURE, n_draws=20_000, seed=32)
    # Drawn after the sectors' own growth on the sector stream: every other draw is kept.
    np.testing.assert_array_equal(moved.annual_growth, plain.annual_growth)
    np.testing.assert_array_equal(moved.per_capita_usd, plain.per_capita_usd)
    pd.testing.assert_frame_equal(moved.ytd_path, plain.ytd_path)
    for event in ("growth", "per_capita"):
        assert moved.table.loc[event, "probability"] == plain.table.loc[event, "probability"]
    assert moved.shares["industry_construction"].std() > plain.shares["industry_construction"].std()
    # Shares still add up to 1 in every draw.
    np.testing.assert_allclose(moved.shares.sum(axis=1), 1.0, atol=1e-12)


def test_share_spread_from_relative_prices_matches_the_delta_method():
    n, tau = 200_000, 0.05
    result = simulate_targets(_known_year(relative_price_sd=tau), STRUCTURE, n_draws=n, seed=33)
    np.testing.assert_allclose(result.annual_growth, AGGREGATE, atol=1e-12)
    # Central shares (prices alike): s(1+g) = 0.77526, 0.23004, 0.1339; sum 1.1392 →
    # s' = 0.680530, 0.201931, 0.117539. With s_i'' = s_i' e^{ρ_i} / Σ_j s_j' e^{ρ_j}, to first
    # order d s_i ≈ s_i'(ρ_i − Σ_j s_j' ρ_j), so with equal τ and independent ρ:
    # Var(s_ind) ≈ s'² τ² [(1 − s')² + s_serv'² + s_agr'²]
    #            = 0.463121 × 0.0025 × (0.102061 + 0.040776 + 0.013815)
    #            = 0.463121 × 0.0025 × 0.156652 = 0.00018137 → sd 0.013467 (1.35 points).
    # Services: (1 − 0.201931)² + 0.680530² + 0.117539² = 0.636914 + 0.463121 + 0.013815
    # = 1.113850; × 0.201931² × 0.0025 = 0.040776 × 0.0025 × 1.113850 = 0.00011355
    # → sd 0.010656.
    # Monte Carlo error of a standard deviation: sd / √(2(N − 1)), 0.16 % of it here; the
    # neglected second-order terms are about 0.1 % at τ = 5 %.
    for sector, expected in (("industry_construction", 0.013467), ("services", 0.010656)):
        drawn = result.shares[sector].std()
        assert abs(drawn - expected) < 4 * expected / math.sqrt(2 * (n - 1)) + 0.002 * expected
    # The centre stays at the central shares (mean of s e^ρ / Σ s e^ρ moves only at order τ²).
    assert result.shares["industry_construction"].median() == pytest.approx(0.680530, abs=5e-4)


def test_relative_price_spread_per_sector():
    # Only agriculture's price moves: d s_ind ≈ s_ind(−s_agr ρ_agr), so
    # sd ≈ 0.680530 × 0.117539 × 0.05 = 0.0039995.
    n = 100_000
    tau = {"industry_construction": 0.0, "services": 0.0, "agriculture": 0.05}
    result = simulate_targets(_known_year(relative_price_sd=tau), STRUCTURE, n_draws=n, seed=34)
    drawn = result.shares["industry_construction"].std()
    assert abs(drawn - 0.0039995) < 4 * 0.0039995 / math.sqrt(2 * (n - 1)) + 0.002 * 0.0039995


@settings(max_examples=20, deadline=None)
@given(common=st.floats(min_value=-0.5, max_value=0.5))
def test_a_common_price_change_leaves_the_share_draws_alone(common):
    # (1 + p)(e^{ρ_i}) scaled by any common factor gives the same shares.
    reference = simulate_targets(
        _known_year(relative_price_sd=0.05, price_change=None), STRUCTURE, n_draws=500, seed=35
    )
    shifted = simulate_targets(
        _known_year(relative_price_sd=0.05, price_change=common), STRUCTURE, n_draws=500, seed=35
    )
    np.testing.assert_allclose(shifted.shares, reference.shares, atol=1e-12)


def test_relative_prices_lower_the_structure_probability():
    setup = _setup(growth=TwoPieceNormal(AGGREGATE, 0.04, 0.03), sectors=_sectors())
    spread = dataclasses.replace(
        setup, sectors=dataclasses.replace(setup.sectors, relative_price_sd=0.05)
    )
    plain = simulate_targets(setup, STRUCTURE, n_draws=50_000, seed=36).table
    moved = simulate_targets(spread, STRUCTURE, n_draws=50_000, seed=36).table
    gap = plain.loc["structure", "probability"] - moved.loc["structure", "probability"]
    se = math.hypot(
        plain.loc["structure", "standard_error"], moved.loc["structure", "standard_error"]
    )
    assert gap > 3 * se


@pytest.mark.parametrize(
    "value",
    [-0.01, True, math.nan, "0.05", {"industry_construction": 0.05}, {**SECTOR_GROWTH, "x": 0.1}],
)
def test_relative_price_spread_refused(value):
    with pytest.raises(ValueError, match=r"sectors\.relative_price_sd"):
        simulate_targets(_known_year(relative_price_sd=value), STRUCTURE, n_draws=10, seed=1)


def test_calibration_states_the_relative_price_spread():
    cal = calibrate_scales(RECORD, pd.Series({2023: 0.145}), relative_price_sd=0.05)
    frame = cal.to_frame()
    assert list(frame.index)[-1] == "relative_price_sd"
    assert cal.relative_price_sd == frame.loc["relative_price_sd", "value"] == 0.05
    assert "5.00 points" in frame.loc["relative_price_sd", "assumption"]
    assert "2022 → 2023" in frame.loc["relative_price_sd", "assumption"]
    off = calibrate_scales(RECORD, relative_price_sd=0.0)
    assert "not drawn" in off.to_frame().loc["relative_price_sd", "assumption"]
    assert "relative_price_sd" not in calibrate_scales(RECORD).to_frame().index
    assert calibrate_scales(RECORD).relative_price_sd == 0.0
    with pytest.raises(ValueError, match="relative_price_sd"):
        calibrate_scales(RECORD, relative_price_sd=-0.05)
