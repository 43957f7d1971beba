"""The record plausible ranges are read from (analysis.outlook.published_record).

Expected figures are worked by hand from data/raw/published_series.csv, written beside each.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.data.tables import load_series
from analysis.outlook.published_record import (
    deflator_record,
    depreciation_record,
    exchange_rates,
    growth_record,
    plausible_ranges,
    population_growth_record,
    sector_growth_record,
)


@pytest.fixture(scope="module")
def series() -> pd.DataFrame:
    return load_series()


def test_growth_record_stops_at_the_base_year(series):
    assert growth_record(series, 2023).to_dict() == pytest.approx(
        {
            2016: 0.1073,
            2017: 0.1333,
            2018: 0.1596,
            2019: 0.161,
            2020: 0.13,
            2021: 0.0782,
            2022: 0.193,
            2023: 0.1345,
        }
    )
    # A plan based on 2019 sees only 2016-2019.
    assert list(growth_record(series, 2019).index) == [2016, 2017, 2018, 2019]


def test_sector_record_is_the_published_years(series):
    # services 2016-2019 and 2023 (no 2020-2022 sector figures are published).
    assert sector_growth_record(series, "services", 2023).to_dict() == pytest.approx(
        {2016: 0.067, 2017: 0.0788, 2018: 0.0652, 2019: 0.082, 2023: 0.0656}
    )


def test_deflators_national_and_provincial(series):
    record = deflator_record(series, 2023)
    # national 2023: 10,221.8 / 9,513.3 = 1.0744747; / 1.0505 = 1.0228222 -> 2.28 %
    assert record[("national", 2023)] == pytest.approx(0.0228222, abs=1e-6)
    # province: 2018 88.26 / 69.06 = 1.2780191, / 1.1596 = 1.1021206;
    # 2019 108.915 / 88.26 = 1.2340245, / 1.161 = 1.0628979;
    # 2022 155.876 / 130 = 1.1990462, / 1.193 = 1.0050681;
    # 2023 181.9 / 155.876 = 1.1669532, / 1.1345 = 1.0286057.
    assert record["province"].to_dict() == pytest.approx(
        {2018: 0.1021206, 2019: 0.0628979, 2022: 0.0050681, 2023: 0.0286057}, abs=1e-6
    )


def test_exchange_rates_and_their_change(series):
    # 9,513.3 / 409 x 1000 = 23,259.90; 10,221.8 / 430 x 1000 = 23,771.63; 23,771.63 /
    # 23,259.90 - 1 = 2.2000 %.
    rates = exchange_rates(series)
    assert rates.to_dict() == pytest.approx({2022: 23259.902, 2023: 23771.628}, abs=1e-3)
    assert depreciation_record(series, 2023).to_dict() == pytest.approx({2023: 0.0220}, abs=1e-5)
    assert depreciation_record(series, 2022).empty


def test_population_growth_leaves_out_a_bound(series):
    # 2020 -> 2022: (1,890,000 / 1,841,624)^(1/2) - 1 = 1.0262683^0.5 - 1 = 1.3049 %;
    # 2023: 'above 1.9 million' is a bound, left out; 31,800 / 1,890,000 = 1.6825 %.
    record = population_growth_record(series, 2023)
    assert record.to_dict() == pytest.approx({2022: 0.013049, 2023: 0.0168254}, abs=1e-6)


def test_plausible_ranges_of_the_2024_plan(series):
    ranges = plausible_ranges(series, 2023)
    assert set(ranges) == {
        "growth",
        "deflator",
        "depreciation",
        "population_growth",
        "sector_growth.industry_construction",
        "sector_growth.services",
        "sector_growth.agriculture",
        "sector_growth.product_taxes",
    }
    # growth: 7.82..19.3 % -/+ 7.02 points (test_plausibility); depreciation 2.2 -/+ 5 points;
    # population: s of (1.3049, 1.6825) = 0.377586 / sqrt 2 = 0.266995, 2 s = 0.53 < 1 point:
    # 1.3049 - 1 = 0.3049 %, 1.6825 + 1 = 2.6825 %.
    assert (ranges["growth"].low, ranges["growth"].high) == pytest.approx(
        (0.00797128, 0.26322872), abs=1e-8
    )
    assert (ranges["depreciation"].low, ranges["depreciation"].high) == pytest.approx(
        (-0.028, 0.072), abs=1e-5
    )
    assert (ranges["population_growth"].low, ranges["population_growth"].high) == pytest.approx(
        (0.003049, 0.026825), abs=1e-6
    )
    assert ranges["growth"].basis.startswith("the province's real GRDP growth 2016-2023")
    # every shipped scenario value lies inside its range (checked in test_implausible_inputs)


def test_a_record_without_figures_gives_no_range(series):
    no_people = series[~series["variable"].isin(["population", "population_change"])]
    assert "population_growth" not in plausible_ranges(no_people, 2023)
    # before any national GDP pair: no depreciation range
    assert "depreciation" not in plausible_ranges(series, 2022)
