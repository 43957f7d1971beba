"""The figures of the one-page summary, composed from the run's own results and the scorecard.

Nothing here is computed afresh: each figure is read from where the report it summarises takes
it, so the summary and that report agree by construction:

- growth, GRDP per head and the probabilities of each scenario: the scenario's tidy results
  (``results.csv``, :func:`analysis.outlook.results.scenario_results`), the table the
  comparison (04) and the trajectory (01) show;
- the projected structure: :func:`projected_shares`, the path of the structural-shift report
  (02): the scenario's own sector growth when it gives all four sectors, else the base year's
  pattern scaled to its growth, with equal sector prices;
- the results of the year, the targets met, at risk and missed, and what the remaining quarters
  need: the scorecard (06): :func:`analysis.economics.scorecard.assess` of the pack's actual
  results, :func:`analysis.economics.scorecard_in_year.in_year_view` with the weights and the
  record of :func:`analysis.outlook.quarter_weights.in_year_record` for the reference scenario.

Values are in reporting units (percent, USD) except the in-year requirement, a fraction as the
scorecard holds it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.data.plans import Plan
from analysis.data.scenarios import Scenario
from analysis.economics.scorecard import assess, group_results
from analysis.economics.scorecard_in_year import in_year_view, ytd_growth
from analysis.economics.sector_growth import fold_taxes_into_services, pattern_growth
from analysis.economics.structure import project_shares
from analysis.outlook.consistency_inputs import structure_inputs_from_series
from analysis.outlook.inputs import projection_inputs, sector_bases
from analysis.outlook.quarter_weights import in_year_record

GROWTH = "grdp_growth"
PER_HEAD = "grdp_per_capita_usd"
P_GROWTH = "probability_grdp_growth_target"
P_PER_HEAD = "probability_grdp_per_capita_target"
P_STRUCTURE = "probability_structure_target"
AT_RISK: tuple[str, ...] = ("wrong_direction", "off_track", "needs_acceleration")
"""Scorecard statuses of in-year figures counted as at risk (the scorecard's watch list)."""


@dataclass(frozen=True)
class ScenarioFigures:
    """One scenario's plan-year figures (percent, USD); NaN where the results hold none."""

    name: str
    growth: float
    per_head: float
    p_growth: float
    p_per_head: float
    p_structure: float


@dataclass(frozen=True)
class Outturn:
    """The year's result of one target as the scorecard judges it (latest publication)."""

    actual: float
    target: float
    achieved: bool
    as_of: pd.Timestamp


@dataclass(frozen=True)
class Summary:
    """Everything the summary states, in reporting units."""

    plan_year: int
    base_year: int
    reference: str
    growth_target: float
    per_head_target: float | None
    scenarios: list[ScenarioFigures]
    """Ordered by growth, low to high (ties by name)."""
    growth_outturn: Outturn | None
    per_head_outturn: Outturn | None
    share_targets: pd.Series | None
    """Target shares, percent, by sector; None when the plan states no structure target."""
    shares_projected: pd.Series | None
    """The reference scenario's structure in the plan year, percent (as report 02)."""
    statuses: dict[str, list[str]] = field(default_factory=dict)
    """Scorecard status -> indicator ids, in the resolution's order."""
    groups: dict[str, int] = field(default_factory=dict)
    """Groups of targets: ``groups``, ``met``, ``not_met``, ``open``."""
    quarters_done: int = 0
    required_growth: float = math.nan
    """Growth each remaining quarter needs for the target (fraction); NaN once the year is in."""
    required_verdict: str = ""
    period: str | None = None
    """The last year-to-date period published (``2024-6M``), None before any."""
    record_year: int | None = None
    """The year whose quarters the requirement is judged against (the scorecard's record)."""
    shares_outturn: pd.Series | None = None
    """The year's published shares, percent, when every one is published."""
    assessment: pd.DataFrame | None = None
    """The scorecard's assessment (:func:`analysis.economics.scorecard.assess`), row per target."""
    in_year: pd.Series | None = None
    """The last row of the scorecard's in-year view (what the rest of the year needs)."""

    @property
    def reference_figures(self) -> ScenarioFigures:
        """The reference scenario's figures."""
        return next(s for s in self.scenarios if s.name == self.reference)


def _value(table: pd.DataFrame, variable: str, period: str) -> float:
    rows = table[(table["variable"] == variable) & (table["period"].astype(str) == period)]
    return float(rows["value"].iloc[0]) if len(rows) else math.nan


def scenario_figures(tables: Mapping[str, pd.DataFrame], year: int) -> list[ScenarioFigures]:
    """Each scenario's growth, per head and probabilities of ``year``, by growth (low first).

    Parameters
    ----------
    tables : mapping
        Scenario name -> its tidy results (columns ``variable, period, value``).
    year : int
        The plan year.
    """
    period = str(year)
    out = [
        ScenarioFigures(
            name=name,
            growth=_value(t, GROWTH, period),
            per_head=_value(t, PER_HEAD, period),
            p_growth=_value(t, P_GROWTH, period),
            p_per_head=_value(t, P_PER_HEAD, period),
            p_structure=_value(t, P_STRUCTURE, period),
        )
        for name, t in tables.items()
    ]
    return sorted(out, key=lambda s: (s.growth, s.name))


def projected_shares(pack: Plan, scenario: Scenario) -> pd.Series:
    """The scenario's plan-year structure in percent, as the structural-shift report draws it.

    The scenario's sector growth when it gives all four sectors (product taxes folded into
    services at the base year's weights), else the base year's sector pattern scaled to its
    aggregate growth; equal sector prices (notebook 02, "base → plan year").
    """
    base = pack.base_year
    struct = structure_inputs_from_series(pack.series, base_year=base, assumptions=pack.assumptions)
    shares_base, weights = struct["shares_base"], struct["weights_base"]
    if len(scenario.growth.sectors.given()) == 4:
        bases = sector_bases(pack.series, base_year=base, assumptions=pack.assumptions)
        path = fold_taxes_into_services(scenario.sector_growth(), bases.weights)
    else:
        inputs = projection_inputs(
            scenario, pack.baselines, pack.series, base_year=base, assumptions=pack.assumptions
        )
        path = pattern_growth(weights, struct["sector_growth_base"], inputs.annual_real_growth)
    return 100 * project_shares(shares_base, path)


def share_targets(targets: pd.DataFrame, sectors: Sequence[str]) -> pd.Series | None:
    """The target shares (percent) of ``sectors``, or None unless the plan states them all."""
    table = targets.set_index("indicator_id")
    ids = [f"share_{s}" for s in sectors]
    if not all(i in table.index for i in ids):
        return None
    return pd.Series({s: float(table.loc[f"share_{s}", "target"]) for s in sectors})


def _outturn(assessment: pd.DataFrame, indicator: str, final: str) -> Outturn | None:
    rows = assessment[
        (assessment["indicator_id"] == indicator) & (assessment["period"].astype(str) == final)
    ]
    if rows.empty or pd.isna(rows["achieved"].iloc[0]):
        return None
    row = rows.iloc[0]
    return Outturn(
        actual=float(row["actual"]),
        target=float(row["target"]),
        achieved=bool(row["achieved"]),
        as_of=pd.Timestamp(row["as_of"]),
    )


def _statuses(assessment: pd.DataFrame) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for ident, status in zip(assessment["indicator_id"], assessment["status"], strict=True):
        out.setdefault(str(status), []).append(str(ident))
    return out


def _groups(assessment: pd.DataFrame) -> dict[str, int]:
    verdicts = group_results(assessment)["status"].value_counts()
    counts = {k: int(verdicts.get(k, 0)) for k in ("met", "not_met", "open")}
    return {"groups": sum(counts.values()), **counts}


def _in_year(
    pack: Plan, figures: pd.DataFrame, reference: Scenario, target: float
) -> tuple[pd.Series, int | None]:
    """The last row of the scorecard's in-year view (what the rest of the year needs) and the
    year of the record it is judged against, as notebook 06 computes them
    (:func:`analysis.outlook.quarter_weights.in_year_record`)."""
    known = in_year_record(pack, reference)
    view = in_year_view(
        ytd_growth(figures), target / 100, known.weights, reference_quarters=known.record["growth"]
    )
    return view.iloc[-1], known.year


def _shares_outturn(
    assessment: pd.DataFrame, sectors: Sequence[str], final: str
) -> pd.Series | None:
    found = {s: _outturn(assessment, f"share_{s}", final) for s in sectors}
    if any(v is None for v in found.values()):
        return None
    return pd.Series({s: v.actual for s, v in found.items() if v is not None})


def plan_summary(
    pack: Plan,
    tables: Mapping[str, pd.DataFrame],
    reference: Scenario,
    actuals: pd.DataFrame | None = None,
) -> Summary:
    """The summary of a run: its scenarios' results, the structure, the scorecard.

    Parameters
    ----------
    pack : Plan
        The plan pack.
    tables : mapping
        Scenario name -> its tidy results (``results.csv`` of the run), every scenario of the
        run; must hold ``reference``.
    reference : Scenario
        The run's reference scenario (the plan's own when the run has it): the projected
        structure and the quarterly weights of the in-year requirement.
    actuals : DataFrame, optional
        The actual results (default: the pack's, :attr:`analysis.data.plans.Plan.actuals`).

    Raises
    ------
    ValueError
        ``tables`` does not hold the reference scenario.
    """
    if reference.name not in tables:
        raise ValueError(
            f"tables: must hold the reference scenario {reference.name!r}, got {sorted(tables)}"
        )
    figures = pack.actuals if actuals is None else actuals
    assessment = assess(pack.targets, figures)
    targets = pack.targets.set_index("indicator_id")
    growth_target = float(targets.loc[GROWTH, "target"])
    per_head_target = float(targets.loc[PER_HEAD, "target"]) if PER_HEAD in targets.index else None
    final = pack.final_period
    growth_outturn = _outturn(assessment, GROWTH, final)
    struct = structure_inputs_from_series(
        pack.series, base_year=pack.base_year, assumptions=pack.assumptions
    )
    sectors = list(struct["shares_base"].index)
    shares_target = share_targets(pack.targets, sectors)
    now, record_year = _in_year(pack, figures, reference, growth_target)
    year_in = growth_outturn is not None
    return Summary(
        plan_year=pack.plan_year,
        base_year=pack.base_year,
        reference=reference.name,
        growth_target=growth_target,
        per_head_target=per_head_target,
        scenarios=scenario_figures(tables, pack.plan_year),
        growth_outturn=growth_outturn,
        per_head_outturn=_outturn(assessment, PER_HEAD, final),
        share_targets=shares_target,
        shares_projected=projected_shares(pack, reference) if shares_target is not None else None,
        statuses=_statuses(assessment),
        groups=_groups(assessment),
        quarters_done=4 if year_in else int(now["quarters_done"]),
        required_growth=math.nan if year_in else float(now["required_growth"]),
        required_verdict="" if year_in else str(now["verdict"]),
        period=None if year_in or now["period"] is None else str(now["period"]),
        record_year=record_year,
        shares_outturn=_shares_outturn(assessment, sectors, final)
        if shares_target is not None
        else None,
        assessment=assessment,
        in_year=now,
    )


def reference_of(pack: Plan, scenarios: Sequence[Scenario], name: str = "") -> Scenario:
    """The run's reference scenario: the one named, else the plan's own when the run has it,
    else the first (as :func:`analysis.run.jobs.reference_scenario` chooses it)."""
    wanted = name or pack.spec.default_scenario

    def named(s: Scenario) -> bool:
        return s.name == wanted or (bool(name) and Path(s.path).resolve() == Path(name).resolve())

    found = [s for s in scenarios if named(s)]
    if not found and name:
        raise ValueError(f"scenario: {name!r} is not one of the run's scenarios")
    return found[0] if found else scenarios[0]
