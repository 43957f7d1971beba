"""What the explorer's controls set: a scenario's assumptions, percent as in its file.

:class:`ExplorerSettings` holds everything a scenario file assumes (growth, prices, population,
the exchange rate, quarters, the year to date, the Monte Carlo scales) and nothing it does not:
:func:`settings_from_scenario` reads a validated scenario, :func:`scenario_from_settings`
validates settings with the same pydantic model as every scenario file
(:class:`analysis.data.scenarios.Scenario`), so an invalid value is refused with the field and
the rule before anything is computed.

The moves a planner makes keep the rest of the scenario as it was:

- :func:`with_growth` sets the aggregate growth; a quarterly path moves with it, every quarter
  by the same number of points (the path keeps its shape and its annual figure the new growth);
- :func:`with_sector_growth` sets the four parts' growth, the quarterly path moved the same way
  by the change in the aggregate they imply;
- :func:`growth_by_sectors`, :func:`growth_by_aggregate`, :func:`prices_by_sectors` and
  :func:`prices_by_deflator` switch between the aggregate and the four parts.

Percent throughout (14.5), as in scenario files; the explorer's computation
(:mod:`analysis.outlook.explorer`) hands fractions to the economics.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
from pydantic import ValidationError

from analysis.data.scenarios import SECTORS, Scenario
from analysis.data.yaml_input import collected, input_errors

EXPLORER_NAME = "explorer"
"""The name a scenario built from settings carries until it is saved under its own."""

DECIMALS = 2
"""Decimals of a percent figure the explorer sets (sliders move by 0.01 point)."""


@dataclass(frozen=True)
class ExplorerSettings:
    """A scenario's assumptions as the explorer's controls set them (percent).

    Attributes
    ----------
    population_growth : float
        Average population growth, %.
    exchange_rate : float
        VND per USD, the base year's annual average.
    depreciation : float
        Change in VND per USD in the plan year, %.
    quarterly_weights : tuple of 4 floats
        The base year's GRDP by quarter, % (sum 100).
    growth : float or None
        Real growth at constant prices, %; None when the four parts give it.
    sector_growth : mapping or None
        Real growth of the four parts (:data:`analysis.data.scenarios.SECTORS`), %.
    deflator : float or None
        GRDP deflator change, %; None when the four parts' prices give it.
    sector_prices : mapping or None
        Price change of the four parts, %.
    ytd_actuals : mapping
        Cumulative year-on-year growth published so far, % (keys ``Q1``, ``6M``, ``9M``).
    quarterly_growth : tuple of 4 floats or None
        Single-quarter year-on-year growth, %.
    structure_convention : str
        How three-sector shares treat product taxes.
    uncertainty : mapping
        The scenario's own Monte Carlo scales, points (kept as they were).
    """

    population_growth: float
    exchange_rate: float
    depreciation: float
    quarterly_weights: tuple[float, ...]
    growth: float | None = None
    sector_growth: Mapping[str, float] | None = None
    deflator: float | None = None
    sector_prices: Mapping[str, float] | None = None
    ytd_actuals: Mapping[str, float] = field(default_factory=dict)
    quarterly_growth: tuple[float, ...] | None = None
    structure_convention: str = "taxes_in_services"
    uncertainty: Mapping[str, float] = field(default_factory=dict)

    @property
    def growth_by_sectors(self) -> bool:
        """True when the four parts give the growth (no aggregate)."""
        return self.growth is None

    @property
    def prices_by_sectors(self) -> bool:
        """True when the four parts' prices give the deflator (no deflator)."""
        return self.deflator is None


def _given(values: Mapping[str, float]) -> dict[str, float] | None:
    return {k: float(v) for k, v in values.items()} or None


def settings_from_scenario(scenario: Scenario) -> ExplorerSettings:
    """The settings of a validated scenario (every assumption, percent)."""
    ytd = dict(zip(("Q1", "6M", "9M"), scenario.ytd_actuals.given(), strict=False))
    quarters = scenario.quarterly_growth
    return ExplorerSettings(
        population_growth=scenario.population_growth,
        exchange_rate=scenario.exchange_rate.base,
        depreciation=scenario.exchange_rate.depreciation,
        quarterly_weights=tuple(scenario.quarterly_weights),
        growth=scenario.growth.aggregate,
        sector_growth=_given(scenario.growth.sectors.given()),
        deflator=scenario.prices.deflator,
        sector_prices=_given(scenario.prices.sectors.given()),
        ytd_actuals=ytd,
        quarterly_growth=None if quarters is None else tuple(quarters),
        structure_convention=scenario.structure_convention,
        uncertainty=scenario.uncertainty.given(),
    )


def scenario_data(
    settings: ExplorerSettings,
    *,
    name: str = EXPLORER_NAME,
    label: Mapping[str, str] | None = None,
    description: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The settings as the mapping a scenario file holds (percent, file keys)."""
    data: dict[str, Any] = {
        "name": name,
        "label": dict(label or {"vi": name, "en": name}),
        "growth": {"aggregate": settings.growth, "sectors": dict(settings.sector_growth or {})},
        "prices": {"deflator": settings.deflator, "sectors": dict(settings.sector_prices or {})},
        "population_growth": settings.population_growth,
        "exchange_rate": {"base": settings.exchange_rate, "depreciation": settings.depreciation},
        "quarterly_weights": list(settings.quarterly_weights),
        "quarterly_growth": None
        if settings.quarterly_growth is None
        else list(settings.quarterly_growth),
        "structure_convention": settings.structure_convention,
        "ytd_actuals": dict(settings.ytd_actuals),
        "uncertainty": dict(settings.uncertainty),
    }
    if description:
        data["description"] = dict(description)
    return data


def scenario_from_settings(
    settings: ExplorerSettings,
    *,
    name: str = EXPLORER_NAME,
    label: Mapping[str, str] | None = None,
    description: Mapping[str, str] | None = None,
    file: str | None = None,
) -> Scenario:
    """The settings as a scenario, validated by :class:`analysis.data.scenarios.Scenario`.

    Parameters
    ----------
    settings : ExplorerSettings
    name : str, default "explorer"
        The scenario's name (a file stem: ``[a-z0-9_-]+``).
    label, description : mapping, optional
        ``{"vi": ..., "en": ...}``; the label defaults to the name.
    file : str, optional
        What an error names as the file (default ``<name>.yaml``).

    Raises
    ------
    InputError, InputErrors
        A value the scenario model refuses: the field (``growth.aggregate``) and the rule, as
        for a scenario file.
    """
    data = scenario_data(settings, name=name, label=label, description=description)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise collected(input_errors(file or f"{name}.yaml", exc, Scenario)) from None


# --- the moves ----------------------------------------------------------------------------


def _rounded(value: float) -> float:
    return round(float(value), DECIMALS + 2)


def _shifted_quarters(settings: ExplorerSettings, change: float) -> tuple[float, ...] | None:
    """The quarterly path moved by ``change`` points each quarter (its annual figure too)."""
    if settings.quarterly_growth is None:
        return None
    return tuple(_rounded(q + change) for q in settings.quarterly_growth)


def implied_growth(sector_growth: Mapping[str, float], weights: pd.Series) -> float:
    """The aggregate growth (%) four parts' growth (%) imply with the base year's weights:
    ``g = Σ w_i g_i``."""
    return float(sum(float(weights[s]) * float(sector_growth[s]) for s in SECTORS))


def with_growth(settings: ExplorerSettings, growth: float) -> ExplorerSettings:
    """The settings with aggregate growth ``growth`` (%); a quarterly path moves alike.

    Notes
    -----
    With weights φ summing to 1, ``Σ φ_q (g_q + d) = Σ φ_q g_q + d``: moving every quarter by
    ``d = growth − old growth`` moves the path's annual figure by d and keeps any difference
    the file had between the two (a path written to two decimals).
    """
    old = settings.growth
    change = 0.0 if old is None else float(growth) - old
    return replace(
        settings,
        growth=float(growth),
        sector_growth=None,
        quarterly_growth=_shifted_quarters(settings, change),
    )


def with_sector_growth(
    settings: ExplorerSettings, sector_growth: Mapping[str, float], weights: pd.Series
) -> ExplorerSettings:
    """The settings with the four parts' growth (%), the quarterly path moved by the change in
    the aggregate they imply (``weights``: the base year's constant-price weights, gso4)."""
    new = {s: float(sector_growth[s]) for s in SECTORS}
    old = settings.sector_growth
    change = 0.0 if old is None else implied_growth(new, weights) - implied_growth(old, weights)
    return replace(
        settings,
        growth=None,
        sector_growth=new,
        quarterly_growth=_shifted_quarters(settings, change),
    )


def growth_by_sectors(settings: ExplorerSettings, central: Mapping[str, float]) -> ExplorerSettings:
    """Switch to the four parts' growth, starting from ``central`` (%, e.g. the Monte Carlo's
    central sector growth, which adds up to the aggregate); the aggregate is then implied."""
    if settings.growth_by_sectors:
        return settings
    sectors = {s: round(float(central[s]), DECIMALS) for s in SECTORS}
    return replace(settings, growth=None, sector_growth=sectors)


def growth_by_aggregate(settings: ExplorerSettings, weights: pd.Series) -> ExplorerSettings:
    """Switch to the aggregate growth the four parts imply (two decimals); prices given by
    sector become the deflator they imply only through :func:`prices_by_deflator`."""
    if not settings.growth_by_sectors:
        return settings
    growth = round(implied_growth(settings.sector_growth, weights), DECIMALS)
    return replace(settings, growth=growth, sector_growth=None)


def prices_by_sectors(
    settings: ExplorerSettings, shares: pd.Series, weights: pd.Series
) -> ExplorerSettings:
    """Switch to the four parts' prices, all moving alike at the rate that keeps the deflator.

    Parameters
    ----------
    settings : ExplorerSettings
        Growth by sector (the scenario model needs the deflator otherwise).
    shares, weights : Series
        The base year's current-price shares and constant-price weights of the four parts.

    Raises
    ------
    ValueError
        When growth is not given by sector.

    Notes
    -----
    The deflator the parts' prices imply is ``1 + π = Σ s_i (1 + g_i)(1 + p_i) / (1 + g)``
    (:func:`analysis.outlook.inputs.projection_inputs`). With one price change p for all,
    ``1 + p = (1 + π)(1 + g) / Σ s_i (1 + g_i)``: the switch leaves the deflator where it was
    (to the two decimals a slider keeps).
    """
    if settings.prices_by_sectors:
        return settings
    if not settings.growth_by_sectors:
        raise ValueError("prices by sector need growth by sector (all four parts)")
    growth = {s: settings.sector_growth[s] / 100.0 for s in SECTORS}
    nominal = sum(float(shares[s]) * (1.0 + growth[s]) for s in SECTORS)
    real = 1.0 + implied_growth(settings.sector_growth, weights) / 100.0
    price = 100.0 * ((1.0 + settings.deflator / 100.0) * real / nominal - 1.0)
    return replace(
        settings, deflator=None, sector_prices=dict.fromkeys(SECTORS, round(price, DECIMALS))
    )


def prices_by_deflator(settings: ExplorerSettings, deflator: float) -> ExplorerSettings:
    """Switch to the deflator ``deflator`` (%, e.g. the one the sector prices implied, rounded);
    the sector prices are dropped."""
    return replace(settings, deflator=round(float(deflator), DECIMALS), sector_prices=None)


def with_ytd(settings: ExplorerSettings, ytd: Mapping[str, float | None]) -> ExplorerSettings:
    """The settings with the year-to-date figures published so far (%; None: not published)."""
    return replace(settings, ytd_actuals={k: float(v) for k, v in ytd.items() if v is not None})


__all__ = [
    "DECIMALS",
    "EXPLORER_NAME",
    "ExplorerSettings",
    "growth_by_aggregate",
    "growth_by_sectors",
    "implied_growth",
    "prices_by_deflator",
    "prices_by_sectors",
    "scenario_data",
    "scenario_from_settings",
    "settings_from_scenario",
    "with_growth",
    "with_sector_growth",
    "with_ytd",
]
