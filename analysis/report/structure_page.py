"""The structural-shift report's phrases and its table of solver results (notebook 02).

Presentation layer: shares, growth and prices arrive as fractions (0.68) and are shown as
percent (``68,0 %``) in the report's language. The verdicts are those of
:func:`analysis.economics.structure_solution.structure_verdicts`, the one rule the consistency
report (03) shows too; :func:`verdict_rule_text` says so in both reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from analysis.economics.structure_solution import structure_verdicts
from analysis.report.display import pick
from analysis.report.labels import (
    CLOSURE_LABELS,
    check_lang,
    format_number,
    format_percent,
    label,
)

if TYPE_CHECKING:
    from analysis.economics.structure_solution import StructureSolution


def shares_text(values: Iterable[float], lang: str = "vi") -> str:
    """Shares (fractions) in order, as ``65,7 % / 21,3 % / 13,0 %``."""
    return " / ".join(format_percent(100 * v, 1, lang) for v in values)


def points_text(values: Iterable[float], lang: str = "vi") -> str:
    """Differences already in points, one decimal, as ``-1,2 / 0,4 / 0,8``."""
    return " / ".join(format_number(v, 1, lang) for v in values)


def contributions_text(contributions: pd.Series, lang: str = "vi") -> str:
    """Each sector's contribution in points: ``Dịch vụ 1,45; ...`` (values already in points)."""
    return "; ".join(
        f"{label(s, lang)} {format_number(v, 2, lang)}" for s, v in contributions.items()
    )


def solution_rows(solution: StructureSolution, lang: str = "vi") -> list[dict[str, str]]:
    """One display row per sector of a solver result: growth, history, z, price, verdict.

    A row's verdict is its sector's (:attr:`~analysis.economics.structure_solution.
    StructureVerdicts.sectors`): its required growth, and in closure C its relative price,
    judged against the threshold; the closure's own verdict is the conclusion's.
    """
    verdicts = structure_verdicts(solution).sectors
    rows = []
    for _, r in solution.to_frame().iterrows():
        rows.append(
            {
                pick(lang, "Cách khép", "Closure"): CLOSURE_LABELS[solution.closure][lang],
                label("sector", lang): label(r["sector"], lang),
                pick(lang, "Tăng trưởng cần có", "Required growth"): format_percent(
                    100 * r["growth"], 2, lang
                ),
                pick(lang, "Bình quân lịch sử", "Historical mean"): format_percent(
                    100 * r["baseline_growth"], 2, lang
                ),
                pick(lang, "Số độ lệch chuẩn", "Standard deviations"): format_number(
                    r["z"], 1, lang
                ),
                pick(lang, "Giá tương đối", "Relative price"): format_percent(
                    100 * r["relative_price"], 2, lang
                ),
                pick(lang, "Đánh giá", "Verdict"): label(verdicts[r["sector"]], lang),
            }
        )
    return rows


def solutions_table(solutions: Iterable[StructureSolution], lang: str = "vi") -> pd.DataFrame:
    """Every closure's rows, one after the other (:func:`solution_rows`)."""
    return pd.DataFrame([row for s in solutions for row in solution_rows(s, lang)])


def conclusion_text(
    equal: StructureSolution, least: StructureSolution, growth: float, lang: str = "vi"
) -> str:
    """The report's conclusion: what the target structure needs of the sector furthest from its
    record, with equal prices (closure A) and with the least deviation (closure C).

    ``growth`` is the scenario's real growth, a fraction; the sector named is the one whose
    required growth is furthest from its historical mean under equal prices.
    """
    worst = equal.z.abs().idxmax()
    g = format_percent(100 * growth, 2, lang)
    need_a = format_percent(100 * equal.growth[worst], 2, lang)
    need_c = format_percent(100 * least.growth[worst], 2, lang)
    price = format_percent(100 * least.relative_price[worst], 2, lang)
    z = format_number(equal.z[worst], 1, lang)
    sector = label(worst, lang).lower()
    if check_lang(lang) == "vi":
        return (
            f"**Kết luận.** Nếu giá các ngành tăng như nhau, để vừa tăng trưởng {g} vừa đạt cơ "
            f"cấu mục tiêu, ngành {sector} phải tăng {need_a}, cách bình quân lịch sử {z} độ "
            f"lệch chuẩn: **{label(equal.verdict, 'vi').lower()}**. Cách khép độ lệch nhỏ nhất "
            f"cho phép giá tương đối thay đổi: ngành {sector} tăng {need_c} với giá tương đối "
            f"{price}; đánh giá: **{label(least.verdict, 'vi').lower()}**."
        )
    return (
        f"**Conclusion.** With equal sector prices, reaching both {g} growth and the target "
        f"structure needs {sector} to grow {need_a}, {z} standard deviations from its "
        f"historical mean: **{label(equal.verdict, 'en').lower()}**. The minimum-deviation "
        f"closure lets relative prices move: {sector} grows {need_c} with a relative price "
        f"change of {price}; verdict: **{label(least.verdict, 'en').lower()}**."
    )


def verdict_rule_text(z_limit: float, price_sd: float, other_title: str, lang: str = "vi") -> str:
    """How the structure verdicts are reached, the same in reports 02 and 03.

    ``z_limit`` in standard deviations and ``price_sd`` (a fraction) are the thresholds the
    closures were given (:func:`analysis.outlook.consistency_inputs.structure_thresholds`);
    ``other_title`` is the title of the other report that shows the same verdicts.
    """
    z = format_number(z_limit, 0 if float(z_limit).is_integer() else 1, lang)
    tau = format_percent(100 * price_sd, 1, lang)
    if check_lang(lang) == "vi":
        return (
            f"*Cách đánh giá, chung cho báo cáo này và báo cáo «{other_title}»: tăng trưởng cần "
            f"có của một khu vực là căng khi cách bình quân lịch sử quá {z} độ lệch chuẩn; với "
            f"cách khép độ lệch nhỏ nhất, giá tương đối của khu vực cũng được đánh giá và là căng "
            f"khi lệch quá {z} lần độ lệch chuẩn giả định ({tau}); một cách khép là căng khi có "
            "ít nhất một khu vực căng, không nhất quán khi không có lời giải.*"
        )
    return (
        f'*How the verdicts are reached, the same in this report and in "{other_title}": a '
        f"sector's required growth is stretched when it lies more than {z} standard deviations "
        "from its historical mean; under the minimum-deviation closure a sector's relative "
        f"price is judged too, stretched beyond {z} assumed standard deviations ({tau}); a "
        "closure is stretched when any sector is, inconsistent when it has no solution.*"
    )


def services_convention_text(own: float, folded: float, base_year: int, lang: str = "vi") -> str:
    """Which services growth the structure tables show: with the taxes on products, as the
    resolution's structure counts services, and the services sector's own beside it (the one the
    scenarios and the trajectory report quote)."""
    return pick(
        lang,
        f"Khu vực dịch vụ trong các bảng cơ cấu gồm cả thuế sản phẩm trừ trợ cấp sản phẩm, như "
        f"cơ cấu của Nghị quyết (ba khu vực cộng lại 100 %): năm {base_year} tăng "
        f"{format_percent(folded, 2, 'vi')}; riêng ngành dịch vụ tăng "
        f"{format_percent(own, 2, 'vi')} (con số các kịch bản và báo cáo quỹ đạo GRDP dùng).",
        f"Services in the structure tables include taxes less subsidies on products, as the "
        f"resolution's structure counts them (the three sectors add up to 100 %): "
        f"{format_percent(folded, 2, 'en')} growth in {base_year}; the services sector alone "
        f"grew {format_percent(own, 2, 'en')} (the figure the scenarios and the GRDP trajectory "
        f"report quote).",
    )
