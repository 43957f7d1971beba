"""The workbook for the departments (analysis.run.results_files, analysis.report.results_sheet).

One sheet per scenario, named by the scenario's label in the run's language; headers, figure
names, periods and units in that language; the machine ids in the last columns.
"""

from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest
from language_check import foreign_sentences

from analysis import load_plan
from analysis.outlook.results import scenario_results
from analysis.report.labels import result_label, result_unit
from analysis.report.results_sheet import SHEET_COLUMNS, results_sheet, sheet_names
from analysis.run.results_files import write_workbook


@pytest.fixture(scope="module")
def table():
    # The default plan's target scenario with a small Monte Carlo: every kind of figure.
    pack = load_plan("")
    return scenario_results(
        pack.scenario(""),
        pack.baselines,
        pack.series,
        base_year=pack.base_year,
        assumptions=pack.assumptions,
        targets=pack.targets,
        n_draws=2_000,
    )


def _cells(path) -> list[str]:
    book = openpyxl.load_workbook(path, read_only=True)
    texts = list(book.sheetnames)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            texts += [str(v) for v in row if isinstance(v, str)]
    return texts


def test_workbook_sheet_names_fit_excel(tmp_path):
    frame = pd.DataFrame(
        {"scenario": ["x"], "variable": ["grdp_growth"], "unit": ["%"], "period": ["2024"]}
    ).assign(value=[14.5])
    long = "a" * 40
    write_workbook({long: frame, long + "b": frame, "Kịch bản: [cao]": frame}, tmp_path / "x.xlsx")
    names = openpyxl.load_workbook(tmp_path / "x.xlsx", read_only=True).sheetnames
    assert len(set(names)) == 3 and all(len(n) <= 31 for n in names)
    assert names[1] == "a" * 29 + "~2"
    assert names[2] == "Kịch bản   cao"


def test_two_scenarios_with_one_label_get_two_sheets():
    assert sheet_names(["Mục tiêu", "Mục tiêu", "mục tiêu"]) == [
        "Mục tiêu",
        "Mục tiêu~2",
        "mục tiêu~3",
    ]


def test_every_figure_of_a_scenario_has_words(table):
    unnamed = sorted({v for v in table["variable"] if result_label(v, "vi") == v})
    assert unnamed == []
    units = sorted({u for u in table["unit"] if result_unit(u, "vi") in ("", u) and u != "USD"})
    assert units == ["%"]


def test_sheet_in_vietnamese_ids_last(table):
    sheet = results_sheet(table, "vi")
    assert tuple(sheet.columns) == SHEET_COLUMNS["vi"]
    row = sheet[(sheet["Mã chỉ tiêu"] == "grdp_current_prices") & (sheet["Mã kỳ"] == "2023")]
    assert row[["Chỉ tiêu", "Kỳ", "Giá trị", "Đơn vị"]].values.tolist() == [
        ["GRDP giá hiện hành", "Năm 2023", 181.9, "nghìn tỷ đồng"]
    ]
    index = sheet[sheet["Mã chỉ tiêu"] == "grdp_real_index"].iloc[0]
    assert index["Đơn vị"] == "chỉ số (2023 = 100)"
    q05 = sheet[sheet["Mã chỉ tiêu"] == "grdp_growth_q05"].iloc[0]
    assert q05["Chỉ tiêu"] == "Tăng trưởng GRDP (giá so sánh): phân vị 5 %"
    quarter = sheet[sheet["Mã kỳ"] == "2024-Q3"].iloc[0]
    assert quarter["Kỳ"] == "Quý III/2024"
    assert table["value"].tolist() == sheet["Giá trị"].tolist()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_workbook_in_one_language(tmp_path, table, lang):
    label = "Kịch bản mục tiêu" if lang == "vi" else "Target scenario"
    path = write_workbook({label: table}, tmp_path / "w.xlsx", lang)
    # Every text cell but the machine ids (lower-case ids such as grdp_growth, 2024-Q3).
    words = [c for c in _cells(path) if not re.fullmatch(r"[a-z0-9_]+|\d{4}(-\w+)?", c)]
    assert foreign_sentences("\n".join(words), lang) == []
    # The other language's check finds the cells foreign: the test can fail.
    assert foreign_sentences("\n".join(words), "en" if lang == "vi" else "vi")


def test_sheet_names_drop_what_excel_refuses():
    assert sheet_names(["'a/b\nc'", "x:y*z?[1]"]) == ["a b c", "x y z  1"]
