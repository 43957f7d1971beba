"""The consistency report's table: its columns, its verdicts, and how a row is written.

Every check of the report (:mod:`analysis.economics.consistency_per_head`,
:mod:`analysis.economics.consistency_structure`, :mod:`analysis.economics.consistency_ratios`)
returns rows of one table with the columns of :data:`REPORT_COLUMNS`: ``check`` (a stable id
such as ``"per_head.implied_deflator"``), ``value`` and ``value_base`` (the same figure in the
plan's base year, where one is known) in the report's units (percent as percent, like every
report), ``unit``, ``verdict`` (one of :data:`REPORT_VERDICTS`) and ``note`` (the formula or
the band used). The checks read their scalar inputs through :func:`as_number`, :func:`as_rate`
and :func:`as_level`, so every check refuses a bad input with the same message.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import check_finite, check_growth, check_positive

REPORT_COLUMNS: tuple[str, ...] = (
    "check",
    "value",
    "unit",
    "value_base",
    "verdict",
    "note",
    "note_id",
    "figures",
)
REPORT_VERDICTS: tuple[str, ...] = ("consistent", "stretched", "inconsistent", "information")


def as_number(value: Any, name: str) -> float:
    """A single finite number as float; refuse arrays, NaN, infinities and non-numbers."""
    arr = check_finite(value, name)
    if arr.ndim != 0:
        raise ValueError(f"{name}: must be a single number, got shape {arr.shape}")
    return float(arr)


def as_rate(value: Any, name: str) -> float:
    """A growth rate or price change as float: one finite number above −1 (a fraction)."""
    check_growth(value, name)
    return as_number(value, name)


def as_level(value: Any, name: str) -> float:
    """A level (GRDP, per head, money) as float: one finite, strictly positive number."""
    check_positive(value, name)
    return as_number(value, name)


def as_year(value: Any, name: str) -> int:
    """A calendar year as int: a whole number (not a bool), e.g. the plan's base year."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name}: must be a whole year, got {value!r}")
    return int(value)


def as_optional_level(value: Any, name: str) -> float:
    """A level that may be unknown: NaN for None, else as :func:`as_level`."""
    return np.nan if value is None else as_level(value, name)


def report_row(
    check: str,
    value: float,
    unit: str,
    value_base: float,
    verdict: str,
    note: str,
    note_id: str = "",
    figures: dict[str, Any] | None = None,
) -> dict:
    """One row of the report, keyed by :data:`REPORT_COLUMNS` (values as float)."""
    return {
        "check": check,
        "value": float(value),
        "unit": unit,
        "value_base": float(value_base),
        "verdict": verdict,
        "note": note,
        "note_id": note_id,
        "figures": dict(figures or {}),
    }


def report_table(rows: list[dict]) -> pd.DataFrame:
    """Rows of :func:`report_row` as the report's DataFrame, columns :data:`REPORT_COLUMNS`."""
    frame = pd.DataFrame(rows, columns=list(REPORT_COLUMNS))
    return frame.astype({"value": float, "value_base": float})


def percent(x: float) -> str:
    """A fraction written as percent with two decimals for the notes (0.0286 → ``2.86 %``)."""
    return f"{100.0 * x:.2f} %"
