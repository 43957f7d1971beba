"""Tests of analysis.outlook.scenario_outlook: a scenario file run through the Monte Carlo of the
plan year's targets (the pack bac-giang-2024: base year 2023, plan year 2024).

Expected numbers are worked by hand in the comments or are the resolution's published targets,
never taken from the code under test.
"""

from __future__ import annotations

import copy
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.data.scenarios import SECTORS, Scenario, load_scenario, scenario_path
from analysis.data.tables import load_assumptions, load_targets
from analysis.economics.distributions import TwoPieceNormal
from analysis.errors import InputError
from analysis.outlook.scenario_outlook import (
    EVENT_VARIABLES,
    central_sector_growth,
    macro_targets,
    outlook_rows,
    outlook_setup,
    scenario_calibration,
    scenario_outlook,
)

N = 20_000  # draws in these tests: standard errors of about 0.35 point at p = 0.5

# The plan pack bac-giang-2024: its base year and its assumptions (scales, outlier years).
PACK = {"base_year": 2023, "assumptions": load_assumptions()}

TARGET = yaml.safe_load(scenario_path("target").read_text(encoding="utf-8"))


def scenario_file(tmp_path: Path, name: str, **changes) -> Path:
    """The target scenario with top-level keys changed, written as tmp_path/<name>.yaml."""
    data = copy.deepcopy(TARGET)
    data.update(changes, name=name)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def scenario(tmp_path: Path, name: str = "case", **changes):
    return load_scenario(scenario_file(tmp_path, name, **changes))


# --- the scenario's uncertainty mapping -----------------------------------------------------


def test_unknown_uncertainty_key_refused_with_file_field_and_rule(tmp_path):
    path = scenario_file(tmp_path, "bad", uncertainty={"sigma": 3.0})
    with pytest.raises(InputError) as info:
        load_scenario(path)
    exc = info.value
    assert exc.file == str(path)
    assert exc.where == "uncertainty.sigma"
    assert exc.rule.startswith("unknown key (allowed: sigma_lower, sigma_upper, deflator_sigma")


def test_zero_growth_scale_refused(tmp_path):
    path = scenario_file(tmp_path, "flat", uncertainty={"sigma_upper": 0.0})
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert info.value.where == "uncertainty.sigma_upper"
    assert "within 0.01..100" in info.value.rule


STATED = {
    "sigma_lower": 2.0,
    "sigma_upper": 1.0,
    "deflator_sigma": 0.5,
    "population_sigma": 0.0,
    "depreciation_sigma": 1.2,
}


def test_stated_scales_replace_the_calibrated_ones(tmp_path):
    sc = scenario(tmp_path, uncertainty=STATED)
    cal = scenario_calibration(sc, **PACK)
    # Percent points to fractions: 2.0 -> 0.02, 1.0 -> 0.01, 0.5 -> 0.005, 1.2 -> 0.012.
    assert (cal.sigma_lower, cal.sigma_upper) == pytest.approx((0.02, 0.01))
    assert cal.sigma == pytest.approx(0.015)  # (0.02 + 0.01) / 2
    assert cal.deflator_sigma == pytest.approx(0.005)
    assert cal.population_sigma == 0.0
    assert cal.depreciation_sigma == pytest.approx(0.012)
    frame = cal.to_frame()
    assert "set by the scenario file" in frame.loc["sigma_lower", "assumption"]
    assert str(sc.path) in frame.loc["deflator_sigma", "assumption"]


def test_stated_scales_reach_the_setup(tmp_path):
    setup = outlook_setup(scenario(tmp_path, uncertainty=STATED), **PACK)

    # Mode: the scenario's 14.5 %; scales as stated.
    def parts(dist: TwoPieceNormal) -> tuple[float, float, float]:
        assert isinstance(dist, TwoPieceNormal)
        return dist.mode, dist.sigma_lower, dist.sigma_upper

    assert parts(setup.growth) == pytest.approx((0.145, 0.02, 0.01))
    assert parts(setup.deflator) == pytest.approx((0.0289, 0.005, 0.005))
    assert setup.population_growth == pytest.approx(0.0168)  # scale 0: held at 1.68 %
    assert parts(setup.depreciation) == pytest.approx((0.017, 0.012, 0.012))
    assert setup.per_capita_base_usd == 3950.0


def test_only_the_stated_scale_changes(tmp_path):
    base = scenario_calibration(scenario(tmp_path, "plain"), **PACK)
    one = scenario_calibration(
        scenario(tmp_path, "one", uncertainty={"deflator_sigma": 0.7}), **PACK
    )
    assert one.deflator_sigma == pytest.approx(0.007)
    assert (one.sigma_lower, one.sigma_upper, one.population_sigma) == (
        base.sigma_lower,
        base.sigma_upper,
        base.population_sigma,
    )


def test_calibration_follows_the_published_record(tmp_path):
    cal = scenario_calibration(scenario(tmp_path), **PACK)
    # Record 2016–2023 (10.73, 13.33, 15.96, 16.10, 13.0, 7.82, 19.30, 13.45): sum 109.69,
    # mean 13.71125; squared deviations 8.8879 + 0.1454 + 5.0569 + 5.7061 + 0.5059 + 34.7068
    # + 31.2341 + 0.0683 = 86.3113; / 7 = 12.3302; sd 3.5114 points.
    assert cal.sigma == pytest.approx(0.035114, abs=1e-6)
    # 2023 plan 14.5, outturn 13.45: ē = -1.05 points; σ2 − σ1 = ē √(π/2) = -1.3160,
    # σ1 = 3.5114 + 0.6580 = 4.1694, σ2 = 3.5114 - 0.6580 = 2.8534 points.
    assert cal.sigma_lower == pytest.approx(0.041694, abs=1e-6)
    assert cal.sigma_upper == pytest.approx(0.028534, abs=1e-6)


# --- the outlook --------------------------------------------------------------------------


def test_same_seed_gives_the_same_table(tmp_path):
    sc = scenario(tmp_path)
    first = outlook_rows(sc, scenario_outlook(sc, n_draws=N, seed=7, **PACK), plan_year=2024)
    again = outlook_rows(sc, scenario_outlook(sc, n_draws=N, seed=7, **PACK), plan_year=2024)
    other = outlook_rows(sc, scenario_outlook(sc, n_draws=N, seed=8, **PACK), plan_year=2024)
    pd.testing.assert_frame_equal(first, again)
    assert not np.allclose(first["value"], other["value"])


def test_growth_probability_matches_the_closed_form(tmp_path):
    sc = scenario(tmp_path, uncertainty={"sigma_lower": 4.0, "sigma_upper": 2.0})
    result = scenario_outlook(sc, n_draws=N, seed=11, **PACK)
    # Mode 14.5 = target: P(G >= 14.5) = σ2 / (σ1 + σ2) = 2 / 6 = 1/3.
    p, se = result.table.loc["growth", ["probability", "standard_error"]]
    assert abs(p - 1 / 3) < 3 * math.sqrt((1 / 3) * (2 / 3) / N)
    assert se == pytest.approx(math.sqrt(p * (1 - p) / N))


def test_joint_probability_is_no_larger_than_any_target(tmp_path):
    table = scenario_outlook(scenario(tmp_path), n_draws=N, seed=3, **PACK).table
    assert table.loc["joint", "covers"] == "growth+per_capita+structure"
    assert table.loc["joint", "probability"] <= table["probability"].drop("joint").min()


def test_year_to_date_figures_narrow_the_distribution(tmp_path):
    scales = {"sigma_lower": 4.0, "sigma_upper": 3.0}
    before = scenario_outlook(
        scenario(tmp_path, "open", uncertainty=scales), n_draws=N, seed=5, **PACK
    )
    sc = scenario(tmp_path, "known", uncertainty=scales, ytd_actuals={"Q1": 12.0, "6M": 13.0})
    after = scenario_outlook(sc, n_draws=N, seed=5, **PACK)
    assert after.quarters_known == 2
    # φ = 0.21, 0.25, 0.265, 0.275: Σφ² = 0.25245, Σ_{q>2} φ² = 0.14585; factor
    # √(0.14585 / 0.25245) = 0.76009, so σ1 = 4 × 0.76009 = 3.0404, σ2 = 2.2803 points.
    dist = after.annual_distribution
    assert dist.sigma_lower == pytest.approx(0.030404, abs=1e-6)
    assert dist.sigma_upper == pytest.approx(0.022803, abs=1e-6)
    # Mode: 13 % over the first half (0.21 + 0.25 = 0.46 of the year) and 14.5 % for the
    # rest: 0.13 × 0.46 + 0.145 × 0.54 = 0.0598 + 0.0783 = 0.1381.
    assert dist.mode == pytest.approx(0.1381, abs=1e-9)
    # The 90 % band of annual growth draws narrows.
    wide, narrow = (
        np.quantile(r.annual_growth, 0.95) - np.quantile(r.annual_growth, 0.05)
        for r in (before, after)
    )
    assert narrow < 0.85 * wide
    # Year-to-date draws hold the published figures.
    assert np.allclose(after.ytd_path["Q1"], 0.12) and np.allclose(after.ytd_path["6M"], 0.13)


def test_structure_is_assessed_for_a_scenario_without_sectors(tmp_path):
    result = scenario_outlook(scenario(tmp_path), n_draws=N, seed=1, **PACK)
    table = result.table
    assert table.loc["structure", "threshold"] == pytest.approx(0.005)  # ± 0.5 point
    # Counted here from the draws: every share within 0.5 point of 68 / 20.6 / 11.4 %; the
    # joint event adds growth >= 14.5 % and GRDP per head >= 4,500 USD.
    gaps = (
        result.shares[["industry_construction", "services", "agriculture"]] - [0.68, 0.206, 0.114]
    ).abs()
    structure = (gaps <= 0.005).all(axis=1).to_numpy()
    joint = structure & (result.annual_growth >= 0.145) & (result.per_capita_usd >= 4500.0)
    p = structure.mean()
    assert 0.01 < p < 0.99  # both outcomes occur, so the count below says something
    assert table.loc["structure", "probability"] == pytest.approx(p, abs=1e-12)
    assert table.loc["structure", "standard_error"] == pytest.approx(
        math.sqrt(p * (1 - p) / N), abs=1e-12
    )
    assert table.loc["joint", "probability"] == pytest.approx(joint.mean(), abs=1e-12)


# --- the targets ------------------------------------------------------------------------------


def test_macro_targets_are_the_resolutions():
    targets = macro_targets()
    # Resolution 2024: growth 14.5 %, 4,500 USD per head, structure 68 / 20.6 / 11.4 % ± 0.5.
    assert targets.growth == pytest.approx(0.145)
    assert targets.per_capita_usd == 4500.0
    assert targets.shares == pytest.approx(
        {"industry_construction": 0.68, "services": 0.206, "agriculture": 0.114}
    )
    assert targets.share_tolerance == pytest.approx(0.005)
    assert targets.share_convention == "taxes_in_services"


def test_macro_targets_refuse_differing_tolerances():
    from analysis.data.tables import load_targets

    table = load_targets()
    table.loc[table["indicator_id"] == "share_services", "tolerance"] = 1.0
    with pytest.raises(ValueError, match="one tolerance"):
        macro_targets(table)


# --- central sector growth --------------------------------------------------------------------

WEIGHTS = pd.Series([0.7, 0.16, 0.12, 0.02], index=list(SECTORS))
LOADINGS = pd.Series([1.3, 0.1, 0.3, 1.0], index=list(SECTORS))  # Σ w λ = 0.91+0.016+0.036+0.02
HISTORY = pd.Series([0.20, 0.07, 0.02, 0.08], index=list(SECTORS))


def test_central_sector_growth_follows_the_record_without_sectors(tmp_path):
    sc = scenario(tmp_path)
    lam = LOADINGS / 0.982  # rescaled so Σ w λ = 1 (0.91 + 0.016 + 0.036 + 0.02 = 0.982)
    growth = central_sector_growth(sc, 0.145, WEIGHTS, lam, HISTORY)
    # Σ w b = 0.14 + 0.0112 + 0.0024 + 0.0016 = 0.1552; G − Σ w b = -0.0102.
    # industry: 0.20 + (1.3 / 0.982)(-0.0102) = 0.20 - 0.013503 = 0.186497.
    assert growth["industry_construction"] == pytest.approx(0.186497, abs=1e-6)
    # services: 0.07 + (0.1 / 0.982)(-0.0102) = 0.07 - 0.0010387 = 0.0689613.
    assert growth["services"] == pytest.approx(0.0689613, abs=1e-7)
    assert float((WEIGHTS * growth).sum()) == pytest.approx(0.145, abs=1e-12)


def test_central_sector_growth_keeps_given_sectors(tmp_path):
    growth_yaml = {"aggregate": 14.5, "sectors": {"industry_construction": 19.0}}
    sc = scenario(tmp_path, growth=growth_yaml)
    growth = central_sector_growth(sc, 0.145, WEIGHTS, LOADINGS, HISTORY)
    assert growth["industry_construction"] == pytest.approx(0.19)
    # Free parts start at b + λ(G − Σ w b) = b + λ(-0.0102): services 0.06898, agriculture
    # 0.01694, taxes 0.0698. Σ w g = 0.133 + 0.0110368 + 0.0020328 + 0.001396 = 0.1474656;
    # gap -0.0024656 shared by λ over the free parts (Σ w λ = 0.016 + 0.036 + 0.02 = 0.072):
    # services 0.06898 + 0.1 × (-0.0024656 / 0.072) = 0.06898 - 0.0034244 = 0.0655556.
    assert growth["services"] == pytest.approx(0.0655556, abs=1e-7)
    assert float((WEIGHTS * growth).sum()) == pytest.approx(0.145, abs=1e-12)


def test_continuation_keeps_the_2023_sector_rates(tmp_path):
    # The continuation scenario gives the four 2023 sector rates and no aggregate: the draws are
    # centred on the sector rates themselves and on the aggregate they imply with the 2023
    # weights ≈ 0.7124 / 0.1576 / 0.1102 / 0.0199:
    # 0.7124 × 17.25 + 0.1576 × 6.56 + 0.1102 × 2.63 + 0.0199 × 7.14 ≈ 13.75 %.
    sc = load_scenario(scenario_path("continuation"))
    setup = outlook_setup(sc, **PACK)
    growth = pd.Series(setup.sectors.growth)
    weights = pd.Series(setup.sectors.weights)
    assert float((weights * growth).sum()) == pytest.approx(0.1375, abs=5e-4)
    assert growth["industry_construction"] == pytest.approx(0.1725, abs=1e-12)
    assert growth["agriculture"] == pytest.approx(0.0263, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    g=st.floats(min_value=-0.05, max_value=0.3),
    chosen=st.lists(st.sampled_from(SECTORS), unique=True, max_size=3),
    values=st.lists(st.floats(min_value=-0.1, max_value=0.4), min_size=3, max_size=3),
)
def test_central_sector_growth_adds_up_to_the_aggregate(g, chosen, values):
    data = copy.deepcopy(TARGET)
    data["growth"] = {
        "aggregate": round(100 * g, 4),
        "sectors": {k: round(100 * v, 4) for k, v in zip(chosen, values, strict=False)},
    }
    sc = Scenario.model_validate(data)
    growth = central_sector_growth(sc, g, WEIGHTS, LOADINGS, HISTORY)
    assert float((WEIGHTS * growth).sum()) == pytest.approx(g, abs=1e-12)
    for k, v in zip(chosen, values, strict=False):
        assert growth[k] == pytest.approx(round(100 * v, 4) / 100)


# --- tidy rows --------------------------------------------------------------------------------


def test_outlook_rows_are_tidy_results(tmp_path):
    sc = scenario(tmp_path)
    result = scenario_outlook(sc, n_draws=N, seed=2, **PACK)
    rows = outlook_rows(sc, result, plan_year=2024)
    assert list(rows.columns) == ["scenario", "variable", "unit", "period", "value"]
    assert (rows["scenario"] == "case").all()
    probs = rows.set_index("variable")
    for event, variable in EVENT_VARIABLES.items():
        # Probabilities in percent, standard errors in points.
        assert probs.loc[variable, "value"] == pytest.approx(
            100 * result.table.loc[event, "probability"]
        )
        assert probs.loc[variable, "unit"] == "%"
        assert probs.loc[f"{variable}_standard_error", "unit"] == "pp"
    annual = rows[rows["variable"].str.fullmatch(r"grdp_growth_q\d\d")]
    assert list(annual["variable"]) == [
        f"grdp_growth_q{n:02d}" for n in (5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95)
    ]
    assert (annual["period"] == "2024").all() and annual["value"].is_monotonic_increasing
    median = float(annual.loc[annual["variable"] == "grdp_growth_q50", "value"].iloc[0])
    assert median == pytest.approx(100 * np.median(result.annual_growth))
    ytd = rows[rows["variable"].str.startswith("grdp_growth_ytd_q")]
    assert sorted(set(ytd["period"])) == ["2024-6M", "2024-9M", "2024-FY", "2024-Q1"]
    assert len(rows) == 8 + 11 + 4 * 11


def test_outlook_refuses_what_is_not_a_scenario():
    with pytest.raises(ValueError, match="scenario: must be a Scenario"):
        scenario_outlook({"name": "target"}, **PACK)
    sc = load_scenario(scenario_path("target"))
    with pytest.raises(ValueError, match="result: must be a MonteCarloResult"):
        outlook_rows(sc, {"growth": 0.5}, plan_year=2024)


# --- relative sector prices -------------------------------------------------------------------


def test_relative_price_key_accepted_and_unknown_keys_still_refused(tmp_path):
    sc = scenario(tmp_path, uncertainty={"relative_price_sd": 2.5})
    assert sc.uncertainty.relative_price_sd == 2.5
    path = scenario_file(tmp_path, "typo", uncertainty={"relative_price_sigma": 2.5})
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert info.value.where == "uncertainty.relative_price_sigma"
    assert "relative_price_sd" in info.value.rule  # listed among the allowed keys
    negative = scenario_file(tmp_path, "negative", uncertainty={"relative_price_sd": -1.0})
    with pytest.raises(InputError) as info:
        load_scenario(negative)
    assert info.value.where == "uncertainty.relative_price_sd"
    assert "within 0..100" in info.value.rule


def test_relative_price_spread_defaults_to_the_solvers_assumption(tmp_path):
    setup = outlook_setup(scenario(tmp_path), **PACK)
    # analysis.economics.closures.DEFAULT_PRICE_SD: an assumed 5 % spread of a sector's yearly
    # relative price change (2022 → 2023 read +2.0 / −0.6 / −3.6 %).
    assert setup.sectors.relative_price_sd == pytest.approx(0.05)
    frame = scenario_calibration(scenario(tmp_path, "plain"), **PACK).to_frame()
    assert frame.loc["relative_price_sd", "value"] == pytest.approx(0.05)
    assert "no sector deflators" in frame.loc["relative_price_sd", "assumption"]


def test_relative_price_spread_set_by_the_scenario(tmp_path):
    sc = scenario(tmp_path, uncertainty={"relative_price_sd": 2.5})
    cal = scenario_calibration(sc, **PACK)
    assert cal.relative_price_sd == pytest.approx(0.025)  # 2.5 points → 0.025
    assert "set by the scenario file" in cal.to_frame().loc["relative_price_sd", "assumption"]
    assert outlook_setup(sc, **PACK).sectors.relative_price_sd == pytest.approx(0.025)
    off = scenario(tmp_path, "off", uncertainty={"relative_price_sd": 0.0})
    assert outlook_setup(off, **PACK).sectors.relative_price_sd == 0.0


def test_relative_prices_lower_the_structure_probability_of_the_target(tmp_path):
    fixed = scenario_outlook(
        scenario(tmp_path, "fixed", uncertainty={"relative_price_sd": 0.0}),
        n_draws=N,
        seed=21,
        **PACK,
    )
    moving = scenario_outlook(scenario(tmp_path, "moving"), n_draws=N, seed=21, **PACK)
    # Same seed: growth and GRDP per head are drawn alike; relative prices touch shares only.
    np.testing.assert_array_equal(moving.annual_growth, fixed.annual_growth)
    np.testing.assert_array_equal(moving.per_capita_usd, fixed.per_capita_usd)
    p0, se0 = fixed.table.loc["structure", ["probability", "standard_error"]]
    p1, se1 = moving.table.loc["structure", ["probability", "standard_error"]]
    assert p0 - p1 > 3 * math.hypot(se0, se1)
    # Relative prices add about 1.3 points of spread to the industry share: 2023 gso4 shares
    # 0.657 / 0.192 / 0.130 / 0.021 grown by the target's central sector rates give 2024
    # shares near 0.684 / 0.180 / 0.116 / 0.020 (industry unchanged by folding taxes into
    # services), and with τ = 0.05 the delta method gives
    # 0.684 × 0.05 × √(0.316² + 0.180² + 0.116² + 0.020²) = 0.0342 × √0.146112
    # = 0.0342 × 0.38225 = 0.01307. Independent of real growth, so the drawn spread grows from
    # the real-growth part alone to at least √(sd₀² + 0.012²).
    sd0 = fixed.shares["industry_construction"].std()
    sd1 = moving.shares["industry_construction"].std()
    assert sd1 > math.sqrt(sd0**2 + 0.012**2)


# --- the plan's years ----------------------------------------------------------------------------


def test_outlook_rows_carry_the_plan_year_given(tmp_path):
    sc = scenario(tmp_path)
    result = scenario_outlook(sc, n_draws=2_000, seed=2, **PACK)
    rows = outlook_rows(sc, result, plan_year=2025)
    assert set(rows["period"]) == {"2025", "2025-Q1", "2025-6M", "2025-9M", "2025-FY"}
    with pytest.raises(TypeError, match="plan_year"):
        outlook_rows(sc, result)
    with pytest.raises(TypeError, match="base_year"):
        scenario_calibration(sc)


def test_the_packs_assumptions_word_the_calibration(tmp_path):
    sc = scenario(tmp_path)
    worded = scenario_calibration(sc, **PACK).assumptions
    bare = scenario_calibration(sc, base_year=2023).assumptions
    # outlier_year_outbreak = 2021 and outlier_year_rebound = 2022 name the record's shocks
    shocks = "; it includes the 2021 outbreak and the 2022 rebound when they are in the record."
    assert shocks in worded["sigma_lower"]
    assert "cannot foresee. Skew" in bare["sigma_lower"]
    # the bases of the side scales come from assumptions.csv; the values are the same
    assert worded["population_sigma"].startswith("0.20 points, an assumption: population grew")
    assert bare["population_sigma"] == "0.20 points, an assumption."


def test_macro_targets_of_a_plan_without_a_structure_target():
    targets = load_targets()
    growth_only = targets[~targets["indicator_id"].str.startswith("share_")]
    macro = macro_targets(growth_only)
    # 14.5 % and 4,500 USD; no structure: the Monte Carlo does not assess it
    assert (macro.growth, macro.per_capita_usd) == (0.145, 4500.0)
    assert macro.shares is None and macro.share_tolerance is None
    full = macro_targets(targets)
    assert full.shares == pytest.approx(
        {"industry_construction": 0.68, "services": 0.206, "agriculture": 0.114}
    )


def test_a_plan_without_a_structure_target_is_simulated_without_sectors(tmp_path):
    sc = scenario(tmp_path)
    targets = load_targets()
    growth_only = targets[~targets["indicator_id"].str.startswith("share_")]
    assert outlook_setup(sc, sectors=False, **PACK).sectors is None
    result = scenario_outlook(sc, n_draws=N, seed=4, targets=growth_only, **PACK)
    assert result.shares is None
    assert result.table.loc["joint", "covers"] == "growth+per_capita"
    rows = outlook_rows(sc, result, plan_year=2024)
    assert "probability_structure_target" not in set(rows["variable"])
    # growth drawn straight from the calibrated two-piece normal, mode 14.5 % = the target:
    # P(G >= 14.5) = σ2 / (σ1 + σ2) = 2.8534 / (4.1694 + 2.8534) = 0.40631
    p = result.table.loc["growth", "probability"]
    assert abs(p - 0.40631) < 3 * math.sqrt(0.40631 * 0.59369 / N)
