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

The same report with its inputs read from a plan's tables is
:func:`analysis.outlook.consistency_inputs.consistency_report_from_tables`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.economics.closures import DEFAULT_PRICE_SD, equal_prices, given_growth, min_deviation
from analysis.economics.consistency_per_head import DEFLATOR_TOLERANCE, per_head_check
from analysis.economics.consistency_ratios import (
    ICOR_BAND,
    icor_check,
    productivity_check,
    ratio_check,
)
from analysis.economics.consistency_structure import structure_check
from analysis.economics.growth import required_deflator
from analysis.economics.sector_growth import GrowthBaseline
from analysis.economics.structure_solution import Z_LIMIT


def consistency_report(
    *,
    target_growth: float,
    per_capita_target: float,
    target_shares: Any,
    labour_shares: Any,
    budget_revenue: float,
    investment: float,
    grdp_2023: float,
    per_capita_2023: float,
    shares_2023: Any,
    weights_2023: Any,
    baseline: GrowthBaseline,
    population_growth: float,
    depreciation: float,
    national_deflator: float,
    provincial_deflators: pd.Series | None = None,
    sector_growth_2023: pd.Series | None = None,
    sector_growth_plan: Any = None,
    plan_label: str = "",
    labour_shares_2023: Any = None,
    budget_revenue_2023: float | None = None,
    investment_2023: float | None = None,
    deflator_tolerance: float = DEFLATOR_TOLERANCE,
    icor_band: tuple[float, float] = ICOR_BAND,
    z_limit: float = Z_LIMIT,
    price_sd: Any = DEFAULT_PRICE_SD,
    price_weight: float = 1.0,
) -> pd.DataFrame:
    """Every consistency check of a target set, one row per check.

    Parameters
    ----------
    target_growth : float
        Real growth target g*, fraction.
    per_capita_target : float
        GRDP per head target, USD.
    target_shares : Series or dict
        Target structure, fractions, in the convention of ``shares_2023`` and ``weights_2023``.
    labour_shares : Series or dict
        Target labour structure, fractions.
    budget_revenue, investment : float
        Budget revenue and social investment targets, billion VND.
    grdp_2023 : float
        GRDP 2023 at current prices, trillion VND.
    per_capita_2023 : float
        GRDP per head 2023, USD.
    shares_2023, weights_2023 : Series or dict
        2023 current-price shares and constant-price weights (same convention as targets).
    baseline : GrowthBaseline
        Historical sector growth (:func:`analysis.economics.sector_growth.historical_baseline`).
    population_growth, depreciation : float
        Assumptions n and e, fractions.
    national_deflator : float
        National GDP deflator change, fraction (reference).
    provincial_deflators : Series, optional
        The province's recent deflators by year, fractions.
    sector_growth_2023 : Series, optional
        2023 sector growth in the targets' convention, fractions (for ``value_2023``).
    sector_growth_plan : Series or dict, optional
        Given sector growth for closure B; omitted when None.
    plan_label : str, optional
        Where ``sector_growth_plan`` comes from (shown in the note).
    labour_shares_2023 : Series or dict, optional
        2023 labour structure, fractions.
    budget_revenue_2023, investment_2023 : float, optional
        2023 outturns, billion VND.
    deflator_tolerance, icor_band, z_limit, price_sd, price_weight
        See :func:`analysis.economics.consistency_per_head.per_head_check`,
        :func:`analysis.economics.consistency_ratios.icor_check` and
        :func:`analysis.economics.closures.min_deviation`.

    Returns
    -------
    DataFrame
        Columns :data:`analysis.economics.consistency_rows.REPORT_COLUMNS`; values in report
        units (percent as percent).

    Raises
    ------
    ValueError
        On any input the individual checks refuse.

    Notes
    -----
    The deflator that reconciles growth and per head (π*) prices every nominal figure:
    nominal GRDP 2024, the ICOR at current prices, the ratios and the sector price changes.

    References
    ----------
    Methodology reference, sections 3, 4 and 8.
    """
    per_head = per_head_check(
        target_growth=target_growth,
        per_capita_target=per_capita_target,
        per_capita_2023=per_capita_2023,
        grdp_2023=grdp_2023,
        population_growth=population_growth,
        depreciation=depreciation,
        national_deflator=national_deflator,
        provincial_deflators=provincial_deflators,
        tolerance=deflator_tolerance,
    )
    pi = required_deflator(
        target_growth, per_capita_2023, per_capita_target, population_growth, depreciation
    )
    common = {"deflator": pi, "baseline": baseline, "z_limit": z_limit}
    solutions = [
        (
            equal_prices(
                shares_2023, weights_2023, target_shares, target_growth=target_growth, **common
            ),
            "",
        ),
        (
            min_deviation(
                shares_2023,
                weights_2023,
                target_shares,
                target_growth=target_growth,
                price_sd=price_sd,
                price_weight=price_weight,
                **common,
            ),
            "",
        ),
    ]
    if sector_growth_plan is not None:
        solutions.append(
            (
                given_growth(
                    shares_2023,
                    weights_2023,
                    target_shares,
                    sector_growth=sector_growth_plan,
                    target_growth=target_growth,
                    **common,
                ),
                plan_label,
            )
        )
    nominal_2024 = float(
        per_head.loc[per_head["check"] == "per_head.nominal_grdp_2024", "value"].iloc[0]
    )
    parts = [per_head]
    parts += [
        structure_check(s, sector_growth_2023=sector_growth_2023, z_limit=z_limit, label=lab)
        for s, lab in solutions
    ]
    parts.append(
        icor_check(
            investment=investment,
            grdp_2023=grdp_2023,
            target_growth=target_growth,
            deflator=pi,
            band=icor_band,
        )
    )
    parts.append(
        productivity_check(
            target_shares,
            labour_shares,
            output_shares_2023=shares_2023,
            labour_shares_2023=labour_shares_2023,
        )
    )
    parts.append(
        ratio_check(
            budget_revenue=budget_revenue,
            investment=investment,
            nominal_grdp_2024=nominal_2024,
            grdp_2023=grdp_2023,
            budget_revenue_2023=budget_revenue_2023,
            investment_2023=investment_2023,
        )
    )
    return pd.concat(parts, ignore_index=True)
