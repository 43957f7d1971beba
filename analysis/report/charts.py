"""Charts of the trajectory (01) and the structural shift (02). Each returns the Figure it drew.

Inputs are the long tables of :mod:`analysis.economics.projection` and the shares and
contributions of :mod:`analysis.economics.structure`; values arrive in reporting units (percent).
Labels follow ``lang`` (Vietnamese by default). No function computes a figure a report states:
they only draw. Every chart has a title with its unit and, when given, a source line
(:func:`analysis.report.chart_style.finish`). The comparison's and the summary's charts are in
:mod:`analysis.report.charts_comparison`; the uncertainty's and the in-year charts in
:mod:`analysis.report.charts_outlook`; both are re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.report.chart_style import (
    FIGSIZE,
    FLAT_NOTE,
    HATCHES,
    PALETTE,
    annotate_bars,
    chart_title,
    close,
    finish,
    legend_below,
    percent_axis,
    style,
    target_line,
)
from analysis.report.charts_comparison import scenario_comparison_chart, summary_growth_chart
from analysis.report.charts_outlook import (
    fan_chart,
    growth_outlook_chart,
    in_year_chart,
    ytd_fan_chart,
)
from analysis.report.labels import format_number, label

__all__ = [
    "FIGSIZE",
    "PALETTE",
    "close",
    "contributions_chart",
    "fan_chart",
    "growth_outlook_chart",
    "in_year_chart",
    "level_comparison_chart",
    "scenario_comparison_chart",
    "structure_shift_chart",
    "summary_growth_chart",
    "ytd_fan_chart",
    "ytd_path_chart",
]

QUARTER_KEYS = ("Q1", "6M", "9M", "FY")


def _is_flat(values: np.ndarray) -> bool:
    finite = values[np.isfinite(values)]
    return len(finite) > 1 and float(np.ptp(finite)) < 1e-9


def _plan_year(path: pd.DataFrame) -> str:
    return str(path["period"].iloc[0])[:4] if "period" in path and len(path) else ""


def ytd_path_chart(
    path: pd.DataFrame,
    target: float | None = None,
    required: pd.DataFrame | None = None,
    lang: str = "vi",
    source: str | None = None,
) -> Figure:
    """Single-quarter growth as bars and year-to-date growth as a line, with the annual target.

    A path whose quarters all grow alike (a scenario without ``quarterly_growth``) is drawn as
    a line with a note saying so, not as equal bars that would read as a forecast of each
    quarter.

    Parameters
    ----------
    path : DataFrame
        :func:`analysis.economics.projection.ytd_path` (long; ``grdp_growth_quarter`` and
        ``grdp_growth_ytd`` in percent, with ``quarter`` and ``period`` columns).
    target : float, optional
        The annual growth target in percent (drawn as a horizontal line).
    required : DataFrame, optional
        :func:`analysis.economics.projection.required_path`: published quarters and the growth the
        rest of the year needs, drawn over the projection.
    source : str, optional
        The source line (:func:`analysis.report.chart_sources.source_line`).
    """
    style()
    fig, ax = plt.subplots(figsize=FIGSIZE)
    wide = path.pivot_table(index="quarter", columns="variable", values="value")
    x = wide.index.to_numpy()
    quarters = wide["grdp_growth_quarter"].to_numpy(dtype=float)
    growth = wide[["grdp_growth_quarter", "grdp_growth_ytd"]].to_numpy(dtype=float).ravel()
    low = min(0.0, float(np.nanmin(growth)) - 1)
    high = float(np.nanmax([*growth, target or 0])) * 1.18
    ax.set_ylim(low, high)
    flat = _is_flat(quarters)
    if flat:
        ax.plot(
            x, quarters, color=PALETTE["plan"], lw=2.5, ls="-", label=label("quarter_growth", lang)
        )
    else:
        bars = ax.bar(
            x, quarters, color=PALETTE["plan"], alpha=0.55, label=label("quarter_growth", lang)
        )
        annotate_bars(ax, bars, 1, lang, avoid=[target] if target is not None else [])
    ax.plot(
        x,
        wide["grdp_growth_ytd"],
        marker="o",
        ls=":" if flat else "-",
        color="black",
        label=label("ytd_growth", lang),
    )
    if required is not None and not required.empty:
        _draw_required(ax, required, lang)
    if target is not None:
        target_line(ax, target, f"{label('target', lang)} {format_number(target, 1, lang)} %")
    if flat:
        ax.text(
            0.01,
            0.04,
            FLAT_NOTE["en" if lang == "en" else "vi"],
            transform=ax.transAxes,
            fontsize=8,
            style="italic",
            color="#333333",
        )
    ax.set_xticks(x, [label(p, lang) for p in QUARTER_KEYS][: len(x)])
    percent_axis(ax, lang)
    legend_below(ax)
    return finish(fig, chart_title("ytd_path", lang, year=_plan_year(path)), source)


def _draw_required(ax, required: pd.DataFrame, lang: str) -> None:
    need = required[required["variable"] == "grdp_growth_quarter_required"]
    done = required[required["variable"] == "grdp_growth_quarter"]
    if not done.empty:
        ax.scatter(
            done["quarter"],
            done["value"],
            color=PALETTE["actual"],
            zorder=5,
            marker="D",
            label="Quý đã công bố" if lang == "vi" else "Published quarters",
        )
    if not need.empty:
        ax.scatter(
            need["quarter"],
            need["value"],
            color=PALETTE["required"],
            edgecolor="black",
            zorder=5,
            marker="^",
            s=60,
            label="Các quý còn lại cần đạt" if lang == "vi" else "Needed in the rest",
        )


LEVEL_TITLES = {
    "grdp_current_prices": "grdp_nominal",
    "grdp_usd": "grdp_usd",
    "grdp_per_capita_usd": "per_capita",
    "population": "population",
}


def level_comparison_chart(
    projection: pd.DataFrame,
    variables: Sequence[str] = ("grdp_current_prices", "grdp_usd", "grdp_per_capita_usd"),
    targets: Mapping[str, float] | None = None,
    lang: str = "vi",
    source: str | None = None,
) -> Figure:
    """The base year against the plan year for level variables, one small panel each (its unit
    in its title), with targets where given (the first period of ``projection`` is the base
    year: dotted bars; the plan year solid)."""
    style()
    fig, axes = plt.subplots(1, len(variables), figsize=(3.0 * len(variables), 3.6))
    axes = np.atleast_1d(axes)
    periods = sorted(projection["period"].astype(str).unique())
    for ax, variable in zip(axes, variables, strict=True):
        rows = projection[projection["variable"] == variable].sort_values("period")
        unit = rows["unit"].iloc[0]
        first = rows["period"].min()
        base = [p == first for p in rows["period"]]
        bars = ax.bar(
            rows["period"].astype(str),
            rows["value"],
            color=[PALETTE["base"] if b else PALETTE["plan"] for b in base],
            hatch=None,
            edgecolor="white",
        )
        for bar, is_base in zip(bars, base, strict=True):
            bar.set_hatch(HATCHES["base"] if is_base else HATCHES["plan"])
        top = float(np.nanmax([*rows["value"], (targets or {}).get(variable, 0)]))
        ax.set_ylim(0, top * 1.2)
        decimals = 0 if rows["value"].abs().max() >= 1000 else 1
        goal = (targets or {}).get(variable)
        annotate_bars(ax, bars, decimals, lang, avoid=[goal] if goal is not None else [])
        if goal is not None:
            target_line(ax, goal, f"{label('target', lang)} {format_number(goal, decimals, lang)}")
            legend_below(ax, fontsize=7)
        ax.set_title(
            f"{label(LEVEL_TITLES.get(variable, variable), lang)}\n({label(unit, lang)})",
            fontsize=9,
        )
        ax.set_yticks([])
    title = chart_title("levels", lang, base=periods[0], year=periods[-1])
    return finish(fig, title, source)


def structure_shift_chart(
    shares: pd.DataFrame,
    years: tuple[int, int],
    lang: str = "vi",
    source: str | None = None,
) -> Figure:
    """Sector shares side by side: the base year, the projection and the target (percent).

    Parameters
    ----------
    shares : DataFrame
        Index: sectors; columns: the series to compare, ``base``, ``plan`` (the projection)
        and ``target`` where there is one, values in percent.
    years : (int, int)
        The base year and the plan year, for the legend.
    """
    style()
    base_year, plan_year = years
    names = {
        "base": label("base_year", lang, year=base_year),
        "plan": label("projection", lang, year=plan_year),
        "target": label("target", lang),
    }
    fig, ax = plt.subplots(figsize=FIGSIZE)
    n = len(shares.columns)
    width = 0.8 / n
    x = np.arange(len(shares.index))
    top = float(np.nanmax(shares.to_numpy())) * 1.15
    ax.set_ylim(0, top)
    for i, column in enumerate(shares.columns):
        key = str(column)
        bars = ax.bar(
            x + (i - (n - 1) / 2) * width,
            shares[column].to_numpy(dtype=float),
            width,
            color=PALETTE.get(key, PALETTE["other"]),
            hatch=HATCHES.get(key, ""),
            edgecolor="white",
            label=names.get(key, key),
        )
        annotate_bars(ax, bars, 1, lang)
    ax.set_xticks(x, [label(s, lang) for s in shares.index])
    ax.set_xlabel("")
    ax.set_ylabel(label("share", lang))
    percent_axis(ax, lang)
    legend_below(ax)
    return finish(fig, chart_title("structure", lang), source)


def contributions_chart(
    contributions: pd.Series, lang: str = "vi", year: int | None = None, source: str | None = None
) -> Figure:
    """Contributions to growth by sector, in points (a horizontal bar each; negative ones
    hatched)."""
    style()
    fig, ax = plt.subplots(figsize=(FIGSIZE[0], 3.0))
    names = [label(s, lang) for s in contributions.index]
    values = contributions.to_numpy(dtype=float)
    bars = ax.barh(
        names, values, color=[PALETTE["plan"] if v >= 0 else PALETTE["target"] for v in values]
    )
    for bar, v in zip(bars, values, strict=True):
        bar.set_hatch("" if v >= 0 else HATCHES["target"])
    for y, v in enumerate(values):
        ax.annotate(
            format_number(v, 2, lang),
            (v, y),
            xytext=(3 if v >= 0 else -3, 0),
            textcoords="offset points",
            ha="left" if v >= 0 else "right",
            va="center",
            fontsize=8,
        )
    ax.axvline(0, color="#444444", lw=0.8)
    ax.set_xlabel(label("contribution", lang))
    ax.invert_yaxis()
    ax.margins(x=0.15)
    title = chart_title("contributions", lang, year=year) if year else label("contribution", lang)
    return finish(fig, title, source)
