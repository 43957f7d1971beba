"""Tidy long results of a scenario: ``scenario, variable, unit, period, value``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.data.plans import load_plan
from analysis.data.scenarios import load_scenario
from analysis.outlook.results import RESULT_COLUMNS, check_results, plan_results, scenario_results

ROOT = Path(__file__).resolve().parents[1]


def value(table: pd.DataFrame, variable: str, period: str) -> float:
    rows = table[(table["variable"] == variable) & (table["period"] == period)]
    assert len(rows) == 1, (variable, period)
    return float(rows["value"].iloc[0])


@pytest.fixture(scope="module")
def target_results() -> pd.DataFrame:
    return scenario_results(
        load_scenario(ROOT / "scenarios" / "bac-giang-2024" / "target.yaml"), base_year=2023
    )


def test_columns_and_one_row_per_figure(target_results):
    assert tuple(target_results.columns) == RESULT_COLUMNS
    assert (target_results["scenario"] == "target").all()
    assert not target_results.duplicated(["variable", "period"]).any()


def test_target_reaches_4500_usd_per_head(target_results):
    # 3,950 x 1.145 x 1.0289 = 4,653.46; 1.0168 x 1.017 = 1.034086; 4,653.46 / 1.034086 = 4,500.07
    assert value(target_results, "grdp_per_capita_usd", "2024") == pytest.approx(4500.07, abs=0.01)
    assert value(target_results, "grdp_growth", "2024") == pytest.approx(14.5)
    # 181.9 x 1.145 = 208.2755; x 1.0289 = 214.295 trillion VND
    assert value(target_results, "grdp_current_prices", "2024") == pytest.approx(214.295, abs=1e-3)


def test_quarterly_path_is_in_the_table(target_results):
    # every quarter at 14.5 %: the year-to-date figures are 14.5 % too
    for period in ("2024-Q1", "2024-6M", "2024-9M", "2024-FY"):
        assert value(target_results, "grdp_growth_ytd", period) == pytest.approx(14.5)


def test_published_ytd_adds_the_required_path(tmp_path):
    data = yaml.safe_load(
        (ROOT / "scenarios" / "bac-giang-2024" / "target.yaml").read_text(encoding="utf-8")
    )
    data["ytd_actuals"] = {"Q1": 8.0}
    path = tmp_path / "target.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    table = scenario_results(load_scenario(path), base_year=2023)
    assert value(table, "grdp_growth_ytd_published", "2024-Q1") == pytest.approx(8.0)
    # rest of the year: (14.5 - 0.21 x 8.0) / (1 - 0.21) = 12.82 / 0.79 = 16.2278 %
    assert value(table, "grdp_growth_quarter_required", "2024-Q2") == pytest.approx(16.2278, 1e-4)
    assert not table.duplicated(["variable", "period"]).any()


def test_check_results_refuses_a_bad_table():
    good = pd.DataFrame(
        {"scenario": ["a"], "variable": ["x"], "unit": ["%"], "period": ["2024"], "value": [1.0]}
    )
    assert check_results(good, "a").equals(good)
    with pytest.raises(ValueError, match="missing"):
        check_results(good.drop(columns="unit"), "a")
    with pytest.raises(ValueError, match="finite"):
        check_results(good.assign(value=[float("inf")]), "a")
    with pytest.raises(ValueError, match="scenario must be 'b'"):
        check_results(good, "b")


def test_scenario_results_refuses_a_non_scenario():
    with pytest.raises(ValueError, match="scenario: must be a Scenario"):
        scenario_results({"name": "target"}, base_year=2023)


def test_the_plans_own_targets_are_scored():
    # A pack's targets reach the Monte Carlo: a 15 % growth target with the same scenario
    # (mode 14.5 %) is met less often than 14.5 %; without share targets no structure row.
    from analysis.data.tables import load_targets

    sc = load_scenario(ROOT / "scenarios" / "bac-giang-2024" / "target.yaml")
    targets = load_targets()
    higher = targets.assign(
        target=targets["target"].where(targets["indicator_id"] != "grdp_growth", 15.0)
    )
    growth_only = higher[~higher["indicator_id"].str.startswith("share_")]
    kwargs = {"base_year": 2023, "seed": 5, "n_draws": 20_000}
    own = scenario_results(sc, targets=targets, **kwargs)
    other = scenario_results(sc, targets=growth_only, **kwargs)
    p_own = value(own, "probability_grdp_growth_target", "2024")
    p_other = value(other, "probability_grdp_growth_target", "2024")
    assert p_other < p_own
    assert "probability_structure_target" in set(own["variable"])
    assert "probability_structure_target" not in set(other["variable"])


def test_plan_results_reads_the_plans_tables_and_seed():
    # The 2024 pack's target scenario: 181.9 trillion VND (2023) x 1.145 real x (1 + the
    # scenario's deflator) at current prices; by hand with the deflator read from the file.
    plan = load_plan("bac-giang-2024")
    target = next(s for s in plan.scenarios if s.name == "target")
    table = plan_results(plan, target)
    year = table[(table["period"] == "2024")].set_index("variable")["value"]
    deflator = target.prices.deflator / 100
    assert year["grdp_current_prices"] == pytest.approx(181.9 * 1.145 * (1 + deflator), rel=1e-9)
    assert year["grdp_growth"] == pytest.approx(14.5, abs=1e-9)
    # The plan's own seed unless another is given: the Monte Carlo columns move with it.
    other = plan_results(plan, target, seed=plan.seed + 1)
    assert table.equals(plan_results(plan, target, seed=plan.seed))
    assert not table.equals(other)
