"""The published record of a plan and the Monte Carlo scales calibrated on it, for a scenario.

- :func:`published_growth` and :func:`published_plan`: the province's growth up to the plan's
  base year and the growth its plans set;
- :func:`scenario_calibration`: the scales calibrated on that record and the
  plan-versus-outturn errors, the assumed scales of the plan pack (:data:`SIDE_SCALES`, with
  their basis in words), then the scenario's ``uncertainty:`` scales in their place.

Part of :mod:`analysis.outlook.scenario_outlook`, which re-exports these names.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from analysis.data.scenarios import Scenario
from analysis.data.tables import load_series, series_values
from analysis.economics.calibration import Calibration, calibrate_scales
from analysis.economics.closures import DEFAULT_PRICE_SD
from analysis.outlook.record import (
    assumption_bases,
    assumption_values,
    named_shocks,
    record_through,
)

SIDE_SCALES: tuple[str, ...] = (
    "deflator_sigma",
    "population_sigma",
    "depreciation_sigma",
    "relative_price_sd",
)
"""Scales of the Monte Carlo that are assumptions: a plan pack's ``assumptions.csv`` may state
each (percent points, with its basis); otherwise the defaults of
:func:`analysis.economics.calibration.calibrate_scales` and
:data:`analysis.economics.closures.DEFAULT_PRICE_SD`."""


# --- the published record -------------------------------------------------------------------


def _load_series(series: pd.DataFrame | None) -> pd.DataFrame:

    return load_series() if series is None else series


def _by_year(values: pd.Series) -> pd.Series:
    """Percent figures keyed by period ('2016') as fractions keyed by int year."""
    out = values.rename(index=lambda p: int(str(p).strip())) / 100.0
    return out.sort_index()


def published_growth(series: pd.DataFrame | None = None, *, base_year: int) -> pd.Series:
    """Published annual real GRDP growth up to the base year, fractions, indexed by year.

    Parameters
    ----------
    series : DataFrame, optional
        :func:`analysis.data.tables.load_series` (loaded when not given).
    base_year : int
        The plan's base year: the last year of the record (base year 2023: 2016–2023).
    """

    record = record_through(_load_series(series), base_year)
    return _by_year(series_values(record, "grdp_growth"))


def published_plan(series: pd.DataFrame | None = None) -> pd.Series:
    """Planned annual real GRDP growth (``grdp_growth_plan``), fractions, indexed by year."""

    return _by_year(series_values(_load_series(series), "grdp_growth_plan"))


# --- calibration --------------------------------------------------------------------------


def _scenario_file(scenario: Scenario) -> str:
    return str(scenario.path or f"{scenario.name}.yaml")


def _override_note(scenario: Scenario, key: str, value: float, calibrated: float) -> str:
    return (
        f"{100 * value:.2f} points, set by the scenario file {_scenario_file(scenario)} "
        f"(uncertainty.{key}) in place of the {100 * calibrated:.2f} points calibrated from "
        "the published record."
    )


def _side_scales(assumptions: Any) -> dict[str, Any]:
    """The assumed scales the pack states (fractions) and their bases in words."""
    values = assumption_values(assumptions)
    given = {k: values[k] / 100.0 for k in SIDE_SCALES if k in values}
    tau = given.pop("relative_price_sd", DEFAULT_PRICE_SD)
    bases = {k: v for k, v in assumption_bases(assumptions).items() if k in SIDE_SCALES}
    return {**given, "relative_price_sd": tau, "bases": bases}


def scenario_calibration(
    scenario: Scenario,
    series: pd.DataFrame | None = None,
    *,
    base_year: int,
    assumptions: Any = None,
) -> Calibration:
    """The Monte Carlo scales for a scenario: calibrated, then the scenario's own in their place.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario; its ``uncertainty`` mapping (percent points) overrides scales.
    series : DataFrame, optional
        :func:`analysis.data.tables.load_series` (loaded when not given).
    base_year : int
        The plan's base year: the growth record and the plan errors end with it.
    assumptions : DataFrame or dict, optional
        The plan's assumptions: the assumed scales of :data:`SIDE_SCALES` (points, with their
        basis in words from a table) and the named outlier years ``outlier_year_*``
        (:func:`analysis.outlook.record.named_shocks`); the defaults without them.

    Returns
    -------
    Calibration
        Scales as fractions, each with its assumption; an overridden scale says so. Its
        ``relative_price_sd`` is :data:`analysis.economics.closures.DEFAULT_PRICE_SD` unless the
        scenario sets ``uncertainty.relative_price_sd``.

    Raises
    ------
    ValueError
        If ``scenario`` is not a :class:`~analysis.data.scenarios.Scenario`, or as
        :func:`analysis.economics.calibration.calibrate_scales`.

    Notes
    -----
    :func:`analysis.economics.calibration.calibrate_scales` on the published annual growth up
    to the base year (base year 2023: 2016–2023)
    and the plans (``grdp_growth_plan``; the 2023 plan of 14.5 % against 13.45 % gives the
    skew). A scenario's ``sigma_lower`` or ``sigma_upper`` replaces that side's scale; the
    average scale is then ``(σ1 + σ2)/2``. The relative price spread τ is an assumption
    (Bắc Giang publishes no sector deflators; 2022 → 2023 relative prices +2.0 / −0.6 /
    −3.6 %), not a calibration.

    References
    ----------
    Methodology reference, section 6.
    """
    check_scenario(scenario)
    series = _load_series(series)
    calibration = calibrate_scales(
        published_growth(series, base_year=base_year),
        published_plan(series),
        shocks=named_shocks(assumptions),
        **_side_scales(assumptions),
    )
    given = {k: v / 100.0 for k, v in scenario.uncertainty.given().items()}
    if not given:
        return calibration
    notes = dict(calibration.assumptions)
    for key, value in given.items():
        notes[key] = _override_note(scenario, key, value, getattr(calibration, key))
    lower = given.get("sigma_lower", calibration.sigma_lower)
    upper = given.get("sigma_upper", calibration.sigma_upper)
    return replace(calibration, **given, sigma=(lower + upper) / 2.0, assumptions=notes)


def check_scenario(scenario: Scenario) -> None:
    """Refuse anything but a validated :class:`~analysis.data.scenarios.Scenario`."""
    if not isinstance(scenario, Scenario):
        raise ValueError(f"scenario: must be a Scenario, got {type(scenario).__name__}")
