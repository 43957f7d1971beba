"""The scenario comparison's tables (notebook 04).

Presentation layer: reads the projected year of every scenario, one row per scenario and one
column per variable of :func:`analysis.outlook.results.scenario_results` (percent as percent),
and writes it in the report's language.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.report.display import pick, safe
from analysis.report.labels import check_lang, format_number, format_percent, label, unit_label

#: The year table's columns: variable, label key, decimals, shown as a percent.
YEAR_COLUMNS: tuple[tuple[str, str, int, bool], ...] = (
    ("grdp_growth", "real_growth", 2, True),
    ("grdp_deflator_growth", "deflator", 2, True),
    ("grdp_current_prices", "grdp_nominal", 1, False),
    ("grdp_usd", "grdp_usd", 2, False),
    ("grdp_per_capita_usd", "per_capita", 0, False),
)

#: The unit in the header of a column whose cells are bare numbers (percent cells carry ``%``).
YEAR_UNITS: dict[str, str] = {
    "grdp_nominal": "trillion VND",
    "grdp_usd": "bn USD",
    "per_capita": "USD",
}


def _header(key: str, lang: str) -> str:
    """A column's header, with its unit where the cells do not show one."""
    unit = YEAR_UNITS.get(key)
    return f"{label(key, lang)} ({unit_label(unit, lang)})" if unit else label(key, lang)


#: The probabilities compared: result variable and its column name (the standard error is the
#: variable with ``_standard_error``).
PROBABILITY_COLUMNS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("probability_grdp_growth_target", ("Tăng trưởng", "Growth")),
    ("probability_grdp_per_capita_target", ("GRDP/người", "GRDP per head")),
    ("probability_structure_target", ("Cơ cấu", "Structure")),
    ("probability_all_macro_targets", ("Cùng đạt", "All together")),
)
"""The probabilities the comparison shows, with their column headings; a target the plan does
not state (no structure target) has no column."""

JOINT_TARGETS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("probability_grdp_growth_target", ("tăng trưởng", "growth")),
    ("probability_grdp_per_capita_target", ("GRDP bình quân đầu người", "GRDP per head")),
    ("probability_structure_target", ("cơ cấu", "structure")),
)
"""The macro targets the joint probability covers, as a sentence names them, when the plan
states them."""


def year_table(
    annual: pd.DataFrame,
    labels: Mapping[str, str],
    targets: tuple[float, float],
    lang: str = "vi",
) -> pd.DataFrame:
    """Each scenario's year (growth, deflator, GRDP, GRDP in USD, per head), then the targets.

    ``targets`` is the growth target (percent) and the GRDP per head target (USD); ``labels``
    the scenarios' names as readers see them.
    """
    rows = []
    for s in annual.index:
        row = {label("scenario", lang): labels[s]}
        for var, key, d, pct in YEAR_COLUMNS:
            v = annual.loc[s, var]
            row[_header(key, lang)] = (
                format_percent(v, d, lang) if pct else format_number(v, d, lang)
            )
        rows.append(row)
    growth_target, per_head_target = targets
    target_row = {label("scenario", lang): label("target", lang)}
    target_row.update({_header(k, lang): "" for _, k, _, _ in YEAR_COLUMNS})
    target_row[_header("real_growth", lang)] = format_percent(growth_target, 1, lang)
    target_row[_header("per_capita", lang)] = format_number(per_head_target, 0, lang)
    rows.append(target_row)
    return pd.DataFrame(rows)


def probability_table(
    annual: pd.DataFrame, labels: Mapping[str, str], lang: str = "vi"
) -> pd.DataFrame:
    """Each scenario's probabilities of meeting the targets: ``54,3 % (± 0,1)`` (points)."""
    rows = []
    for s in annual.index:
        row = {label("scenario", lang): labels[s]}
        for var, name in PROBABILITY_COLUMNS:
            if var not in annual.columns:
                continue
            p, se = annual.loc[s, var], annual.loc[s, f"{var}_standard_error"]
            row[pick(lang, *name)] = (
                f"{format_percent(p, 1, lang)} (± {format_number(se, 1, lang)})"
            )
        rows.append(row)
    return pd.DataFrame(rows)


def joint_text(annual: pd.DataFrame, labels: Mapping[str, str], report: str, lang: str) -> str:
    """Which scenario gives the macro targets the best chance together, naming the targets.

    ``annual`` holds each scenario's probabilities (percent) of the plan year; ``report`` is the
    title of the uncertainty report where the distributions are.
    """
    joint = annual["probability_all_macro_targets"]
    best = safe(labels[joint.idxmax()])
    value = format_percent(joint.max(), 1, lang)
    names = [pick(lang, *words) for var, words in JOINT_TARGETS if var in annual.columns]
    if check_lang(lang) == "vi":
        return (
            f"Xác suất {len(names)} chỉ tiêu vĩ mô ({', '.join(names)}) cùng đạt cao nhất ở "
            f"{best}: **{value}**. Chi tiết giả định và phân phối trong báo cáo «{report}» của "
            "từng kịch bản."
        )
    return (
        f"The probability that the {len(names)} macro targets ({', '.join(names)}) are met "
        f"together is highest under {best}: **{value}**. Assumptions and distributions are in "
        f'each scenario\'s report "{report}".'
    )
