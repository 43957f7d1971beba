"""The consistency report: per head, structure, ICOR, productivity and ratios.

Every expected number is worked out by hand in the comment above its assertion. The report
composed from the project's tables is tested in tests/test_consistency_inputs.py.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.economics.closures import equal_prices
from analysis.economics.consistency_per_head import implied_deflators, per_head_check
from analysis.economics.consistency_ratios import (
    icor_check,
    productivity_check,
    ratio_check,
    relative_productivity,
)
from analysis.economics.consistency_report import (
    MISSING_TARGETS,
    consistency_report,
    missing_target_rows,
    sector_plan_check,
)
from analysis.economics.consistency_rows import REPORT_COLUMNS, REPORT_VERDICTS
from analysis.economics.consistency_structure import structure_check
from analysis.economics.sector_growth import GrowthBaseline

IC, SV, AG = "industry_construction", "services", "agriculture"
THREE = [IC, SV, AG]


def _s(*values: float) -> pd.Series:
    return pd.Series(values, index=THREE[: len(values)], dtype=float)


def _value(report: pd.DataFrame, check: str, column: str = "value"):
    rows = report.loc[report["check"] == check, column]
    assert len(rows) == 1, f"expected one row '{check}', got {len(rows)}"
    return rows.iloc[0]


# Means and sample standard deviations of published sector growth 2016-2019 and 2023
# (worked out in tests/test_solver.py).
BASELINE = GrowthBaseline(_s(0.21568, 0.07172, 0.02154), _s(0.03730009, 0.00803194, 0.02915661), {})
SHARES_BASE = _s(0.657, 0.213, 0.130)
TARGET_SHARES = _s(0.680, 0.206, 0.114)
WEIGHTS_BASE = _s(0.712354, 0.177486, 0.110160)
LABOUR_TARGET = _s(0.461, 0.312, 0.227)

PER_HEAD = {
    "target_growth": 0.145,
    "per_capita_target": 4500.0,
    "per_capita_base": 3950.0,
    "grdp_base": 181.9,
    "base_year": 2023,
    "population_growth": 0.015,
    "depreciation": 0.017,
    "national_deflator": 0.023,
}


# --- per head against growth -------------------------------------------------------------


def test_per_head_by_hand():
    # π* = (4500/3950)(1.015)(1.017)/1.145 - 1 = 1.1392405 × 1.015 × 1.017 / 1.145 - 1
    #    = 1.1759867 / 1.145 - 1 = 0.0270626 -> 2.70626 %
    # nominal GRDP 2024 = 181.9 × 1.1759867 = 181.9 + 32.01198 = 213.91198 trillion VND
    # at the national 2.3 %: 3950 × 1.145 × 1.023 / (1.015 × 1.017) = 3950 × 1.1347337 = 4482.20
    # band: national 2.3 %, province 0.66 % and 2.86 %, ± 1 pt -> [-0.34 %, 3.86 %]: inside
    record = pd.Series({2022: 0.0066, 2023: 0.0286})
    report = per_head_check(**PER_HEAD, provincial_deflators=record)
    assert list(report.columns) == list(REPORT_COLUMNS)
    assert _value(report, "per_head.implied_deflator") == pytest.approx(2.70626, abs=1e-4)
    assert _value(report, "per_head.implied_deflator", "value_base") == pytest.approx(2.86)
    assert _value(report, "per_head.implied_deflator", "verdict") == "consistent"
    assert "-0.34 % to 3.86 %" in _value(report, "per_head.implied_deflator", "note")
    assert _value(report, "per_head.nominal_grdp_plan") == pytest.approx(213.91198, abs=1e-4)
    assert _value(report, "per_head.nominal_grdp_plan", "value_base") == pytest.approx(181.9)
    assert _value(report, "per_head.nominal_grdp_plan", "note").startswith("GRDP 2023 × ")
    at_national = _value(report, "per_head.per_capita_at_national_deflator")
    assert at_national == pytest.approx(4482.20, abs=0.01)


def test_per_head_verdict_sides_of_the_band():
    # national only, ± 0.1 pt: band [2.2 %, 2.4 %]; π* = 2.706 % lies above -> stretched
    above = per_head_check(**PER_HEAD, tolerance=0.001)
    assert _value(above, "per_head.implied_deflator", "verdict") == "stretched"
    # 4000 USD: π* = (4000/3950) × 1.032255 / 1.145 - 1 = 1.0453215 / 1.145 - 1 = -0.087056;
    # below the band: the per-head target is undemanding -> consistent, said in the note
    below = per_head_check(**{**PER_HEAD, "per_capita_target": 4000.0})
    assert _value(below, "per_head.implied_deflator") == pytest.approx(-8.7056, abs=1e-3)
    assert _value(below, "per_head.implied_deflator", "verdict") == "consistent"
    assert "below the band" in _value(below, "per_head.implied_deflator", "note")


def test_implied_deflators_by_hand():
    # province: 2022 155.876/129.8/1.193 - 1 = 1.2008937/1.193 - 1 = 0.0066167
    #           2023 181.9/155.876/1.1345 - 1 = 1.1669532/1.1345 - 1 = 0.0286057
    # 2019 has no 2018 level -> left out
    nominal = pd.Series({2019: 108.915, 2021: 129.8, 2022: 155.876, 2023: 181.9})
    growth = pd.Series({2021: 0.0782, 2022: 0.193, 2023: 0.1345})
    out = implied_deflators(nominal, growth)
    assert list(out.index) == [2022, 2023]
    assert out.to_numpy() == pytest.approx([0.0066167, 0.0286057], abs=1e-7)
    # Viet Nam 2023: 10221.8/9513.3/1.0505 - 1 = 1.0744747/1.0505 - 1 = 0.0228222
    national = implied_deflators(
        pd.Series({2022: 9513.3, 2023: 10221.8}), pd.Series({2023: 0.0505})
    )
    assert national[2023] == pytest.approx(0.0228222, abs=1e-7)


# --- ICOR ----------------------------------------------------------------------------------

ICOR_2024 = {
    "investment": 103_500,
    "grdp_base": 181.9,
    "target_growth": 0.145,
    "deflator": 0.027,
    "base_year": 2023,
    "plan_year": 2024,
}


def test_icor_of_the_plan_by_hand():
    # π = 2.7 %: GRDP increase = 181.9 × (1.145 × 1.027 - 1) = 181.9 × 0.175915
    #            = 31.9989 trillion = 31,998.94 billion VND; ICOR = 103,500 / 31,998.94 = 3.234482
    # constant prices: 181.9 × 0.145 = 26.3755 trillion; 103,500 / 26,375.5 = 3.924096
    report = icor_check(**ICOR_2024)
    assert _value(report, "icor.current_prices") == pytest.approx(3.234482, abs=1e-5)
    assert _value(report, "icor.current_prices", "verdict") == "consistent"  # inside 3-7
    assert _value(report, "icor.constant_prices") == pytest.approx(3.924096, abs=1e-5)
    assert _value(report, "icor.constant_prices", "verdict") == "information"
    assert math.isnan(_value(report, "icor.current_prices", "value_base"))
    assert "real increase at 2023 prices" in _value(report, "icor.constant_prices", "note")


def test_icor_band_sides():
    kwargs = ICOR_2024
    low = icor_check(**kwargs, band=(3.5, 7.0))  # 3.23 below 3.5 -> growth needs more
    assert _value(low, "icor.current_prices", "verdict") == "stretched"
    high = icor_check(**kwargs, band=(1.0, 3.0))  # above -> investment large for the growth
    assert _value(high, "icor.current_prices", "verdict") == "information"
    shrink = icor_check(**{**kwargs, "target_growth": -0.05, "deflator": 0.0})
    assert _value(shrink, "icor.current_prices", "verdict") == "inconsistent"


def test_icor_on_the_statistics_office_definition():
    # (I / GRDP 2024) / g* with π = 2.7 %: GRDP 2024 = 181,900 × 1.145 × 1.027 = 213,899.1 billion
    # VND; 103,500 / 213,899.1 = 0.483873; / 0.145 = 3.33705
    out = icor_check(**ICOR_2024)
    row = out.set_index("check").loc["icor.statistics_office"]
    assert row["value"] == pytest.approx(3.33705, abs=1e-5)
    assert row["verdict"] == "information"
    assert row["note"].startswith("investment / GRDP 2024 = 48.39 %")


# --- productivity and ratios -------------------------------------------------------------


def test_relative_productivity_by_hand():
    # 68/46.1 = 1.475054, 20.6/31.2 = 0.660256, 11.4/22.7 = 0.502203
    ratio = relative_productivity(TARGET_SHARES, LABOUR_TARGET)
    assert ratio.to_numpy() == pytest.approx([1.475054, 0.660256, 0.502203], abs=1e-6)
    # 2023 output 65.7/21.3/13.0 over a labour structure 48/30/22 (illustrative):
    # 65.7/48 = 1.36875, 21.3/30 = 0.71, 13/22 = 0.590909
    report = productivity_check(
        TARGET_SHARES,
        LABOUR_TARGET,
        output_shares_base=SHARES_BASE,
        labour_shares_base=_s(0.48, 0.30, 0.22),
    )
    assert report["value"].to_numpy() == pytest.approx([1.475054, 0.660256, 0.502203], abs=1e-6)
    assert report["value_base"].to_numpy() == pytest.approx([1.36875, 0.71, 0.590909], abs=1e-6)
    assert set(report["verdict"]) == {"information"}
    assert "output share 68.00 % / labour share 46.10 %" in report["note"].iloc[0]


def test_ratios_by_hand():
    # nominal GRDP 2024 213.91178 trillion = 213,911.78 billion VND:
    # 16,000 / 213,911.78 = 7.47972 %; 103,500 / 213,911.78 = 48.38443 %
    # 2023: 14,000 / 181,900 = 7.69654 %; investment 2023 unknown -> NaN
    report = ratio_check(
        budget_revenue=16_000,
        investment=103_500,
        nominal_grdp_plan=213.91178,
        grdp_base=181.9,
        base_year=2023,
        budget_revenue_base=14_000,
    )
    assert _value(report, "ratio.budget_revenue_to_grdp") == pytest.approx(7.47972, abs=1e-4)
    assert _value(report, "ratio.investment_to_grdp") == pytest.approx(48.38443, abs=2e-5)
    assert _value(report, "ratio.budget_revenue_to_grdp", "value_base") == pytest.approx(
        7.69654, abs=1e-4
    )
    assert math.isnan(_value(report, "ratio.investment_to_grdp", "value_base"))
    assert _value(report, "ratio.investment_to_grdp", "note").endswith(
        "; no 2023 figure in the data"
    )


# --- structure -----------------------------------------------------------------------------


def test_structure_check_rows_for_closure_a():
    # closure A on the 2024 targets: services +10.126 %, z = +3.68 (tests/test_solver.py)
    sol = equal_prices(
        SHARES_BASE,
        WEIGHTS_BASE,
        TARGET_SHARES,
        target_growth=0.145,
        deflator=0.0289,
        baseline=BASELINE,
    )
    report = structure_check(sol, sector_growth_base=_s(0.1725, 0.0662, 0.0263))
    assert list(report["check"]) == [
        "structure.equal_prices",
        "structure.equal_prices.industry_construction",
        "structure.equal_prices.services",
        "structure.equal_prices.agriculture",
    ]
    assert _value(report, "structure.equal_prices", "verdict") == "stretched"
    assert _value(report, "structure.equal_prices") == pytest.approx(3.678, abs=2e-3)
    assert _value(report, "structure.equal_prices.services") == pytest.approx(10.1263, abs=1e-3)
    assert _value(report, "structure.equal_prices.services", "verdict") == "stretched"
    assert _value(report, "structure.equal_prices.services", "value_base") == pytest.approx(6.62)
    assert _value(report, "structure.equal_prices.agriculture", "verdict") == "consistent"
    with pytest.raises(ValueError, match="solution: must be a StructureSolution"):
        structure_check(report)


# --- the whole report ----------------------------------------------------------------------

REPORT_INPUTS = {
    **PER_HEAD,
    "plan_year": 2024,
    "target_shares": TARGET_SHARES,
    "labour_shares": LABOUR_TARGET,
    "budget_revenue": 16_000.0,
    "investment": 103_500.0,
    "shares_base": SHARES_BASE,
    "weights_base": WEIGHTS_BASE,
    "baseline": BASELINE,
}


def test_consistency_report_plain_inputs():
    report = consistency_report(**REPORT_INPUTS, sector_growth_plan=_s(0.175, 0.105, 0.025))
    assert list(report.columns) == list(REPORT_COLUMNS)
    assert set(report["verdict"]) <= set(REPORT_VERDICTS)
    assert report["check"].is_unique
    assert {"structure.equal_prices", "structure.min_deviation", "structure.given_growth"} <= set(
        report["check"]
    )
    # π* = 2.70626 % (test_per_head_by_hand): GRDP increase 181.9 × 0.1759867 = 32.01198 trn
    # ICOR = 103,500 / 32,011.98 = 3.233164
    assert _value(report, "icor.current_prices") == pytest.approx(3.233164, abs=1e-5)
    assert _value(report, "productivity.industry_construction") == pytest.approx(1.475054, 1e-6)
    # ratio: 103,500 / 213,911.98 billion VND = 48.38439 %
    assert _value(report, "ratio.investment_to_grdp") == pytest.approx(48.38439, abs=2e-5)
    # closure B: 0.712354×0.175 + 0.177486×0.105 + 0.110160×0.025
    #          = 0.124662 + 0.018636 + 0.002754 = 0.146052 -> the gap +0.0011 is in the note
    assert "0.1461" in _value(report, "structure.given_growth", "note")
    assert np.isfinite(report.loc[report["verdict"] != "inconsistent", "value"]).all()


def test_consistency_report_without_plan_has_no_closure_b():
    report = consistency_report(**REPORT_INPUTS)
    assert not report["check"].str.startswith("structure.given_growth").any()


def test_consistency_report_refuses_bad_inputs():
    with pytest.raises(ValueError, match="labour_shares: must sum to 1"):
        consistency_report(**{**REPORT_INPUTS, "labour_shares": _s(0.5, 0.3, 0.1)})
    with pytest.raises(ValueError, match="investment: must be positive"):
        consistency_report(**{**REPORT_INPUTS, "investment": -1.0})
    with pytest.raises(ValueError, match="population_growth: growth must be above -1"):
        consistency_report(**{**REPORT_INPUTS, "population_growth": -2.0})
    with pytest.raises(ValueError, match=r"band: must be \(low, high\)"):
        consistency_report(**REPORT_INPUTS, icor_band=(7.0, 3.0))
    with pytest.raises(ValueError, match="tolerance: must be non-negative"):
        per_head_check(**PER_HEAD, tolerance=-0.01)
    with pytest.raises(ValueError, match="labour_shares: must be positive"):
        relative_productivity(_s(0.5, 0.3, 0.2), _s(0.6, 0.4, 0.0))


# --- the plan's years and the targets a plan lacks ---------------------------------------------


def test_notes_name_the_plan_years_given():
    # The same figures for a plan with base year 2024: only the words change.
    later = consistency_report(**{**REPORT_INPUTS, "base_year": 2024, "plan_year": 2025})
    now = consistency_report(**REPORT_INPUTS)
    assert later["value"].to_numpy() == pytest.approx(now["value"].to_numpy(), nan_ok=True)
    notes = later.set_index("check")["note"]
    assert notes["per_head.nominal_grdp_plan"].startswith("GRDP 2024 × (1 + g*)(1 + π*) = 181.9")
    assert "(real increase at 2024 prices)" in notes["icor.constant_prices"]
    assert notes["icor.statistics_office"].startswith("investment / GRDP 2025 = ")
    assert notes["ratio.budget_revenue_to_grdp"].endswith("; no 2024 figure in the data")
    assert not any("2023" in n for n in notes)
    with pytest.raises(ValueError, match="plan_year: must be a whole year"):
        consistency_report(**{**REPORT_INPUTS, "plan_year": "2025"})


def test_sector_plan_check_by_hand():
    # The 2021-2030 master plan's midpoints 17 / 10 / 2 % with the 2023 weights:
    # 0.712354 × 0.17 + 0.177486 × 0.10 + 0.110160 × 0.02 = 0.121100 + 0.017749 + 0.002203
    # = 0.141052 -> 14.1052 %; against 14.5 %: gap -0.3948 pt, beyond ± 0.2 -> inconsistent
    row = sector_plan_check(
        _s(0.17, 0.10, 0.02),
        WEIGHTS_BASE,
        target_growth=0.145,
        base_year=2023,
        plan_label="master plan",
    ).iloc[0]
    assert row["check"] == "sector_plan.aggregate"
    assert row["value"] == pytest.approx(14.10520, abs=1e-5)
    assert row["verdict"] == "inconsistent"
    assert row["note"].startswith("master plan: Σ w_i (1 + g_i) − 1 with the 2023 weights")
    assert "gap -0.39 pt" in row["note"]
    # 17.5 / 10.5 / 2.5 %: 0.124662 + 0.018636 + 0.002754 = 0.146052 -> gap +0.105 pt: agrees
    close = sector_plan_check(
        _s(0.175, 0.105, 0.025), WEIGHTS_BASE, target_growth=0.145, base_year=2023
    ).iloc[0]
    assert close["value"] == pytest.approx(14.60520, abs=1e-5)
    assert close["verdict"] == "consistent"
    with pytest.raises(ValueError, match="sector_growth_plan"):
        sector_plan_check(_s(0.17, 0.10), WEIGHTS_BASE, target_growth=0.145, base_year=2023)


def test_a_plan_with_only_growth_and_per_head_targets():
    # The 2025 plan's kind of target set: growth and per head only, a sector plan given.
    report = consistency_report(
        **PER_HEAD,
        plan_year=2024,
        weights_base=WEIGHTS_BASE,
        sector_growth_plan=_s(0.175, 0.105, 0.025),
    )
    assert list(report["check"]) == [
        "per_head.implied_deflator",
        "per_head.nominal_grdp_plan",
        "per_head.per_capita_at_national_deflator",
        "no_target.structure",
        "sector_plan.aggregate",
        "no_target.labour_shares",
        "no_target.budget_revenue",
        "no_target.investment",
    ]
    # the per-head check is the one of test_per_head_by_hand
    assert _value(report, "per_head.implied_deflator") == pytest.approx(2.70626, abs=1e-4)
    assert _value(report, "sector_plan.aggregate") == pytest.approx(14.60520, abs=1e-5)
    missing = report[report["check"].str.startswith("no_target.")].set_index("check")
    assert set(missing["verdict"]) == {"information"}
    assert missing["value"].isna().all() and missing["value_base"].isna().all()
    assert missing.loc["no_target.investment", "note"] == MISSING_TARGETS["investment"]
    assert "states no structure target" in missing.loc["no_target.structure", "note"]
    # without a sector plan (or its weights) there is nothing to add up
    bare = consistency_report(**PER_HEAD, plan_year=2024)
    assert "sector_plan.aggregate" not in set(bare["check"])


def test_a_plan_without_an_investment_target():
    report = consistency_report(**{**REPORT_INPUTS, "investment": None})
    checks = list(report["check"])
    assert not any(c.startswith("icor.") for c in checks)
    assert "ratio.investment_to_grdp" not in checks
    assert "ratio.budget_revenue_to_grdp" in checks
    assert checks[-1] == "no_target.investment"
    # the rest is the full report's
    full = consistency_report(**REPORT_INPUTS).set_index("check")
    assert _value(report, "ratio.budget_revenue_to_grdp") == pytest.approx(
        full.loc["ratio.budget_revenue_to_grdp", "value"]
    )


def test_missing_targets_refusals():
    with pytest.raises(ValueError, match="unknown target"):
        missing_target_rows(["tourism"])
    with pytest.raises(ValueError, match="shares_base, weights_base, baseline: needed"):
        consistency_report(
            **{**REPORT_INPUTS, "shares_base": None, "weights_base": None, "baseline": None}
        )


def test_a_national_deflator_of_an_earlier_year_is_named():
    # The 2023 national deflator standing in for a base year 2024: the notes say its year.
    report = per_head_check(**{**PER_HEAD, "base_year": 2024}, national_year=2023)
    notes = report.set_index("check")["note"]
    assert "(national 2.30 % (2023), ± 1.00 pt)" in notes["per_head.implied_deflator"]
    assert (
        "the national 2.30 % (2023); target 4,500 USD"
        in notes["per_head.per_capita_at_national_deflator"]
    )
    same_year = per_head_check(**PER_HEAD).set_index("check")["note"]
    assert "(national 2.30 %, ± 1.00 pt)" in same_year["per_head.implied_deflator"]


def test_a_sector_plan_without_the_base_years_weights_says_so():
    row = sector_plan_check(
        _s(0.17, 0.10, 0.02), None, target_growth=0.145, base_year=2024, plan_label="plan"
    ).iloc[0]
    assert row["check"] == "sector_plan.aggregate"
    assert math.isnan(row["value"]) and row["verdict"] == "information"
    assert row["note"] == (
        "plan: the 2024 constant-price weights are not in the data (the base year's "
        "contributions and sector growth): the sector plan is not added up"
    )
