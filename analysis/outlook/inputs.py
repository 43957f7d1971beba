"""A scenario composed with a plan's data into the inputs of the planning arithmetic.

:func:`projection_inputs` turns a validated scenario (percent, as in its file) and the
baselines into :class:`analysis.economics.projection.ProjectionInputs` (fractions): percent
becomes a fraction here, once. :func:`sector_bases` gives the base year's sector weights and
shares from the published series, for scenarios that speak by sector.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.data.scenarios import QUARTER_GROWTH_TOLERANCE, SECTORS, Scenario
from analysis.data.tables import baseline_value, load_series, series_values
from analysis.economics.projection import ProjectionInputs
from analysis.economics.sector_growth import structure_weights
from analysis.economics.structure import aggregate_growth, convert_structure
from analysis.errors import InputError


def projection_inputs(
    scenario: Scenario, baselines: pd.DataFrame, series: pd.DataFrame | None = None
) -> ProjectionInputs:
    """The scenario's assumptions as :class:`analysis.economics.projection.ProjectionInputs`.

    Percent becomes a fraction here (14.5 -> 0.145), once.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario.
    baselines : DataFrame
        :func:`analysis.data.tables.load_baselines`: ``grdp_current_prices`` (trillion VND) and
        ``grdp_per_capita_usd`` of 2023.
    series : DataFrame, optional
        :func:`analysis.data.tables.load_series`; read only when the aggregate growth or the
        deflator is implied by the sectors (loaded when not given).

    Raises
    ------
    InputError
        The assumptions do not fit together (e.g. a quarterly path that disagrees with
        the annual growth), naming the scenario file.

    Notes
    -----
    Growth implied by sectors: ``g = Σ w_i g_i`` with the 2023 constant-price weights of
    :func:`analysis.economics.sector_growth.structure_weights` (four parts). Deflator implied by
    sector prices: ``1 + π = Σ s_i (1 + g_i)(1 + p_i) / (1 + g)`` with the 2023 current-price
    shares (``taxes_in_services``, 65.7 / 21.3 / 13.0) split into four parts with the
    2022 product-tax share (2.1 %).

    References
    ----------
    Methodology reference, sections 2-4.
    """
    every_sector = len(scenario.growth.sectors.given()) == len(SECTORS)
    needs_sectors = scenario.growth.aggregate is None or scenario.prices.deflator is None
    bases = sector_bases(series) if needs_sectors or every_sector else None
    real = _real_growth(scenario, bases)
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
        )
    except ValueError as exc:
        raise InputError(str(scenario.path or scenario.name), "(scenario)", str(exc)) from exc


def _real_growth(scenario: Scenario, bases: SectorBases | None) -> float:
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
            f"the four sectors imply {100 * implied:.2f} % with the 2023 weights, not "
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
    """2023 constant-price weights and current-price shares of the four parts of GRDP."""

    weights: pd.Series
    shares: pd.Series


def sector_bases(series: pd.DataFrame | None = None) -> SectorBases:
    """The 2023 weights and shares (fractions, four parts) from the published series.

    Weights: :func:`analysis.economics.sector_growth.structure_weights` of the 2023
    contributions and sector growth (gso4). Shares: the 2023 ``taxes_in_services`` structure
    split into four parts with the 2022 product-tax share, an assumption (the 2023 tax share is
    not published).
    """
    series = load_series() if series is None else series

    def pick(variable: str, period: str, sectors: Sequence[str]) -> pd.Series:
        return pd.Series({s: series_values(series, variable, s)[period] for s in sectors}) / 100

    weights = structure_weights(
        pick("contribution", "2023", SECTORS),
        pick("sector_growth", "2023", SECTORS),
        convention="gso4",
    )
    three = pick("structure_share", "2023", SECTORS[:3])
    tax = float(pick("structure_share", "2022", ("product_taxes",)).iloc[0])
    shares = convert_structure(three, "taxes_in_services", "gso4", product_tax_share=tax, tol=5e-3)
    return SectorBases(weights.reindex(list(SECTORS)), pd.Series(shares).reindex(list(SECTORS)))
