"""Unchanged work reused: notebook runs and results tables whose inputs are unchanged since a
published run are copied from it; a change to any hashed input runs what it touches again.

A base project (fixture notebooks ``01_ok`` and ``03_no_parameters`` per scenario, the
once-per-run ``04_scenario_comparison``; scenarios ``low`` and ``target``) is run once. Each
test copies the project with that published run, changes one input, runs again and reads
from the new manifest which notebook runs and results tables were executed and which copied.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from project_copies import PACK, make_copy, reports_of

from analysis import load_plan
from analysis.data import paths
from analysis.outlook.results import plan_results
from analysis.run.execution import longest_first
from analysis.run.jobs import Job
from analysis.run.reuse import EarlierRuns, environment_digest, published_runs
from analysis.run.runner import run_reports

FIXTURES = ["01_ok.ipynb", "03_no_parameters.ipynb", "04_scenario_comparison.ipynb"]
EVERY_RUN = {
    ("(all)", "04_scenario_comparison"),
    ("low", "01_ok"),
    ("low", "03_no_parameters"),
    ("target", "01_ok"),
    ("target", "03_no_parameters"),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    root = make_copy(
        tmp_path_factory.mktemp("reuse"), fixtures=FIXTURES, scenarios=["low", "target"]
    )
    first = run_reports(root=root, jobs=2, stream=io.StringIO())
    return {"root": root, "first": first}


def copy_of(base: dict, tmp_path: Path) -> Path:
    """The base project with its published run, in ``tmp_path``."""
    root = tmp_path / "project"
    shutil.copytree(base["root"], root, symlinks=True)
    return root


def manifest(run: Path) -> dict:
    return json.loads((run / "manifest.json").read_text(encoding="utf-8"))


def executed(run: Path) -> set[tuple[str, str]]:
    """(scenario, notebook) of the notebook runs executed in ``run`` (not copied)."""
    return {
        (e["scenario"], e["notebook"])
        for e in manifest(run)["notebooks"]
        if e["reused_from"] is None and e["status"] == "ok"
    }


def results_made(run: Path) -> set[str]:
    """Scenarios whose results table was made in ``run`` (not copied)."""
    return {name for name, e in manifest(run)["results"].items() if e["reused_from"] is None}


def rerun(root: Path, **options) -> Path:
    return run_reports(root=root, jobs=2, stream=io.StringIO(), **options)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- nothing changed, --fresh ---------------------------------------------------------------


@pytest.mark.notebook
def test_nothing_changed_copies_every_notebook_run_and_results_table(base, tmp_path):
    root = copy_of(base, tmp_path)
    progress = io.StringIO()
    run = run_reports(root=root, jobs=2, stream=progress)
    first = base["first"].name
    assert executed(run) == set() and results_made(run) == set()
    entries = manifest(run)["notebooks"]
    assert {e["reused_from"] for e in entries} == {first}
    assert {e["executed_in"] for e in entries} == {first}
    assert {e["inputs_key"] for e in entries} == {
        e["inputs_key"] for e in manifest(base["first"])["notebooks"]
    }
    assert "running 0 notebook(s) for 2 scenario(s) in 0 process(es), 5 reused" in (
        progress.getvalue()
    )
    before = reports_of(root) / first
    for name in ("low/01_ok.html", "low/fixture_output.txt", "04_scenario_comparison.html"):
        assert (run / name).read_bytes() == (before / name).read_bytes(), name
    assert (run / "target" / "results.csv").read_bytes() == (
        before / "target" / "results.csv"
    ).read_bytes()
    assert "scenario label: Resolution target" in (run / "target" / "01_ok.html").read_text()
    workbook = manifest(run)["workbook"]  # copied too, as its results tables are unchanged
    assert workbook["reused_from"] == first
    assert (run / "results.xlsx").read_bytes() == (before / "results.xlsx").read_bytes()


@pytest.mark.notebook
def test_fresh_executes_everything(base, tmp_path):
    run = rerun(copy_of(base, tmp_path), fresh=True)
    assert executed(run) == EVERY_RUN
    assert results_made(run) == {"low", "target"}
    assert manifest(run)["parameters"]["fresh"] is True


@pytest.mark.notebook
def test_a_reused_run_is_reused_again_and_names_where_it_was_executed(base, tmp_path):
    root = copy_of(base, tmp_path)
    second = rerun(root)
    third = rerun(root)
    entries = manifest(third)["notebooks"]
    assert {e["reused_from"] for e in entries} == {second.name}  # latest first
    assert {e["executed_in"] for e in entries} == {base["first"].name}


# --- one input changed at a time --------------------------------------------------------------


@pytest.mark.notebook
def test_one_scenario_changed_runs_its_notebooks_and_the_run_level_ones(base, tmp_path):
    root = copy_of(base, tmp_path)
    edit(root / "scenarios" / "bac-giang-2024" / "low.yaml", "aggregate: 11.0", "aggregate: 11.5")
    run = rerun(root)
    assert executed(run) == {
        ("(all)", "04_scenario_comparison"),
        ("low", "01_ok"),
        ("low", "03_no_parameters"),
    }
    assert results_made(run) == {"low"}
    assert manifest(run)["workbook"]["reused_from"] is None  # written again, with low's growth
    low = pd.read_excel(run / "results.xlsx", sheet_name="Kịch bản thấp")  # low.yaml's label
    growth = low[low["Mã chỉ tiêu"].eq("grdp_growth") & low["Mã kỳ"].astype(str).eq("2024")]
    assert growth["Giá trị"].tolist() == [11.5]  # low.yaml's aggregate, edited from 11.0


@pytest.mark.notebook
def test_the_scorecard_and_outturn_run_again_only_for_the_plans_own_scenario(tmp_path):
    """The scorecard and the plan against outturn read the scenario they are given (the plan's
    own) and the plan's own file: editing another scenario copies them, and the copies are
    what executing them again gives, byte for byte; editing the plan's own runs them again."""
    root = make_copy(
        tmp_path,
        notebooks=["06_scorecard.ipynb", "07_plan_outturn.ipynb"],
        fixtures=["01_ok.ipynb"],
        scenarios=["low", "target"],  # target: the plan's own (plan.yaml, default_scenario)
    )
    rerun(root)
    edit(root / "scenarios" / "bac-giang-2024" / "low.yaml", "aggregate: 11.0", "aggregate: 11.5")
    copied = rerun(root)
    assert executed(copied) == {("low", "01_ok")}
    fresh = rerun(root, fresh=True)
    for page in ("06_scorecard.html", "07_plan_outturn.html"):
        assert (copied / page).read_bytes() == (fresh / page).read_bytes(), page
    edit(root / "scenarios" / "bac-giang-2024" / "target.yaml", "deflator: 2.89", "deflator: 3.0")
    own = rerun(root)
    assert executed(own) == {
        ("(all)", "06_scorecard"),
        ("(all)", "07_plan_outturn"),
        ("target", "01_ok"),
    }


@pytest.mark.notebook
def test_results_made_by_another_function_are_never_copied_either_way(base, tmp_path):
    """A run given its own results function (the Python API) copies no results table and no
    notebook reading them from a default run, and no later default run copies its own."""
    root = copy_of(base, tmp_path)
    pack = load_plan(root=root)

    def shifted(scenario):  # the package's results, one point higher
        table = plan_results(pack, scenario)
        return table.assign(value=table["value"] + 1.0)

    custom = rerun(root, results=shifted)
    assert results_made(custom) == {"low", "target"}
    assert ("(all)", "04_scenario_comparison") in executed(custom)
    after = rerun(root)  # the custom run is latest; the first run is the one to copy from
    first = base["first"].name
    assert {e["reused_from"] for e in manifest(after)["results"].values()} == {first}
    # what the custom run executed (its comparison) is not copied: all was executed in the first
    assert {e["executed_in"] for e in manifest(after)["notebooks"]} == {first}
    assert executed(after) == set()


@pytest.mark.notebook
def test_a_changed_notebook_runs_again_for_every_scenario(base, tmp_path):
    root = copy_of(base, tmp_path)
    edit(root / "notebooks" / "01_ok.ipynb", "a notebook that runs", "a notebook that runs well")
    run = rerun(root)
    assert executed(run) == {("low", "01_ok"), ("target", "01_ok")}
    assert results_made(run) == set()


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        (PACK / "targets.csv", "Nghị quyết", "Nghị quyết số"),
        (PACK / "plan.yaml", 'date: "2023-12"', 'date: "2023-12-29"'),
        (Path("data") / "raw" / "published_series.csv", "https://", "http://"),
    ],
    ids=["plan-pack-file", "plan-yaml", "shared-series"],
)
@pytest.mark.notebook
def test_a_changed_data_file_runs_everything_again(base, tmp_path, file, old, new):
    root = copy_of(base, tmp_path)
    edit(root / file, old, new)
    run = rerun(root)
    assert executed(run) == EVERY_RUN
    assert results_made(run) == {"low", "target"}


@pytest.mark.notebook
def test_changed_package_source_runs_everything_again(base, tmp_path, monkeypatch):
    root = copy_of(base, tmp_path)
    package = tmp_path / "code" / "analysis"
    shutil.copytree(
        paths.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    monkeypatch.setattr(paths, "PACKAGE_DIR", package)  # the kernels import this copy
    unchanged = rerun(root)
    assert executed(unchanged) == set()  # the same source, elsewhere
    with (package / "report" / "labels.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# a comment is a change of the source\n")
    run = rerun(root)
    assert executed(run) == EVERY_RUN
    assert results_made(run) == {"low", "target"}


@pytest.mark.notebook
def test_another_language_or_seed_runs_the_notebooks_again(base, tmp_path):
    root = copy_of(base, tmp_path)
    english = rerun(root, lang="en")
    assert executed(english) == EVERY_RUN
    assert results_made(english) == set()  # the results tables do not depend on the language
    assert manifest(english)["workbook"]["reused_from"] is None  # its sheets do
    seeded = rerun(root, seed=7)
    assert executed(seeded) == EVERY_RUN
    assert results_made(seeded) == {"low", "target"}


# --- what is not reused -----------------------------------------------------------------------


@pytest.mark.notebook
def test_an_earlier_output_changed_since_is_not_reused(base, tmp_path):
    root = copy_of(base, tmp_path)
    page = reports_of(root) / base["first"].name / "low" / "01_ok.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    run = rerun(root)
    assert executed(run) == {("low", "01_ok")}


@pytest.mark.notebook
def test_failed_runs_and_staging_folders_are_not_looked_at(base, tmp_path):
    root = copy_of(base, tmp_path)
    reports = reports_of(root)
    first = reports / base["first"].name
    (reports / "latest").unlink()
    first.rename(reports / f"failed-{first.name}")
    assert published_runs(reports) == []
    run = rerun(root)
    assert executed(run) == EVERY_RUN


def test_published_runs_latest_first_then_newest(tmp_path):
    reports = tmp_path / "reports"
    for name in ("2026-01-01_000000", "2026-03-01_000000", "2026-02-01_000000", "failed-x"):
        (reports / name).mkdir(parents=True)
    (reports / ".staging-2026-04-01_000000").mkdir()
    (reports / "latest").symlink_to("2026-02-01_000000")
    assert [p.name for p in published_runs(reports)] == [
        "2026-02-01_000000",
        "2026-03-01_000000",
        "2026-01-01_000000",
    ]
    assert EarlierRuns(reports).notebook("no such key") is None


def test_environment_digest_is_stable():
    assert environment_digest() == environment_digest()


# --- the order of the notebooks -------------------------------------------------------------


def test_longest_first_starts_the_unknown_then_the_longest():
    assert longest_first([0, 1, 2, 3], [1.0, None, 3.0, 2.0]) == [1, 2, 3, 0]
    assert longest_first([2, 0], None) == [2, 0]


def test_expected_seconds_come_from_the_last_executions(tmp_path):
    reports = tmp_path / "reports"
    entries = [
        {"scenario": "low", "notebook": "05_x", "seconds": 2.5, "reused_from": None},
        {"scenario": "low", "notebook": "01_x", "seconds": 0.9, "reused_from": None},
        {"scenario": "high", "notebook": "01_x", "seconds": 0.0, "reused_from": "earlier"},
    ]
    (reports / "2026-02-01_000000").mkdir(parents=True)
    (reports / "2026-02-01_000000" / "manifest.json").write_text(
        json.dumps({"status": "ok", "notebooks": entries}), encoding="utf-8"
    )
    earlier = EarlierRuns(reports)

    def job(scenario: str, stem: str) -> Job:
        path = Path(f"{stem}.ipynb")
        return Job(scenario, path, path, {}, tmp_path, "vi", stem, None)

    assert earlier.expected_seconds(job("low", "05_x")) == 2.5
    assert earlier.expected_seconds(job("high", "05_x")) == 2.5  # another scenario's time
    assert earlier.expected_seconds(job("high", "01_x")) == 0.9  # a copy's time does not count
    assert earlier.expected_seconds(job("low", "02_x")) is None


def test_the_key_names_the_plan_pack(base):
    from dataclasses import replace

    from analysis.data.plan_spec import read_plan_spec
    from analysis.data.scenarios import load_scenarios
    from analysis.run.jobs import Run, plan_jobs, resolve_folders
    from analysis.run.reuse import fingerprints, job_key

    root = base["root"]
    spec = read_plan_spec("bac-giang-2024", root=root)
    folders = resolve_folders(root, spec.id, None, None, None)
    run = Run(
        plan=spec,
        scenarios=load_scenarios(None, folders.scenarios),
        notebooks=sorted(folders.notebooks.glob("0*.ipynb")),
        folders=folders,
        lang="vi",
        jobs=1,
        seed=spec.seed,
        cell_timeout=None,
        results=lambda scenario: None,
        stream=io.StringIO(),
    )
    job = plan_jobs(run)[0]
    prints = fingerprints(run)
    other = replace(run, plan=spec.model_copy(update={"id": "another-plan"}))
    assert job_key(job, run, prints) == job_key(job, run, fingerprints(run))
    assert job_key(job, run, prints) != job_key(job, other, fingerprints(other))
