"""Planning a run (analysis.run.jobs): the notebooks picked up and the arguments checked."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from analysis.data import paths
from analysis.data.plan_spec import read_plan_spec
from analysis.data.scenarios import load_scenario
from analysis.errors import InputError
from analysis.run.jobs import (
    Folders,
    Run,
    check_run_arguments,
    find_notebooks,
    is_once_per_run,
    plan_jobs,
)


@pytest.mark.parametrize(
    ("jobs", "lang", "timeout", "where"),
    [
        (0, "vi", 10, "--jobs"),
        (True, "vi", 10, "--jobs"),
        (1, "fr", 10, "--lang"),
        (1, "en", 0, "--timeout"),
    ],
)
def test_bad_arguments_refused(jobs, lang, timeout, where):
    with pytest.raises(InputError) as info:
        check_run_arguments(jobs, lang, timeout)
    assert info.value.where == where


def test_find_notebooks_takes_numbered_notebooks_in_order(tmp_path):
    for name in ("02_b.ipynb", "01_a.ipynb", "scratch.ipynb", "1_x.ipynb", "01_a.py"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in find_notebooks(tmp_path)] == ["01_a.ipynb", "02_b.ipynb"]
    assert [p.name for p in find_notebooks(tmp_path, ["02"])] == ["02_b.ipynb"]
    assert [p.name for p in find_notebooks(tmp_path, ["01_a"])] == ["01_a.ipynb"]


def test_find_notebooks_in_an_empty_folder_refused(tmp_path):
    with pytest.raises(InputError, match="holds no notebooks"):
        find_notebooks(tmp_path)


@pytest.mark.parametrize(
    ("name", "once"),
    [
        ("00_summary.ipynb", True),
        ("04_scenario_comparison.ipynb", True),
        ("06_scorecard.ipynb", True),
        ("07_plan_outturn.ipynb", True),
        ("01_grdp_trajectory.ipynb", False),
        ("05_uncertainty.ipynb", False),
    ],
)
def test_which_notebooks_run_once_per_run(name, once):
    assert is_once_per_run(Path(name)) is once


def _run(tmp_path: Path, notebooks: list[str], scenarios: list[str]) -> Run:
    pack = paths.plan_paths("bac-giang-2024")
    for name in notebooks:
        (tmp_path / name).write_text("{}")
    return Run(
        plan=read_plan_spec("bac-giang-2024"),
        scenarios=[load_scenario(pack.scenarios / f"{s}.yaml") for s in scenarios],
        notebooks=[tmp_path / n for n in notebooks],
        folders=Folders(
            root=tmp_path,
            plan=pack,
            scenarios=pack.scenarios,
            notebooks=tmp_path,
            reports=tmp_path / "reports",
            series=paths.series_file(),
        ),
        lang="vi",
        jobs=1,
        seed=7,
        cell_timeout=None,
        results=lambda scenario: pd.DataFrame(),
        stream=io.StringIO(),
        stamp="2026-12-01_000000",
    )


def test_plan_against_outturn_runs_once_per_run(tmp_path):
    run = _run(tmp_path, ["01_grdp_trajectory.ipynb", "07_plan_outturn.ipynb"], ["low", "target"])
    jobs = plan_jobs(run)
    outturn = [j for j in jobs if j.notebook.stem == "07_plan_outturn"]
    assert len(outturn) == 1 and len(jobs) == 3  # once, and 01 for each of the two scenarios
    job = outturn[0]
    assert job.scenario == "(all)"
    assert job.output == run.staging / "07_plan_outturn.ipynb"
    assert job.parameters["plan"] == "bac-giang-2024"
    assert job.parameters["seed"] == 7 and job.parameters["lang"] == "vi"
    assert job.parameters["results_dir"] == str(run.staging)
    assert Path(job.parameters["scenario"]).stem == "target"  # the plan's own scenario


def test_the_summary_runs_once_with_every_scenario_and_the_reference(tmp_path):
    run = _run(
        tmp_path, ["00_summary.ipynb", "01_grdp_trajectory.ipynb"], ["high", "target", "low"]
    )
    jobs = plan_jobs(run)
    summary = [j for j in jobs if j.notebook.stem == "00_summary"]
    assert len(summary) == 1 and len(jobs) == 4
    job = summary[0]
    assert job.output == run.staging / "00_summary.ipynb"
    assert [Path(p).stem for p in job.parameters["scenarios"]] == ["high", "target", "low"]
    assert Path(job.parameters["scenario"]).stem == "target"  # the plan's own scenario
    assert job.title == "Tóm tắt kế hoạch năm 2024"


def test_every_page_has_the_title_block_of_the_plan(tmp_path):
    run = _run(tmp_path, ["00_summary.ipynb", "01_grdp_trajectory.ipynb"], ["low"])
    for job in plan_jobs(run):
        assert job.masthead == {
            "province": "Tỉnh Bắc Giang",
            "document": "Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về nhiệm vụ lãnh đạo năm 2024",
        }
