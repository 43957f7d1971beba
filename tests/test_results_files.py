"""The run's data files (analysis.run.results_files): the workbook for the departments."""

from __future__ import annotations

import openpyxl
import pandas as pd

from analysis.run.results_files import write_workbook


def test_workbook_sheet_names_fit_excel(tmp_path):
    frame = pd.DataFrame({"value": [1.0]})
    long = "a" * 40
    write_workbook({long: frame, long + "b": frame}, tmp_path / "x.xlsx")
    names = openpyxl.load_workbook(tmp_path / "x.xlsx", read_only=True).sheetnames
    assert len(set(names)) == 2 and all(len(n) <= 31 for n in names)
