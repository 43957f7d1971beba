"""The uncertainty report's paragraphs: the sentences notebook 05 builds from its numbers.

Presentation layer: each function takes the results of :mod:`analysis.outlook.scenario_outlook`
(the Monte Carlo result, the growth distribution, the calibration, the statsmodels benchmark,
the run with relative prices held fixed) and returns one block of Markdown in the report's
language, figures formatted in that language. Growth, probabilities and scales arrive as
fractions (0.145) and are written as percent (``14,5 %``) or percentage points (``1,23``).
Years come in as arguments (the outlook's year, the record's years), never written here; the
notebook keeps its headings and framing text. The tables and the figures of the same report are
in :mod:`analysis.report.uncertainty_page`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from analysis.economics.montecarlo import fan_quantiles
from analysis.report.display import safe
from analysis.report.labels import (
    check_lang,
    format_fraction_as_percent,
    format_fraction_as_points,
    format_number,
    format_percent,
)
from analysis.report.uncertainty_page import (
    median_shares_text,
    published_ytd_text,
    stated_scales_note,
)

if TYPE_CHECKING:
    from analysis.data.scenarios import Scenario
    from analysis.economics.benchmark import BenchmarkForecast
    from analysis.economics.calibration import Calibration
    from analysis.economics.distributions import TwoPieceNormal
    from analysis.economics.montecarlo import MacroTargets, MonteCarloResult
    from analysis.outlook.relative_prices import RelativePriceEffect

_DISTRIBUTION: dict[str, str] = {
    "vi": """\
Tăng trưởng GRDP năm {year} được mô tả bằng phân phối chuẩn hai nửa quanh mức trung tâm
**{mode}** (của kịch bản, cập nhật theo số liệu lũy kế nếu có):
độ lệch phía dưới {below} điểm %, phía trên
{above} điểm %; khả năng thấp hơn mức trung tâm là
{p_below}, kỳ vọng
{mean}, khoảng 90 % từ {low} đến
{high}.""",
    "en": """\
{year} GRDP growth is described by a two-piece normal distribution centred on
**{mode}** (the scenario's, updated by any year-to-date figures):
a scale of {below}
points below and {above} points above; the chance of
falling short of the centre is {p_below}, the
mean {mean}, the 90 % interval {low} to
{high}.""",
}

_PROBABILITIES: dict[str, str] = {
    "vi": """\
Với {n_draws} lần mô phỏng, khả năng đạt mục tiêu tăng trưởng
{growth} là **{p_growth}**, GRDP bình quân đầu người
{per_capita} USD là **{p_per_capita}**, cơ cấu
kinh tế (mỗi khu vực trong phạm vi ± {tolerance} điểm % của
mục tiêu) là **{p_structure}**; đạt **đồng thời cả ba** là
**{p_joint}**.""",
    "en": """\
Over {n_draws} draws, the chance of meeting the growth target of
{growth} is **{p_growth}**, GRDP per head of
{per_capita} USD **{p_per_capita}**, the economic
structure (each sector within ± {tolerance} point of its
target) **{p_structure}**; meeting **all three together**
**{p_joint}**.""",
}

_PROBABILITIES_NO_STRUCTURE: dict[str, str] = {
    "vi": """\
Với {n_draws} lần mô phỏng, khả năng đạt mục tiêu tăng trưởng
{growth} là **{p_growth}**, GRDP bình quân đầu người
{per_capita} USD là **{p_per_capita}**; đạt **đồng thời cả hai** là
**{p_joint}**. Kế hoạch không nêu chỉ tiêu cơ cấu kinh tế.""",
    "en": """\
Over {n_draws} draws, the chance of meeting the growth target of
{growth} is **{p_growth}**, GRDP per head of
{per_capita} USD **{p_per_capita}**; meeting **both together**
**{p_joint}**. The plan states no structure target.""",
}

_YTD_PUBLISHED: dict[str, str] = {
    "vi": """\
Số liệu lũy kế đã công bố: {done}. Phần đã biết được giữ cố định; độ bất định của cả
năm thu hẹp còn {below} điểm % phía dưới và
{above} điểm % phía trên, quanh
{mode}.""",
    "en": """\
Published year-to-date figures: {done}. The known part is held fixed; the annual
uncertainty narrows to {below} points below
and {above} points above, around
{mode}.""",
}

_YTD_NONE: dict[str, str] = {
    "vi": """\
Chưa có số liệu lũy kế năm {year} trong kịch bản (trường `ytd_actuals`). Biểu đồ quạt
cho thấy tăng trưởng lũy kế sau quý I, 6 tháng, 9 tháng và cả năm: một quý riêng lẻ dao động
mạnh hơn cả năm, nên quạt hẹp dần về cuối năm. Dải ngoài cùng chứa 90 % số lần mô phỏng; cả năm
từ {low} đến
{high}.""",
    "en": """\
No {year} year-to-date figures in the scenario yet (field `ytd_actuals`). The fan shows
cumulative growth after Q1, six months, nine months and the year: a single quarter moves more
than the year, so the fan narrows towards the year end. The outer band holds 90 % of the draws;
for the full year {low} to
{high}.""",
}

_BENCHMARK: dict[str, str] = {
    "vi": """\
Mô hình bước ngẫu nhiên có xu hướng trên chỉ số GRDP thực (logarit), ước lượng bằng
statsmodels trên {n_obs} năm tăng trưởng đã công bố
({first}–{last}), dự báo năm {year} tăng
**{point}** (khoảng 80 %: {low80} –
{high80}; 95 %: {low95} –
{high95}). Kế hoạch {plan}
{inside} khoảng 80 % và {side} hơn dự báo
điểm {distance} điểm %.

**Giới hạn:** chỉ có {n_obs} quan sát; khoảng dự báo bỏ qua sai
số ước lượng của xu hướng và phương sai, cũng như các thay đổi cấu trúc (dịch COVID-19,
làn sóng đầu tư mới), nên là **cận dưới** của độ bất định thực. Mô hình không biết gì về kế
hoạch hay các dự án đang triển khai: đây là mốc so sánh, không phải dự báo thay thế.""",
    "en": """\
A random walk with drift on the log real GRDP index, estimated with statsmodels on
{n_obs} published growth rates
({first}–{last}), forecasts {year} growth of
**{point}** (80 % interval
{low80} – {high80};
95 %: {low95} – {high95}). The
plan of {plan} lies {inside} the 80 % interval,
{distance} points {side} the
point forecast.

**Limits:** {n_obs} observations only; the intervals ignore the
uncertainty of the estimated drift and variance and any structural break (the COVID-19 outbreak, a
new wave of investment), so they are **lower bounds** on the real uncertainty. The model knows
nothing of the plan or of projects under way: it is a yardstick, not a competing forecast.""",
}

#: Where the plan lies against the benchmark: (inside the 80 % interval, outside it) and
#: (above the point forecast, below it), in each language.
_PLAN_WORDS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "vi": (("nằm trong", "nằm ngoài"), ("cao", "thấp")),
    "en": (("inside", "outside"), ("above", "below")),
}

_STRUCTURE: dict[str, str] = {
    "vi": """\
Các khu vực không có trong kịch bản đi theo quan hệ lịch sử với tổng GRDP (số liệu công
bố các năm {record_years}), điều chỉnh để cộng lại đúng mức tăng trưởng của kịch bản với quyền số
năm {base}. Tỷ trọng năm {year} (trung vị): {shares}.

Tỷ trọng tính theo giá hiện hành, nên chúng thay đổi theo cả **giá tương đối** giữa các khu
vực, không chỉ theo tăng trưởng thực: giá mỗi khu vực lệch khỏi chỉ số giảm phát GRDP một cú
sốc ngẫu nhiên độc lập với độ lệch chuẩn {tau} % (giả định, vì tỉnh không
công bố chỉ số giá theo khu vực; xem bảng giả định bên dưới). Riêng yếu tố này làm tỷ trọng công
nghiệp – xây dựng dao động với độ lệch chuẩn khoảng {share_sd} điểm %, trong
khi mục tiêu chỉ cho phép ± {tolerance} điểm %. Khả năng cả
ba tỷ trọng cùng nằm trong phạm vi đó: **{p_structure}** (nếu giá tương đối
giữ nguyên: {p_structure_fixed}). Giá tương đối được rút độc lập với tăng
trưởng nên cũng làm việc đạt cơ cấu ít gắn với mức tăng trưởng hơn: khả năng đạt đồng thời cả
ba là
{p_joint} (giá tương đối giữ nguyên: {p_joint_fixed}).""",
    "en": """\
Sectors the scenario does not give follow their published relation to total GRDP
({record_years}), adjusted to add up to the scenario's growth with the {base} weights. {year}
shares (median): {shares}.

The shares are at current prices, so they move with **relative prices** between the sectors as
well as with real growth: each sector's price departs from the GRDP deflator by an independent
random shock with a standard deviation of {tau} % (an assumption: the
province publishes no sector price indices; see the assumptions table below). This alone gives
the industry-construction share a standard deviation of about
{share_sd} points, against the target's
± {tolerance} point. Chance that all three shares
lie within it: **{p_structure}** (with relative prices held fixed:
{p_structure_fixed}). Relative prices are drawn independently of growth, so
they also loosen the link between meeting the structure and the growth targets: the chance of
meeting all three together is {p_joint} (relative prices held fixed:
{p_joint_fixed}).""",
}

_CALIBRATION: dict[str, str] = {
    "vi": """\
Tăng trưởng, chỉ số giảm phát, giá tương đối giữa các khu vực, dân số và tỷ giá được
rút ngẫu nhiên độc lập với nhau.
Mức độ bất định của tăng trưởng lấy từ độ lệch chuẩn tăng trưởng
{first}–{last} ({sigma}
điểm %) và sai lệch giữa kế hoạch và thực hiện
({plan_error} điểm %,
{n_plan_years} năm).{note} Hạt giống ngẫu nhiên
{seed}: chạy lại với cùng tham số cho cùng kết quả.""",
    "en": """\
Growth, the deflator, relative prices between sectors, population and the exchange
rate are drawn independently of each other. The growth scales come from the spread of growth
{first}–{last} ({sigma} points)
and the gap between plan and outturn ({plan_error} points,
{n_plan_years} year(s)).{note} Seed {seed}:
a run with the same parameters gives the same figures.""",
}


def _probabilities(table: pd.DataFrame, *events: str) -> list[float]:
    return [float(table.loc[e, "probability"]) for e in events]


def scenario_heading(scenario: Scenario, lang: str = "vi") -> str:
    """The scenario's label as a heading, then its description, both escaped for Markdown."""
    description = getattr(scenario.description, check_lang(lang))
    return f"## {safe(scenario.label_in(lang))}\n\n{safe(description)}"


def distribution_paragraph(growth: TwoPieceNormal, year: int, lang: str = "vi") -> str:
    """The year's growth distribution: its mode, scales, chance below the mode, mean, 90 %.

    ``growth`` is the annual distribution after any published quarters
    (:attr:`MonteCarloResult.annual_distribution`); ``year`` the year it is for.
    """
    low, high = growth.interval(0.9)
    return _DISTRIBUTION[check_lang(lang)].format(
        year=year,
        mode=format_fraction_as_percent(growth.mode, 2, lang),
        below=format_fraction_as_points(growth.sigma_lower, 2, lang),
        above=format_fraction_as_points(growth.sigma_upper, 2, lang),
        p_below=format_fraction_as_percent(growth.prob_below_mode, 0, lang),
        mean=format_fraction_as_percent(growth.mean(), 2, lang),
        low=format_fraction_as_percent(low, 1, lang),
        high=format_fraction_as_percent(high, 1, lang),
    )


def probability_paragraph(result: MonteCarloResult, targets: MacroTargets, lang: str = "vi") -> str:
    """The chance of meeting each target and all three together, over the draws.

    ``result.table`` holds the probabilities (rows growth, per_capita, structure, joint);
    ``targets`` the thresholds named beside them.
    """
    p_growth, p_head, p_structure, p_joint = _probabilities(
        result.table, "growth", "per_capita", "structure", "joint"
    )
    if targets.shares is None:  # the plan states no structure target
        return _PROBABILITIES_NO_STRUCTURE[check_lang(lang)].format(
            n_draws=format_number(result.n_draws, 0, lang),
            growth=format_fraction_as_percent(targets.growth, 1, lang),
            p_growth=format_fraction_as_percent(p_growth, 1, lang),
            per_capita=format_number(targets.per_capita_usd, 0, lang),
            p_per_capita=format_fraction_as_percent(p_head, 1, lang),
            p_joint=format_fraction_as_percent(p_joint, 1, lang),
        )
    return _PROBABILITIES[check_lang(lang)].format(
        n_draws=format_number(result.n_draws, 0, lang),
        growth=format_fraction_as_percent(targets.growth, 1, lang),
        p_growth=format_fraction_as_percent(p_growth, 1, lang),
        per_capita=format_number(targets.per_capita_usd, 0, lang),
        p_per_capita=format_fraction_as_percent(p_head, 1, lang),
        tolerance=format_fraction_as_points(targets.share_tolerance, 1, lang),
        p_structure=format_fraction_as_percent(p_structure, 1, lang),
        p_joint=format_fraction_as_percent(p_joint, 1, lang),
    )


def outlook_text(
    scenario: Scenario,
    result: MonteCarloResult,
    targets: MacroTargets,
    year: int,
    lang: str = "vi",
) -> str:
    """The report's opening block: :func:`scenario_heading`, :func:`distribution_paragraph`
    and :func:`probability_paragraph`, separated by blank lines."""
    return "\n\n".join(
        [
            scenario_heading(scenario, lang),
            distribution_paragraph(result.annual_distribution, year, lang),
            probability_paragraph(result, targets, lang),
        ]
    )


def ytd_paragraph(
    result: MonteCarloResult, published: Sequence[float], year: int, lang: str = "vi"
) -> str:
    """What the year-to-date fan shows.

    With published year-to-date growth (``published``, percent, from Q1 on): the figures and
    how far they narrow the year's distribution. Without: how to read the fan and the full
    year's 90 % band of the draws (``result.ytd_path``).
    """
    lang = check_lang(lang)
    if published:
        growth = result.annual_distribution
        return _YTD_PUBLISHED[lang].format(
            done=published_ytd_text(published, lang),
            below=format_fraction_as_points(growth.sigma_lower, 2, lang),
            above=format_fraction_as_points(growth.sigma_upper, 2, lang),
            mode=format_fraction_as_percent(growth.mode, 2, lang),
        )
    fan = fan_quantiles(result.ytd_path) * 100.0
    return _YTD_NONE[lang].format(
        year=year,
        low=format_percent(fan.loc["FY", 0.05], 1, lang),
        high=format_percent(fan.loc["FY", 0.95], 1, lang),
    )


def benchmark_paragraph(
    benchmark: BenchmarkForecast, history: pd.Series, plan_growth: float, lang: str = "vi"
) -> str:
    """The statsmodels forecast of the year, where the plan lies against it, and its limits.

    Parameters
    ----------
    benchmark : BenchmarkForecast
        The random walk with drift (``random_walk_benchmark(history, model="arima")``).
    history : pandas.Series
        The published growth it was estimated on, by year (its first and last years are named).
    plan_growth : float
        The plan's growth for the forecast year, a fraction.
    """
    lang = check_lang(lang)
    (low80, high80), (low95, high95) = benchmark.interval_80, benchmark.interval_95
    inside, side = _PLAN_WORDS[lang]
    n_obs = format_number(benchmark.n_obs, 0, lang)
    return _BENCHMARK[lang].format(
        n_obs=n_obs,
        first=history.index[0],
        last=history.index[-1],
        year=int(benchmark.year),
        point=format_fraction_as_percent(benchmark.point, 2, lang),
        low80=format_fraction_as_percent(low80, 1, lang),
        high80=format_fraction_as_percent(high80, 1, lang),
        low95=format_fraction_as_percent(low95, 1, lang),
        high95=format_fraction_as_percent(high95, 1, lang),
        plan=format_fraction_as_percent(plan_growth, 1, lang),
        inside=inside[0] if low80 <= plan_growth <= high80 else inside[1],
        side=side[0] if plan_growth >= benchmark.point else side[1],
        distance=format_fraction_as_points(abs(plan_growth - benchmark.point), 2, lang),
    )


def structure_paragraph(
    result: MonteCarloResult,
    targets: MacroTargets,
    prices: RelativePriceEffect,
    record_years: Sequence[int],
    year: int,
    lang: str = "vi",
) -> str:
    """The simulated structure: median shares, and how much relative prices move them.

    Parameters
    ----------
    result : MonteCarloResult
        Its ``shares`` (draws, the medians are shown) and ``table`` (structure and joint
        probabilities).
    targets : MacroTargets
        The target shares and their tolerance.
    prices : RelativePriceEffect
        The same draws with relative prices held fixed
        (:func:`analysis.outlook.relative_prices.relative_price_effect`): ``tau``, ``share_sd``
        and the probabilities without relative prices.
    record_years : sequence of int
        The years of published sector growth the sectors' relation is estimated on.
    year : int
        The year of the shares; the weights are those of the year before.
    """
    lang = check_lang(lang)
    p_structure, p_joint = _probabilities(result.table, "structure", "joint")
    return _STRUCTURE[lang].format(
        record_years=", ".join(str(y) for y in record_years),
        base=year - 1,
        year=year,
        shares=median_shares_text(result.shares.median(), targets.shares, lang),
        tau=format_fraction_as_points(prices.tau, 1, lang),
        share_sd=format_fraction_as_points(prices.share_sd, 1, lang),
        tolerance=format_fraction_as_points(targets.share_tolerance, 1, lang),
        p_structure=format_fraction_as_percent(p_structure, 1, lang),
        p_structure_fixed=format_fraction_as_percent(
            prices.probability_fixed("structure"), 1, lang
        ),
        p_joint=format_fraction_as_percent(p_joint, 1, lang),
        p_joint_fixed=format_fraction_as_percent(prices.probability_fixed("joint"), 1, lang),
    )


def calibration_paragraph(
    calibration: Calibration, overridden: Mapping[str, float], seed: int, lang: str = "vi"
) -> str:
    """Where the growth scales come from, any the scenario sets itself, and the seed.

    ``calibration`` gives the record's years, the spread of growth and the mean plan error;
    ``overridden`` the scales the scenario states (:func:`stated_scales_note`).
    """
    lang = check_lang(lang)
    return _CALIBRATION[lang].format(
        first=calibration.years[0],
        last=calibration.years[-1],
        sigma=format_fraction_as_points(calibration.sigma, 2, lang),
        plan_error=format_fraction_as_points(calibration.mean_plan_error, 2, lang),
        n_plan_years=format_number(len(calibration.plan_years), 0, lang),
        note=stated_scales_note(overridden, lang),
        seed=seed,
    )
