"""Year-to-date growth paths and the growth the remaining quarters need (methodology §5)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analysis.economics.quarters import (
    cumulative_growth,
    quarterly_from_cumulative,
    required_remaining_growth,
)

NATIONAL_PHI = (0.225, 0.245, 0.255, 0.275)
BAC_GIANG_PHI = (0.21, 0.25, 0.265, 0.275)

growth = st.floats(min_value=-0.3, max_value=0.5, allow_nan=False)


@st.composite
def quarter_weights(draw):
    raw = draw(st.lists(st.floats(min_value=0.05, max_value=1.0), min_size=4, max_size=4))
    w = np.array(raw) / sum(raw)
    return w


def test_national_2023_quarters_give_the_published_year():
    # 0.225 x 3.41 + 0.245 x 4.25 + 0.255 x 5.47 + 0.275 x 6.72
    # = 0.76725 + 1.04125 + 1.39485 + 1.848 = 5.05135 %; GSO published 5.05 %.
    path = cumulative_growth([0.0341, 0.0425, 0.0547, 0.0672], NATIONAL_PHI)
    assert path[-1] == pytest.approx(0.0505, abs=0.00005)
    # 6 months: (0.76725 + 1.04125) / 0.47 = 3.8478723404 %
    # 9 months: (0.76725 + 1.04125 + 1.39485) / 0.725 = 4.4184137931 %
    np.testing.assert_allclose(
        path, [0.0341, 0.038478723404, 0.044184137931, 0.0505135], rtol=0, atol=1e-11
    )


def test_fewer_quarters_give_the_year_to_date_so_far():
    path = cumulative_growth([0.0341, 0.0425], NATIONAL_PHI)
    np.testing.assert_allclose(path, [0.0341, 0.038478723404], rtol=0, atol=1e-11)


def test_single_quarters_from_bac_giang_2023_cumulative():
    # 2023: Q1 cumulative 8.4 %, Q2 single quarter 13.5 % (provincial press conference).
    # With phi = (0.21, 0.25, ...): 6M = (0.21 x 8.4 + 0.25 x 13.5) / 0.46 = 5.139 / 0.46
    # = 11.1717391304 %. Going back must give 8.4 and 13.5.
    g = quarterly_from_cumulative([0.084, 0.111717391304], BAC_GIANG_PHI)
    np.testing.assert_allclose(g, [0.084, 0.135], rtol=0, atol=1e-10)


def test_required_remaining_growth_after_q1():
    # target 14.5 %, Q1 8.9 %: (0.145 - 0.089 x 0.21) / (0.25 + 0.265 + 0.275)
    # = (0.145 - 0.01869) / 0.79 = 0.12631 / 0.79 = 15.9886075949 %
    need = required_remaining_growth(0.145, 0.089, 1, BAC_GIANG_PHI)
    assert isinstance(need, float)
    assert need == pytest.approx(0.159886075949, abs=1e-11)


def test_required_remaining_growth_with_no_quarter_done_is_the_target():
    assert required_remaining_growth(0.145, None, 0, BAC_GIANG_PHI) == pytest.approx(0.145)


def test_required_remaining_growth_refuses_a_complete_year():
    with pytest.raises(ValueError, match=r"quarters_done: must be 0-3.*no quarter remains"):
        required_remaining_growth(0.145, 0.13, 4, BAC_GIANG_PHI)


@pytest.mark.parametrize("k", [-1, 5, 1.5, True, "2"])
def test_quarter_count_outside_0_to_4_refused(k):
    with pytest.raises(ValueError, match="quarters_done"):
        required_remaining_growth(0.145, 0.1, k, BAC_GIANG_PHI)


@pytest.mark.parametrize(
    ("weights", "rule"),
    [
        ((0.21, 0.25, 0.265, 0.245), r"weights: must sum to 1 within 1e-06, got 0\.97"),
        ((0.5, 0.25, 0.25), "weights: must hold exactly 4"),
        ((-0.1, 0.4, 0.35, 0.35), "weights: must be non-negative"),
        ((0.0, 0.3, 0.35, 0.35), "weights: every quarterly weight must be positive"),
    ],
)
def test_bad_weights_refused(weights, rule):
    with pytest.raises(ValueError, match=rule):
        cumulative_growth([0.1, 0.1, 0.1, 0.1], weights)


def test_loose_tolerance_accepts_rounded_weights():
    path = cumulative_growth([0.1, 0.1, 0.1, 0.1], (0.21, 0.25, 0.265, 0.274), tol=0.005)
    # equal quarters give every year-to-date figure equal to them: 0.1 (weights sum 0.999)
    np.testing.assert_allclose(path[:3], [0.1, 0.1, 0.1])


@pytest.mark.parametrize("bad", [[-1.0, 0.1], [0.1] * 5, [], 0.1])
def test_bad_quarterly_growth_refused(bad):
    with pytest.raises(ValueError, match="quarterly_growth"):
        cumulative_growth(bad, BAC_GIANG_PHI)


def test_inconsistent_cumulative_figures_refused():
    # Q1 50 %, 6M -40 %: Q2 = (-0.4 x 0.46 - 0.5 x 0.21) / 0.25 = -1.156, below -100 %
    with pytest.raises(ValueError, match="cumulative_growth: the figures imply"):
        quarterly_from_cumulative([0.5, -0.4], BAC_GIANG_PHI)


@given(
    g=arrays(float, st.integers(1, 4), elements=growth),
    phi=quarter_weights(),
)
def test_cumulative_quarterly_round_trip(g, phi):
    back = quarterly_from_cumulative(cumulative_growth(g, phi), phi)
    np.testing.assert_allclose(back, g, rtol=0, atol=1e-12)


@given(target=growth, done=st.lists(growth, min_size=0, max_size=3), phi=quarter_weights())
def test_growing_the_rest_at_the_required_rate_reaches_the_target(target, done, phi):
    k = len(done)
    ytd = cumulative_growth(done, phi)[-1] if k else None
    need = required_remaining_growth(target, ytd, k, phi)
    if need > -1:
        year = cumulative_growth(done + [need] * (4 - k), phi)[-1]
        assert year == pytest.approx(target, abs=1e-12)


@given(
    draws=arrays(float, st.tuples(st.integers(1, 8), st.just(4)), elements=growth),
    phi=quarter_weights(),
)
def test_vectorised_draws_equal_row_by_row(draws, phi):
    path = cumulative_growth(draws, phi)
    rows = np.array([cumulative_growth(row, phi) for row in draws])
    np.testing.assert_array_equal(path, rows)
    back = quarterly_from_cumulative(path, phi)
    np.testing.assert_array_equal(back, [quarterly_from_cumulative(row, phi) for row in path])
    need = required_remaining_growth(0.145, path[:, 1], 2, phi)
    np.testing.assert_array_equal(
        need, [required_remaining_growth(0.145, float(x), 2, phi) for x in path[:, 1]]
    )
