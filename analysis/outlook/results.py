"""Tidy long-format results of one scenario, for the report folder and the sector departments.

One row per figure: ``scenario, variable, unit, period, value`` (the pyam-style long format,
without model and region). Values are in the unit the ``unit`` column names: percent for growth
rates and shares (as in every file of the project), money in the documents' units.
"""

from __future__ import annotations

import pandas as pd

from analysis.outlook.scenario_outlook import DEFAULT_SEED
from analysis.data.scenarios import Scenario

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


PUBLISHED_NAMES = {
    "grdp_growth_ytd": "grdp_growth_ytd_published",
    "grdp_growth_quarter": "grdp_growth_quarter_published",
}
"""Published year-to-date figures are renamed so they never collide with the projection."""


def scenario_results(
    scenario: Scenario,
    baselines: pd.DataFrame | None = None,
    series: pd.DataFrame | None = None,
    *,
    seed: int | None = DEFAULT_SEED,
    n_draws: int = 200_000,
) -> pd.DataFrame:
    """The scenario's 2024 projection and quarterly path as a tidy long table.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario.
    baselines, series : DataFrame, optional
        :func:`analysis.data.tables.load_baselines` and ``load_series`` (loaded when not given;
        ``series`` only when the scenario gives growth or prices by sector).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RESULT_COLUMNS`, values in reporting units (percent for rates):
        the rows of :func:`analysis.economics.projection.project_year` (2023 and 2024), of
        :func:`analysis.economics.projection.ytd_path` (2024 quarters) and, when the scenario holds
        published year-to-date figures, of :func:`analysis.economics.projection.required_path`
        (the published figures renamed ``*_published``); then the probabilities of the
        macro targets and the growth quantiles of :func:`analysis.outlook.scenario_outlook.outlook_rows`
        (Monte Carlo with ``seed`` and ``n_draws``; ``seed=None`` leaves them out).
    """
    from analysis.data.tables import load_baselines
    from analysis.economics.projection import project_year, required_path, ytd_path

    if not isinstance(scenario, Scenario):
        raise ValueError(f"scenario: must be a Scenario, got {type(scenario).__name__}")
    baselines = load_baselines() if baselines is None else baselines
    inputs = scenario.projection_inputs(baselines, series)
    parts = [project_year(inputs), ytd_path(inputs)]
    if scenario.ytd_fractions():
        required = required_path(
            inputs.annual_real_growth,
            scenario.ytd_fractions(),
            inputs.quarterly_weights,
            year=inputs.base_year + 1,
        )
        parts.append(required.assign(variable=required["variable"].replace(PUBLISHED_NAMES)))
    table = pd.concat([p.loc[:, list(RESULT_COLUMNS[1:])] for p in parts], ignore_index=True)
    table.insert(0, "scenario", scenario.name)
    if seed is not None:
        from analysis.outlook.scenario_outlook import outlook_rows, scenario_outlook

        outlook = scenario_outlook(
            scenario, n_draws=n_draws, seed=seed, baselines=baselines, series=series
        )
        table = pd.concat([table, outlook_rows(scenario, outlook)], ignore_index=True)
    return check_results(table, scenario.name)
