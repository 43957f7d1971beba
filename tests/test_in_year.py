"""Tests of analysis.economics.in_year: quarters known, the narrowed scale and the in-year
distribution.

Expected numbers are worked by hand in the comments (or come from scipy.stats.norm, numerical
integration, or the published record), never from the code under test.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from analysis.economics.distributions import TwoPieceNormal
from analysis.economics.in_year import in_year_distribution, narrowed_sigma, quarters_known

PHI = (0.21, 0.25, 0.265, 0.275)  # Bắc Giang quarterly weights, methodology section 5


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
