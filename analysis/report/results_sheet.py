"""The workbook for the departments: one sheet per scenario in the report's language.

A scenario's tidy results (``scenario, variable, unit, period, value``;
:data:`analysis.outlook.result_table.RESULT_COLUMNS`) become a sheet a department reads: the
figure's name, period, value and unit in words (:func:`analysis.report.labels.result_label`,
:func:`~analysis.report.labels.result_unit`, :func:`~analysis.report.labels.period_label`),
with the machine ids of the figure (variable and period) in the last columns, so a sheet
can still be joined to ``results.csv``.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.report.labels import check_lang, period_label, result_label, result_unit

SHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    "vi": ("Chỉ tiêu", "Kỳ", "Giá trị", "Đơn vị", "Mã chỉ tiêu", "Mã kỳ"),
    "en": ("Figure", "Period", "Value", "Unit", "Variable id", "Period id"),
}
"""The sheet's headers: words first, the machine ids (``variable``, ``period``: the key of
a row of ``results.csv``) last."""

EXCEL_SHEET_NAME_LIMIT = 31
"""The longest sheet name Excel accepts."""

_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def results_sheet(table: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """A scenario's results as the departments read them, in ``lang`` (:data:`SHEET_COLUMNS`).

    Values are left as numbers (the workbook formats them); the scenario is the sheet's name.
    """
    names = SHEET_COLUMNS[check_lang(lang)]
    return pd.DataFrame(
        {
            names[0]: [result_label(str(v), lang) for v in table["variable"]],
            names[1]: [period_label(str(p), lang) for p in table["period"]],
            names[2]: table["value"].astype(float).to_numpy(),
            names[3]: [result_unit(str(u), lang) for u in table["unit"]],
            names[4]: table["variable"].astype(str).to_numpy(),
            names[5]: table["period"].astype(str).to_numpy(),
        }
    )


def sheet_names(labels: list[str]) -> list[str]:
    """Excel sheet names for the scenarios' labels, in order: the characters Excel refuses
    (``[]:*?/\\``, control characters, an apostrophe at either end) dropped, cut to 31
    characters, repeats numbered (``~2``)."""
    used: set[str] = set()
    out = []
    for text in labels:
        name = _NOT_IN_SHEET_NAMES.sub(" ", str(text)).strip().strip("'") or "-"
        sheet, n = name[:EXCEL_SHEET_NAME_LIMIT], 1
        while sheet.lower() in used:
            n += 1
            tail = f"~{n}"
            sheet = f"{name[: EXCEL_SHEET_NAME_LIMIT - len(tail)]}{tail}"
        used.add(sheet.lower())
        out.append(sheet)
    return out
