"""Quarterly weights normalised once, and the weights of the year before the in-year record
(analysis.outlook.quarter_weights, analysis.economics.checks.check_quarter_weights).

Hand case: weights typed as 21 / 25 / 26.5 / 27.6 % sum to 100.1 %, within the assumptions'
half-point tolerance. Rescaled: φ = 21 / 100.1 = 0.2097902, 25 / 100.1 = 0.2497502,
26.5 / 100.1 = 0.2647353, 27.6 / 100.1 = 0.2757243. With Q1 8.9 % and 6M 10.0 % published and
a 14.5 % target:

- the first half is 46 / 100.1 = 0.4595405 of the year: 0.10 x 0.4595405 = 0.04595405;
- each remaining quarter needs (0.145 - 0.04595405) / (54.1 / 100.1 = 0.5404595)
  = 0.09904595 / 0.5404595 = 18.32625 %;
- 9 months on that path: (0.04595405 + 0.2647353 x 0.1832625) / (72.5 / 100.1 = 0.7242757)
  = 0.09447005 / 0.7242757 = 13.04339 %; the year 0.04595405 + 0.5404595 x 0.1832625 = 14.5 %.

Used as they stand (summing to 1.001) the same arithmetic needs (0.145 - 0.046) / 0.541 =
18.29945 % and ends the year at (0.046 + 0.541 x 0.1829945) / 1.001 = 0.145 / 1.001 = 14.4855 %,
0.0145 point short of the target.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from analysis.data.plans import load_plan
from analysis.economics.projection import required_path
from analysis.errors import InputError
from analysis.outlook.consistency_inputs import quarterly_plan_rows
from analysis.outlook.quarter_weights import (
    in_year_record,
    plan_quarter_weights,
    year_quarter_weights,
)
from analysis.report.in_year_growth import record_weights_text

TYPED = {"quarter_weight_q1": 21.0, "quarter_weight_q2": 25.0}
TYPED |= {"quarter_weight_q3": 26.5, "quarter_weight_q4": 27.6}
RESCALED = [0.2097902, 0.2497502, 0.2647353, 0.2757243]


def _value(table: pd.DataFrame, variable: str, period: str) -> float:
    rows = table[(table["variable"] == variable) & (table["period"] == period)]
    assert len(rows) == 1
    return float(rows["value"].iloc[0])


def test_assumed_weights_are_rescaled_once():
    weights = plan_quarter_weights(TYPED)
    np.testing.assert_allclose(weights, RESCALED, atol=5e-8)
    assert sum(weights) == pytest.approx(1.0, abs=1e-15)


def test_the_required_path_reaches_the_target_exactly():
    path = required_path(0.145, {"Q1": 0.089, "6M": 0.10}, plan_quarter_weights(TYPED), year=2024)
    # Q2 alone: (0.10 x 0.4595405 - 0.089 x 0.2097902) / 0.2497502 = 10.924 % (the split of
    # cumulative figures does not depend on the scale of the weights)
    assert _value(path, "grdp_growth_quarter", "2024-Q2") == pytest.approx(10.924, abs=1e-9)
    for quarter in ("2024-Q3", "2024-Q4"):
        need = _value(path, "grdp_growth_quarter_required", quarter)
        assert need == pytest.approx(18.32625, abs=1e-5)
    assert _value(path, "grdp_growth_ytd_required", "2024-9M") == pytest.approx(13.04339, abs=1e-5)
    assert _value(path, "grdp_growth_ytd_required", "2024-FY") == pytest.approx(14.5, abs=1e-12)


def test_the_core_rescales_what_its_tolerance_lets_through():
    # The raw fractions, accepted within 0.005: the same path as the rescaled weights, not
    # the 14.4855 % the unscaled arithmetic would end at.
    raw = (0.21, 0.25, 0.265, 0.276)
    path = required_path(0.145, {"Q1": 0.089, "6M": 0.10}, raw, year=2024, tol=0.005)
    assert _value(path, "grdp_growth_ytd_required", "2024-FY") == pytest.approx(14.5, abs=1e-12)
    assert _value(path, "grdp_growth_quarter_required", "2024-Q4") == pytest.approx(
        18.32625, abs=1e-5
    )
    with pytest.raises(ValueError, match=r"weights: must sum to 1 within 1e-06, got 1\.001"):
        required_path(0.145, {"Q1": 0.089}, raw, year=2024)


def test_the_quarterly_plan_adds_up_with_rescaled_weights():
    # The 2025 quarterly scenario 13.0 / 12.7 / 14.1 / 14.3 % with the typed weights:
    # (21 x 13 + 25 x 12.7 + 26.5 x 14.1 + 27.6 x 14.3) / 100.1 = 1,358.83 / 100.1 = 13.57473 %
    series = pd.DataFrame(
        {
            "variable": "grdp_growth_quarter_plan",
            "sector": "total",
            "period": [f"2025-Q{q}" for q in range(1, 5)],
            "value": [13.0, 12.7, 14.1, 14.3],
        }
    )
    row = quarterly_plan_rows(series, TYPED, target_growth=0.136, plan_year=2025).iloc[0]
    assert row["value"] == pytest.approx(13.574725, abs=1e-6)


@pytest.mark.parametrize(
    ("weights", "rule"),
    [
        (
            {**TYPED, "quarter_weight_q4": 28.6},
            r"must sum to 100 within 0\.5 point, got 101\.1 \(21 \+ 25 \+ 26\.5 \+ 28\.6\)",
        ),
        ({k: v for k, v in TYPED.items() if k != "quarter_weight_q2"}, "missing"),
        ({**TYPED, "quarter_weight_q1": 0.0, "quarter_weight_q2": 46.0}, "must be positive"),
    ],
)
def test_assumed_weights_that_do_not_add_up_are_refused(weights, rule):
    with pytest.raises(InputError, match=rule) as info:
        plan_quarter_weights(weights)
    assert info.value.where == "quarter_weight_q1..q4"
    assert plan_quarter_weights({"depreciation": 1.7}) is None


# --- the in-year record: the weights of the year before it ------------------------------------

# 2022 by quarter (the packs' quarter_weight_2022_q1..q4): 21.98 / 24.99 / 26.24 / 26.80 %,
# summing to 100.01, rescaled: 0.2197780, 0.2498750, 0.2623738, 0.2679732. The 2023 record:
# Q1 8.4 % (the Q1 year-to-date figure), Q2 13.5 % and Q3 14.59 % published, Q4 from the
# year's 13.45 %: (13.45 - 0.2197780 x 8.4 - 0.2498750 x 13.5 - 0.2623738 x 14.59) / 0.2679732
# = (13.45 - 1.8461352 - 3.3733125 - 3.8280337) / 0.2679732 = 4.4025186 / 0.2679732 = 16.42895 %
# (with the plan year's 21 / 25 / 26.5 / 27.5 % instead: 16.16236 %).
Q4_2023 = 0.1642895


@pytest.mark.parametrize("plan_id", ["bac-giang-2024", "bac-giang-2025"])
def test_the_record_is_split_with_the_weights_of_the_year_before(plan_id):
    plan = load_plan(plan_id)
    known = in_year_record(plan, plan.scenario())
    assert known.year == 2023
    assert known.record_weights_assumed
    np.testing.assert_allclose(
        known.record_weights, [0.2197780, 0.2498750, 0.2623738, 0.2679732], atol=5e-8
    )
    np.testing.assert_allclose(known.weights, [0.21, 0.25, 0.265, 0.275], atol=1e-15)
    np.testing.assert_allclose(known.record["growth"], [0.084, 0.135, 0.1459, Q4_2023], atol=5e-8)
    assert known.record["basis"].iloc[-1] == "implied_by_weights"
    assert year_quarter_weights(plan.assumptions, 2022) == pytest.approx(known.record_weights)


def test_without_the_year_befores_weights_the_plan_years_stand_in_and_say_so():
    plan = copy.copy(load_plan("bac-giang-2024"))
    ids = plan.assumptions["assumption_id"]
    plan.assumptions = plan.assumptions[~ids.str.startswith("quarter_weight_2022_")]
    known = in_year_record(plan, plan.scenario())
    assert not known.record_weights_assumed
    assert known.record_weights == known.weights
    # (13.45 - 0.21 x 8.4 - 0.25 x 13.5 - 0.265 x 14.59) / 0.275 = 4.44465 / 0.275 = 16.16236 %
    assert known.record["growth"].iloc[-1] == pytest.approx(0.1616236, abs=5e-8)
    assert record_weights_text(known, "en") == (
        " The plan pack states no quarterly weights of 2022 GRDP; the 2023 quarters not "
        "published as such are implied with the weights above (21.0; 25.0; 26.5; 27.5 %) in "
        "their place."
    )


def test_the_text_names_the_weights_of_the_year_before():
    plan = load_plan("bac-giang-2024")
    known = in_year_record(plan, plan.scenario())
    assert record_weights_text(known, "en") == (
        " The 2023 quarters not published as such are implied from its year-to-date figures "
        "with the quarterly weights of 2022 GRDP: 22.0; 25.0; 26.2; 26.8 % (an assumption of "
        "the plan pack)."
    )
    assert record_weights_text(known, "vi") == (
        " Quý năm 2023 không công bố riêng được suy ra từ số lũy kế với tỷ trọng GRDP các quý "
        "năm 2022: 22,0; 25,0; 26,2; 26,8 % (giả định của gói kế hoạch)."
    )
    assert record_weights_text(None, "en") == ""
