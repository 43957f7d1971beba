"""A run in one language shows no sentence of the other: every HTML page and the workbook.

A real run of every report notebook on a copy of the project (the default plan, scenarios
``target`` and ``low``), once with ``--lang vi`` and once with ``--lang en``. The visible text
of each page (with its title and alt texts) and each text cell of the workbook must hold no
stop word of the other language (:mod:`language_check`: function words, which units, ids and
proper names do not use), and every «quoted» report a Vietnamese page names must be a real
title (:mod:`analysis.report.titles`).
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from language_check import foreign_sentences, visible_text
from project_copies import PLAN, PROJECT, make_copy, reports_of, run_cli

from analysis import load_plan
from analysis.report.titles import REPORT_TITLES, report_title

NOTEBOOKS = sorted(p.name for p in (PROJECT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MACHINE_ID = re.compile(r"[a-z0-9_]+|\d{4}(-\w+)?")


@pytest.fixture(scope="module", params=["vi", "en"])
def run(request, tmp_path_factory) -> tuple[str, Path]:
    lang = request.param
    root = make_copy(tmp_path_factory.mktemp(f"run-{lang}"), NOTEBOOKS, scenarios=["target", "low"])
    done = run_cli(root, "run", "--jobs", "1", "--lang", lang, timeout=1800)
    assert done.returncode == 0, done.stderr[-2000:]
    return lang, (reports_of(root) / "latest").resolve()


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


@pytest.mark.notebook
def test_every_page_in_the_runs_language(run):
    lang, folder = run
    pages = _pages(folder)
    assert len(pages) >= 1 + 2 * 5  # the index, five reports per scenario at least
    found = {}
    for page in pages:
        text = visible_text(page.read_text(encoding="utf-8"))
        foreign = foreign_sentences(text, lang)
        if foreign:
            found[str(page.relative_to(folder))] = foreign
    assert found == {}


@pytest.mark.notebook
def test_every_workbook_cell_in_the_runs_language(run):
    lang, folder = run
    book = openpyxl.load_workbook(folder / "results.xlsx", read_only=True)
    cells = list(book.sheetnames)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += [v for v in row if isinstance(v, str) and not MACHINE_ID.fullmatch(v)]
    assert len(cells) > 100
    assert foreign_sentences("\n".join(cells), lang) == []


@pytest.mark.notebook
def test_quoted_reports_are_real_titles(run):
    lang, folder = run
    year = load_plan(PLAN).plan_year
    titles = {report_title(k, year, lang) for k in REPORT_TITLES}
    quoted = set()
    for page in _pages(folder):
        quoted |= set(re.findall(r"«([^»]*)»", visible_text(page.read_text(encoding="utf-8"))))
    assert quoted <= titles
    if lang == "vi":  # reports 02, 03 and 04 name another report
        assert len(quoted) >= 2
