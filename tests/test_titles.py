"""Report titles: one language at a time, the plan's year in them, the same words everywhere."""

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

from analysis.report.labels import label
from analysis.report.titles import REPORT_TITLES, has_title, report_key, report_title
from analysis.run.jobs import notebook_title

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def test_titles_carry_the_plan_year_in_one_language():
    assert report_title("01_grdp_trajectory", 2025, "vi") == "Quỹ đạo GRDP năm 2025"
    assert report_title("01_grdp_trajectory", 2025, "en") == "GRDP trajectory, 2025"
    assert report_title("06_scorecard", 2024, "en") == "Scorecard of the 2024 targets"
    for words in REPORT_TITLES.values():
        assert "·" not in words["vi"] and "·" not in words["en"]
        assert "{year}" in words["vi"] and "{year}" in words["en"]


def test_every_report_notebook_has_a_title_and_shows_it():
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        assert has_title(path.stem), path.name
        source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        assert f'show_title("{report_key(path.stem)}"' in source, path.name


def test_the_runner_names_pages_with_the_same_title(tmp_path):
    report = tmp_path / "05_uncertainty.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Old heading")]), report)
    assert notebook_title(report, 2025, "vi") == report_title("uncertainty", 2025, "vi")
    other = tmp_path / "09_other.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Its own heading")]), other)
    assert notebook_title(other, 2025, "vi") == "Its own heading"


def test_an_unknown_report_has_no_title():
    with pytest.raises(KeyError):
        report_title("99_nothing", 2024)


def test_labels_with_a_year_take_it():
    assert label("base_year", "vi", year=2024) == "Năm 2024"
    assert label("projection", "en", year=2025) == "2025 projection"
    assert label("target", "vi") == "Mục tiêu"
    with pytest.raises(KeyError):
        label("base_year", "vi")
