"""Input validators shared by the economics modules.

Each validator raises :class:`ValueError` whose message names the parameter and the rule,
in the house form ``"weights: must sum to 1 within 1e-06, got 0.97"``. They return the
validated values so callers need not convert twice: float arrays, a float for a single
number, a Series for inputs keyed by sector or by year.

Shares and weights are fractions. ``SUM_TOLERANCE`` is the default for exact inputs; callers
holding rounded published shares (one decimal place in percent) pass a looser ``tol``,
``ROUNDED_TOLERANCE``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

SUM_TOLERANCE = 1e-6
"""Default tolerance on the sum of shares or weights (exact, unrounded inputs)."""

ROUNDED_TOLERANCE = 0.005
"""Default tolerance on sums of shares and weights: published shares are rounded to 0.1 pt
and contributions to 0.01 pt, so their sums miss 1 by up to a few tenths of a point."""

N_QUARTERS = 4


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _worst(arr: np.ndarray, bad: np.ndarray) -> str:
    """Describe the offending values: the first one, and how many there are."""
    first = _fmt(float(np.asarray(arr)[bad].ravel()[0]))
    count = int(np.count_nonzero(bad))
    return first if count == 1 else f"{first} (and {count - 1} more)"


def check_finite(value: Any, name: str) -> np.ndarray:
    """Return ``value`` as a float array; refuse NaN, infinities and non-numbers."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: must be a number or an array of numbers, got {value!r}") from exc
    bad = ~np.isfinite(arr)
    if bad.any():
        raise ValueError(f"{name}: must be finite, got {_worst(arr, bad)}")
    return arr


def check_growth(value: Any, name: str) -> np.ndarray:
    """Return ``value`` as a float array of growth rates; each must be finite and > -1."""
    arr = check_finite(value, name)
    bad = arr <= -1.0
    if bad.any():
        raise ValueError(
            f"{name}: growth must be above -1 (-100 %) as a fraction, got {_worst(arr, bad)}"
        )
    return arr


def check_positive(value: Any, name: str) -> np.ndarray:
    """Return ``value`` as a float array; each must be finite and strictly positive."""
    arr = check_finite(value, name)
    bad = arr <= 0.0
    if bad.any():
        raise ValueError(f"{name}: must be positive, got {_worst(arr, bad)}")
    return arr


def check_shares(
    value: Any,
    name: str,
    tol: float = SUM_TOLERANCE,
    labels: Sequence[str] | None = None,
) -> np.ndarray:
    """Return shares as a float array: non-negative, summing to 1 along the last axis.

    Parameters
    ----------
    value : array_like
        Shares or weights as fractions; the last axis holds the parts (one row per draw
        when two-dimensional).
    name : str
        Parameter name used in the error message.
    tol : float, default SUM_TOLERANCE
        Allowed absolute deviation of the sum from 1. Pass e.g. ``0.005`` for shares
        rounded to one decimal place in percent.
    labels : sequence of str, optional
        Names of the parts, to name the offending one in messages.
    """
    if not tol >= 0:
        raise ValueError(f"tol: must be non-negative, got {tol!r}")
    arr = check_finite(value, name)
    if arr.ndim == 0 or arr.shape[-1] == 0:
        raise ValueError(f"{name}: must hold at least one share, got {value!r}")
    negative = arr < 0.0
    if negative.any():
        where = ""
        if labels is not None:
            col = int(np.nonzero(negative.reshape(-1, arr.shape[-1]).any(axis=0))[0][0])
            where = f" for '{labels[col]}'"
        raise ValueError(f"{name}: must be non-negative, got {_worst(arr, negative)}{where}")
    total = arr.sum(axis=-1)
    off = np.abs(total - 1.0) > tol
    if np.any(off):
        raise ValueError(f"{name}: must sum to 1 within {tol:g}, got {_worst(total, off)}")
    return arr


def check_quarter_weights(
    value: Any, name: str = "weights", tol: float = SUM_TOLERANCE
) -> np.ndarray:
    """Return the previous year's quarterly weights: 4 positive values, rescaled to sum to 1.

    Weights summing to 1 within ``tol`` (rounded figures: 21 / 25 / 26.5 / 27.6 % sum to
    100.1 %) are accepted and divided by their sum, so every identity of the quarterly
    arithmetic (``Σ φ_q = 1``: the year is ``Σ φ_q g_q``, the required path ends at its
    target) holds exactly whatever the tolerance; weights that already sum to 1 come back as
    they are, up to rounding in the last digit.
    """
    arr = check_shares(value, name, tol=tol)
    if arr.shape != (N_QUARTERS,):
        raise ValueError(f"{name}: must hold exactly 4 quarterly weights, got shape {arr.shape}")
    if np.any(arr <= 0.0):
        raise ValueError(f"{name}: every quarterly weight must be positive, got {arr.tolist()}")
    return arr / arr.sum()


def check_quarter_count(value: Any, name: str = "quarters_done") -> int:
    """Return a number of quarters as int; must be a whole number in 0-4."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name}: must be a whole number of quarters in 0-4, got {value!r}")
    if not 0 <= int(value) <= N_QUARTERS:
        raise ValueError(f"{name}: must be in 0-4, got {value}")
    return int(value)


def check_same_keys(a: Iterable[str], b: Iterable[str], name_a: str, name_b: str) -> None:
    """Refuse two sector-keyed inputs whose keys differ; the message lists the differences."""
    keys_a, keys_b = list(a), list(b)
    for name, keys in ((name_a, keys_a), (name_b, keys_b)):
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValueError(f"{name}: sector keys must be unique, got duplicates {dupes}")
    only_a = [k for k in keys_a if k not in keys_b]
    only_b = [k for k in keys_b if k not in keys_a]
    if only_a or only_b:
        raise ValueError(
            f"{name_a}, {name_b}: must have the same sector keys; "
            f"only in {name_a}: {only_a}, only in {name_b}: {only_b}"
        )


def check_number(value: Any, name: str) -> float:
    """Return a single finite real number as float; refuse bools, strings and arrays."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name}: must be a finite number, got {value!r}")
    if not math.isfinite(float(value)):
        raise ValueError(f"{name}: must be finite, got {value!r}")
    return float(value)


def check_rate(value: Any, name: str) -> float:
    """Return a single growth rate as float: finite and above -1."""
    arr = check_growth(value, name)
    if arr.ndim != 0:
        raise ValueError(f"{name}: must be a single number, got shape {arr.shape}")
    return float(arr)


# --- inputs keyed by sector ---------------------------------------------------------------


def check_sector_series(value: Any, name: str) -> pd.Series:
    """A sector-keyed input as a float Series (keys as str); refuse other types and NaN."""
    if isinstance(value, pd.Series):
        series = value
    elif isinstance(value, Mapping):
        series = pd.Series(dict(value), dtype=float)
    else:
        raise ValueError(
            f"{name}: must be a pandas Series or dict keyed by sector, got {type(value).__name__}"
        )
    if series.empty:
        raise ValueError(f"{name}: must hold at least one sector")
    keys = [str(k) for k in series.index]
    check_same_keys(keys, keys, name, name)  # refuses duplicate keys
    return pd.Series(check_finite(series.to_numpy(), name), index=keys, dtype=float)


def check_sectors_aligned(value: Any, name: str, keys: list[str], name_keys: str) -> pd.Series:
    """A sector-keyed input with exactly the sectors ``keys`` (of ``name_keys``), in that order."""
    series = check_sector_series(value, name)
    check_same_keys(keys, list(series.index), name_keys, name)
    return series.reindex(keys)


def check_sector_shares(value: Any, name: str, keys: list[str] | None, tol: float) -> pd.Series:
    """Shares checked (non-negative, sum 1 within ``tol``) and rescaled to sum exactly 1.

    With ``keys``, the shares must have exactly those sectors (those of ``shares``).
    """
    series = (
        check_sector_series(value, name)
        if keys is None
        else check_sectors_aligned(value, name, keys, "shares")
    )
    arr = check_shares(series.to_numpy(), name, tol, list(series.index))
    return pd.Series(arr / arr.sum(), index=series.index)


# --- inputs keyed by year -----------------------------------------------------------------


def check_years(index: pd.Index, name: str) -> np.ndarray:
    """Integer years from an index of ints or strings such as '2016'; each year once."""
    try:
        years = np.array([int(str(v).strip()) for v in index])
    except ValueError as exc:
        raise ValueError(
            f"{name}: the index must hold years (ints or four-digit strings), got {list(index)}"
        ) from exc
    if len(set(years.tolist())) != len(years):
        raise ValueError(f"{name}: each year must appear once, got {years.tolist()}")
    return years


def check_growth_by_year(values: Any, name: str) -> pd.Series | None:
    """A growth Series indexed by int year, sorted, or None when ``values`` carries no years."""
    if not isinstance(values, pd.Series):
        return None
    arr = check_growth(values.to_numpy(dtype=float), name)
    return pd.Series(arr, index=check_years(values.index, name)).sort_index()


def check_columns(frame: Any, name: str, columns: Sequence[str]) -> None:
    """Refuse anything but a DataFrame holding ``columns``; the message lists the missing ones."""
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{name}: must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame]
    if missing:
        raise ValueError(f"{name}: must have the columns {list(columns)}; missing {missing}")
