"""The report runner end to end in a temporary project, with one fixture notebook per behaviour.

Fixture notebooks (tests/fixtures/notebooks/): ``01_ok`` reads its scenario and prints to
stdout, stderr and a warning; ``02_raises`` fails in its third cell; ``03_no_parameters`` has no
parameters cell (papermill injects the parameters at the top); ``04_scenario_comparison`` runs
once over all scenarios. Nothing here touches the project's own reports/ folder.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest
import yaml

from analysis.data import paths
from analysis.errors import InputError, LockedError
from analysis.run.cli import main
from analysis.run.runner import run_reports

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
FIXTURES = HERE / "fixtures" / "notebooks"
CODE_MARKER = "CODE_MARKER_FIXTURE"
HIDDEN = "planners must not see"
HOSTILE_VI = '<script>alert("vi")</script> "quotes" \'single\' ../../etc/passwd'
HOSTILE_EN = "line one\n<script>alert('en')</script> ../x"
HOSTILE_DESCRIPTION = "</div><img src=x onerror=alert(1)>"
OLD_RUN = "2000-01-01_000000"
PLAN = "bac-giang-2024"


def make_project(root: Path, notebooks: list[str], scenarios: dict[str, dict]) -> Path:
    """A project root with the data, the chosen fixture notebooks and the default pack's
    scenario files."""
    (root / "notebooks").mkdir(parents=True)
    shutil.copytree(PROJECT / "data" / "raw", root / "data" / "raw")
    (root / "scenarios" / PLAN).mkdir(parents=True)
    for name in notebooks:
        shutil.copy(FIXTURES / name, root / "notebooks" / name)
    for name, data in scenarios.items():
        text = yaml.safe_dump(data, allow_unicode=True)
        (root / "scenarios" / PLAN / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root


def reports_of(root: Path) -> Path:
    """Where the default pack's runs are published."""
    return root / "reports" / PLAN


def scenario_data(name: str, **changes) -> dict:
    data = yaml.safe_load(
        (PROJECT / "scenarios" / PLAN / "target.yaml").read_text(encoding="utf-8")
    )
    data["name"] = name
    if name != "target":  # two scenarios of a run may not share a label
        data["label"] = {"vi": f"Kịch bản {name}", "en": f"Scenario {name}"}
    data.update(changes)
    return data


def with_previous_run(root: Path) -> Path:
    """A published earlier run and ``latest`` pointing at it."""
    reports = reports_of(root)
    (reports / OLD_RUN).mkdir(parents=True)
    (reports / OLD_RUN / "index.html").write_text("earlier run", encoding="utf-8")
    os.symlink(OLD_RUN, reports / "latest")
    return reports


def use_root(monkeypatch, root: Path) -> None:
    """Point analysis.data.paths at ``root`` for the command line (as BACGIANG_PLAN_ROOT would)."""
    monkeypatch.setattr(paths, "ROOT", root)
    monkeypatch.setattr(paths, "NOTEBOOKS_DIR", root / "notebooks")
    monkeypatch.setattr(paths, "REPORTS_DIR", root / "reports")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- a successful run (executed once for the module) -------------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = make_project(
        tmp_path_factory.mktemp("ok"),
        ["01_ok.ipynb", "03_no_parameters.ipynb", "04_scenario_comparison.ipynb"],
        {
            "target": scenario_data("target"),
            "hostile": scenario_data(
                "hostile",
                label={"vi": HOSTILE_VI, "en": HOSTILE_EN},
                description={"vi": HOSTILE_DESCRIPTION, "en": HOSTILE_DESCRIPTION},
            ),
        },
    )
    reports = with_previous_run(root)
    (reports / ".staging-left-by-a-killed-run").mkdir()
    stream = io.StringIO()
    run = run_reports(root=root, jobs=2, stream=stream)
    return {"root": root, "reports": reports, "run": run, "progress": stream.getvalue()}


@pytest.mark.notebook
def test_success_publishes_and_moves_latest(published):
    reports, run = published["reports"], published["run"]
    assert run.parent == reports
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}_\d{6}(-\d+)?", run.name)
    assert os.readlink(reports / "latest") == run.name
    assert (reports / OLD_RUN / "index.html").read_text(encoding="utf-8") == "earlier run"
    assert not list(reports.glob(".staging-*"))  # this run's and the killed run's
    assert not list(reports.glob("failed-*"))


@pytest.mark.notebook
def test_layout_of_a_run(published):
    run = published["run"]
    for scenario in ("target", "hostile"):
        for stem in ("01_ok", "03_no_parameters"):
            assert (run / scenario / f"{stem}.ipynb").is_file()
            assert (run / scenario / f"{stem}.html").is_file()
        assert (run / scenario / "results.csv").is_file()
        assert (run / scenario / "fixture_output.txt").read_text() == scenario  # results_dir
    assert (run / "04_scenario_comparison.html").is_file()
    assert not (run / "kernels.log").exists()
    for name in ("index.html", "manifest.json", "results.xlsx"):
        assert (run / name).is_file()


@pytest.mark.notebook
def test_parameters_reach_the_notebooks(published):
    run = published["run"]
    ok = (run / "target" / "01_ok.html").read_text(encoding="utf-8")
    assert "scenario label: Resolution target" in ok
    assert "language: vi seed: 2024" in ok
    # no parameters cell: papermill injects them at the top and the notebook still runs
    assert "scenario file: target.yaml" in (run / "target" / "03_no_parameters.html").read_text()
    assert "compared: hostile, target" in (run / "04_scenario_comparison.html").read_text()


@pytest.mark.notebook
def test_the_comparison_starts_once_every_results_table_is_written(published):
    """The comparison and the summary read the run's results.csv: the runner starts them after
    it has written every scenario's (the other notebooks start while it writes them)."""
    page = (published["run"] / "04_scenario_comparison.html").read_text(encoding="utf-8")
    assert "results tables found: hostile, target" in page


@pytest.mark.notebook
def test_html_holds_no_code_prompts_or_stderr(published):
    pages = list(published["run"].rglob("*.html"))
    assert len(pages) == 6  # 2 scenarios x 2 notebooks, the comparison, the index
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert CODE_MARKER not in text
        assert HIDDEN not in text
        assert "import warnings" not in text
        for element in ("jp-InputPrompt", "jp-OutputPrompt", "highlight"):
            assert f'class="{element}' not in text, (page, element)
        code_cells = re.findall(r'class="jp-Cell jp-CodeCell[^"]*"', text)
        assert all("jp-mod-noInput" in c for c in code_cells), page
        assert "injected-parameters" not in text


@pytest.mark.notebook
def test_executed_notebooks_keep_their_code(published):
    nb = nbformat.read(published["run"] / "target" / "01_ok.ipynb", as_version=4)
    assert any(CODE_MARKER in cell.source for cell in nb.cells)


@pytest.mark.notebook
def test_hostile_strings_are_escaped(published):
    run = published["run"]
    for page in (run / "index.html", run / "hostile" / "01_ok.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text
        assert "<img src=x" not in text
    index = (run / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;vi&quot;)&lt;/script&gt;" in index
    assert "&lt;/div&gt;&lt;img src=x onerror=alert(1)&gt;" in index
    # the notebook printed the English label: shown as text, not markup
    assert "&lt;script&gt;alert(" in (run / "hostile" / "01_ok.html").read_text(encoding="utf-8")
    # nothing was written outside the reports folder
    assert sorted(p.name for p in published["root"].iterdir()) == [
        "data",
        "notebooks",
        "reports",
        "scenarios",
    ]
    assert sorted(p.name for p in (published["root"] / "data").iterdir()) == ["raw"]


@pytest.mark.notebook
def test_index_links_every_report_with_labels_and_figures(published):
    run = published["run"]
    index = (run / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in index
    links = re.findall(r'href="([^"]+)"', index)
    assert "target/01_ok.html" in links and "hostile/03_no_parameters.html" in links
    assert "04_scenario_comparison.html" in links
    for link in links:
        assert (run / link).is_file(), link
    assert "Kịch bản mục tiêu Nghị quyết" in index
    # headline figures in Vietnamese number format; 4,500.07 USD per head by hand
    # (3,950 x 1.145 x 1.0289 / (1.0168 x 1.017)), GRDP growth 14.5 %
    assert "4.500 USD" in index
    assert "14,50 %" in index


@pytest.mark.notebook
def test_results_csv_and_workbook(published):
    run = published["run"]
    table = pd.read_csv(run / "target" / "results.csv")
    assert list(table.columns) == ["scenario", "variable", "unit", "period", "value"]
    assert set(table["scenario"]) == {"target"}
    per_head = table[(table["variable"] == "grdp_per_capita_usd") & (table["period"] == "2024")]
    assert float(per_head["value"].iloc[0]) == pytest.approx(4500.07, abs=0.01)
    book = openpyxl.load_workbook(run / "results.xlsx", read_only=True)
    # One sheet per scenario, named by its Vietnamese label made fit for Excel.
    names = sorted(book.sheetnames)
    assert len(names) == 2 and all(len(n) <= 31 for n in names)
    assert names[0].startswith('<script>alert("vi")< script>')
    assert names[1].startswith("Kịch bản mục tiêu")


@pytest.mark.notebook
def test_manifest_records_the_run(published):
    root, run = published["root"], published["run"]
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "ok"
    # the plan pack reported on, and its seed (plan.yaml: seed 2024)
    assert manifest["plan"] == {
        "id": PLAN,
        "plan_year": 2024,
        "base_year": 2023,
        "title": "Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về nhiệm vụ lãnh đạo năm 2024",
        "folder": f"data/raw/plans/{PLAN}",
    }
    assert manifest["seed"] == 2024
    assert manifest["parameters"]["lang"] == "vi"
    assert manifest["parameters"]["jobs"] == 2
    assert manifest["parameters"]["kernel_name"] == "python3"
    hashes = manifest["inputs_sha256"]
    name = f"scenarios/{PLAN}/target.yaml"
    assert hashes[name] == sha256(root / "scenarios" / PLAN / "target.yaml")
    assert hashes["notebooks/01_ok.ipynb"] == sha256(root / "notebooks" / "01_ok.ipynb")
    assert manifest["packages"]["papermill"]
    assert set(manifest["git"]) == {"commit", "dirty"}
    statuses = {(n["scenario"], n["notebook"]): n["status"] for n in manifest["notebooks"]}
    assert len(statuses) == 5
    assert set(statuses.values()) == {"ok"}
    assert all(n["seconds"] > 0 for n in manifest["notebooks"])


@pytest.mark.notebook
def test_progress_goes_to_the_stream(published):
    lines = published["progress"].splitlines()
    assert lines[0].startswith("running 5 notebook(s) for 2 scenario(s) in 2 process(es)")
    assert sum(bool(re.match(r"\[\d/5\] ok ", line)) for line in lines) == 5
    assert lines[-1] == f"published {published['run']}"


# --- failures ----------------------------------------------------------------------------------


@pytest.mark.notebook
def test_notebook_that_raises_keeps_latest_and_exits_1(tmp_path, monkeypatch, capsys):
    root = make_project(
        tmp_path, ["01_ok.ipynb", "02_raises.ipynb"], {"target": scenario_data("target")}
    )
    reports = with_previous_run(root)
    use_root(monkeypatch, root)
    status = main(["run", "target", "--jobs", "2"])
    message = capsys.readouterr().err
    assert status == 1
    assert "scenario 'target'" in message
    assert "notebook '02_raises'" in message
    assert "raise ValueError('deliberate failure in the fixture')" in message
    assert "ValueError: deliberate failure in the fixture" in message
    assert os.readlink(reports / "latest") == OLD_RUN
    kept = list(reports.glob("failed-*"))
    assert len(kept) == 1
    failed_nb = kept[0] / "target" / "02_raises.ipynb"
    assert failed_nb.is_file() and str(failed_nb) in message
    executed = nbformat.read(failed_nb, as_version=4)
    assert any(o.get("ename") == "ValueError" for c in executed.cells for o in c.get("outputs", []))
    manifest = json.loads((kept[0] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed"
    assert not list(reports.glob(".staging-*"))
    assert sorted(p.name for p in reports.iterdir() if not p.name.startswith(".")) == sorted(
        [OLD_RUN, "latest", kept[0].name]
    )


def test_bad_scenario_exits_2_and_writes_nothing(tmp_path, monkeypatch, capsys):
    root = make_project(
        tmp_path, ["01_ok.ipynb"], {"target": scenario_data("target", growth={"aggregate": 250})}
    )
    use_root(monkeypatch, root)
    assert main(["run", "--jobs", "1"]) == 2
    message = capsys.readouterr().err
    assert str(root / "scenarios" / PLAN / "target.yaml") in message
    assert "growth.aggregate" in message and "within -50..60 %" in message
    assert not (root / "reports").exists()


def test_bad_scenario_among_good_ones_writes_nothing(tmp_path):
    root = make_project(
        tmp_path,
        ["01_ok.ipynb"],
        {"target": scenario_data("target"), "odd": scenario_data("odd", colour="red")},
    )
    with pytest.raises(InputError) as info:
        run_reports(root=root)
    assert info.value.where == "colour"
    assert not (root / "reports").exists()


def test_held_lock_exits_3(tmp_path, monkeypatch, capsys):
    root = make_project(tmp_path, ["01_ok.ipynb"], {"target": scenario_data("target")})
    reports = reports_of(root)
    reports.mkdir(parents=True)
    fd = os.open(reports / ".lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        use_root(monkeypatch, root)
        assert main(["run"]) == 3
        assert "another report run is in progress" in capsys.readouterr().err
        with pytest.raises(LockedError):
            run_reports(root=root)
    finally:
        os.close(fd)
    assert sorted(p.name for p in reports.iterdir()) == [".lock"]


def test_unknown_notebook_refused(tmp_path):
    root = make_project(tmp_path, ["01_ok.ipynb"], {"target": scenario_data("target")})
    with pytest.raises(InputError) as info:
        run_reports(root=root, notebooks=["07"])
    assert info.value.where == "--notebooks"
    assert "available: 01_ok" in info.value.rule
    assert not (root / "reports").exists()


def test_latest_that_is_not_a_link_refused(tmp_path):
    root = make_project(tmp_path, ["01_ok.ipynb"], {"target": scenario_data("target")})
    (reports_of(root) / "latest").mkdir(parents=True)
    with pytest.raises(InputError, match="symbolic link"):
        run_reports(root=root)


# --- once per run -------------------------------------------------------------------------------


@pytest.mark.notebook
def test_scorecard_runs_once_per_run_with_the_reference_scenario(tmp_path):
    # A notebook named *_scorecard runs once for the whole run (actual results do not depend on
    # the scenario), at the top of the run folder, and is given the 'target' scenario.
    root = make_project(
        tmp_path,
        ["01_ok.ipynb"],
        {
            "low": scenario_data("low", label={"vi": "Thấp", "en": "Low"}),
            "target": scenario_data("target"),
        },
    )
    shutil.copy(FIXTURES / "01_ok.ipynb", root / "notebooks" / "08_scorecard.ipynb")
    run = run_reports(root=root, jobs=2, stream=io.StringIO())
    assert (run / "08_scorecard.html").is_file()
    assert not (run / "low" / "08_scorecard.html").exists()
    assert not (run / "target" / "08_scorecard.html").exists()
    assert "scenario label: Resolution target" in (run / "08_scorecard.html").read_text()
    assert (run / "low" / "01_ok.html").is_file()
    assert 'href="08_scorecard.html"' in (run / "index.html").read_text()
