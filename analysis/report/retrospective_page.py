"""The plan-against-outturn report's tables, chart and words (notebook 07).

Presentation layer: reads :class:`analysis.outlook.retrospective.PlanOutturn` (fractions, per
head in USD) and writes it in the report's language: percent as ``13,85 %``, contributions in
points (``12,93``), money with its unit. Years come from the result (its plan and base year).
The paragraphs are in :mod:`analysis.report.retrospective_text`.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from analysis.economics.retrospective import PER_HEAD_PARTS, TOTAL
from analysis.outlook.retrospective import PlanOutturn, publication_date
from analysis.report.chart_style import (
    FIGSIZE,
    HATCHES,
    PALETTE,
    chart_title,
    finish,
    legend_below,
    style,
)
from analysis.report.display import pick
from analysis.report.labels import (
    check_lang,
    format_fraction_as_percent,
    format_fraction_as_points,
    format_number,
    label,
)
from analysis.report.scorecard_page import date_text

PAGE_TEXT: dict[str, dict[str, str]] = {
    "planned": {"vi": "Kế hoạch", "en": "Plan"},
    "published": {"vi": "Công bố", "en": "Published"},
    "outcome": {"vi": "Thực hiện", "en": "Outturn"},
    "planned_growth": {"vi": "Tăng trưởng kế hoạch", "en": "Planned growth"},
    "published_growth": {"vi": "Tăng trưởng công bố", "en": "Published growth"},
    "planned_contribution": {"vi": "Đóng góp kế hoạch (điểm %)", "en": "Planned (points)"},
    "published_contribution": {"vi": "Đóng góp công bố (điểm %)", "en": "Published (points)"},
    "miss": {"vi": "Chênh lệch (điểm %)", "en": "Difference (points)"},
    "residual": {"vi": "phần còn lại", "en": "residual"},
    "factor": {"vi": "Yếu tố", "en": "Factor"},
    "effect": {"vi": "Tác động lên GRDP/người (%, log)", "en": "Effect on GRDP per head (log %)"},
    "real_growth": {"vi": "Tăng trưởng thực", "en": "Real growth"},
    "prices": {"vi": "Giá (chỉ số giảm phát GRDP)", "en": "Prices (GRDP deflator)"},
    "population": {"vi": "Dân số", "en": "Population"},
    "exchange_rate": {"vi": "Tỷ giá (đồng/USD)", "en": "Exchange rate (VND per USD)"},
    "per_head_total": {"vi": "GRDP bình quân đầu người (USD)", "en": "GRDP per head (USD)"},
    "figure": {"vi": "Số liệu", "en": "Figure"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "change": {"vi": "So với năm gốc", "en": "Change on the base year"},
    "basis": {"vi": "Cách tính và nguồn", "en": "How it is derived, and the sources"},
    "indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "median": {"vi": "Trung vị", "en": "Median"},
    "percentile": {"vi": "Phân vị của kết quả", "en": "Percentile of the outturn"},
}
"""Words of this page (keys of :data:`analysis.report.labels.TEXT` are used as they are)."""


def word(key: str, lang: str = "vi") -> str:
    """A word of this page (:data:`PAGE_TEXT`), else the report's label of ``key``."""
    return PAGE_TEXT[key][check_lang(lang)] if key in PAGE_TEXT else label(key, lang)


def pct(value: float, lang: str, decimals: int = 2) -> str:
    """A fraction as percent: ``0.1385`` → ``13,85 %``."""
    return format_fraction_as_percent(value, decimals, lang)


def pts(value: float, lang: str, decimals: int = 2) -> str:
    """A fraction as points, without a unit: ``0.1293`` → ``12,93``."""
    return format_fraction_as_points(value, decimals, lang)


def signed(text: str) -> str:
    """``+`` before a figure above zero (``+0,09``); others as written."""
    return text if text.startswith("-") or not any(c in "123456789" for c in text) else f"+{text}"


def usd(value: float, lang: str) -> str:
    """An amount in USD, whole dollars: ``4.370 USD``."""
    return f"{format_number(value, 0, lang)} USD"


def row_date(row: pd.Series, lang: str) -> str:
    """The publication date of an actuals row (``as_of``) or a series row (``source_date``)."""
    stamp = row["as_of"] if "as_of" in row.index else publication_date(row["source_date"])
    return date_text(pd.Timestamp(stamp), lang) if pd.notna(stamp) else "–"


# --- growth by sector ---------------------------------------------------------------------------


def contributions_table(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """One row per part of GRDP and the total: growth and contributions, planned and published.

    ``frame`` is :attr:`PlanOutturn.contributions`; the derived contribution says so.
    """
    rows = []
    for sector, r in frame.iterrows():
        published = pts(r["published_contribution"], lang)
        if r["derived"]:
            published = f"{published} ({word('residual', lang)})"
        row = {label("sector", lang): label(str(sector), lang)}
        row[word("planned_growth", lang)] = pct(r["planned_growth"], lang)
        if "published_growth" in frame:
            row[word("published_growth", lang)] = pct(r["published_growth"], lang)
        row[word("planned_contribution", lang)] = pts(r["planned_contribution"], lang)
        row[word("published_contribution", lang)] = published
        row[word("miss", lang)] = signed(pts(r["miss"], lang))
        rows.append(row)
    return pd.DataFrame(rows)


def contributions_caption(result: PlanOutturn, lang: str = "vi") -> str:
    """The caption of :func:`contributions_table`."""
    return pick(
        lang,
        f"Đóng góp vào tăng trưởng GRDP năm {result.plan_year}: kế hoạch và công bố (quyền số "
        f"giá so sánh năm {result.base_year})",
        f"Contributions to GRDP growth in {result.plan_year}: plan and published "
        f"({result.base_year} constant-price weights)",
    )


def contributions_figure(
    frame: pd.DataFrame, lang: str = "vi", year: int | None = None, source: str | None = None
) -> Figure:
    """Planned and published contributions side by side, one pair of bars per part (points).

    The planned bars are dotted, the published solid; the derived (residual) contribution's
    bar is hatched. ``year`` names the plan year in the title; ``source`` is the source line.
    """
    style()
    parts = frame.drop(index=TOTAL)
    long = pd.DataFrame(
        {
            "sector": [label(str(s), lang) for s in parts.index] * 2,
            "series": [word("planned", lang)] * len(parts) + [word("published", lang)] * len(parts),
            "points": list(100 * parts["planned_contribution"])
            + list(100 * parts["published_contribution"]),
        }
    )
    fig, ax = plt.subplots(figsize=(FIGSIZE[0], 3.4))
    colors = [PALETTE["base"], PALETTE["plan"]]  # the plan in grey, the outturn in blue
    sns.barplot(data=long, y="sector", x="points", hue="series", palette=colors, ax=ax)
    for container in ax.containers:
        labels = [format_number(b.get_width(), 2, lang) for b in container]
        ax.bar_label(container, labels=labels, padding=3, fontsize=8)
    for bar in ax.containers[0]:
        bar.set_hatch(HATCHES["base"])
    for bar, derived in zip(ax.containers[-1], parts["derived"], strict=True):
        if derived:  # the residual of the published total, not a published figure
            bar.set_hatch(HATCHES["target"])
    ax.axvline(0, color="#444444", lw=0.8)
    ax.set_ylabel("")
    ax.set_xlabel(label("contribution", lang))
    ax.margins(x=0.15)
    legend_below(ax, ncol=2)
    title = chart_title("contributions", lang, year=year) if year else label("contribution", lang)
    return finish(fig, title, source)


def residual_sum(frame: pd.DataFrame, lang: str) -> str:
    """``13,85 − 12,93 − 1,05 + 0,35 = 0,22``: the derived contribution worked out."""
    total = frame.loc[TOTAL, "published_contribution"]
    text = pts(total, lang)
    for _, r in frame.drop(index=TOTAL).loc[lambda f: ~f["derived"]].iterrows():
        c = r["published_contribution"]
        text += f" {'−' if c >= 0 else '+'} {pts(abs(c), lang)}"
    derived = frame.drop(index=TOTAL).loc[lambda f: f["derived"], "published_contribution"]
    return f"{text} = {pts(float(derived.iloc[0]), lang)}"


# --- GRDP per head by factor --------------------------------------------------------------------

#: Each part of the per-head split and the change of :class:`PerHeadFactors` behind it.
FACTOR_FIELDS: dict[str, str] = {
    "real_growth": "real_growth",
    "prices": "deflator",
    "population": "population_growth",
    "exchange_rate": "depreciation",
}


def per_head_table(result: PlanOutturn, lang: str = "vi") -> pd.DataFrame:
    """Each factor's change, planned and actual, and its effect on GRDP per head (log %).

    The last row is GRDP per head itself: its change on the base year and the whole miss.
    """
    split, planned, actual = result.per_head_split, result.planned_factors, result.actual_factors
    rows = []
    for part in PER_HEAD_PARTS:
        field = FACTOR_FIELDS[part]
        rows.append(
            {
                word("factor", lang): word(part, lang),
                word("planned", lang): pct(getattr(planned, field), lang),
                word("outcome", lang): pct(getattr(actual, field), lang),
                word("effect", lang): signed(pts(split[part], lang)),
            }
        )
    total = pick(
        lang,
        f"GRDP bình quân đầu người (USD), so với năm {result.base_year}",
        f"GRDP per head (USD), change on {result.base_year}",
    )
    rows.append(
        {
            word("factor", lang): total,
            word("planned", lang): pct(planned.per_head_growth, lang),
            word("outcome", lang): pct(actual.per_head_growth, lang),
            word("effect", lang): signed(pts(split[TOTAL], lang)),
        }
    )
    return pd.DataFrame(rows)


def per_head_caption(result: PlanOutturn, lang: str = "vi") -> str:
    """The caption of :func:`per_head_table`."""
    return pick(
        lang,
        f"GRDP bình quân đầu người năm {result.plan_year}: mức chênh so với kế hoạch theo yếu tố",
        f"GRDP per head in {result.plan_year}: the miss by factor",
    )


def _trillion(value: float, lang: str) -> str:
    return f"{format_number(value, 1, lang)} {label('trillion VND', lang)}"


def _rate(value: float, lang: str) -> str:
    return f"{format_number(value, 0, lang)} {label('VND per USD', lang)}"


def _thousands(persons: float, lang: str) -> str:
    return (
        f"{format_number(persons / 1000, 1, lang)} {pick(lang, 'nghìn người', 'thousand persons')}"
    )


def _on_base(change: float, base_text: str, base_year: int, lang: str) -> str:
    """``+2,88 % so với năm 2023: 1.924,1 nghìn người``."""
    vs = pick(lang, "so với năm", "on")
    return f"{signed(pct(change, lang))} {vs} {base_year}: {base_text}"


def _level_rows(result: PlanOutturn, lang: str) -> list[tuple[str, str, str]]:
    """The deflator, exchange rate and population of the year, from the published levels."""
    lv, actual, base = result.levels, result.actual_factors, result.base_year
    nominal = f"{_trillion(lv.nominal, lang)} ({row_date(lv.nominal_row, lang)})"
    dollars = f"{format_number(lv.usd, 2, lang)} {label('bn USD', lang)}"
    growth = f"{pct(result.growth, lang)} ({row_date(result.growth_row, lang)})"
    rate = _on_base(actual.depreciation, _rate(lv.exchange_rate_base, lang), base, lang)
    people = _on_base(actual.population_growth, _thousands(lv.population_base, lang), base, lang)
    return [
        (
            label("deflator", lang),
            pct(actual.deflator, lang),
            f"{nominal} / {_trillion(lv.nominal_base, lang)} ({base}) / (1 + {growth}) − 1",
        ),
        (
            label("exchange_rate", lang),
            f"{_rate(lv.exchange_rate, lang)} ({rate})",
            f"{nominal} / {dollars} ({row_date(lv.usd_row, lang)})",
        ),
        (
            label("population", lang),
            f"{_thousands(lv.population, lang)} ({people})",
            f"{dollars} / {usd(lv.per_head, lang)} ({row_date(result.per_head_row, lang)}); "
            f"{base}: {_trillion(lv.nominal_base, lang)} / ({_rate(lv.exchange_rate_base, lang)}"
            f" × {usd(lv.per_head_base, lang)})",
        ),
    ]


def derivations_table(result: PlanOutturn, lang: str = "vi") -> pd.DataFrame:
    """The outturn's figures that are derived, not published: value, formula and sources.

    The deflator, the exchange rate and the population of the year, each from published levels
    (the base year's from the plan's projection: the rate of its scenario, the population that
    GRDP, that rate and GRDP per head imply), and the contribution left unpublished; a row
    whose published figures are missing is left out (the table may be empty).
    """
    rows = [] if result.levels is None else _level_rows(result, lang)
    if result.contributions is not None:
        rows.append(_residual_row(result.contributions, lang))
    return pd.DataFrame(
        rows, columns=[word("figure", lang), word("value", lang), word("basis", lang)]
    )


def derivations_caption(result: PlanOutturn, lang: str = "vi") -> str:
    """The caption of :func:`derivations_table`."""
    return pick(
        lang,
        f"Số liệu năm {result.plan_year} không được công bố trực tiếp, suy ra từ số liệu công bố",
        f"Figures for {result.plan_year} not published as such, derived from published ones",
    )


def _residual_row(frame: pd.DataFrame, lang: str) -> tuple[str, str, str]:
    derived = frame.drop(index=TOTAL).loc[lambda f: f["derived"]]
    name = (
        pick(lang, "Đóng góp của khu vực", "Contribution of")
        + " "
        + label(str(derived.index[0]), lang).lower()
    )
    value = f"{pts(float(derived['published_contribution'].iloc[0]), lang)} {label('pp', lang)}"
    return (name, value, residual_sum(frame, lang))


# --- the outcome in the ex-ante fan -------------------------------------------------------------


def fan_value(variable: str, value: float, lang: str) -> str:
    """A figure of the fan table: growth as percent, GRDP per head in USD; none as a dash."""
    if not math.isfinite(value):
        return "–"
    return pct(value, lang) if variable == "grdp_growth" else usd(value, lang)


def fan_table(fan: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Growth and GRDP per head: the plan, the fan's 5 % / median / 95 %, the outturn, its
    percentile (with its Monte Carlo standard error)."""
    names = {
        "grdp_growth": label("real_growth", lang),
        "grdp_per_capita_usd": label("per_capita", lang),
    }
    rows = []
    for variable, r in fan.iterrows():
        percentile = "–"
        if math.isfinite(r["percentile"]):
            percentile = (
                f"{format_number(100 * r['percentile'], 0, lang)} "
                f"(± {format_number(100 * r['standard_error'], 1, lang)})"
            )
        rows.append(
            {
                word("indicator", lang): names[str(variable)],
                word("planned", lang): fan_value(str(variable), r["planned"], lang),
                "5 %": fan_value(str(variable), r["q05"], lang),
                word("median", lang): fan_value(str(variable), r["q50"], lang),
                "95 %": fan_value(str(variable), r["q95"], lang),
                word("outcome", lang): fan_value(str(variable), r["outcome"], lang),
                word("percentile", lang): percentile,
            }
        )
    return pd.DataFrame(rows)


def fan_caption(result: PlanOutturn, lang: str = "vi") -> str:
    """The caption of :func:`fan_table`."""
    return pick(
        lang,
        f"Kết quả năm {result.plan_year} trong quạt dự báo lập trước năm "
        f"({result.scenario.label_in(lang)})",
        f"The {result.plan_year} outturn in the fan drawn before the year "
        f"({result.scenario.label_in(lang)})",
    )
