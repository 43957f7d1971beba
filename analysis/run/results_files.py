"""The run's data files: each scenario's tidy ``results.csv`` and one workbook for departments.

A scenario's ``results.csv`` found unchanged in a published run (:mod:`analysis.run.reuse`) is
copied from it and read back (:func:`read_results`) instead of being made again.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from analysis.data.scenarios import Scenario
from analysis.errors import RunError
from analysis.outlook.result_table import check_results, read_results
from analysis.report.results_sheet import results_sheet, sheet_names
from analysis.run.conventions import RESULTS_FILE, WORKBOOK_FILE
from analysis.run.jobs import Run


def write_results(
    run: Run,
    earlier: Mapping[str, Path] | None = None,
    earlier_workbook: Callable[[], Path | None] | None = None,
) -> dict[str, pd.DataFrame]:
    """Write ``<scenario>/results.csv`` and the workbook (one sheet per scenario, in the run's
    language).

    Parameters
    ----------
    run : Run
        The run, its staging folder made.
    earlier : mapping, optional
        Scenario name -> its unchanged ``results.csv`` in a published run, copied instead of
        made again (made after all when it cannot be read).
    earlier_workbook : callable, optional
        Called once the results tables are written: the unchanged workbook in a published run,
        copied instead of written again (None, or a file that cannot be copied: written).

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
        folder = run.staging / scenario.name
        folder.mkdir(exist_ok=True)
        target = folder / RESULTS_FILE
        source = (earlier or {}).get(scenario.name)
        table = copy_results(source, target, scenario.name) if source else None
        if table is None:
            table = make_results(run, scenario)
            table.to_csv(target, index=False, lineterminator="\n")
        tables[scenario.name] = table
    source = earlier_workbook() if earlier_workbook is not None else None
    if source is None or not _copied(source, run.staging / WORKBOOK_FILE):
        labels = [scenario.label_in(run.lang) for scenario in run.scenarios]
        write_workbook(
            dict(zip(labels, tables.values(), strict=True)), run.staging / WORKBOOK_FILE, run.lang
        )
    return tables


def _copied(source: Path, target: Path) -> bool:
    """Copy an earlier run's file to ``target``; False (and nothing left) when it cannot."""
    try:
        shutil.copyfile(source, target)
    except OSError:
        target.unlink(missing_ok=True)
        return False
    return True


def make_results(run: Run, scenario: Scenario) -> pd.DataFrame:
    """The checked results table of ``scenario`` (:attr:`Run.results`)."""
    try:
        return check_results(run.results(scenario), scenario.name)
    except Exception as exc:
        raise RunError(
            scenario.name, "results table", None, f"{type(exc).__name__}: {exc}"
        ) from exc


def copy_results(source: Path, target: Path, scenario: str) -> pd.DataFrame | None:
    """Copy an earlier ``results.csv`` to ``target`` and read it back; None when it cannot be
    read as the results of ``scenario``."""
    if not _copied(source, target):
        return None
    try:
        return read_results(target, scenario)
    except (OSError, ValueError):
        target.unlink(missing_ok=True)
        return None


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
