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
    assert {"population_base", "exchange_rate_base", "population_growth", "depreciation"} <= ids


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
    assert sorted(plan_ids(copy)) == [PLAN, "my-copy"]
