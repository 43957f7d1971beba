"""Quarterly weights where percent becomes a fraction: which year's, normalised once.

The quarterly arithmetic (methodology §5) splits a year's cumulative growth into single quarters
and adds single quarters up to a year with the **previous** year's GRDP by quarter, φ. Two sets
of weights are in play, each read here from percent (as files hold them) into fractions that
sum to exactly 1:

- the plan year's weights, the base year's GRDP by quarter: a scenario's ``quarterly_weights``
  (:func:`scenario_quarter_weights`; the scenario file allows a sum of 100 ± 0.01) or the pack's
  assumptions ``quarter_weight_q1..q4`` (:func:`plan_quarter_weights`);
- the weights that split a past year's cumulative figures, that year's predecessor's GRDP by
  quarter: the pack's assumptions ``quarter_weight_<year>_q1..q4`` (:func:`year_quarter_weights`;
  ``quarter_weight_2022_q1..q4`` split the 2023 record), as the national check splits Viet
  Nam's 2023 quarters with the 2022 weights. :func:`in_year_record` gives the in-year view its
  record of quarters this way, and says when the pack lacks those weights and the plan year's
  stand in.

Assumption rows are typed to a tenth of a point, so their four weights may miss 100 by a few
tenths (:data:`ASSUMED_WEIGHT_TOLERANCE`); a scenario's are checked to 0.01 point by its file.
Either way the weights handed on sum to 1 exactly, so every identity of the quarterly arithmetic
holds (the required path ends at its target).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.data.scenarios import QUARTER_WEIGHT_TOLERANCE, Scenario
from analysis.economics.checks import ROUNDED_TOLERANCE, check_quarter_weights
from analysis.economics.scorecard_in_year import reference_quarters
from analysis.errors import InputError
from analysis.outlook.record import (
    ASSUMPTIONS_FILE,
    assumption_values,
    latest_quarterly_year,
    record_through,
)

if TYPE_CHECKING:
    from analysis.data.plans import Plan

ASSUMED_WEIGHT_TOLERANCE = ROUNDED_TOLERANCE
"""How far (0.5 point, as a fraction) assumed quarterly weights may sum from 100 %: four
figures typed to a tenth of a point (21 / 25 / 26.5 / 27.6 % sum to 100.1 %)."""

SCENARIO_WEIGHT_TOLERANCE = QUARTER_WEIGHT_TOLERANCE / 100.0
"""A scenario file's tolerance on its weights (0.01 point), as a fraction."""

QUARTERS = (1, 2, 3, 4)


def plan_weight_ids() -> list[str]:
    """``quarter_weight_q1..q4``: the base year's GRDP by quarter, the plan year's weights."""
    return [f"quarter_weight_q{q}" for q in QUARTERS]


def year_weight_ids(year: int) -> list[str]:
    """``quarter_weight_<year>_q1..q4``: a named year's GRDP by quarter."""
    return [f"quarter_weight_{int(year)}_q{q}" for q in QUARTERS]


def quarter_weights(
    percent: Sequence[float], name: str, *, tol: float, where: str = ASSUMPTIONS_FILE
) -> tuple[float, ...]:
    """Four quarterly weights in percent as fractions summing to exactly 1.

    Parameters
    ----------
    percent : sequence of 4 floats
        GRDP by quarter, percent of the year.
    name : str
        The field or ids, for messages (``quarter_weight_q1..q4``).
    tol : float
        Tolerance on the sum of the fractions (0.005: 100 ± 0.5 %).
    where : str
        The file named in a refusal.

    Raises
    ------
    InputError
        Not 4 positive values summing to 100 within ``100 tol`` (file, field, rule).

    Notes
    -----
    ``φ_q = w_q / Σ w``: 21 / 25 / 26.5 / 27.6 % (sum 100.1) give 0.2097902, 0.2497502,
    0.2647353, 0.2757243.
    """
    values = [float(w) for w in percent]
    total = math.fsum(values)
    if len(values) == len(QUARTERS) and not abs(total - 100.0) <= 100.0 * tol:
        raise InputError(
            where,
            name,
            f"must sum to 100 within {100.0 * tol:g} point, got {total:g} "
            f"({' + '.join(f'{v:g}' for v in values)})",
        )
    try:
        phi = check_quarter_weights([v / 100.0 for v in values], name, tol=tol)
    except ValueError as exc:
        raise InputError(where, name, str(exc).removeprefix(f"{name}: ")) from exc
    return tuple(float(w) for w in phi)


def scenario_quarter_weights(scenario: Scenario) -> tuple[float, ...]:
    """A scenario's ``quarterly_weights`` (percent) as fractions summing to exactly 1."""
    return quarter_weights(
        scenario.quarterly_weights,
        "quarterly_weights",
        tol=SCENARIO_WEIGHT_TOLERANCE,
        where=str(scenario.path or scenario.name),
    )


def _assumed(assumptions: Any, ids: list[str]) -> tuple[float, ...] | None:
    values = assumption_values(assumptions)
    given = [values.get(i) for i in ids]
    if all(v is None for v in given):
        return None
    name = f"{ids[0][:-1]}1..q4"
    if any(v is None for v in given):
        missing = [i for i, v in zip(ids, given, strict=True) if v is None]
        raise InputError(ASSUMPTIONS_FILE, name, f"give all four quarters; missing {missing}")
    return quarter_weights(given, name, tol=ASSUMED_WEIGHT_TOLERANCE)


def plan_quarter_weights(assumptions: Any) -> tuple[float, ...] | None:
    """The assumptions ``quarter_weight_q1..q4`` as fractions summing to 1; None if absent."""
    return _assumed(assumptions, plan_weight_ids())


def year_quarter_weights(assumptions: Any, year: int) -> tuple[float, ...] | None:
    """The assumptions ``quarter_weight_<year>_q1..q4`` as fractions summing to 1, or None."""
    return _assumed(assumptions, year_weight_ids(year))


@dataclass(frozen=True)
class InYearRecord:
    """What the in-year view judges growth with: the weights and the record of quarters.

    Attributes
    ----------
    weights : tuple of float
        The plan year's weights (the base year's GRDP by quarter), fractions summing to 1.
    record : DataFrame
        :func:`analysis.economics.scorecard_in_year.reference_quarters` of ``year``.
    year : int or None
        The record's year: the base year's quarters when published, else the latest year
        before it with published quarters (None: no quarters published, ``record`` empty).
    record_weights : tuple of float
        The weights that split the record's cumulative figures: the year before ``year``.
    record_weights_assumed : bool
        True when they are the pack's ``quarter_weight_<year − 1>_q1..q4``; False when the
        pack lacks them and the plan year's weights stand in.
    """

    weights: tuple[float, ...]
    record: pd.DataFrame
    year: int | None
    record_weights: tuple[float, ...]
    record_weights_assumed: bool


def in_year_record(plan: Plan, scenario: Scenario) -> InYearRecord:
    """The in-year view's weights and record of quarters for a plan and a scenario.

    Parameters
    ----------
    plan : Plan
        The plan pack (its series up to the base year, its assumptions).
    scenario : Scenario
        Gives the plan year's weights (``quarterly_weights``).

    Returns
    -------
    InYearRecord

    Raises
    ------
    InputError
        Weights that are not 4 positive values summing to 100 (within 0.01 point for the
        scenario's, 0.5 point for the assumptions').

    Notes
    -----
    The record year ``R`` is :func:`analysis.outlook.record.latest_quarterly_year`. Its
    single quarters come from its cumulative figures with the weights of ``R − 1``
    (methodology §5: ``g_k = (G_k Σ_{q≤k} φ_q − Σ_{q<k} φ_q g_q) / φ_k``, φ of the year
    before), the pack's ``quarter_weight_<R − 1>_q1..q4``. For the 2023 record with the 2022
    weights 21.98 / 24.99 / 26.24 / 26.80 % (sum 100.01, rescaled): Q4 = (13.45 − 0.219778 ×
    8.4 − 0.249875 × 13.5 − 0.262374 × 14.59) / 0.267973 ≈ 16.43 %, where the plan year's
    weights 21 / 25 / 26.5 / 27.5 % would give 16.16 %.
    """
    weights = scenario_quarter_weights(scenario)
    known = record_through(plan.series, plan.base_year)
    year = latest_quarterly_year(known, plan.base_year)
    if year is None:
        empty = pd.DataFrame(columns=["growth", "basis", "source"]).rename_axis("period")
        return InYearRecord(weights, empty, None, weights, False)
    assumed = year_quarter_weights(plan.assumptions, year - 1)
    record_weights = weights if assumed is None else assumed
    record = reference_quarters(known, record_weights, year)
    return InYearRecord(weights, record, year, record_weights, assumed is not None)


__all__ = [
    "ASSUMED_WEIGHT_TOLERANCE",
    "SCENARIO_WEIGHT_TOLERANCE",
    "InYearRecord",
    "in_year_record",
    "plan_quarter_weights",
    "plan_weight_ids",
    "quarter_weights",
    "scenario_quarter_weights",
    "year_quarter_weights",
    "year_weight_ids",
]
