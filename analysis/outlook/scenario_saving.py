"""Saving the explorer's settings as a scenario file of the plan, or saying why not.

:func:`save_settings` is what the explorer's *save* button does: the name checked
(``[a-z0-9_-]+``, not taken unless overwriting), the settings validated by the scenario model
(:class:`analysis.data.scenarios.Scenario`), checked against the published record as
``make check`` checks every scenario (:func:`analysis.outlook.plausibility.scenario_implausible`)
and composed with the plan (:func:`analysis.outlook.inputs.projection_inputs`); only then is
the file written (:func:`analysis.data.scenario_writer.write_scenario`, atomically), with the
comments a hand-written file has (:func:`scenario_notes`): what each field is, its unit, and
where its value comes from (the starting scenario, or the explorer), the deflator arithmetic
of methodology section 3 written out as in ``target.yaml``.

Every refusal is an :class:`~analysis.errors.InputError` (or several, :class:`InputErrors`)
naming the field (``name``, ``growth.aggregate``, ``ytd_actuals``...) and the rule, so the
explorer shows each next to its control; nothing is written then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from analysis.data.plans import Plan
from analysis.data.scenario_writer import check_name, write_scenario
from analysis.data.scenarios import Scenario
from analysis.economics.growth import required_deflator
from analysis.errors import InputError, InputErrors
from analysis.outlook.explorer import ExplorerBasis, explorer_basis
from analysis.outlook.explorer_settings import ExplorerSettings, implied_growth
from analysis.outlook.explorer_settings import scenario_from_settings as _scenario
from analysis.outlook.inputs import projection_inputs
from analysis.outlook.plausibility import scenario_implausible


def _number(value: float) -> str:
    return f"{float(value):,.4g}" if abs(float(value)) >= 1000 else f"{float(value):.4g}"


def _source(current: object, start: object, name: str | None) -> str:
    """Where a value comes from: the starting scenario, or the explorer (with the old one)."""
    if name is None:
        return "set in the explorer"
    if current == start:
        return f"as in scenario '{name}'"
    return f"set in the explorer (scenario '{name}': {_shown(start)})"


def _shown(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {_number(v)}" for k, v in value.items()) or "none"
    if isinstance(value, (list, tuple)):
        return " / ".join(_number(v) for v in value)
    return str(value)


def _deflator_note(plan: Plan, scenario: Scenario, growth: float, source: str) -> str:
    base = plan.baselines.set_index("indicator_id")["value"]
    y0 = float(base["grdp_per_capita_usd"])
    target = plan.targets.set_index("indicator_id")["target"]
    y1 = float(target["grdp_per_capita_usd"])
    n, e = scenario.population_growth / 100.0, scenario.exchange_rate.depreciation / 100.0
    need = float(required_deflator(growth / 100.0, y0, y1, n, e))
    return (
        f"GRDP deflator change, percent: {source}. At {growth:.4g} % real growth the deflator "
        f"that gives exactly {y1:,.0f} USD per head (docs/methodology.md, section 3: "
        f"pi* = (y*/y0)(1+n)(1+e)/(1+g) - 1) is ({y1:,.0f} / {y0:,.0f}) x {1 + n:.4f} x "
        f"{1 + e:.4f} / {1 + growth / 100:.4f} - 1 = {100 * need:.2f} %; {y0:,.0f} USD is the "
        f"{plan.base_year} baseline per head."
    )


def scenario_notes(
    plan: Plan,
    scenario: Scenario,
    start: Scenario | None = None,
    *,
    basis: ExplorerBasis | None = None,
    today: dt.date | None = None,
) -> dict[str, str]:
    """The comments of a saved scenario file, keyed as
    :data:`analysis.data.scenario_writer.COMMENT_KEYS` (English, like the hand-written files).

    Parameters
    ----------
    plan : Plan
    scenario : Scenario
        The scenario saved.
    start : Scenario, optional
        The scenario the explorer started from (each value is said to be as in it, or set in
        the explorer with its value there).
    basis : ExplorerBasis, optional
        For the sector weights when growth is given by sector.
    today : date, optional
        The date of saving (default today).
    """
    name = None if start is None else start.name

    def source(field: str, value: object) -> str:
        old = None if start is None else _field(start, field)
        return _source(value, old, name)

    settings_growth = scenario.growth.aggregate
    growth_note = (
        f"Real GRDP growth at constant {plan.spec.price_base_year} prices, percent: "
        f"{source('growth', settings_growth)}."
    )
    if settings_growth is None and basis is not None and basis.bases is not None:
        implied = implied_growth(scenario.growth.sectors.given(), basis.bases.weights)
        settings_growth = implied
        growth_note = (
            "Real growth of the four parts of GRDP at constant "
            f"{plan.spec.price_base_year} prices, percent: "
            f"{source('sectors', scenario.growth.sectors.given())}; with the "
            f"{plan.base_year} constant-price weights they add up to {implied:.2f} %."
        )
    deflator = scenario.prices.deflator
    prices_note = (
        _deflator_note(plan, scenario, settings_growth, source("deflator", deflator))
        if deflator is not None and settings_growth is not None
        else "Price change of the four parts of GRDP, percent: set in the explorer; they imply "
        "the GRDP deflator with the base year's current-price shares."
    )
    day = (today or dt.date.today()).isoformat()
    origin = "" if start is None else f", starting from scenario '{start.name}'"
    ytd = scenario.ytd_actuals.given()
    return {
        "header": (
            f"{scenario.label.en}: saved from the what-if explorer (notebooks/explore.ipynb) on "
            f"{day}{origin}. Percent units throughout. Validated by analysis/data/scenarios.py "
            f"(python -m analysis check --plan {plan.id})."
        ),
        "growth": growth_note,
        "prices": prices_note,
        "population_growth": (
            "Average population growth, percent: "
            f"{source('population_growth', scenario.population_growth)}."
        ),
        "exchange_rate.base": (
            f"VND per USD, {plan.base_year} annual average: "
            f"{source('exchange_rate', scenario.exchange_rate.base)}."
        ),
        "exchange_rate.depreciation": (
            f"Change in VND per USD in {plan.plan_year}, percent (positive: a weaker dong): "
            f"{source('depreciation', scenario.exchange_rate.depreciation)}."
        ),
        "quarterly_weights": (
            f"Shares of {plan.base_year} GRDP by quarter, percent, summing to 100 "
            f"(docs/methodology.md, section 5): "
            f"{source('quarterly_weights', list(scenario.quarterly_weights))}."
        ),
        "quarterly_growth": (
            "No single-quarter path given: every quarter grows at the annual rate."
            if scenario.quarterly_growth is None
            else "Single-quarter year-on-year growth, percent: "
            f"{source('quarterly_growth', list(scenario.quarterly_growth))} (a change of the "
            "annual growth moves every quarter by the same points)."
        ),
        "structure_convention": (
            "How three-sector shares treat product taxes (docs/methodology.md, section 1): "
            f"{source('structure_convention', scenario.structure_convention)}."
        ),
        "ytd_actuals": (
            f"Cumulative year-on-year growth published so far in {plan.plan_year} (Q1, 6M, 9M), "
            "percent: "
            + (
                "none entered."
                if not ytd
                else f"{source('ytd_actuals', ytd)}; enter the published figures as they come."
            )
        ),
        "uncertainty": (
            "Monte Carlo scales set by the scenario, points: "
            + (
                "none; the scales calibrated from the published record are used."
                if not scenario.uncertainty.given()
                else f"{source('uncertainty', scenario.uncertainty.given())}."
            )
        ),
    }


def _field(scenario: Scenario, field: str) -> object:
    """A scenario's value of a field as :func:`scenario_notes` compares it."""
    values = {
        "growth": scenario.growth.aggregate,
        "sectors": scenario.growth.sectors.given(),
        "deflator": scenario.prices.deflator,
        "population_growth": scenario.population_growth,
        "exchange_rate": scenario.exchange_rate.base,
        "depreciation": scenario.exchange_rate.depreciation,
        "quarterly_weights": list(scenario.quarterly_weights),
        "quarterly_growth": None
        if scenario.quarterly_growth is None
        else list(scenario.quarterly_growth),
        "structure_convention": scenario.structure_convention,
        "ytd_actuals": scenario.ytd_actuals.given(),
        "uncertainty": scenario.uncertainty.given(),
    }
    value = values[field]
    if field == "ytd_actuals":
        return dict(zip(("Q1", "6M", "9M"), value, strict=False))
    return value


def checked_scenario(
    plan: Plan,
    settings: ExplorerSettings,
    name: str,
    *,
    label: Mapping[str, str] | None = None,
    description: Mapping[str, str] | None = None,
    basis: ExplorerBasis | None = None,
) -> Scenario:
    """The settings as the scenario ``name`` of ``plan``, checked as ``make check`` checks it.

    Raises
    ------
    InputError, InputErrors
        The name, a value the model refuses, an implausible figure (with the range, its basis
        and the probable slip), or assumptions that do not fit together; each names its field.
    """
    path = check_name(name, plan.paths.scenarios)
    scenario = _scenario(settings, name=name, label=label, description=description, file=str(path))
    basis = basis or explorer_basis(plan)
    found = scenario_implausible(scenario, basis.ranges)
    if found:
        errors = [InputError(str(path), f.field, f.rule()) for f in found]
        raise errors[0] if len(errors) == 1 else InputErrors(errors)
    try:
        projection_inputs(scenario, plan.baselines, basis.record, bases=basis.bases, **basis.known)
    except InputError as exc:
        raise InputError(str(path), exc.where, exc.rule) from None
    return scenario


def save_settings(
    plan: Plan,
    settings: ExplorerSettings,
    name: str,
    *,
    label: Mapping[str, str] | None = None,
    description: Mapping[str, str] | None = None,
    overwrite: bool = False,
    start: Scenario | None = None,
    basis: ExplorerBasis | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write the settings as ``scenarios/<plan-id>/<name>.yaml``, or refuse and write nothing.

    Parameters
    ----------
    plan : Plan
    settings : ExplorerSettings
    name : str
        The scenario's name and the file's stem (``[a-z0-9_-]+``).
    label, description : mapping, optional
        ``{"vi": ..., "en": ...}``; the label defaults to the name.
    overwrite : bool, default False
        Replace an existing scenario of that name.
    start : Scenario, optional
        The scenario the explorer started from (named in the comments).
    basis : ExplorerBasis, optional
        :func:`analysis.outlook.explorer.explorer_basis` of ``plan``.
    today : date, optional
        The date written in the header (default today).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InputError, InputErrors
        See :func:`checked_scenario` and :func:`analysis.data.scenario_writer.write_scenario`
        (an existing name without ``overwrite``).
    """
    basis = basis or explorer_basis(plan)
    scenario = checked_scenario(
        plan, settings, name, label=label, description=description, basis=basis
    )
    notes = scenario_notes(plan, scenario, start, basis=basis, today=today)
    return write_scenario(scenario, plan.paths.scenarios, notes=notes, overwrite=overwrite)


__all__ = ["checked_scenario", "save_settings", "scenario_notes"]
