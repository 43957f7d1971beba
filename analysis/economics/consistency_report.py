"""Consistency report for a whole target set: do the plan year's targets hold together?

:func:`consistency_report` runs every check on plain numbers and Series (fractions in,
percent out) and stacks their rows into one table (:mod:`analysis.economics.consistency_rows`):

- per head against growth (methodology §3, :mod:`analysis.economics.consistency_per_head`):
  the deflator the pair of targets needs and the nominal GRDP it implies, against the
  national deflator and the province's own record;
- structure against growth (§4, :mod:`analysis.economics.consistency_structure`): the sector
  growth the target structure needs under the solver's closures
  (:mod:`analysis.economics.closures`), against history;
- ICOR, relative labour productivity, and budget revenue and investment as shares of nominal
  GRDP (§8, :mod:`analysis.economics.consistency_ratios`).

A plan need not state every target: a check whose target the plan lacks is left out and an
'information' row ``no_target.<target>`` says so; without a structure target, a given sector
plan is checked against the growth target on its own (``sector_plan.aggregate``).

The same report with its inputs read from a plan's tables is
:func:`analysis.outlook.consistency_inputs.consistency_report_from_tables`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import (
    ROUNDED_TOLERANCE,
    check_growth,
    check_sector_shares,
    check_sectors_aligned,
)
from analysis.economics.closures import DEFAULT_PRICE_SD, equal_prices, given_growth, min_deviation
from analysis.economics.consistency_per_head import DEFLATOR_TOLERANCE, per_head_check
from analysis.economics.consistency_ratios import (
    ICOR_BAND,
    icor_check,
    productivity_check,
    ratio_check,
)
from analysis.economics.consistency_rows import (
    as_rate,
    as_year,
    percent,
    report_row,
    report_table,
)
from analysis.economics.consistency_structure import structure_check
from analysis.economics.growth import required_deflator
from analysis.economics.sector_growth import GrowthBaseline
from analysis.economics.structure_solution import Z_LIMIT

SECTOR_PLAN_TOLERANCE = 0.002
"""How far (0.2 point) a sector plan's aggregate may lie from the growth target and still agree.

Sector plans are stated to one decimal (± 0.05 point each, about ± 0.05 point once weighted)
and the base year's weights are revealed from rounded contributions (their sum misses 1 by up
to a few tenths of a percent); 0.2 point covers both with a margin."""

MISSING_TARGETS: dict[str, str] = {
    "structure": (
        "the plan states no structure target (current-price shares by sector): the structure "
        "solver's checks and relative labour productivity are left out"
    ),
    "labour_shares": (
        "the plan states no labour structure target: relative labour productivity is left out"
    ),
    "budget_revenue": (
        "the plan states no budget revenue target: budget revenue / GRDP is left out"
    ),
    "investment": (
        "the plan states no social investment target: the ICOR and investment / GRDP are left out"
    ),
}
"""The note of the 'information' row ``no_target.<key>`` for each target a plan may lack."""


def missing_target_rows(missing: list[str]) -> pd.DataFrame:
    """'information' rows ``no_target.<key>`` for the targets a plan lacks
    (keys of :data:`MISSING_TARGETS`), value NaN."""
    unknown = [k for k in missing if k not in MISSING_TARGETS]
    if unknown:
        raise ValueError(f"missing: unknown target(s) {unknown}; known {list(MISSING_TARGETS)}")
    return report_table(
        [
            report_row(
                f"no_target.{k}",
                np.nan,
                "",
                np.nan,
                "information",
                MISSING_TARGETS[k],
                "no_target",
                {"target": k},
            )
            for k in missing
        ]
    )


def sector_plan_check(
    sector_growth_plan: Any,
    weights_base: Any,
    *,
    target_growth: float,
    base_year: int,
    plan_label: str = "",
    tolerance: float = SECTOR_PLAN_TOLERANCE,
    plan_source: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Row ``sector_plan.aggregate``: the growth a sector plan adds up to, against the target.

    Parameters
    ----------
    sector_growth_plan : Series or dict
        The plan's real growth by sector, fractions.
    weights_base : Series, dict or None
        The base year's constant-price weights of the same sectors (summing to 1 within
        ``ROUNDED_TOLERANCE``; rescaled to 1); None when the data do not give them (the row
        then says so, value NaN, verdict 'information').
    target_growth : float
        g*, fraction.
    base_year : int
        The plan's base year (named in the note).
    plan_label : str, optional
        Where the sector plan comes from (starts the note).
    tolerance : float, default SECTOR_PLAN_TOLERANCE
        |aggregate − g*| up to this is 'consistent'; beyond it 'inconsistent'.
    plan_source : mapping, optional
        Where the sector plan comes from as data (figure ``source`` of the row, for reports).

    Returns
    -------
    DataFrame
        One row, the aggregate in percent (``value_base`` NaN).

    Raises
    ------
    ValueError
        On mismatched sectors, weights that do not sum to 1, growth at or below −1 or a
        negative tolerance.

    Notes
    -----
    ``1 + g = Σ w_i (1 + g_i)`` with the base year's weights (methodology §2 and §4).
    Worked: weights 0.712354 / 0.177486 / 0.110160 (base year 2023, taxes in services) and
    the master plan's 17 / 10 / 2 % give 0.121100 + 0.017749 + 0.002203 = 14.105 %.
    """
    year = as_year(base_year, "base_year")
    if weights_base is None:
        note = (
            f"{plan_label + ': ' if plan_label else ''}the {year} constant-price weights are not "
            "in the data (the base year's contributions and sector growth): the sector plan is "
            "not added up"
        )
        figures = {"year": year, "source": dict(plan_source or {})}
        return report_table(
            [
                report_row(
                    "sector_plan.aggregate",
                    np.nan,
                    "% growth",
                    np.nan,
                    "information",
                    note,
                    "sector_plan_no_weights",
                    figures,
                )
            ]
        )
    w = check_sector_shares(weights_base, "weights_base", None, ROUNDED_TOLERANCE)
    g = check_sectors_aligned(sector_growth_plan, "sector_growth_plan", list(w.index), "weights")
    check_growth(g.to_numpy(), "sector_growth_plan")
    g_star = as_rate(target_growth, "target_growth")
    if not tolerance >= 0:
        raise ValueError(f"tolerance: must be non-negative, got {tolerance!r}")
    aggregate = float((w * (1.0 + g)).sum()) - 1.0
    gap = aggregate - g_star
    verdict = "consistent" if abs(gap) <= tolerance else "inconsistent"
    lead = f"{plan_label}: " if plan_label else ""
    return report_table(
        [
            report_row(
                "sector_plan.aggregate",
                100 * aggregate,
                "% growth",
                np.nan,
                verdict,
                f"{lead}Σ w_i (1 + g_i) − 1 with the {year} weights = {percent(aggregate)} "
                f"against the target {percent(g_star)} (gap {100 * gap:+.2f} pt, "
                f"tolerance ± {100 * tolerance:.2f} pt)",
                "sector_plan",
                {
                    "year": year,
                    "aggregate": aggregate,
                    "target": g_star,
                    "gap": gap,
                    "tolerance": tolerance,
                    "source": dict(plan_source or {}),
                },
            )
        ]
    )


def consistency_report(
    *,
    target_growth: float,
    per_capita_target: float,
    grdp_base: float,
    per_capita_base: float,
    base_year: int,
    plan_year: int,
    population_growth: float,
    depreciation: float,
    national_deflator: float,
    national_year: int | None = None,
    target_shares: Any = None,
    labour_shares: Any = None,
    budget_revenue: float | None = None,
    investment: float | None = None,
    shares_base: Any = None,
    weights_base: Any = None,
    baseline: GrowthBaseline | None = None,
    provincial_deflators: pd.Series | None = None,
    sector_growth_base: pd.Series | None = None,
    sector_growth_plan: Any = None,
    plan_label: str = "",
    plan_source: Mapping[str, Any] | None = None,
    labour_shares_base: Any = None,
    budget_revenue_base: float | None = None,
    investment_base: float | None = None,
    deflator_tolerance: float = DEFLATOR_TOLERANCE,
    icor_band: tuple[float, float] = ICOR_BAND,
    z_limit: float = Z_LIMIT,
    price_sd: Any = DEFAULT_PRICE_SD,
    price_weight: float = 1.0,
    sector_plan_tolerance: float = SECTOR_PLAN_TOLERANCE,
) -> pd.DataFrame:
    """Every consistency check of a target set, one row per check.

    Parameters
    ----------
    target_growth : float
        Real growth target g*, fraction.
    per_capita_target : float
        GRDP per head target, USD.
    grdp_base : float
        GRDP of the base year at current prices, trillion VND.
    per_capita_base : float
        GRDP per head of the base year, USD.
    base_year, plan_year : int
        The plan's base year and plan year (named in the notes).
    population_growth, depreciation : float
        Assumptions n and e, fractions.
    national_deflator : float
        National GDP deflator change, fraction (reference).
    national_year : int, optional
        Its year when it is not the base year's (named in the notes).
    target_shares : Series or dict, optional
        Target structure, fractions, in the convention of ``shares_base`` and
        ``weights_base``; None when the plan states none (row ``no_target.structure``).
    labour_shares : Series or dict, optional
        Target labour structure, fractions; None when the plan states none.
    budget_revenue, investment : float, optional
        Budget revenue and social investment targets, billion VND; None when the plan
        states none.
    shares_base, weights_base : Series or dict, optional
        The base year's current-price shares and constant-price weights (same convention as
        the targets); required with ``target_shares`` (``weights_base`` also for the sector
        plan check).
    baseline : GrowthBaseline, optional
        Historical sector growth (:func:`analysis.economics.sector_growth.historical_baseline`);
        required with ``target_shares``.
    provincial_deflators : Series, optional
        The province's recent deflators by year, fractions.
    sector_growth_base : Series, optional
        The base year's sector growth in the targets' convention, fractions (for
        ``value_base``).
    sector_growth_plan : Series or dict, optional
        Given sector growth: closure B with a structure target, else the row
        ``sector_plan.aggregate`` (with ``weights_base``; without them the row says the
        weights are missing); omitted when None.
    plan_label : str, optional
        Where ``sector_growth_plan`` comes from (shown in the note).
    plan_source : mapping, optional
        The same as data, for the reports' words (figure ``source`` of its rows).
    labour_shares_base : Series or dict, optional
        The base year's labour structure, fractions.
    budget_revenue_base, investment_base : float, optional
        The base year's outturns, billion VND.
    deflator_tolerance, icor_band, z_limit, price_sd, price_weight, sector_plan_tolerance
        See :func:`analysis.economics.consistency_per_head.per_head_check`,
        :func:`analysis.economics.consistency_ratios.icor_check`,
        :func:`analysis.economics.closures.min_deviation` and :func:`sector_plan_check`.

    Returns
    -------
    DataFrame
        Columns :data:`analysis.economics.consistency_rows.REPORT_COLUMNS`; values in report
        units (percent as percent). In order: per head; structure (or ``no_target.structure``
        and ``sector_plan.aggregate``); ICOR; relative productivity; ratios; then a
        ``no_target.<target>`` row for each other target the plan lacks.

    Raises
    ------
    ValueError
        On any input the individual checks refuse, or a structure target without the base
        year's shares, weights and baseline.

    Notes
    -----
    The deflator that reconciles growth and per head (π*) prices every nominal figure:
    nominal GRDP of the plan year, the ICOR at current prices, the ratios and the sector
    price changes.

    References
    ----------
    Methodology reference, sections 3, 4 and 8.
    """
    base, plan = as_year(base_year, "base_year"), as_year(plan_year, "plan_year")
    per_head = per_head_check(
        target_growth=target_growth,
        per_capita_target=per_capita_target,
        per_capita_base=per_capita_base,
        grdp_base=grdp_base,
        base_year=base,
        population_growth=population_growth,
        depreciation=depreciation,
        national_deflator=national_deflator,
        national_year=national_year,
        provincial_deflators=provincial_deflators,
        tolerance=deflator_tolerance,
    )
    pi = required_deflator(
        target_growth, per_capita_base, per_capita_target, population_growth, depreciation
    )
    nominal_plan = float(
        per_head.loc[per_head["check"] == "per_head.nominal_grdp_plan", "value"].iloc[0]
    )
    missing = [
        key
        for key, target in (
            ("labour_shares", labour_shares),
            ("budget_revenue", budget_revenue),
            ("investment", investment),
        )
        if target is None
    ]
    parts = [per_head]
    if target_shares is None:
        parts.append(missing_target_rows(["structure"]))
        if sector_growth_plan is not None:
            parts.append(
                sector_plan_check(
                    sector_growth_plan,
                    weights_base,
                    target_growth=target_growth,
                    base_year=base,
                    plan_label=plan_label,
                    tolerance=sector_plan_tolerance,
                    plan_source=plan_source,
                )
            )
    else:
        parts += _structure_parts(
            target_shares,
            shares_base,
            weights_base,
            baseline,
            target_growth=target_growth,
            deflator=pi,
            sector_growth_base=sector_growth_base,
            sector_growth_plan=sector_growth_plan,
            plan_label=plan_label,
            plan_source=plan_source,
            z_limit=z_limit,
            price_sd=price_sd,
            price_weight=price_weight,
        )
    if investment is not None:
        parts.append(
            icor_check(
                investment=investment,
                grdp_base=grdp_base,
                target_growth=target_growth,
                deflator=pi,
                base_year=base,
                plan_year=plan,
                band=icor_band,
            )
        )
    if target_shares is not None and labour_shares is not None:
        parts.append(
            productivity_check(
                target_shares,
                labour_shares,
                output_shares_base=shares_base,
                labour_shares_base=labour_shares_base,
            )
        )
    if budget_revenue is not None or investment is not None:
        parts.append(
            ratio_check(
                budget_revenue=budget_revenue,
                investment=investment,
                nominal_grdp_plan=nominal_plan,
                grdp_base=grdp_base,
                base_year=base,
                budget_revenue_base=budget_revenue_base,
                investment_base=investment_base,
            )
        )
    if missing:
        parts.append(missing_target_rows(missing))
    return pd.concat(parts, ignore_index=True)


def _structure_parts(
    target_shares: Any,
    shares_base: Any,
    weights_base: Any,
    baseline: GrowthBaseline | None,
    *,
    target_growth: float,
    deflator: float,
    sector_growth_base: pd.Series | None,
    sector_growth_plan: Any,
    plan_label: str,
    plan_source: Mapping[str, Any] | None,
    z_limit: float,
    price_sd: Any,
    price_weight: float,
) -> list[pd.DataFrame]:
    """The structure solver's closures A, C and (with a sector plan) B, as report rows."""
    lacking = [
        name
        for name, value in (
            ("shares_base", shares_base),
            ("weights_base", weights_base),
            ("baseline", baseline),
        )
        if value is None
    ]
    if lacking:
        raise ValueError(f"{', '.join(lacking)}: needed with a structure target (target_shares)")
    common = {"deflator": deflator, "baseline": baseline, "z_limit": z_limit}
    solutions = [
        (
            equal_prices(
                shares_base, weights_base, target_shares, target_growth=target_growth, **common
            ),
            "",
            None,
        ),
        (
            min_deviation(
                shares_base,
                weights_base,
                target_shares,
                target_growth=target_growth,
                price_sd=price_sd,
                price_weight=price_weight,
                **common,
            ),
            "",
            None,
        ),
    ]
    if sector_growth_plan is not None:
        solutions.append(
            (
                given_growth(
                    shares_base,
                    weights_base,
                    target_shares,
                    sector_growth=sector_growth_plan,
                    target_growth=target_growth,
                    **common,
                ),
                plan_label,
                plan_source,
            )
        )
    return [
        structure_check(s, sector_growth_base=sector_growth_base, label=lab, source=source)
        for s, lab, source in solutions
    ]
