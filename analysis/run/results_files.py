"""The run's data files: each scenario's tidy ``results.csv`` and one workbook for departments."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import RunError
from analysis.outlook.result_table import check_results
from analysis.run.conventions import RESULTS_FILE, WORKBOOK_FILE
from analysis.run.jobs import Run

EXCEL_SHEET_NAME_LIMIT = 31
"""The longest sheet name Excel accepts."""


def write_results(run: Run) -> dict[str, pd.DataFrame]:
    """Write ``<scenario>/results.csv`` and the workbook (one sheet per scenario).

    Returns
    -------
    dict
        Scenario name -> its checked results table.

    Raises
    ------
    RunError
        The results table of a scenario could not be made or is malformed.
    """
    tables: dict[str, pd.DataFrame] = {}
    for scenario in run.scenarios:
        try:
            table = check_results(run.results(scenario), scenario.name)
        except Exception as exc:
            raise RunError(
                scenario.name, "results table", None, f"{type(exc).__name__}: {exc}"
            ) from exc
        folder = run.staging / scenario.name
        folder.mkdir(exist_ok=True)
        table.to_csv(folder / RESULTS_FILE, index=False, lineterminator="\n")
        tables[scenario.name] = table
    write_workbook(tables, run.staging / WORKBOOK_FILE)
    return tables


def write_workbook(tables: dict[str, pd.DataFrame], target: Path) -> Path:
    """One xlsx workbook, one sheet per scenario (names cut to Excel's 31 characters)."""
    used: set[str] = set()
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        for name, table in tables.items():
            sheet = _sheet_name(name, used)
            table.to_excel(writer, sheet_name=sheet, index=False)
    return target


def _sheet_name(name: str, used: set[str]) -> str:
    limit = EXCEL_SHEET_NAME_LIMIT
    sheet, n = name[:limit], 1
    while sheet in used:
        n += 1
        sheet = f"{name[: limit - len(str(n)) - 1]}~{n}"
    used.add(sheet)
    return sheet
