"""Contributions, weights, shares and structure conventions (methodology §1, §2, §4)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.economics.structure import (
    aggregate_growth,
    contributions,
    convert_structure,
    implied_weights,
    project_shares,
)

FOUR = ["industry_construction", "services", "agriculture", "product_taxes"]
THREE = ["industry_construction", "services", "agriculture"]

# Bắc Giang 2023, provincial statistics report: sector growth (%) and contributions (points);
# the tax contribution is the residual 13.45 - 11.88 - 1.10 - 0.32 = 0.15.
GROWTH_2023 = pd.Series([0.1725, 0.0656, 0.0263, 0.0714], index=FOUR)
CONTRIB_2023 = pd.Series([0.1188, 0.0110, 0.0032, 0.0015], index=FOUR)
# CafeF 16/01/2023 citing GSO: 2022 shares incl. taxes 62.3 / 20.7 / 14.9 / 2.1
GSO4_2022 = pd.Series([0.623, 0.207, 0.149, 0.021], index=FOUR)

growth = st.floats(min_value=-0.5, max_value=1.0, allow_nan=False)


@st.composite
def shares(draw, n=4):
    raw = draw(st.lists(st.floats(min_value=0.001, max_value=1.0), min_size=n, max_size=n))
    return pd.Series(np.array(raw) / sum(raw), index=FOUR[:n])


def sector_growth(n=4):
    return st.lists(growth, min_size=n, max_size=n).map(lambda v: pd.Series(v, index=FOUR[:n]))


def test_implied_weights_2023():
    # 11.88 / 17.25 = 0.68870; 1.10 / 6.56 = 0.16768; 0.32 / 2.63 = 0.12167; 0.15 / 7.14 = 0.02101
    w = implied_weights(CONTRIB_2023, GROWTH_2023)
    expected = pd.Series([0.6887, 0.1677, 0.1217, 0.0210], index=FOUR)
    pd.testing.assert_series_equal(w, expected, atol=5e-5, check_exact=False)
    # 0.68870 + 0.16768 + 0.12167 + 0.02101 = 0.99906: one within rounding
    assert w.sum() == pytest.approx(1.0, abs=0.001)


def test_implied_weights_accepts_dicts_in_any_key_order():
    w = implied_weights(dict(CONTRIB_2023), dict(GROWTH_2023[::-1]))
    assert list(w.index) == FOUR
    assert w["services"] == pytest.approx(0.011 / 0.0656)


def test_implied_weights_refuses_zero_growth():
    with pytest.raises(ValueError, match=r"sector_growth: must be non-zero.*'agriculture'"):
        implied_weights(CONTRIB_2023, GROWTH_2023.replace(0.0263, 0.0))


def test_aggregate_growth_from_rounded_weights_2023():
    # 0.6887 x 17.25 + 0.1677 x 6.56 + 0.1217 x 2.63 + 0.0210 x 7.14
    # = 11.880075 + 1.100112 + 0.320071 + 0.149940 = 13.450198 %; published 13.45 %.
    w = {"industry_construction": 0.6887, "services": 0.1677, "agriculture": 0.1217}
    w["product_taxes"] = 0.0210  # sum 0.9991: rounded, hence tol=0.005
    g = aggregate_growth(w, GROWTH_2023, tol=0.005)
    assert isinstance(g, float)
    assert g == pytest.approx(0.13450198, abs=1e-10)
    c = contributions(GROWTH_2023, w, tol=0.005)
    assert c["industry_construction"] == pytest.approx(0.11880075, abs=1e-12)


def test_rounded_weights_refused_at_the_default_tolerance():
    w = pd.Series([0.6887, 0.1677, 0.1217, 0.0210], index=FOUR)
    with pytest.raises(ValueError, match=r"weights: must sum to 1 within 1e-06, got 0\.9991"):
        contributions(GROWTH_2023, w)


def test_bac_giang_2022_gso4_to_taxes_in_services():
    # services 20.7 + taxes 2.1 = 22.8; the other parts unchanged: 62.3 / 22.8 / 14.9
    out = convert_structure(GSO4_2022, "gso4", "taxes_in_services")
    expected = pd.Series([0.623, 0.228, 0.149], index=THREE)
    pd.testing.assert_series_equal(out, expected, atol=1e-12, check_exact=False)


def test_bac_giang_2022_gso4_to_gva_only():
    # divide by 1 - 0.021 = 0.979: 62.3 / 0.979 = 63.636363; 20.7 / 0.979 = 21.144024;
    # 14.9 / 0.979 = 15.219611
    out = convert_structure(GSO4_2022, "gso4", "gva_only")
    expected = pd.Series([0.63636363, 0.21144024, 0.15219611], index=THREE)
    pd.testing.assert_series_equal(out, expected, atol=1e-8, check_exact=False)


@pytest.mark.parametrize("source", ["taxes_in_services", "gva_only"])
def test_three_part_back_to_gso4_with_the_tax_share(source):
    three = convert_structure(GSO4_2022, "gso4", source)
    back = convert_structure(three, source, "gso4", product_tax_share=0.021)
    pd.testing.assert_series_equal(back, GSO4_2022, atol=1e-12, check_exact=False)


def test_three_part_to_gso4_needs_the_tax_share():
    three = pd.Series([0.657, 0.213, 0.130], index=THREE)
    with pytest.raises(ValueError, match="product_tax_share: required"):
        convert_structure(three, "taxes_in_services", "gso4")


def test_three_part_to_three_part_goes_through_the_tax_share():
    # 2023 province report 65.7 / 21.3 (incl. taxes) / 13.0, taxes 2.1:
    # services net of taxes 19.2; value added 97.9: 65.7 / 97.9 = 0.671093; 19.2 / 97.9 = 0.196118;
    # 13.0 / 97.9 = 0.132789
    three = pd.Series([0.657, 0.213, 0.130], index=THREE)
    out = convert_structure(three, "taxes_in_services", "gva_only", product_tax_share=0.021)
    np.testing.assert_allclose(out.to_numpy(), [0.671093, 0.196118, 0.132789], atol=1e-6)


def test_gso4_tax_share_keyword_must_agree_with_the_shares():
    with pytest.raises(ValueError, match="product_tax_share: must agree"):
        convert_structure(GSO4_2022, "gso4", "gva_only", product_tax_share=0.05)


@pytest.mark.parametrize(
    ("shares_", "source", "rule"),
    [
        (pd.Series([0.623, 0.228, 0.149], index=THREE), "gso4", "needs sector.*product_taxes"),
        (GSO4_2022, "taxes_in_services", "no separate 'product_taxes'"),
        (pd.Series([0.6, 0.4], index=THREE[:2]), "gva_only", "needs sector.*agriculture"),
    ],
)
def test_keys_must_fit_the_convention(shares_, source, rule):
    with pytest.raises(ValueError, match=rule):
        convert_structure(shares_, source, "gso4", product_tax_share=0.02)


def test_unknown_convention_refused():
    with pytest.raises(ValueError, match="target: must be one of"):
        convert_structure(GSO4_2022, "gso4", "gso3")


def test_finer_industry_keys_are_carried_through():
    shares_ = pd.Series(
        {"industry": 0.55, "construction": 0.073, "services": 0.207, "agriculture": 0.149}
    )
    shares_["product_taxes"] = 0.021
    out = convert_structure(shares_, "gso4", "taxes_in_services")
    assert list(out.index) == ["industry", "construction", "services", "agriculture"]
    assert out["services"] == pytest.approx(0.228)


def test_project_shares_by_hand():
    # shares 0.6 / 0.3 / 0.1, real growth 20 / 5 / 0 %, no price change:
    # 0.72 + 0.315 + 0.1 = 1.135 -> 0.634361233, 0.277533040, 0.088105727
    s = pd.Series([0.6, 0.3, 0.1], index=THREE)
    g = pd.Series([0.2, 0.05, 0.0], index=THREE)
    np.testing.assert_allclose(
        project_shares(s, g).to_numpy(), [0.634361233, 0.277533040, 0.088105727], atol=1e-9
    )
    # with prices 3 / 1 / 5 %: 0.7416 + 0.31815 + 0.105 = 1.16475
    # -> 0.636703155, 0.273148744, 0.090148100
    p = {"industry_construction": 0.03, "services": 0.01, "agriculture": 0.05}
    np.testing.assert_allclose(
        project_shares(s, g, p).to_numpy(), [0.636703155, 0.273148744, 0.090148100], atol=1e-9
    )


def test_project_shares_uniform_price_change_changes_nothing():
    s = pd.Series([0.6, 0.3, 0.1], index=THREE)
    g = pd.Series([0.2, 0.05, 0.0], index=THREE)
    pd.testing.assert_series_equal(project_shares(s, g, 0.04), project_shares(s, g))


def test_project_shares_on_draws_dataframe_and_series_of_arrays():
    rng = np.random.default_rng(20240101)
    draws = pd.DataFrame(rng.normal(0.1, 0.05, size=(1000, 4)), columns=FOUR)
    out = project_shares(GSO4_2022, draws)
    assert isinstance(out, pd.DataFrame) and out.shape == (1000, 4)
    np.testing.assert_allclose(out.sum(axis=1), 1.0, atol=1e-12)
    row = project_shares(GSO4_2022, draws.iloc[17])
    np.testing.assert_allclose(out.iloc[17].to_numpy(), row.to_numpy(), rtol=0, atol=1e-15)
    as_series = project_shares(GSO4_2022, pd.Series({k: draws[k].to_numpy() for k in FOUR}))
    assert as_series.dtype == object
    np.testing.assert_allclose(np.column_stack(as_series.to_list()), out.to_numpy(), atol=0)


def test_aggregate_growth_over_draws():
    w = pd.Series([0.7, 0.15, 0.15], index=THREE)
    draws = pd.DataFrame({"industry_construction": [0.1, 0.2], "services": [0.0, 0.1]})
    draws["agriculture"] = [0.0, 0.02]
    # 0.7 x 0.1 = 0.07; 0.7 x 0.2 + 0.15 x 0.1 + 0.15 x 0.02 = 0.14 + 0.015 + 0.003 = 0.158
    out = aggregate_growth(w, draws)
    np.testing.assert_allclose(out.to_numpy(), [0.07, 0.158], atol=1e-15)
    arr = aggregate_growth(w, {k: draws[k].to_numpy() for k in THREE})
    np.testing.assert_allclose(arr, [0.07, 0.158], atol=1e-15)


@pytest.mark.parametrize(
    ("call", "rule"),
    [
        (
            lambda: contributions(GROWTH_2023, GSO4_2022[THREE] / GSO4_2022[THREE].sum()),
            r"sector_growth, weights: must have the same sector keys; .*\['product_taxes'\]",
        ),
        (
            lambda: project_shares(pd.Series([1.1, -0.1], index=THREE[:2]), GROWTH_2023[:2]),
            "shares: must be non-negative, got -0.1 for 'services'",
        ),
        (
            lambda: project_shares(GSO4_2022, GROWTH_2023.replace(0.0656, -1.0)),
            r"sector_growth: growth must be above -1",
        ),
        (
            lambda: project_shares(GSO4_2022, GROWTH_2023, {k: -1.2 for k in FOUR}),
            r"price_change: growth must be above -1",
        ),
        (
            lambda: aggregate_growth({"mining": 1.0}, {"mining": 0.1}),
            r"weights: unknown sector key\(s\) \['mining'\]",
        ),
        (
            lambda: aggregate_growth(
                {"industry_construction": 0.5, "industry": 0.5},
                {"industry_construction": 0.1, "industry": 0.1},
            ),
            "weights: give either 'industry_construction' or 'industry'",
        ),
        (
            lambda: aggregate_growth([0.5, 0.5], [0.1, 0.2]),
            "weights: must be a pandas Series, dict or DataFrame",
        ),
        (
            lambda: convert_structure(GSO4_2022 * 1.1, "gso4", "gva_only"),
            "shares: must sum to 1 within 1e-06, got 1.1",
        ),
    ],
)
def test_bad_inputs_refused(call, rule):
    with pytest.raises(ValueError, match=rule):
        call()


@given(s=shares(), g=sector_growth(), p=sector_growth())
def test_projected_shares_sum_to_one(s, g, p):
    out = project_shares(s, g, p)
    assert out.sum() == pytest.approx(1.0, abs=1e-12)
    assert (out >= 0).all()


@given(s=shares(), t=st.floats(min_value=0.0, max_value=0.2))
def test_converted_shares_sum_to_one(s, t):
    s = s.copy()
    s["product_taxes"] = t * s["product_taxes"]  # keep taxes small, then renormalise
    s = s / s.sum()
    for target in ("taxes_in_services", "gva_only"):
        assert convert_structure(s, "gso4", target).sum() == pytest.approx(1.0, abs=1e-12)


@given(w=shares(), g=sector_growth())
def test_contributions_sum_to_aggregate_growth(w, g):
    # Worked in the test, not by one function of the module against another: c_i = w_i g_i
    # (methodology §2), each part, and 1 + g = Σ w_i (1 + g_i) (methodology §4).
    by_hand = [wi * gi for wi, gi in zip(w.tolist(), g.tolist(), strict=True)]
    assert contributions(g, w).tolist() == pytest.approx(by_hand, abs=1e-15)
    assert contributions(g, w).sum() == pytest.approx(math.fsum(by_hand), abs=1e-12)
    level = math.fsum(wi * (1 + gi) for wi, gi in zip(w.tolist(), g.tolist(), strict=True))
    assert 1 + aggregate_growth(w, g) == pytest.approx(level, abs=1e-12)


@given(w=shares(), g=sector_growth())
def test_implied_weights_recover_the_weights(w, g):
    g = g.where(g.abs() > 1e-6, 0.01)
    back = implied_weights(contributions(g, w), g)
    pd.testing.assert_series_equal(back, w, atol=1e-12, check_exact=False)


@given(
    s=shares(),
    rows=st.lists(st.lists(growth, min_size=4, max_size=4), min_size=1, max_size=10),
)
def test_vectorised_equals_scalar(s, rows):
    frame = pd.DataFrame(rows, columns=FOUR)
    out = project_shares(s, frame)
    agg = aggregate_growth(s, frame)
    for i, row in frame.iterrows():
        scalar = project_shares(s, row)
        np.testing.assert_allclose(out.loc[i].to_numpy(), scalar.to_numpy(), rtol=0, atol=1e-15)
        assert agg.loc[i] == pytest.approx(aggregate_growth(s, row), abs=1e-15)
