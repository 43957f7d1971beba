"""The look every chart shares: palette, patterns, title, value labels, legend and source line.

Rules every chart of the reports follows (issue "charts that cannot mislead"):

- a title naming what is drawn and its unit, drawn on the figure (:func:`finish`);
- a source line under the chart, ``Nguồn: ...`` / ``Source: ...`` (:func:`finish`, the words
  from :mod:`analysis.report.chart_sources`);
- colours from the Okabe–Ito palette, safe for the common colour-vision deficiencies, and each
  series also told apart by a pattern or a line style, so a page printed in black and white
  still reads (:data:`PALETTE`, :data:`HATCHES`);
- value labels never struck through by a target line (:func:`annotate_bars` moves a label
  that would touch one inside its bar) and legends under the plot, never over the data;
- text in DejaVu Sans, which has every Vietnamese diacritic.

References
----------
Okabe, M. and Ito, K. (2008), *Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people*.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import seaborn as sns
from matplotlib.figure import Figure

from analysis.report.labels import format_number

PALETTE = {
    "base": "#999999",  # grey: the base year, the record
    "plan": "#0072B2",  # blue: the projection, the scenario
    "target": "#D55E00",  # vermillion: targets (dashed lines, hatched bars)
    "band": "#0072B2",  # the fan's bands (blue, lighter by transparency)
    "required": "#E69F00",  # orange: what the rest of the year needs (hatched)
    "actual": "#000000",  # black: published results
    "other": "#009E73",  # bluish green
}
"""Okabe–Ito colours by role."""

HATCHES = {
    "base": "..",
    "plan": "",
    "target": "//",
    "required": "xx",
    "actual": "",
    "other": "\\\\",
}
"""Bar patterns by role: a series keeps its pattern in black and white."""

FIGSIZE = (7.5, 3.8)
"""Width and height (inches) of a full-width chart."""

CHART_TITLES: dict[str, dict[str, str]] = {
    "ytd_path": {
        "vi": "Tăng trưởng GRDP theo quý năm {year} (%, so cùng kỳ)",
        "en": "GRDP growth by quarter, {year} (%, year on year)",
    },
    "levels": {
        "vi": "Năm {base} và năm {year}: quy mô GRDP",
        "en": "{base} and {year}: the size of GRDP",
    },
    "structure": {
        "vi": "Cơ cấu kinh tế theo khu vực (% GRDP, giá hiện hành)",
        "en": "Economic structure by sector (% of GRDP, current prices)",
    },
    "contributions": {
        "vi": "Đóng góp của các khu vực vào tăng trưởng năm {year} (điểm %)",
        "en": "Contributions of the sectors to {year} growth (points)",
    },
    "comparison": {
        "vi": "{quantity} năm {year} theo kịch bản ({unit})",
        "en": "{quantity}, {year}, by scenario ({unit})",
    },
    "summary": {
        "vi": "Tăng trưởng GRDP năm {year}: các kịch bản và mục tiêu (%)",
        "en": "GRDP growth in {year}: the scenarios and the target (%)",
    },
    "fan": {
        "vi": "Tăng trưởng GRDP lũy kế: khoảng dự báo (%, so cùng kỳ)",
        "en": "Year-to-date GRDP growth: forecast ranges (%, year on year)",
    },
    "outlook": {
        "vi": "Tăng trưởng GRDP: đã công bố và triển vọng năm {year} (%)",
        "en": "GRDP growth: published and the {year} outlook (%)",
    },
    "in_year": {
        "vi": "Tăng trưởng GRDP trong năm: đã đạt và còn cần (%, so cùng kỳ)",
        "en": "GRDP growth in the year: achieved and still needed (%, year on year)",
    },
}
"""Each chart's title, with its unit, in each language."""

FLAT_NOTE = {
    "vi": "Kịch bản không nêu tăng trưởng từng quý: các quý tăng như nhau theo giả định.",
    "en": "The scenario gives no quarterly path: every quarter grows alike by assumption.",
}
"""Said on a quarterly chart whose quarters all grow alike (drawn as a line, not bars)."""


def chart_title(key: str, lang: str, **values: object) -> str:
    """A chart's title (:data:`CHART_TITLES`) in ``lang`` with its values filled in."""
    return CHART_TITLES[key]["en" if lang == "en" else "vi"].format(**values)


TITLE_SIZE = 10.5
SOURCE_SIZE = 7.5
SOURCE_GID = "chart-source"
"""The ``gid`` of the source line's text (how :func:`source_text` finds it)."""


def style() -> None:
    """The seaborn theme of every chart, with a typeface that has Vietnamese diacritics."""
    sns.set_theme(style="whitegrid", context="notebook", font_scale=0.95)
    matplotlib.rcParams["font.family"] = "DejaVu Sans"
    matplotlib.rcParams["hatch.linewidth"] = 0.8


def percent_axis(ax, lang: str, axis: str = "y") -> None:
    """Tick labels as percent in the report's number format (``12,5 %``)."""

    def tick(value: float, _position: int) -> str:
        decimals = 0 if abs(value - round(value)) < 1e-9 else 1
        return f"{format_number(value, decimals, lang)} %"

    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(matplotlib.ticker.FuncFormatter(tick))


def number_axis(ax, lang: str, decimals: int = 0) -> None:
    """Tick labels as numbers in the report's number format (``4.500``)."""
    ax.yaxis.set_major_formatter(
        matplotlib.ticker.FuncFormatter(lambda v, _: format_number(v, decimals, lang))
    )


LABEL_SIZE = 8
"""Font size of the value labels."""

LABEL_ZORDER = 5
"""Value labels drawn inside their bar sit above every line (target lines are at 4)."""


def label_height(ax, fontsize: float = LABEL_SIZE) -> float:
    """The height of a value label and its offset, in the y data units of ``ax``.

    Measured on the axes as they are when the bars are labelled, with a margin for the layout
    :func:`finish` makes afterwards (which can only make the axes shorter by about a third).
    """
    low, high = ax.get_ylim()
    points = ax.bbox.height * 72 / ax.figure.dpi
    return 1.4 * (fontsize * 1.5 + 4) / max(points, 1e-9) * (high - low)


def annotate_bars(
    ax,
    bars,
    decimals: int,
    lang: str,
    suffix: str = "",
    avoid: Sequence[float] = (),
) -> None:
    """Each bar's value above it, never struck through by a line in ``avoid`` (a target, a
    published result, a record).

    A label goes above its bar unless a line would cross it there; then inside the top of the
    bar, white on a dark box drawn over any line; a bar too short to hold it has its label put
    just above the highest of those lines.
    """
    lines = [float(y) for y in avoid if y is not None and np.isfinite(y)]
    height_of_label = label_height(ax)
    low = ax.get_ylim()[0]
    for bar in bars:
        height = bar.get_height()
        if not np.isfinite(height):
            continue
        text = f"{format_number(height, decimals, lang)}{suffix}"
        x = bar.get_x() + bar.get_width() / 2
        crossing = [
            y for y in lines if height - 0.2 * height_of_label <= y <= height + height_of_label
        ]
        inside = bool(crossing) and height - low > 1.2 * height_of_label
        anchor = height if inside or not crossing else max(crossing)
        ax.annotate(
            text,
            (x, anchor),
            ha="center",
            va="top" if inside else "bottom",
            fontsize=LABEL_SIZE,
            xytext=(0, -3 if inside else 2),
            textcoords="offset points",
            color="white" if inside else "black",
            fontweight="bold" if inside else "normal",
            bbox=None if not inside else {"boxstyle": "round,pad=0.15", "fc": "#333333", "lw": 0},
            zorder=LABEL_ZORDER,
        )


def target_line(ax, value: float, text: str, horizontal: bool = True) -> None:
    """The target as a dashed vermillion line (dashes survive black-and-white printing)."""
    draw = ax.axhline if horizontal else ax.axvline
    draw(value, color=PALETTE["target"], ls="--", lw=1.5, label=text, zorder=4)


BELOW = "legend-below"
"""The ``gid`` of a legend :func:`finish` places under its axes' tick labels."""


def legend_below(ax, ncol: int | None = None, fontsize: float = 8) -> None:
    """The axes' legend under the plot and its tick labels, outside the data (nothing hidden);
    :func:`finish` moves it just under the tick labels once the layout is known."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return
    legend = ax.legend(
        handles,
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=ncol or min(len(handles), 3),
        fontsize=fontsize,
        frameon=False,
    )
    legend.set_gid(BELOW)


def _place_legends_below(fig: Figure, renderer) -> None:
    """Anchor each legend of :func:`legend_below` just under its axes' x tick labels."""
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None or legend.get_gid() != BELOW:
            continue
        bottom = min(ax.bbox.y0, ax.xaxis.get_tightbbox(renderer).y0)
        anchor = fig.transFigure.inverted().transform(((ax.bbox.x0 + ax.bbox.x1) / 2, bottom - 4))
        legend.set_bbox_to_anchor(tuple(anchor), transform=fig.transFigure)


def finish(fig: Figure, title: str, source: str | None = None) -> Figure:
    """Title the figure, lay it out, and put the source line under everything drawn.

    Parameters
    ----------
    fig : Figure
        The chart.
    title : str
        What is drawn and its unit (``Tăng trưởng GRDP theo kịch bản (%)``).
    source : str, optional
        The source line (:func:`analysis.report.chart_sources.source_line`); none drawn when
        empty.
    """
    fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_SIZE, fontweight="bold")
    fig.tight_layout()
    renderer = fig.canvas.get_renderer()
    _place_legends_below(fig, renderer)
    if source:
        bottoms = [a.get_tightbbox(renderer).y0 for a in fig.axes]
        lowest = min(bottoms) / fig.bbox.height if bottoms else 0.0
        fig.text(
            0.01,
            lowest - 0.02,
            source,
            ha="left",
            va="top",
            fontsize=SOURCE_SIZE,
            color="#333333",
            gid=SOURCE_GID,
            wrap=True,
        )
    return fig


def title_text(fig: Figure) -> str:
    """The title :func:`finish` drew (empty if none)."""
    return fig.get_suptitle()


def source_text(fig: Figure) -> str:
    """The source line :func:`finish` drew (empty if none)."""
    for text in fig.texts:
        if text.get_gid() == SOURCE_GID:
            return text.get_text()
    return ""


def close(fig: Figure) -> None:
    """Release a figure's memory after a notebook has shown it."""
    plt.close(fig)
