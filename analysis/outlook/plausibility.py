"""Plausibility: a plan's scenarios and actual results set against the published record.

A figure can be well formed, inside the hard limits of the file formats
(:mod:`analysis.data.scenarios`: growth -50..60 %; :mod:`analysis.data.actuals`: a share 0..100 %)
and still be a slip: growth written as a fraction (0.152 for 15.2 %), a deflator of 31 % for
3.1 %, GRDP per head of 44,000 USD for 4,400. :func:`implausible_figures` finds every such
figure of a plan; ``python -m analysis check`` and ``run`` refuse them before anything runs
(:mod:`analysis.run.check`), unless ``--allow-implausible`` lets them through, which the run's
manifest and the affected reports then say.

The rules
---------
Scenario files (percent, as written), against the ranges of
:func:`analysis.outlook.published_record.plausible_ranges` (the record up to the plan's base
year, widened by the stated margins):

==============================  ===============================================
field                           range
==============================  ===============================================
``growth.aggregate``            ``growth`` (the province's real growth)
``ytd_actuals.Q1``, ``6M``,     ``growth`` (year-to-date growth is a growth rate
``9M``                          of the same province)
``growth.sectors.<s>``          ``sector_growth.<s>``
``prices.deflator``             ``deflator``
``exchange_rate.depreciation``  ``depreciation``
``population_growth``           ``population_growth``
==============================  ===============================================

Sector price changes have no published record and are not checked; a single quarter's growth
(``quarterly_growth``) must already agree with ``growth.aggregate``.

Actual results (every figure of every file, in the target's unit):

- ``% growth``: against the ``growth`` range, like a scenario's growth;
- ``done``: not checked (done or not done);
- any other unit (levels, counts, shares and rates in %): the ratio to a reference, the target's
  baseline (the base year's figure) when the targets table gives one, else the target (the
  middle of a range target), must lie within 1/5..5
  (:data:`analysis.economics.plausibility.LEVEL_RATIO_BOUNDS`), never above 100 for a figure
  in %; for an in-year figure of a target that accumulates (a year-to-date amount) only the
  upper bound applies, as the year may have barely started.

Where a power of ten puts the figure back inside its range, the message gives the probable
intended value (:func:`analysis.economics.plausibility.probable_slip`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from analysis.data.scenarios import Scenario
from analysis.economics.periods import is_full_year
from analysis.economics.plausibility import (
    PlausibleRange,
    Slip,
    probable_slip,
    ratio_range,
    shown_value,
)
from analysis.economics.scorecard_measures import GROWTH_UNIT
from analysis.errors import InputError
from analysis.outlook.published_record import plausible_ranges

ALLOW_OPTION = "--allow-implausible"
"""The command-line option that lets implausible figures through."""

PERCENT_UNIT = "%"
DONE_UNIT = "done"


@dataclass(frozen=True)
class Implausible:
    """One figure outside its plausible range.

    Attributes
    ----------
    file : str
        The scenario or actuals file.
    field : str
        Where in it: ``growth.aggregate``, or ``line 3, column 'value'``.
    item : str
        What the figure is, in words (``real growth``) or the indicator id.
    value : float
        The figure as written (percent for rates).
    unit : str
        Its unit (``%``, ``% growth``, ``USD`` ...).
    low, high : float
        The plausible range, in the figure's unit.
    basis : str
        Where the range comes from, with its numbers.
    record : str
        Which range: a key of :func:`~analysis.outlook.published_record.plausible_ranges`, or
        ``baseline`` / ``target`` for a ratio to a reference.
    ratio : float or None
        The figure over its reference (ratio checks only).
    reference : float or None
        The reference of a ratio check, in the figure's unit.
    intended : float or None
        The probable intended value (a power of ten away), in the figure's unit.
    factor : float or None
        ``intended / value``.
    scenario : str or None
        The scenario's name (None for an actual result).
    indicator : str or None
        The actual result's indicator id (None for a scenario).
    period : str or None
        The actual result's period (None for a scenario).
    line : int or None
        The actual result's line in its file (None for a scenario).
    """

    file: str
    field: str
    item: str
    value: float
    unit: str
    low: float
    high: float
    basis: str
    record: str
    ratio: float | None = None
    reference: float | None = None
    intended: float | None = None
    factor: float | None = None
    scenario: str | None = None
    indicator: str | None = None
    period: str | None = None
    line: int | None = None

    def rule(self) -> str:
        """The message a planner reads: :meth:`finding` and the way out."""
        return f"{self.finding()}; if the figure is right, run with {ALLOW_OPTION}"

    def finding(self) -> str:
        """What is wrong: the value, its range and basis, the likely slip."""
        unit = _unit_text(self.unit)
        text = f"implausible {self.item}: {shown_value(self.value, decimals=None)}{unit}"
        if self.ratio is not None and self.reference is not None:
            reference = f"{shown_value(self.reference)}{unit}"
            text += f", {_ratio_text(self.ratio)} the {self.record} {reference}"
        text += (
            f"; outside the plausible range {shown_value(self.low)}..{shown_value(self.high)}"
            f"{unit} ({self.basis})"
        )
        if self.intended is not None and self.factor is not None:
            size = max(self.factor, 1 / self.factor)
            hint = f"a slip of a factor of {size:,.0f}"
            if self.factor == 100 and self.unit in (PERCENT_UNIT, GROWTH_UNIT):
                hint += ", a fraction written for a percent"
            intended = shown_value(self.intended, decimals=None)
            text += f"; did you mean {intended}{unit}? ({hint})"
        return text

    def error(self) -> InputError:
        """The refusal: file, field and :meth:`rule`."""
        return InputError(self.file, self.field, self.rule())

    def as_record(self) -> dict[str, Any]:
        """Plain data for the run's manifest (every attribute)."""
        return asdict(self)


def _unit_text(unit: str) -> str:
    if unit in (PERCENT_UNIT, GROWTH_UNIT):
        return " %"
    return f" {unit}"


def _ratio_text(ratio: float) -> str:
    return f"{ratio:.3g} times"


# --- scenarios --------------------------------------------------------------------------------


def _scenario_fields(scenario: Scenario) -> Iterable[tuple[str, str, str, float]]:
    """(field, range key, item in words, value in percent) of every checked figure given."""
    if scenario.growth.aggregate is not None:
        yield "growth.aggregate", "growth", "real growth", scenario.growth.aggregate
    for sector, value in scenario.growth.sectors.given().items():
        yield f"growth.sectors.{sector}", f"sector_growth.{sector}", "real growth", value
    if scenario.prices.deflator is not None:
        yield "prices.deflator", "deflator", "deflator change", scenario.prices.deflator
    yield (
        "exchange_rate.depreciation",
        "depreciation",
        "depreciation (change in VND per USD)",
        scenario.exchange_rate.depreciation,
    )
    yield "population_growth", "population_growth", "population growth", scenario.population_growth
    for period, value in zip(("Q1", "6M", "9M"), scenario.ytd_actuals.given(), strict=False):
        yield f"ytd_actuals.{period}", "growth", "year-to-date growth", value


def _percent_finding(
    file: str, field: str, item: str, value: float, plausible: PlausibleRange, record: str
) -> Implausible | None:
    """An :class:`Implausible` for a percent figure outside a fraction range, else None."""
    if plausible.contains(value / 100.0):
        return None
    slip = probable_slip(value / 100.0, plausible)
    return Implausible(
        file=file,
        field=field,
        item=item,
        value=value,
        unit=PERCENT_UNIT,
        low=100.0 * plausible.low,
        high=100.0 * plausible.high,
        basis=plausible.basis,
        record=record,
        intended=None if slip is None else 100.0 * slip.intended,
        factor=None if slip is None else slip.factor,
    )


def scenario_implausible(
    scenario: Scenario, ranges: dict[str, PlausibleRange]
) -> list[Implausible]:
    """The figures of one scenario outside their plausible ranges (see the module table).

    Parameters
    ----------
    scenario : Scenario
        A validated scenario (percent units).
    ranges : dict
        :func:`analysis.outlook.published_record.plausible_ranges`; a field whose range is
        missing is not checked.
    """
    file = str(scenario.path or f"{scenario.name}.yaml")
    found = []
    for field, key, item, value in _scenario_fields(scenario):
        if key not in ranges:
            continue
        finding = _percent_finding(file, field, item, value, ranges[key], key)
        if finding is not None:
            found.append(_with(finding, scenario=scenario.name))
    return found


def _with(finding: Implausible, **changes: Any) -> Implausible:
    return Implausible(**{**asdict(finding), **changes})


# --- actual results ---------------------------------------------------------------------------


def _reference(target: pd.Series, base_year: int) -> tuple[float, str, str] | None:
    """(reference, its name, the words of the basis) of a ratio check, or None."""
    unit = _unit_text(target["unit"])
    baseline = float(target["baseline"])
    if math.isfinite(baseline) and baseline > 0:
        return baseline, "baseline", f"the baseline {shown_value(baseline)}{unit} ({base_year})"
    value = float(target["target"])
    if not math.isfinite(value):
        value = (float(target["target_low"]) + float(target["target_high"])) / 2.0
        words = f"the middle of the target range {shown_value(value)}{unit}"
    else:
        words = f"the target {shown_value(value)}{unit}"
    if not (math.isfinite(value) and value > 0):
        return None
    return value, "target", words


def _figure_keys(fig: pd.Series) -> dict[str, Any]:
    """The indicator, period and line of an actual result, for :class:`Implausible`."""
    line = fig.get("line")
    return {
        "indicator": str(fig["indicator_id"]),
        "period": str(fig["period"]),
        "line": None if line is None or pd.isna(line) else int(line),
    }


def _figure_item(target: pd.Series, fig: pd.Series) -> str:
    return f"'{target['indicator_id']}' ({fig['period']})"


def _level_finding(
    fig: pd.Series, target: pd.Series, base_year: int, where: tuple[str, str]
) -> Implausible | None:
    reference = _reference(target, base_year)
    if reference is None:
        return None
    ref, name, words = reference
    year_to_date = bool(target["accumulates"]) and not is_full_year(str(fig["period"]))
    plausible = ratio_range(
        ref,
        words,
        ceiling=100.0 if target["unit"] == PERCENT_UNIT else None,
        floor=0.0 if year_to_date else None,
        unit=_unit_text(target["unit"]),
    )
    value = float(fig["value"])
    if plausible.contains(value):
        return None
    slip: Slip | None = probable_slip(value, plausible)
    basis = plausible.basis + (", a year-to-date amount from 0" if year_to_date else "")
    return Implausible(
        file=where[0],
        field=where[1],
        item=_figure_item(target, fig),
        value=value,
        unit=str(target["unit"]),
        low=plausible.low,
        high=plausible.high,
        basis=basis,
        record=name,
        ratio=value / ref,
        reference=ref,
        intended=None if slip is None else slip.intended,
        factor=None if slip is None else slip.factor,
        **_figure_keys(fig),
    )


def actuals_implausible(
    actuals: pd.DataFrame,
    targets: pd.DataFrame,
    ranges: dict[str, PlausibleRange],
    base_year: int,
) -> list[Implausible]:
    """The actual results outside their plausible ranges (see the module notes).

    Parameters
    ----------
    actuals : DataFrame
        :func:`analysis.data.actuals.load_actuals_dir` (columns ``indicator_id, period, value,
        unit, file, line``).
    targets : DataFrame
        :func:`analysis.data.tables.load_targets` (``unit``, ``target``, ``target_low``,
        ``target_high``, ``baseline``, ``accumulates``).
    ranges : dict
        :func:`analysis.outlook.published_record.plausible_ranges` (``growth`` for growth).
    base_year : int
        The year of the baselines, for the message.
    """
    by_id = targets.set_index("indicator_id")
    found = []
    for _, fig in actuals.iterrows():
        ident = fig["indicator_id"]
        if ident not in by_id.index:
            continue
        target = by_id.loc[ident].copy()
        target["indicator_id"] = ident
        where = (str(fig.get("file", "actuals")), f"line {int(fig.get('line', 0))}, column 'value'")
        finding = _figure_finding(fig, target, ranges, base_year, where)
        if finding is not None:
            found.append(finding)
    return found


def _figure_finding(
    fig: pd.Series,
    target: pd.Series,
    ranges: dict[str, PlausibleRange],
    base_year: int,
    where: tuple[str, str],
) -> Implausible | None:
    unit = target["unit"]
    if unit == DONE_UNIT:
        return None
    if unit == GROWTH_UNIT:
        if "growth" not in ranges:
            return None
        item = _figure_item(target, fig)
        finding = _percent_finding(*where, item, float(fig["value"]), ranges["growth"], "growth")
        return None if finding is None else _with(finding, unit=GROWTH_UNIT, **_figure_keys(fig))
    return _level_finding(fig, target, base_year, where)


# --- a plan -----------------------------------------------------------------------------------


def implausible_figures(
    series: pd.DataFrame,
    base_year: int,
    *,
    scenarios: Sequence[Scenario] = (),
    actuals: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
) -> list[Implausible]:
    """Every implausible figure of some scenarios and actual results of one plan.

    Parameters
    ----------
    series : DataFrame
        :func:`analysis.data.tables.load_series`: the record.
    base_year : int
        The plan's base year: the record stops there.
    scenarios : sequence of Scenario
        Validated scenarios; each file is checked once.
    actuals, targets : DataFrame, optional
        The actual results and the targets table (both needed to check actual results).

    Returns
    -------
    list of Implausible
        Scenarios first (in the order given), then actual results (in file and line order).
    """
    ranges = plausible_ranges(series, base_year)
    found: list[Implausible] = []
    seen: set[str] = set()
    for scenario in scenarios:
        key = str(scenario.path or scenario.name)
        if key not in seen:
            seen.add(key)
            found += scenario_implausible(scenario, ranges)
    if actuals is not None and targets is not None and not actuals.empty:
        found += actuals_implausible(actuals, targets, ranges, base_year)
    return found


def plan_implausible(
    plan: Any, scenarios: Sequence[Scenario] = (), actuals: pd.DataFrame | None = None
) -> list[Implausible]:
    """:func:`implausible_figures` for a loaded plan (:class:`analysis.data.plans.Plan`).

    ``actuals`` None checks no actual result; pass ``plan.actuals`` (or the table a report
    reads) to check them.
    """
    return implausible_figures(
        plan.series, plan.base_year, scenarios=scenarios, actuals=actuals, targets=plan.targets
    )


__all__ = [
    "ALLOW_OPTION",
    "Implausible",
    "actuals_implausible",
    "implausible_figures",
    "plan_implausible",
    "scenario_implausible",
]
