"""A scenario composed with a plan's data into the inputs of the planning arithmetic.

:func:`projection_inputs` turns a validated scenario (percent, as in its file) and the
baselines into :class:`analysis.economics.projection.ProjectionInputs` (fractions): percent
becomes a fraction here, once, and the quarterly weights are rescaled to sum to exactly 1
(:mod:`analysis.outlook.quarter_weights`). :func:`base_levels` derives the base year's dollar
rate and population from its published levels, once, for every report. :func:`sector_bases`
gives the base year's sector weights and shares from the published series
(:mod:`analysis.outlook.record`), for scenarios that speak by sector. The base year is the plan
pack's (``plan.base_year``), passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.data.scenarios import QUARTER_GROWTH_TOLERANCE, SECTORS, Scenario
from analysis.data.tables import baseline_value, load_series
from analysis.economics.projection import ProjectionInputs
from analysis.economics.retrospective import implied_exchange_rate, implied_population
from analysis.economics.sector_growth import structure_weights
from analysis.economics.structure import aggregate_growth, convert_structure
from analysis.errors import InputError
from analysis.outlook.quarter_weights import scenario_quarter_weights
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
) -> ProjectionInputs:
    """The scenario's assumptions as :class:`analysis.economics.projection.ProjectionInputs`.

    Percent becomes a fraction here (14.5 -> 0.145), once.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario.
    baselines : DataFrame
        :func:`analysis.data.tables.load_baselines`: ``grdp_current_prices`` (trillion VND),
        ``grdp_per_capita_usd`` and ``grdp_usd`` of the base year (:func:`base_levels`).
    series : DataFrame, optional
        :func:`analysis.data.tables.load_series`; read only when the aggregate growth or the
        deflator is implied by the sectors (loaded when not given).
    base_year : int
        The plan's base year (``plan.base_year``): the projection runs from it to the next.
    assumptions : DataFrame or dict, optional
        The plan's assumptions; read only by :func:`sector_bases` when the series lack the
        base year's structure.

    Raises
    ------
    InputError
        The assumptions do not fit together (e.g. a quarterly path that disagrees with
        the annual growth, a base rate other than the baselines' own conversion), naming the
        scenario file.

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
    bases = (
        sector_bases(series, base_year=year, assumptions=assumptions)
        if needs_sectors or every_sector
        else None
    )
    real = _real_growth(scenario, bases, year)
    levels = scenario_base_levels(scenario, baselines)
    try:
        return ProjectionInputs(
            grdp_nominal_base=levels.grdp_trillion_vnd,
            per_capita_usd_base=levels.per_head_usd,
            exchange_rate_base=levels.exchange_rate,
            real_growth=real,
            deflator=_deflator(scenario, real, bases),
            population_growth=scenario.population_growth / 100.0,
            depreciation=scenario.exchange_rate.depreciation / 100.0,
            quarterly_weights=scenario_quarter_weights(scenario),
            quarterly_growth=_fractions(scenario.quarterly_growth),
            base_year=year,
        )
    except ValueError as exc:
        raise InputError(str(scenario.path or scenario.name), "(scenario)", str(exc)) from exc


RATE_AGREEMENT = 0.5
"""How far (VND per USD) a scenario's ``exchange_rate.base`` may lie from the base year's own
conversion, GRDP in VND over GRDP in USD: the file writes the rate to the dong (23,934 for
23,934.2)."""


@dataclass(frozen=True)
class BaseLevels:
    """The base year's GRDP, dollar rate and population: one derivation for every report.

    Attributes
    ----------
    grdp_trillion_vnd : float
        GRDP at current prices (baseline ``grdp_current_prices``).
    grdp_bn_usd : float or None
        GRDP in USD (baseline ``grdp_usd``; None when the baselines lack it).
    per_head_usd : float
        GRDP per head in USD (baseline ``grdp_per_capita_usd``).
    exchange_rate : float
        VND per USD: ``grdp_trillion_vnd · 1e12 / (grdp_bn_usd · 1e9)``, or the stated rate
        when the baselines give no GRDP in USD.
    population : float
        Persons: ``grdp_trillion_vnd · 1e12 / (exchange_rate · per_head_usd)``, which is
        ``grdp_bn_usd · 1e9 / per_head_usd`` when the rate is derived.
    """

    grdp_trillion_vnd: float
    grdp_bn_usd: float | None
    per_head_usd: float
    exchange_rate: float
    population: float


def base_levels(baselines: pd.DataFrame, exchange_rate: float | None = None) -> BaseLevels:
    """The base year's dollar rate and population, derived from its published levels.

    Parameters
    ----------
    baselines : DataFrame
        :func:`analysis.data.tables.load_baselines`: ``grdp_current_prices`` (trillion VND),
        ``grdp_per_capita_usd`` and, where the documents state it, ``grdp_usd`` (bn USD).
    exchange_rate : float, optional
        A stated rate (VND per USD), used only when the baselines give no GRDP in USD.

    Returns
    -------
    BaseLevels

    Raises
    ------
    ValueError
        The baselines give no GRDP in USD and no rate is stated.

    Notes
    -----
    The same derivation as the outturn's in the plan against its outturn
    (:func:`analysis.economics.retrospective.implied_exchange_rate`,
    :func:`analysis.economics.retrospective.implied_population`): the documents' own pair of
    levels. ``X₀ = GRDP_VND / GRDP_USD`` and ``P₀ = GRDP_USD / y₀``. Bắc Giang 2023 (the 2024
    resolution: 181.9 trillion VND ≈ 7.6 bn USD, 3,950 USD per head): X₀ = 181.9e12 / 7.6e9 =
    23,934.21 VND per USD and P₀ = 7.6e9 / 3,950 = 1,924,051 persons; 2024 (the 2025 plan's
    base): 207e12 / 8.65e9 = 23,930.64 and 8.65e9 / 4,370 = 1,979,405.
    """
    vnd = baseline_value(baselines, "grdp_current_prices")
    per_head = baseline_value(baselines, "grdp_per_capita_usd")
    ids = set(baselines["indicator_id"])
    usd = baseline_value(baselines, "grdp_usd") if "grdp_usd" in ids else None
    if usd is not None:
        rate = implied_exchange_rate(vnd, usd)
        return BaseLevels(vnd, usd, per_head, rate, implied_population(usd, per_head))
    if exchange_rate is None:
        raise ValueError(
            "baselines: no 'grdp_usd' to derive the base year's VND per USD from, and no rate "
            "stated"
        )
    return BaseLevels(vnd, None, per_head, exchange_rate, vnd * 1e12 / (exchange_rate * per_head))


def scenario_base_levels(scenario: Scenario, baselines: pd.DataFrame) -> BaseLevels:
    """:func:`base_levels` for a scenario, whose ``exchange_rate.base`` must agree with them.

    Raises
    ------
    InputError
        The scenario's base rate lies more than :data:`RATE_AGREEMENT` from the rate the
        baselines imply (file, field, both rates and their derivation).
    """
    stated = scenario.exchange_rate.base
    levels = base_levels(baselines, stated)
    if levels.grdp_bn_usd is not None and abs(stated - levels.exchange_rate) > RATE_AGREEMENT:
        raise InputError(
            str(scenario.path or scenario.name),
            "exchange_rate.base",
            f"{stated:,.0f} VND per USD disagrees with the base year's own conversion, "
            f"{levels.grdp_trillion_vnd:g} trillion VND / {levels.grdp_bn_usd:g} bn USD = "
            f"{levels.exchange_rate:,.2f} (baselines grdp_current_prices and grdp_usd); the "
            f"base year's rate and population are derived from them: write "
            f"{levels.exchange_rate:.0f}",
        )
    return levels


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
