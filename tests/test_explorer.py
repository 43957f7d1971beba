"""The explorer's computation, ``explore(plan, settings)``, against the report notebooks.

For every scenario of every plan pack, the scenario file's settings give the figures the
report notebooks compute from the file with their own calls (01: projection, year to date,
remaining quarters; 02: structure and the solver; 03: the required deflator; 05: the Monte
Carlo, with the same draws and seed); the same settings set by hand (as the sliders set them)
give the same numbers; a few figures are pinned to arithmetic done by hand.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from analysis.data.plans import load_plan, plan_summaries
from analysis.economics.closures import equal_prices, given_growth, min_deviation
from analysis.economics.growth import required_deflator
from analysis.economics.projection import project_year, required_path, ytd_path
from analysis.economics.sector_growth import fold_taxes_into_services, pattern_growth
from analysis.economics.structure import project_shares
from analysis.errors import InputError, InputErrors
from analysis.outlook.consistency_inputs import structure_inputs_from_series
from analysis.outlook.explorer import FAN_LEVELS, explore, explorer_basis, slider_range
from analysis.outlook.explorer_settings import (
    ExplorerSettings,
    growth_by_aggregate,
    growth_by_sectors,
    settings_from_scenario,
    with_growth,
    with_ytd,
)
from analysis.outlook.inputs import projection_inputs, sector_bases
from analysis.outlook.results import scenario_results
from analysis.outlook.scenario_outlook import scenario_outlook

REPORT_DRAWS = 200_000
"""The reports' Monte Carlo draws (scenario_outlook's default)."""


def _cases() -> list[tuple[str, str]]:
    cases = []
    for summary in plan_summaries():
        plan = load_plan(summary["id"])
        cases += [(plan.id, path.stem) for path in sorted(plan.paths.scenarios.glob("*.yaml"))]
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def plans():
    loaded = {}

    def get(plan_id: str):
        if plan_id not in loaded:
            plan = load_plan(plan_id)
            loaded[plan_id] = (plan, explorer_basis(plan))
        return loaded[plan_id]

    return get


def test_every_pack_and_scenario_is_covered():
    packs = {plan for plan, _ in CASES}
    assert {"bac-giang-2024", "bac-giang-2025"} <= packs
    assert ("bac-giang-2024", "target") in CASES
    assert ("bac-giang-2025", "sector-plan") in CASES


# --- the same figures as the report notebooks ---------------------------------------------


@pytest.mark.parametrize(("plan_id", "name"), CASES)
def test_projection_is_report_01s(plans, plan_id, name):
    plan, basis = plans(plan_id)
    scenario = plan.scenario(name)
    x = explore(plan, settings_from_scenario(scenario), basis=basis)
    # notebook 01's calls on the scenario file
    inputs = projection_inputs(
        scenario,
        plan.baselines,
        plan.series,
        base_year=plan.base_year,
        assumptions=plan.assumptions,
    )
    pd.testing.assert_frame_equal(x.projection, project_year(inputs))
    pd.testing.assert_frame_equal(x.ytd, ytd_path(inputs))
    targets = plan.targets.set_index("indicator_id")["target"]
    assert x.growth_target == pytest.approx(float(targets["grdp_growth"]) / 100)
    assert x.per_capita_target == pytest.approx(float(targets["grdp_per_capita_usd"]))
    published = scenario.ytd_fractions()
    if published:
        need = required_path(
            x.growth_target, published, inputs.quarterly_weights, year=plan.plan_year
        )
        pd.testing.assert_frame_equal(x.required, need)
    else:
        assert x.required is None and x.remaining_growth is None
    # and the run's results.csv (make report) holds the same projection
    results = scenario_results(
        scenario,
        plan.baselines,
        plan.series,
        base_year=plan.base_year,
        assumptions=plan.assumptions,
        targets=plan.targets,
        seed=None,
    )
    for variable in ("grdp_current_prices", "grdp_usd", "grdp_per_capita_usd", "grdp_growth"):
        row = results[
            (results["variable"] == variable) & (results["period"] == str(plan.plan_year))
        ]
        # results.csv keeps six decimals
        assert float(row["value"].iloc[0]) == pytest.approx(x.value(variable), abs=5e-7)


@pytest.mark.parametrize(("plan_id", "name"), CASES)
def test_structure_is_report_02s(plans, plan_id, name):
    plan, basis = plans(plan_id)
    scenario = plan.scenario(name)
    x = explore(plan, settings_from_scenario(scenario), basis=basis)
    targets = plan.targets.set_index("indicator_id")
    known = {"base_year": plan.base_year, "assumptions": plan.assumptions}
    struct = structure_inputs_from_series(plan.series, **known)
    shares_base, weights = struct["shares_base"], struct["weights_base"]
    if not all(f"share_{s}" in targets.index for s in shares_base.index):
        assert x.structure is None
        return
    target = pd.Series({s: targets.loc[f"share_{s}", "target"] / 100 for s in shares_base.index})
    inputs = projection_inputs(scenario, plan.baselines, plan.series, **known)
    g, deflator = inputs.annual_real_growth, inputs.deflator
    given = scenario.growth.sectors.given()
    if len(given) == 4:
        bases = sector_bases(plan.series, **known)
        path = fold_taxes_into_services(scenario.sector_growth(), bases.weights)
    else:
        path = pattern_growth(weights, struct["sector_growth_base"], g)
    pd.testing.assert_series_equal(x.structure.shares, project_shares(shares_base, path))
    pd.testing.assert_series_equal(x.structure.target_shares, target, check_names=False)
    common = {"target_growth": g, "deflator": deflator, "baseline": struct["baseline"]}
    expected = [
        equal_prices(shares_base, weights, target, **common),
        min_deviation(shares_base, weights, target, **common),
    ]
    if len(given) == 4:
        expected.append(given_growth(shares_base, weights, target, sector_growth=path, **common))
    assert [s.closure for s in x.structure.solutions] == [s.closure for s in expected]
    for ours, theirs in zip(x.structure.solutions, expected, strict=True):
        assert ours.verdict == theirs.verdict
        pd.testing.assert_series_equal(ours.growth, theirs.growth)
        pd.testing.assert_series_equal(ours.price_change, theirs.price_change)


@pytest.mark.parametrize(("plan_id", "name"), CASES)
def test_deflators_are_report_03s_formula(plans, plan_id, name):
    plan, basis = plans(plan_id)
    scenario = plan.scenario(name)
    x = explore(plan, settings_from_scenario(scenario), basis=basis)
    y0 = x.per_capita_base
    n, e = scenario.population_growth / 100, scenario.exchange_rate.depreciation / 100
    y1 = x.per_capita_target
    assert x.required_deflator == pytest.approx(required_deflator(x.growth, y0, y1, n, e))
    assert x.target_deflator == pytest.approx(required_deflator(x.growth_target, y0, y1, n, e))
    # at the required deflator the scenario's growth gives the per-head target exactly
    at_need = explore(plan, replace(x.settings, deflator=100 * x.required_deflator), basis=basis)
    if x.settings.deflator is not None:
        assert at_need.per_capita_usd == pytest.approx(y1, rel=1e-9)


@pytest.mark.parametrize(("plan_id", "name"), CASES)
def test_probabilities_are_report_05s_with_the_same_draws(plans, plan_id, name):
    plan, basis = plans(plan_id)
    scenario = plan.scenario(name)
    x = explore(plan, settings_from_scenario(scenario), basis=basis, n_draws=REPORT_DRAWS)
    report = scenario_outlook(
        scenario,
        n_draws=REPORT_DRAWS,
        seed=plan.seed,
        baselines=plan.baselines,
        series=plan.series,
        targets=plan.targets,
        base_year=plan.base_year,
        assumptions=plan.assumptions,
    )
    pd.testing.assert_frame_equal(x.outlook.table, report.table)
    assert x.outlook.seed == plan.seed


def test_smaller_draw_is_within_its_standard_errors_of_the_reports(plans):
    plan, basis = plans("bac-giang-2024")
    settings = settings_from_scenario(plan.scenario("target"))
    small = explore(plan, settings, basis=basis)
    full = explore(plan, settings, basis=basis, n_draws=REPORT_DRAWS)
    assert small.outlook.n_draws < full.outlook.n_draws
    both = small.probabilities.join(full.probabilities.add_suffix("_full"))
    assert list(both.index) == ["growth", "per_capita", "structure", "joint"]
    for _, row in both.iterrows():
        assert 0 < row["standard_error"] < 0.005  # shown beside each probability
        assert abs(row["probability"] - row["probability_full"]) <= 4 * row["standard_error"]


def test_basis_changes_no_figure(plans):
    plan, basis = plans("bac-giang-2024")
    settings = settings_from_scenario(plan.scenario("high"))
    with_basis = explore(plan, settings, basis=basis)
    without = explore(plan, settings)
    pd.testing.assert_frame_equal(with_basis.projection, without.projection)
    pd.testing.assert_frame_equal(with_basis.outlook.table, without.outlook.table)


def test_basis_of_another_plan_is_refused(plans):
    plan, _ = plans("bac-giang-2024")
    _, other = plans("bac-giang-2025")
    with pytest.raises(ValueError, match="basis"):
        explore(plan, settings_from_scenario(plan.scenario("target")), basis=other)


# --- slider settings and scenario files give the same numbers -----------------------------


def test_settings_set_by_hand_are_the_target_file(plans):
    """target.yaml's values typed into the controls: growth 14.5, deflator 2.89, population
    1.68, 23,934 VND per USD up 1.7 %, weights 21 / 25 / 26.5 / 27.5."""
    plan, basis = plans("bac-giang-2024")
    by_hand = ExplorerSettings(
        population_growth=1.68,
        exchange_rate=23934.0,
        depreciation=1.7,
        quarterly_weights=(21.0, 25.0, 26.5, 27.5),
        growth=14.5,
        deflator=2.89,
    )
    from_file = explore(plan, settings_from_scenario(plan.scenario("target")), basis=basis)
    x = explore(plan, by_hand, basis=basis)
    pd.testing.assert_frame_equal(x.projection, from_file.projection)
    pd.testing.assert_frame_equal(x.outlook.table, from_file.outlook.table)
    # 3,950 x 1.145 x 1.0289 / (1.0168 x 1.017) = 4,500.07 USD; 181.9 x 1.145 x 1.0289 = 214.295
    assert x.per_capita_usd == pytest.approx(4500.07, abs=0.01)
    assert x.grdp_current_prices == pytest.approx(214.295, abs=1e-3)
    # the reconciling deflator is the file's: (4500 / 3950) x 1.0168 x 1.017 / 1.145 - 1
    assert x.target_deflator == pytest.approx(0.02888, abs=1e-5)


def test_growth_moved_to_15_5_by_hand(plans):
    plan, basis = plans("bac-giang-2024")
    start = settings_from_scenario(plan.scenario("target"))
    x = explore(plan, with_growth(start, 15.5), basis=basis)
    # 3,950 x 1.155 x 1.0289 / 1.034086 = 4,539.37 USD; 181.9 x 1.155 x 1.0289 = 216.167 tn VND
    assert x.per_capita_usd == pytest.approx(4539.37, abs=0.01)
    assert x.grdp_current_prices == pytest.approx(216.1665, abs=1e-3)
    assert x.growth == pytest.approx(0.155)
    before = explore(plan, start, basis=basis)
    assert (
        x.probabilities.loc["growth", "probability"]
        > before.probabilities.loc["growth", "probability"]
    )


def test_sector_switch_keeps_the_aggregate(plans):
    plan, basis = plans("bac-giang-2024")
    start = settings_from_scenario(plan.scenario("target"))
    central = basis.central_sector_growth(start)
    by_sectors = growth_by_sectors(start, central)
    x = explore(plan, by_sectors, basis=basis)
    assert x.growth == pytest.approx(0.145, abs=1e-4)  # central growth adds up (two decimals)
    assert x.structure.by_scenario
    back = growth_by_aggregate(by_sectors, basis.bases.weights)
    assert back.growth == pytest.approx(14.5, abs=0.01)


def test_published_quarter_gives_the_remaining_growth(plans):
    plan, basis = plans("bac-giang-2024")
    start = settings_from_scenario(plan.scenario("target"))
    x = explore(plan, with_ytd(start, {"Q1": 8.0, "6M": None}), basis=basis)
    # rest of the year: (14.5 - 0.21 x 8.0) / (1 - 0.21) = 12.82 / 0.79 = 16.2278 %
    assert x.quarters_known == 1
    assert x.remaining_growth == pytest.approx(0.162278, abs=1e-6)


def test_fan_is_ordered_quantiles(plans):
    plan, basis = plans("bac-giang-2024")
    x = explore(plan, settings_from_scenario(plan.scenario("target")), basis=basis)
    assert list(x.fan.columns) == list(FAN_LEVELS)
    assert (x.fan.diff(axis=1).iloc[:, 1:] >= 0).all().all()


# --- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"growth": 250.0}, "growth.aggregate"),
        ({"population_growth": float("nan")}, "population_growth"),
        ({"exchange_rate": -1.0}, "exchange_rate.base"),
        ({"quarterly_weights": (21.0, 25.0, 26.5, 30.0)}, "quarterly_weights"),
    ],
)
def test_settings_the_scenario_model_refuses(plans, change, field):
    plan, basis = plans("bac-giang-2024")
    settings = replace(settings_from_scenario(plan.scenario("target")), **change)
    with pytest.raises((InputError, InputErrors)) as caught:
        explore(plan, settings, basis=basis)
    assert field in str(caught.value)


def test_slider_range_holds_the_start_and_the_plausible_range(plans):
    _, basis = plans("bac-giang-2024")
    low, high = slider_range(basis, "growth", 14.5)
    assert low < 14.5 < high
    assert slider_range(basis, "growth", 99.0)[1] == 99.0
