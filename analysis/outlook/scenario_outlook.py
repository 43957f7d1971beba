"""The plan year's outlook of one scenario: its assumptions run through the Monte Carlo.

Glue between a validated :class:`analysis.data.scenarios.Scenario`, the published record
(:func:`analysis.data.tables.load_series`) and the economics of uncertainty
(:mod:`analysis.economics.calibration`, :mod:`analysis.economics.montecarlo`):

- :func:`scenario_calibration`: the scales calibrated on the published growth record and the
  plan-versus-outturn errors, the assumed spread of sector relative prices
  (:data:`analysis.economics.closures.DEFAULT_PRICE_SD`), with the scenario's ``uncertainty:``
  scales put in their place;
- :func:`outlook_setup`: the :class:`~analysis.economics.montecarlo.MonteCarloSetup` of a scenario
  (growth centred on the scenario's annual growth, its deflator, population growth,
  depreciation, quarterly weights and path, published year-to-date figures, and sectors);
- :func:`macro_targets`: the growth, per-head and structure targets of the plan's targets;
- :func:`scenario_outlook`: all of it, simulated;
- :func:`outlook_rows`: the result as tidy rows ``scenario, variable, unit, period, value``.

Scenario files speak percent; everything handed to the Monte Carlo is a fraction. The years
come from the plan pack: the record is read up to its base year
(:func:`analysis.outlook.record.record_through`, so later outturns never change a plan's
outlook), and the rows of :func:`outlook_rows` are labelled with its plan year.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.data.scenarios import SECTORS, Scenario, Uncertainty
from analysis.data.tables import load_baselines, load_series, load_targets, series_values
from analysis.economics.calibration import Calibration, calibrate_sector_scales
from analysis.economics.closures import DEFAULT_PRICE_SD
from analysis.economics.distributions import TwoPieceNormal
from analysis.economics.montecarlo import (
    MacroTargets,
    MonteCarloResult,
    MonteCarloSetup,
    fan_quantiles,
    simulate_targets,
)
from analysis.economics.sector_draws import SectorSetup
from analysis.economics.sector_growth import baseline_years, historical_baseline
from analysis.outlook.defaults import DEFAULT_SEED
from analysis.outlook.inputs import SectorBases, projection_inputs, sector_bases
from analysis.outlook.outlook_scales import (
    SIDE_SCALES,
    check_scenario,
    published_growth,
    published_plan,
    scenario_calibration,
)
from analysis.outlook.record import check_year, outlier_years, record_through
from analysis.outlook.result_table import check_results

UNCERTAINTY_KEYS: tuple[str, ...] = tuple(Uncertainty.model_fields)
"""The scales a scenario's ``uncertainty:`` mapping may set (percent points)."""

SHARE_TARGET_IDS: dict[str, str] = {
    "industry_construction": "share_industry_construction",
    "services": "share_services",
    "agriculture": "share_agriculture",
}
"""Sector of each structure target and its indicator id in the plan's ``targets.csv``."""

EVENT_VARIABLES: dict[str, str] = {
    "growth": "probability_grdp_growth_target",
    "per_capita": "probability_grdp_per_capita_target",
    "structure": "probability_structure_target",
    "joint": "probability_all_macro_targets",
}
"""Result variable of each row of the Monte Carlo probability table."""

STANDARD_ERROR_SUFFIX = "_standard_error"


# --- sectors ------------------------------------------------------------------------------


def _sector_growth_record(series: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Published sector growth up to the base year, fractions, one column per part of GRDP,
    indexed by year."""

    record = record_through(series, base_year)
    columns = {s: series_values(record, "sector_growth", s) / 100.0 for s in SECTORS}
    frame = pd.DataFrame(columns)
    return frame.loc[[str(p).strip().isdigit() for p in frame.index]]


def _share_out(gap: float, weights: pd.Series, loadings: pd.Series) -> pd.Series:
    """Add ``gap`` to the weighted aggregate by moving each sector in proportion to λ_i."""
    scale = float((weights * loadings).sum())
    if scale <= 0.0:  # loadings that cancel out: move every sector alike
        loadings, scale = loadings * 0.0 + 1.0, float(weights.sum())
    return loadings * gap / scale


def central_sector_growth(
    scenario: Scenario,
    growth: float,
    weights: pd.Series,
    loadings: pd.Series,
    history: pd.Series,
) -> pd.Series:
    """Central real growth of the four parts of GRDP that adds up to ``growth``.

    Parameters
    ----------
    scenario : Scenario
        Its ``growth.sectors`` (percent) are kept where given.
    growth : float
        The scenario's annual real growth G (the aggregate), fraction.
    weights : Series
        The base year's constant-price weights w_i of the four parts (gso4), summing to 1.
    loadings : Series
        λ_i, how each part follows the aggregate (Σ w_i λ_i = 1).
    history : Series
        Mean published growth b_i of each part over the baseline years
        (:func:`analysis.economics.sector_growth.baseline_years`; base year 2023: 2016–2019
        and 2023).

    Returns
    -------
    Series
        g_i⁰ by part, fractions, with ``Σ w_i g_i⁰ = G``.

    Notes
    -----
    A part the scenario does not give starts at the record's pattern moved to the scenario's
    aggregate, ``b_i + λ_i (G − Σ_j w_j b_j)``; a part it gives starts at its figure. The gap
    left, ``d = G − Σ w_i g_i``, is shared out as an aggregate surprise would be,
    ``g_i += λ_i d / Σ_free w_j λ_j``, over the parts the scenario left free (over all four
    when it gives every one: its sectors and its aggregate then disagree under the base
    year's weights, e.g. 2023 sector growth repeated gives 13.76 %, not 13.45 %). Closure A
    (:func:`analysis.economics.closures.equal_prices`) is deliberately not used: it picks the sector
    growth that lands on the target structure, so the structure target would be met by
    construction at the centre of every scenario.

    References
    ----------
    Methodology reference, sections 2, 4 and 6.
    """
    keys = list(SECTORS)
    w, lam, base = (s.reindex(keys).astype(float) for s in (weights, loadings, history))
    given = pd.Series(scenario.sector_growth(), dtype=float)
    central = base + lam * (growth - float((w * base).sum()))
    central.update(given)
    free = [k for k in keys if k not in given.index] or keys
    gap = growth - float((w * central).sum())
    central[free] += _share_out(gap, w[free], lam[free])
    return central


def _relative_price_sd(scenario: Scenario) -> float:
    """τ as a fraction: the scenario's ``uncertainty.relative_price_sd``, else the default."""
    given = scenario.uncertainty.relative_price_sd
    return DEFAULT_PRICE_SD if given is None else given / 100.0


@dataclass(frozen=True)
class SectorRecord:
    """What the Monte Carlo's sector inputs read from a plan's published record: the same for
    every scenario of the plan, so a caller that runs many scenarios (the explorer) reads it
    once (:func:`sector_record`) and hands it to :func:`outlook_sectors` and
    :func:`outlook_setup`.

    Attributes
    ----------
    bases : SectorBases
        The base year's constant-price weights and current-price shares
        (:func:`analysis.outlook.inputs.sector_bases`).
    loadings : Series
        λ_i, how each part follows the aggregate.
    idiosyncratic_sigma : dict
        Each part's own spread around its loading.
    history : Series
        Mean published growth of each part over the baseline years, fractions.
    """

    bases: SectorBases
    loadings: pd.Series
    idiosyncratic_sigma: dict[str, float]
    history: pd.Series


def sector_record(series: pd.DataFrame, *, base_year: int, assumptions: Any = None) -> SectorRecord:
    """The :class:`SectorRecord` of a plan: the published record up to its base year.

    Weights and shares are the base year's of :func:`analysis.outlook.inputs.sector_bases`; the
    loadings and the sectors' own spread come from
    :func:`analysis.economics.calibration.calibrate_sector_scales` on the published sector
    growth up to the base year; the history from
    :func:`analysis.economics.sector_growth.baseline_years` less the pack's outlier years
    (``assumptions``).
    """
    year = check_year(base_year, "base_year")
    bases = sector_bases(series, base_year=year, assumptions=assumptions)
    scales = calibrate_sector_scales(
        _sector_growth_record(series, year),
        published_growth(series, base_year=year),
        dict(bases.weights),
    )
    record = record_through(series, year)
    years = baseline_years(record, year, exclude=outlier_years(assumptions), sectors=SECTORS)
    history = historical_baseline(record, years=years, sectors=SECTORS).growth
    return SectorRecord(
        bases=bases,
        loadings=pd.Series(scales.loadings, dtype=float),
        idiosyncratic_sigma=dict(scales.idiosyncratic_sigma),
        history=history,
    )


def outlook_sectors(
    scenario: Scenario,
    growth: float,
    series: pd.DataFrame,
    relative_price_sd: float | None = None,
    *,
    base_year: int,
    assumptions: Any = None,
    record: SectorRecord | None = None,
) -> SectorSetup:
    """Sector inputs of the Monte Carlo for a scenario (four parts, ``gso4``).

    Weights, shares, loadings, the sectors' own spread and their history are the plan's
    :class:`SectorRecord` (``record``, else :func:`sector_record` of ``series``); the central
    growth from :func:`central_sector_growth`. Sector price changes are used when the
    scenario gives all four (else prices move alike). Around them each of the four parts'
    prices moves relative to the others with spread ``relative_price_sd`` (fraction; None:
    the scenario's ``uncertainty.relative_price_sd``, else
    :data:`analysis.economics.closures.DEFAULT_PRICE_SD`), see
    :func:`analysis.economics.montecarlo.simulate_targets`.
    """

    if record is None:
        record = sector_record(series, base_year=base_year, assumptions=assumptions)
    bases = record.bases
    central = central_sector_growth(
        scenario, growth, bases.weights, record.loadings, record.history
    )
    prices = scenario.sector_prices()
    return SectorSetup(
        growth=central.to_dict(),
        weights=bases.weights.to_dict(),
        shares=bases.shares.to_dict(),
        loadings=record.loadings.to_dict(),
        idiosyncratic_sigma=dict(record.idiosyncratic_sigma),
        price_change=prices if len(prices) == len(SECTORS) else None,
        convention="gso4",
        relative_price_sd=(
            _relative_price_sd(scenario) if relative_price_sd is None else relative_price_sd
        ),
    )


# --- the set-up and the targets -------------------------------------------------------------


def _uncertain(centre: float, sigma: float) -> TwoPieceNormal | float:
    """N(centre, sigma²) as a two-piece normal; the centre itself when the scale is 0."""
    return TwoPieceNormal.symmetric(centre, sigma) if sigma > 0.0 else float(centre)


def outlook_setup(
    scenario: Scenario,
    *,
    baselines: pd.DataFrame | None = None,
    series: pd.DataFrame | None = None,
    calibration: Calibration | None = None,
    base_year: int,
    assumptions: Any = None,
    sectors: bool = True,
    sector_record: SectorRecord | None = None,
) -> MonteCarloSetup:
    """The Monte Carlo set-up of a scenario (fractions).

    Parameters
    ----------
    scenario : Scenario
        A validated scenario.
    baselines, series : DataFrame, optional
        :func:`analysis.data.tables.load_baselines` and :func:`analysis.data.tables.load_series`
        (loaded when not given).
    calibration : Calibration, optional
        The scales; :func:`scenario_calibration` when not given.
    base_year : int
        The plan's base year (``plan.base_year``).
    assumptions : DataFrame or dict, optional
        The plan's assumptions (:func:`scenario_calibration`,
        :func:`analysis.outlook.inputs.sector_bases`, :func:`outlook_sectors`).
    sectors : bool, default True
        Draw the four parts of GRDP (:func:`outlook_sectors`); False for a plan without a
        structure target, whose growth is then drawn directly (the base year's sector
        weights are not needed).
    sector_record : SectorRecord, optional
        The plan's :func:`sector_record` when the caller has it already (the same set-up,
        without reading the record again).

    Returns
    -------
    MonteCarloSetup
        Growth: a two-piece normal with the scenario's annual real growth as its mode;
        deflator, population growth and depreciation: normal around the scenario's figures
        (held fixed when a scale is 0); GRDP per head of the base year; the scenario's quarterly
        weights
        and path; its published year-to-date figures; sectors from :func:`outlook_sectors`,
        their relative prices drawn with the calibration's ``relative_price_sd``.

    Raises
    ------
    InputError
        The scenario's assumptions do not fit together
        (:func:`analysis.outlook.inputs.projection_inputs`).
    """

    check_scenario(scenario)
    series = load_series() if series is None else series
    baselines = load_baselines() if baselines is None else baselines
    year = check_year(base_year, "base_year")
    cal = (
        scenario_calibration(scenario, series, base_year=year, assumptions=assumptions)
        if calibration is None
        else calibration
    )
    inputs = projection_inputs(
        scenario,
        baselines,
        series,
        base_year=year,
        assumptions=assumptions,
        bases=None if sector_record is None else sector_record.bases,
    )
    growth = inputs.annual_real_growth
    return MonteCarloSetup(
        growth=cal.growth_distribution(growth),
        deflator=_uncertain(inputs.deflator, cal.deflator_sigma),
        population_growth=_uncertain(inputs.population_growth, cal.population_sigma),
        depreciation=_uncertain(inputs.depreciation, cal.depreciation_sigma),
        per_capita_base_usd=inputs.per_capita_usd_base,
        quarterly_weights=inputs.quarterly_weights,
        quarterly_growth=inputs.quarterly_growth,
        ytd_actuals=scenario.ytd_fractions() or None,
        sectors=outlook_sectors(
            scenario,
            growth,
            series,
            cal.relative_price_sd,
            base_year=year,
            assumptions=assumptions,
            record=sector_record,
        )
        if sectors
        else None,
    )


def _target(table: pd.DataFrame, indicator_id: str, column: str = "target") -> float:
    rows = table.loc[table["indicator_id"] == indicator_id, column]
    if rows.empty or not math.isfinite(float(rows.iloc[0])):
        raise ValueError(f"targets: needs a {column} for indicator_id '{indicator_id}'")
    return float(rows.iloc[0])


def macro_targets(
    targets: pd.DataFrame | None = None, convention: str = "taxes_in_services"
) -> MacroTargets:
    """The growth, per-head and structure targets of the resolution, as fractions.

    Parameters
    ----------
    targets : DataFrame, optional
        :func:`analysis.data.tables.load_targets` (loaded when not given): ``grdp_growth`` (14.5 %),
        ``grdp_per_capita_usd`` (4,500 USD) and the three ``share_*`` targets (68 / 20.6 /
        11.4 %, each with a tolerance of 0.5 point). A plan that states none of the
        ``share_*`` targets gives ``shares=None``: the structure is not assessed.
    convention : str, default "taxes_in_services"
        The structure convention the target shares are read in.

    Raises
    ------
    ValueError
        A target or a share tolerance is missing, or the share tolerances differ.
    """

    table = load_targets() if targets is None else targets
    growth = _target(table, "grdp_growth") / 100.0
    per_capita = _target(table, "grdp_per_capita_usd")
    if not table["indicator_id"].isin(list(SHARE_TARGET_IDS.values())).any():
        return MacroTargets(growth=growth, per_capita_usd=per_capita, share_convention=convention)
    tolerances = {_target(table, i, "tolerance") for i in SHARE_TARGET_IDS.values()}
    if len(tolerances) != 1:
        raise ValueError(
            f"targets: the structure targets must share one tolerance, got {sorted(tolerances)}"
        )
    return MacroTargets(
        growth=growth,
        per_capita_usd=per_capita,
        shares={s: _target(table, i) / 100.0 for s, i in SHARE_TARGET_IDS.items()},
        share_tolerance=tolerances.pop() / 100.0,
        share_convention=convention,
    )


# --- the outlook ----------------------------------------------------------------------------


def scenario_outlook(
    scenario: Scenario,
    *,
    n_draws: int = 200_000,
    seed: int | None = DEFAULT_SEED,
    baselines: pd.DataFrame | None = None,
    series: pd.DataFrame | None = None,
    targets: pd.DataFrame | MacroTargets | None = None,
    base_year: int,
    assumptions: Any = None,
) -> MonteCarloResult:
    """The probabilities that a scenario meets the plan year's macro targets, alone and jointly.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario (its ``uncertainty`` and ``ytd_actuals`` are used).
    n_draws : int, default 200_000
        Monte Carlo draws.
    seed : int or None, default DEFAULT_SEED
        Seed; the same seed gives the same table (a run passes its plan pack's).
    baselines, series : DataFrame, optional
        :func:`analysis.data.tables.load_baselines` and :func:`analysis.data.tables.load_series`.
    targets : DataFrame or MacroTargets, optional
        :func:`analysis.data.tables.load_targets` (default) read by :func:`macro_targets` in the
        scenario's ``structure_convention``, or the targets themselves.
    base_year : int
        The plan's base year (``plan.base_year``); see :func:`outlook_setup`.
    assumptions : DataFrame or dict, optional
        The plan's assumptions; see :func:`outlook_setup`.

    Returns
    -------
    MonteCarloResult
        The probability table (growth, per head, structure, jointly; with standard errors)
        and the draws.

    Notes
    -----
    :func:`analysis.economics.montecarlo.simulate_targets` on :func:`outlook_setup`. The structure
    target is assessed for every scenario: sectors the scenario leaves out follow the
    published record (:func:`central_sector_growth`), and sector relative prices move with
    spread :data:`analysis.economics.closures.DEFAULT_PRICE_SD` (or the scenario's
    ``uncertainty.relative_price_sd``) around the scenario's prices. A plan without a
    structure target is simulated without sectors (``outlook_setup(sectors=False)``).

    References
    ----------
    Methodology reference, section 6.
    """
    check_scenario(scenario)
    if not isinstance(targets, MacroTargets):
        targets = macro_targets(targets, scenario.structure_convention)
    setup = outlook_setup(
        scenario,
        baselines=baselines,
        series=series,
        base_year=base_year,
        assumptions=assumptions,
        sectors=targets.shares is not None,
    )
    return simulate_targets(setup, targets, n_draws=n_draws, seed=seed)


def _row(scenario: str, variable: str, unit: str, period: str, value: float) -> dict:
    return {
        "scenario": scenario,
        "variable": variable,
        "unit": unit,
        "period": period,
        "value": float(value),
    }


def _probability_rows(name: str, result: MonteCarloResult, period: str) -> list[dict]:
    rows = []
    for event, variable in EVENT_VARIABLES.items():
        if event not in result.table.index:
            continue
        p, se = result.table.loc[event, ["probability", "standard_error"]]
        if math.isfinite(float(p)):
            rows.append(_row(name, variable, "%", period, 100.0 * p))
            rows.append(_row(name, variable + STANDARD_ERROR_SUFFIX, "pp", period, 100.0 * se))
    return rows


def _quantile_name(variable: str, q: float) -> str:
    return f"{variable}_q{round(100 * q):02d}"


def _quantile_rows(name: str, result: MonteCarloResult, period: str) -> list[dict]:
    annual = fan_quantiles(result.annual_growth, labels=[period])
    ytd = fan_quantiles(result.ytd_path).rename(index=lambda p: f"{period}-{p}")
    rows = []
    for variable, table in (("grdp_growth", annual), ("grdp_growth_ytd", ytd)):
        for p, values in table.iterrows():
            rows += [
                _row(name, _quantile_name(variable, q), "%", str(p), 100.0 * v)
                for q, v in values.items()
            ]
    return rows


def outlook_rows(scenario: Scenario, result: MonteCarloResult, *, plan_year: int) -> pd.DataFrame:
    """The outlook as tidy results rows: ``scenario, variable, unit, period, value``.

    Parameters
    ----------
    scenario : Scenario
        The scenario simulated (its name labels the rows).
    result : MonteCarloResult
        :func:`scenario_outlook`.
    plan_year : int
        The year the outlook is for (the plan pack's ``plan_year``): the rows' period.

    Returns
    -------
    DataFrame
        Columns :data:`analysis.outlook.result_table.RESULT_COLUMNS`, values in reporting units:

        - ``probability_grdp_growth_target``, ``probability_grdp_per_capita_target``,
          ``probability_structure_target``, ``probability_all_macro_targets`` (unit ``%``,
          period the plan year, e.g. ``2024``), each followed by its Monte Carlo standard
          error (``..._standard_error``, unit ``pp``); a target not assessed has no row;
        - ``grdp_growth_qNN``: quantile NN % of annual real growth (unit ``%``, period the
          plan year), NN in 05, 10, 20, …, 90, 95
          (:data:`analysis.economics.montecarlo.FAN_PROBABILITIES`);
        - ``grdp_growth_ytd_qNN``: the same for year-to-date growth, periods
          ``<plan year>-Q1``, ``-6M``, ``-9M``, ``-FY``.

    Raises
    ------
    ValueError
        If the arguments are not a Scenario and a MonteCarloResult.
    """
    check_scenario(scenario)
    if not isinstance(result, MonteCarloResult):
        raise ValueError(f"result: must be a MonteCarloResult, got {type(result).__name__}")
    period = str(check_year(plan_year, "plan_year"))
    rows = _probability_rows(scenario.name, result, period)
    rows += _quantile_rows(scenario.name, result, period)
    return check_results(pd.DataFrame(rows), scenario.name)


__all__ = [
    "EVENT_VARIABLES",
    "SHARE_TARGET_IDS",
    "SIDE_SCALES",
    "UNCERTAINTY_KEYS",
    "SectorRecord",
    "central_sector_growth",
    "macro_targets",
    "outlook_rows",
    "outlook_sectors",
    "outlook_setup",
    "published_growth",
    "published_plan",
    "scenario_calibration",
    "scenario_outlook",
    "sector_record",
]
