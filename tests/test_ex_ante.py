"""Ex-ante discipline: a plan's reports use only the record up to its base year.

The published series will gain the rows of later years (the 2024 outturn: growth 13.85 %,
sector growth and contributions, GRDP 207 trillion VND, ...). Everything that calibrates or
describes the record for a plan (the outlook and its calibration, the historical sector
baseline, the base year's weights and shares, the consistency report) must read only years up
to the plan's base year, so the bac-giang-2024 reports (base year 2023) do not change when
those rows are added. These tests append the 2024 rows to a copy of the series and compare.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import load_plan
from analysis.economics.calibration import calibrate_scales
from analysis.outlook.consistency_inputs import (
    consistency_report_from_tables,
    structure_inputs_from_series,
)
from analysis.outlook.inputs import sector_bases
from analysis.outlook.outlook_scales import published_growth, published_plan
from analysis.outlook.record import record_through
from analysis.outlook.results import scenario_results
from analysis.outlook.scenario_outlook import scenario_calibration

IC, SV, AG, TX = "industry_construction", "services", "agriculture", "product_taxes"

# The 2024 outturn as ../shared/reference/outturns_2024.csv gives it (the later vintage where
# two differ; the product-tax contribution is the residual 13.85 - 12.93 - 1.05 + 0.35 = 0.22),
# and Viet Nam's 2024 GDP (GSO, 01/2025: +7.09 %, 11,511.9 trillion VND).
OUTTURN_2024 = [
    ("grdp_growth", "total", "2024", 13.85, "% growth", ""),
    ("sector_growth", IC, "2024", 17.94, "% growth", ""),
    ("sector_growth", SV, "2024", 6.83, "% growth", ""),
    ("sector_growth", AG, "2024", -3.32, "% growth", ""),
    ("sector_growth", TX, "2024", 11.66, "% growth", ""),
    ("contribution", IC, "2024", 12.93, "percentage points", ""),
    ("contribution", SV, "2024", 1.05, "percentage points", ""),
    ("contribution", AG, "2024", -0.35, "percentage points", ""),
    ("contribution", TX, "2024", 0.22, "percentage points", ""),
    ("grdp_current_prices", "total", "2024", 207.0, "trillion VND", ""),
    ("grdp_per_capita_usd", "total", "2024", 4370.0, "USD", ""),
    ("budget_revenue", "total", "2024", 19100.0, "billion VND", ""),
    ("vn_gdp_growth", "total", "2024", 7.09, "% growth", ""),
    ("vn_gdp_nominal", "total", "2024", 11511.9, "trillion VND", ""),
]


@pytest.fixture(scope="module")
def plan():
    return load_plan("bac-giang-2024")


@pytest.fixture(scope="module")
def later(plan):
    """The pack's series with the 2024 outturn appended (the shape of the real file)."""
    rows = pd.DataFrame(
        [
            {
                "variable": v,
                "sector": s,
                "period": p,
                "value": x,
                "value_high": float("nan"),
                "qualifier": "",
                "unit": unit,
                "convention": conv,
                "kind": "estimate",
                "source": "test: the 2024 outturn",
                "source_date": "09/01/2025",
                "note": "",
            }
            for v, s, p, x, unit, conv in OUTTURN_2024
        ]
    )
    return pd.concat([plan.series, rows[plan.series.columns]], ignore_index=True)


def test_the_record_drops_later_outturns_and_keeps_plans(plan, later):
    record = record_through(later, plan.base_year)
    pd.testing.assert_frame_equal(record, record_through(plan.series, plan.base_year))
    # the 2024 plan of 14.5 % (a target stated before 2024) stays; 2024 outturns go
    assert published_plan(record)[2024] == pytest.approx(0.145)
    assert 2024 not in published_growth(later, base_year=2023).index
    # the base year 2024 (the 2025 pack) does read them
    assert published_growth(later, base_year=2024)[2024] == pytest.approx(0.1385)


def test_without_the_rule_the_added_rows_would_move_the_calibration(plan, later):
    # The control: calibrating on every published year would take in 2024 (record 2016-2024:
    # a smaller spread, and the 2024 plan miss of 13.85 - 14.5 = -0.65 point).
    everything = calibrate_scales(published_growth(later, base_year=2030), published_plan(later))
    ex_ante = calibrate_scales(published_growth(later, base_year=2023), published_plan(later))
    assert everything.years[-1] == 2024 and ex_ante.years[-1] == 2023
    assert everything.sigma != pytest.approx(ex_ante.sigma)
    assert everything.plan_years == (2023, 2024) and ex_ante.plan_years == (2023,)


def test_calibration_unchanged(plan, later):
    sc = plan.scenario()
    known = {"base_year": plan.base_year, "assumptions": plan.assumptions}
    before = scenario_calibration(sc, plan.series, **known).to_frame()
    after = scenario_calibration(sc, later, **known).to_frame()
    pd.testing.assert_frame_equal(before, after)


def test_structure_inputs_and_bases_unchanged(plan, later):
    known = {"base_year": plan.base_year, "assumptions": plan.assumptions}
    before = structure_inputs_from_series(plan.series, **known)
    after = structure_inputs_from_series(later, **known)
    assert before.keys() == after.keys()
    for key in ("shares_base", "weights_base", "sector_growth_base", "provincial_deflators"):
        pd.testing.assert_series_equal(before[key], after[key])
    assert before["national_deflator"] == after["national_deflator"]
    assert before["baseline"].years == after["baseline"].years
    assert before["baseline"].years[IC] == (2016, 2017, 2018, 2019, 2023)
    pd.testing.assert_frame_equal(before["baseline"].to_frame(), after["baseline"].to_frame())
    bases = (sector_bases(plan.series, **known), sector_bases(later, **known))
    pd.testing.assert_series_equal(bases[0].weights, bases[1].weights)
    pd.testing.assert_series_equal(bases[0].shares, bases[1].shares)


def test_consistency_report_unchanged(plan, later):
    def report(series: pd.DataFrame) -> pd.DataFrame:
        return consistency_report_from_tables(
            plan.targets,
            plan.baselines,
            series,
            plan.assumptions,
            base_year=plan.base_year,
            plan_year=plan.plan_year,
        )

    pd.testing.assert_frame_equal(report(plan.series), report(later))


@pytest.mark.parametrize("name", ["target", "continuation", "low", "high"])
def test_outlook_and_projection_unchanged(plan, later, name):
    # continuation gives the four sector rates (weights of the base year); the others do not
    sc = plan.scenario(name)
    known = {"base_year": plan.base_year, "assumptions": plan.assumptions}

    def results(series: pd.DataFrame) -> pd.DataFrame:
        return scenario_results(sc, plan.baselines, series, seed=plan.seed, n_draws=20_000, **known)

    before, after = results(plan.series), results(later)
    pd.testing.assert_frame_equal(before, after)
    assert "probability_all_macro_targets" in set(after["variable"])
