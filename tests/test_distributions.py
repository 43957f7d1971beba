"""Tests of analysis.economics.distributions: the two-piece normal, its closed forms and draws.

Expected numbers are worked by hand in the comments (or come from scipy.stats.norm, numerical
integration, or the published record), never from the code under test.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate
from scipy.stats import kstest, norm

from analysis.economics.distributions import TwoPieceNormal

scales = st.floats(min_value=1e-3, max_value=0.2)
modes = st.floats(min_value=-0.2, max_value=0.4)


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
