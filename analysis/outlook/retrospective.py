"""Plan against outturn composed from a plan pack: the year's result beside what was planned.

:func:`plan_outturn` reads a plan (:class:`analysis.data.plans.Plan`), its own scenario (the
plan's default, the resolution's plan), the pack's actual results and the published series,
and hands fractions to :mod:`analysis.economics.retrospective`:

- the growth miss by sector: the contributions the scenario implied (the sector path report 02
  shows: the scenario's own four sectors when it gives them, else the base year's pattern
  scaled to its growth, :func:`planned_sector_growth`) against the published ones, product
  taxes the residual of the published total;
- the per-head miss split into real growth, prices, population and the exchange rate, the
  outturn's deflator, dollar rate and population implied by the published levels;
- the outcome's percentile in the ex-ante fan: the scenario's Monte Carlo
  (:func:`analysis.outlook.scenario_outlook.scenario_outlook`) on the series as they stood
  when the plan was written (:func:`analysis.outlook.record.record_through`).

The vintage rule of every reader: of several publications of the same figure, the latest
(:func:`analysis.economics.vintages.latest_vintage`: ``as_of`` in the actuals, ``source_date``
in the series; :func:`latest_actual`, :func:`latest_published`). Without the year's growth
among the actuals there is no outturn: the result says so and holds nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.data.plans import Plan
from analysis.data.scenarios import SECTORS, Scenario
from analysis.economics.montecarlo import MonteCarloResult, fan_quantiles
from analysis.economics.projection import ProjectionInputs
from analysis.economics.retrospective import (
    PerHeadFactors,
    contribution_miss,
    implied_deflator,
    implied_exchange_rate,
    implied_population,
    outcome_percentile,
    per_head_miss,
)
from analysis.economics.sector_growth import pattern_growth, structure_weights
from analysis.economics.vintages import latest_vintage, publication_date
from analysis.outlook.inputs import projection_inputs
from analysis.outlook.record import record_through
from analysis.outlook.scenario_outlook import scenario_outlook

OUTTURN_KINDS: tuple[str, ...] = ("actual", "estimate")
"""Kinds of figure that report an outcome (plans and targets are known before the year)."""

RESIDUAL_PART = "product_taxes"
"""The part of GRDP whose contribution releases leave out (derived as the residual)."""

FAN_LEVELS: tuple[float, ...] = (0.05, 0.5, 0.95)
"""Quantiles of the ex-ante fan shown beside the outcome."""

# --- the vintage rule -------------------------------------------------------------------------


def latest_published(
    series: pd.DataFrame, variable: str, period: str, sector: str = "total"
) -> pd.Series | None:
    """The latest publication of an outcome in the series (None when none is published).

    Rows of ``variable``, ``sector`` and ``period`` of kind actual or estimate; the one
    :func:`analysis.economics.vintages.latest_vintage` reads (latest ``source_date``).
    """
    rows = series[
        (series["variable"] == variable)
        & (series["sector"] == sector)
        & (series["period"].astype(str) == str(period))
        & series["kind"].isin(OUTTURN_KINDS)
    ]
    if rows.empty:
        return None
    return latest_vintage(rows).iloc[0]


def latest_actual(actuals: pd.DataFrame, indicator_id: str, period: str) -> pd.Series | None:
    """The latest figure (``as_of``) of an indicator and period in an actuals table, or None."""
    rows = actuals[(actuals["indicator_id"] == indicator_id) & (actuals["period"] == period)]
    if rows.empty:
        return None
    return latest_vintage(rows).iloc[0]


# --- the plan's sector path -------------------------------------------------------------------


def _sector_figures(series: pd.DataFrame, variable: str, period: str) -> pd.Series | None:
    rows = {s: latest_published(series, variable, period, s) for s in SECTORS}
    if any(r is None for r in rows.values()):
        return None
    return pd.Series({s: float(r["value"]) / 100.0 for s, r in rows.items()})


def base_year_weights(series: pd.DataFrame, base_year: int) -> pd.Series:
    """The four parts' constant-price weights in the base year (``gso4``, fractions).

    :func:`analysis.economics.sector_growth.structure_weights` of the base year's published
    contributions and sector growth, rolled forward: the weights the projection and the Monte
    Carlo add the sectors with (:func:`analysis.outlook.inputs.sector_bases`).
    """
    year = str(base_year)
    contributions = _sector_figures(series, "contribution", year)
    growth = _sector_figures(series, "sector_growth", year)
    if contributions is None or growth is None:
        raise ValueError(
            f"series: the base year {year} needs a published contribution and sector growth "
            f"for each of {list(SECTORS)}"
        )
    return structure_weights(contributions, growth, convention="gso4").reindex(list(SECTORS))


def planned_sector_growth(
    scenario: Scenario, series: pd.DataFrame, base_year: int, growth: float
) -> pd.Series:
    """The four parts' growth a scenario implies: the path report 02 shows as the scenario's.

    The scenario's own sector growth when it gives all four parts; else each part grows as in
    the base year, all scaled together to the scenario's ``growth``
    (:func:`analysis.economics.sector_growth.pattern_growth`).

    Notes
    -----
    Report 02 shows this path with product taxes folded into services; kept apart here
    (the release publishes services without them), folded back it is report 02's path within
    0.001 point (report 02 combines the base year's services and taxes growth with the
    revealed weights of the year before, the weights here are rolled forward). The structure
    solver's closures are not used: they answer what the target structure would need
    (closure A makes agriculture shrink to reach 11.4 %), not the path the plan's growth was
    built on.
    """
    given = scenario.sector_growth()
    if len(given) == len(SECTORS):
        return pd.Series(given).reindex(list(SECTORS))
    pattern = _sector_figures(series, "sector_growth", str(base_year))
    if pattern is None:
        raise ValueError(f"series: no sector growth of {list(SECTORS)} in {base_year}")
    weights = base_year_weights(series, base_year)
    return pattern_growth(weights, pattern, growth).reindex(list(SECTORS))


# --- the result -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutturnLevels:
    """The published levels the outturn's prices, dollar rate and population come from.

    GRDP in trillion VND and bn USD, per head in USD, rates in VND per USD, population in
    persons; ``*_row``: the series or actuals row read (its source and date). The base-year
    rate and population are those of the plan's projection.
    """

    nominal: float
    nominal_base: float
    usd: float
    per_head: float
    per_head_base: float
    exchange_rate: float
    exchange_rate_base: float
    population: float
    population_base: float
    nominal_row: pd.Series
    usd_row: pd.Series


@dataclass(frozen=True)
class PlanOutturn:
    """A plan against its outturn (fractions; per head in USD).

    Attributes
    ----------
    plan_year, base_year : int
        The plan's years.
    scenario : Scenario
        The scenario stating the plan (the plan's default).
    growth : float or None
        The year's published growth (None: not published, and nothing else is filled in).
    growth_row, per_head_row : Series or None
        The actuals rows read (value, ``as_of``, source).
    planned_growth, planned_per_head : float
        The scenario's growth and GRDP per head.
    per_head : float or None
        The year's published GRDP per head.
    contributions : DataFrame or None
        :func:`analysis.economics.retrospective.contribution_miss` (None: the year's sector
        contributions are not published).
    per_head_split : Series or None
        :func:`analysis.economics.retrospective.per_head_miss`.
    planned_factors, actual_factors : PerHeadFactors or None
        The changes behind the per-head split.
    levels : OutturnLevels or None
        The levels the actual factors come from.
    fan : DataFrame or None
        Index ``grdp_growth``, ``grdp_per_capita_usd``; columns ``planned``, the
        :data:`FAN_LEVELS` quantiles of the ex-ante fan, ``outcome``, ``percentile`` and its
        ``standard_error``.
    """

    plan_year: int
    base_year: int
    scenario: Scenario
    growth: float | None
    growth_row: pd.Series | None
    planned_growth: float
    planned_per_head: float
    per_head: float | None = None
    per_head_row: pd.Series | None = None
    contributions: pd.DataFrame | None = None
    per_head_split: pd.Series | None = None
    planned_factors: PerHeadFactors | None = None
    actual_factors: PerHeadFactors | None = None
    levels: OutturnLevels | None = None
    fan: pd.DataFrame | None = None

    @property
    def has_outturn(self) -> bool:
        """True when the year's growth is published."""
        return self.growth is not None


def _contributions(plan: Plan, planned: pd.Series, total: float) -> pd.DataFrame | None:
    year = str(plan.plan_year)
    rows = {s: latest_published(plan.series, "contribution", year, s) for s in SECTORS}
    given = {s: float(r["value"]) / 100.0 for s, r in rows.items() if r is not None}
    unpublished = [s for s in SECTORS if s not in given]
    if len(unpublished) > 1 or not given:
        return None
    residual = unpublished[0] if unpublished else RESIDUAL_PART
    given.pop(residual, None)
    weights = base_year_weights(plan.series, plan.base_year)
    growth = _sector_figures(plan.series, "sector_growth", year)
    return contribution_miss(
        planned, weights, given, total, residual=residual, published_growth=growth
    )


def _levels(plan: Plan, inputs: ProjectionInputs, per_head: float) -> OutturnLevels | None:
    year = str(plan.plan_year)
    nominal = latest_published(plan.series, "grdp_current_prices", year)
    usd = latest_published(plan.series, "grdp_usd", year)
    if nominal is None or usd is None:
        return None
    n, u = float(nominal["value"]), float(usd["value"])
    return OutturnLevels(
        nominal=n,
        nominal_base=inputs.grdp_nominal_base,
        usd=u,
        per_head=per_head,
        per_head_base=inputs.per_capita_usd_base,
        exchange_rate=implied_exchange_rate(n, u),
        exchange_rate_base=inputs.exchange_rate_base,
        population=implied_population(u, per_head),
        population_base=inputs.population_base,
        nominal_row=nominal,
        usd_row=usd,
    )


def _actual_factors(levels: OutturnLevels, growth: float) -> PerHeadFactors:
    return PerHeadFactors(
        real_growth=growth,
        deflator=implied_deflator(levels.nominal, levels.nominal_base, growth),
        population_growth=levels.population / levels.population_base - 1.0,
        depreciation=levels.exchange_rate / levels.exchange_rate_base - 1.0,
    )


def _fan_row(draws: np.ndarray, planned: float, outcome: float | None) -> dict[str, float]:
    quantiles = fan_quantiles(draws, FAN_LEVELS).iloc[0]
    row = {"planned": planned, **{f"q{round(100 * q):02d}": v for q, v in quantiles.items()}}
    if outcome is None:
        return {**row, "outcome": np.nan, "percentile": np.nan, "standard_error": np.nan}
    p = outcome_percentile(draws, outcome)
    se = float(np.sqrt(p * (1.0 - p) / draws.size))
    return {**row, "outcome": outcome, "percentile": p, "standard_error": se}


def outcome_in_fan(
    result: MonteCarloResult,
    planned: tuple[float, float],
    outcome: tuple[float, float | None],
) -> pd.DataFrame:
    """Growth and GRDP per head: the planned figure, the fan's quantiles, the outcome, its
    percentile (:func:`analysis.economics.retrospective.outcome_percentile`) and standard error.
    """
    rows = {
        "grdp_growth": _fan_row(result.annual_growth, planned[0], outcome[0]),
        "grdp_per_capita_usd": _fan_row(result.per_capita_usd, planned[1], outcome[1]),
    }
    return pd.DataFrame.from_dict(rows, orient="index")


def plan_outturn(
    plan: Plan,
    *,
    actuals: pd.DataFrame | None = None,
    scenario: str | None = None,
    n_draws: int = 200_000,
    seed: int | None = None,
) -> PlanOutturn:
    """The plan against its outturn: growth by sector, per head by factor, the fan.

    Parameters
    ----------
    plan : Plan
        :func:`analysis.data.plans.load_plan`.
    actuals : DataFrame, optional
        Actual results (:func:`analysis.data.actuals.load_actuals_given`); default the pack's.
    scenario : str, optional
        The scenario stating the plan; default the plan's own (``default_scenario``).
    n_draws : int, default 200_000
        Draws of the ex-ante Monte Carlo.
    seed : int, optional
        Its seed; default the plan's (``plan.yaml``).

    Returns
    -------
    PlanOutturn
        Without the year's growth among the actuals, only the plan's own figures. Each part
        whose published figures are missing is None: the contributions without the year's
        sector contributions; the per-head split without per head, GRDP at current prices or
        GRDP in USD.

    Raises
    ------
    InputError
        The scenario's assumptions do not fit together.
    ValueError
        The base year's sector figures the plan's path needs are not published.
    """
    sc = plan.scenario(scenario)
    figures = plan.actuals if actuals is None else actuals
    ex_ante = record_through(plan.series, plan.base_year)
    inputs = projection_inputs(sc, plan.baselines, ex_ante, base_year=plan.base_year)
    planned = PerHeadFactors(
        inputs.annual_real_growth, inputs.deflator, inputs.population_growth, inputs.depreciation
    )
    planned_per_head = inputs.per_capita_usd_base * (1.0 + planned.per_head_growth)
    growth_row = latest_actual(figures, "grdp_growth", plan.final_period)
    common = {
        "plan_year": plan.plan_year,
        "base_year": plan.base_year,
        "scenario": sc,
        "planned_growth": planned.real_growth,
        "planned_per_head": planned_per_head,
        "planned_factors": planned,
    }
    if growth_row is None:
        return PlanOutturn(growth=None, growth_row=None, **common)
    growth = float(growth_row["value"]) / 100.0
    path = planned_sector_growth(sc, ex_ante, plan.base_year, planned.real_growth)
    head_row = latest_actual(figures, "grdp_per_capita_usd", plan.final_period)
    per_head = None if head_row is None else float(head_row["value"])
    levels = None if per_head is None else _levels(plan, inputs, per_head)
    actual = None if levels is None else _actual_factors(levels, growth)
    result = scenario_outlook(
        sc,
        base_year=plan.base_year,
        n_draws=n_draws,
        seed=plan.seed if seed is None else seed,
        baselines=plan.baselines,
        series=ex_ante,
        targets=plan.targets,
    )
    return PlanOutturn(
        growth=growth,
        growth_row=growth_row,
        per_head=per_head,
        per_head_row=head_row,
        contributions=_contributions(plan, path, growth),
        per_head_split=None if actual is None else per_head_miss(planned, actual),
        actual_factors=actual,
        levels=levels,
        fan=outcome_in_fan(result, (planned.real_growth, planned_per_head), (growth, per_head)),
        **common,
    )


__all__ = [
    "FAN_LEVELS",
    "OUTTURN_KINDS",
    "OutturnLevels",
    "PlanOutturn",
    "base_year_weights",
    "latest_actual",
    "latest_published",
    "outcome_in_fan",
    "plan_outturn",
    "planned_sector_growth",
    "publication_date",
]
