"""Scenarios and actual results set against the published record (analysis.outlook.plausibility),
the check that refuses them or lets them through (analysis.run.check), and the note a report and
the index carry (analysis.report.plausibility_note, analysis.run.index_page).

The ranges are worked by hand in tests/test_plausibility.py and tests/test_published_record.py;
here each slip of the brief is a hand-made figure with the message it must produce.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.data.plans import load_plan
from analysis.data.scenarios import Scenario
from analysis.errors import InputErrors
from analysis.outlook.plausibility import Implausible, implausible_figures, plan_implausible
from analysis.report.plausibility_note import index_note, note_items, plausibility_note
from analysis.run.check import check_all, inspect_plan

ROOT = Path(__file__).resolve().parents[1]
PLAN = "bac-giang-2024"


@pytest.fixture(scope="module")
def plan():
    return load_plan(PLAN)


def _scenario(plan, **changes) -> Scenario:
    """The target scenario with some figures changed (percent, as in a file)."""
    sc = plan.scenario("target")
    update = {}
    if "aggregate" in changes:
        update["growth"] = sc.growth.model_copy(update={"aggregate": changes["aggregate"]})
    if "deflator" in changes:
        update["prices"] = sc.prices.model_copy(update={"deflator": changes["deflator"]})
    if "depreciation" in changes:
        rate = sc.exchange_rate.model_copy(update={"depreciation": changes["depreciation"]})
        update["exchange_rate"] = rate
    if "population_growth" in changes:
        update["population_growth"] = changes["population_growth"]
    out = sc.model_copy(update=update)
    out._path = sc.path
    return out


def _actuals(*rows: tuple[str, str, float, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"indicator_id": i, "period": p, "value": v, "unit": u, "file": "a.csv", "line": n + 2}
            for n, (i, p, v, u) in enumerate(rows)
        ]
    )


# --- what is plausible passes ---------------------------------------------------------------


def test_the_shipped_scenarios_and_outturn_are_plausible(plan):
    assert plan_implausible(plan, plan.scenarios, plan.actuals) == []


def test_in_year_amount_may_be_small_but_not_five_times_the_target(plan):
    # budget_revenue accumulates, target 16,000 billion VND: 100 after Q1 is a slow start (the
    # range of a year-to-date amount starts at 0); 90,000 after 6 months is 5.6 times the
    # target, above 5 x 16,000 = 80,000.
    found = plan_implausible(
        plan,
        actuals=_actuals(
            ("budget_revenue", "2024-Q1", 100.0, "billion VND"),
            ("budget_revenue", "2024-6M", 90000.0, "billion VND"),
            ("administrative_merger", "2024", 1.0, "done"),
        ),
    )
    assert [(f.line, f.ratio) for f in found] == [(3, pytest.approx(5.625))]
    assert "0 billion VND to 5 times the target 16,000 billion VND" in found[0].basis


# --- each slip, its message -----------------------------------------------------------------


def test_growth_written_as_a_fraction(plan):
    [found] = plan_implausible(plan, [_scenario(plan, aggregate=0.152)])
    assert (found.field, found.value, found.record) == ("growth.aggregate", 0.152, "growth")
    assert found.intended == pytest.approx(15.2)
    assert found.scenario == "target"
    assert found.rule() == (
        "implausible real growth: 0.152 %; outside the plausible range 0.8..26.32 % "
        "(the province's real GRDP growth 2016-2023 (8 figures, 7.82..19.3 %), widened by "
        "7.02 points each side, the larger of 2 standard deviations of the record (7.02 points) "
        "and 5 points); did you mean 15.2 %? (a slip of a factor of 100, a fraction written for "
        "a percent); if the figure is right, run with --allow-implausible"
    )
    assert str(found.error()).startswith(f"{plan.scenario('target').path}: growth.aggregate: ")


@pytest.mark.parametrize(
    ("changes", "field", "intended", "words"),
    [
        ({"deflator": 31.0}, "prices.deflator", 3.1, "implausible deflator change: 31 %"),
        (
            {"depreciation": 40.0},
            "exchange_rate.depreciation",
            4.0,
            "implausible depreciation (change in VND per USD): 40 %",
        ),
        (
            {"population_growth": 0.0168},
            "population_growth",
            1.68,
            "implausible population growth: 0.0168 %",
        ),
    ],
)
def test_other_scenario_slips(plan, changes, field, intended, words):
    [found] = plan_implausible(plan, [_scenario(plan, **changes)])
    assert found.field == field
    assert found.intended == pytest.approx(intended)
    assert found.rule().startswith(words)


def test_a_figure_wrong_beyond_any_slip_has_no_suggestion(plan):
    # Growth -40 %: times or divided by 10, 100 or 1000 it stays negative, below 0.8 %.
    [found] = plan_implausible(plan, [_scenario(plan, aggregate=-40.0)])
    assert found.intended is None
    assert "did you mean" not in found.rule()


def test_actual_slips_show_the_ratio_and_the_factor(plan):
    found = plan_implausible(
        plan,
        actuals=_actuals(
            ("grdp_per_capita_usd", "2024", 44000.0, "USD"),
            ("share_industry_construction", "2024", 0.68, "%"),
            ("budget_revenue", "2024", 1_600_000.0, "billion VND"),
            ("grdp_growth", "2024", 0.1385, "% growth"),
        ),
    )
    rules = [f.finding() for f in found]
    # 44,000 / 3,950 = 11.139 -> 11.1 times; 4,400 is 1.11 times.
    assert rules[0] == (
        "implausible 'grdp_per_capita_usd' (2024): 44,000 USD, 11.1 times the baseline 3,950 "
        "USD; outside the plausible range 790..19,750 USD (1/5 to 5 times the baseline 3,950 "
        "USD (2023)); did you mean 4,400 USD? (a slip of a factor of 10)"
    )
    # 0.68 / 65.7 = 0.01035 -> 0.0104 times; 13.14 = 65.7 / 5; at most 100 %.
    assert rules[1].startswith(
        "implausible 'share_industry_construction' (2024): 0.68 %, 0.0104 times the baseline "
        "65.7 %; outside the plausible range 13.14..100 %"
    )
    assert rules[1].endswith(
        "did you mean 68 %? (a slip of a factor of 100, a fraction written for a percent)"
    )
    # 1,600,000 / 16,000 = 100 (budget revenue has no baseline: the target is the reference)
    assert "1,600,000 billion VND, 100 times the target 16,000 billion VND" in rules[2]
    assert rules[2].endswith("did you mean 16,000 billion VND? (a slip of a factor of 100)")
    assert rules[3].startswith("implausible 'grdp_growth' (2024): 0.1385 %; outside the")
    assert found[3].intended == pytest.approx(13.85)
    assert [f.line for f in found] == [2, 3, 4, 5]
    assert [f.field for f in found] == [f"line {n}, column 'value'" for n in (2, 3, 4, 5)]


def test_a_range_target_is_judged_against_its_middle(plan):
    # new_party_members_rate: 3-4 %, middle 3.5; 35 % is 10 times it.
    rate = _actuals(("new_party_members_rate", "2024", 35.0, "%"))
    [found] = plan_implausible(plan, actuals=rate)
    assert (found.record, found.reference, found.ratio) == ("target", 3.5, pytest.approx(10.0))
    assert found.intended == pytest.approx(3.5)


def test_each_scenario_file_is_checked_once(plan):
    bad = _scenario(plan, aggregate=0.152)
    found = implausible_figures(plan.series, plan.base_year, scenarios=[bad, bad])
    assert len(found) == 1


# --- the check and its override -------------------------------------------------------------


def _copy_with(tmp_path: Path, scenario_text: str, actuals_text: str | None = None) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    shutil.copytree(ROOT / "scenarios", root / "scenarios")
    (root / "scenarios" / PLAN / "target.yaml").write_text(scenario_text, encoding="utf-8")
    if actuals_text is not None:
        folder = root / "data" / "raw" / "plans" / PLAN / "actuals"
        (folder / "actuals_extra.csv").write_text(actuals_text, encoding="utf-8")
    return root


def _target_text(**replace: str) -> str:
    text = (ROOT / "scenarios" / PLAN / "target.yaml").read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


PER_HEAD = (
    "indicator_id,period,value,unit,kind,as_of,source\n"
    "grdp_per_capita_usd,2024-9M,44000,USD,estimate,2024-10-01,test\n"
)


def test_check_refuses_every_implausible_figure_at_once(tmp_path):
    root = _copy_with(tmp_path, _target_text(**{"aggregate: 14.5": "aggregate: 0.152"}), PER_HEAD)
    with pytest.raises(InputErrors) as caught:
        check_all(PLAN, write=False, root=root)
    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert "target.yaml: growth.aggregate: implausible real growth: 0.152 %" in lines[0]
    per_head = "actuals_extra.csv: line 2, column 'value': implausible 'grdp_per_capita_usd'"
    assert per_head in lines[1]


def test_the_override_lets_them_through_and_lists_them(tmp_path):
    root = _copy_with(tmp_path, _target_text(**{"aggregate: 14.5": "aggregate: 0.152"}), PER_HEAD)
    checked = inspect_plan(PLAN, root=root, allow_implausible=True)
    assert [(f.field, f.value) for f in checked.implausible] == [
        ("growth.aggregate", 0.152),
        ("line 2, column 'value'", 44000.0),
    ]
    let_through = [line for line in checked.lines if line.startswith("let through")]
    assert len(let_through) == 2
    assert let_through[0].startswith("let through by --allow-implausible: ")
    assert "did you mean 15.2 %?" in let_through[0]
    assert "if the figure is right" not in let_through[0]
    assert not (root / "data" / "processed").exists()


def test_a_plausible_pack_lets_nothing_through(tmp_path):
    root = _copy_with(tmp_path, _target_text())
    assert inspect_plan(PLAN, root=root, allow_implausible=True).implausible == []


# --- the note -------------------------------------------------------------------------------


def _found(plan) -> list[Implausible]:
    return plan_implausible(
        plan,
        [_scenario(plan, aggregate=0.152)],
        _actuals(("grdp_per_capita_usd", "2024-6M", 44000.0, "USD")),
    )


def test_note_items_in_vietnamese_are_all_vietnamese(plan):
    vi = note_items(_found(plan), "vi")
    assert vi == [
        "scenarios/bac-giang-2024/target.yaml, mục growth.aggregate: 0,152 %; khoảng hợp lý "
        "từ 0,8 đến 26,32 % (tăng trưởng GRDP thực tế của tỉnh đã công bố); có lẽ định ghi "
        "15,2 %.",
        "a.csv, dòng 2, grdp_per_capita_usd (6 tháng 2024): 44.000 USD; khoảng hợp lý từ 790 "
        "đến 19.750 USD (gấp 11,1 lần số năm cơ sở 3.950 USD); có lẽ định ghi 4.400 USD.",
    ]


def test_note_items_in_english_carry_the_basis(plan):
    en = note_items(_found(plan), "en")
    assert en[0].startswith(
        "scenarios/bac-giang-2024/target.yaml, field growth.aggregate: 0.152 %; plausible range "
        "0.8 to 26.32 % (the province's real GRDP growth 2016-2023 (8 figures"
    )
    assert en[0].endswith("probably meant 15.2 %.")
    assert en[1] == (
        "a.csv, line 2, grdp_per_capita_usd (2024, 6 months): 44,000 USD; plausible range 790 "
        "to 19,750 USD (11.1 times the baseline 3,950 USD); probably meant 4,400 USD."
    )


def test_the_note_is_markdown_with_every_file_string_escaped(plan):
    note = plausibility_note(_found(plan), "en")
    assert note.startswith("> **Note: figures outside their plausible range.** This report uses")
    assert "`--allow-implausible`" in note
    assert "> - scenarios/bac-giang-2024/target.yaml, field growth.aggregate: 0.152 %" in note
    assert "grdp\\_per\\_capita\\_usd" in note  # Markdown's _ escaped
    assert plausibility_note([], "vi") == ""


def test_the_index_note_reads_the_manifest_records(plan):
    records = [f.as_record() for f in _found(plan)]
    note = index_note(records, "vi")
    assert note is not None
    assert note["heading"] == "Lưu ý: số liệu ngoài khoảng hợp lý"
    assert note["items"] == note_items(_found(plan), "vi")
    assert index_note([], "vi") is None


# --- a run with the override, end to end ----------------------------------------------------


@pytest.mark.notebook
def test_a_run_with_the_override_records_and_shows_what_it_let_through(tmp_path):
    from project_copies import make_copy, reports_of, run_cli

    root = make_copy(
        tmp_path, notebooks=["01_grdp_trajectory.ipynb", "06_scorecard.ipynb"], scenarios=["target"]
    )
    target = root / "scenarios" / PLAN / "target.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("aggregate: 14.5", "aggregate: 0.152"),
        encoding="utf-8",
    )
    (root / "data" / "raw" / "plans" / PLAN / "actuals" / "actuals_extra.csv").write_text(
        PER_HEAD, encoding="utf-8"
    )

    refused = run_cli(root, "run", "--jobs", "2", timeout=600)
    assert refused.returncode == 2, refused.stderr
    assert "did you mean 15.2 %?" in refused.stderr
    assert not reports_of(root).exists()

    done = run_cli(root, "run", "--jobs", "2", "--allow-implausible", timeout=600)
    assert done.returncode == 0, done.stderr
    assert "warning: let through by --allow-implausible: " in done.stderr
    published = reports_of(root) / "latest"

    manifest = json.loads((published / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["allow_implausible"] is True
    plausibility = manifest["plausibility"]
    assert plausibility["allow_implausible"] is True
    let_through = plausibility["let_through"]
    assert [(r["field"], r["value"], r["scenario"], r["indicator"]) for r in let_through] == [
        ("growth.aggregate", 0.152, "target", None),
        ("line 2, column 'value'", 44000.0, None, "grdp_per_capita_usd"),
    ]
    assert let_through[0]["file"].endswith("scenarios/bac-giang-2024/target.yaml")
    assert let_through[0]["intended"] == pytest.approx(15.2)
    assert (let_through[0]["low"], let_through[0]["high"]) == pytest.approx(
        (0.797128, 26.322872), abs=1e-6
    )

    heading = "Lưu ý: số liệu ngoài khoảng hợp lý"
    trajectory = (published / "target" / "01_grdp_trajectory.html").read_text(encoding="utf-8")
    assert heading in trajectory
    assert "growth.aggregate: 0,152 %" in trajectory and "có lẽ định ghi 15,2 %" in trajectory
    scorecard = (published / "06_scorecard.html").read_text(encoding="utf-8")
    assert heading in scorecard
    assert "44.000 USD" in scorecard and "có lẽ định ghi 4.400 USD" in scorecard
    assert "growth.aggregate" not in scorecard  # the scorecard reads actual results only
    index = (published / "index.html").read_text(encoding="utf-8")
    assert heading in index and "0,152 %" in index and "44.000 USD" in index
