"""The consistency report's figures and tables (notebook 03).

Presentation layer: reads the consistency report of
:func:`analysis.outlook.consistency_inputs.consistency_report_from_tables` (index ``check``;
columns ``value``, ``value_base`` (the base year's figure), ``unit``, ``verdict``, ``note``,
``note_id``, ``figures``) and writes it in the report's language.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.report.consistency_notes import note_text
from analysis.report.display import pick
from analysis.report.labels import (
    check_label,
    check_lang,
    format_number,
    format_percent,
    label,
    unit_label,
)

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
    """One row per check: what it is and how it is computed, worded in ``lang`` from the
    row's ``note_id`` and ``figures`` (:func:`analysis.report.consistency_notes.note_text`)."""
    return pd.DataFrame(
        {
            pick(lang, "Kiểm tra", "Check"): [check_label(c, lang) for c in report.index],
            pick(lang, "Cách tính", "How it is computed"): [
                note_text(r["note_id"], r["figures"], lang) for _, r in report.iterrows()
            ],
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


def _per_head_bullet(report: pd.DataFrame, target: pd.Series, lang: str) -> str:
    v, verdict = report["value"].astype(float), report["verdict"]
    g = format_percent(target["grdp_growth"], 1, lang)
    y = format_number(target["grdp_per_capita_usd"], 0, lang)
    pi = format_percent(v["per_head.implied_deflator"], 2, lang)
    said = label(verdict["per_head.implied_deflator"], lang).lower()
    nominal = format_number(v["per_head.nominal_grdp_plan"], 1, lang)
    national = format_number(v["per_head.per_capita_at_national_deflator"], 0, lang)
    if lang == "vi":
        return (
            f"- **Tăng trưởng và GRDP/người.** Để tăng trưởng {g} đi cùng {y} USD/người, chỉ số "
            f"giảm phát GRDP phải khoảng **{pi}**: {said}. GRDP giá hiện hành khi đó là "
            f"{nominal} nghìn tỷ đồng. Nếu giảm phát chỉ bằng mức cả nước, GRDP/người đạt "
            f"{national} USD."
        )
    return (
        f"- **Growth and GRDP per head.** For {g} growth to go with {y} USD per head, the GRDP "
        f"deflator must be about **{pi}**: {said}. GRDP at current prices is then {nominal} "
        f"trillion VND. At the national deflator, GRDP per head would reach {national} USD."
    )


def _investment_bullet(report: pd.DataFrame, target: pd.Series, lang: str) -> str:
    icor = format_number(float(report.loc["icor.current_prices", "value"]), 2, lang)
    said = label(report.loc["icor.current_prices", "verdict"], lang).lower()
    money = format_number(target["social_investment"], 0, lang)
    if lang == "vi":
        return (
            f"- **Vốn đầu tư.** {money} tỷ đồng vốn đầu tư toàn xã hội so với phần GRDP tăng thêm "
            f"cho ICOR **{icor}**: {said}."
        )
    return (
        f"- **Investment.** {money} billion VND of social investment against the GRDP increase "
        f"gives an ICOR of **{icor}**: {said}."
    )


def _structure_bullet(report: pd.DataFrame, shift_title: str, lang: str) -> str:
    closures, flagged = flagged_closures(report)
    if lang == "vi":
        return (
            f"- **Cơ cấu.** {len(flagged)} trong {len(closures)} cách khép cơ cấu được đánh giá "
            f"là căng hoặc không nhất quán (chi tiết ở bảng dưới và báo cáo «{shift_title}»)."
        )
    return (
        f"- **Structure.** {len(flagged)} of {len(closures)} closures of the structure solver "
        f'are stretched or inconsistent (table below and the report "{shift_title}").'
    )


def _plan_bullet(report: pd.DataFrame, check: str, lang: str) -> str:
    value = format_percent(float(report.loc[check, "value"]), 2, lang)
    said = label(report.loc[check, "verdict"], lang).lower()
    return f"- **{check_label(check, lang)}:** {value}: {said}."


def summary_text(
    report: pd.DataFrame, targets: pd.DataFrame, shift_title: str, lang: str = "vi"
) -> str:
    """The report's findings as bullets, one per check the plan's targets allow.

    ``report`` is indexed by check id; ``targets`` is the pack's targets table; a bullet is
    written for GRDP per head (always), investment (when the plan states an investment target),
    the structure (when it states a structure target, naming the structural-shift report by
    its title ``shift_title``), the sector plan and the quarterly scenario (when the plan
    states them).
    """
    lang = check_lang(lang)
    target = targets.set_index("indicator_id")["target"]
    bullets = [_per_head_bullet(report, target, lang)]
    if "icor.current_prices" in report.index:
        bullets.append(_investment_bullet(report, target, lang))
    if flagged_closures(report)[0]:
        bullets.append(_structure_bullet(report, shift_title, lang))
    for check in ("sector_plan.aggregate", "quarterly_plan.annual"):
        if check in report.index and not math.isnan(float(report.loc[check, "value"])):
            bullets.append(_plan_bullet(report, check, lang))
    return "\n".join(bullets)
