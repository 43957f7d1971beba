"""The plan-against-outturn report's paragraphs (notebook 07).

Each function writes one paragraph of :class:`analysis.outlook.retrospective.PlanOutturn` in the
report's language; every number it states is computed from the result, years included (its plan
year and base year). The tables, the chart and the words they share are in
:mod:`analysis.report.retrospective_page`.
"""

from __future__ import annotations

import pandas as pd

from analysis.economics.retrospective import TOTAL
from analysis.outlook.retrospective import PlanOutturn
from analysis.report.display import pick, safe
from analysis.report.labels import check_lang, label
from analysis.report.retrospective_page import (
    FACTOR_FIELDS,
    fan_value,
    pct,
    pts,
    residual_sum,
    row_date,
    signed,
    usd,
)

#: Each factor of the per-head split as a sentence names it.
FACTOR_WORDS: dict[str, dict[str, str]] = {
    "real_growth": {"vi": "tăng trưởng thực", "en": "real growth"},
    "prices": {"vi": "giá", "en": "prices"},
    "population": {"vi": "dân số", "en": "population"},
    "exchange_rate": {"vi": "tỷ giá", "en": "the exchange rate"},
}


def _factor(part: str, lang: str) -> str:
    return FACTOR_WORDS[part][check_lang(lang)]


def _direction(difference: float, lang: str) -> str:
    if difference < 0:
        return pick(lang, "thấp hơn", "below")
    return pick(lang, "cao hơn", "above") if difference > 0 else pick(lang, "bằng", "equal to")


def _kind(row: pd.Series, lang: str) -> str:
    estimate = str(row["kind"]) == "estimate"
    if estimate:
        return pick(lang, "ước tính", "estimate")
    return pick(lang, "số chính thức", "final figure")


def intro_text(result: PlanOutturn, lang: str = "vi") -> str:
    """What the report sets side by side, and where its plan comes from."""
    label_ = safe(result.scenario.label_in(lang))
    return pick(
        lang,
        f"Kế hoạch năm {result.plan_year} so với kết quả đã công bố: mức chênh tăng trưởng tách "
        "theo đóng góp của các khu vực, mức chênh GRDP bình quân đầu người tách theo tăng trưởng "
        "thực, giá, dân số và tỷ giá, và vị trí của kết quả trong quạt dự báo lập trước năm. Kế "
        f"hoạch là kịch bản của chính Nghị quyết ({label_}). Mọi số liệu được tính từ dữ liệu "
        "gốc; số nào không được công bố mà phải suy ra đều ghi rõ cách tính và nguồn; khi hai "
        "lần công bố khác nhau, dùng số công bố sau.",
        f"The {result.plan_year} plan against the published results: the growth miss split "
        "into the sectors' contributions, the per-head miss split into real growth, prices, "
        "population and the exchange rate, and where the outturn fell in the fan drawn before "
        f"the year. The plan is the resolution's own scenario ({label_}). Every figure is "
        "computed from the raw data; any that is not published but derived says how and from "
        "what; where two publications differ, the later one is read.",
    )


def no_outturn_text(plan_year: int, lang: str = "vi") -> str:
    """What the report says when the year's growth is not among the actual results."""
    return pick(
        lang,
        f"**Chưa có kết quả cả năm {plan_year}.** Số liệu thực hiện của kế hoạch chưa có tốc "
        f"độ tăng trưởng GRDP cả năm {plan_year}, nên chưa thể so sánh kế hoạch với kết quả. "
        "Báo cáo không ước tính thay: khi số liệu được công bố, ghi vào thư mục `actuals/` "
        f"của gói kế hoạch (chỉ tiêu `grdp_growth`, kỳ `{plan_year}`) rồi chạy lại báo cáo.",
        f"**No result for the full year {plan_year} yet.** The plan's actual results hold no "
        f"GRDP growth for the full year {plan_year}, so the plan cannot be set against its "
        "outturn. Nothing is estimated in its place: when the figure is published, record it in "
        f"the plan pack's `actuals/` folder (indicator `grdp_growth`, period `{plan_year}`) and "
        "run the report again.",
    )


def missing_text(part: str, plan_year: int, lang: str = "vi") -> str:
    """One part of the report cannot be shown: the figures it needs are not published."""
    needs = {
        "contributions": pick(
            lang,
            f"đóng góp của các khu vực vào tăng trưởng năm {plan_year}",
            f"the sectors' contributions to growth in {plan_year}",
        ),
        "per_head": pick(
            lang,
            f"GRDP bình quân đầu người, GRDP giá hiện hành và GRDP quy đổi USD năm {plan_year}",
            f"GRDP per head, GRDP at current prices and GRDP in USD for {plan_year}",
        ),
    }[part]
    return pick(
        lang,
        f"Chưa có số liệu công bố về {needs}: phần này chưa thể tính, không ước tính thay.",
        f"Not published yet: {needs}. This part cannot be computed; nothing is estimated.",
    )


def headline_text(result: PlanOutturn, lang: str = "vi") -> str:
    """The year's growth and GRDP per head against the plan, with their dates of publication."""
    g, gp, row = result.growth, result.planned_growth, result.growth_row
    label_ = safe(result.scenario.label_in(lang))
    growth = pick(
        lang,
        f"Năm {result.plan_year}, GRDP tăng **{pct(g, lang)}** ({_kind(row, lang)} công bố ngày "
        f"{row_date(row, lang)}), {_direction(g - gp, lang)} mức {pct(gp, lang)} của kế hoạch "
        f"({label_}) **{pts(abs(g - gp), lang)} điểm %**.",
        f"In {result.plan_year} GRDP grew **{pct(g, lang)}** ({_kind(row, lang)} published "
        f"{row_date(row, lang)}), {pts(abs(g - gp), lang)} points {_direction(g - gp, lang)} "
        f"the plan's {pct(gp, lang)} ({label_}).",
    )
    if result.per_head is None:
        return growth
    y, yp, head = result.per_head, result.planned_per_head, result.per_head_row
    gap = pick(lang, "chênh", "a gap of") + f" {usd(abs(y - yp), lang)}, {pct(y / yp - 1, lang)}"
    per_head = pick(
        lang,
        f"GRDP bình quân đầu người đạt **{usd(y, lang)}** ({row_date(head, lang)}), "
        f"{_direction(y - yp, lang)} mức {usd(yp, lang)} của kế hoạch ({gap}).",
        f"GRDP per head reached **{usd(y, lang)}** ({row_date(head, lang)}), "
        f"{_direction(y - yp, lang)} the plan's {usd(yp, lang)} ({gap}).",
    )
    return f"{growth} {per_head}"


def _largest_miss_text(frame: pd.DataFrame, lang: str) -> str:
    parts = frame.drop(index=TOTAL)
    sector = str(parts["miss"].idxmin())
    r = parts.loc[sector]
    name = label(sector, lang).lower()
    growth = ""
    if "published_growth" in parts:
        growth = pick(
            lang,
            f"; tăng trưởng của khu vực {pct(r['published_growth'], lang)} so với "
            f"{pct(r['planned_growth'], lang)} kế hoạch",
            f"; its growth was {pct(r['published_growth'], lang)} against "
            f"{pct(r['planned_growth'], lang)} planned",
        )
    return pick(
        lang,
        f"Phần hụt lớn nhất ở khu vực **{name}**: đóng góp {pts(r['published_contribution'], lang)}"
        f" điểm % so với {pts(r['planned_contribution'], lang)} điểm % kế hoạch "
        f"({signed(pts(r['miss'], lang))} điểm %){growth}.",
        f"The largest shortfall is in **{name}**: {pts(r['published_contribution'], lang)} "
        f"points against {pts(r['planned_contribution'], lang)} planned "
        f"({signed(pts(r['miss'], lang))} points){growth}.",
    )


def contributions_text(frame: pd.DataFrame, lang: str = "vi") -> str:
    """The growth miss by sector in words: its size, the largest shortfall, the residual."""
    total = frame.loc[TOTAL]
    derived = frame.drop(index=TOTAL).loc[lambda f: f["derived"]]
    name = label(str(derived.index[0]), lang).lower()
    miss = total["miss"]
    opening = pick(
        lang,
        f"Tăng trưởng {_direction(miss, lang)} kế hoạch {pts(abs(miss), lang)} điểm %.",
        f"Growth came in {pts(abs(miss), lang)} points {_direction(miss, lang)} the plan.",
    )
    residual = pick(
        lang,
        f"Đóng góp của khu vực {name} không được công bố; báo cáo tính bằng phần còn lại của "
        f"tổng: {residual_sum(frame, lang)} điểm %, nên các đóng góp cộng lại đúng "
        f"{pct(total['published_contribution'], lang)}.",
        f"The contribution of {name} is not published; it is derived as the residual of the "
        f"total: {residual_sum(frame, lang)} points, so the contributions add up to "
        f"{pct(total['published_contribution'], lang)} exactly.",
    )
    return f"{opening} {_largest_miss_text(frame, lang)} {residual}"


def weights_text(result: PlanOutturn, lang: str = "vi") -> str:
    """What the published figures reveal about the weights, against the plan's weights.

    Empty when the sectors' published growth is not available.
    """
    frame = result.contributions
    if frame is None or "revealed_weight" not in frame:
        return ""
    parts = frame.drop(index=TOTAL)
    revealed = " / ".join(pct(v, lang, 1) for v in parts["revealed_weight"])
    planned = " / ".join(pct(v, lang, 1) for v in parts["weight"])
    at_plan_weights = frame.loc[TOTAL, "planned_contribution"] + frame.loc[TOTAL, "growth_effect"]
    effect = frame.loc[TOTAL, "weight_effect"]
    year = result.base_year
    return pick(
        lang,
        f"Đóng góp chia cho tăng trưởng công bố cho thấy quyền số năm {year} mà số liệu công bố "
        f"dùng: {revealed} (theo thứ tự bảng), so với {planned} kế hoạch dùng. Với quyền số của "
        f"kế hoạch, tăng trưởng công bố của các khu vực cộng lại {pct(at_plan_weights, lang)}; "
        f"{signed(pts(effect, lang))} điểm % còn lại đến từ khác biệt quyền số, không phải "
        "từ tăng trưởng.",
        f"Contributions divided by published growth reveal the {year} weights the release used: "
        f"{revealed} (in the table's order), against the plan's {planned}. At the plan's "
        f"weights the published sector growth adds up to {pct(at_plan_weights, lang)}; the "
        f"other {signed(pts(effect, lang))} points come from the different weights, not from "
        "growth.",
    )


def _factor_change(result: PlanOutturn, part: str, lang: str) -> str:
    field = FACTOR_FIELDS[part]
    planned = getattr(result.planned_factors, field)
    actual = getattr(result.actual_factors, field)
    return pick(
        lang,
        f"{pct(actual, lang)} so với {pct(planned, lang)} kế hoạch",
        f"{pct(actual, lang)} against {pct(planned, lang)} planned",
    )


POPULATION_GAP_NOTED = 0.01
"""An implied population growth this far (1 point) from the plan's assumption is named as a sign
that the published figures it is implied from come from different releases (the plausibility
margin of a scenario's population growth, docs/methodology.md section 10)."""


def _implied_note(result: PlanOutturn, lang: str) -> str:
    """A caution when the implied population growth lies far from the planned one."""
    planned = result.planned_factors.population_growth
    actual = result.actual_factors.population_growth
    if abs(actual - planned) <= POPULATION_GAP_NOTED:
        return ""
    return pick(
        lang,
        f" Lưu ý: chỉ số giá, dân số và tỷ giá năm {result.plan_year} không được công bố trực "
        "tiếp mà suy ra từ GRDP giá hiện hành, GRDP bình quân đầu người và tốc độ tăng trưởng đã "
        f"công bố (bảng dưới); dân số suy ra tăng {pct(actual, lang)} so với {pct(planned, lang)} "
        "giả định, chênh hơn 1 điểm %, dấu hiệu các số liệu đó thuộc những lần công bố khác "
        "nhau: cần đọc cách tách này thận trọng.",
        f" Note: the {result.plan_year} deflator, population and exchange rate are not published "
        "directly but implied by the published GRDP at current prices, GRDP per head and growth "
        f"(table below); the implied population grows {pct(actual, lang)} against "
        f"{pct(planned, lang)} assumed, more than 1 point apart, a sign that those figures come "
        "from different releases: read this split with care.",
    )


def per_head_text(result: PlanOutturn, lang: str = "vi") -> str:
    """The per-head miss split in words: each factor's effect, the largest drag and support,
    and a caution when the implied factors look inconsistent (:func:`_implied_note`)."""
    split = result.per_head_split
    parts = split.drop(index=TOTAL)
    listed = ", ".join(f"{_factor(p, lang)} {signed(pts(v, lang))}" for p, v in parts.items())
    text = pick(
        lang,
        "Theo đẳng thức GRDP/người = GRDP giá hiện hành / (dân số × tỷ giá), mức chênh "
        f"{signed(pts(split[TOTAL], lang))} % (log) tách đúng thành: {listed}.",
        "From GRDP per head = GRDP at current prices / (population × exchange rate), the miss "
        f"of {signed(pts(split[TOTAL], lang))} % (log) splits exactly into: {listed}.",
    )
    drag = str(parts.idxmin())
    if parts[drag] < 0:
        text += pick(
            lang,
            f" Kéo xuống nhiều nhất: **{_factor(drag, lang)}** "
            f"({_factor_change(result, drag, lang)}).",
            f" The largest drag: **{_factor(drag, lang)}** ({_factor_change(result, drag, lang)}).",
        )
    lift = str(parts.idxmax())
    if parts[lift] > 0:
        text += pick(
            lang,
            f" Bù lại nhiều nhất: {_factor(lift, lang)} ({_factor_change(result, lift, lang)}).",
            f" The largest offset: {_factor(lift, lang)} ({_factor_change(result, lift, lang)}).",
        )
    return text + _implied_note(result, lang)


def _ordinal(n: int, lang: str) -> str:
    """``thứ 52`` / ``52nd``."""
    if check_lang(lang) == "vi":
        return f"thứ {n}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _placed(variable: str, r: pd.Series, lang: str) -> str:
    where = _ordinal(round(100 * r["percentile"]), lang)
    return pick(
        lang,
        f"{fan_value(variable, r['outcome'], lang)} nằm ở **phân vị {where}** (trung vị "
        f"{fan_value(variable, r['q50'], lang)})",
        f"{fan_value(variable, r['outcome'], lang)} fell at the **{where} percentile** "
        f"(median {fan_value(variable, r['q50'], lang)})",
    )


def _inside(r: pd.Series) -> bool:
    return bool(r["q05"] <= r["outcome"] <= r["q95"])


def fan_text(result: PlanOutturn, lang: str = "vi") -> str:
    """Where the outturn fell in the ex-ante fan, and whether inside its 90 % band."""
    fan = result.fan.dropna(subset=["percentile"])
    placed = {v: _placed(str(v), r, lang) for v, r in fan.iterrows()}
    names = {
        "grdp_growth": pick(lang, "tăng trưởng", "growth"),
        "grdp_per_capita_usd": pick(lang, "GRDP bình quân đầu người", "GRDP per head"),
    }
    listed = "; ".join(f"{names[str(v)]} {t}" for v, t in placed.items())
    outside = [names[str(v)] for v, r in fan.iterrows() if not _inside(r)]
    opening = pick(
        lang,
        f"Trong quạt dự báo lập trước năm {result.plan_year} (mô phỏng Monte Carlo của kịch bản "
        f"kế hoạch, {safe(result.scenario.label_in(lang))}, hiệu chỉnh trên số liệu công bố "
        f"đến năm {result.base_year}): {listed}.",
        f"In the fan drawn before {result.plan_year} (the Monte Carlo of the plan's scenario, "
        f"{safe(result.scenario.label_in(lang))}, calibrated on figures published up to "
        f"{result.base_year}): {listed}.",
    )
    if outside:
        closing = pick(
            lang,
            f"Nằm ngoài khoảng 90 % của quạt: {', '.join(outside)}; độ bất định lường trước "
            "khi lập kế hoạch không bao được kết quả này.",
            f"Outside the fan's 90 % band: {', '.join(outside)}; the uncertainty foreseen when "
            "the plan was made did not cover this outturn.",
        )
    else:
        closing = pick(
            lang,
            "Kết quả nằm trong khoảng 90 % của quạt: mức chênh so với kế hoạch nằm trong độ bất "
            "định đã lường trước khi lập kế hoạch.",
            "The outturn fell inside the fan's 90 % band: the misses lie within the uncertainty "
            "foreseen when the plan was made.",
        )
    return f"{opening} {closing}"
