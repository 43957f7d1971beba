"""The in-year view of growth (methodology §5 and §7): what the remaining quarters need.

Every expected number is a hand calculation written beside it. The fixture
tests/fixtures/actuals/illustrative_actuals_2024.csv holds invented figures (marked
ILLUSTRATIVE in its source column); the 2023 record comes from data/raw/published_series.csv.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import in_year_view, load_actuals, load_series, ytd_growth
from analysis.economics.scorecard_in_year import reference_quarters

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "actuals" / "illustrative_actuals_2024.csv"
PHI = (0.21, 0.25, 0.265, 0.275)  # assumptions quarter_weight_q1..q4
# The 2023 record, typed from data/raw/published_series.csv: Q1 8.4 % (the Q1 year-to-date
# figure), Q2 13.5 %, Q3 14.59 % (single quarters), and Q4 implied by the year's 13.45 % with
# PHI: 0.21 x 8.4 = 1.764; 0.25 x 13.5 = 3.375; 0.265 x 14.59 = 3.86635; sum 9.00535;
# (13.45 - 9.00535) / 0.275 = 4.44465 / 0.275 = 16.1623636 %.
RECORD_2023 = {"2023-Q1": 0.084, "2023-Q2": 0.135, "2023-Q3": 0.1459, "2023-Q4": 0.161623636}


@pytest.fixture(scope="module")
def actuals() -> pd.DataFrame:
    return load_actuals(FIXTURE)


def test_ytd_growth_from_the_fixture(actuals):
    ytd = ytd_growth(actuals)
    assert ytd.index.tolist() == ["2024-Q1", "2024-6M", "2024-9M"]
    np.testing.assert_allclose(ytd.to_numpy(), [0.08, 0.10, 0.12])


def test_in_year_view_of_the_fixture(actuals):
    view = in_year_view(ytd_growth(actuals), 0.145, PHI, reference_quarters=RECORD_2023)
    # Single quarters from cumulative 8 / 10 / 12 % with phi = (0.21, 0.25, 0.265, 0.275):
    #   Q1 8 %; Q2 (0.10 x 0.46 - 0.08 x 0.21)/0.25 = (0.046 - 0.0168)/0.25 = 11.68 %;
    #   Q3 (0.12 x 0.725 - 0.046)/0.265 = 0.041/0.265 = 15.4716981 %.
    # Required each remaining quarter:
    #   start: 14.5 %;
    #   after Q1: (0.145 - 0.0168)/0.79 = 0.1282/0.79 = 16.2278481 %;
    #   after 6M: (0.145 - 0.046)/0.54 = 0.099/0.54 = 18.3333333 %;
    #   after 9M: (0.145 - 0.087)/0.275 = 0.058/0.275 = 21.0909091 %.
    # Plausibility: 14.5 <= 16.16 (2023 Q4 implied, the record's best) -> within reference;
    # 16.23, 18.33 and 21.09 exceed both the best quarter so far (8, 11.68, 15.47) and 16.16
    # -> beyond reference.
    assert view["quarters_done"].tolist() == [0, 1, 2, 3]
    np.testing.assert_allclose(
        view["required_growth"], [0.145, 0.162278481, 0.183333333, 0.210909091], atol=1e-9
    )
    np.testing.assert_allclose(
        view["quarter_growth"].iloc[1:], [0.08, 0.1168, 0.154716981], atol=1e-9
    )
    np.testing.assert_allclose(
        view["best_quarter_so_far"].iloc[1:], [0.08, 0.1168, 0.154716981], atol=1e-9
    )
    assert view["verdict"].tolist() == [
        "within_reference",
        "beyond_reference",
        "beyond_reference",
        "beyond_reference",
    ]
    assert view["plausible"].tolist() == [True, False, False, False]
    assert view["reference_best"].to_numpy() == pytest.approx([0.161623636] * 4, abs=1e-12)
    assert (view["reference_best_period"] == "2023-Q4").all()


def test_required_growth_within_the_quarters_so_far():
    # Q1 14 %, 6M 15 %: Q2 = (0.15 x 0.46 - 0.14 x 0.21)/0.25 = (0.069 - 0.0294)/0.25 = 15.84 %;
    # required after 6M: (0.145 - 0.069)/0.54 = 0.076/0.54 = 14.0740741 % <= 15.84 %.
    view = in_year_view(
        {"2024-Q1": 0.14, "2024-6M": 0.15}, 0.145, PHI, reference_quarters=RECORD_2023
    )
    last = view.iloc[-1]
    assert last["required_growth"] == pytest.approx(0.140740741, abs=1e-9)
    assert last["best_quarter_so_far"] == pytest.approx(0.1584, abs=1e-9)
    assert last["verdict"] == "within_this_year"


def test_required_growth_within_the_reference_only():
    # Q1 14.2 %: required (0.145 - 0.142 x 0.21)/0.79 = (0.145 - 0.02982)/0.79
    # = 0.11518/0.79 = 14.5797468 %: above this year's 14.2 %, below 2023's best 16.16 %.
    view = in_year_view({"2024-Q1": 0.142}, 0.145, PHI, reference_quarters=RECORD_2023)
    last = view.iloc[-1]
    assert last["required_growth"] == pytest.approx(0.145797468, abs=1e-9)
    assert (last["verdict"], last["plausible"]) == ("within_reference", True)


def test_a_gap_in_the_published_periods_leaves_single_quarters_missing():
    # Only 6M published (12 %): required (0.145 - 0.12 x 0.46)/0.54 = (0.145 - 0.0552)/0.54
    # = 0.0898/0.54 = 16.6296296 % -> beyond 16.16; no single quarter can be derived.
    view = in_year_view(pd.Series({"2024-6M": 0.12}), 0.145, PHI, reference_quarters=RECORD_2023)
    last = view.iloc[-1]
    assert last["required_growth"] == pytest.approx(0.166296296, abs=1e-9)
    assert math.isnan(last["quarter_growth"]) and math.isnan(last["best_quarter_so_far"])
    assert last["verdict"] == "beyond_reference"


def _series(*rows: tuple[str, str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"variable": v, "sector": "total", "period": p, "value": x, "source": "test"}
            for v, p, x in rows
        ]
    )


def test_reference_quarters_from_the_published_series():
    # RECORD_2023 above: Q1-Q3 published, Q4 implied by 13.45 % and PHI: 16.1623636 %.
    record = reference_quarters(load_series(), PHI, 2023)
    assert record.index.tolist() == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]
    np.testing.assert_allclose(record["growth"], list(RECORD_2023.values()), atol=1e-9)
    assert record["basis"].tolist() == [
        "published_cumulative",
        "published",
        "published",
        "implied_by_weights",
    ]


def test_the_implied_quarter_moves_with_the_weights():
    # Equal weights 0.25: Q4 = (13.45 - 0.25 x (8.4 + 13.5 + 14.59)) / 0.25
    # = (13.45 - 9.1225) / 0.25 = 17.31 %; the published quarters do not move.
    record = reference_quarters(load_series(), (0.25, 0.25, 0.25, 0.25), 2023)
    np.testing.assert_allclose(record["growth"], [0.084, 0.135, 0.1459, 0.1731], atol=1e-9)


def test_reference_quarters_from_year_to_date_figures_only():
    # Q1 10, 6M 12, 9M 13, FY 14 (%), no single quarter, PHI:
    #   Q1 10 %; Q2 (12 x 0.46 - 0.21 x 10)/0.25 = (5.52 - 2.1)/0.25 = 13.68 %;
    #   Q3 (13 x 0.725 - 2.1 - 0.25 x 13.68)/0.265 = (9.425 - 5.52)/0.265 = 14.7358491 %;
    #   Q4 (14 - 9.425)/0.275 = 4.575/0.275 = 16.6363636 %.
    ytd = [("grdp_growth_ytd", f"2020-{p}", v) for p, v in (("Q1", 10), ("6M", 12), ("9M", 13))]
    record = reference_quarters(_series(*ytd, ("grdp_growth_ytd", "2020-FY", 14.0)), PHI, 2020)
    np.testing.assert_allclose(
        record["growth"], [0.10, 0.1368, 0.147358491, 0.166363636], atol=1e-9
    )
    assert record["basis"].tolist() == ["published_cumulative"] + ["implied_by_weights"] * 3
    # Without the 9M figure Q3 is unknown, so Q4 cannot be implied: Q1 and Q2 only. The
    # year's growth under variable grdp_growth serves when the year-to-date table lacks it.
    short = _series(*ytd[:2], ("grdp_growth", "2020", 14.0))
    assert reference_quarters(short, PHI, 2020).index.tolist() == ["2020-Q1", "2020-Q2"]


def test_reference_quarters_input_checks():
    with pytest.raises(ValueError, match="series: no single-quarter or year-to-date"):
        reference_quarters(load_series(), PHI, 2010)
    with pytest.raises(ValueError, match="weights: must sum to 1"):
        reference_quarters(load_series(), (0.2, 0.2, 0.2, 0.2), 2023)
    with pytest.raises(ValueError, match="year: must be a whole number"):
        reference_quarters(load_series(), PHI, "2023")
    with pytest.raises(ValueError, match=r"series: must have the columns .*missing \['source'\]"):
        reference_quarters(load_series().drop(columns="source"), PHI, 2023)
    with pytest.raises(TypeError, match="year"):  # the record's year is the plan's base year
        reference_quarters(load_series(), PHI)


def test_in_year_view_with_the_derived_record():
    # The record as the notebook passes it (a Series of fractions): best 16.1623636 % in Q4.
    # Q1 15 %: required (0.145 - 0.15 x 0.21)/0.79 = 0.1135/0.79 = 14.3670886 % <= 15 %.
    # Q1 14 %: required (0.145 - 0.0294)/0.79 = 0.1156/0.79 = 14.6329114 %: above this
    # year's 14 %, above 2023's published 14.59 % but within the implied 16.16 %.
    record = reference_quarters(load_series(), PHI, 2023)["growth"]
    first = in_year_view({"2024-Q1": 0.15}, 0.145, PHI, reference_quarters=record).iloc[-1]
    assert first["verdict"] == "within_this_year"
    second = in_year_view({"2024-Q1": 0.14}, 0.145, PHI, reference_quarters=record).iloc[-1]
    assert second["required_growth"] == pytest.approx(0.146329114, abs=1e-9)
    assert (second["verdict"], second["reference_best_period"]) == ("within_reference", "2023-Q4")


def test_in_year_view_without_figures_shows_the_required_path_only():
    view = in_year_view({}, 0.145, PHI, reference_quarters=RECORD_2023)
    assert len(view) == 1
    assert view.loc[0, "required_growth"] == pytest.approx(0.145)


def test_in_year_view_input_checks():
    with pytest.raises(ValueError, match="ytd: periods must be year-to-date periods"):
        in_year_view({"2024": 0.13}, 0.145, PHI, reference_quarters=RECORD_2023)
    with pytest.raises(ValueError, match="weights: must sum to 1"):
        in_year_view({"2024-Q1": 0.08}, 0.145, (0.2, 0.2, 0.2, 0.2), reference_quarters=RECORD_2023)
    with pytest.raises(ValueError, match="annual_target: growth must be above -1"):
        in_year_view({}, -1.5, PHI, reference_quarters=RECORD_2023)
    with pytest.raises(ValueError, match="reference_quarters: must hold"):
        in_year_view({}, 0.145, PHI, reference_quarters={})


@settings(max_examples=40, deadline=None)
@given(g1=st.floats(min_value=0.0, max_value=0.3), bump=st.floats(min_value=0.0, max_value=0.1))
def test_faster_first_quarter_never_raises_the_requirement(g1, bump):
    slow = in_year_view({"2024-Q1": g1}, 0.145, PHI, reference_quarters=RECORD_2023).iloc[-1]
    fast = in_year_view({"2024-Q1": g1 + bump}, 0.145, PHI, reference_quarters=RECORD_2023).iloc[-1]
    assert fast["required_growth"] <= slow["required_growth"] + 1e-12
    assert bool(fast["plausible"]) or not bool(slow["plausible"])
