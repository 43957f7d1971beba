"""The in-year view of growth: what the remaining quarters need, against the record.

After each published year-to-date growth figure (``<year>-Q1``, ``-6M``, ``-9M``),
:func:`in_year_view` works out the single-quarter growth the rest of the year needs to reach
the annual target and judges it against the quarters the province has just achieved and
against a past year's single quarters (:func:`reference_quarters`: published where a
single-quarter figure exists, otherwise implied by the year-to-date figures and the quarterly
weights). :func:`ytd_growth` picks the year-to-date growth out of an actuals table. Growth
rates are fractions here; the tables hold percent.

References
----------
Methodology reference, sections 5 and 7.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import check_columns, check_growth, check_quarter_weights
from analysis.economics.periods import (
    is_full_year,
    is_period,
    parse_period,
    period_year,
    quarters_covered,
)
from analysis.economics.quarters import quarterly_from_cumulative, required_remaining_growth
from analysis.economics.scorecard import ACTUAL_COLUMNS
from analysis.economics.vintages import latest_vintage

#: How each reference quarter was obtained (:func:`reference_quarters`).
REFERENCE_BASES: tuple[str, ...] = ("published", "published_cumulative", "implied_by_weights")
#: Year-to-date periods of the published series, by the number of quarters they cover.
YTD_SUFFIXES: dict[int, str] = {1: "Q1", 2: "6M", 3: "9M", 4: "FY"}
#: The in-year view's verdicts on the growth the rest of the year needs (:func:`in_year_view`).
IN_YEAR_VERDICTS: tuple[str, ...] = ("within_this_year", "within_reference", "beyond_reference")
_NAN = float("nan")


def ytd_growth(actuals: pd.DataFrame, indicator_id: str = "grdp_growth") -> pd.Series:
    """Year-to-date growth published in the year, as fractions indexed by period.

    Takes the latest publication per in-year period (``2024-Q1``, ``2024-6M``, ``2024-9M``) of
    ``indicator_id`` (:func:`analysis.economics.vintages.latest_vintage`: the latest
    ``as_of``; values in percent, as in the actuals files) and divides by 100.
    """
    check_columns(actuals, "actuals", ACTUAL_COLUMNS)
    in_year = actuals["period"].map(lambda p: is_period(p) and not is_full_year(p))
    rows = actuals[
        (actuals["indicator_id"] == indicator_id) & in_year.astype(bool) & actuals["value"].notna()
    ]
    rows = latest_vintage(rows, ["period"])
    out = rows.set_index("period")["value"].astype(float) / 100.0
    out = out.reindex(sorted(out.index, key=parse_period))
    out.name = f"{indicator_id}_ytd"
    return out


def _check_ytd(ytd: Mapping[str, float] | pd.Series) -> dict[str, float]:
    items = dict(ytd.items())
    unknown = [p for p in items if not is_period(p) or is_full_year(p)]
    if unknown:
        raise ValueError(
            f"ytd: periods must be year-to-date periods ('<year>-Q1', '-6M', '-9M'), got {unknown}"
        )
    if len({period_year(p) for p in items}) > 1:
        raise ValueError(f"ytd: periods must all belong to one year, got {list(items)}")
    values = check_growth([float(v) for v in items.values()], "ytd") if items else []
    ordered = sorted(zip(items, values, strict=True), key=lambda item: parse_period(item[0]))
    return {p: float(v) for p, v in ordered}


def _single_quarters(ytd: dict[str, float], weights: np.ndarray) -> np.ndarray:
    """Single-quarter growth for the unbroken run of periods from Q1 (empty if Q1 is absent)."""
    by_quarters = {quarters_covered(p): value for p, value in ytd.items()}
    prefix = []
    for k in range(1, len(weights)):
        if k not in by_quarters:
            break
        prefix.append(by_quarters[k])
    if not prefix:
        return np.array([])
    return np.atleast_1d(quarterly_from_cumulative(prefix, weights))


_SERIES_COLUMNS = ("variable", "sector", "period", "value", "source")


def _year_figures(series: pd.DataFrame, variable: str, year: int) -> dict[str, tuple[float, str]]:
    """``{period: (percent, source)}`` of one total-economy variable in ``year``; of several
    publications of a period, the latest (:func:`analysis.economics.vintages.latest_vintage`)."""
    rows = series[
        (series["variable"] == variable)
        & (series["sector"] == "total")
        & series["period"].astype(str).str.startswith(f"{year}")
    ]
    rows = latest_vintage(rows, ["period"])
    return {
        str(p): (float(v), str(src))
        for p, v, src in zip(rows["period"], rows["value"], rows["source"], strict=True)
    }


def _cumulative_figures(series: pd.DataFrame, year: int) -> dict[int, tuple[float, str]]:
    """Year-to-date growth by quarters covered (1 Q1, 2 6M, 3 9M, 4 the year), percent."""
    ytd = _year_figures(series, "grdp_growth_ytd", year)
    out = {k: ytd[f"{year}-{sfx}"] for k, sfx in YTD_SUFFIXES.items() if f"{year}-{sfx}" in ytd}
    annual = _year_figures(series, "grdp_growth", year).get(str(year))
    if 4 not in out and annual is not None:
        out[4] = annual
    return out


def _reference_row(
    k: int,
    singles: dict[str, tuple[float, str]],
    cumulative: dict[int, tuple[float, str]],
    earlier: list[float] | None,
    phi: np.ndarray,
    year: int,
) -> tuple[float, str, str] | None:
    """Quarter ``k``'s single-quarter growth (fraction), basis and source; None if unknown.

    ``earlier`` holds quarters 1 to k − 1, or is None when one of them is unknown.
    """
    period = f"{year}-Q{k}"
    if period in singles:
        value, source = singles[period]
        return value / 100.0, "published", source
    if k not in cumulative or earlier is None:
        return None
    value, source = cumulative[k]
    rest = float(np.dot(phi[: k - 1], earlier)) if earlier else 0.0
    single = (value / 100.0 * float(phi[:k].sum()) - rest) / float(phi[k - 1])
    return single, "published_cumulative" if k == 1 else "implied_by_weights", source


def reference_quarters(series: pd.DataFrame, weights: Any, year: int) -> pd.DataFrame:
    """The single quarters of a past year, year on year: the record growth is judged against.

    Parameters
    ----------
    series : pandas.DataFrame
        The published series (:func:`analysis.data.tables.load_series`): ``grdp_growth_quarter``
        (single quarters), ``grdp_growth_ytd`` (``<year>-Q1``, ``-6M``, ``-9M``, ``-FY``) and,
        if the year-to-date table has no ``-FY``, ``grdp_growth`` for the year; sector
        ``total``, values in percent.
    weights : array_like, shape (4,)
        The quarterly weights in use (shares of the year before's GRDP by quarter, fractions
        summing to 1: the assumption ``quarter_weight_q1..q4``, or a scenario's weights).
    year : int
        The year of the record: the plan's base year, whose quarters the plan year's are
        compared with.

    Returns
    -------
    pandas.DataFrame
        Index ``period`` (``2023-Q1`` ... ``2023-Q4``, the quarters that can be known), columns
        ``growth`` (fraction), ``basis`` (:data:`REFERENCE_BASES`) and ``source``. ``basis``
        says how the figure was obtained: ``published`` (a single-quarter figure),
        ``published_cumulative`` (the first quarter: the Q1 year-to-date figure is the
        quarter itself) or ``implied_by_weights`` (derived from a year-to-date figure and the
        quarters before it **with the weights, which are an assumption**: not a published
        figure, and it moves with the weights).

    Raises
    ------
    ValueError
        ``series`` lacks a column; the weights are not 4 positive fractions summing to 1;
        ``year`` is not a whole number; no quarter of ``year`` can be known.

    Notes
    -----
    A published single quarter is used as it is. Otherwise quarter k comes from the
    year-to-date growth G_k once every earlier quarter is known:
    ``g_k = (G_k Σ_{q≤k} φ_q − Σ_{q<k} φ_q g_q) / φ_k`` (methodology §5). For 2023 with
    φ = (0.21, 0.25, 0.265, 0.275): Q1 8.4 %, Q2 13.5 %, Q3 14.59 % published, and Q4
    implied by the year's 13.45 %: (13.45 − 0.21·8.4 − 0.25·13.5 − 0.265·14.59) / 0.275
    ≈ 16.16 %. Published single quarters take precedence over year-to-date figures that
    would imply other values (2023's 6M figure, 10.94 %, implies a second quarter of
    13.07 % with these weights against the 13.5 % published).

    References
    ----------
    Methodology reference, section 5; the sources of each figure are in
    ``data/raw/published_series.csv`` (2023 quarters: provincial press conference,
    vanhienplus.vn, 04/10/2023; the year: provincial statistics report, 12/2023).
    """
    check_columns(series, "series", _SERIES_COLUMNS)
    phi = check_quarter_weights(weights, "weights")
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise ValueError(f"year: must be a whole number, got {year!r}")
    singles = _year_figures(series, "grdp_growth_quarter", int(year))
    cumulative = _cumulative_figures(series, int(year))
    rows: dict[str, tuple[float, str, str]] = {}
    earlier: list[float] | None = []
    for k in YTD_SUFFIXES:
        row = _reference_row(k, singles, cumulative, earlier, phi, int(year))
        if row is not None:
            rows[f"{year}-Q{k}"] = row
        # once a quarter is unknown, later ones can only come from published single quarters
        earlier = [*earlier, row[0]] if row is not None and earlier is not None else None
    if not rows:
        raise ValueError(f"series: no single-quarter or year-to-date GRDP growth for {year}")
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["growth", "basis", "source"])
    out.index.name = "period"
    return out


def _verdict(required: float, best: float, reference_best: float) -> str:
    if not math.isnan(best) and required <= best:
        return "within_this_year"
    return "within_reference" if required <= reference_best else "beyond_reference"


def in_year_view(
    ytd: Mapping[str, float] | pd.Series,
    annual_target: float,
    weights: Any,
    *,
    reference_quarters: Mapping[str, float] | pd.Series,
) -> pd.DataFrame:
    """What the rest of the year needs after each published year-to-date growth figure.

    Parameters
    ----------
    ytd : mapping or pandas.Series
        Cumulative year-on-year growth by period (``2024-Q1``, ``2024-6M``, ``2024-9M``),
        fractions; any subset (:func:`ytd_growth` gives it from an actuals table).
    annual_target : float
        The annual growth target, fraction (0.145).
    weights : array_like, shape (4,)
        The previous year's quarterly weights, fractions summing to 1 (the assumption
        ``quarter_weight_q1..q4``: 0.21, 0.25, 0.265, 0.275).
    reference_quarters : mapping or pandas.Series
        The record: single-quarter year-on-year growth the province has achieved
        (fractions), labelled by period, e.g. ``reference_quarters(series, weights)["growth"]``
        (:func:`reference_quarters`: 2023 Q1-Q3 published, Q4 implied by the year's growth
        and the weights).

    Returns
    -------
    pandas.DataFrame
        One row before any quarter (``quarters_done`` 0, ``period`` None) and one per
        published period, columns ``quarters_done, period, ytd_growth, quarter_growth``
        (the single quarter just ended, implied), ``best_quarter_so_far``,
        ``required_growth`` (each remaining quarter, year on year), ``reference_best`` (the
        best quarter of the record), ``reference_best_period`` (its label), ``verdict`` and
        ``plausible``.

    Raises
    ------
    ValueError
        A period is not an in-year period; a growth rate is at or below −100 %; the
        weights are not 4 positive fractions summing to 1; ``reference_quarters`` is empty
        or holds a growth rate at or below −100 %.

    Notes
    -----
    ``g_rest = (G* − G_k Σ_{q≤k} φ_q) / Σ_{q>k} φ_q`` and single quarters
    ``g_k = (G_k Σ_{q≤k} φ_q − G_{k−1} Σ_{q<k} φ_q) / φ_k`` (methodology §5, via
    :func:`analysis.economics.quarters.required_remaining_growth` and
    :func:`analysis.economics.quarters.quarterly_from_cumulative`). Single quarters need every
    period from Q1 on; after a gap they are missing.

    Plausibility rule: the required single-quarter growth is ``within_this_year`` when it is
    at most the best single quarter so far this year (the province has just done it);
    else ``within_reference`` when it is at most the best quarter of the record passed in
    ``reference_quarters`` (for 2023: Q1 8.4 %, Q2 13.5 %, Q3 14.59 % published and Q4
    ≈ 16.16 % implied by the year's 13.45 % and the quarterly weights, so the best is the
    implied Q4); else ``beyond_reference``: above every quarter the record holds (the
    quarters of ``reference_quarters``, named with the best in ``reference_best_period``).
    ``plausible`` is false only for ``beyond_reference``.

    References
    ----------
    Methodology reference, sections 5 and 7; 2023 quarters: provincial press conference
    (vanhienplus.vn, 04/10/2023) and the provincial statistics report for the year.
    """
    given = _check_ytd(ytd)
    target = float(check_growth(annual_target, "annual_target"))
    phi = check_quarter_weights(weights, "weights")
    reference = _reference_best(reference_quarters)
    quarters = _single_quarters(given, phi)
    rows = [_view_row(0, None, _NAN, target, phi, quarters, reference)]
    for period in given:
        k = quarters_covered(period)
        rows.append(_view_row(k, period, given[period], target, phi, quarters, reference))
    return pd.DataFrame(rows)


def _reference_best(reference_quarters: Mapping[str, float] | pd.Series) -> tuple[float, str]:
    """The record's best quarter: (growth, label)."""
    items = dict(reference_quarters.items())
    if not items:
        raise ValueError("reference_quarters: must hold at least one quarter's growth")
    values = check_growth([float(v) for v in items.values()], "reference_quarters")
    best = int(np.argmax(values))
    return float(values[best]), str(list(items)[best])


def _view_row(
    k: int,
    period: str | None,
    ytd: float,
    target: float,
    phi: np.ndarray,
    quarters: np.ndarray,
    reference: tuple[float, str],
) -> dict[str, Any]:
    known = quarters[: min(k, len(quarters))]
    best = float(known.max()) if len(known) else _NAN
    single = float(quarters[k - 1]) if 0 < k <= len(quarters) else _NAN
    required = required_remaining_growth(target, ytd if k else None, k, phi)
    reference_best, reference_period = reference
    verdict = _verdict(required, best, reference_best)
    return {
        "quarters_done": k,
        "period": period,
        "ytd_growth": ytd,
        "quarter_growth": single,
        "best_quarter_so_far": best,
        "required_growth": required,
        "reference_best": reference_best,
        "reference_best_period": reference_period,
        "verdict": verdict,
        "plausible": verdict != "beyond_reference",
    }
