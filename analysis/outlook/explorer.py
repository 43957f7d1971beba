"""The what-if explorer's computation: one plan and one set of assumptions in, every figure out.

:func:`explore` is a pure function of a plan pack (:class:`analysis.data.plans.Plan`) and the
explorer's settings (:class:`~analysis.outlook.explorer_settings.ExplorerSettings`, a
scenario's assumptions in percent). It validates them as a scenario file is validated
(:class:`analysis.data.scenarios.Scenario`), then runs the very functions the report notebooks
call, so the explorer and the reports agree for the same settings:

- notebook 01: :func:`analysis.outlook.inputs.projection_inputs`,
  :func:`analysis.economics.projection.project_year`, ``ytd_path`` and ``required_path``
  (GRDP at current prices and in USD, per head against its target, what the remaining
  quarters need once year-to-date figures are published);
- notebook 02: the base year's structure rolled forward (the scenario's sector growth, else
  the base year's pattern scaled to its growth), the target shares and the solver's closures
  (:mod:`analysis.economics.closures`) with their verdicts, when the plan states a structure
  target;
- notebook 03: the deflator that reconciles the growth and per-head targets
  (:func:`analysis.economics.growth.required_deflator`) with the scenario's population growth
  and depreciation, and the deflator at which the scenario's own growth reaches the per-head
  target;
- notebook 05: the Monte Carlo of the macro targets
  (:func:`analysis.outlook.scenario_outlook.outlook_setup`,
  :func:`analysis.economics.montecarlo.simulate_targets`) on the record up to the base year,
  with the plan's seed: a smaller draw (:data:`EXPLORER_DRAWS`) and its standard errors.

What does not change with the settings (the record up to the base year, the structure inputs,
the sector record, the plausible ranges, the calibration of each set of ``uncertainty``
scales) is read once per plan into an :class:`ExplorerBasis` (:func:`explorer_basis`), which
a caller that explores many settings passes in; the figures are the same with or without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.data.plans import Plan
from analysis.data.scenarios import SECTORS, Scenario
from analysis.economics.calibration import Calibration
from analysis.economics.closures import equal_prices, given_growth, min_deviation
from analysis.economics.growth import required_deflator
from analysis.economics.montecarlo import MacroTargets, MonteCarloResult, simulate_targets
from analysis.economics.plausibility import PlausibleRange
from analysis.economics.projection import ProjectionInputs, project_year, required_path, ytd_path
from analysis.economics.sector_growth import fold_taxes_into_services, pattern_growth
from analysis.economics.structure import project_shares
from analysis.economics.structure_solution import StructureSolution
from analysis.errors import InputError
from analysis.outlook.consistency_inputs import structure_inputs_from_series
from analysis.outlook.explorer_settings import ExplorerSettings, scenario_from_settings
from analysis.outlook.inputs import SectorBases, projection_inputs, sector_bases
from analysis.outlook.published_record import plausible_ranges
from analysis.outlook.record import record_through
from analysis.outlook.scenario_outlook import (
    SHARE_TARGET_IDS,
    SectorRecord,
    central_sector_growth,
    macro_targets,
    outlook_setup,
    scenario_calibration,
    sector_record,
)

EXPLORER_DRAWS = 20_000
"""Monte Carlo draws per change in the explorer: a standard error of at most 0.35 point
(√(0.25 / 20,000)) at a fraction of the reports' 200,000 draws' time."""

FAN_LEVELS: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)
"""Quantiles of year-to-date growth the explorer's chart shades (90 % and 50 % bands)."""


# --- what a plan gives every exploration ----------------------------------------------------


@dataclass(eq=False)
class ExplorerBasis:
    """What does not change with the settings: read once per plan by :func:`explorer_basis`.

    Attributes
    ----------
    plan : Plan
    record : DataFrame
        The published series up to the plan's base year (what the reports read ex ante).
    bases : SectorBases or None
        The base year's weights and shares of the four parts (None when not published).
    sectors : SectorRecord or None
        The Monte Carlo's sector record (only when the plan states a structure target).
    structure : dict or None
        :func:`analysis.outlook.consistency_inputs.structure_inputs_from_series` (the base
        year's shares and weights with taxes in services, the historical baseline), when the
        plan states a structure target.
    target_shares : Series or None
        The target shares (fractions), three sectors, when stated.
    ranges : dict
        :func:`analysis.outlook.published_record.plausible_ranges`: the range of each field.
    """

    plan: Plan
    record: pd.DataFrame
    bases: SectorBases | None
    sectors: SectorRecord | None
    structure: dict | None
    target_shares: pd.Series | None
    ranges: dict[str, PlausibleRange]
    _calibrations: dict[tuple, Calibration] = field(default_factory=dict, repr=False)
    _targets: dict[str, MacroTargets] = field(default_factory=dict, repr=False)

    @property
    def known(self) -> dict[str, Any]:
        """The plan's base year and assumptions, as the outlook functions take them."""
        return {"base_year": self.plan.base_year, "assumptions": self.plan.assumptions}

    def calibration(self, scenario: Scenario) -> Calibration:
        """:func:`analysis.outlook.scenario_outlook.scenario_calibration` of the scenario on the
        record, once per set of ``uncertainty`` scales."""
        key = tuple(sorted(scenario.uncertainty.given().items()))
        if key not in self._calibrations:
            self._calibrations[key] = scenario_calibration(scenario, self.record, **self.known)
        return self._calibrations[key]

    def targets(self, convention: str) -> MacroTargets:
        """:func:`analysis.outlook.scenario_outlook.macro_targets` in ``convention``."""
        if convention not in self._targets:
            self._targets[convention] = macro_targets(self.plan.targets, convention)
        return self._targets[convention]

    def central_sector_growth(self, settings: ExplorerSettings) -> dict[str, float]:
        """The four parts' central growth (%) the Monte Carlo uses for these settings: the
        record's pattern moved to the aggregate (where the explorer starts growth by sector).

        Raises
        ------
        InputError
            The plan's record has no sector weights or loadings (no structure target).
        """
        if self.sectors is None:
            raise InputError(
                str(self.plan.paths.plan_file),
                "growth.sectors",
                "the plan states no structure target, so the record's sector pattern is not read",
            )
        scenario = scenario_from_settings(settings)
        inputs = projection_inputs(
            scenario, self.plan.baselines, self.record, bases=self.bases, **self.known
        )
        central = central_sector_growth(
            scenario,
            inputs.annual_real_growth,
            self.sectors.bases.weights,
            self.sectors.loadings,
            self.sectors.history,
        )
        return {s: 100.0 * float(central[s]) for s in SECTORS}


def _has_structure_target(plan: Plan) -> bool:
    return bool(plan.targets["indicator_id"].isin(list(SHARE_TARGET_IDS.values())).any())


def _optional_bases(plan: Plan, record: pd.DataFrame) -> SectorBases | None:
    try:
        return sector_bases(record, base_year=plan.base_year, assumptions=plan.assumptions)
    except (InputError, ValueError, KeyError):
        return None


def explorer_basis(plan: Plan) -> ExplorerBasis:
    """Read what every exploration of ``plan`` shares (about a quarter of a second, once).

    Parameters
    ----------
    plan : Plan
        A loaded plan pack (:func:`analysis.data.plans.load_plan`).

    Returns
    -------
    ExplorerBasis
    """
    if not isinstance(plan, Plan):
        raise ValueError(f"plan: must be a Plan (load_plan), got {type(plan).__name__}")
    record = record_through(plan.series, plan.base_year)
    known = {"base_year": plan.base_year, "assumptions": plan.assumptions}
    structure, sectors, shares = None, None, None
    if _has_structure_target(plan):
        structure = structure_inputs_from_series(plan.series, **known)
        sectors = sector_record(record, **known)
        targets = plan.targets.set_index("indicator_id")["target"]
        shares = pd.Series(
            {s: float(targets[i]) / 100.0 for s, i in SHARE_TARGET_IDS.items()}
        ).reindex(structure["shares_base"].index)
    return ExplorerBasis(
        plan=plan,
        record=record,
        bases=_optional_bases(plan, record),
        sectors=sectors,
        structure=structure,
        target_shares=shares,
        ranges=plausible_ranges(plan.series, plan.base_year),
    )


# --- the result ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class StructureOutlook:
    """The plan year's structure against the target shares (fractions, taxes in services).

    Attributes
    ----------
    base_shares, shares, target_shares : Series
        The base year's shares, the plan year's under the scenario's sector path with equal
        sector prices (report 02), the targets.
    sector_growth : Series
        The sector path (three sectors): the scenario's own, or the base year's pattern
        scaled to its growth.
    by_scenario : bool
        True when the path is the scenario's own sector growth.
    solutions : tuple of StructureSolution
        Closure A (equal prices), C (minimum deviation) and, with the scenario's own sector
        growth, B (given growth).
    """

    base_shares: pd.Series
    shares: pd.Series
    target_shares: pd.Series
    sector_growth: pd.Series
    by_scenario: bool
    solutions: tuple[StructureSolution, ...]

    @property
    def gap(self) -> pd.Series:
        """Projected minus target shares, fractions."""
        return self.shares - self.target_shares

    def solution(self, closure: str) -> StructureSolution | None:
        """The solution of a closure (``equal_prices``, ``min_deviation``, ``given_growth``)."""
        return next((s for s in self.solutions if s.closure == closure), None)


@dataclass(frozen=True, eq=False)
class Exploration:
    """Every figure of one exploration. Rates are fractions; levels in the documents' units.

    Attributes
    ----------
    settings : ExplorerSettings
    scenario : Scenario
        The settings validated as a scenario.
    plan_year, base_year : int
    inputs : ProjectionInputs
    projection : DataFrame
        :func:`analysis.economics.projection.project_year` (percent, long format).
    ytd : DataFrame
        :func:`analysis.economics.projection.ytd_path`.
    required : DataFrame or None
        :func:`analysis.economics.projection.required_path` once year-to-date figures are
        published, else None.
    growth_target : float
        Fraction (0.145).
    per_capita_target : float
        USD.
    required_deflator : float
        The deflator at which the scenario's growth gives the per-head target.
    target_deflator : float
        The deflator that reconciles the growth and per-head targets (report 03's check),
        with the scenario's population growth and depreciation.
    structure : StructureOutlook or None
        None when the plan states no structure target.
    outlook : MonteCarloResult
    targets : MacroTargets
    fan : DataFrame
        Quantiles :data:`FAN_LEVELS` of year-to-date growth (fractions), rows Q1, 6M, 9M, FY.
    """

    settings: ExplorerSettings
    scenario: Scenario
    plan_year: int
    base_year: int
    inputs: ProjectionInputs
    projection: pd.DataFrame
    ytd: pd.DataFrame
    required: pd.DataFrame | None
    growth_target: float
    per_capita_target: float
    required_deflator: float
    target_deflator: float
    structure: StructureOutlook | None
    outlook: MonteCarloResult
    targets: MacroTargets
    fan: pd.DataFrame

    def value(self, variable: str, period: str | None = None) -> float:
        """A figure of the projection (reporting units), the plan year's by default."""
        period = str(self.plan_year) if period is None else str(period)
        rows = self.projection[
            (self.projection["variable"] == variable) & (self.projection["period"] == period)
        ]
        if rows.empty:
            raise KeyError(f"projection: no {variable!r} for {period}")
        return float(rows["value"].iloc[0])

    @property
    def growth(self) -> float:
        """Annual real growth, fraction."""
        return self.inputs.annual_real_growth

    @property
    def deflator(self) -> float:
        """GRDP deflator change, fraction."""
        return self.inputs.deflator

    @property
    def grdp_current_prices(self) -> float:
        """GRDP at current prices in the plan year, trillion VND."""
        return self.value("grdp_current_prices")

    @property
    def grdp_usd(self) -> float:
        """GRDP in the plan year, bn USD."""
        return self.value("grdp_usd")

    @property
    def per_capita_usd(self) -> float:
        """GRDP per head in the plan year, USD."""
        return self.value("grdp_per_capita_usd")

    @property
    def per_capita_base(self) -> float:
        """GRDP per head in the base year, USD."""
        return self.value("grdp_per_capita_usd", str(self.base_year))

    @property
    def remaining_growth(self) -> float | None:
        """Growth each remaining quarter needs for the growth target (fraction), once
        year-to-date figures are published; None before."""
        if self.required is None:
            return None
        rows = self.required[self.required["variable"] == "grdp_growth_quarter_required"]
        return None if rows.empty else float(rows["value"].iloc[0]) / 100.0

    @property
    def quarters_known(self) -> int:
        """Quarters of the plan year already published."""
        return len(self.scenario.ytd_actuals.given())

    @property
    def probabilities(self) -> pd.DataFrame:
        """The Monte Carlo's table: ``probability`` and ``standard_error`` by event (growth,
        per_capita, structure, joint), fractions; events not assessed left out."""
        table = self.outlook.table[["probability", "standard_error"]]
        return table[np.isfinite(table["probability"].to_numpy(dtype=float))]


# --- the computation ----------------------------------------------------------------------


def _structure(
    basis: ExplorerBasis, scenario: Scenario, inputs: ProjectionInputs
) -> StructureOutlook | None:
    """Report 02's structure and solver results for the scenario."""
    if basis.structure is None or basis.target_shares is None:
        return None
    struct, target = basis.structure, basis.target_shares
    shares_base, weights = struct["shares_base"], struct["weights_base"]
    g, deflator = inputs.annual_real_growth, inputs.deflator
    by_scenario = len(scenario.growth.sectors.given()) == len(SECTORS)
    if by_scenario:
        path = fold_taxes_into_services(scenario.sector_growth(), basis.bases.weights)
    else:
        path = pattern_growth(weights, struct["sector_growth_base"], g)
    common = {"target_growth": g, "deflator": deflator, "baseline": struct["baseline"]}
    solutions = [
        equal_prices(shares_base, weights, target, **common),
        min_deviation(shares_base, weights, target, **common),
    ]
    if by_scenario:
        solutions.append(given_growth(shares_base, weights, target, sector_growth=path, **common))
    return StructureOutlook(
        base_shares=shares_base,
        shares=project_shares(shares_base, path),
        target_shares=target,
        sector_growth=path,
        by_scenario=by_scenario,
        solutions=tuple(solutions),
    )


def _deflators(
    inputs: ProjectionInputs, targets: MacroTargets, scenario: Scenario
) -> tuple[float, float]:
    """The deflator for the per-head target at the scenario's growth and at the target's."""
    args = (
        inputs.per_capita_usd_base,
        targets.per_capita_usd,
        scenario.population_growth / 100.0,
        scenario.exchange_rate.depreciation / 100.0,
    )
    return (
        float(required_deflator(inputs.annual_real_growth, *args)),
        float(required_deflator(targets.growth, *args)),
    )


def explore(
    plan: Plan,
    settings: ExplorerSettings,
    *,
    n_draws: int = EXPLORER_DRAWS,
    seed: int | None = None,
    basis: ExplorerBasis | None = None,
) -> Exploration:
    """Every figure the explorer shows for ``settings`` on ``plan``.

    Parameters
    ----------
    plan : Plan
        A loaded plan pack.
    settings : ExplorerSettings
        The assumptions (percent).
    n_draws : int, default EXPLORER_DRAWS
        Monte Carlo draws (the reports draw 200,000; the same number gives the same table).
    seed : int, optional
        The Monte Carlo seed; the plan's (``plan.seed``, as in the reports) by default.
    basis : ExplorerBasis, optional
        :func:`explorer_basis` of ``plan``, when the caller keeps it (faster, same figures).

    Returns
    -------
    Exploration

    Raises
    ------
    InputError, InputErrors
        Settings the scenario model refuses (the field and the rule), or assumptions that do
        not fit together (:func:`analysis.outlook.inputs.projection_inputs`).

    Notes
    -----
    The same calls, in the same order, as report notebooks 01, 02, 03 and 05; the required
    deflator ``π* = (y*/y0)(1 + n)(1 + e)/(1 + g) − 1`` (methodology section 3) at the
    scenario's growth g and at the target g*.
    """
    if basis is None:
        basis = explorer_basis(plan)
    elif basis.plan is not plan:
        raise ValueError("basis: must be explorer_basis(plan) of the same plan")
    scenario = scenario_from_settings(settings)
    inputs = projection_inputs(
        scenario, plan.baselines, basis.record, bases=basis.bases, **basis.known
    )
    targets = basis.targets(scenario.structure_convention)
    published = scenario.ytd_fractions()
    required = (
        required_path(targets.growth, published, inputs.quarterly_weights, year=plan.plan_year)
        if published
        else None
    )
    setup = outlook_setup(
        scenario,
        baselines=plan.baselines,
        series=basis.record,
        calibration=basis.calibration(scenario),
        sectors=targets.shares is not None,
        sector_record=basis.sectors,
        **basis.known,
    )
    result = simulate_targets(
        setup, targets, n_draws=n_draws, seed=plan.seed if seed is None else seed
    )
    deflator_at_growth, deflator_at_target = _deflators(inputs, targets, scenario)
    return Exploration(
        settings=settings,
        scenario=scenario,
        plan_year=plan.plan_year,
        base_year=plan.base_year,
        inputs=inputs,
        projection=project_year(inputs),
        ytd=ytd_path(inputs),
        required=required,
        growth_target=targets.growth,
        per_capita_target=targets.per_capita_usd,
        required_deflator=deflator_at_growth,
        target_deflator=deflator_at_target,
        structure=_structure(basis, scenario, inputs),
        outlook=result,
        targets=targets,
        fan=_fan(result),
    )


def _fan(result: MonteCarloResult) -> pd.DataFrame:
    draws = result.ytd_path.to_numpy()
    levels = np.asarray(FAN_LEVELS)
    return pd.DataFrame(
        np.quantile(draws, levels, axis=0).T, index=list(result.ytd_path.columns), columns=levels
    )


def slider_range(basis: ExplorerBasis, key: str, value: float | None) -> tuple[float, float]:
    """The range (percent) a control of field ``key`` moves in: the plausible range of
    :func:`analysis.outlook.published_record.plausible_ranges` (so that anything the explorer
    saves passes ``make check``), widened to hold the starting value.

    Keys: ``growth``, ``sector_growth.<sector>``, ``deflator``, ``depreciation``,
    ``population_growth``; sector prices move in the deflator's range.
    """
    plausible = basis.ranges.get(key) or basis.ranges.get("deflator")
    low, high = (-10.0, 30.0) if plausible is None else (100 * plausible.low, 100 * plausible.high)
    if value is not None:
        low, high = min(low, value), max(high, value)
    return round(low, 2), round(high, 2)


__all__ = [
    "EXPLORER_DRAWS",
    "FAN_LEVELS",
    "Exploration",
    "ExplorerBasis",
    "StructureOutlook",
    "explore",
    "explorer_basis",
    "slider_range",
]
