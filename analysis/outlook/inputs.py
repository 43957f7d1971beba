"""A scenario composed with a plan's data into the inputs of the planning arithmetic.

:func:`projection_inputs` turns a validated scenario (percent, as in its file) and the
baselines into :class:`analysis.economics.projection.ProjectionInputs` (fractions): percent
becomes a fraction here, once. :func:`sector_bases` gives the base year's sector weights and
shares from the published series (:mod:`analysis.outlook.record`), for scenarios that speak by
sector. The base year is the plan pack's (``plan.base_year``), passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.data.scenarios import QUARTER_GROWTH_TOLERANCE, SECTORS, Scenario
from analysis.data.tables import baseline_value, load_series
from analysis.economics.projection import ProjectionInputs
from analysis.economics.sector_growth import structure_weights
from analysis.economics.structure import aggregate_growth, convert_structure
from analysis.errors import InputError
from analysis.outlook.record import (
    FOUR_PARTS,
    base_contributions,
    base_shares,
    check_year,
    need_pick,
    product_tax_share,
    record_through,
)


def projection_inputs(
    scenario: Scenario,
    baselines: pd.DataFrame,
    series: pd.DataFrame | None = None,
    *,
    base_year: int,
    assumptions: Any = None,
    bases: SectorBases | None = None,
) -> ProjectionInputs:
    """The scenario's assumptions as :class:`analysis.economics.projection.ProjectionInputs`.

    Percent becomes a fraction here (14.5 -> 0.145), once.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario.
    baselines : DataFrame
        :func:`analysis.data.tables.load_baselines`: ``grdp_current_prices`` (trillion VND) and
        ``grdp_per_capita_usd`` of the base year.
    series : DataFrame, optional
        :func:`analysis.data.tables.load_series`; read only when the aggregate growth or the
        deflator is implied by the sectors (loaded when not given).
    base_year : int
        The plan's base year (``plan.base_year``): the projection runs from it to the next.
    assumptions : DataFrame or dict, optional
        The plan's assumptions; read only by :func:`sector_bases` when the series lack the
        base year's structure.
    bases : SectorBases, optional
        The plan's :func:`sector_bases` when the caller has them already (read only when the
        scenario speaks by sector).

    Raises
    ------
    InputError
        The assumptions do not fit together (e.g. a quarterly path that disagrees with
        the annual growth), naming the scenario file.

    Notes
    -----
    Growth implied by sectors: ``g = Σ w_i g_i`` with the base year's constant-price weights of
    :func:`analysis.economics.sector_growth.structure_weights` (four parts). Deflator implied by
    sector prices: ``1 + π = Σ s_i (1 + g_i)(1 + p_i) / (1 + g)`` with the base year's
    current-price shares split into four parts (:func:`sector_bases`; base year 2023:
    65.7 / 21.3 / 13.0 with the 2022 product-tax share, 2.1 %).

    References
    ----------
    Methodology reference, sections 2-4.
    """
    every_sector = len(scenario.growth.sectors.given()) == len(SECTORS)
    needs_sectors = scenario.growth.aggregate is None or scenario.prices.deflator is None
    year = check_year(base_year, "base_year")
    if (needs_sectors or every_sector) and bases is None:
        bases = sector_bases(series, base_year=year, assumptions=assumptions)
    elif not (needs_sectors or every_sector):
        bases = None
    real = _real_growth(scenario, bases, year)
    try:
        return ProjectionInputs(
            grdp_nominal_base=baseline_value(baselines, "grdp_current_prices"),
            per_capita_usd_base=baseline_value(baselines, "grdp_per_capita_usd"),
            exchange_rate_base=scenario.exchange_rate.base,
            real_growth=real,
            deflator=_deflator(scenario, real, bases),
            population_growth=scenario.population_growth / 100.0,
            depreciation=scenario.exchange_rate.depreciation / 100.0,
            quarterly_weights=[w / 100.0 for w in scenario.quarterly_weights],
            quarterly_growth=_fractions(scenario.quarterly_growth),
            base_year=year,
        )
    except ValueError as exc:
        raise InputError(str(scenario.path or scenario.name), "(scenario)", str(exc)) from exc


def _real_growth(scenario: Scenario, bases: SectorBases | None, base_year: int) -> float:
    implied = None
    if bases is not None and len(scenario.growth.sectors.given()) == len(SECTORS):
        implied = float(aggregate_growth(bases.weights, pd.Series(scenario.sector_growth())))
    if scenario.growth.aggregate is None:
        return implied
    if implied is not None and abs(100 * implied - scenario.growth.aggregate) > (
        QUARTER_GROWTH_TOLERANCE
    ):
        raise InputError(
            str(scenario.path or scenario.name),
            "growth.aggregate",
            f"the four sectors imply {100 * implied:.2f} % with the {base_year} weights, not "
            f"{scenario.growth.aggregate:g} %: give the aggregate or the sectors, or make them "
            f"agree within {QUARTER_GROWTH_TOLERANCE:g} point",
        )
    return scenario.growth.aggregate / 100.0


def _deflator(scenario: Scenario, real: float, bases: SectorBases | None) -> float:
    if scenario.prices.deflator is not None:
        return scenario.prices.deflator / 100.0
    growth = pd.Series(scenario.sector_growth()).reindex(list(SECTORS))
    nominal = bases.shares * (1.0 + growth) * (1.0 + pd.Series(scenario.sector_prices()))
    return float(nominal.sum() / (1.0 + real) - 1.0)


def _fractions(values: list[float] | None) -> list[float] | None:
    return None if values is None else [v / 100.0 for v in values]


@dataclass(frozen=True)
class SectorBases:
    """The base year's constant-price weights and current-price shares of the four parts of
    GRDP (gso4: industry_construction, services, agriculture, product_taxes), fractions."""

    weights: pd.Series
    shares: pd.Series


def sector_bases(
    series: pd.DataFrame | None = None, *, base_year: int, assumptions: Any = None
) -> SectorBases:
    """The base year's weights and shares (fractions, four parts) from the published series.

    Parameters
    ----------
    series : DataFrame, optional
        :func:`analysis.data.tables.load_series` (loaded when not given); only its figures up
        to the base year are read (:func:`analysis.outlook.record.record_through`).
    base_year : int
        The plan's base year.
    assumptions : DataFrame or dict, optional
        The plan's assumptions: ``base_share_<sector>`` stand in for a structure the series
        do not publish (:func:`analysis.outlook.record.base_shares`,
        :func:`analysis.outlook.record.product_tax_share`).

    Returns
    -------
    SectorBases

    Raises
    ------
    InputError
        A figure the base year needs is neither published nor assumed (named).

    Notes
    -----
    Weights: :func:`analysis.economics.sector_growth.structure_weights` of the base year's
    contributions and sector growth (gso4; the year before's weights revealed, ``c_i / g_i``,
    rolled forward one year). Shares: the base year's ``taxes_in_services`` structure split
    into four parts with the product-tax share of :func:`analysis.outlook.record.product_tax_share`
    (base year 2023: the 2022 share, 2.1 %, as the 2023 one is not published), an assumption.
    """
    year = check_year(base_year, "base_year")
    record = record_through(load_series() if series is None else series, year)
    weights = structure_weights(
        base_contributions(record, year, FOUR_PARTS) / 100.0,
        need_pick(record, "sector_growth", year, FOUR_PARTS) / 100.0,
        convention="gso4",
    )
    three = base_shares(record, year, assumptions)
    tax = product_tax_share(record, year, assumptions)
    shares = convert_structure(three, "taxes_in_services", "gso4", product_tax_share=tax, tol=5e-3)
    return SectorBases(weights.reindex(list(SECTORS)), pd.Series(shares).reindex(list(SECTORS)))
