"""Tests of analysis.economics.calibration: the scales from the published record, their
assumptions, and the sector loadings.

Expected numbers are worked by hand in the comments (or come from scipy.stats.norm, numerical
integration, or the published record), never from the code under test.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.economics.calibration import calibrate_scales, calibrate_sector_scales

# Published annual real growth 2016–2023, percent (published_statistics.csv).
RECORD_PCT = [10.73, 13.33, 15.96, 16.10, 13.0, 7.82, 19.30, 13.45]
RECORD = pd.Series(RECORD_PCT, index=range(2016, 2024)) / 100


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
    assert "2016–2023" in frame.loc["sigma_lower", "assumption"]
    assert "2023: -1.05" in frame.loc["sigma_upper", "assumption"]
    assert frame.loc["deflator_sigma", "value"] == 0.02
    # Without a basis, each side scale says it is an assumption and what the model does with it.
    notes = frame["assumption"]
    assert notes["deflator_sigma"] == ("2.00 points, an assumption. Drawn independently of growth.")
    assert notes["population_sigma"] == "0.20 points, an assumption."
    assert notes["depreciation_sigma"] == (
        "1.50 points, an assumption; drawn independently of growth and prices."
    )
    assert "cannot foresee." in notes["sigma_lower"] and "outbreak" not in notes["sigma_lower"]


# The words of the plan pack bac-giang-2024 (assumptions.csv, column basis).
BASES_2024 = {
    "deflator_sigma": "the record gives one clean provincial deflator year (2023: +2.9 %, "
    "181.9 / 155.876 trillion VND over 1.1345); national GDP deflator 2023 about +2.3 %",
    "population_sigma": "population grew 1.68 % in 2023 (+31,800 on about 1.89 million) and "
    "moves slowly from year to year",
    "depreciation_sigma": "the national implied VND per USD rose 2.2 % in 2023 (23,260 → 23,772)",
    "relative_price_sd": "Bắc Giang publishes no sector deflators; the one year readable from "
    "the data, 2022 → 2023, gives industry-construction +2.0 %, services −0.6 %, "
    "agriculture −3.6 %",
}


def test_the_plan_packs_bases_and_shocks_make_the_sentences():
    # The sentences of the 2024 report (05_uncertainty, calibration table), word for word.
    cal = calibrate_scales(
        RECORD,
        pd.Series({2023: 0.145}),
        relative_price_sd=0.05,
        bases=BASES_2024,
        shocks=["the 2021 outbreak", "the 2022 rebound"],
    )
    notes = cal.assumptions
    assert notes["sigma_lower"].startswith(
        "Average scale 3.51 points: the standard deviation (n − 1) of annual real growth "
        "2016–2023 around its mean 13.71 % (8 years), taken as the surprise a plan set at the "
        "start of a year cannot foresee; it includes the 2021 outbreak and the 2022 rebound "
        "when they are in the record. Skew from outturn minus plan (2023: -1.05 points; "
    )
    assert notes["deflator_sigma"] == (
        "1.50 points, an assumption: the record gives one clean provincial deflator year "
        "(2023: +2.9 %, 181.9 / 155.876 trillion VND over 1.1345); national GDP deflator 2023 "
        "about +2.3 %. Drawn independently of growth."
    )
    assert notes["population_sigma"] == (
        "0.20 points, an assumption: population grew 1.68 % in 2023 (+31,800 on about 1.89 "
        "million) and moves slowly from year to year."
    )
    assert notes["depreciation_sigma"] == (
        "1.50 points, an assumption: the national implied VND per USD rose 2.2 % in 2023 "
        "(23,260 → 23,772); drawn independently of growth and prices."
    )
    assert notes["relative_price_sd"] == (
        "5.00 points, an assumption: the spread of each sector's yearly log price change "
        "relative to the GRDP deflator (mean zero around it, independent across sectors and of "
        "growth). Bắc Giang publishes no sector deflators; the one year readable from the "
        "data, 2022 → 2023, gives industry-construction +2.0 %, services −0.6 %, agriculture "
        "−3.6 %. Moves the current-price shares (the structure target) only; GRDP per head "
        "uses the deflator draw."
    )
    three = calibrate_scales(RECORD, shocks=["a", "b", "c"]).assumptions["sigma_upper"]
    assert "; it includes a, b and c when they are in the record." in three


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


def test_calibration_states_the_relative_price_spread():
    cal = calibrate_scales(RECORD, pd.Series({2023: 0.145}), relative_price_sd=0.05)
    frame = cal.to_frame()
    assert list(frame.index)[-1] == "relative_price_sd"
    assert cal.relative_price_sd == frame.loc["relative_price_sd", "value"] == 0.05
    assert frame.loc["relative_price_sd", "assumption"].startswith(
        "5.00 points, an assumption: the spread of each sector's yearly log price change"
    )
    off = calibrate_scales(RECORD, relative_price_sd=0.0)
    assert "not drawn" in off.to_frame().loc["relative_price_sd", "assumption"]
    assert "relative_price_sd" not in calibrate_scales(RECORD).to_frame().index
    assert calibrate_scales(RECORD).relative_price_sd == 0.0
    with pytest.raises(ValueError, match="relative_price_sd"):
        calibrate_scales(RECORD, relative_price_sd=-0.05)
