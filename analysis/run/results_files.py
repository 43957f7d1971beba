"""The run's data files: each scenario's tidy ``results.csv`` and one workbook for departments."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import RunError
from analysis.outlook.result_table import check_results
from analysis.report.results_sheet import results_sheet, sheet_names
from analysis.run.conventions import RESULTS_FILE, WORKBOOK_FILE
from analysis.run.jobs import Run


def write_results(run: Run) -> dict[str, pd.DataFrame]:
    """Write ``<scenario>/results.csv`` and the workbook (one sheet per scenario, in the run's
    language).

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
    labels = [scenario.label_in(run.lang) for scenario in run.scenarios]
    write_workbook(
        dict(zip(labels, tables.values(), strict=True)), run.staging / WORKBOOK_FILE, run.lang
    )
    return tables


def write_workbook(tables: dict[str, pd.DataFrame], target: Path, lang: str = "vi") -> Path:
    """One xlsx workbook for the departments, one sheet per scenario, in ``lang``.

    ``tables`` maps each scenario's label (the sheet's name, made fit for Excel by
    :func:`analysis.report.results_sheet.sheet_names`) to its results table; each sheet is
    :func:`analysis.report.results_sheet.results_sheet` (words first, machine ids last).
    """
    names = sheet_names(list(tables))
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        for sheet, table in zip(names, tables.values(), strict=True):
            results_sheet(table, lang).to_excel(writer, sheet_name=sheet, index=False)
    return target
