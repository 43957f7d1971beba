"""The run's index page (analysis.run.index_page): headline figures, the run's date."""

from __future__ import annotations

import io
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml
from nbformat.v4 import new_markdown_cell, new_notebook

from analysis.data import paths
from analysis.data.plan_spec import read_plan_spec
from analysis.data.scenarios import load_scenario
from analysis.run.index_page import headline_figures, readable_stamp, write_index
from analysis.run.jobs import Folders, Run


def test_headline_figures_in_both_languages():
    table = pd.DataFrame(
        {
            "scenario": "x",
            "variable": ["grdp_growth", "grdp_current_prices", "grdp_per_capita_usd"],
            "unit": ["%", "trillion VND", "USD"],
            "period": "2024",
            "value": [14.5, 214.295, 4500.07],
        }
    )
    vi = dict(headline_figures(table, "vi", 2024))
    en = dict(headline_figures(table, "en", 2024))
    assert vi["GRDP bình quân đầu người"] == "4.500 USD"
    assert vi["GRDP giá hiện hành"] == "214,3 nghìn tỷ đồng"
    assert en["GRDP per head"] == "4,500 USD"
    assert en["GRDP at current prices"] == "214.3 trillion VND"
    assert en["Real GRDP growth"] == "14.50 %"
    assert len(vi) == 3  # the deflator row is absent, so it is not shown


def test_run_stamp_reads_as_a_date():
    assert readable_stamp("2026-11-26_192715", "vi") == "26/11/2026 19:27"
    assert readable_stamp("2026-11-26_192715-2", "en") == "2026-11-26 19:27"
    assert readable_stamp("not-a-stamp", "vi") == "not-a-stamp"


# --- the page, byte for byte -----------------------------------------------------------------

PROJECT = Path(__file__).resolve().parents[1]
EXPECTED = Path(__file__).resolve().parent / "fixtures" / "index"
STAMP = "2026-11-26_192715-2"
HOSTILE = "<script>alert(\"x\")</script> & 'quotes' ../../etc/passwd"


def _notebook(folder: Path, name: str, heading: str) -> Path:
    path = folder / name
    nbformat.write(new_notebook(cells=[new_markdown_cell(f"# {heading}\nText.")]), path)
    return path


def _scenario(folder: Path, name: str, **changes) -> Path:
    data = yaml.safe_load(
        (PROJECT / "scenarios" / "bac-giang-2024" / "target.yaml").read_text(encoding="utf-8")
    )
    data.update(name=name, **changes)
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _plan(tmp_path: Path, lang: str, once_per_run: bool = True) -> Run:
    """A run of three scenarios (one hostile), two once-per-run reports, some PDF copies."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "scenarios").mkdir()
    notebooks = [
        _notebook(tmp_path / "notebooks", "01_trajectory.ipynb", "Quỹ đạo · Trajectory"),
        _notebook(tmp_path / "notebooks", "02_odd name.ipynb", HOSTILE),
        _notebook(tmp_path / "notebooks", "04_scenario_comparison.ipynb", "So sánh"),
        _notebook(tmp_path / "notebooks", "06_scorecard.ipynb", "Đánh giá <2024>"),
    ]
    if not once_per_run:
        notebooks = notebooks[:2]
    files = [
        _scenario(tmp_path / "scenarios", "low"),
        _scenario(tmp_path / "scenarios", "target"),
        _scenario(
            tmp_path / "scenarios",
            "hostile",
            label={"vi": HOSTILE, "en": "line one\n" + HOSTILE},
            description={"vi": "</div><img src=x onerror=alert(1)>", "en": "two\nlines"},
        ),
    ]
    reports = tmp_path / "reports"
    folders = Folders(
        root=tmp_path,
        plan=paths.plan_paths("bac-giang-2024"),
        scenarios=tmp_path / "scenarios",
        notebooks=tmp_path / "notebooks",
        reports=reports,
        series=paths.series_file(),
    )
    plan = Run(
        plan=read_plan_spec("bac-giang-2024"),
        scenarios=[load_scenario(f) for f in files],
        notebooks=notebooks,
        folders=folders,
        lang=lang,
        jobs=1,
        seed=1,
        cell_timeout=None,
        results=lambda scenario: pd.DataFrame(),
        stream=io.StringIO(),
        stamp=STAMP,
    )
    for copy in ("06_scorecard.pdf", "target/01_trajectory.pdf", "hostile/02_odd name.pdf"):
        (plan.staging / copy).parent.mkdir(parents=True, exist_ok=True)
        (plan.staging / copy).write_bytes(b"%PDF-")
    return plan


def _tables() -> dict[str, pd.DataFrame]:
    table = pd.DataFrame(
        {
            "scenario": "target",
            "variable": ["grdp_growth", "grdp_deflator_growth", "grdp_per_capita_usd"],
            "unit": ["%", "%", "USD"],
            "period": ["2024", "2024", "2024"],
            "value": [14.5, 2.89, 4500.07],
        }
    )
    return {"target": table, "hostile": table.iloc[:1]}


@pytest.mark.parametrize(
    ("lang", "once_per_run", "expected"),
    [
        ("vi", True, "index_vi.html"),
        ("en", True, "index_en.html"),
        ("vi", False, "index_no_once.html"),
    ],
)
def test_index_page_is_the_page_of_earlier_runs(tmp_path, lang, once_per_run, expected):
    # The expected pages pin the markup and the escaping (&quot;, &#x27;) byte for byte: first
    # written by the index code before it moved to a Jinja2 template, then with the shared
    # stylesheet and the title block (province, resolution) every leadership page now has.
    page = write_index(_plan(tmp_path, lang, once_per_run), _tables()).read_bytes()
    assert page == (EXPECTED / expected).read_bytes()


def test_index_lists_the_figures_let_through(tmp_path):
    # A run with --allow-implausible: the index says so above the reports, every string
    # escaped (the file name here is hostile); a run without says nothing (pages above).
    run = _plan(tmp_path, "en")
    run.implausible = [
        {
            "file": f"scenarios/{HOSTILE}.yaml",
            "field": "growth.aggregate",
            "item": "real growth",
            "value": 0.152,
            "unit": "%",
            "low": 0.797,
            "high": 26.32,
            "basis": "the record",
            "record": "growth",
            "intended": 15.2,
            "factor": 100.0,
            "scenario": "target",
        }
    ]
    page = write_index(run, _tables()).read_text(encoding="utf-8")
    assert "<h2>Note: figures outside their plausible range</h2>" in page
    assert "This run let the following figures outside their plausible range through" in page
    assert "field growth.aggregate: 0.152 %; plausible range 0.8 to 26.32 %" in page
    assert "probably meant 15.2 %." in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.index("plausible range") < page.index('<table class="runs">')


def test_the_summary_comes_first_on_the_index(tmp_path):
    # Report 00 writes its lines beside the index (summary.md); the index shows them under
    # "Tóm tắt", above every other report, with the link to the summary page.
    run = _plan(tmp_path, "vi")
    summary = _notebook(tmp_path / "notebooks", "00_summary.ipynb", "Tóm tắt")
    run.notebooks.insert(0, summary)
    (run.staging / "summary.md").write_text(
        "Số kịch bản của lần chạy: 3.\n\n- **Tăng trưởng GRDP** (mục tiêu 14,5 %): 14,50 %.\n",
        encoding="utf-8",
    )
    page = write_index(run, _tables()).read_text(encoding="utf-8")
    heading = page.index("<h2>Tóm tắt</h2>")
    assert heading < page.index("So sánh các kịch bản") < page.index('<table class="runs">')
    assert "<li><strong>Tăng trưởng GRDP</strong> (mục tiêu 14,5 %): 14,50 %.</li>" in page
    assert '<a href="00_summary.html">Trang tóm tắt, có biểu đồ: Tóm tắt' in page
    assert page.count("00_summary.html") == 1, "not listed again with the other reports"
    assert '<div class="province">Tỉnh Bắc Giang</div>' in page


def test_no_summary_section_without_its_lines(tmp_path):
    run = _plan(tmp_path, "vi")
    run.notebooks.insert(0, _notebook(tmp_path / "notebooks", "00_summary.ipynb", "Tóm tắt"))
    page = write_index(run, _tables()).read_text(encoding="utf-8")
    assert "Tóm tắt</h2>" not in page
