"""Charts across scenarios: the comparison (04) and the one-page summary (00).

Scenarios are keyed by their id (the file's ``name``), never by their label: each id gets its
own bar at its own position, labelled with its label under it, so two scenarios can never merge
into one bar (and a run refuses two scenarios with one label before it starts:
:func:`analysis.data.scenarios.load_scenarios`). Bars are ordered by growth, low to high, the
order a reader expects; every value label stays clear of the target line.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.report.chart_style import (
    FIGSIZE,
    HATCHES,
    PALETTE,
    annotate_bars,
    chart_title,
    finish,
    legend_below,
    number_axis,
    percent_axis,
    style,
    target_line,
)
from analysis.report.labels import format_number, label

PERCENT_UNITS = ("%", "% growth")
LABEL_WIDTH = 18
"""Characters per line of a scenario's label under its bar."""


def scenario_order(
    table: pd.DataFrame, order_by: str = "grdp_growth", period: str | None = None
) -> list[str]:
    """Scenario ids ordered by ``order_by`` in ``period`` (default the latest), low to high;
    ties (and scenarios without it) by id."""
    rows = table[table["variable"] == order_by]
    if period is None and len(rows):
        period = str(rows["period"].astype(str).max())
    rows = rows[rows["period"].astype(str) == str(period)]
    values = dict(zip(rows["scenario"], rows["value"].astype(float), strict=True))
    ids = list(dict.fromkeys(table["scenario"]))
    return sorted(ids, key=lambda s: (not np.isfinite(values.get(s, np.nan)), values.get(s, 0), s))


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, LABEL_WIDTH)) or text


def _what(variable: str, lang: str) -> str:
    keys = {
        "grdp_growth": "real_growth",
        "grdp_per_capita_usd": "per_capita",
        "grdp_current_prices": "grdp_nominal",
        "grdp_usd": "grdp_usd",
    }
    return label(keys.get(variable, variable), lang)


def scenario_comparison_chart(
    table: pd.DataFrame,
    scenario_labels: Mapping[str, str],
    variable: str,
    target: float | None = None,
    lang: str = "vi",
    source: str | None = None,
) -> Figure:
    """One bar per scenario id for one variable of the results table, low to high by growth,
    with the target line.

    Parameters
    ----------
    table : DataFrame
        Results of every scenario (:func:`analysis.outlook.results.scenario_results`, long).
    scenario_labels : mapping
        Scenario id -> label shown under its bar (the id when missing).
    variable : str
        The variable drawn (its latest period).
    target : float, optional
        The target, in the variable's unit.
    source : str, optional
        The source line.
    """
    style()
    rows = table[table["variable"] == variable]
    period = str(rows["period"].astype(str).max())
    rows = rows[rows["period"].astype(str) == period].set_index("scenario")
    order = [s for s in scenario_order(table) if s in rows.index]
    values = rows.loc[order, "value"].astype(float).to_numpy()
    unit = str(rows["unit"].iloc[0]) if len(rows) else ""
    percent = unit in PERCENT_UNITS
    decimals = 2 if percent else (0 if len(values) and np.nanmax(np.abs(values)) >= 1000 else 1)
    fig, ax = plt.subplots(figsize=(FIGSIZE[0], 3.4))
    x = np.arange(len(order))
    ax.set_ylim(0, float(np.nanmax([*values, target or 0])) * 1.15 if len(values) else 1)
    bars = ax.bar(x, values, color=PALETTE["plan"], edgecolor="white", width=0.6)
    annotate_bars(ax, bars, decimals, lang, avoid=[target] if target is not None else [])
    if target is not None:
        number = format_number(target, 1 if percent else decimals, lang)
        target_line(ax, target, f"{label('target', lang)} {number}{' %' if percent else ''}")
        legend_below(ax)
    if percent:
        percent_axis(ax, lang)
    else:
        number_axis(ax, lang)
    ax.set_xticks(x, [_wrap(scenario_labels.get(s, s)) for s in order], fontsize=8)
    shown_unit = "%" if percent else label(unit, lang)
    title = chart_title(
        "comparison", lang, quantity=_what(variable, lang), year=period, unit=shown_unit
    )
    return finish(fig, title, source)


def summary_growth_chart(
    growth: Sequence[tuple[str, float]],
    target: float,
    year: int,
    outturn: float | None = None,
    reference: str | None = None,
    lang: str = "vi",
    source: str | None = None,
) -> Figure:
    """The summary's small chart: each scenario's growth (low to high, as given), the target
    and, once published, the year's result.

    Parameters
    ----------
    growth : sequence of (label, growth)
        Each scenario's label and growth in percent, in the order drawn (low to high).
    target : float
        The growth target, percent (dashed line).
    year : int
        The plan year (in the title).
    outturn : float, optional
        The year's published growth, percent (solid black line).
    reference : str, optional
        The label of the reference scenario (its bar hatched as well as coloured).
    """
    style()
    fig, ax = plt.subplots(figsize=(6.6, 2.9))
    labels = [g[0] for g in growth]
    values = np.array([g[1] for g in growth], dtype=float)
    x = np.arange(len(values))
    ax.set_ylim(0, float(np.nanmax([*values, target, outturn or 0])) * 1.2)
    bars = ax.bar(x, values, width=0.6, color=PALETTE["base"], edgecolor="black", lw=0.6)
    for bar, name in zip(bars, labels, strict=True):
        if name == reference:
            bar.set_facecolor(PALETTE["plan"])
            bar.set_edgecolor("black")
            bar.set_hatch(HATCHES["target"])
    lines = [target] + ([outturn] if outturn is not None else [])
    annotate_bars(ax, bars, 2, lang, avoid=lines)
    target_line(ax, target, f"{label('target', lang)} {format_number(target, 1, lang)} %")
    if outturn is not None:
        words = "Kết quả đã công bố" if lang == "vi" else "Published result"
        ax.axhline(
            outturn,
            color=PALETTE["actual"],
            lw=1.8,
            label=f"{words} {format_number(outturn, 2, lang)} %",
        )
    ax.set_xticks(x, [_wrap(n) for n in labels], fontsize=8)
    percent_axis(ax, lang)
    legend_below(ax, ncol=2)
    return finish(fig, chart_title("summary", lang, year=year), source)
