"""Runs on the same inputs give the same results and the same reports, however they are made.

A copy of the project runs notebook 01 (GRDP trajectory, with charts) and the fixture notebook
``07_seeded_chart`` (random draws from the run's seed, a table and a chart through the report
helpers) for two scenarios: in warm kernels (``first``), again in warm kernels with nothing
reused (``second``, ``--fresh``), in kernels started from scratch (``isolated``, ``--isolated
--fresh``), once more with nothing changed, so that every notebook run and results table is
copied from the last run (``reused``), and with another seed (``other``). Between the first
four runs everything a reader sees must be identical: the results CSV byte for byte,
the workbook's cells, every output of every executed notebook (text, HTML, Markdown, PNG) once
the volatile fields (timestamps, durations, the injected staging path) are set aside, the HTML
pages byte for byte, and ``index.html`` up to the run's name. The run with another seed must
differ where randomness enters (Monte Carlo quantiles, the fixture's draws), which shows that
the seed reaches the results and the notebooks; the manifest records the seed and the versions.
"""

from __future__ import annotations

import io
import json
import re
import struct
from pathlib import Path

import nbformat
import openpyxl
import pytest
from project_copies import make_copy

from analysis.data.plan_spec import read_plan_spec
from analysis.run.runner import run_reports

pytestmark = pytest.mark.notebook

SCENARIOS = ("low", "target")
NOTEBOOKS = ("01_grdp_trajectory", "07_seeded_chart")
OTHER_SEED = 7


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = make_copy(
        tmp_path_factory.mktemp("repro"),
        notebooks=["01_grdp_trajectory.ipynb"],
        fixtures=["07_seeded_chart.ipynb"],
        scenarios=SCENARIOS,
    )
    first = run_reports(root=root, jobs=2, stream=io.StringIO())
    second = run_reports(root=root, jobs=2, fresh=True, stream=io.StringIO())
    isolated = run_reports(root=root, jobs=2, isolated=True, fresh=True, stream=io.StringIO())
    reused = run_reports(root=root, jobs=2, stream=io.StringIO())
    other = run_reports(root=root, jobs=2, seed=OTHER_SEED, notebooks=["07"], stream=io.StringIO())
    return {
        "first": first,
        "second": second,
        "isolated": isolated,
        "reused": reused,
        "other": other,
    }


SAME = ("second", "isolated", "reused")
"""The runs that must show what ``first`` shows."""


def _manifest(run: Path) -> dict:
    return json.loads((run / "manifest.json").read_text(encoding="utf-8"))


def reader_view(notebook: Path) -> list[list[dict]]:
    """What a reader sees of an executed notebook: each code cell's outputs, in order.

    Kept: stream text, every MIME bundle (text/plain, text/html, text/markdown, image/png...)
    and error names. Left out as volatile: cell and notebook metadata (papermill's timestamps
    and durations, input and output paths), execution counts, cell ids and the source of the
    injected parameters cell (it names the run's staging folder).
    """
    nb = nbformat.read(notebook, as_version=4)
    view = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.outputs:
            kept = {"type": output.output_type}
            if "text" in output:
                kept["text"] = output.text
            if "data" in output:
                kept["data"] = dict(output.data)
            if "ename" in output:
                kept["error"] = (output.ename, output.evalue)
            outputs.append(kept)
        view.append(outputs)
    return view


def png_chunks(data: bytes) -> list[str]:
    """The chunk types of a PNG file, in order."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        chunks.append(data[at + 4 : at + 8].decode("ascii"))
        at += 12 + length
    return chunks


def images(view: list[list[dict]]) -> list[str]:
    """Base64 PNG of every chart: image/png outputs and data URIs in HTML outputs (alt text)."""
    found = []
    for output in (o for cell in view for o in cell):
        data = output.get("data", {})
        if "image/png" in data:
            found.append(data["image/png"])
        found += re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", data.get("text/html", ""))
    return found


def test_the_runs_were_made_as_named(runs):
    kernels = {name: _manifest(runs[name])["parameters"]["kernels"] for name in runs}
    assert kernels == {n: "isolated" if n == "isolated" else "warm" for n in runs}
    for name in ("first", "second", "isolated"):
        entries = _manifest(runs[name])["notebooks"]
        assert all(
            e["reused_from"] is None and e["executed_in"] == runs[name].name for e in entries
        )
    reused = _manifest(runs["reused"])
    assert [e["reused_from"] for e in reused["notebooks"]] == [runs["isolated"].name] * 4
    assert all(e["executed_in"] == runs["isolated"].name for e in reused["notebooks"])
    assert {r["reused_from"] for r in reused["results"].values()} == {runs["isolated"].name}


@pytest.mark.parametrize("name", SAME)
def test_results_csv_are_byte_identical(runs, name):
    for scenario in SCENARIOS:
        first = (runs["first"] / scenario / "results.csv").read_bytes()
        assert first == (runs[name] / scenario / "results.csv").read_bytes(), scenario
        assert b"grdp_growth_q50" in first  # Monte Carlo quantiles are among the results


@pytest.mark.parametrize("name", SAME)
def test_workbook_cells_are_identical(runs, name):
    def cells(run: Path) -> dict[str, list[tuple]]:
        book = openpyxl.load_workbook(run / "results.xlsx", read_only=True)
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book}

    assert cells(runs["first"]) == cells(runs[name])


@pytest.mark.parametrize("name", SAME)
@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_executed_notebooks_show_the_same_outputs(runs, scenario, stem, name):
    first = reader_view(runs["first"] / scenario / f"{stem}.ipynb")
    same = reader_view(runs[name] / scenario / f"{stem}.ipynb")
    assert sum(len(cell) for cell in first) > 0
    assert first == same


@pytest.mark.parametrize("name", SAME)
@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_charts_are_identical_png_without_volatile_metadata(runs, stem, name):
    import base64

    first = images(reader_view(runs["first"] / "target" / f"{stem}.ipynb"))
    assert first, f"{stem} shows at least one chart"
    assert first == images(reader_view(runs[name] / "target" / f"{stem}.ipynb"))
    for encoded in first:
        chunks = png_chunks(base64.b64decode(encoded))
        assert not {"tIME", "tEXt", "iTXt", "zTXt"} & set(chunks), chunks


@pytest.mark.parametrize("name", SAME)
def test_html_pages_are_byte_identical(runs, name):
    pages = sorted(p.relative_to(runs["first"]) for p in runs["first"].rglob("*.html"))
    assert len(pages) == 1 + len(SCENARIOS) * len(NOTEBOOKS)
    assert pages == sorted(p.relative_to(runs[name]) for p in runs[name].rglob("*.html"))
    for page in pages:
        if page.name == "index.html":
            continue
        assert (runs["first"] / page).read_bytes() == (runs[name] / page).read_bytes(), page


@pytest.mark.parametrize("name", SAME)
def test_index_differs_only_by_the_run_name(runs, name):
    from analysis.run.index_page import readable_stamp

    def normalised(run: Path) -> str:
        # the heading shows the run as a date (readable_stamp), the links name its folder
        text = (run / "index.html").read_text(encoding="utf-8")
        return text.replace(readable_stamp(run.name, "vi"), "WHEN").replace(run.name, "RUN")

    first, same = normalised(runs["first"]), normalised(runs[name])
    assert "WHEN" in first
    assert first == same


def test_manifest_records_seed_versions_and_inputs(runs):
    first, second, other = (_manifest(runs[name]) for name in ("first", "second", "other"))
    # the plan pack's seed (plan.yaml of bac-giang-2024: seed 2024)
    assert first["seed"] == second["seed"] == read_plan_spec("bac-giang-2024").seed == 2024
    assert other["seed"] == OTHER_SEED
    assert first["parameters"]["python_hash_seed"] == "0"
    for name in ("python", "numpy", "pandas", "matplotlib", "papermill", "nbconvert"):
        assert first["packages"][name], name
    assert first["packages"] == second["packages"]
    assert first["inputs_sha256"] == second["inputs_sha256"]
    keys = [e["inputs_key"] for e in first["notebooks"]]
    assert len(set(keys)) == len(keys) == 4 and keys == [
        e["inputs_key"] for e in second["notebooks"]
    ]
    assert any(key.startswith("data/raw/") for key in first["inputs_sha256"])


def test_another_seed_changes_what_is_random(runs):
    first = (runs["first"] / "target" / "results.csv").read_text(encoding="utf-8")
    other = (runs["other"] / "target" / "results.csv").read_text(encoding="utf-8")
    assert first != other
    deterministic = [line for line in first.splitlines() if ",grdp_per_capita_usd," in line]
    assert deterministic and all(line in other for line in deterministic)
    drawn = reader_view(runs["first"] / "target" / "07_seeded_chart.ipynb")
    assert drawn != reader_view(runs["other"] / "target" / "07_seeded_chart.ipynb")
