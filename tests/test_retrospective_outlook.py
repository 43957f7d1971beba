"""Plan against outturn composed from the real pack (analysis.outlook.retrospective)."""

from __future__ import annotations

import copy
import math

import pandas as pd
import pytest

from analysis import load_plan
from analysis.data.actuals import empty_actuals
from analysis.economics.sector_growth import fold_taxes_into_services, pattern_growth
from analysis.economics.structure import aggregate_growth
from analysis.outlook.consistency_inputs import structure_inputs_from_series
from analysis.outlook.inputs import sector_bases
from analysis.outlook.record import record_through
from analysis.outlook.retrospective import (
    base_year_weights,
    latest_actual,
    latest_published,
    plan_outturn,
    planned_sector_growth,
    publication_date,
)

N_DRAWS = 50_000


@pytest.fixture(scope="module")
def plan():
    return load_plan("bac-giang-2024")


@pytest.fixture(scope="module")
def result(plan):
    return plan_outturn(plan, n_draws=N_DRAWS)


# --- the vintage rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09/01/2025", "2025-01-09"),
        ("06/12/2024", "2024-12-06"),
        ("~12/2023", "2023-12-01"),
        ("~2024", "2024-01-01"),
        ("n.d.", None),
        ("31/02/2024", None),
    ],
)
def test_publication_dates_as_the_series_write_them(text, expected):
    date = publication_date(text)
    assert (pd.isna(date) and expected is None) or date == pd.Timestamp(expected)


def test_the_latest_publication_is_read_whatever_the_order(plan):
    year = str(plan.plan_year)
    assert float(latest_published(plan.series, "grdp_current_prices", year)["value"]) == 207.0
    reversed_rows = plan.series.iloc[::-1]
    assert float(latest_published(reversed_rows, "grdp_current_prices", year)["value"]) == 207.0
    assert latest_published(plan.series, "grdp_current_prices", str(plan.plan_year + 1)) is None


def test_the_latest_actual_is_read(plan):
    # growth 13.87 (27/11/2024) then 13.85 (09/01/2025); per head 4,400 then 4,370
    assert latest_actual(plan.actuals, "grdp_growth", plan.final_period)["value"] == 13.85
    assert latest_actual(plan.actuals, "grdp_per_capita_usd", plan.final_period)["value"] == 4370
    assert latest_actual(plan.actuals, "grdp_growth", plan.in_year_periods[0]) is None


def test_the_ex_ante_series_hold_no_outturn_of_the_plan_year(plan):
    ex_ante = record_through(plan.series, plan.base_year)
    year = str(plan.plan_year)
    outturn = plan.series[(plan.series["period"] == year) & (plan.series["kind"] == "estimate")]
    assert len(outturn) >= 12
    assert len(ex_ante) == len(plan.series) - len(outturn)
    kept = ex_ante[ex_ante["period"] == year]
    assert set(kept["kind"]) == {"target"}  # the plan's own growth target stays
    assert "2021-2030" in set(ex_ante["period"])  # the master plan stays


# --- the plan's sector path ---------------------------------------------------------------------


def test_base_year_weights_are_those_of_the_projection(plan):
    weights = base_year_weights(plan.series, plan.base_year)
    assert weights.to_dict() == pytest.approx(
        sector_bases(plan.series, base_year=plan.base_year).weights.to_dict()
    )


def test_planned_path_is_report_02s_path_with_taxes_apart(plan):
    scenario = plan.scenario()
    path = planned_sector_growth(scenario, plan.series, plan.base_year, 0.145)
    weights = base_year_weights(plan.series, plan.base_year)
    assert aggregate_growth(weights, path) == pytest.approx(0.145, abs=1e-12)
    # report 02: the base year's three-part pattern scaled to the scenario's growth
    struct = structure_inputs_from_series(plan.series, base_year=plan.base_year)
    shown = pattern_growth(struct["weights_base"], struct["sector_growth_base"], 0.145)
    folded = fold_taxes_into_services(path, weights)
    # within 0.001 point: report 02 folds the 2023 taxes into services with the revealed 2022
    # weights, the path here with the same weights rolled forward to 2023
    assert folded.to_dict() == pytest.approx(shown.to_dict(), abs=1e-5)
    # 2023 pattern 17.25 / 6.56 / 2.63 / 7.14 % scaled by 1.145 / 1.137546 = 1.006553
    assert 100 * path["industry_construction"] == pytest.approx(18.02, abs=0.005)
    assert 100 * path["agriculture"] == pytest.approx(3.30, abs=0.005)


# --- the result on the real pack ----------------------------------------------------------------


def test_the_published_contributions_are_reproduced(result):
    frame = result.contributions
    published = 100 * frame["published_contribution"]
    assert published["industry_construction"] == pytest.approx(12.93, abs=1e-9)
    assert published["services"] == pytest.approx(1.05, abs=1e-9)
    assert published["agriculture"] == pytest.approx(-0.35, abs=1e-9)
    # product taxes: not published, the residual 13.85 − 12.93 − 1.05 + 0.35 = 0.22
    assert published["product_taxes"] == pytest.approx(0.22, abs=1e-9)
    assert bool(frame.loc["product_taxes", "derived"])
    assert published["total"] == pytest.approx(13.85)
    # The residual makes the points add up to 13.85 whatever they are; the weights they reveal
    # with the separately published 2024 sector growth (17.94 / 6.83 / -3.32 / 11.66 %) are a
    # check that does not: 12.93 / 17.94 = 0.720736, 1.05 / 6.83 = 0.153734,
    # -0.35 / -3.32 = 0.105422, 0.22 / 11.66 = 0.018868; sum 0.998759, 1 within 0.2 point.
    growth = 100 * frame["published_growth"].drop(index="total")
    assert growth.tolist() == pytest.approx([17.94, 6.83, -3.32, 11.66], abs=1e-9)
    revealed = published.drop(index="total") / growth
    assert revealed.tolist() == pytest.approx([0.720736, 0.153734, 0.105422, 0.018868], abs=1e-6)
    assert revealed.sum() == pytest.approx(0.998759, abs=1e-6)


def test_the_growth_miss_by_sector(result):
    frame = 100 * result.contributions.drop(columns="derived")
    # planned: 0.7124 × 18.02 = 12.84, 0.1576 × 7.26 = 1.14, 0.1102 × 3.30 = 0.36, 0.0199 × 7.84
    assert frame["planned_contribution"].round(2).tolist() == [12.84, 1.14, 0.36, 0.16, 14.5]
    assert frame["miss"].round(2).tolist() == [0.09, -0.09, -0.71, 0.06, -0.65]
    # the release's own weights: 12.93 / 17.94 = 72.07 %, ... summing to 99.88 %
    assert frame.loc["industry_construction", "revealed_weight"] == pytest.approx(72.07, abs=0.01)
    assert frame.loc["total", "revealed_weight"] == pytest.approx(99.88, abs=0.01)


def test_the_per_head_miss_on_the_real_pack(result):
    assert result.planned_per_head == pytest.approx(4500.07, abs=0.01)
    assert result.per_head == 4370
    split = result.per_head_split
    assert split["total"] == pytest.approx(math.log(4370 / result.planned_per_head), abs=1e-12)
    assert split.drop(index="total").sum() == pytest.approx(split["total"], abs=1e-12)
    levels = result.levels
    assert (levels.nominal, levels.usd, levels.nominal_base) == (207.0, 8.65, 181.9)
    assert levels.exchange_rate == pytest.approx(207e12 / 8.65e9)
    assert levels.population == pytest.approx(8.65e9 / 4370)
    # one derivation for the base year and the outturn: 7.6e9 / 3,950 = 1,924,050.6 persons
    # and 181.9e12 / 7.6e9 = 23,934.21 VND per USD (the resolution's own pair)
    assert levels.population_base == pytest.approx(1924050.63, abs=0.01)
    assert levels.exchange_rate_base == pytest.approx(23934.2105, abs=1e-4)
    assert result.actual_factors.deflator == pytest.approx(207 / 181.9 / 1.1385 - 1)


def test_the_outturn_in_the_ex_ante_fan(plan, result):
    fan = result.fan
    assert list(fan.index) == ["grdp_growth", "grdp_per_capita_usd"]
    assert fan.loc["grdp_growth", "outcome"] == pytest.approx(0.1385)
    assert fan.loc["grdp_per_capita_usd", "outcome"] == 4370
    # Aggregate growth draws follow the two-piece normal calibrated on the record up to 2023,
    # worked here: growth 2016-2023 (10.73, 13.33, 15.96, 16.1, 13, 7.82, 19.3, 13.45 %) has
    # standard deviation 3.511436 points; split so that sqrt(2/pi) (s2 - s1) = -1.05 (the 2023
    # plan miss): s1 = 4.169426, s2 = 2.853446, mode 14.5 %. Below the mode the cdf is
    # 2 s1 / (s1 + s2) Phi((x - mode) / s1): 1.187385 x Phi(-0.155897) = 1.187385 x 0.438057
    # = 0.520142 for the outturn 13.85 %.
    row = fan.loc["grdp_growth"]
    assert abs(row["percentile"] - 0.520142) < 4 * row["standard_error"]
    assert 0.0 < fan.loc["grdp_per_capita_usd", "percentile"] < fan.loc["grdp_growth", "percentile"]


def test_no_full_year_growth_means_no_outturn(plan):
    in_year = empty_actuals()
    out = plan_outturn(plan, actuals=in_year, n_draws=1000)
    assert not out.has_outturn
    assert out.contributions is None and out.per_head_split is None and out.fan is None
    assert out.planned_growth == pytest.approx(0.145)


def test_parts_without_published_figures_are_left_out(plan):
    thin = copy.copy(plan)
    year = str(plan.plan_year)
    series = plan.series
    thin.series = series[
        ~((series["period"] == year) & series["variable"].isin(["grdp_usd", "contribution"]))
    ]
    out = plan_outturn(thin, n_draws=1000)
    assert out.has_outturn
    assert out.contributions is None and out.per_head_split is None and out.levels is None
    assert out.fan.loc["grdp_growth", "outcome"] == pytest.approx(0.1385)
