"""The explorer's one chart: year-to-date growth of the plan year, drawn as SVG.

The chart shows the scenario's cumulative growth after Q1, 6 months, 9 months and the year,
the Monte Carlo's 90 % and 50 % bands around it, the figures published so far, the path the
rest of the year needs for the growth target, and the target. It is redrawn on every change of
a control, so it is written as SVG from a Jinja2 template (``explorer_chart.svg.j2``,
autoescaped) rather than drawn by matplotlib: the geometry below takes well under a
millisecond, where rendering a matplotlib figure takes tens of milliseconds, most of the
explorer's budget of 100 ms from a change to the updated page. The reports' charts stay in
:mod:`analysis.report.charts`.

:func:`chart_geometry` turns an :class:`~analysis.outlook.explorer.Exploration` into pixel
coordinates and words (tested on its own); :func:`chart_svg` renders them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from analysis.report.explorer_words import word
from analysis.report.labels import format_percent, label
from analysis.report.templating import render

if TYPE_CHECKING:
    from analysis.outlook.explorer import Exploration

WIDTH, HEIGHT = 620, 300
"""The chart's size in pixels."""

MARGINS = {"left": 52, "right": 16, "top": 34, "bottom": 62}
"""Space around the plotting area: the title above, the periods and the legend below."""

PERIODS: tuple[str, ...] = ("Q1", "6M", "9M", "FY")
"""The year-to-date periods along the horizontal axis."""


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering ``low..high``: steps of 1, 2 or 5 times a power of ten.

    >>> nice_ticks(9.3, 17.8)
    [8.0, 10.0, 12.0, 14.0, 16.0, 18.0]
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"low, high: must be finite, got {low!r}, {high!r}")
    if high <= low:
        low, high = low - 1.0, high + 1.0
    raw = (high - low) / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= raw)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    n = round((last - first) / step)
    return [round(first + i * step, 10) for i in range(n + 1)]


class _Scale:
    """Percent values and period positions to pixels."""

    def __init__(self, ticks: Sequence[float]) -> None:
        self.low, self.high = ticks[0], ticks[-1]
        self.left, self.right = MARGINS["left"], WIDTH - MARGINS["right"]
        self.top, self.bottom = MARGINS["top"], HEIGHT - MARGINS["bottom"]

    def x(self, position: float) -> float:
        step = (self.right - self.left) / len(PERIODS)
        return round(self.left + step * (position + 0.5), 1)

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return round(self.bottom - share * (self.bottom - self.top), 1)

    def points(self, positions: Sequence[float], values: Sequence[float]) -> str:
        return " ".join(f"{self.x(p)},{self.y(v)}" for p, v in zip(positions, values, strict=True))


def _series(x: Exploration) -> dict[str, Any]:
    """The chart's values in percent, by period position (0 = Q1 ... 3 = FY)."""
    fan = 100.0 * x.fan.reindex(list(PERIODS))
    path = x.ytd[x.ytd["variable"] == "grdp_growth_ytd"].sort_values("quarter")["value"]
    published = [x.settings.ytd_actuals[p] for p in PERIODS[: x.quarters_known]]
    required: list[tuple[int, float]] = []
    if x.required is not None:
        rows = x.required[x.required["variable"] == "grdp_growth_ytd_required"]
        required = [
            (int(q) - 1, float(v)) for q, v in zip(rows["quarter"], rows["value"], strict=True)
        ]
        if published:
            required.insert(0, (len(published) - 1, published[-1]))
    return {
        "fan": fan,
        "path": [float(v) for v in path],
        "published": published,
        "required": required,
        "target": 100.0 * x.growth_target,
    }


def _band(scale: _Scale, fan: Any, low: float, high: float) -> str:
    positions = list(range(len(PERIODS)))
    upper = scale.points(positions, fan[high].tolist())
    lower = scale.points(positions[::-1], fan[low].tolist()[::-1])
    return f"{upper} {lower}"


def _legend(lang: str, has_published: bool, has_required: bool) -> list[dict[str, Any]]:
    items = [
        ("chart_path", "#1f5f8b", 1.0),
        ("chart_band90", "#1f5f8b", 0.15),
        ("chart_band50", "#1f5f8b", 0.35),
    ]
    if has_published:
        items.append(("chart_published", "#222222", 1.0))
    if has_required:
        items.append(("chart_required", "#e67e22", 1.0))
    out, x = [], float(MARGINS["left"])
    for key, colour, opacity in items:
        text = word(key, lang)
        out.append({"x": round(x, 1), "text": text, "colour": colour, "opacity": opacity})
        x += 30 + 6.5 * len(text)
    return out


def chart_geometry(x: Exploration, lang: str = "vi") -> dict[str, Any]:
    """Everything the chart's template draws: pixel coordinates and words in ``lang``."""
    values = _series(x)
    fan = values["fan"]
    every = [
        *fan.to_numpy().ravel().tolist(),
        *values["path"],
        *values["published"],
        *(v for _, v in values["required"]),
        values["target"],
    ]
    finite = [v for v in every if np.isfinite(v)]
    ticks = nice_ticks(min(finite), max(finite))
    scale = _Scale(ticks)
    decimals = 0 if all(float(t).is_integer() for t in ticks) else 1
    required = values["required"]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": scale.left,
        "right": scale.right,
        "bottom": scale.bottom,
        "title": word("chart_title", lang, year=x.plan_year),
        "y_ticks": [{"y": scale.y(t), "text": format_percent(t, decimals, lang)} for t in ticks],
        "x_ticks": [{"x": scale.x(i), "text": label(p, lang)} for i, p in enumerate(PERIODS)],
        "band90": _band(scale, fan, 0.05, 0.95),
        "band50": _band(scale, fan, 0.25, 0.75),
        "path": scale.points(range(len(PERIODS)), values["path"]),
        "path_points": [{"x": scale.x(i), "y": scale.y(v)} for i, v in enumerate(values["path"])],
        "published": [
            {"x": scale.x(i), "y": scale.y(v)} for i, v in enumerate(values["published"])
        ],
        "required": scale.points([p for p, _ in required], [v for _, v in required])
        if required
        else "",
        "target": {
            "y": scale.y(values["target"]),
            "text": word("chart_target", lang, target=format_percent(values["target"], 1, lang)),
        },
        "legend": _legend(lang, bool(values["published"]), bool(required)),
    }


def chart_svg(x: Exploration, lang: str = "vi") -> str:
    """The chart as an SVG element (text), in ``lang``."""
    return render("explorer_chart.svg.j2", **chart_geometry(x, lang))


__all__ = ["HEIGHT", "MARGINS", "PERIODS", "WIDTH", "chart_geometry", "chart_svg", "nice_ticks"]
