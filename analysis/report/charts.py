"""Charts for the reports (seaborn/matplotlib). Each function returns the Figure it drew.

Inputs are the long tables of :mod:`analysis.economics.projection`, :mod:`analysis.outlook.results`
and the
result objects of the solver and the Monte Carlo; values arrive in reporting units (percent).
Labels follow ``lang`` (Vietnamese by default). No function computes a figure a report states:
they only draw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from analysis.report.labels import format_number, label

PALETTE = {
    "base": "#9aa5b1",
    "plan": "#1f5f8b",
    "target": "#c0392b",
    "band": "#1f5f8b",
    "required": "#e67e22",
}
FIGSIZE = (7.5, 3.8)


def _style() -> None:
    sns.set_theme(style="whitegrid", context="notebook", font_scale=0.95)


def _percent_axis(ax, lang: str) -> None:
    def tick(value: float, _position: int) -> str:
        decimals = 0 if abs(value - round(value)) < 1e-9 else 1
        return f"{format_number(value, decimals, lang)} %"

    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(tick))


def _annotate_bars(ax, bars, decimals: int, lang: str, suffix: str = "") -> None:
    for bar in bars:
        height = bar.get_height()
        if np.isfinite(height):
            ax.annotate(
                f"{format_number(height, decimals, lang)}{suffix}",
                (bar.get_x() + bar.get_width() / 2, height),
                ha="center",
                va="bottom",
                fontsize=8,
                xytext=(0, 2),
                textcoords="offset points",
            )


def ytd_path_chart(
    path: pd.DataFrame,
    target: float | None = None,
    required: pd.DataFrame | None = None,
    lang: str = "vi",
) -> Figure:
    """Single-quarter growth as bars and year-to-date growth as a line, with the annual target.

    Parameters
    ----------
    path : DataFrame
        :func:`analysis.economics.projection.ytd_path` (long; ``grdp_growth_quarter`` and
        ``grdp_growth_ytd`` in percent, with a ``quarter`` column).
    target : float, optional
        The annual growth target in percent (drawn as a horizontal line).
    required : DataFrame, optional
        :func:`analysis.economics.projection.required_path`: published quarters and the growth the
        rest of the year needs, drawn over the projection.
    """
    _style()
    fig, ax = plt.subplots(figsize=FIGSIZE)
    wide = path.pivot_table(index="quarter", columns="variable", values="value")
    x = wide.index.to_numpy()
    bars = ax.bar(
        x,
        wide["grdp_growth_quarter"],
        color=PALETTE["plan"],
        alpha=0.55,
        label=label("quarter_growth", lang),
    )
    _annotate_bars(ax, bars, 1, lang)
    ax.plot(
        x,
        wide["grdp_growth_ytd"],
        marker="o",
        color=PALETTE["plan"],
        label=label("ytd_growth", lang),
    )
    if required is not None and not required.empty:
        _draw_required(ax, required, lang)
    if target is not None:
        ax.axhline(
            target,
            color=PALETTE["target"],
            ls="--",
            lw=1.2,
            label=f"{label('target', lang)} {format_number(target, 1, lang)} %",
        )
    ax.set_xticks(x, [label(p, lang) for p in ("Q1", "6M", "9M", "FY")][: len(x)])
    _percent_axis(ax, lang)
    ax.set_ylim(bottom=min(0.0, float(np.nanmin(wide.to_numpy())) - 1))
    ax.legend(loc="lower right", fontsize=8, frameon=True)
    fig.tight_layout()
    return fig


def _draw_required(ax, required: pd.DataFrame, lang: str) -> None:
    need = required[required["variable"] == "grdp_growth_quarter_required"]
    done = required[required["variable"] == "grdp_growth_quarter"]
    if not done.empty:
        ax.scatter(
            done["quarter"],
            done["value"],
            color="black",
            zorder=5,
            marker="D",
            label="Quý đã công bố" if lang == "vi" else "Published quarters",
        )
    if not need.empty:
        ax.scatter(
            need["quarter"],
            need["value"],
            color=PALETTE["required"],
            zorder=5,
            marker="^",
            s=60,
            label="Các quý còn lại cần đạt" if lang == "vi" else "Needed in the rest",
        )


def level_comparison_chart(
    projection: pd.DataFrame,
    variables: Sequence[str] = ("grdp_current_prices", "grdp_usd", "grdp_per_capita_usd"),
    targets: Mapping[str, float] | None = None,
    lang: str = "vi",
) -> Figure:
    """The base year against the plan year for level variables, one small panel each, with
    targets where given (the first period of ``projection`` is the base year)."""
    _style()
    fig, axes = plt.subplots(1, len(variables), figsize=(3.0 * len(variables), 3.4))
    axes = np.atleast_1d(axes)
    titles = {
        "grdp_current_prices": "grdp_nominal",
        "grdp_usd": "grdp_usd",
        "grdp_per_capita_usd": "per_capita",
        "population": "population",
    }
    for ax, variable in zip(axes, variables, strict=True):
        rows = projection[projection["variable"] == variable].sort_values("period")
        unit = rows["unit"].iloc[0]
        first = rows["period"].min()
        colors = [PALETTE["base"] if p == first else PALETTE["plan"] for p in rows["period"]]
        bars = ax.bar(rows["period"], rows["value"], color=colors)
        decimals = 0 if rows["value"].abs().max() >= 1000 else 1
        _annotate_bars(ax, bars, decimals, lang)
        if targets and variable in targets:
            ax.axhline(targets[variable], color=PALETTE["target"], ls="--", lw=1.2)
        ax.set_title(
            f"{label(titles.get(variable, variable), lang)}\n({label(unit, lang)})", fontsize=9
        )
        ax.set_yticks([])
        ax.margins(y=0.15)
    fig.tight_layout()
    return fig


def structure_shift_chart(
    shares: pd.DataFrame,
    years: tuple[int, int],
    lang: str = "vi",
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
    _style()
    long = (
        shares.rename_axis("sector")
        .reset_index()
        .melt(id_vars="sector", var_name="series", value_name="share")
    )
    long["sector"] = [label(s, lang) for s in long["sector"]]
    base_year, plan_year = years
    names = {
        "base": label("base_year", lang, year=base_year),
        "plan": label("projection", lang, year=plan_year),
        "target": label("target", lang),
    }
    long["series"] = [names.get(str(s), str(s)) for s in long["series"]]
    palette = [PALETTE.get(str(s), "#7f8c8d") for s in shares.columns]
    fig, ax = plt.subplots(figsize=FIGSIZE)
    sns.barplot(data=long, x="sector", y="share", hue="series", palette=palette, ax=ax)
    for container in ax.containers:
        _annotate_bars(ax, container, 1, lang)
    ax.set_xlabel("")
    ax.set_ylabel(label("share", lang))
    _percent_axis(ax, lang)
    ax.legend(title="", fontsize=8)
    fig.tight_layout()
    return fig


def contributions_chart(contributions: pd.Series, lang: str = "vi") -> Figure:
    """Contributions to growth by sector, in points (a horizontal bar each)."""
    _style()
    fig, ax = plt.subplots(figsize=(FIGSIZE[0], 2.8))
    names = [label(s, lang) for s in contributions.index]
    colors = [PALETTE["plan"] if v >= 0 else PALETTE["target"] for v in contributions]
    ax.barh(names, contributions.to_numpy(), color=colors)
    for y, v in enumerate(contributions.to_numpy()):
        ax.annotate(
            format_number(v, 2, lang),
            (v, y),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_xlabel(label("contribution", lang))
    ax.invert_yaxis()
    ax.margins(x=0.15)
    fig.tight_layout()
    return fig


def scenario_comparison_chart(
    table: pd.DataFrame,
    scenario_labels: Mapping[str, str],
    variable: str,
    target: float | None = None,
    lang: str = "vi",
) -> Figure:
    """One bar per scenario for one variable of the results table, with the target line."""
    _style()
    rows = table[table["variable"] == variable]
    rows = rows[rows["period"] == rows["period"].max()]
    fig, ax = plt.subplots(figsize=(FIGSIZE[0], 3.2))
    names = [scenario_labels.get(s, s) for s in rows["scenario"]]
    bars = ax.bar(names, rows["value"], color=PALETTE["plan"])
    unit = rows["unit"].iloc[0] if len(rows) else ""
    percent = unit in ("%", "% growth")
    decimals = 2 if percent else (0 if len(rows) and rows["value"].abs().max() >= 1000 else 1)
    _annotate_bars(ax, bars, decimals, lang)
    if target is not None:
        number = format_number(target, 1 if percent else decimals, lang)
        shown = f"{number} %" if percent else number
        ax.axhline(
            target,
            color=PALETTE["target"],
            ls="--",
            lw=1.2,
            label=f"{label('target', lang)} {shown}",
        )
        ax.legend(fontsize=8, loc="lower right")
    if percent:
        _percent_axis(ax, lang)
    else:
        ax.yaxis.set_major_formatter(
            matplotlib.ticker.FuncFormatter(lambda v, _: format_number(v, 0, lang))
        )
    ax.set_ylabel(label(unit, lang))
    ax.tick_params(axis="x", labelrotation=15)
    ax.margins(y=0.15)
    fig.tight_layout()
    return fig


def fan_chart(
    quantiles: pd.DataFrame,
    central: Sequence[float] | None = None,
    target: float | None = None,
    lang: str = "vi",
) -> Figure:
    """A fan chart of the year-to-date path: nested quantile bands around the median.

    Parameters
    ----------
    quantiles : DataFrame
        Index: periods (Q1, 6M, 9M, FY); columns: probabilities in ascending order, symmetric
        around 0.5 (as :func:`analysis.economics.montecarlo.fan_quantiles` returns); values in
        percent.
    central : sequence of float, optional
        The scenario's central path (percent), drawn as a line.
    target : float, optional
        The annual target in percent.
    """
    _style()
    fig, ax = plt.subplots(figsize=FIGSIZE)
    x = np.arange(len(quantiles))
    probs = sorted(float(p) for p in quantiles.columns)
    pairs = [(lo, hi) for lo, hi in zip(probs, reversed(probs), strict=True) if lo < hi]
    for i, (lo, hi) in enumerate(pairs):
        alpha = 0.15 + 0.5 * (i + 1) / max(len(pairs), 1) * 0.6
        ax.fill_between(
            x,
            quantiles[lo],
            quantiles[hi],
            color=PALETTE["band"],
            alpha=alpha,
            lw=0,
            label=f"{round((hi - lo) * 100)} %",
        )
    if 0.5 in probs:
        ax.plot(
            x,
            quantiles[0.5],
            color=PALETTE["band"],
            lw=1.5,
            label="Trung vị" if lang == "vi" else "Median",
        )
    if central is not None:
        ax.plot(
            x, list(central), color="black", ls=":", marker="o", lw=1, label=label("scenario", lang)
        )
    if target is not None:
        ax.axhline(
            target,
            color=PALETTE["target"],
            ls="--",
            lw=1.2,
            label=f"{label('target', lang)} {format_number(target, 1, lang)} %",
        )
    ax.set_xticks(x, [label(str(p), lang) for p in quantiles.index])
    _percent_axis(ax, lang)
    ax.legend(fontsize=7, ncol=3, loc="lower right")
    fig.tight_layout()
    return fig


def close(fig: Figure) -> None:
    """Release a figure's memory after a notebook has shown it."""
    plt.close(fig)


def _fan_pairs(probabilities: Sequence[float]) -> list[tuple[float, float]]:
    """Quantile pairs of nested central bands, widest first: (0.05, 0.95), (0.1, 0.9), ..."""
    probs = sorted(float(p) for p in probabilities)
    return [(lo, hi) for lo, hi in zip(probs, reversed(probs), strict=True) if lo < hi]


def _draw_benchmark(ax, x: float, benchmark: Mapping[str, float], lang: str) -> None:
    """The benchmark's point with its 95 % (thin) and 80 % (thick) intervals at ``x``."""
    color = "#2c3e50"
    for (lo, hi), width in (
        (("lower_95", "upper_95"), 1.0),
        (("lower_80", "upper_80"), 3.5),
    ):
        ax.plot(
            [x, x], [benchmark[lo], benchmark[hi]], color=color, lw=width, solid_capstyle="butt"
        )
    ax.plot(
        [x],
        [benchmark["point"]],
        marker="D",
        color=color,
        ls="none",
        label=(
            "Bước ngẫu nhiên có xu hướng (80 %, 95 %)"
            if lang == "vi"
            else "Random walk with drift (80 %, 95 %)"
        ),
    )


def growth_outlook_chart(
    history: pd.Series,
    quantiles: pd.Series,
    benchmark: Mapping[str, float] | None = None,
    target: float | None = None,
    *,
    year: int,
    lang: str = "vi",
) -> Figure:
    """Published annual growth, then the outlook year's fan, the benchmark and the target.

    Parameters
    ----------
    history : Series
        Published annual real growth in percent, indexed by year (up to the base year).
    quantiles : Series
        Quantiles of the outlook year's growth in percent, indexed by probability (as a row
        of :func:`analysis.economics.montecarlo.fan_quantiles`), symmetric around 0.5.
    benchmark : Mapping, optional
        The statistical benchmark in percent: ``point``, ``lower_80``, ``upper_80``,
        ``lower_95``, ``upper_95``
        (:meth:`analysis.economics.benchmark.BenchmarkForecast.to_series`
        times 100); drawn just right of the fan.
    target : float, optional
        The growth target (the plan) in percent.
    year : int
        The outlook year (the plan year); the fan opens from the last published year.
    """
    _style()
    fig, ax = plt.subplots(figsize=FIGSIZE)
    years = [int(y) for y in history.index]
    ax.plot(
        years,
        history.to_numpy(dtype=float),
        marker="o",
        color=PALETTE["base"],
        label="Đã công bố" if lang == "vi" else "Published",
    )
    start = (years[-1], float(history.iloc[-1]))
    pairs = _fan_pairs(quantiles.index)
    for i, (lo, hi) in enumerate(pairs):
        ax.fill_between(
            [start[0], year],
            [start[1], float(quantiles[lo])],
            [start[1], float(quantiles[hi])],
            color=PALETTE["band"],
            alpha=0.15 + 0.3 * (i + 1) / len(pairs),
            lw=0,
            label=f"{round((hi - lo) * 100)} %",
        )
    if 0.5 in quantiles.index:
        ax.plot(
            [start[0], year],
            [start[1], float(quantiles[0.5])],
            color=PALETTE["band"],
            lw=1.5,
            label="Trung vị" if lang == "vi" else "Median",
        )
    if benchmark is not None:
        _draw_benchmark(ax, year + 0.3, benchmark, lang)
    if target is not None:
        ax.axhline(
            target,
            color=PALETTE["target"],
            ls="--",
            lw=1.2,
            label=f"{label('target', lang)} {format_number(target, 1, lang)} %",
        )
    ticks = [*years, year]
    ax.set_xticks(ticks, [str(y) for y in ticks])
    ax.set_xlim(years[0] - 0.5, year + 0.7)
    _percent_axis(ax, lang)
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_ylabel(label("real_growth", lang), fontsize=8)
    ax.legend(fontsize=7, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.1), frameon=False)
    fig.tight_layout()
    return fig


def _reference_words(year: int | None, lang: str) -> str:
    """The legend of the record's best quarter: its year when known."""
    if lang == "vi":
        where = f"năm {year} " if year is not None else "đã có "
        return f"Quý cao nhất {where}(công bố hoặc suy ra)"
    where = f"of {year} " if year is not None else "on record "
    return f"Best quarter {where}(published or implied)"


def in_year_chart(
    quarters: Sequence[float],
    ytd: Sequence[float],
    required: float,
    target: float,
    reference_best: float | None = None,
    lang: str = "vi",
    reference_year: int | None = None,
) -> Figure:
    """The year so far and what the rest needs: published quarters, required quarters, target.

    Parameters
    ----------
    quarters : sequence of float
        Single-quarter y/y growth of the quarters published so far, percent (implied from the
        year-to-date figures; NaN where it cannot be implied), Q1 first.
    ytd : sequence of float
        The published year-to-date growth, percent, one per quarter published (same length as
        ``quarters``, at most 3).
    required : float
        The growth each remaining quarter needs for the annual target, percent.
    target : float
        The annual growth target, percent.
    reference_best : float, optional
        The best single quarter on record used to judge plausibility, percent.
    reference_year : int, optional
        The year that quarter belongs to (named in the legend).

    Notes
    -----
    Published quarters are solid bars, required quarters hatched bars of another colour, so the
    two read apart in black and white; every bar carries its value.
    """
    if lang not in ("vi", "en"):
        raise ValueError(f"lang: must be 'vi' or 'en', got {lang!r}")
    k = len(ytd)
    if k > 3 or len(quarters) != k:
        raise ValueError(
            "quarters, ytd: must have the same length, at most 3 (quarters published before "
            f"the year ends), got {len(quarters)} and {k}"
        )
    _style()
    fig, ax = plt.subplots(figsize=FIGSIZE)
    done = ax.bar(
        range(1, k + 1),
        list(quarters)[:k],
        color=PALETTE["plan"],
        alpha=0.75,
        label="Quý đã công bố" if lang == "vi" else "Published quarters",
    )
    needed = ax.bar(
        range(k + 1, 5),
        [required] * (4 - k),
        color="white",
        edgecolor=PALETTE["required"],
        hatch="///",
        lw=1.5,
        label="Mỗi quý còn lại cần đạt" if lang == "vi" else "Each remaining quarter needs",
    )
    _annotate_bars(ax, needed, 1, lang, " %")
    for bar in done:  # halfway up the bar, clear of the year-to-date line
        height = bar.get_height()
        if np.isfinite(height) and height > 0:
            ax.text(
                bar.get_x() + bar.get_width() / 2,
                height / 2,
                f"{format_number(height, 1, lang)} %",
                ha="center",
                va="center",
                fontsize=8,
                color="white",
            )
    if k:
        ax.plot(
            range(1, k + 1),
            list(ytd),
            marker="o",
            color="black",
            label=label("ytd_growth", lang),
        )
    ax.axhline(
        target,
        color=PALETTE["target"],
        ls="--",
        lw=1.2,
        label=f"{label('target', lang)} {format_number(target, 1, lang)} %",
    )
    if reference_best is not None:
        ax.axhline(
            reference_best,
            color="#555555",
            ls=":",
            lw=1.2,
            label=_reference_words(reference_year, lang)
            + f": {format_number(reference_best, 2, lang)} %",
        )
    ax.set_xticks(
        range(1, 5),
        ["Quý I", "Quý II", "Quý III", "Quý IV"] if lang == "vi" else ["Q1", "Q2", "Q3", "Q4"],
    )
    _percent_axis(ax, lang)
    values = [v for v in [*list(quarters)[:k], required, target] if np.isfinite(v)]
    ax.set_ylim(min(0.0, min(values) - 1), max(values) * 1.22)
    ax.legend(loc="upper left", fontsize=8, frameon=True, ncol=2)
    fig.tight_layout()
    return fig


def ytd_fan_chart(
    quantiles: pd.DataFrame,
    central: Sequence[float] | None = None,
    published: Sequence[float] | None = None,
    target: float | None = None,
    lang: str = "vi",
) -> Figure:
    """:func:`fan_chart` of the year-to-date path with published figures and the legend below.

    Parameters
    ----------
    quantiles, central, target, lang
        As :func:`fan_chart` (percent).
    published : sequence of float, optional
        Published cumulative growth so far (Q1, 6M, 9M), percent, marked on the fan.
    """
    fig = fan_chart(quantiles, central=central, target=target, lang=lang)
    ax = fig.axes[0]
    if published:
        ax.scatter(
            np.arange(len(published)),
            list(published),
            color="black",
            marker="D",
            zorder=6,
            label="Đã công bố" if lang == "vi" else "Published",
        )
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.legend(fontsize=7, ncol=5, loc="upper center", bbox_to_anchor=(0.5, -0.1), frameon=False)
    fig.tight_layout()
    return fig
