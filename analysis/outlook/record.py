"""The published record as a plan knew it, and the base year's figures taken from it.

A plan is judged on what was known when it was made: everything that calibrates or describes
the record for a plan uses the published figures of years up to the plan's base year only
(:func:`record_through`), so a report for a plan does not change when later outturns are added
to ``data/raw/published_series.csv``. The base year's structure, weights and product-tax share
are read here for the composing layer (:mod:`analysis.outlook.inputs`,
:mod:`analysis.outlook.consistency_inputs`); where the series lack a base-year figure, the
plan pack's ``assumptions.csv`` may state it (with its basis), else the figure is refused by
name.

Assumption rows read here (all optional, values in the table's units):

- ``base_share_industry_construction``, ``base_share_services``, ``base_share_agriculture``:
  the base year's current-price structure in the ``taxes_in_services`` convention (%), when
  the series do not publish it;
- ``base_share_product_taxes``: product taxes less subsidies as a share of GRDP (%), when
  the series publish no four-part structure of the base year or the year before it;
- ``outlier_year_<event>``: a named outlier year of the record (value: the year), e.g.
  ``outlier_year_outbreak`` = 2021. The sector baseline leaves these years out; the growth
  calibration says its spread includes them ("the 2021 outbreak").
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from analysis.economics.consistency_rows import as_number
from analysis.economics.vintages import latest_vintage
from analysis.errors import InputError

RECORD_KINDS: tuple[str, ...] = ("actual", "estimate")
"""Kinds of series rows that are the record (outturns); plans and targets are not."""

SERIES_FILE = "published_series.csv"
ASSUMPTIONS_FILE = "assumptions.csv"

THREE_SECTORS: tuple[str, ...] = ("industry_construction", "services", "agriculture")
FOUR_PARTS: tuple[str, ...] = (*THREE_SECTORS, "product_taxes")

BASE_SHARE_PREFIX = "base_share_"
"""Assumption ids ``base_share_<sector>``: the base year's structure where it is unpublished."""

OUTLIER_PREFIX = "outlier_year_"
"""Assumption ids ``outlier_year_<event>``: named outlier years of the record."""

_FIRST_YEAR = re.compile(r"^\s*(\d{4})")


def period_start(period: object) -> int | None:
    """The first year of a series period (``2023``, ``2023-Q1``, ``2021-2030``), or None."""
    match = _FIRST_YEAR.match(str(period))
    return int(match.group(1)) if match else None


def check_year(value: Any, name: str) -> int:
    """A calendar year as int (a whole number, not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name}: must be a whole year, got {value!r}")
    return int(value)


def record_through(series: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """The published series as a plan with this base year knew them.

    Rows of kind ``actual`` or ``estimate`` (:data:`RECORD_KINDS`) whose period begins after
    ``base_year`` are left out; plans and targets (a master plan for 2021–2030, the growth
    planned for the plan year) are kept, as they were stated before the plan year began.

    Parameters
    ----------
    series : DataFrame
        :func:`analysis.data.tables.load_series` (columns ``period`` and ``kind`` at least).
    base_year : int
        The plan's base year.

    Returns
    -------
    DataFrame
        The rows kept, in their order.
    """
    year = check_year(base_year, "base_year")
    missing = [c for c in ("period", "kind") if c not in series.columns]
    if missing:
        raise ValueError(f"series: missing column(s) {missing}")
    starts = series["period"].map(period_start)
    later = series["kind"].isin(RECORD_KINDS) & starts.map(lambda y: y is not None and y > year)
    return series.loc[~later.astype(bool)]


# --- the plan pack's assumptions -----------------------------------------------------------------


def assumption_values(assumptions: Any) -> dict[str, float]:
    """Assumptions as {id: value} in the table's units (percent as percent); {} for None."""
    if assumptions is None:
        return {}
    if isinstance(assumptions, pd.DataFrame):
        missing = [c for c in ("assumption_id", "value") if c not in assumptions.columns]
        if missing:
            raise ValueError(f"assumptions: missing column(s) {missing}")
        return dict(
            zip(assumptions["assumption_id"], assumptions["value"].astype(float), strict=True)
        )
    if isinstance(assumptions, Mapping):
        return {str(k): as_number(v, f"assumptions['{k}']") for k, v in assumptions.items()}
    raise ValueError(
        "assumptions: must be the DataFrame of load_assumptions() or a dict of "
        f"assumption_id to value, got {type(assumptions).__name__}"
    )


def assumption_bases(assumptions: Any) -> dict[str, str]:
    """The ``basis`` of each assumption, by id (only a table has them; {} otherwise)."""
    if not isinstance(assumptions, pd.DataFrame) or "basis" not in assumptions.columns:
        return {}
    return dict(zip(assumptions["assumption_id"], assumptions["basis"].astype(str), strict=True))


def outlier_years(assumptions: Any) -> dict[int, str]:
    """Named outlier years, ``{year: event}``, from the rows ``outlier_year_<event>``.

    The event is the id's end with ``_`` as spaces: ``outlier_year_outbreak`` = 2021 gives
    ``{2021: "outbreak"}``.
    """
    out: dict[int, str] = {}
    for key, value in assumption_values(assumptions).items():
        if not key.startswith(OUTLIER_PREFIX):
            continue
        if not (math.isfinite(value) and value == int(value)):
            raise InputError(ASSUMPTIONS_FILE, key, f"must be a year, got {value!r}")
        out[int(value)] = key[len(OUTLIER_PREFIX) :].replace("_", " ")
    return dict(sorted(out.items()))


def named_shocks(assumptions: Any) -> list[str]:
    """The outlier years as words, in order: ``["the 2021 outbreak", "the 2022 rebound"]``."""
    return [f"the {year} {event}" for year, event in outlier_years(assumptions).items()]


# --- the base year's figures -------------------------------------------------------------------


def series_pick(
    series: pd.DataFrame,
    variable: str,
    year: int,
    sectors: Sequence[str],
    convention: str | None = None,
) -> pd.Series | None:
    """One value per sector for a variable in a year (percent); None when none is published.

    A sector published twice (an estimate and its revision) gives its latest publication
    (:func:`analysis.economics.vintages.latest_vintage`).

    Raises
    ------
    InputError
        Some sectors but not all are published.
    """
    rows = series[(series["variable"] == variable) & (series["period"].astype(str) == str(year))]
    if convention is not None:
        rows = rows[rows["convention"] == convention]
    rows = latest_vintage(rows[rows["sector"].isin(list(sectors))], ["sector"])
    if rows.empty:
        return None
    missing = [s for s in sectors if s not in set(rows["sector"])]
    if missing:
        raise InputError(
            SERIES_FILE,
            f"'{variable}' {year}{' ' + convention if convention else ''}",
            f"needs one figure per sector; missing {missing}",
        )
    return rows.set_index("sector")["value"].astype(float).reindex(list(sectors))


def need_pick(
    series: pd.DataFrame,
    variable: str,
    year: int,
    sectors: Sequence[str],
    convention: str | None = None,
) -> pd.Series:
    """:func:`series_pick`, refusing a figure that is not published (InputError naming it)."""
    picked = series_pick(series, variable, year, sectors, convention)
    if picked is None:
        raise InputError(
            SERIES_FILE,
            f"'{variable}' {year}{' ' + convention if convention else ''}",
            f"the plan's base year needs this figure for {list(sectors)}; it is not published",
        )
    return picked


QUARTERLY_VARIABLES: tuple[str, ...] = ("grdp_growth_ytd", "grdp_growth_quarter")
"""The series that hold a year's quarters (year to date, or single quarters)."""


def latest_quarterly_year(series: pd.DataFrame, base_year: int) -> int | None:
    """The latest year up to ``base_year`` whose quarterly GRDP growth is published, or None.

    The in-year view judges what the rest of a year needs against the quarters the province
    has achieved: the base year's when they are published, else the latest year before it that
    has them (the report names the year it uses).
    """
    rows = series[series["variable"].isin(QUARTERLY_VARIABLES) & series["sector"].eq("total")]
    years = [y for y in rows["period"].map(period_start) if y is not None and y <= base_year]
    return max(years) if years else None


def base_contributions(series: pd.DataFrame, base_year: int, sectors: Sequence[str]) -> pd.Series:
    """The base year's contributions to growth by sector, points; one unpublished part derived.

    When every part's contribution is published, those. When exactly one is not (a release
    gives industry, services and agriculture but not product taxes, as for 2024), it is the
    residual of the year's published total growth: ``c_r = g − Σ_{i≠r} c_i``, so that the parts
    add up to the published total (methodology section 2). Anything else is refused.

    Raises
    ------
    InputError
        More than one part missing, or the total growth of the year not published.
    """
    rows = series[
        (series["variable"] == "contribution")
        & (series["period"].astype(str) == str(base_year))
        & series["sector"].isin(list(sectors))
    ]
    missing = [s for s in sectors if s not in set(rows["sector"])]
    if len(missing) != 1:
        return need_pick(series, "contribution", base_year, sectors)
    known = [s for s in sectors if s not in missing]
    parts = need_pick(series, "contribution", base_year, known)
    total = series_pick(series, "grdp_growth", base_year, ["total"])
    if total is None:
        raise InputError(
            SERIES_FILE,
            f"'contribution' {base_year}",
            f"{missing[0]} is not published and the year's total growth, which would give it as "
            "the residual, is not either",
        )
    derived = pd.Series({missing[0]: float(total.iloc[0]) - float(parts.sum())})
    return pd.concat([parts, derived]).reindex(list(sectors))


def base_shares(series: pd.DataFrame, base_year: int, assumptions: Any = None) -> pd.Series:
    """The base year's current-price structure, three parts, taxes in services (fractions).

    The series' ``structure_share`` of ``base_year`` in the ``taxes_in_services`` convention
    (the targets' convention); where it is not published, the pack's assumptions
    ``base_share_<sector>`` (percent, each with its basis in ``assumptions.csv``).

    Raises
    ------
    InputError
        Neither is there, naming the figure and the assumption ids that would supply it.
    """
    year = check_year(base_year, "base_year")
    published = series_pick(series, "structure_share", year, THREE_SECTORS, "taxes_in_services")
    if published is not None:
        return published / 100.0
    values = assumption_values(assumptions)
    ids = [f"{BASE_SHARE_PREFIX}{k}" for k in THREE_SECTORS]
    if all(i in values and math.isfinite(values[i]) for i in ids):
        return pd.Series({k: values[i] / 100.0 for k, i in zip(THREE_SECTORS, ids, strict=True)})
    raise InputError(
        SERIES_FILE,
        f"'structure_share' {year} taxes_in_services",
        f"the base year's structure is not published; state it in the plan's {ASSUMPTIONS_FILE} "
        f"as {', '.join(ids)} (percent, taxes in services, with their basis)",
    )


def product_tax_share(series: pd.DataFrame, base_year: int, assumptions: Any = None) -> float:
    """The share of product taxes less subsidies in GRDP (fraction) used for the base year.

    Rule: the four-part (``gso4``) structure's ``product_taxes`` share of the base year, else
    of the year before it (the base year's own four-part structure is often published late),
    else the pack's assumption ``base_share_product_taxes`` (percent).

    Raises
    ------
    InputError
        None of the three is there.
    """
    year = check_year(base_year, "base_year")
    for y in (year, year - 1):
        picked = series_pick(series, "structure_share", y, ("product_taxes",), "gso4")
        if picked is not None:
            return float(picked.iloc[0]) / 100.0
    key = f"{BASE_SHARE_PREFIX}product_taxes"
    values = assumption_values(assumptions)
    if key in values and math.isfinite(values[key]):
        return values[key] / 100.0
    raise InputError(
        SERIES_FILE,
        f"'structure_share' product_taxes gso4 {year - 1}-{year}",
        f"no product-tax share of GRDP for the base year or the year before it; state it in "
        f"the plan's {ASSUMPTIONS_FILE} as {key} (percent, with its basis)",
    )
