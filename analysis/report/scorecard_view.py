"""The scorecard for readers: a display table in Vietnamese or English, lights in words.

Presentation layer: takes the table of :func:`analysis.economics.scorecard.assess` and returns text
ready to show. Every light has a word, so the table reads the same printed in black and
white; :func:`style_scorecard` adds the colours.
"""

from __future__ import annotations

import math
import re

import pandas as pd
from pandas.io.formats.style import Styler

from analysis.economics.scorecard import group_results, summary
from analysis.economics.scorecard_measures import STATUSES
from analysis.report.labels import check_lang, format_number, label, period_label

#: The word shown for each status (the light in words).
STATUS_WORDS: dict[str, dict[str, str]] = {
    "met": {"vi": "Đạt", "en": "Met"},
    "not_met": {"vi": "Không đạt", "en": "Not met"},
    "on_track": {"vi": "Đúng tiến độ", "en": "On track"},
    "needs_acceleration": {"vi": "Cần tăng tốc", "en": "Needs acceleration"},
    "off_track": {"vi": "Chậm", "en": "Off track"},
    "wrong_direction": {"vi": "Đi ngược", "en": "Wrong direction"},
    "no_data": {"vi": "Chưa có số liệu", "en": "No data"},
}

#: Background and text colour of each light (Open SDG palette order: green to grey).
LIGHT_COLOURS: dict[str, tuple[str, str]] = {
    "green": ("#1a9850", "#ffffff"),
    "amber": ("#fdae61", "#000000"),
    "red": ("#d73027", "#ffffff"),
    "dark_red": ("#67001f", "#ffffff"),
    "grey": ("#d9d9d9", "#000000"),
}

COLUMNS: dict[str, dict[str, str]] = {
    "group": {"vi": "Nhóm", "en": "Group"},
    "indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "target": {"vi": "Mục tiêu", "en": "Target"},
    "period": {"vi": "Kỳ", "en": "Period"},
    "actual": {"vi": "Thực hiện", "en": "Actual"},
    "gap_closed": {"vi": "Khoảng cách đã thu hẹp (%)", "en": "Gap closed (%)"},
    "light": {"vi": "Đánh giá", "en": "Assessment"},
    "source": {"vi": "Nguồn số liệu", "en": "Source of the figure"},
}

KIND_WORDS: dict[str, dict[str, str]] = {
    "estimate": {"vi": "Ước tính", "en": "Estimate"},
    "actual": {"vi": "Chính thức", "en": "Actual"},
}
"""How a figure's kind reads in the table: leadership must see an estimate as one."""

_DONE_WORDS = {
    1.0: {"vi": "Hoàn thành", "en": "Done"},
    0.0: {"vi": "Chưa hoàn thành", "en": "Not done"},
}
_REQUIRED = (
    "group",
    "name_vi",
    "name_en",
    "unit",
    "rule",
    "target",
    "target_low",
    "target_high",
    "tolerance",
    "actual",
    "period",
    "gap_closed",
    "status",
    "light",
)


def _decimals(value: float) -> int:
    """Up to two decimals, as many as the figure carries (16000 → 0, 14.5 → 1, 99.32 → 2)."""
    for d in (0, 1):
        if abs(value - round(value, d)) < 1e-9:
            return d
    return 2


def figure_text(value: float | None, lang: str = "vi") -> str:
    """A figure with as many decimals as it carries, up to two (``16.000``, ``14,5``, ``99,32``);
    an en dash where there is none."""
    if value is None or pd.isna(value) or not math.isfinite(float(value)):
        return "–"
    return format_number(float(value), _decimals(float(value)), lang)


def unit_text(unit: str, lang: str = "vi") -> str:
    """The unit as readers see it (``tỷ đồng``, ``%``); unknown units unchanged."""
    return label(unit, check_lang(lang))


def target_text(row: pd.Series, lang: str = "vi") -> str:
    """The target as stated: ``≥ 14,5``, ``≤ 1,8``, ``68 ± 0,5``, ``3–4``, ``Hoàn thành``."""
    rule = row["rule"]
    if rule == "done":
        return _DONE_WORDS[1.0][lang]
    if rule == "range":
        return f"{figure_text(row['target_low'], lang)}–{figure_text(row['target_high'], lang)}"
    if rule == "at_most":
        return f"≤ {figure_text(row['target'], lang)}"
    if rule == "equal":
        tol = row["tolerance"]
        plus = f" ± {figure_text(tol, lang)}" if pd.notna(tol) and tol > 0 else ""
        return f"{figure_text(row['target'], lang)}{plus}"
    return f"≥ {figure_text(row['target'], lang)}"


def _actual_text(row: pd.Series, lang: str) -> str:
    if row["rule"] == "done" and pd.notna(row["actual"]):
        return _DONE_WORDS[float(row["actual"])][lang]
    return figure_text(row["actual"], lang)


_CITED = re.compile(r"^(?P<words>.+?):\s+(?P<url>https?://\S+)$")


def source_citation(source: str, lang: str = "vi") -> str:
    """Where a figure comes from as a reader of ``lang`` sees it.

    The actuals files describe a source in English then give its address
    (``Statistics Office figure for the year: https://...``); a Vietnamese report shows the
    address alone, an English one the whole citation.
    """
    text = str(source or "").strip()
    cited = _CITED.match(text)
    return cited["url"] if cited and check_lang(lang) == "vi" else text


def _source_text(row: pd.Series, lang: str) -> str:
    """'Ước tính · <source>, 20/12/2024': kind, where the figure comes from, and its date."""
    if pd.isna(row.get("actual")):
        return "–"
    kind = KIND_WORDS.get(str(row.get("kind")), {"vi": "", "en": ""})[lang]
    parts = [p for p in (kind, source_citation(row.get("source") or "", lang)) if p]
    as_of = pd.to_datetime(row.get("as_of"), errors="coerce")
    date = "" if pd.isna(as_of) else as_of.strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d")
    text = " · ".join(parts)
    return f"{text}, {date}" if date else text


def _gap_text(value: float, lang: str) -> str:
    if pd.isna(value):
        return "–"
    return format_number(100.0 * float(value), 1, lang)


def _period_text(period: object, lang: str) -> str:
    if not isinstance(period, str):
        return "–"
    return period_label(period, lang)


def _check_assessment(assessment: pd.DataFrame) -> None:
    if not isinstance(assessment, pd.DataFrame):
        raise ValueError("assessment: must be the DataFrame returned by assess()")
    missing = [c for c in _REQUIRED if c not in assessment]
    if missing:
        raise ValueError(f"assessment: must have the columns of assess(); missing {missing}")
    unknown = sorted(set(assessment["status"]) - set(STATUSES))
    if unknown:
        raise ValueError(f"assessment: status must be one of {list(STATUSES)}, got {unknown}")


def scorecard_table(assessment: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The scorecard as a display table, sorted by the resolution's groups.

    Parameters
    ----------
    assessment : pandas.DataFrame
        The result of :func:`analysis.economics.scorecard.assess`.
    lang : {"vi", "en"}, default "vi"
        Language of the headers, names, units, numbers and words.

    Returns
    -------
    pandas.DataFrame
        Columns (in ``lang``): group, indicator name, unit, target, period, actual, gap
        closed in % (one decimal; ``–`` where undefined or without data), the light as a
        word (:data:`STATUS_WORDS`: Đạt / Không đạt / Đúng tiến độ / Cần tăng tốc / Chậm /
        Đi ngược / Chưa có số liệu), and the figure's source: its kind (Ước tính / Chính
        thức), source and date, so an estimate never reads as a final result. Text cells,
        formatted in the language's number style (``16.000``; ``14,5``). Index: the
        assessment's index.
    """
    lang = check_lang(lang)
    _check_assessment(assessment)
    rows = assessment.sort_values("group", kind="stable")
    names = rows["name_vi" if lang == "vi" else "name_en"]
    table = pd.DataFrame(
        {
            COLUMNS["group"][lang]: rows["group"].astype(int),
            COLUMNS["indicator"][lang]: names,
            COLUMNS["unit"][lang]: [unit_text(u, lang) for u in rows["unit"]],
            COLUMNS["target"][lang]: [target_text(r, lang) for _, r in rows.iterrows()],
            COLUMNS["period"][lang]: [_period_text(p, lang) for p in rows["period"]],
            COLUMNS["actual"][lang]: [_actual_text(r, lang) for _, r in rows.iterrows()],
            COLUMNS["gap_closed"][lang]: [_gap_text(g, lang) for g in rows["gap_closed"]],
            COLUMNS["light"][lang]: [STATUS_WORDS[s][lang] for s in rows["status"]],
            COLUMNS["source"][lang]: [_source_text(r, lang) for _, r in rows.iterrows()],
        },
        index=rows.index,
    )
    return table


def style_scorecard(assessment: pd.DataFrame, lang: str = "vi") -> Styler:
    """:func:`scorecard_table` with the light column coloured (:data:`LIGHT_COLOURS`).

    The word stays in the cell, so the table reads without colour too. Every cell and header
    is HTML-escaped (names come from data files). Returns a pandas Styler (render it in a
    notebook, or ``.to_html()``).
    """
    table = scorecard_table(assessment, lang)
    lights = assessment.loc[table.index, "light"]
    column = COLUMNS["light"][lang]

    def paint(col: pd.Series) -> list[str]:
        return [
            "background-color: {}; color: {}".format(*LIGHT_COLOURS[lights[i]]) for i in col.index
        ]

    return (
        table.style.apply(paint, subset=[column])
        .format(escape="html")
        .format_index(escape="html", axis=1)
        .hide(axis="index")
    )


#: How a group's verdict (:func:`analysis.economics.scorecard.group_results`) is written.
GROUP_WORDS: dict[str, dict[str, str]] = {
    "met": {"vi": "Đạt", "en": "Met"},
    "not_met": {"vi": "Không đạt", "en": "Not met"},
    "open": {"vi": "Chưa đủ kết quả cả năm", "en": "Awaiting the year's results"},
}


def headline_text(assessment: pd.DataFrame, lang: str = "vi") -> str:
    """The headline, counted as leadership counts, then the groups not met and those still
    without the year's results, when there are any: ``Nhóm chỉ tiêu đạt: 2/15 (8/47 chỉ số);
    4 nhóm không đạt; 9 nhóm chưa đủ kết quả cả năm``.

    The first count is the resolution's main targets (groups) met, as judged by
    :func:`analysis.economics.scorecard.group_results` (met: every figure of the group has a result
    of the year and all are met); the count in brackets is the figures met, of all figures. The
    other two say what the rest of the groups are, so that "2/15" is never read as 13 groups
    missed when most have no result yet.
    """
    groups = group_results(_checked(assessment))
    missed = int((groups["status"] == "not_met").sum())
    still_open = int((groups["status"] == "open").sum())
    groups_en = ("group" if missed == 1 else "groups", "group" if still_open == 1 else "groups")
    parts = {
        "vi": (f"{missed} nhóm không đạt", f"{still_open} nhóm chưa đủ kết quả cả năm"),
        "en": (
            f"{missed} {groups_en[0]} not met",
            f"{still_open} {groups_en[1]} awaiting the year's results",
        ),
    }[check_lang(lang)]
    shown = [part for count, part in zip((missed, still_open), parts, strict=True) if count]
    return "; ".join((_met_text(assessment, lang), *shown))


def _checked(assessment: pd.DataFrame) -> pd.DataFrame:
    _check_assessment(assessment)
    return assessment


def _met_text(assessment: pd.DataFrame, lang: str) -> str:
    """``Nhóm chỉ tiêu đạt: 2/15 (8/47 chỉ số)``: groups met and figures met."""
    groups = group_results(assessment)
    total = summary(assessment).loc["all"]
    met, n = int((groups["status"] == "met").sum()), len(groups)
    if check_lang(lang) == "vi":
        return f"Nhóm chỉ tiêu đạt: {met}/{n} ({total['met']}/{total['targets']} chỉ số)"
    return f"Groups of targets met: {met} of {n} ({total['met']} of {total['targets']} figures)"


def summary_text(assessment: pd.DataFrame, lang: str = "vi") -> str:
    """The headline and the counts behind it, by group and by figure.

    ``Nhóm chỉ tiêu đạt: 2/15 (8/47 chỉ số); 4 nhóm không đạt; 9 nhóm chưa đủ kết quả cả năm
    (đủ số liệu cả năm: 4/15 nhóm). Chỉ số: 8 đạt; 7 không đạt; 6 đang thực hiện (số liệu
    trong năm); 26 chưa có số liệu``.

    Groups: see :func:`headline_text` (here every count is given, none left out for being
    nought); a group with one figure missed is not met even before
    its other figures are in; ``đủ số liệu`` counts the groups whose every figure has a result
    of the year. Figures: "met" and "not met" count results of the year; in-year figures are
    counted apart (``in progress``) and are neither met nor missed yet.
    """
    lang = check_lang(lang)
    _check_assessment(assessment)
    groups = group_results(assessment)
    n = len(groups)
    missed = int((groups["status"] == "not_met").sum())
    still_open = int((groups["status"] == "open").sum())
    complete = int(groups["complete"].sum())
    total = summary(assessment).loc["all"]
    in_year = int(total[["on_track", "needs_acceleration", "off_track", "wrong_direction"]].sum())
    by_group = {
        "vi": (
            f"{missed} nhóm không đạt",
            f"{still_open} nhóm chưa đủ kết quả cả năm (đủ số liệu cả năm: {complete}/{n} nhóm)",
        ),
        "en": (
            f"{missed} groups not met",
            f"{still_open} groups awaiting the year's results "
            f"(full year's data for {complete} of {n} groups)",
        ),
    }[lang]
    by_figure = {
        "vi": (
            f"Chỉ số: {total['met']} đạt",
            f"{total['not_met']} không đạt",
            f"{in_year} đang thực hiện (số liệu trong năm)",
            f"{total['no_data']} chưa có số liệu",
        ),
        "en": (
            f"Figures: {total['met']} met",
            f"{total['not_met']} not met",
            f"{in_year} in progress (in-year figures)",
            f"{total['no_data']} without data",
        ),
    }[lang]
    head = "; ".join((_met_text(assessment, lang), *by_group))
    return f"{head}. {'; '.join(by_figure)}"
