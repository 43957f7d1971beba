"""Sector growth in a pattern, scaled to an aggregate target (hand-computed)."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.data.tables import load_series
from analysis.economics.sector_growth import pattern_growth
from analysis.outlook.consistency_inputs import structure_inputs_from_series


def test_two_sector_hand_case():
    # weights 0.5 / 0.5, pattern 10 % / 0 %: Σ w (1 + g) = 1.05; k = 1.10 / 1.05 = 1.0476190
    # g = 1.1 k − 1 = 0.1523810 and 1.0 k − 1 = 0.0476190
    out = pattern_growth({"a": 0.5, "b": 0.5}, {"a": 0.10, "b": 0.0}, 0.10)
    assert out["a"] == pytest.approx(0.1523810, abs=1e-7)
    assert out["b"] == pytest.approx(0.0476190, abs=1e-7)


@given(
    st.floats(0.05, 0.9),
    st.floats(-0.2, 0.4),
    st.floats(-0.2, 0.4),
    st.floats(-0.1, 0.3),
)
def test_result_adds_up_and_keeps_ratios(w, ga, gb, target):
    weights = pd.Series({"a": w, "b": 1 - w})
    out = pattern_growth(weights, {"a": ga, "b": gb}, target)
    assert float((weights * (1 + out)).sum()) == pytest.approx(1 + target, abs=1e-12)
    assert (1 + out["a"]) / (1 + out["b"]) == pytest.approx((1 + ga) / (1 + gb), rel=1e-12)


def test_mismatched_sectors_refused():
    with pytest.raises(ValueError, match="pattern"):
        pattern_growth({"a": 0.5, "b": 0.5}, {"a": 0.1, "c": 0.0}, 0.1)


def test_structure_inputs_carry_the_published_2023_structure():
    inputs = structure_inputs_from_series(load_series(), base_year=2023)
    # province's 2023 report, taxes in services: 65.7 / 21.3 / 13.0
    assert inputs["shares_base"].round(4).to_dict() == {
        "industry_construction": 0.657,
        "services": 0.213,
        "agriculture": 0.130,
    }
    # services with taxes folded in, 2023: (1.10 + 0.15) / (1.10/6.56 + 0.15/7.14) % = 6.6246 %
    assert inputs["sector_growth_base"]["services"] == pytest.approx(0.066246, abs=1e-5)


def test_fold_taxes_into_services_by_hand():
    from analysis.economics.sector_growth import fold_taxes_into_services

    # services w 0.20 at 5 %, taxes w 0.05 at 10 %: (0.20 × 0.05 + 0.05 × 0.10) / 0.25 = 0.06
    out = fold_taxes_into_services(
        {
            "industry_construction": 0.18,
            "services": 0.05,
            "agriculture": 0.03,
            "product_taxes": 0.10,
        },
        {
            "industry_construction": 0.65,
            "services": 0.20,
            "agriculture": 0.10,
            "product_taxes": 0.05,
        },
    )
    assert out.to_dict() == pytest.approx(
        {"industry_construction": 0.18, "services": 0.06, "agriculture": 0.03}
    )


def test_fold_needs_four_parts():
    from analysis.economics.sector_growth import fold_taxes_into_services

    with pytest.raises(ValueError, match="sector_growth"):
        fold_taxes_into_services({"services": 0.05}, {"services": 1.0})
