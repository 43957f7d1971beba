"""Charts that cannot mislead: keyed by id, ordered by growth, titled with their unit, a source
line, labels clear of target lines, colour-blind-safe, a flat quarterly path as a line."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.patches import Rectangle

from analysis.report import charts
from analysis.report.chart_sources import source_host, source_line
from analysis.report.chart_style import PALETTE, source_text
from analysis.report.display import figure_alt_text, figure_html

OKABE_ITO = {
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#999999",
}


def results(growth: dict[str, float]) -> pd.DataFrame:
    rows = []
    for name, g in growth.items():
        rows.append((name, "grdp_growth", "%", "2024", g))
        rows.append((name, "grdp_per_capita_usd", "USD", "2024", 4000 + 40 * g))
    return pd.DataFrame(rows, columns=["scenario", "variable", "unit", "period", "value"])


def bars(fig) -> list[Rectangle]:
    ax = fig.axes[0]
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_height() != 0]


FIVE = {"target": 14.5, "low": 11.0, "high": 16.0, "continuation": 13.75, "copy": 14.5}


def test_five_scenarios_draw_five_bars_low_to_high():
    labels = {s: s.title() for s in FIVE}
    fig = charts.scenario_comparison_chart(results(FIVE), labels, "grdp_growth", 14.5, "vi")
    heights = [b.get_height() for b in sorted(bars(fig), key=lambda b: b.get_x())]
    assert heights == [11.0, 13.75, 14.5, 14.5, 16.0]
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["Low", "Continuation", "Copy", "Target", "High"]  # ties by id
    plt.close(fig)


def test_two_ids_with_one_label_still_draw_two_bars():
    # the run refuses this (tests/test_scenario_labels.py); the chart never merges them anyway
    fig = charts.scenario_comparison_chart(
        results({"a": 12.0, "b": 13.0}), {"a": "Same", "b": "Same"}, "grdp_growth", None, "en"
    )
    assert len(bars(fig)) == 2
    plt.close(fig)


def test_every_chart_has_a_title_with_its_unit_and_a_source_line():
    source = source_line(["Nghị quyết", "tính toán"], "vi")
    fig = charts.scenario_comparison_chart(
        results(FIVE), {}, "grdp_per_capita_usd", 4500, "vi", source=source
    )
    assert fig.get_suptitle() == "GRDP bình quân đầu người năm 2024 theo kịch bản (USD)"
    assert source_text(fig) == "Nguồn: Nghị quyết; tính toán."
    alt = figure_alt_text(fig)
    assert alt.startswith("GRDP bình quân đầu người năm 2024 theo kịch bản (USD)")
    assert alt.endswith("Nguồn: Nghị quyết; tính toán.")
    html = figure_html(fig)
    assert 'title="GRDP bình quân đầu người năm 2024 theo kịch bản (USD)"' in html
    plt.close(fig)


def test_value_labels_near_the_target_line_move_inside_their_bar():
    fig = charts.scenario_comparison_chart(
        results({"a": 11.0, "b": 14.4, "c": 16.0}), {}, "grdp_growth", 14.5, "en"
    )
    ax = fig.axes[0]
    placed = {t.get_text(): t.get_va() for t in ax.texts}
    assert placed == {"11.00": "bottom", "14.40": "top", "16.00": "bottom"}
    plt.close(fig)


def test_legends_sit_under_the_plot():
    fig = charts.scenario_comparison_chart(results(FIVE), {}, "grdp_growth", 14.5, "en")
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.y1 <= ax.bbox.y0, "the legend is below the axes, over no bar"
    plt.close(fig)


def test_palette_is_okabe_ito():
    assert set(PALETTE.values()) <= OKABE_ITO


def test_a_flat_quarterly_path_is_a_line_with_a_note():
    quarters = [1, 2, 3, 4]
    path = pd.DataFrame(
        {
            "variable": ["grdp_growth_quarter"] * 4 + ["grdp_growth_ytd"] * 4,
            "unit": "%",
            "period": [f"2024-Q{q}" for q in quarters]
            + ["2024-Q1", "2024-6M", "2024-9M", "2024-FY"],
            "quarter": quarters * 2,
            "value": [14.5] * 8,
        }
    )
    fig = charts.ytd_path_chart(path, target=14.5, lang="vi")
    assert bars(fig) == [], "no equal bars"
    notes = [t.get_text() for t in fig.axes[0].texts]
    assert any("không nêu tăng trưởng từng quý" in n for n in notes)
    assert fig.get_suptitle() == "Tăng trưởng GRDP theo quý năm 2024 (%, so cùng kỳ)"
    plt.close(fig)
    varied = path.assign(value=[12.0, 14.0, 15.0, 16.5, 12.0, 13.0, 13.8, 14.5])
    fig = charts.ytd_path_chart(varied, target=14.5, lang="vi")
    assert len(bars(fig)) == 4
    plt.close(fig)


@pytest.mark.parametrize(
    ("source", "host"),
    [
        ("http://bacgiangtv.vn/tin-tuc/4/81058/x", "bacgiangtv.vn"),
        ("https://www.gso.gov.vn/en/x", "gso.gov.vn"),
        ("cafef.vn article 20230301162703589", "cafef.vn"),
        ("Resolution on 2024 tasks, opening paragraph", None),
    ],
)
def test_source_hosts(source, host):
    assert source_host(source) == host


def test_source_line_drops_empty_parts_and_repeats():
    assert source_line(["a", None, "b", "a"], "en") == "Source: a; b."
    assert source_line([None], "vi") == ""


# --- value labels never struck through --------------------------------------------------------


def struck_labels(fig) -> list[str]:
    """Value labels a horizontal line (target, published result, record) crosses without the
    label sitting over it on an opaque box."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    out = []
    for ax in fig.axes:
        horizontal = [
            line
            for line in ax.lines
            if len(set(map(float, line.get_ydata()))) == 1
            and line.get_transform().contains_branch(ax.transData) is False
        ]
        for text in ax.texts:
            if not text.get_text() or text.get_transform() == ax.transAxes:
                continue
            box = text.get_window_extent(renderer)
            for line in horizontal:
                y = ax.transData.transform((0, float(line.get_ydata()[0])))[1]
                if box.y0 - 0.5 <= y <= box.y1 + 0.5:
                    covered = text.get_bbox_patch() is not None and text.zorder > line.zorder
                    if not covered:
                        out.append(f"{text.get_text()} struck by {line.get_label()}")
    return out


HEIGHTS = [13.0 + 0.1 * i for i in range(31)]  # 13.0 .. 16.0 around the 14.5 target


@pytest.mark.parametrize("height", HEIGHTS)
def test_no_comparison_label_is_struck_by_the_target(height):
    fig = charts.scenario_comparison_chart(
        results({"a": 11.0, "b": height, "c": 16.5}), {}, "grdp_growth", 14.5, "vi"
    )
    assert struck_labels(fig) == []
    plt.close(fig)


@pytest.mark.parametrize("height", HEIGHTS)
def test_no_summary_label_is_struck_by_the_target_or_the_result(height):
    from analysis.report.charts_comparison import summary_growth_chart

    growth = [("Thấp", 11.0), ("Giữa", height), ("Cao", 16.0)]
    fig = summary_growth_chart(growth, 14.5, 2024, outturn=13.85, reference="Giữa", lang="vi")
    assert struck_labels(fig) == []
    plt.close(fig)


@pytest.mark.parametrize("required", [12.0, 13.5, 14.2, 14.5, 14.8, 15.6, 16.16, 16.4])
def test_no_in_year_label_is_struck_by_the_target_or_the_record(required):
    from analysis.report.charts_outlook import in_year_chart

    fig = in_year_chart(
        [8.0, 11.9], [8.0, 10.0], required, 14.5, reference_best=16.16, reference_year=2023
    )
    assert struck_labels(fig) == []
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.y1 <= ax.xaxis.get_tightbbox(renderer).y0 + 1, "under the tick labels"
    plt.close(fig)


def test_the_check_sees_a_struck_label():
    fig, ax = plt.subplots()
    ax.set_ylim(0, 20)
    ax.annotate("14,50", (0, 14.5), va="center")
    ax.axhline(14.5, label="target")
    assert struck_labels(fig) == ["14,50 struck by target"]
    plt.close(fig)
