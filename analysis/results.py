"""Tidy long-format results of one scenario, for the report folder and the sector departments.

One row per figure: ``scenario, variable, unit, period, value`` (the pyam-style long format,
without model and region). Values are in the unit the ``unit`` column names: percent for growth
rates and shares (as in every file of the project), money in the documents' units.
"""

from __future__ import annotations

import pandas as pd

from analysis.scenarios import Scenario

RESULT_COLUMNS = ("scenario", "variable", "unit", "period", "value")
"""The columns of a results table, in order."""


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
    return out.assign(value=values.astype(float))


def scenario_results(scenario: Scenario) -> pd.DataFrame:
    """The scenario's 2024 projection and year-to-date path as a tidy long table.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RESULT_COLUMNS`.
    """
    raise NotImplementedError(scenario)
