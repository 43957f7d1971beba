"""The scorecard: every resolution target against actual results (methodology §7).

Pure functions on the targets table (:func:`analysis.data.tables.load_targets`) and an actuals
table (:func:`analysis.data.actuals.load_actuals`); no file I/O. :func:`assess` judges every
target against its latest figure, :func:`summary` counts the statuses and
:func:`group_results` judges the resolution's main targets as wholes. How one figure is judged
(the rules, the measures, the in-year pace, the status and the light) is written down in
:mod:`analysis.economics.scorecard_measures`; what the remaining quarters of the year need is
the in-year view, :mod:`analysis.economics.scorecard_in_year`.

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

from typing import Any

import numpy as np
import pandas as pd

from analysis.economics.checks import check_columns
from analysis.economics.periods import (
    elapsed_share,
    is_full_year,
    is_period,
    period_year,
    quarters_covered,
)
from analysis.economics.scorecard_measures import (
    STATUSES,
    Target,
    rule_of,
    target_measures,
    target_status,
)
from analysis.economics.vintages import latest_vintage

GROUP_STATUSES: tuple[str, ...] = ("met", "not_met", "open")

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
    "baseline",
)
#: The columns every actuals table needs (``kind`` and ``source`` are carried when present).
ACTUAL_COLUMNS: tuple[str, ...] = ("indicator_id", "period", "value", "as_of")
_NAN = float("nan")


def _check_targets(targets: Any) -> None:
    check_columns(targets, "targets", _TARGET_COLUMNS)
    flags = targets["accumulates"]
    bad = [v for v in flags if not isinstance(v, (bool, np.bool_))]
    if bad:
        raise ValueError(f"targets: accumulates must be True or False, got {bad[:3]}")


def _check_actuals(actuals: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    check_columns(actuals, "actuals", ACTUAL_COLUMNS)
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
    """One figure per indicator: the latest period, and within it the latest publication.

    Rows without a value are ignored. Periods rank by the quarters they cover (``2024-Q1 < 2024-6M
    < 2024-9M < 2024``); among the figures of that period, the vintage rule
    (:func:`analysis.economics.vintages.latest_vintage`: the latest ``as_of``).
    """
    check_columns(actuals, "actuals", ACTUAL_COLUMNS)
    data = actuals.dropna(subset=["value"])
    covered = data["period"].map(quarters_covered)
    last = covered.groupby(data["indicator_id"]).transform("max")
    latest = latest_vintage(data[covered == last], ["indicator_id"])
    return latest.sort_values("indicator_id", kind="stable").set_index("indicator_id")


def _target_of(row: pd.Series) -> Target:
    return Target(
        rule=rule_of(row["comparator"], row["unit"]),
        target=float(row["target"]),
        low=float(row["target_low"]),
        high=float(row["target_high"]),
        tolerance=0.0 if pd.isna(row["tolerance"]) else float(row["tolerance"]),
        baseline=float(row["baseline"]),
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


def _assessed_row(t: Target, fig: pd.Series) -> dict[str, Any]:
    a, period = float(fig["value"]), fig["period"]
    if t.rule == "done" and a not in (0.0, 1.0):
        raise ValueError(f"actuals: a done / not-done value must be 1.0 or 0.0, got {a}")
    final = is_full_year(period)
    m = target_measures(t, a, year_to_date=t.accumulates and not final)
    status, light, pace = target_status(t, m, period)
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
    The rules, the measures and the thresholds are in
    :mod:`analysis.economics.scorecard_measures`: gap closed
    (a − b)/(T − b) for higher-is-better, (b − a)/(b − T) for lower-is-better; attainment
    a/T or T/a; growth on levels, (1 + g_a)/(1 + g_T) and g_a / g_T; lights at 0.95 / 0.60 /
    0 (Open SDG). In-year pace divides by the elapsed share of the year only the figures
    marked ``accumulates`` (their attainment, a year-to-date amount over the annual target,
    with or without a baseline: their gap closed is left undefined), and levels with a
    defined gap (their gap closed).

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
        head = {c: row[c] for c in _TARGET_COLUMNS if c != "baseline"}
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
    check_columns(assessment, "assessment", ("group", "status"))
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
    check_columns(assessment, "assessment", ("group", "status"))
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
