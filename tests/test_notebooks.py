"""The report notebooks: paired with their scripts, stored without outputs, and executable.

Each notebook runs under papermill on its defaults and on a non-default scenario; the
exported leadership HTML holds no code.
"""

import json
from pathlib import Path

import jupytext
import nbformat
import papermill as pm
import pytest
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# The plan against its outturn takes no scenario: its runs are in test_plan_outturn_notebook.py.
PER_SCENARIO = [
    nb for nb in NOTEBOOKS if "comparison" not in nb.name and "plan_outturn" not in nb.name
]
COMPARISON = [nb for nb in NOTEBOOKS if "comparison" in nb.name]


def _code_sources(nb) -> list[str]:
    return [c.source.strip() for c in nb.cells if c.cell_type == "code"]


def test_there_are_report_notebooks():
    assert len(NOTEBOOKS) >= 4


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_paired_with_its_script(path):
    script = path.with_suffix(".py")
    assert script.exists(), f"{script.name} missing: notebooks are paired with jupytext scripts"
    from_script = jupytext.read(script)
    stored = nbformat.read(path, as_version=4)
    assert _code_sources(from_script) == _code_sources(stored), (
        f"{path.name} and {script.name} differ: run `jupytext --sync {script}`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_clean_with_a_parameters_cell(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and not c.get("execution_count") for c in code)
    tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert "lang" in "".join(tagged[0]["source"])


def _execute(path: Path, out: Path, parameters: dict) -> nbformat.NotebookNode:
    pm.execute_notebook(
        str(path),
        str(out),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(ROOT / "notebooks"),
        progress_bar=False,
    )
    return nbformat.read(out, as_version=4)


def _html_without_code(nb) -> str:
    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(nb)
    return body


def _assert_clean_report(nb) -> None:
    streams = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "stream" and o.get("name") == "stderr"
    ]
    assert not streams, f"stderr in the report: {streams[:1]}"
    body = _html_without_code(nb)
    for code in ("from analysis", "import ", "load_scenario("):
        assert code not in body, f"code visible in the leadership HTML: {code!r}"


@pytest.mark.notebook
@pytest.mark.parametrize("path", PER_SCENARIO, ids=lambda p: p.stem)
@pytest.mark.parametrize(("scenario", "lang"), [("target", "vi"), ("low", "en")])
def test_notebook_runs(tmp_path, path, scenario, lang):
    nb = _execute(path, tmp_path / path.name, {"scenario": scenario, "lang": lang})
    _assert_clean_report(nb)


@pytest.mark.notebook
@pytest.mark.parametrize("path", COMPARISON, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_comparison_notebook_runs(tmp_path, path, lang):
    nb = _execute(
        path,
        tmp_path / path.name,
        {"scenarios": ["target", "continuation", "low", "high"], "lang": lang},
    )
    _assert_clean_report(nb)
