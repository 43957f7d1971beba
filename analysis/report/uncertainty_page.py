"""The uncertainty report's tables, figures and phrases: probabilities, benchmarks, sectors.

Presentation layer for notebook 05: takes the Monte Carlo result, the statsmodels benchmarks,
the sector setup and the calibration of :mod:`analysis.outlook.scenario_outlook` and returns
display tables, captions, figures and short phrases in the report's language. Growth,
probabilities and scales arrive as fractions (0.145) and are shown as percent (``14,5 %``) or
percentage points (``1,23``). The paragraphs built from these are in
:mod:`analysis.report.uncertainty_text`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.economics.benchmark import random_walk_benchmark
from analysis.economics.montecarlo import fan_quantiles
from analysis.economics.projection import ytd_path
from analysis.report.charts import growth_outlook_chart, ytd_fan_chart
from analysis.report.display import pick
from analysis.report.labels import (
    check_lang,
    format_fraction_as_percent,
    format_number,
    format_percent,
    label,
)

if TYPE_CHECKING:
    from analysis.economics.benchmark import BenchmarkForecast
    from analysis.economics.distributions import TwoPieceNormal
    from analysis.economics.montecarlo import MacroTargets, MonteCarloResult
    from analysis.economics.projection import ProjectionInputs
    from analysis.economics.sector_draws import SectorSetup

#: The benchmark models, by their key in ``random_walk_benchmark(..., model=key)``.
MODEL_NAMES: dict[str, tuple[str, str]] = {
    "arima": ("ARIMA(0,1,0) có xu hướng", "ARIMA(0,1,0) with drift"),
    "unobserved_components": (
        "Thành phần không quan sát (bước ngẫu nhiên có xu hướng)",
        "Unobserved components (random walk with drift)",
    ),
}

#: The simulation's scales (:meth:`analysis.economics.calibration.Calibration.to_frame`).
SCALE_NAMES: dict[str, tuple[str, str]] = {
    "sigma_lower": ("Tăng trưởng: độ lệch phía dưới", "Growth: scale below the mode"),
    "sigma_upper": ("Tăng trưởng: độ lệch phía trên", "Growth: scale above the mode"),
    "deflator_sigma": ("Chỉ số giảm phát GRDP", "GRDP deflator"),
    "population_sigma": ("Tăng dân số", "Population growth"),
    "depreciation_sigma": ("Tỷ giá VND/USD", "VND per USD"),
    "relative_price_sd": ("Giá tương đối giữa các khu vực", "Relative prices between sectors"),
}

#: The scales calibrated on the published growth record (the others are assumptions).
CALIBRATED_SCALES: tuple[str, ...] = ("sigma_lower", "sigma_upper")

#: Year-to-date periods in the order a scenario publishes them (``ytd_actuals``).
YTD_PERIODS: tuple[str, ...] = ("Q1", "6M", "9M")


def probability_table(table: pd.DataFrame, targets: MacroTargets, lang: str = "vi") -> pd.DataFrame:
    """Each target with its threshold, the probability of meeting it and its standard error.

    ``table`` is :attr:`MonteCarloResult.table` (rows growth, per_capita, structure, joint).
    """
    events = [
        (
            "growth",
            label("real_growth", lang),
            f"≥ {format_fraction_as_percent(targets.growth, 1, lang)}",
        ),
        (
            "per_capita",
            label("per_capita", lang),
            f"≥ {format_number(targets.per_capita_usd, 0, lang)} USD",
        ),
        *_structure_event(targets, lang),
        ("joint", _joint_words(targets, lang), ""),
    ]
    return pd.DataFrame(
        [
            {
                pick(lang, "Mục tiêu", "Target"): name,
                pick(lang, "Ngưỡng", "Threshold"): threshold,
                pick(lang, "Khả năng đạt", "Probability"): format_fraction_as_percent(
                    table.loc[event, "probability"], 1, lang
                ),
                pick(lang, "Sai số chuẩn (điểm %)", "Standard error (points)"): format_number(
                    100.0 * table.loc[event, "standard_error"], 2, lang
                ),
            }
            for event, name, threshold in events
        ]
    )


def _structure_event(targets: MacroTargets, lang: str) -> list[tuple[str, str, str]]:
    """The structure target's row of the probability table; none when the plan states none."""
    if targets.shares is None:
        return []
    shares = " / ".join(format_number(100.0 * v, 1, lang) for v in targets.shares.values())
    tolerance = format_number(100.0 * targets.share_tolerance, 1, lang)
    name = pick(
        lang, "Cơ cấu kinh tế (CN-XD / DV / NLTS)", "Economic structure (ind. / serv. / agr.)"
    )
    return [("structure", name, f"{shares} % ± {tolerance}")]


def _joint_words(targets: MacroTargets, lang: str) -> str:
    if targets.shares is None:
        return pick(lang, "Đồng thời cả hai mục tiêu", "Both together")
    return pick(lang, "Đồng thời cả ba mục tiêu", "All three together")


def probability_caption(n_draws: int, year: int, lang: str = "vi") -> str:
    """The caption of the probability table: the year's targets and the number of draws."""
    n = format_number(n_draws, 0, lang)
    return pick(
        lang,
        f"Khả năng đạt các mục tiêu năm {year} ({n} lần mô phỏng)",
        f"Probability of meeting the {year} targets ({n} draws)",
    )


def benchmark_caption(year: int, lang: str = "vi") -> str:
    """The caption of the benchmark table."""
    return pick(
        lang,
        f"Tăng trưởng GRDP {year}: chuẩn so sánh và kế hoạch",
        f"GRDP growth {year}: benchmarks and the plan",
    )


def _interval(bounds: Sequence[float], lang: str) -> str:
    return " – ".join(format_fraction_as_percent(v, 1, lang) for v in bounds)


def benchmark_table(
    benchmarks: Mapping[str, BenchmarkForecast],
    growth: TwoPieceNormal,
    n_years: int,
    plan: tuple[int, float],
    lang: str = "vi",
) -> pd.DataFrame:
    """The statsmodels benchmarks, the scenario's distribution and the plan, side by side.

    Parameters
    ----------
    benchmarks : mapping of model key (:data:`MODEL_NAMES`) to BenchmarkForecast
    growth : TwoPieceNormal
        The scenario's annual growth distribution (its mode is the point shown).
    n_years : int
        Years of the record the scenario's scales were calibrated on.
    plan : (year, growth)
        The plan's year and growth (a fraction).
    """
    model, point, i80, i95, years = (
        pick(lang, "Mô hình", "Model"),
        pick(lang, "Dự báo điểm", "Point"),
        pick(lang, "Khoảng 80 %", "80 % interval"),
        pick(lang, "Khoảng 95 %", "95 % interval"),
        pick(lang, "Số năm", "Years"),
    )
    rows = [
        {
            model: pick(lang, *MODEL_NAMES[key]),
            point: format_fraction_as_percent(fc.point, 2, lang),
            i80: _interval(fc.interval_80, lang),
            i95: _interval(fc.interval_95, lang),
            years: format_number(fc.n_obs, 0, lang),
        }
        for key, fc in benchmarks.items()
    ]
    rows.append(
        {
            model: pick(lang, "Kịch bản (phân phối hai nửa)", "Scenario (two-piece normal)"),
            point: format_fraction_as_percent(growth.mode, 2, lang),
            i80: _interval(growth.interval(0.8), lang),
            i95: _interval(growth.interval(0.95), lang),
            years: format_number(n_years, 0, lang),
        }
    )
    year, plan_growth = plan
    rows.append(
        {
            model: pick(lang, f"Kế hoạch {year}", f"Plan {year}"),
            point: format_fraction_as_percent(plan_growth, 1, lang),
            i80: "",
            i95: "",
            years: "",
        }
    )
    return pd.DataFrame(rows)


def benchmarks(history: pd.Series) -> dict[str, BenchmarkForecast]:
    """Next year's growth from each model of :data:`MODEL_NAMES`, estimated on ``history``.

    ``history`` is the published annual growth by year, fractions
    (:func:`analysis.economics.benchmark.random_walk_benchmark`).
    """
    return {key: random_walk_benchmark(history, model=key) for key in MODEL_NAMES}


def planned_growth(plan: Mapping[int, float], year: int, target: float) -> tuple[int, float]:
    """The plan's year and growth beside the benchmarks: the published plan for ``year``, else
    the ``target`` (fractions)."""
    return int(year), float(plan.get(int(year), target))


def sector_record_years(series: pd.DataFrame) -> list[int]:
    """The years of published sector growth (``sector_growth``, yearly periods), in order.

    The sectors a scenario does not give follow their relation to total GRDP over these years.
    """
    periods = series.loc[series["variable"] == "sector_growth", "period"].astype(str).str.strip()
    return sorted({int(p) for p in periods if p.isdigit()})


def sector_table(
    sectors: SectorSetup, given: Mapping[str, float], lang: str = "vi"
) -> pd.DataFrame:
    """Each sector's growth in the scenario (``given``, fractions) and in the simulation.

    Columns: the scenario's growth (a dash where it gives none), the central growth simulated,
    the loading on the total (λ) and the sector's own spread, in points.
    """
    return pd.DataFrame(
        [
            {
                label("sector", lang): label(key, lang),
                pick(lang, "Tăng trưởng trong kịch bản", "Scenario growth"): (
                    format_fraction_as_percent(given[key], 2, lang) if key in given else "–"
                ),
                pick(lang, "Tăng trưởng dùng để mô phỏng", "Central growth simulated"): (
                    format_fraction_as_percent(sectors.growth[key], 2, lang)
                ),
                pick(lang, "Hệ số theo tổng (λ)", "Loading on the total (λ)"): format_number(
                    sectors.loadings[key], 2, lang
                ),
                pick(lang, "Dao động riêng (điểm %)", "Own spread (points)"): format_number(
                    100.0 * sectors.idiosyncratic_sigma[key], 2, lang
                ),
            }
            for key in sectors.growth
        ]
    )


def median_shares_text(
    median_shares: Mapping[str, float], target_shares: Mapping[str, float], lang: str = "vi"
) -> str:
    """The median simulated shares and their targets: ``Dịch vụ 20,9 % (mục tiêu 20,6 %); ...``."""
    return "; ".join(
        f"{label(key, lang)} {format_percent(100.0 * median_shares[key], 1, lang)} "
        f"({pick(lang, 'mục tiêu', 'target')} {format_percent(100.0 * t, 1, lang)})"
        for key, t in target_shares.items()
    )


def scale_source(scale: str, overridden: Mapping[str, float], lang: str = "vi") -> str:
    """Where a scale comes from: the scenario, the published record, or an assumption."""
    if scale in overridden:
        return pick(lang, "Do kịch bản đặt", "Set by the scenario")
    if scale in CALIBRATED_SCALES:
        return pick(lang, "Hiệu chỉnh từ số liệu công bố", "Calibrated on the published record")
    return pick(lang, "Giả định", "Assumption")


def calibration_table(
    assumptions: pd.DataFrame,
    overridden: Mapping[str, float],
    lang: str = "vi",
    basis: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The simulation's scales (points), their source and basis.

    ``assumptions`` is :meth:`Calibration.to_frame` (index: scale; columns ``value``, a fraction,
    and ``assumption``, the basis in English); ``overridden`` the scales the scenario sets;
    ``basis`` the basis of each scale in ``lang``
    (:func:`analysis.report.calibration_basis.calibration_basis`), required in Vietnamese.
    """
    if basis is None and check_lang(lang) != "en":
        raise ValueError("basis: the scales' basis in Vietnamese is required for lang 'vi'")
    words = dict(assumptions["assumption"]) if basis is None else dict(basis)
    return pd.DataFrame(
        [
            {
                pick(lang, "Thang đo", "Scale"): pick(lang, *SCALE_NAMES[scale]),
                pick(lang, "Giá trị (điểm %)", "Value (points)"): format_number(
                    100.0 * row["value"], 2, lang
                ),
                pick(lang, "Nguồn", "Source"): scale_source(scale, overridden, lang),
                pick(lang, "Cơ sở", "Basis"): words[scale],
            }
            for scale, row in assumptions.iterrows()
        ]
    )


def stated_scales_note(overridden: Mapping[str, float], lang: str = "vi") -> str:
    """`` Kịch bản tự đặt `sigma_lower`, thay cho giá trị hiệu chỉnh.``, or nothing.

    Names the calibrated growth scales the scenario sets itself (a sentence that follows
    another, hence its leading space).
    """
    stated = [k for k in CALIBRATED_SCALES if k in overridden]
    if not stated:
        return ""
    names = ", ".join(f"`{k}`" for k in stated)
    return pick(
        lang,
        f" Kịch bản tự đặt {names}, thay cho giá trị hiệu chỉnh.",
        f" The scenario sets {names} itself, replacing the calibrated value.",
    )


def published_ytd_text(published: Sequence[float], lang: str = "vi") -> str:
    """The year-to-date growth published (percent): ``Quý I 12,00 %, 6 tháng 13,10 %``."""
    return ", ".join(
        f"{label(p, lang)} {format_percent(v, 2, lang)}"
        for p, v in zip(YTD_PERIODS, published, strict=False)
    )


def benchmark_figure(
    history: pd.Series,
    annual_growth: np.ndarray,
    benchmark: BenchmarkForecast,
    target: float,
    lang: str = "vi",
    source: str | None = None,
) -> Figure:
    """:func:`analysis.report.charts.growth_outlook_chart` of the record, the scenario's fan
    and a benchmark's forecast, in percent.

    Parameters
    ----------
    history : pandas.Series
        Published annual growth by year, fractions.
    annual_growth : numpy.ndarray
        The Monte Carlo's draws of the year's growth, fractions (its fan is drawn).
    benchmark : BenchmarkForecast
        The statsmodels forecast of the same year.
    target : float
        The growth target, a fraction.
    """
    fan = fan_quantiles(annual_growth, labels=[str(benchmark.year)]) * 100.0
    return growth_outlook_chart(
        history * 100.0,
        fan.iloc[0],
        (benchmark.to_series().drop("n_obs") * 100.0).to_dict(),
        target=100.0 * target,
        year=benchmark.year,
        lang=lang,
        source=source,
    )


def ytd_figure(
    result: MonteCarloResult,
    inputs: ProjectionInputs,
    published: Sequence[float],
    target: float,
    lang: str = "vi",
    source: str | None = None,
) -> Figure:
    """:func:`analysis.report.charts.ytd_fan_chart` of the year-to-date draws, in percent.

    Parameters
    ----------
    result : MonteCarloResult
        Its ``ytd_path`` (draws after Q1, 6M, 9M and the year) gives the fan.
    inputs : ProjectionInputs
        The scenario's projection; its year-to-date path is the central line.
    published : sequence of float
        Published year-to-date growth, percent (marked on the fan).
    target : float
        The growth target, a fraction.
    """
    path = ytd_path(inputs)
    central = path[path["variable"] == "grdp_growth_ytd"].sort_values("quarter")["value"]
    return ytd_fan_chart(
        fan_quantiles(result.ytd_path) * 100.0,
        central=central,
        published=published,
        target=100.0 * target,
        lang=lang,
        source=source,
    )
