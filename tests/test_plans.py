"""Plan packs: one resolution as data (data/raw/plans/<plan-id>/), validated like a scenario.

The expected values are the 2024 resolution's own (plan year 2024, base year 2023, 47 figures in
15 groups, the four scenarios of scenarios/bac-giang-2024/), typed here from the documents.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from analysis import load_plan
from analysis.data import paths
from analysis.data.plan_spec import check_plan_id, default_plan_id, plan_ids, read_plan_spec
from analysis.data.plans import plan_summaries
from analysis.data.tables import load_targets
from analysis.errors import InputError, InputErrors

ROOT = Path(__file__).resolve().parents[1]
PLAN = "bac-giang-2024"


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    """A copy of the project's data and scenarios."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    shutil.copytree(ROOT / "scenarios", root / "scenarios")
    return root


def _plan_yaml(root: Path, plan_id: str = PLAN) -> Path:
    return root / "data" / "raw" / "plans" / plan_id / "plan.yaml"


def _edit(root: Path, **changes) -> Path:
    path = _plan_yaml(root)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


# --- the default pack --------------------------------------------------------------------


def test_the_default_plan_is_the_2024_resolution():
    plan = load_plan()
    assert plan.id == PLAN == default_plan_id()
    assert (plan.plan_year, plan.base_year) == (2024, 2023)
    assert plan.periods == ("2024-Q1", "2024-6M", "2024-9M", "2024")
    assert plan.in_year_periods == ("2024-Q1", "2024-6M", "2024-9M")
    assert plan.final_period == "2024"
    assert len(plan.targets) == 47
    assert list(plan.target_groups["group"]) == list(range(1, 16))
    assert plan.default_scenario == "target"
    assert [s.name for s in plan.scenarios] == ["continuation", "high", "low", "target"]
    assert plan.scenario().name == "target"
    assert plan.title("vi").endswith("nhiệm vụ lãnh đạo năm 2024")
    assert plan.province("en") == "Bắc Giang"
    assert plan.seed == 2024


def test_columns_name_no_year():
    targets = load_plan().targets
    assert "baseline" in targets.columns
    assert not [c for c in targets.columns if any(y in c for y in ("2023", "2024"))]
    assert targets.set_index("indicator_id").loc["grdp_growth", "baseline"] == 13.45
    ids = set(load_plan().assumptions["assumption_id"])
    assert {"population_growth", "depreciation"} <= ids
    # derived from the baselines (GRDP in VND and USD, per head), never assumed beside them
    assert not {"population_base", "exchange_rate_base"} & ids


@pytest.mark.parametrize("plan_id", ["bac-giang-2024", "bac-giang-2025"])
def test_every_assumption_row_is_read_by_the_package(plan_id):
    """A row of assumptions.csv that no code reads is a figure the reports seem to rest on but
    do not: each id is named in the package, or is one of its families (quarterly weights of
    the base year or of a named year, the base year's shares, named outlier years)."""
    import re

    from analysis.outlook.quarter_weights import plan_weight_ids
    from analysis.outlook.record import BASE_SHARE_PREFIX, OUTLIER_PREFIX

    source = "\n".join(
        f.read_text(encoding="utf-8") for f in (Path(paths.ROOT) / "analysis").rglob("*.py")
    )
    families = re.compile(r"quarter_weight_\d{4}_q[1-4]")
    unread = [
        i
        for i in load_plan(plan_id).assumptions["assumption_id"]
        if f'"{i}"' not in source
        and i not in plan_weight_ids()
        and not families.fullmatch(i)
        and not i.startswith((BASE_SHARE_PREFIX, OUTLIER_PREFIX))
    ]
    assert unread == []


def test_loaders_take_the_plan_by_id_object_or_default():
    plan = load_plan(PLAN)
    by_id = load_targets(PLAN)
    by_object = load_targets(plan)
    default = load_targets()
    assert by_id.equals(by_object) and by_id.equals(default)


def test_plans_are_listed_with_year_and_title():
    rows = {row["id"]: row for row in plan_summaries()}
    assert PLAN in rows and PLAN in plan_ids()
    assert rows[PLAN]["plan_year"] == 2024 and rows[PLAN]["default"] is True
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "plans", "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"* {PLAN}" in proc.stdout
    assert "2023 -> 2024" in proc.stdout
    assert "Resolution of the Provincial Party Committee on the leadership tasks" in proc.stdout


# --- refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("../bac-giang-2024", "no path"),
        ("/etc", "no path"),
        ("Bac-Giang", "lower-case letters"),
        ("nosuch", "no plan pack 'nosuch' (packs: bac-giang-2024"),
    ],
)
def test_a_plan_argument_that_names_no_pack_is_refused(text, rule):
    with pytest.raises(InputError) as info:
        check_plan_id(text)
    assert info.value.where == "--plan"
    assert rule in info.value.rule


def test_unknown_key_is_refused_with_the_allowed_ones(copy):
    path = _edit(copy, colour="red")
    with pytest.raises(InputError) as info:
        read_plan_spec(PLAN, copy)
    assert info.value.file == str(path)
    assert info.value.where == "colour"
    assert info.value.rule.startswith("unknown key (allowed: id, province, title, plan_year")


def test_plan_year_not_after_the_base_year_is_refused(copy):
    _edit(copy, plan_year=2023, base_year=2023)
    with pytest.raises(InputError) as info:
        read_plan_spec(PLAN, copy)
    assert info.value.where == "base_year"
    assert "the plan year (2023) must be after the base year, got base year 2023" in str(info.value)


def test_base_year_must_be_the_year_before(copy):
    _edit(copy, plan_year=2025, base_year=2023)
    with pytest.raises(InputError, match="must be the year before the plan year \\(2024\\)"):
        read_plan_spec(PLAN, copy)


def test_id_must_be_the_folder_name(copy):
    _edit(copy, id="bac-giang-2025")
    with pytest.raises(InputError, match="must equal the pack's folder name"):
        read_plan_spec(PLAN, copy)


def test_wrong_types_are_refused_together(copy):
    _edit(copy, plan_year="2024", seed=-1)
    with pytest.raises(InputErrors) as info:
        read_plan_spec(PLAN, copy)
    where = {e.where for e in info.value.errors}
    assert {"plan_year", "seed"} <= where


def test_a_pack_without_plan_yaml_is_refused(copy):
    _plan_yaml(copy).unlink()
    with pytest.raises(InputError, match=r"a plan pack needs a plan\.yaml"):
        check_plan_id(PLAN, copy)


def test_a_missing_table_is_refused_with_its_file(copy):
    (copy / "data" / "raw" / "plans" / PLAN / "baselines.csv").unlink()
    with pytest.raises(InputErrors) as info:
        load_plan(PLAN, copy)
    assert any(str(e.file).endswith(f"{PLAN}/baselines.csv") for e in info.value.errors)
    assert any(e.rule == "does not exist" for e in info.value.errors)


def test_default_scenario_must_exist(copy):
    _edit(copy, default_scenario="plan")
    with pytest.raises(InputError) as info:
        load_plan(PLAN, copy)
    assert info.value.where == "default_scenario"
    assert "names no scenario file" in info.value.rule


def test_default_file_names_a_pack(copy):
    paths.default_plan_file(copy).write_text("default_plan: ../elsewhere\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        default_plan_id(copy)
    assert info.value.file.endswith("default.yaml")
    assert info.value.where == "default_plan"


# --- a copy of a pack under another id ----------------------------------------------------


def test_a_copied_pack_loads_with_the_same_tables(copy):
    plans = copy / "data" / "raw" / "plans"
    shutil.copytree(plans / PLAN, plans / "my-copy")
    shutil.copytree(copy / "scenarios" / PLAN, copy / "scenarios" / "my-copy")
    _edit_id = yaml.safe_load((plans / "my-copy" / "plan.yaml").read_text(encoding="utf-8"))
    _edit_id["id"] = "my-copy"
    (plans / "my-copy" / "plan.yaml").write_text(
        yaml.safe_dump(_edit_id, allow_unicode=True), encoding="utf-8"
    )
    original, copied = load_plan(PLAN, copy), load_plan("my-copy", copy)
    assert copied.id == "my-copy" and copied.plan_year == original.plan_year
    assert copied.targets.equals(original.targets)
    assert copied.baselines.equals(original.baselines)
    assert [s.name for s in copied.scenarios] == [s.name for s in original.scenarios]
    assert sorted(plan_ids(copy)) == [PLAN, "bac-giang-2025", "my-copy"]


# --- the 2025 pack: the plan as the sources state it ----------------------------------------


def test_the_2025_pack_holds_what_the_sources_state():
    plan = load_plan("bac-giang-2025")
    assert (plan.plan_year, plan.base_year) == (2025, 2024)
    assert plan.periods == ("2025-Q1", "2025-6M", "2025-9M", "2025")
    assert plan.spec.targets_complete is False
    targets = plan.targets.set_index("indicator_id")
    # ../shared/reference/plan_2025.csv: 13.6 %, 4,900 USD, 239,143 billion VND
    assert targets.loc["grdp_growth", "target"] == 13.6
    assert targets.loc["grdp_per_capita_usd", "target"] == 4900
    assert targets.loc["grdp_current_prices", "target"] == 239143
    assert "share_industry_construction" not in targets.index
    # baselines: the 2024 outturn, the later vintage where two differ (13.85 of 09/01/2025,
    # 207 trillion VND and 4,370 USD of 06/12/2024)
    base = plan.baselines.set_index("indicator_id")["value"]
    assert (base["grdp_growth"], base["grdp_current_prices"]) == (13.85, 207)
    assert (base["grdp_usd"], base["grdp_per_capita_usd"]) == (8.65, 4370)
    assert plan.actuals.empty  # no full-year 2025 figure for the former province
    assert [s.name for s in plan.scenarios] == ["plan", "sector-plan", "strive"]
    assert plan.default_scenario == "plan"


def test_the_2025_assumptions_are_derived_as_stated():
    from analysis.outlook.inputs import base_levels

    plan = load_plan("bac-giang-2025")
    a = plan.assumptions.set_index("assumption_id")["value"]
    levels = base_levels(plan.baselines)
    # 8.65e9 USD / 4,370 USD = 1,979,405.03 persons; 207e12 / 8.65e9 = 23,930.636 VND per USD
    assert levels.population == pytest.approx(1979405.03, abs=0.01)
    assert levels.exchange_rate == pytest.approx(23930.636, abs=1e-3)
    # 239,143 billion VND / 119.2 million VND per head = 2,006,233 persons: +1.36 %
    assert a["population_growth"] == pytest.approx(
        100 * (239143e9 / 119.2e6 / 1979405 - 1), abs=0.005
    )
    # 119.2 million VND / 4,900 USD = 24,327 VND per USD: +1.65 % on 23,931
    assert a["depreciation"] == pytest.approx(100 * (119.2e6 / 4900 / 23931 - 1), abs=0.005)


def test_the_2025_plan_scenario_reproduces_its_own_figures():
    from analysis.economics.projection import project_year
    from analysis.outlook.inputs import projection_inputs

    plan = load_plan("bac-giang-2025")
    sc = plan.scenario()
    # the quarterly scenario's annual figure: 0.21 x 13.0 + 0.25 x 12.7 + 0.265 x 14.1
    # + 0.275 x 14.3 = 13.574 %, within 0.05 point of the 13.6 % the plan states
    weights = [w / 100 for w in sc.quarterly_weights]
    annual = sum(w * g for w, g in zip(weights, sc.quarterly_growth, strict=True))
    assert annual == pytest.approx(13.574)
    inputs = projection_inputs(
        sc, plan.baselines, plan.series, base_year=plan.base_year, assumptions=plan.assumptions
    )
    table = project_year(inputs)
    assert set(table["period"]) == {"2024", "2025"}  # from the base year to the plan year
    year = table[table["period"] == "2025"].set_index("variable")["value"]
    # with its quarterly path the year grows 13.574 %: 207,000 x 1.13574 x 1.0170 = 239,095
    # billion VND (the plan states 239,143 with 13.6 %); per head
    # 4,370 x 1.13574 x 1.0170 / (1 + n) / (1 + e) with population and exchange rate carried
    # from 2024 as the scenario gives them: 4,899 USD (the plan: 4,900)
    assert year["grdp_growth"] == pytest.approx(13.574)
    assert year["grdp_current_prices"] == pytest.approx(207 * 1.13574 * 1.0170, rel=1e-9)
    assert year["grdp_current_prices"] == pytest.approx(239.143, abs=0.06)
    assert year["grdp_per_capita_usd"] == pytest.approx(4900, abs=2)
