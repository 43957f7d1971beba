"""Save as scenario: the explorer's settings written as a scenario file, or refused.

Each test works on a copy of the project (``project_copies.make_copy``). A saved file reads
back as the same settings and the same figures, carries the comments a hand-written file has,
and passes ``make check`` (``python -m analysis check``); ``make report`` on it
(``python -m analysis run``, notebook-marked) publishes the numbers the explorer showed.
A refusal names the field, shows the rule next to its control and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from project_copies import PLAN, make_copy, reports_of, run_cli, tree_state

from analysis.data.plans import load_plan
from analysis.data.scenarios import load_scenario
from analysis.errors import InputError, InputErrors
from analysis.outlook.explorer import explore
from analysis.outlook.explorer_settings import settings_from_scenario, with_growth
from analysis.outlook.scenario_saving import save_settings
from analysis.report.explorer_widgets import Explorer

N_DRAWS = 4_000
NAME = "growth-15-5"


def cell(html: str, row: str, column: int = 1) -> str:
    found = re.search(
        rf'<tr data-row="{re.escape(row)}">.*?<td data-column="{column}">(.*?)</td>', html, re.S
    )
    assert found, f"no row {row!r}"
    return found.group(1)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_copy(tmp_path)


@pytest.fixture
def page(root: Path) -> Explorer:
    return Explorer(PLAN, "target", n_draws=N_DRAWS, root=root)


def scenarios_state(root: Path) -> dict[str, str]:
    return tree_state(root / "scenarios")


def save_as(page: Explorer, name: str, *, overwrite: bool = False) -> Path | None:
    page.controls["name"].value = name
    page.controls["overwrite"].value = overwrite
    return page.save()


def test_save_writes_a_scenario_that_reads_back_the_same(page, root):
    page.controls["growth"].value = 15.5
    page.controls["label"].value = "Tăng trưởng 15,5 %"
    shown = page.exploration
    path = page.save()
    assert path is None  # no name yet: refused
    path = save_as(page, NAME)
    assert path == root / "scenarios" / PLAN / f"{NAME}.yaml"
    assert "Đã lưu" in page.controls.saved.value
    saved = load_scenario(path)
    assert saved.name == NAME and saved.label.vi == "Tăng trưởng 15,5 %"
    assert settings_from_scenario(saved) == page.settings
    plan = load_plan(PLAN, root)
    again = explore(plan, settings_from_scenario(plan.scenario(NAME)), n_draws=N_DRAWS)
    pd.testing.assert_frame_equal(again.projection, shown.projection)
    pd.testing.assert_frame_equal(again.outlook.table, shown.outlook.table)
    # the saved scenario is offered as a starting point at once
    assert NAME in [value for _, value in page.controls["start"].options]


def test_saved_file_has_a_hand_written_files_comments(page):
    page.controls["growth"].value = 15.5
    text = save_as(page, NAME).read_text(encoding="utf-8")
    assert text.startswith("# ")
    text = re.sub(r"\n *# ", " ", text)  # comments wrapped over lines, read as one
    assert "starting from scenario 'target'" in text
    assert "set in the explorer (scenario 'target': 14.5)" in text  # growth moved
    assert "as in scenario 'target'" in text  # the rest kept
    # the deflator's arithmetic written out as in target.yaml (methodology section 3)
    assert "pi* = (y*/y0)(1+n)(1+e)/(1+g) - 1" in text
    assert "(4,500 / 3,950) x 1.0168 x 1.0170 / 1.1550 - 1" in text


def test_make_check_accepts_the_saved_scenario(page, root):
    page.controls["growth"].value = 15.5
    page.controls["deflator"].value = 3.2
    save_as(page, NAME)
    done = run_cli(root, "check", "--plan", PLAN)
    assert done.returncode == 0, done.stderr
    assert NAME in done.stdout + done.stderr


def test_growth_and_prices_by_sector_and_published_quarters_are_saved(page, root):
    page.controls["growth_mode"].value = "sectors"
    industry = page.controls["sector:industry_construction"]
    industry.value = industry.value + 1.0
    page.controls["price_mode"].value = "sectors"
    page.controls["ytd:Q1"].value = "8,9"
    shown = page.exploration
    path = save_as(page, NAME)
    assert path is not None, page.controls.rules
    saved = load_scenario(path)
    assert len(saved.growth.sectors.given()) == 4 and saved.growth.aggregate is None
    assert len(saved.prices.sectors.given()) == 4 and saved.prices.deflator is None
    assert saved.ytd_actuals.given() == [8.9]
    assert settings_from_scenario(saved) == page.settings
    plan = load_plan(PLAN, root)
    again = explore(plan, settings_from_scenario(plan.scenario(NAME)), n_draws=N_DRAWS)
    pd.testing.assert_frame_equal(again.projection, shown.projection)
    assert again.remaining_growth == shown.remaining_growth
    done = run_cli(root, "check", "--plan", PLAN)
    assert done.returncode == 0, done.stderr


def test_an_existing_name_is_refused_without_overwrite(page, root):
    before = scenarios_state(root)
    page.controls["growth"].value = 15.5
    assert save_as(page, "target") is None
    assert "Ghi đè nếu đã có" in page.controls.rules["name"].value  # the box to tick
    assert scenarios_state(root) == before
    path = save_as(page, "target", overwrite=True)
    assert load_scenario(path).growth.aggregate == 15.5
    assert page.controls.rules["name"].value == ""


@pytest.mark.parametrize("name", ["Growth 15.5", "tăng-trưởng", "../target", ""])
def test_an_invalid_name_is_refused(page, root, name):
    before = scenarios_state(root)
    assert save_as(page, name) is None
    assert "[a-z0-9_-]+" in page.controls.rules["name"].value
    assert page.controls.saved.value == ""
    assert scenarios_state(root) == before


def test_an_invalid_value_is_refused_next_to_its_control(page, root):
    before = scenarios_state(root)
    page.change(replace(page.settings, growth=250.0))  # refused on the page already
    assert save_as(page, NAME) is None
    assert page.controls.rules["growth"].value
    assert scenarios_state(root) == before


def test_an_implausible_value_is_refused_as_make_check_refuses_it(root):
    plan = load_plan(PLAN, root)
    before = scenarios_state(root)
    settings = with_growth(settings_from_scenario(plan.scenario("target")), 45.0)
    with pytest.raises((InputError, InputErrors)) as caught:
        save_settings(plan, settings, NAME)
    assert "growth" in str(caught.value)
    assert scenarios_state(root) == before


def test_save_settings_writes_todays_date(root):
    plan = load_plan(PLAN, root)
    settings = settings_from_scenario(plan.scenario("high"))
    path = save_settings(plan, settings, NAME, today=dt.date(2000, 1, 2))
    assert "on 2000-01-02" in path.read_text(encoding="utf-8").splitlines()[0]


def _results_value(table: pd.DataFrame, variable: str, period: str) -> float:
    rows = table[(table["variable"] == variable) & (table["period"] == period)]
    assert len(rows) == 1, (variable, period)
    return float(rows["value"].iloc[0])


@pytest.mark.notebook
def test_make_report_on_the_saved_scenario_shows_the_explorers_numbers(tmp_path):
    root = make_copy(tmp_path, notebooks=["01_grdp_trajectory.ipynb"], scenarios=["target"])
    page = Explorer(PLAN, "target", root=root)  # the explorer's own draw
    page.controls["growth"].value = 15.5
    shown = page.exploration
    figures = page.panels["figures"].value
    assert save_as(page, NAME) is not None
    assert run_cli(root, "check", "--plan", PLAN).returncode == 0
    done = run_cli(root, "run", NAME, "--plan", PLAN, "--notebooks", "01", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    latest = reports_of(root) / "latest" / NAME
    results = pd.read_csv(latest / "results.csv")
    year = str(shown.plan_year)
    for variable in ("grdp_growth", "grdp_current_prices", "grdp_usd", "grdp_per_capita_usd"):
        assert _results_value(results, variable, year) == pytest.approx(
            shown.value(variable), abs=5e-7
        )
    # the report's 200,000 draws and the explorer's smaller one agree within its errors
    for event, variable in (
        ("growth", "probability_grdp_growth_target"),
        ("per_capita", "probability_grdp_per_capita_target"),
        ("joint", "probability_all_macro_targets"),
    ):
        p, se = shown.probabilities.loc[event]
        assert abs(_results_value(results, variable, year) / 100 - p) <= 4 * se
    # report 01 prints the per-head figure and GRDP as the explorer showed them
    html = (latest / "01_grdp_trajectory.html").read_text(encoding="utf-8")
    per_head = cell(figures, "per_capita")  # "4.539 USD"
    assert f"{per_head.split()[0]} USD" in html
    grdp = cell(figures, "grdp_current_prices").split()[0]  # "216,2"
    assert grdp in html
