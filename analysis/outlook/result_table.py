"""The long results table: its columns, its rounding and its check.

Shared by :mod:`analysis.outlook.results` (the projection rows) and
:mod:`analysis.outlook.scenario_outlook` (the Monte Carlo rows).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

RESULT_COLUMNS = ("scenario", "variable", "unit", "period", "value")
"""The columns of a results table, in order."""

RESULT_DECIMALS = 6
"""Values are rounded to this many decimals (14.499999999999998 is written 14.5): far below
any published precision, and the files read cleanly in a spreadsheet."""


def check_results(table: pd.DataFrame, scenario: str) -> pd.DataFrame:
    """Return ``table`` with the result columns in order; refuse a malformed table.

    Raises
    ------
    ValueError
        A column is missing, a value is not a finite number, or a row names another scenario.
    """
    missing = [c for c in RESULT_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"table: must have the columns {RESULT_COLUMNS}, missing {missing}")
    out = table.loc[:, list(RESULT_COLUMNS)].reset_index(drop=True)
    values = pd.to_numeric(out["value"], errors="coerce")
    if not values.map(pd.notna).all() or not values.abs().lt(float("inf")).all():
        raise ValueError("table: value must be a finite number in every row")
    if not (out["scenario"] == scenario).all():
        raise ValueError(f"table: scenario must be {scenario!r} in every row")
    return out.assign(value=values.astype(float).round(RESULT_DECIMALS))


def read_results(path: str | Path, scenario: str) -> pd.DataFrame:
    """A ``results.csv`` read back as it was made: text columns as text (a scenario named
    ``2025`` or ``null`` stays that name), every value to the last digit; checked."""
    text = {c: str for c in RESULT_COLUMNS if c != "value"}
    table = pd.read_csv(path, dtype=text, keep_default_na=False)
    return check_results(table, scenario)
