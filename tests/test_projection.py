"""The 2023 -> 2024 projection tables (methodology §3 and §5)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.economics.projection import ProjectionInputs, project_year, required_path, ytd_path

PHI = (0.21, 0.25, 0.265, 0.275)

# 2023 baselines: 181.9 trillion VND, 3,950 USD per head, 23,934 VND/USD (181.9 trn / 7.6 bn);
# methodology §3 assumptions: g = 14.5 %, pi = 2.7 %, n = 1.5 %, e = 1.7 %.
BASE = ProjectionInputs(
    grdp_nominal_base=181.9,
    per_capita_usd_base=3950.0,
    exchange_rate_base=23934.0,
    real_growth=0.145,
    deflator=0.027,
    population_growth=0.015,
    depreciation=0.017,
    quarterly_weights=PHI,
    base_year=2023,
)

rate = st.floats(min_value=-0.3, max_value=0.5, allow_nan=False)


def value(table: pd.DataFrame, variable: str, period: str) -> float:
    row = table[(table["variable"] == variable) & (table["period"] == period)]
    assert len(row) == 1, (variable, period)
    return float(row["value"].iloc[0])


def test_project_year_layout():
    table = project_year(BASE)
    assert list(table.columns) == ["variable", "unit", "period", "value"]
    assert set(table["period"]) == {"2023", "2024"}
    assert not table.duplicated(["variable", "period"]).any()
    units = dict(zip(table["variable"], table["unit"], strict=False))
    assert units["grdp_growth"] == "%"
    assert units["grdp_current_prices"] == "trillion VND"
    assert units["grdp_usd"] == "bn USD"
    assert units["population"] == "persons"
    assert units["exchange_rate"] == "VND/USD"
    assert units["grdp_per_capita_usd"] == "USD"
    assert units["grdp_real_index"] == "index (2023 = 100)"


def test_project_year_by_hand():
    t = project_year(BASE)
    # population 2023: 181.9e12 / (23,934 x 3,950) = 181.9e12 / 94,539,300 = 1,924,067.557
    assert value(t, "population", "2023") == pytest.approx(1_924_067.557, abs=1e-3)
    # x 1.015 = 1,952,928.570
    assert value(t, "population", "2024") == pytest.approx(1_952_928.570, abs=1e-3)
    # nominal 2024: 181.9 x 1.145 x 1.027 = 181.9 x 1.175915 = 213.8989385; growth 17.5915 %
    assert value(t, "grdp_current_prices", "2024") == pytest.approx(213.8989385, abs=1e-9)
    assert value(t, "grdp_current_prices_growth", "2024") == pytest.approx(17.5915, abs=1e-9)
    # real index 114.5; growth and deflator in percent
    assert value(t, "grdp_real_index", "2024") == pytest.approx(114.5)
    assert value(t, "grdp_growth", "2024") == pytest.approx(14.5)
    assert value(t, "grdp_deflator_growth", "2024") == pytest.approx(2.7)
    # exchange rate 23,934 x 1.017 = 24,340.878
    assert value(t, "exchange_rate", "2024") == pytest.approx(24340.878, abs=1e-9)
    # USD: 181,900 / 23,934 = 7.6000669 bn (the resolution's "about 7.6");
    # 213,898.9385 / 24,340.878 = 8.7876427 bn
    assert value(t, "grdp_usd", "2023") == pytest.approx(7.6000669, abs=1e-7)
    assert value(t, "grdp_usd", "2024") == pytest.approx(8.7876427, abs=1e-7)
    # per head: 3,950 x 1.139171038164 = 4,499.7256007 USD, growth 13.9171038 %
    assert value(t, "grdp_per_capita_usd", "2024") == pytest.approx(4499.7256007, abs=1e-6)
    assert value(t, "grdp_per_capita_usd_growth", "2024") == pytest.approx(13.9171038, abs=1e-7)


def test_population_base_is_derived():
    assert BASE.population_base == pytest.approx(1_924_067.557, abs=1e-3)


@given(g=rate, pi=rate, n=rate, e=rate)
def test_per_head_identity(g, pi, n, e):
    inputs = dataclasses.replace(
        BASE, real_growth=g, deflator=pi, population_growth=n, depreciation=e
    )
    t = project_year(inputs)
    # methodology §3 written out, not per_capita_growth (which project_year itself calls):
    # y1 = y0 (1 + g)(1 + π) / ((1 + n)(1 + e))
    expected = 3950.0 * (1.0 + g) * (1.0 + pi) / ((1.0 + n) * (1.0 + e))
    assert value(t, "grdp_per_capita_usd", "2024") == pytest.approx(expected, rel=1e-12)


def test_ytd_path_follows_the_annual_rate_by_default():
    t = ytd_path(BASE)
    assert list(t.columns) == ["variable", "unit", "period", "quarter", "value"]
    ytd = t[t["variable"] == "grdp_growth_ytd"]
    assert list(ytd["period"]) == ["2024-Q1", "2024-6M", "2024-9M", "2024-FY"]
    np.testing.assert_allclose(ytd["value"], 14.5)
    # real level: 100 x 0.21 x 1.145 = 24.045; FY 100 x 1.145 = 114.5
    assert value(t, "grdp_real_index_ytd", "2024-Q1") == pytest.approx(24.045)
    assert value(t, "grdp_real_index_ytd", "2024-FY") == pytest.approx(114.5)


def test_ytd_path_with_a_quarterly_path_by_hand():
    # quarters 10 / 14 / 16 / 17 %, phi = 0.21 / 0.25 / 0.265 / 0.275:
    # phi x g = 0.021, 0.035, 0.0424, 0.04675 -> year 0.14515 (14.515 %)
    # 6M = 0.056 / 0.46 = 12.1739130 %; 9M = 0.0984 / 0.725 = 13.5724138 %
    # level: 23.1; + 28.5 = 51.6; + 30.74 = 82.34; + 32.175 = 114.515
    inputs = dataclasses.replace(BASE, real_growth=None, quarterly_growth=(0.10, 0.14, 0.16, 0.17))
    assert inputs.annual_real_growth == pytest.approx(0.14515, abs=1e-12)
    t = ytd_path(inputs)
    ytd = t[t["variable"] == "grdp_growth_ytd"]["value"].to_numpy()
    np.testing.assert_allclose(ytd, [10.0, 12.1739130, 13.5724138, 14.515], atol=1e-7)
    level = t[t["variable"] == "grdp_real_index_ytd"]["value"].to_numpy()
    np.testing.assert_allclose(level, [23.1, 51.6, 82.34, 114.515], atol=1e-10)
    single = t[t["variable"] == "grdp_growth_quarter"]
    assert list(single["period"]) == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    # the year table uses the growth the quarters imply
    assert value(project_year(inputs), "grdp_growth", "2024") == pytest.approx(14.515)


def test_real_growth_must_agree_with_the_quarters():
    quarters = (0.10, 0.14, 0.16, 0.17)  # imply 14.515 %
    ok = dataclasses.replace(BASE, real_growth=0.145, quarterly_growth=quarters)
    assert ok.annual_real_growth == pytest.approx(0.14515)  # the quarters win within 0.05 pt
    with pytest.raises(ValueError, match="real_growth: must agree with the annual growth"):
        dataclasses.replace(BASE, real_growth=0.14, quarterly_growth=quarters)


def test_weights_within_scenario_tolerance_are_rescaled():
    # 0.21 + 0.25 + 0.265 + 0.27505 = 1.00005: within 1e-4, rescaled to sum to 1
    inputs = dataclasses.replace(BASE, quarterly_weights=[0.21, 0.25, 0.265, 0.27505])
    assert sum(inputs.quarterly_weights) == pytest.approx(1.0, abs=1e-15)
    with pytest.raises(ValueError, match=r"quarterly_weights: must sum to 1 within 0\.0001"):
        dataclasses.replace(BASE, quarterly_weights=[0.21, 0.25, 0.265, 0.276])


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"grdp_nominal_base": 0.0}, "grdp_nominal_base: must be positive"),
        ({"exchange_rate_base": -1.0}, "exchange_rate_base: must be positive"),
        ({"real_growth": -1.0}, "real_growth: growth must be above -1"),
        ({"deflator": float("inf")}, "deflator: must be finite"),
        ({"population_growth": -1.5}, "population_growth: growth must be above -1"),
        ({"real_growth": None}, "real_growth: give real_growth or quarterly_growth"),
        ({"quarterly_growth": (0.1, 0.1, 0.1)}, "quarterly_growth: must hold 4"),
        ({"quarterly_weights": (0.5, 0.5)}, "quarterly_weights: must hold exactly 4"),
        ({"quarterly_weights": (0.5, 0.6, -0.1, 0.0)}, "quarterly_weights: must be non-negative"),
        ({"depreciation": [0.01, 0.02]}, "depreciation: must be a single rate"),
    ],
)
def test_bad_inputs_refused(change, rule):
    with pytest.raises(ValueError, match=rule):
        dataclasses.replace(BASE, **change)


def test_base_year_is_required_and_names_the_periods():
    fields = {f.name: getattr(BASE, f.name) for f in dataclasses.fields(BASE)}
    del fields["base_year"]
    with pytest.raises(TypeError, match="base_year"):
        ProjectionInputs(**fields)
    with pytest.raises(ValueError, match="base_year: must be a whole year"):
        dataclasses.replace(BASE, base_year=True)
    # A pack with base year 2024 projects 2025: the same arithmetic, other labels.
    later = dataclasses.replace(BASE, base_year=2024)
    table = project_year(later)
    assert set(table["period"]) == {"2024", "2025"}
    assert value(table, "grdp_growth", "2025") == pytest.approx(14.5)
    path = ytd_path(later)
    ytd = path[path["variable"] == "grdp_growth_ytd"]
    assert list(ytd["period"]) == ["2025-Q1", "2025-6M", "2025-9M", "2025-FY"]
    assert set(path.loc[path["variable"] == "grdp_real_index_ytd", "unit"]) == {
        "index (2024 = 100)"
    }


def test_required_path_labels_the_year_given():
    t = required_path(0.136, {"Q1": 0.13}, PHI, year=2025)
    assert list(t.loc[t["variable"] == "grdp_growth_ytd", "period"]) == ["2025-Q1"]
    assert "2025-FY" in set(t["period"])
    with pytest.raises(TypeError, match="year"):
        required_path(0.136, {"Q1": 0.13}, PHI)


def test_required_path_by_hand():
    # Q1 8.9 %, 6M 10.0 %, phi = 0.21 / 0.25 / 0.265 / 0.275, target 14.5 %:
    # Q2 single = (0.10 x 0.46 - 0.089 x 0.21) / 0.25 = (0.046 - 0.01869) / 0.25 = 10.924 %
    # rest = (0.145 - 0.046) / 0.54 = 0.099 / 0.54 = 18.3333333 %
    # 9M on that path = (0.046 + 0.265 x 0.1833333) / 0.725 = 0.0945833 / 0.725 = 13.0459770 %
    t = required_path(0.145, {"Q1": 0.089, "6M": 0.10}, PHI, year=2024)
    assert value(t, "grdp_growth_ytd", "2024-6M") == pytest.approx(10.0)
    assert value(t, "grdp_growth_quarter", "2024-Q1") == pytest.approx(8.9)
    assert value(t, "grdp_growth_quarter", "2024-Q2") == pytest.approx(10.924, abs=1e-10)
    assert value(t, "grdp_growth_quarter_required", "2024-Q3") == pytest.approx(
        18.3333333, abs=1e-7
    )
    assert value(t, "grdp_growth_quarter_required", "2024-Q4") == pytest.approx(
        18.3333333, abs=1e-7
    )
    assert value(t, "grdp_growth_ytd_required", "2024-9M") == pytest.approx(13.0459770, abs=1e-7)
    assert value(t, "grdp_growth_ytd_required", "2024-FY") == pytest.approx(14.5, abs=1e-10)
    assert set(t["variable"]) == {
        "grdp_growth_ytd",
        "grdp_growth_quarter",
        "grdp_growth_quarter_required",
        "grdp_growth_ytd_required",
    }


def test_required_path_before_any_release_is_the_target_every_quarter():
    t = required_path(0.145, {}, PHI, year=2024)
    need = t[t["variable"] == "grdp_growth_quarter_required"]
    assert list(need["quarter"]) == [1, 2, 3, 4]
    np.testing.assert_allclose(need["value"], 14.5)


@pytest.mark.parametrize(
    ("actuals", "rule"),
    [
        ({"Q1": 0.09, "6M": 0.1, "9M": 0.12, "FY": 0.13}, "'FY' is published"),
        ({"6M": 0.1}, "give periods in order without gaps"),
        ({"Q1": 0.09, "9M": 0.1}, "give periods in order without gaps"),
        ({"H1": 0.1}, "keys must be among Q1, 6M, 9M"),
        ({"Q1": -1.0}, "ytd_actuals: growth must be above -1"),
        ([0.09], "ytd_actuals: must be a mapping"),
    ],
)
def test_required_path_refuses_bad_actuals(actuals, rule):
    with pytest.raises(ValueError, match=rule):
        required_path(0.145, actuals, PHI, year=2024)


@given(target=rate, published=st.lists(st.floats(0.0, 0.3), min_size=0, max_size=3))
def test_required_path_reaches_the_target(target, published):
    actuals = dict(zip(("Q1", "6M", "9M"), published, strict=False))
    t = required_path(target, actuals, PHI, year=2024)
    assert value(t, "grdp_growth_ytd_required", "2024-FY") == pytest.approx(100 * target, abs=1e-9)


@given(g=rate, pi=rate)
def test_ytd_path_agrees_with_the_year(g, pi):
    inputs = dataclasses.replace(BASE, real_growth=g, deflator=pi)
    year, path = project_year(inputs), ytd_path(inputs)
    assert value(path, "grdp_growth_ytd", "2024-FY") == pytest.approx(
        value(year, "grdp_growth", "2024"), abs=1e-10
    )
    assert value(path, "grdp_real_index_ytd", "2024-FY") == pytest.approx(
        value(year, "grdp_real_index", "2024"), abs=1e-10
    )
