"""Tidy long-format results of one scenario, for the report folder and the sector departments.

One row per figure: ``scenario, variable, unit, period, value`` (the pyam-style long format,
without model and region). Values are in the unit the ``unit`` column names: percent for growth
rates and shares (as in every file of the project), money in the documents' units.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.data.plans import Plan
from analysis.data.scenarios import Scenario
from analysis.data.tables import load_baselines
from analysis.economics.projection import project_year, required_path, ytd_path
from analysis.outlook.defaults import DEFAULT_SEED
from analysis.outlook.inputs import projection_inputs
from analysis.outlook.result_table import RESULT_COLUMNS, check_results, read_results
from analysis.outlook.scenario_outlook import outlook_rows, scenario_outlook

__all__ = [
    "PUBLISHED_NAMES",
    "RESULT_COLUMNS",
    "check_results",
    "plan_results",
    "run_tables",
    "scenario_results",
]

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
    base_year: int,
    assumptions: Any = None,
    targets: pd.DataFrame | None = None,
    seed: int | None = DEFAULT_SEED,
    n_draws: int = 200_000,
) -> pd.DataFrame:
    """The scenario's projection of the plan year and its quarterly path as a tidy long table.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario.
    baselines, series : DataFrame, optional
        :func:`analysis.data.tables.load_baselines` and ``load_series`` (loaded when not given;
        ``series`` only when the scenario gives growth or prices by sector).
    base_year : int
        The plan's base year (``plan.base_year``); the plan year is the next.
    assumptions : DataFrame or dict, optional
        The plan's assumptions (:func:`analysis.outlook.scenario_outlook.outlook_setup`).
    targets : DataFrame, optional
        The plan's targets (:func:`analysis.data.tables.load_targets`), whose macro targets the
        Monte Carlo scores; loaded from the default pack when not given.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RESULT_COLUMNS`, values in reporting units (percent for rates):
        the rows of :func:`analysis.economics.projection.project_year` (base year and plan
        year), of :func:`analysis.economics.projection.ytd_path` (the plan year's quarters) and,
        when the scenario holds
        published year-to-date figures, of :func:`analysis.economics.projection.required_path`
        (the published figures renamed ``*_published``); then the probabilities of the
        macro targets and the growth quantiles of
        :func:`analysis.outlook.scenario_outlook.outlook_rows`
        (Monte Carlo with ``seed`` and ``n_draws``; ``seed=None`` leaves them out).
    """
    if not isinstance(scenario, Scenario):
        raise ValueError(f"scenario: must be a Scenario, got {type(scenario).__name__}")
    baselines = load_baselines() if baselines is None else baselines
    inputs = projection_inputs(
        scenario, baselines, series, base_year=base_year, assumptions=assumptions
    )
    plan_year = inputs.base_year + 1
    parts = [project_year(inputs), ytd_path(inputs)]
    if scenario.ytd_fractions():
        required = required_path(
            inputs.annual_real_growth,
            scenario.ytd_fractions(),
            inputs.quarterly_weights,
            year=plan_year,
        )
        parts.append(required.assign(variable=required["variable"].replace(PUBLISHED_NAMES)))
    table = pd.concat([p.loc[:, list(RESULT_COLUMNS[1:])] for p in parts], ignore_index=True)
    table.insert(0, "scenario", scenario.name)
    if seed is not None:
        outlook = scenario_outlook(
            scenario,
            n_draws=n_draws,
            seed=seed,
            baselines=baselines,
            series=series,
            targets=targets,
            base_year=base_year,
            assumptions=assumptions,
        )
        rows = outlook_rows(scenario, outlook, plan_year=plan_year)
        table = pd.concat([table, rows], ignore_index=True)
    return check_results(table, scenario.name)


def plan_results(plan: Plan, scenario: Scenario, seed: int | None = None) -> pd.DataFrame:
    """:func:`scenario_results` on a loaded plan's tables: what the runner writes as the
    scenario's ``results.csv`` (``seed`` default the plan's)."""
    return scenario_results(
        scenario,
        plan.baselines,
        plan.series,
        base_year=plan.base_year,
        assumptions=plan.assumptions,
        targets=plan.targets,
        seed=plan.seed if seed is None else seed,
    )


def run_tables(
    pack: Plan,
    scenarios: Sequence[Scenario],
    seed: int,
    results_dir: str | Path | None = None,
    results_file: str = "",
) -> dict[str, pd.DataFrame]:
    """Each scenario's tidy results: the run's own ``<results_dir>/<name>/<results_file>`` when
    the runner wrote it (the table the index and the workbook show; the runner writes them
    while the other notebooks run, and starts the comparison and the summary after), else
    computed as the runner computes it (:func:`plan_results` with ``seed``)."""
    out: dict[str, pd.DataFrame] = {}
    for s in scenarios:
        written = (
            Path(results_dir) / s.name / results_file if results_dir and results_file else None
        )
        if written is not None and written.is_file():
            out[s.name] = read_results(written, s.name)
            continue
        out[s.name] = plan_results(pack, s, seed)
    return out
