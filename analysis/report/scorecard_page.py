"""The scorecard report's tables and phrases: groups of targets, lists, per-group tables, sources.

Presentation layer for notebook 06: takes the assessment of
:func:`analysis.economics.scorecard.assess`, the group titles of
:func:`analysis.data.tables.load_target_groups` and the actual figures of
:mod:`analysis.data.actuals`, and returns text, display tables and escaped HTML in the report's
language. The in-year GRDP section has its own module, :mod:`analysis.report.in_year_growth`;
the sentences that state what a run found are in :mod:`analysis.report.scorecard_findings`.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis.data import paths
from analysis.economics.scorecard import group_results, summary
from analysis.report.display import TABLE_CLASS, pick, safe
from analysis.report.labels import check_lang, format_fraction_as_percent, label
from analysis.report.scorecard_view import (
    COLUMNS,
    GROUP_WORDS,
    STATUS_WORDS,
    figure_text,
    scorecard_table,
    style_scorecard,
    target_text,
    unit_text,
)

#: The statuses in the order the table of groups counts them (results of the year first).
STATUS_ORDER: tuple[str, ...] = (
    "met",
    "not_met",
    "on_track",
    "needs_acceleration",
    "off_track",
    "wrong_direction",
    "no_data",
)

#: The in-year statuses the report lists as "to watch", the worst first.
IN_YEAR_WATCH: tuple[str, ...] = ("wrong_direction", "off_track", "needs_acceleration")

#: Columns of a group's table that hold words (left-aligned); the others hold figures.
LEFT_COLUMNS: tuple[str, ...] = ("indicator", "unit", "period", "light", "source")

#: Column widths (%), the same in every group's table so that the tables line up.
COLUMN_WIDTHS: dict[str, int] = {
    "indicator": 25,
    "unit": 7,
    "target": 9,
    "period": 9,
    "actual": 9,
    "gap_closed": 10,
    "light": 12,
    "source": 19,
}

#: The style sheet of a group's table: ruled rows, figures right-aligned, a fixed layout.
TABLE_STYLES: list[dict[str, str]] = [
    {"selector": "", "props": "border-collapse: collapse; width: 100%; table-layout: fixed;"},
    {"selector": "th, td", "props": "padding: 3px 8px; text-align: right;"},
    {"selector": "th", "props": "border-bottom: 1px solid #444;"},
    {"selector": "td", "props": "border-bottom: 1px solid #ddd;"},
]


def group_title(titles: pd.DataFrame, group: int, lang: str = "vi") -> str:
    """A group of targets by its item number and short title: ``(5) Du lịch`` / ``(5) Tourism``.

    ``titles`` is the table of :func:`analysis.data.tables.load_target_groups`; a group without
    a title shows its number alone (``(16)``).
    """
    column = f"title_{check_lang(lang)}"
    found = titles.loc[titles["group"] == int(group), column]
    title = str(found.iloc[0]) if len(found) else ""
    return f"({int(group)}) {title}".strip()


def shown_path(path: Path | str, root: Path | None = None) -> str:
    """A path as the reader sees it: relative to the project (``root``) when it lies inside it."""
    try:
        return str(Path(path).resolve().relative_to(root or paths.ROOT))
    except ValueError:
        return str(path)


def date_text(stamp: pd.Timestamp, lang: str = "vi") -> str:
    """A date as each language writes it: ``20/12/2024`` / ``2024-12-20``."""
    return stamp.strftime("%d/%m/%Y") if check_lang(lang) == "vi" else stamp.strftime("%Y-%m-%d")


def with_unit(text: str, unit: str, lang: str = "vi") -> str:
    """A formatted figure with its unit (``13,6 %``, ``15.200 tỷ đồng``, ``Hoàn thành``)."""
    if unit in ("%", "% growth"):
        return f"{text} %"
    words = unit_text(unit, lang)
    return f"{text} {words}" if words else text


def fraction_text(fraction: float | None, decimals: int = 2, lang: str = "vi") -> str:
    """A fraction as percent (``0.145`` → ``14,50 %``); an en dash, without ``%``, for none."""
    if fraction is None or not math.isfinite(float(fraction)):
        return "–"
    return format_fraction_as_percent(fraction, decimals, lang)


class GroupCounts(NamedTuple):
    """How the groups of targets stand (:func:`analysis.economics.scorecard.group_results`)."""

    groups: int
    """How many groups there are."""
    met: int
    not_met: int
    open: int
    """Awaiting the year's results."""
    complete: int
    """Every figure of the group has the year's result."""


def group_counts(assessment: pd.DataFrame) -> GroupCounts:
    """How many groups of targets are met, not met, open and complete, of how many."""
    verdicts = group_results(assessment)
    by_status = verdicts["status"].value_counts()
    return GroupCounts(
        groups=len(verdicts),
        met=int(by_status.get("met", 0)),
        not_met=int(by_status.get("not_met", 0)),
        open=int(by_status.get("open", 0)),
        complete=int(verdicts["complete"].sum()),
    )


def _groups(assessment: pd.DataFrame) -> list[int]:
    return sorted(int(g) for g in assessment["group"].unique())


def group_results_table(
    assessment: pd.DataFrame, titles: pd.DataFrame, lang: str = "vi"
) -> pd.DataFrame:
    """One row per group: its title, its verdict in words, its figures and their statuses."""
    groups = _groups(assessment)
    counts = summary(assessment)
    verdicts = group_results(assessment)
    return pd.DataFrame(
        {
            pick(lang, "Nhóm chỉ tiêu", "Group of targets"): [
                group_title(titles, g, lang) for g in groups
            ],
            pick(lang, "Kết quả nhóm", "Group result"): [
                GROUP_WORDS[verdicts.loc[g, "status"]][lang] for g in groups
            ],
            pick(lang, "Số chỉ số", "Figures"): [int(counts.loc[g, "targets"]) for g in groups],
            **{
                STATUS_WORDS[s][lang]: [int(counts.loc[g, s]) for g in groups] for s in STATUS_ORDER
            },
        }
    )


def listed_targets(assessment: pd.DataFrame, statuses: tuple[str, ...], lang: str = "vi") -> str:
    """The targets with these statuses, in the resolution's order: ``name (actual / target)``.

    ``Thu ngân sách (15.200 tỷ đồng / ≥ 16.000 tỷ đồng); ...``; names are escaped for Markdown.
    """
    table = scorecard_table(assessment, lang)
    rows = assessment[assessment["status"].isin(statuses)].sort_values("group", kind="stable")
    names = rows["name_vi" if lang == "vi" else "name_en"]
    actual = COLUMNS["actual"][lang]
    return "; ".join(
        f"{safe(names[i])} ({with_unit(table.loc[i, actual], rows.loc[i, 'unit'], lang)}"
        f" / {with_unit(target_text(rows.loc[i], lang), rows.loc[i, 'unit'], lang)})"
        for i in rows.index
    )


def targets_list_table(
    assessment: pd.DataFrame, titles: pd.DataFrame, base_year: int, lang: str = "vi"
) -> pd.DataFrame:
    """The targets without results: group (on its first row), name, unit, target, base year.

    Targets keep their spaces unbroken (``≥ 4.500`` on one line).
    """
    listing = assessment.sort_values("group", kind="stable")
    first = ~listing["group"].duplicated()
    return pd.DataFrame(
        {
            pick(lang, "Nhóm chỉ tiêu", "Group of targets"): [
                group_title(titles, g, lang) if f else ""
                for g, f in zip(listing["group"], first, strict=True)
            ],
            COLUMNS["indicator"][lang]: listing["name_vi" if lang == "vi" else "name_en"],
            COLUMNS["unit"][lang]: [unit_text(u, lang) for u in listing["unit"]],
            COLUMNS["target"][lang]: [
                target_text(r, lang).replace(" ", "\u00a0") for _, r in listing.iterrows()
            ],
            label("base_year", lang, year=base_year): [
                figure_text(b, lang) for b in listing["baseline"]
            ],
        }
    )


def column_styles(lang: str = "vi") -> dict[str, list[dict[str, str]]]:
    """Each column's width and alignment in a group's table (:data:`COLUMN_WIDTHS`)."""
    left = [COLUMNS[c][lang] for c in LEFT_COLUMNS]
    out = {}
    for key, width in COLUMN_WIDTHS.items():
        name = COLUMNS[key][lang]
        align = "left" if name in left else "right"
        out[name] = [{"selector": "th, td", "props": f"width: {width}%; text-align: {align};"}]
    return out


def group_table_html(assessment: pd.DataFrame, group: int, lang: str = "vi") -> str:
    """One group's scorecard as escaped HTML: lights coloured and written as words (in bold)."""
    styler = style_scorecard(assessment[assessment["group"] == group], lang)
    return (
        styler.hide([COLUMNS["group"][lang]], axis="columns")
        .set_uuid(f"scorecard-{lang}-{group}")
        .set_table_attributes(f'class="{TABLE_CLASS}"')
        .set_table_styles(TABLE_STYLES)
        .set_table_styles(column_styles(lang), overwrite=False)
        .set_properties(subset=[COLUMNS["light"][lang]], **{"font-weight": "bold"})
        .to_html()
    )


def sources_table(figures: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """One row per actuals file: where it is, its figures, the estimates, its last date."""
    files = figures.groupby("file", sort=True)
    return pd.DataFrame(
        {
            pick(lang, "Tệp số liệu", "File"): [shown_path(Path(f)) for f in files.groups],
            pick(lang, "Số liệu", "Figures"): [str(len(g)) for _, g in files],
            pick(lang, "Trong đó ước tính", "Of which estimates"): [
                str(int((g["kind"] == "estimate").sum())) for _, g in files
            ],
            pick(lang, "Công bố đến ngày", "Published up to"): [
                date_text(g["as_of"].max(), lang) for _, g in files
            ],
        }
    )
