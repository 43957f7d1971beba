"""A plan's quarterly scenario against its annual target; the 2025 plan checked against itself."""

import pytest

from analysis.economics.consistency_quarters import quarterly_plan_check

WEIGHTS = (0.21, 0.25, 0.265, 0.275)  # the packs' assumption: GRDP by quarter of the base year


def test_the_2025_quarterly_scenario_adds_up_to_its_target():
    # 0.21 x 13.0 + 0.25 x 12.7 + 0.265 x 14.1 + 0.275 x 14.3 = 2.73 + 3.175 + 3.7365 + 3.9325
    # = 13.574 %, 0.026 point below 13.6 %: within the 0.05 point tolerance
    row = quarterly_plan_check(
        [0.130, 0.127, 0.141, 0.143], WEIGHTS, target_growth=0.136, plan_year=2025
    ).iloc[0]
    assert row["check"] == "quarterly_plan.annual"
    assert row["value"] == pytest.approx(13.574)
    assert row["verdict"] == "consistent"
    assert "the 2025 quarterly scenario" in row["note"] and "gap -0.026 pt" in row["note"]


def test_a_quarterly_scenario_far_from_the_target_is_inconsistent():
    # every quarter at 12 % adds up to 12 %, 1.6 points below 13.6 %
    row = quarterly_plan_check([0.12] * 4, WEIGHTS, target_growth=0.136, plan_year=2025).iloc[0]
    assert row["value"] == pytest.approx(12.0)
    assert row["verdict"] == "inconsistent"


@pytest.mark.parametrize(
    ("quarters", "weights", "message"),
    [
        ([0.13, 0.13, 0.13], WEIGHTS, "4 quarters"),
        ([0.13] * 4, (0.3, 0.3, 0.3, 0.3), "weights"),
        ([0.13, 0.13, 0.13, -1.5], WEIGHTS, "quarter_growth"),
    ],
)
def test_bad_inputs_are_refused(quarters, weights, message):
    with pytest.raises(ValueError, match=message):
        quarterly_plan_check(quarters, weights, target_growth=0.136, plan_year=2025)


def test_the_2025_plan_is_checked_against_itself():
    from analysis import consistency_report_from_tables, load_plan

    plan = load_plan("bac-giang-2025")
    report = consistency_report_from_tables(
        plan.targets,
        plan.baselines,
        plan.series,
        plan.assumptions,
        base_year=plan.base_year,
        plan_year=plan.plan_year,
    ).set_index("check")
    # per head against growth: the deflator the plan's figures imply,
    # (4900 / 4370) x 1.0136 x 1.0165 / 1.136 - 1 = 1.6975 %, and GRDP 207 x 1.136 x 1.016975
    # = 239.14 trillion VND, the plan's own 239,143 billion
    assert report.loc["per_head.implied_deflator", "value"] == pytest.approx(
        100 * ((4900 / 4370) * 1.0136 * 1.0165 / 1.136 - 1), abs=1e-6
    )
    assert report.loc["per_head.nominal_grdp_plan", "value"] == pytest.approx(239.143, abs=0.01)
    # the sector plan's aggregate: the 2024 weights revealed by the release, c_i / g_i =
    # 12.93/17.94, 1.05/6.83, -0.35/-3.32 and product taxes 0.22/11.66 (0.22 = 13.85 - 12.93
    # - 1.05 + 0.35), rolled forward by (1 + g_i) and rescaled: 0.747444 / 0.144412 / 0.089621
    # / 0.018525; with 15.9 / 7.5 / 3.8 / 10 %: 11.8844 + 1.0831 + 0.3406 + 0.1853 = 13.4933 %
    assert report.loc["sector_plan.aggregate", "value"] == pytest.approx(13.4933, abs=1e-3)
    assert report.loc["sector_plan.aggregate", "verdict"] == "consistent"  # within 0.2 point
    assert "the 2025 plan's sector growth" in report.loc["sector_plan.aggregate", "note"]
    assert report.loc["quarterly_plan.annual", "value"] == pytest.approx(13.574)
    assert "no_target.structure" in report.index  # the plan states no structure target
