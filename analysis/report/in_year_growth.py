"""GRDP growth in the year, for the scorecard: its words, phrases, section, table and chart.

Presentation layer: takes the rows of
:func:`analysis.economics.scorecard_in_year.in_year_view` (what the remaining quarters need at
each point of the year) and the record of
:func:`analysis.economics.scorecard_in_year.reference_quarters` (the reference year's quarters
and how each is known), and writes them in the report's language. Growth arrives as fractions
(0.145) and is shown as percent (``14,50 %``). The reference year is read from the record's
periods and the plan year from the plan's periods (:attr:`analysis.data.plans.Plan.periods`),
never written here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure

from analysis.economics.periods import is_full_year, is_period
from analysis.report.charts import in_year_chart
from analysis.report.display import pick, safe
from analysis.report.labels import check_lang, format_number, format_percent
from analysis.report.scorecard_page import fraction_text
from analysis.report.scorecard_view import COLUMNS, STATUS_WORDS

if TYPE_CHECKING:
    from analysis.data.scenarios import Scenario
    from analysis.outlook.quarter_weights import InYearRecord

#: The indicator of the GRDP growth target in the targets table and the assessment.
GROWTH_ID = "grdp_growth"

#: A year-to-date period in a sentence (``Sau 6 tháng`` / ``After the first half``).
PERIOD_WORDS: dict[str, tuple[str, str]] = {
    "Q1": ("quý I", "Q1"),
    "6M": ("6 tháng", "the first half"),
    "9M": ("9 tháng", "9 months"),
}

#: A year-to-date period in a table row.
PERIOD_ROWS: dict[str, tuple[str, str]] = {
    "Q1": ("Quý I", "Q1"),
    "6M": ("6 tháng", "First half"),
    "9M": ("9 tháng", "9 months"),
}

#: Quarter numbers as each language names them (``quý IV`` / ``Q4``).
QUARTER_NAMES: dict[int, tuple[str, str]] = {
    1: ("I", "Q1"),
    2: ("II", "Q2"),
    3: ("III", "Q3"),
    4: ("IV", "Q4"),
}

#: How a reference quarter is known (``basis`` of ``reference_quarters``).
BASIS_WORDS: dict[str, tuple[str, str]] = {
    "published": ("đã công bố", "published"),
    "published_cumulative": ("đã công bố, lũy kế quý I", "published, Q1 year to date"),
    "implied_by_weights": (
        "suy ra từ tăng trưởng cả năm và tỷ trọng quý giả định",
        "implied by the year's growth and the assumed quarterly weights",
    ),
}

#: The verdict on the required growth in the table; ``{year}`` is the reference year.
VERDICT_WORDS: dict[str, tuple[str, str]] = {
    "within_this_year": ("Khả thi: không vượt quý tốt nhất năm nay", "Plausible: within this year"),
    "within_reference": (
        "Khó: chỉ trong mức quý cao nhất {year}",
        "Stretching: only within {year}'s best quarter",
    ),
    "beyond_reference": (
        "Khó khả thi: vượt quý cao nhất {year}",
        "Implausible: above {year}'s best",
    ),
}

#: The verdict in a sentence: ``{best}`` the best quarter so far, ``{above}`` the clause of
#: :data:`ABOVE_WORDS`, ``{ref}`` the reference year's best quarter, ``{year}`` that year.
VERDICT_PHRASES: dict[str, tuple[str, str]] = {
    "within_this_year": (
        "không vượt quý tốt nhất năm nay ({best}): khả thi",
        "no more than the best quarter so far ({best}): plausible",
    ),
    "within_reference": (
        "{above}vẫn dưới quý cao nhất năm {year} ({ref}): khó",
        "{above}still within {year}'s best quarter ({ref}): stretching",
    ),
    "beyond_reference": (
        "{above}cao hơn mọi quý năm {year} (cao nhất {ref}): khó khả thi",
        "{above}above every quarter of {year} (the best, {ref}): implausible",
    ),
}

#: Said when the requirement also exceeds every quarter so far (one has been published).
ABOVE_WORDS: tuple[str, str] = (
    "cao hơn mọi quý năm nay ({best}) và ",
    "above every quarter so far ({best}) and ",
)

#: Said instead when no quarter of the year is published yet: why the verdict is not
#: "plausible" although the requirement may lie below the reference year's best quarter.
NO_QUARTER_WORDS: tuple[str, str] = (
    "chưa có quý nào năm nay đạt mức này; ",
    "no quarter of this year has reached it yet; ",
)


#: The section before any year-to-date growth is in: what each quarter needs.
_NO_YTD: dict[str, str] = {
    "vi": """\
## Tăng trưởng GRDP trong năm

{result}Chưa có số liệu tăng trưởng GRDP lũy kế năm {year} (kỳ {periods}).
Để cả năm đạt {target}, mỗi quý cần tăng **{required}** so với
cùng kỳ năm {base}.""",
    "en": """\
## GRDP growth in the year

{result}No {year} year-to-date GRDP growth recorded (periods {periods}).
For {target} in the year, each quarter needs **{required}** on
the same quarter of {base}.""",
}

#: The section when the year's result is in but no year-to-date growth was recorded: the
#: result, and no advice for quarters that are over.
_YEAR_ONLY: dict[str, str] = {
    "vi": """\
## Tăng trưởng GRDP trong năm

{result}Không có số liệu tăng trưởng GRDP lũy kế trong năm {year} (kỳ {periods}) được ghi,
nên báo cáo không dựng lại tiến độ từng quý.""",
    "en": """\
## GRDP growth in the year

{result}No {year} year-to-date GRDP growth was recorded (periods {periods}), so the report
does not rebuild the year's quarter-by-quarter progress.""",
}

#: The section once year-to-date growth is in: so far, what the rest needs, the weights used.
_YTD: dict[str, str] = {
    "vi": """\
## Tăng trưởng GRDP trong năm

{result}Sau {period}, GRDP tăng **{so_far}** so cùng kỳ{single}. Để cả
năm đạt {target}, mỗi quý còn lại {need} tăng **{required}**
so cùng kỳ: {verdict}. Tỷ trọng GRDP các quý năm {base} dùng để tính (theo
{scenario}): {weights} %. Các quý năm {record_year} dùng làm mốc so sánh:
{record}.{record_weights}""",
    "en": """\
## GRDP growth in the year

{result}After {period}, GRDP grew **{so_far}** on the same period of
{base}{single}. For {target} in the year, each remaining quarter {need}
**{required}** year on year: {verdict}. Quarterly weights of {base}
GRDP used (scenario: {scenario}): {weights} %. The quarters of {record_year} the
requirement is compared with: {record}.{record_weights}""",
}

#: What the remaining quarters need, before the year's result is in and once it is.
NEED_WORDS: dict[str, tuple[str, str]] = {
    "vi": ("cần", "khi đó cần"),
    "en": ("needs", "then needed"),
}


def _in(words: tuple[str, str], lang: str) -> str:
    return words[0 if check_lang(lang) == "vi" else 1]


def _year(period: object) -> str:
    """The year of a quarter (``2023-Q4`` → ``2023``); empty when there is none."""
    return period.partition("-")[0] if isinstance(period, str) else ""


def quarter_name(period: str, lang: str = "vi") -> str:
    """``2023-Q4`` as ``quý IV/2023`` or ``2023 Q4``."""
    year, quarter = period.split("-Q")
    vi, en = QUARTER_NAMES[int(quarter)]
    return f"quý {vi}/{year}" if check_lang(lang) == "vi" else f"{year} {en}"


def period_words(period: str, lang: str = "vi") -> str:
    """A year-to-date period (``2024-6M``) in a sentence: ``6 tháng``, ``the first half``."""
    return _in(PERIOD_WORDS[period.partition("-")[2]], lang)


def record_text(record: pd.DataFrame, lang: str = "vi") -> str:
    """The reference quarters and how each is known: ``quý I/2023 8,40 % (đã công bố); ...``."""
    return "; ".join(
        f"{quarter_name(p, lang)} {fraction_text(row['growth'], 2, lang)} "
        f"({_in(BASIS_WORDS[row['basis']], lang)})"
        for p, row in record.iterrows()
    )


def record_weights_text(known: InYearRecord | None, lang: str = "vi") -> str:
    """Which weights split the record's cumulative figures: `` Các quý ... tỷ trọng ...``.

    Empty without ``known`` or when every quarter of the record is published as such.
    """
    if known is None or known.year is None:
        return ""
    if not (known.record["basis"] == "implied_by_weights").any():
        return ""
    year, before = known.year, known.year - 1
    shares = weights_text([100.0 * w for w in known.record_weights], lang)
    if known.record_weights_assumed:
        return pick(
            lang,
            f" Quý năm {year} không công bố riêng được suy ra từ số lũy kế với tỷ trọng GRDP "
            f"các quý năm {before}: {shares} % (giả định của gói kế hoạch).",
            f" The {year} quarters not published as such are implied from its year-to-date "
            f"figures with the quarterly weights of {before} GRDP: {shares} % (an assumption of "
            "the plan pack).",
        )
    return pick(
        lang,
        f" Gói kế hoạch không có tỷ trọng GRDP các quý năm {before}; quý năm {year} không công "
        f"bố riêng được suy ra với tỷ trọng trên ({shares} %) thay thế.",
        f" The plan pack states no quarterly weights of {before} GRDP; the {year} quarters not "
        f"published as such are implied with the weights above ({shares} %) in their place.",
    )


def year_result_text(
    grdp: pd.Series, growth_target: float, lang: str = "vi", table: bool = True
) -> str:
    """The year's GRDP result, as a paragraph that ends in a blank line; empty before it is in.

    ``grdp`` is the growth row of the assessment (``actual`` and ``growth_target`` in percent,
    ``gap_closed`` a fraction). ``table``: the in-year table follows (it is named).
    """
    if not (is_period(grdp["period"]) and is_full_year(grdp["period"])):
        return ""
    status = STATUS_WORDS[grdp["status"]][lang]
    if check_lang(lang) == "vi":
        follows = (
            " Bảng dưới cho biết, tại mỗi kỳ trong năm, các quý còn lại đã cần tăng bao nhiêu."
            if table
            else ""
        )
        return (
            f"Kết quả cả năm {grdp['period']}: GRDP tăng "
            f"**{format_percent(grdp['actual'], 2, 'vi')}**"
            f" (mục tiêu {format_percent(growth_target, 1, 'vi')}): **{status}**, đã thu hẹp "
            f"{fraction_text(grdp['gap_closed'], 1, 'vi')} khoảng cách.{follows}\n\n"
        )
    follows = (
        " The table shows what the remaining quarters needed at each point of the year."
        if table
        else ""
    )
    return (
        f"The year's result: GRDP grew **{format_percent(grdp['actual'], 2, 'en')}** (target "
        f"{format_percent(growth_target, 1, 'en')}): **{status}**, with "
        f"{fraction_text(grdp['gap_closed'], 1, 'en')} of the gap closed.{follows}\n\n"
    )


def verdict_phrase(now: pd.Series, lang: str = "vi") -> str:
    """How plausible the required growth is, against this year's and the reference year's best.

    ``now`` is the last row of :func:`analysis.economics.scorecard_in_year.in_year_view`.
    """
    best = now["best_quarter_so_far"]
    ref_period = now["reference_best_period"]
    ref = f"{quarter_name(ref_period, lang)}: {fraction_text(now['reference_best'], 2, lang)}"
    above = _in(ABOVE_WORDS if math.isfinite(best) else NO_QUARTER_WORDS, lang)
    return _in(VERDICT_PHRASES[now["verdict"]], lang).format(
        best=fraction_text(best, 2, lang),
        above=above.format(best=fraction_text(best, 2, lang)),
        ref=ref,
        year=_year(ref_period),
    )


def last_quarter_text(now: pd.Series, lang: str = "vi") -> str:
    """`` (riêng quý vừa qua 15,47 %)``: the last single quarter, when it is known."""
    single = now["quarter_growth"]
    if not math.isfinite(single):
        return ""
    words = pick(lang, "riêng quý vừa qua", "the last quarter alone")
    return f" ({words} {fraction_text(single, 2, lang)})"


def _row_period(period: object, lang: str) -> str:
    if not isinstance(period, str):
        return pick(lang, "Đầu năm", "Start of year")
    return _in(PERIOD_ROWS[period.partition("-")[2]], lang)


def in_year_table(view: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The in-year view as a display table: at each point, growth so far and what is needed."""
    verdicts = [
        _in(VERDICT_WORDS[v], lang).format(year=_year(p))
        for v, p in zip(view["verdict"], view["reference_best_period"], strict=True)
    ]
    return pd.DataFrame(
        {
            COLUMNS["period"][lang]: [_row_period(p, lang) for p in view["period"]],
            pick(lang, "Lũy kế so cùng kỳ", "Year to date, y/y"): [
                fraction_text(v, 2, lang) for v in view["ytd_growth"]
            ],
            pick(lang, "Quý vừa qua", "Last quarter"): [
                fraction_text(v, 2, lang) for v in view["quarter_growth"]
            ],
            pick(lang, "Quý cao nhất năm nay", "Best quarter so far"): [
                fraction_text(v, 2, lang) for v in view["best_quarter_so_far"]
            ],
            pick(lang, "Mỗi quý còn lại cần", "Each remaining quarter needs"): [
                fraction_text(v, 2, lang) for v in view["required_growth"]
            ],
            pick(lang, "Đánh giá", "Assessment"): verdicts,
        }
    )


def in_year_figure(
    view: pd.DataFrame, growth_target: float, lang: str = "vi", source: str | None = None
) -> Figure:
    """:func:`analysis.report.charts.in_year_chart` of the quarters published so far (percent).

    ``growth_target`` in percent; the requirement and the reference year's best quarter are
    those of the view's last row.
    """
    done = view[view["quarters_done"] > 0].set_index("quarters_done")
    now = view.iloc[-1]
    quarters = range(1, int(done.index.max()) + 1)
    period = str(now["reference_best_period"])
    year = int(period[:4]) if period[:4].isdigit() else None
    return in_year_chart(
        [100 * done["quarter_growth"].get(q, math.nan) for q in quarters],
        [100 * done["ytd_growth"].get(q, math.nan) for q in quarters],
        100 * float(now["required_growth"]),
        growth_target,
        100 * float(now["reference_best"]),
        lang,
        reference_year=year,
        source=source,
    )


def growth_row(assessment: pd.DataFrame) -> pd.Series:
    """The assessment's GRDP growth row: its ``target``, ``actual`` (percent), period, status."""
    return assessment.set_index("indicator_id").loc[GROWTH_ID]


def weights_text(weights: Sequence[float], lang: str = "vi") -> str:
    """Quarterly weights in percent, one decimal: ``21,0; 25,0; 26,5; 27,5``."""
    return "; ".join(format_number(w, 1, lang) for w in weights)


def in_year_caption(growth_target: float, lang: str = "vi") -> str:
    """The caption of the in-year table; ``growth_target`` in percent."""
    target = format_percent(growth_target, 1, lang)
    return pick(
        lang,
        f"Tăng trưởng các quý còn lại cần đạt để cả năm tăng {target}",
        f"Growth the remaining quarters need for {target} in the year",
    )


def in_year_text(
    view: pd.DataFrame,
    record: pd.DataFrame,
    grdp: pd.Series,
    scenario: Scenario,
    periods: Sequence[str],
    lang: str = "vi",
    *,
    known: InYearRecord | None = None,
) -> str:
    """The in-year GRDP section: growth so far, what each remaining quarter needs, how plausible.

    Opens with the year's result once it is in (:func:`year_result_text`). Before any
    year-to-date figure, what each quarter needs; after one, the growth so far, the last
    quarter alone, the requirement with its verdict (:func:`verdict_phrase`), the quarterly
    weights used and the reference quarters (:func:`record_text`).

    Parameters
    ----------
    view : pandas.DataFrame
        :func:`analysis.economics.scorecard_in_year.in_year_view`; its last row is now.
    record : pandas.DataFrame
        :func:`analysis.economics.scorecard_in_year.reference_quarters`: the quarters the
        requirement is judged against (the base year's, or the latest year's before it whose
        quarters are published; named in the text).
    grdp : pandas.Series
        The assessment's GRDP growth row (:func:`growth_row`): ``target`` in percent.
    scenario : Scenario
        Gives the quarterly weights used (percent) and the label they are named by.
    periods : sequence of str
        The plan's periods, in-year first and the year last
        (:attr:`analysis.data.plans.Plan.periods`: ``2024-Q1``, ``2024-6M``, ``2024-9M``,
        ``2024``); growth is compared with the same quarters of the year before.
    known : InYearRecord, optional
        :func:`analysis.outlook.quarter_weights.in_year_record`: names the weights that split
        the record's cumulative figures (:func:`record_weights_text`).
    """
    lang = check_lang(lang)
    now = view.iloc[-1]
    target = float(grdp["target"])
    result = year_result_text(grdp, target, lang)
    common = {
        "result": result,
        "target": format_percent(target, 1, lang),
        "required": fraction_text(now["required_growth"], 2, lang),
        "base": int(_year(periods[-1])) - 1,
        "record_year": _year(record.index[0]),
    }
    if now["quarters_done"] == 0 and result:
        return _YEAR_ONLY[lang].format(
            result=year_result_text(grdp, target, lang, table=False),
            year=periods[-1],
            periods=", ".join(f"`{p}`" for p in periods[:-1]),
        )
    if now["quarters_done"] == 0:
        return _NO_YTD[lang].format(
            year=periods[-1], periods=", ".join(f"`{p}`" for p in periods[:-1]), **common
        )
    return _YTD[lang].format(
        period=period_words(now["period"], lang),
        so_far=fraction_text(now["ytd_growth"], 2, lang),
        single=last_quarter_text(now, lang),
        need=NEED_WORDS[lang][1 if result else 0],
        verdict=verdict_phrase(now, lang),
        scenario=safe(scenario.label_in(lang)),
        weights=weights_text(scenario.quarterly_weights, lang),
        record=record_text(record, lang),
        record_weights=record_weights_text(known, lang),
        **common,
    )
