"""The scorecard: every resolution target against actual results (methodology §7).

Pure functions on the targets table (:func:`analysis.data.tables.load_targets`) and an actuals table
(:func:`analysis.data.actuals.load_actuals`); no file I/O. Target, baseline and actual stay in the
target's unit (percent as percent, as in the files); the ratios (attainment, gap closed,
progress, pace) are fractions.

How each target is judged
-------------------------
With baseline b (``baseline_2023``), actual a and target T:

=============  ====================  ==========================  ==========================
rule           met when              attainment                  gap closed
=============  ====================  ==========================  ==========================
``at_least``   a ≥ T                 a / T                       (a − b) / (T − b)
``count``      a ≥ T (a count)       a / T                       (a − b) / (T − b)
``at_most``    a ≤ T                 T / a                       (b − a) / (b − T)
``growth``     g_a ≥ g_T             (1 + g_a) / (1 + g_T)       g_a / g_T (levels)
``equal``      |a − T| ≤ tolerance   min(a, T) / max(a, T)       (a − b) / (T − b)
``range``      L ≤ a ≤ H             1 inside; a / L; H / a      to the bound nearest b
``done``       a is done             1 done, 0 not done          undefined
=============  ====================  ==========================  ==========================

- ``count`` is ``at_least`` on a count unit (:data:`analysis.data.actuals.COUNT_UNITS`);
  ``growth`` is ``at_least`` on unit ``% growth``, compared on levels: the 2023 level is the
  starting point (index 1), the target level is 1 + g_T, the actual 1 + g_a, so the gap closed
  is g_a / g_T. ``baseline`` shows the 2023 growth for reference only.
- Gap closed is defined only when the baseline is known and misses the target (else there is
  no gap to close): it is NaN, for example, for budget revenue (no baseline in the table).
- ``miss``: how far the actual is from the nearest value that meets the target, in the
  target's unit (points for % and % growth), signed (negative = short), 0 when met.
- ``progress`` is the ratio the light is read from: 1 when met; otherwise the share of the
  baseline's distance to the target that is closed, ``1 − d(a) / d(b)`` (equal to the gap
  closed below the target; an overshoot of an ``equal`` or ``range`` target counts as
  distance again) when the gap is defined (``measure`` ``gap_closed``); otherwise the
  attainment, capped at 1 (``measure`` ``attainment``: with no baseline the distance is
  measured from zero, which flatters, and the table says so); for done targets 1 or 0.

Final result and in-year status
-------------------------------
For the year (period ``2024``, kind actual or estimate) ``achieved`` says whether the target
was met. Status ``met`` (green) or ``not_met`` with a light from the progress: ≥ 0.60 amber,
0–0.60 red, below 0 dark red (moving the wrong way). A target that is not met is never green,
even when 95 % or more of the gap was closed (the Open SDG "≥ 0.95" band is kept for in-year
paces, where it means "close enough to the path").

For an in-year period (``2024-Q1``, ``2024-6M``, ``2024-9M``; elapsed share of the year 0.25,
0.5, 0.75) ``achieved`` is missing and the status compares progress with the time elapsed.
Whether a figure is scaled by time is a property of the data, the targets table's column
``accumulates``, not a guess from its unit:

- ``accumulates`` true: the figure is built up during the year, so an in-year value is a
  year-to-date amount on its way to the annual one: money collected or invested, arrivals,
  members admitted (flows in money or counts), and programme shares completed during the
  year (temporary houses replaced, merit families supported, commune police headquarters
  built, new members as a share of all members). Pace = the measure (gap closed when a
  baseline defines it, else attainment, uncapped) / elapsed share: a straight path over the
  year. Example: temporary houses 50 % replaced after 6 months, target 100 %: attainment
  0.5, pace 0.5 / 0.5 = 1, on track. A year-to-date figure already above a ceiling (the
  top of a range, ``equal`` beyond its tolerance: ``miss`` > 0) cannot come back down by
  waiting, so its measure is not scaled (pace = the measure itself, below 1).
- ``accumulates`` false: a level or rate observed at a date (structure and labour shares,
  coverage rates, poverty and unemployment rates, forest cover, per-head figures). Levels
  with a defined gap: pace = gap closed / elapsed share (a straight path from the baseline
  to the target over the year); without a baseline: pace = attainment (capped at 1), since
  a level says nothing about how much of the year's work is done.
- growth: the year-to-date growth is already a rate for the elapsed part of the year, so
  pace = progress (g_ytd / g_T); the in-year view (:func:`in_year_view`) adds what the
  remaining quarters need, judged against the single quarters of 2023
  (:func:`reference_quarters`: three published, the fourth implied by the year's growth and
  the quarterly weights). A growth target never accumulates.
- done targets: done is on track; not yet done is ``needs_acceleration`` (the task remains).

Status by pace (Open SDG / Statistics Canada thresholds): ≥ 0.95 ``on_track`` (green),
0.60–0.95 ``needs_acceleration`` (amber), 0–0.60 ``off_track`` (red), below 0
``wrong_direction`` (dark red). A boundary value belongs to the better band. No figure:
status ``no_data``, light grey, ``achieved`` missing; nothing is guessed.

Groups of targets
-----------------
The resolution states 15 main targets (section I.2, items (1)–(15)), several of them with
more than one figure (47 figures in all); leadership counts results by item ("14/15 targets
met" in the 2023 review). :func:`group_results` judges each group: ``met`` when every figure
of the group has a result of the year and every one is met; ``not_met`` as soon as one
figure's result of the year misses its target (whatever the others show); otherwise
``open`` (some figures still without a result of the year, none missed). In-year figures
never complete a group. A group has ``complete`` data when every figure has a result of the
year.

References
----------
Methodology reference, section 7. Open SDG progress status (UN SDG reporting platform,
thresholds 0.95 / 0.60 / 0 after Statistics Canada).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import check_growth, check_quarter_weights
from analysis.economics.periods import (
    elapsed_share,
    is_full_year,
    is_period,
    parse_period,
    period_year,
    quarters_covered,
)
from analysis.economics.quarters import quarterly_from_cumulative, required_remaining_growth

#: The unit of growth targets (``% growth``) and the units whose values are counts.
GROWTH_UNIT = "% growth"
COUNT_UNITS: tuple[str, ...] = ("persons",)
#: Light thresholds (Open SDG): green at or above, amber at or above, red at or above.
GREEN, AMBER, RED = 0.95, 0.60, 0.0
#: Allowance added to an ``equal`` target's tolerance for floating-point representation.
TOLERANCE_ALLOWANCE = 1e-9
#: How each reference quarter was obtained (:func:`reference_quarters`).
REFERENCE_BASES: tuple[str, ...] = ("published", "published_cumulative", "implied_by_weights")
#: Year-to-date periods of the published series, by the number of quarters they cover.
YTD_SUFFIXES: dict[int, str] = {1: "Q1", 2: "6M", 3: "9M", 4: "FY"}
GROUP_STATUSES: tuple[str, ...] = ("met", "not_met", "open")

STATUSES: tuple[str, ...] = (
    "met",
    "not_met",
    "on_track",
    "needs_acceleration",
    "off_track",
    "wrong_direction",
    "no_data",
)
LIGHTS: tuple[str, ...] = ("green", "amber", "red", "dark_red", "grey")
IN_YEAR_VERDICTS: tuple[str, ...] = ("within_this_year", "within_reference", "beyond_reference")

_TARGET_COLUMNS = (
    "indicator_id",
    "group",
    "name_vi",
    "name_en",
    "unit",
    "comparator",
    "target",
    "target_low",
    "target_high",
    "tolerance",
    "accumulates",
    "baseline_2023",
)
_ACTUAL_COLUMNS = ("indicator_id", "period", "value", "as_of")
_NAN = float("nan")


# --- one target ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    rule: str
    target: float
    low: float
    high: float
    tolerance: float
    baseline: float
    unit: str
    accumulates: bool


@dataclass(frozen=True)
class _Measures:
    attainment: float
    gap_closed: float
    miss: float
    met: bool
    progress: float
    measure: str


def rule_of(comparator: str, unit: str) -> str:
    """The rule a target is judged by: its comparator, or ``count`` / ``growth`` for
    ``at_least`` on a count unit / on unit ``% growth``."""
    if comparator == "at_least" and unit == GROWTH_UNIT:
        return "growth"
    if comparator == "at_least" and unit in COUNT_UNITS:
        return "count"
    return comparator


def _ratio(num: float, den: float) -> float:
    return num / den if den > 0 else _NAN


def _distance(t: _Target, x: float) -> float:
    """Distance from ``x`` to the values meeting the target (an ``equal`` target: to T)."""
    if math.isnan(x):
        return _NAN
    if t.rule in ("at_least", "count"):
        return max(t.target - x, 0.0)
    if t.rule == "at_most":
        return max(x - t.target, 0.0)
    if t.rule == "equal":
        return abs(x - t.target)
    if t.rule == "growth":
        return max(t.target - x, 0.0) / 100.0
    return max(t.low - x, x - t.high, 0.0)  # range


def _baseline_distance(t: _Target) -> float:
    """The baseline's distance to the target; 0 when the baseline already meets it."""
    if t.rule == "growth":
        return _distance(t, 0.0)  # levels: the 2023 level is growth 0
    d = _distance(t, t.baseline)
    if t.rule == "equal" and d <= t.tolerance + TOLERANCE_ALLOWANCE:
        return 0.0
    return d


def _gap_closed(t: _Target, a: float) -> float:
    """Methodology §7 gap closed (uncapped), NaN when there is no gap to close."""
    d_b = _baseline_distance(t)
    if not d_b > 0:
        return _NAN
    b = t.baseline
    if t.rule == "growth":
        return a / t.target
    if t.rule == "at_most":
        return (b - a) / (b - t.target)
    if t.rule == "range":
        bound = t.low if b < t.low else t.high
        return (a - b) / (bound - b)
    return (a - b) / (t.target - b)


def _attainment(t: _Target, a: float) -> float:
    if t.rule in ("at_least", "count"):
        return _ratio(a, t.target)
    if t.rule == "at_most":
        return _ratio(t.target, a)
    if t.rule == "growth":
        return (1 + a / 100.0) / (1 + t.target / 100.0)
    if t.rule == "equal":
        return _ratio(min(a, t.target), max(a, t.target))
    if t.rule == "done":
        return a
    if a < t.low:
        return _ratio(a, t.low)
    return _ratio(t.high, a) if a > t.high else 1.0


def _met(t: _Target, a: float) -> bool:
    if t.rule == "done":
        return a == 1.0
    if t.rule == "equal":
        return abs(a - t.target) <= t.tolerance + TOLERANCE_ALLOWANCE
    return _distance(t, a) == 0.0


def _miss(t: _Target, a: float, met: bool) -> float:
    if met:
        return 0.0
    if t.rule == "done":
        return _NAN
    if t.rule == "range":
        return a - t.low if a < t.low else a - t.high
    return a - t.target


def _measures(t: _Target, a: float) -> _Measures:
    attainment = _attainment(t, a)
    met = _met(t, a)
    gap = _NAN if t.rule == "done" else _gap_closed(t, a)
    if t.rule == "done":
        progress, measure = a, "done"
    elif met:
        progress, measure = 1.0, "gap_closed" if not math.isnan(gap) else "attainment"
    elif not math.isnan(gap):
        progress, measure = 1.0 - _distance(t, a) / _baseline_distance(t), "gap_closed"
    else:
        progress, measure = min(attainment, 1.0), "attainment"
    return _Measures(attainment, gap, _miss(t, a, met), met, progress, measure)


# --- status and light -----------------------------------------------------------------------


def _band(ratio: float) -> int:
    """0 green, 1 amber, 2 red, 3 dark red, by the Open SDG thresholds."""
    if ratio >= GREEN:
        return 0
    if ratio >= AMBER:
        return 1
    return 2 if ratio >= RED else 3


_IN_YEAR = (
    ("on_track", "green"),
    ("needs_acceleration", "amber"),
    ("off_track", "red"),
    ("wrong_direction", "dark_red"),
)


def _pace(t: _Target, m: _Measures, elapsed: float) -> float:
    """In-year progress relative to the time elapsed (see the module notes)."""
    if t.rule == "growth":
        return m.progress
    if t.accumulates:
        built = m.progress if m.measure == "gap_closed" else m.attainment
        return built if m.miss > 0 else built / elapsed
    if m.measure == "attainment":
        return m.progress
    return m.progress / elapsed


def _status(t: _Target, m: _Measures, period: str) -> tuple[str, str, float]:
    """(status, light, pace); pace is NaN for a final result."""
    if is_full_year(period):
        if m.met:
            return "met", "green", _NAN
        light = ("amber", "amber", "red", "dark_red")[_band(m.progress)]
        return "not_met", light, _NAN
    if t.rule == "done":  # not a quantity: done is on track, not yet done needs doing
        status, light = _IN_YEAR[0 if m.met else 1]
        return status, light, _NAN
    pace = _pace(t, m, elapsed_share(period))
    status, light = _IN_YEAR[_band(pace)]
    return status, light, pace


# --- table-level API --------------------------------------------------------------------------


def _check_columns(frame: Any, name: str, columns: tuple[str, ...]) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{name}: must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame]
    if missing:
        raise ValueError(f"{name}: must have the columns {list(columns)}; missing {missing}")


def _check_targets(targets: Any) -> None:
    _check_columns(targets, "targets", _TARGET_COLUMNS)
    flags = targets["accumulates"]
    bad = [v for v in flags if not isinstance(v, (bool, np.bool_))]
    if bad:
        raise ValueError(f"targets: accumulates must be True or False, got {bad[:3]}")


def _check_actuals(actuals: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    _check_columns(actuals, "actuals", _ACTUAL_COLUMNS)
    unknown = sorted(set(actuals["indicator_id"]) - set(targets["indicator_id"]))
    if unknown:
        raise ValueError(f"actuals: indicator ids must be in the targets table, got {unknown}")
    bad = sorted({str(p) for p in actuals["period"] if not is_period(p)})
    if bad:
        raise ValueError(
            f"actuals: period must be '<year>-Q1', '<year>-6M', '<year>-9M' or '<year>', got {bad}"
        )
    years = sorted({period_year(p) for p in actuals["period"]})
    if len(years) > 1:
        raise ValueError(f"actuals: periods must all belong to one plan year, got {years}")
    values = pd.to_numeric(actuals["value"], errors="coerce")
    if (values.isna() & actuals["value"].notna()).any():
        raise ValueError("actuals: value must be numbers (done 1.0, not done 0.0) or missing")
    data = actuals.assign(value=values.astype(float)).dropna(subset=["value"])
    if data.duplicated(["indicator_id", "period", "as_of"]).any():
        raise ValueError("actuals: the same indicator_id, period and as_of must not repeat")
    return data


def latest_actuals(actuals: pd.DataFrame) -> pd.DataFrame:
    """One figure per indicator: the latest period, and within it the latest ``as_of``.

    Rows without a value are ignored. Periods rank by the quarters they cover (``2024-Q1 < 2024-6M
    < 2024-9M < 2024``).
    """
    _check_columns(actuals, "actuals", _ACTUAL_COLUMNS)
    data = actuals.dropna(subset=["value"])
    ranked = data.assign(_rank=data["period"].map(quarters_covered))
    ranked = ranked.sort_values(["indicator_id", "_rank", "as_of"], na_position="first")
    latest = ranked.groupby("indicator_id", sort=False).tail(1).drop(columns="_rank")
    return latest.set_index("indicator_id")


def _target_of(row: pd.Series) -> _Target:
    return _Target(
        rule=rule_of(row["comparator"], row["unit"]),
        target=float(row["target"]),
        low=float(row["target_low"]),
        high=float(row["target_high"]),
        tolerance=0.0 if pd.isna(row["tolerance"]) else float(row["tolerance"]),
        baseline=float(row["baseline_2023"]),
        unit=row["unit"],
        accumulates=bool(row["accumulates"]),
    )


def _no_data_row() -> dict[str, Any]:
    return {
        "actual": _NAN,
        "period": None,
        "kind": None,
        "as_of": pd.NaT,
        "source": None,
        "elapsed": _NAN,
        "attainment": _NAN,
        "gap_closed": _NAN,
        "miss": _NAN,
        "progress": _NAN,
        "pace": _NAN,
        "measure": None,
        "achieved": pd.NA,
        "status": "no_data",
        "light": "grey",
    }


def _assessed_row(t: _Target, fig: pd.Series) -> dict[str, Any]:
    a, period = float(fig["value"]), fig["period"]
    if t.rule == "done" and a not in (0.0, 1.0):
        raise ValueError(f"actuals: a done / not-done value must be 1.0 or 0.0, got {a}")
    m = _measures(t, a)
    status, light, pace = _status(t, m, period)
    final = is_full_year(period)
    return {
        "actual": a,
        "period": period,
        "kind": fig.get("kind"),
        "as_of": fig["as_of"],
        "source": fig.get("source"),
        "elapsed": elapsed_share(period),
        "attainment": m.attainment,
        "gap_closed": m.gap_closed,
        "miss": m.miss,
        "progress": m.progress,
        "pace": pace,
        "measure": m.measure,
        "achieved": m.met if final else pd.NA,
        "status": status,
        "light": light,
    }


def assess(targets: pd.DataFrame, actuals: pd.DataFrame) -> pd.DataFrame:
    """Judge every target against its latest actual figure.

    Parameters
    ----------
    targets : pandas.DataFrame
        The targets table (:func:`analysis.data.tables.load_targets`); ``accumulates`` holds
        True / False.
    actuals : pandas.DataFrame
        Figures with at least ``indicator_id, period, value, as_of``
        (:func:`analysis.data.actuals.load_actuals`); ``kind`` and ``source`` are carried when
        present. May be empty. Values in the target's unit, done 1.0 / not done 0.0.

    Returns
    -------
    pandas.DataFrame
        One row per target, in the targets' order, columns ``indicator_id, group, name_vi,
        name_en, unit, comparator, rule, target, target_low, target_high, tolerance,
        accumulates, baseline, actual, period, kind, as_of, source, elapsed, attainment,
        gap_closed, miss, progress, pace, measure, achieved, status, light``. ``achieved`` is
        a nullable boolean: True / False for a result of the year, missing for an in-year
        figure or no data.

    Raises
    ------
    ValueError
        A column is missing; ``accumulates`` is not True / False; an actual's id is not a
        target; a period is not one of
        :data:`analysis.data.actuals.PERIODS`; a value is not a number; the same indicator,
        period and ``as_of`` repeat; a done value is not 1 or 0.

    Notes
    -----
    The rules, the measures and the thresholds are in the module docstring: gap closed
    (a − b)/(T − b) for higher-is-better, (b − a)/(b − T) for lower-is-better; attainment
    a/T or T/a; growth on levels, (1 + g_a)/(1 + g_T) and g_a / g_T; lights at 0.95 / 0.60 /
    0 (Open SDG). In-year pace divides by the elapsed share of the year only the figures
    marked ``accumulates``, and levels with a defined gap.

    References
    ----------
    Methodology reference, section 7.
    """
    _check_targets(targets)
    latest = latest_actuals(_check_actuals(actuals, targets))
    rows = []
    for _, row in targets.iterrows():
        ident = row["indicator_id"]
        t = _target_of(row)
        judged = _assessed_row(t, latest.loc[ident]) if ident in latest.index else _no_data_row()
        head = {c: row[c] for c in _TARGET_COLUMNS if c != "baseline_2023"}
        rows.append({**head, "rule": t.rule, "baseline": t.baseline, **judged})
    return _typed_assessment(pd.DataFrame(rows))


_ASSESSMENT_ORDER = (
    "indicator_id",
    "group",
    "name_vi",
    "name_en",
    "unit",
    "comparator",
    "rule",
    "target",
    "target_low",
    "target_high",
    "tolerance",
    "accumulates",
    "baseline",
    "actual",
    "period",
    "kind",
    "as_of",
    "source",
    "elapsed",
    "attainment",
    "gap_closed",
    "miss",
    "progress",
    "pace",
    "measure",
    "achieved",
    "status",
    "light",
)


def _typed_assessment(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        frame = pd.DataFrame(columns=list(_ASSESSMENT_ORDER))
    frame = frame[list(_ASSESSMENT_ORDER)].copy()
    for col in ("target", "target_low", "target_high", "tolerance", "baseline", "actual"):
        frame[col] = frame[col].astype(float)
    for col in ("elapsed", "attainment", "gap_closed", "miss", "progress", "pace"):
        frame[col] = frame[col].astype(float)
    frame["accumulates"] = frame["accumulates"].astype(bool)
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    frame["achieved"] = frame["achieved"].astype("boolean")
    return frame


def summary(assessment: pd.DataFrame) -> pd.DataFrame:
    """How many targets are met, not met, in-year by status, or without data.

    Parameters
    ----------
    assessment : pandas.DataFrame
        The result of :func:`assess` (needs columns ``group`` and ``status``).

    Returns
    -------
    pandas.DataFrame
        Index: the groups (1-15, those present) then ``"all"``. Columns ``targets`` (M),
        ``met`` (N: the year's result met the target), ``not_met``, ``on_track``,
        ``needs_acceleration``, ``off_track``, ``wrong_direction`` (in-year figures only) and
        ``no_data``. Each row's counts add up to ``targets``: figures, not the resolution's
        15 main targets; "N of 15 main targets met" comes from :func:`group_results`.
    """
    _check_columns(assessment, "assessment", ("group", "status"))
    unknown = sorted(set(assessment["status"]) - set(STATUSES))
    if unknown:
        raise ValueError(f"assessment: status must be one of {list(STATUSES)}, got {unknown}")
    counts = pd.crosstab(assessment["group"], assessment["status"])
    counts = counts.reindex(columns=list(STATUSES), fill_value=0)
    counts.insert(0, "targets", counts.sum(axis=1))
    total = counts.sum(axis=0).to_frame("all").T
    out = pd.concat([counts, total])
    out.index = pd.Index([*counts.index, "all"], dtype=object, name="group")
    out.columns.name = None
    return out.astype(int)


def group_results(assessment: pd.DataFrame) -> pd.DataFrame:
    """Each of the resolution's main targets (a group of figures) judged as a whole.

    Parameters
    ----------
    assessment : pandas.DataFrame
        The result of :func:`assess` (needs columns ``group`` and ``status``).

    Returns
    -------
    pandas.DataFrame
        Index: the groups present (1-15), in order. Columns ``figures`` (the group's figures),
        ``with_result`` (figures with a result of the year: status ``met`` or ``not_met``),
        ``met_figures``, ``complete`` (every figure has a result of the year) and ``status``
        (:data:`GROUP_STATUSES`).

    Notes
    -----
    ``met`` when ``complete`` and every figure is met; ``not_met`` when at least one figure's
    result of the year is not met; ``open`` otherwise. In-year figures and figures without
    data leave a group open: a group is never called met on part of its figures. Leadership's
    "N of 15 targets met" is the count of ``met`` groups.

    References
    ----------
    Resolution on the 2024 tasks, section I.2 (15 items); the 2023 review's "14/15".
    """
    _check_columns(assessment, "assessment", ("group", "status"))
    unknown = sorted(set(assessment["status"]) - set(STATUSES))
    if unknown:
        raise ValueError(f"assessment: status must be one of {list(STATUSES)}, got {unknown}")
    status = assessment["status"]
    flags = pd.DataFrame(
        {
            "group": assessment["group"].astype(int),
            "figures": 1,
            "with_result": status.isin(["met", "not_met"]).astype(int),
            "met_figures": status.eq("met").astype(int),
            "missed": status.eq("not_met").astype(int),
        }
    )
    out = flags.groupby("group", sort=True).sum()
    out["complete"] = out["with_result"] == out["figures"]
    out["status"] = np.where(out["missed"] > 0, "not_met", np.where(out["complete"], "met", "open"))
    return out.drop(columns="missed")


# --- in-year view: what the remaining quarters need -----------------------------------------


def ytd_growth(actuals: pd.DataFrame, indicator_id: str = "grdp_growth") -> pd.Series:
    """Year-to-date growth published in the year, as fractions indexed by period.

    Takes the latest ``as_of`` per in-year period (``2024-Q1``, ``2024-6M``, ``2024-9M``) of
    ``indicator_id`` (values in percent, as in the actuals files) and divides by 100.
    """
    _check_columns(actuals, "actuals", _ACTUAL_COLUMNS)
    in_year = actuals["period"].map(lambda p: is_period(p) and not is_full_year(p))
    rows = actuals[
        (actuals["indicator_id"] == indicator_id) & in_year.astype(bool) & actuals["value"].notna()
    ]
    rows = rows.sort_values("as_of", na_position="first").groupby("period").tail(1)
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
    """``{period: (percent, source)}`` of one total-economy variable in ``year`` (first wins)."""
    rows = series[
        (series["variable"] == variable)
        & (series["sector"] == "total")
        & series["period"].astype(str).str.startswith(f"{year}")
    ]
    rows = rows.drop_duplicates("period")
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


def reference_quarters(series: pd.DataFrame, weights: Any, year: int = 2023) -> pd.DataFrame:
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
    year : int, default 2023
        The year of the record.

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
    _check_columns(series, "series", _SERIES_COLUMNS)
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
