"""Charts of the outlook (05) and of the year so far (06). Each returns the Figure it drew.

Fan charts of the Monte Carlo's growth, the published record beside the outlook and a
statistical benchmark, and the in-year chart of the quarters published and what the rest of
the year needs. Values arrive in percent. Every chart has a title with its unit and, when
given, a source line (:func:`analysis.report.chart_style.finish`); legends sit under the plot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import matplotlib.ticker
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
    percent_axis,
    style,
    target_line,
)
from analysis.report.labels import format_number, label


def fan_chart(
    quantiles: pd.DataFrame,
    central: Sequence[float] | None = None,
    target: float | None = None,
    lang: str = "vi",
    source: str | None = None,
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
    style()
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
        target_line(ax, target, f"{label('target', lang)} {format_number(target, 1, lang)} %")
    ax.set_xticks(x, [label(str(p), lang) for p in quantiles.index])
    percent_axis(ax, lang)
    ax.legend(fontsize=7, ncol=5, loc="upper center", bbox_to_anchor=(0.5, -0.1), frameon=False)
    return finish(fig, chart_title("fan", lang), source)


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
    source: str | None = None,
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
    style()
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
        target_line(ax, target, f"{label('target', lang)} {format_number(target, 1, lang)} %")
    ticks = [*years, year]
    ax.set_xticks(ticks, [str(y) for y in ticks])
    ax.set_xlim(years[0] - 0.5, year + 0.7)
    percent_axis(ax, lang)
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_ylabel(label("real_growth", lang), fontsize=8)
    ax.legend(fontsize=7, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.1), frameon=False)
    return finish(fig, chart_title("outlook", lang, year=year), source)


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
    source: str | None = None,
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
    style()
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
        hatch=HATCHES["required"],
        lw=1.5,
        label="Mỗi quý còn lại cần đạt" if lang == "vi" else "Each remaining quarter needs",
    )
    ax.set_ylim(*_in_year_limits([*list(quarters)[:k], required, target, reference_best]))
    annotate_bars(ax, needed, 1, lang, " %", avoid=[target, reference_best])
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
    target_line(ax, target, f"{label('target', lang)} {format_number(target, 1, lang)} %")
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
    percent_axis(ax, lang)
    legend_below(ax, ncol=2)
    return finish(fig, chart_title("in_year", lang), source)


def _in_year_limits(figures: Sequence[float | None]) -> tuple[float, float]:
    """The in-year chart's y range: zero (or below the lowest figure) to above the highest."""
    values = [float(v) for v in figures if v is not None and np.isfinite(v)]
    return min(0.0, min(values) - 1), max(values) * 1.22


def ytd_fan_chart(
    quantiles: pd.DataFrame,
    central: Sequence[float] | None = None,
    published: Sequence[float] | None = None,
    target: float | None = None,
    lang: str = "vi",
    source: str | None = None,
) -> Figure:
    """:func:`fan_chart` of the year-to-date path with published figures and the legend below.

    Parameters
    ----------
    quantiles, central, target, lang
        As :func:`fan_chart` (percent).
    published : sequence of float, optional
        Published cumulative growth so far (Q1, 6M, 9M), percent, marked on the fan.
    """
    fig = fan_chart(quantiles, central=central, target=target, lang=lang, source=None)
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
    return finish(fig, chart_title("fan", lang), source)
