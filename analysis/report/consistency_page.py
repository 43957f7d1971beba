"""The consistency report's figures and tables (notebook 03).

Presentation layer: reads the consistency report of
:func:`analysis.outlook.consistency_inputs.consistency_report_from_tables` (index ``check``;
columns ``value``, ``value_base`` (the base year's figure), ``unit``, ``verdict``, ``note``) and
writes it in the report's language.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.report.display import pick
from analysis.report.labels import check_label, format_number, format_percent, label, unit_label

#: Units shown as a percent; those beyond plain ``%`` carry their unit in brackets.
PERCENT_UNITS: tuple[str, ...] = ("%", "% growth", "% of GRDP", "% vs GRDP deflator")

#: Figures at least this large are shown without decimals.
WHOLE_FROM = 1000


def check_figure(value: float | None, unit: str, lang: str = "vi") -> str:
    """A check's figure with its unit: ``2,89 %``, ``12,30 % (% GRDP)``, ``214,3 nghìn tỷ đồng``.

    Two decimals, one for trillion VND, none from :data:`WHOLE_FROM` up; an en dash for none.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit in PERCENT_UNITS:
        text = format_percent(value, 2, lang)
        return text if unit in ("%", "% growth") else f"{text} ({unit_label(unit, lang)})"
    decimals = 0 if abs(value) >= WHOLE_FROM else (1 if unit == "trillion VND" else 2)
    return f"{format_number(value, decimals, lang)} {unit_label(unit, lang)}".strip()


def checks_table(report: pd.DataFrame, base_year: int, lang: str = "vi") -> pd.DataFrame:
    """One row per check: what it is, its value, the base year's value and the verdict."""
    return pd.DataFrame(
        [
            {
                pick(lang, "Kiểm tra", "Check"): check_label(check, lang),
                pick(lang, "Giá trị", "Value"): check_figure(r["value"], r["unit"], lang),
                label("base_year", lang, year=base_year): check_figure(
                    r["value_base"], r["unit"], lang
                ),
                pick(lang, "Đánh giá", "Verdict"): label(r["verdict"], lang),
            }
            for check, r in report.iterrows()
        ]
    )


def notes_table(report: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """One row per check: what it is and how it is computed (the note, in English)."""
    return pd.DataFrame(
        {
            pick(lang, "Kiểm tra", "Check"): [check_label(c, lang) for c in report.index],
            pick(lang, "Cách tính (tiếng Anh)", "How it is computed"): list(report["note"]),
        }
    )


def flagged_closures(report: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The structure solver's closures (rows ``structure.<closure>``) and those flagged.

    A closure is flagged when its verdict is ``stretched`` or ``inconsistent``; its sector
    rows (``structure.<closure>.<sector>``) are not counted.
    """
    closures = [c for c in report.index if c.startswith("structure.") and c.count(".") == 1]
    flagged = [c for c in closures if report.loc[c, "verdict"] in ("stretched", "inconsistent")]
    return closures, flagged
