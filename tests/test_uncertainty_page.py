"""The uncertainty report's tables and phrases (analysis.report.uncertainty_page).

Inputs are built by hand, so every expected cell is worked out here:

- a symmetric two-piece normal around 14.5 % with scales of 1 point is the normal
  N(14.5 %, 1 point): its 80 % interval is 14.5 ± 1.2816 = 13.2 – 15.8 %, its 95 % interval
  14.5 ± 1.96 = 12.5 – 16.5 %;
- the structure target 68 / 20.6 / 11.4 % within ± 0.5 point reads "68.0 / 20.6 / 11.4 % ± 0.5".
"""

from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis import load_baselines, load_series
from analysis.data.scenarios import load_scenario, scenario_path
from analysis.economics.benchmark import BenchmarkForecast
from analysis.economics.distributions import TwoPieceNormal
from analysis.economics.montecarlo import MacroTargets
from analysis.outlook.inputs import projection_inputs
from analysis.outlook.record import record_through
from analysis.report import uncertainty_page as page

TARGETS = MacroTargets(
    growth=0.145,
    per_capita_usd=4500.0,
    shares={"industry_construction": 0.68, "services": 0.206, "agriculture": 0.114},
    share_tolerance=0.005,
)
TABLE = pd.DataFrame(
    {"probability": [0.543, 0.61, 0.2, 0.125], "standard_error": [0.0011, 0.0011, 0.0009, 0.0007]},
    index=["growth", "per_capita", "structure", "joint"],
)
ARIMA = BenchmarkForecast(
    model="ARIMA(0,1,0) with drift",
    year=2024,
    point=0.1234,
    interval_80=(0.101, 0.1462),
    interval_95=(0.0891, 0.1588),
    n_obs=8,
    drift=0.1164,
    sigma=0.015,
)


def test_probability_table():
    table = page.probability_table(TABLE, TARGETS, "en")
    assert table.values.tolist() == [
        ["Real GRDP growth", "≥ 14.5 %", "54.3 %", "0.11"],
        ["GRDP per head", "≥ 4,500 USD", "61.0 %", "0.11"],
        [
            "Economic structure (ind. / serv. / agr.)",
            "68.0 / 20.6 / 11.4 % ± 0.5",
            "20.0 %",
            "0.09",
        ],
        ["All three together", "", "12.5 %", "0.07"],
    ]
    vi = page.probability_table(TABLE, TARGETS, "vi")
    assert list(vi.columns) == ["Mục tiêu", "Ngưỡng", "Khả năng đạt", "Sai số chuẩn (điểm %)"]
    assert vi.iloc[1].tolist()[1:3] == ["≥ 4.500 USD", "61,0 %"]


def test_benchmark_table_with_the_scenario_and_the_plan():
    growth = TwoPieceNormal(0.145, 0.01, 0.01)
    table = page.benchmark_table({"arima": ARIMA}, growth, 8, (2024, 0.145), "en")
    assert list(table.columns) == ["Model", "Point", "80 % interval", "95 % interval", "Years"]
    assert table.values.tolist() == [
        ["ARIMA(0,1,0) with drift", "12.34 %", "10.1 % – 14.6 %", "8.9 % – 15.9 %", "8"],
        ["Scenario (two-piece normal)", "14.50 %", "13.2 % – 15.8 %", "12.5 % – 16.5 %", "8"],
        ["Plan 2024", "14.5 %", "", "", ""],
    ]
    vi = page.benchmark_table({"unobserved_components": ARIMA}, growth, 8, (2024, 0.145), "vi")
    assert vi.iloc[0, 0] == "Thành phần không quan sát (bước ngẫu nhiên có xu hướng)"
    assert vi.iloc[2, 0] == "Kế hoạch 2024"


def test_sector_table():
    sectors = SimpleNamespace(
        growth={"services": 0.068, "agriculture": 0.031},
        loadings={"services": 0.85, "agriculture": 0.2},
        idiosyncratic_sigma={"services": 0.012, "agriculture": 0.0},
    )
    table = page.sector_table(sectors, {"services": 0.07}, "en")
    assert table.values.tolist() == [
        ["Services", "7.00 %", "6.80 %", "0.85", "1.20"],
        ["Agriculture, forestry, fishery", "–", "3.10 %", "0.20", "0.00"],
    ]


def test_median_shares_beside_their_targets():
    median = pd.Series({"industry_construction": 0.6712, "services": 0.2149, "agriculture": 0.1139})
    assert page.median_shares_text(median, TARGETS.shares, "vi") == (
        "Công nghiệp - xây dựng 67,1 % (mục tiêu 68,0 %); Dịch vụ 21,5 % (mục tiêu 20,6 %); "
        "Nông, lâm nghiệp, thuỷ sản 11,4 % (mục tiêu 11,4 %)"
    )


def test_where_each_scale_comes_from():
    overridden = {"sigma_upper": 1.1}
    assert page.scale_source("sigma_upper", overridden, "en") == "Set by the scenario"
    assert (
        page.scale_source("sigma_lower", overridden, "en") == "Calibrated on the published record"
    )
    assert page.scale_source("deflator_sigma", overridden, "vi") == "Giả định"


def test_calibration_table():
    frame = pd.DataFrame(
        {"value": [0.0123, 0.01], "assumption": ["spread of 2016-2023 growth", "assumed"]},
        index=["sigma_lower", "deflator_sigma"],
    )
    table = page.calibration_table(frame, {"deflator_sigma": 1.0}, "en")
    assert table.values.tolist() == [
        [
            "Growth: scale below the mode",
            "1.23",
            "Calibrated on the published record",
            "spread of 2016-2023 growth",
        ],
        ["GRDP deflator", "1.00", "Set by the scenario", "assumed"],
    ]
    basis = {"sigma_lower": "độ lệch chuẩn 2016-2023", "deflator_sigma": "giả định"}
    vi = page.calibration_table(frame, {}, "vi", basis)
    assert list(vi.columns) == ["Thang đo", "Giá trị (điểm %)", "Nguồn", "Cơ sở"]
    assert vi["Cơ sở"].tolist() == ["độ lệch chuẩn 2016-2023", "giả định"]
    with pytest.raises(ValueError, match="basis"):
        page.calibration_table(frame, {}, "vi")


def test_every_scale_has_a_name():
    names = set(page.SCALE_NAMES)
    assert {"sigma_lower", "sigma_upper", "deflator_sigma", "population_sigma"} <= names
    assert {"depreciation_sigma", "relative_price_sd"} <= names


def test_note_on_the_growth_scales_the_scenario_sets():
    assert page.stated_scales_note({"deflator_sigma": 0.5}, "en") == ""
    assert page.stated_scales_note({"sigma_upper": 1.1, "deflator_sigma": 0.5}, "en") == (
        " The scenario sets `sigma_upper` itself, replacing the calibrated value."
    )
    assert page.stated_scales_note({"sigma_upper": 1.1, "sigma_lower": 1.2}, "vi") == (
        " Kịch bản tự đặt `sigma_lower`, `sigma_upper`, thay cho giá trị hiệu chỉnh."
    )


def test_published_year_to_date_growth():
    assert page.published_ytd_text([12.0, 13.1], "vi") == "Quý I 12,00 %, 6 tháng 13,10 %"
    assert page.published_ytd_text([12.0, 13.1, 13.5], "en") == (
        "Q1 12.00 %, 6 months 13.10 %, 9 months 13.50 %"
    )
    assert page.published_ytd_text([], "en") == ""


def test_benchmark_figure_in_percent():
    history = pd.Series([0.1, 0.13, 0.1345], index=[2021, 2022, 2023])
    draws = np.random.default_rng(1).normal(0.145, 0.01, 2000)
    fig = page.benchmark_figure(history, draws, ARIMA, 0.145, "en")
    ax = fig.axes[0]
    record = [list(line.get_ydata()) for line in ax.lines]
    assert [10.0, 13.0, 13.45] in [[round(v, 10) for v in ys] for ys in record]
    ys = [list(line.get_ydata()) for line in ax.lines]
    assert [14.5, 14.5] in [pytest.approx(y) for y in ys]  # the target line
    # The median of the draws, from the last published year: about 14.5 % (N = 2,000).
    assert pytest.approx([13.45, 14.5], abs=0.1) in ys
    # The benchmark's 80 % interval (10.1 – 14.62 %) and point (12.34 %), in percent.
    assert pytest.approx([10.1, 14.62]) in ys and pytest.approx([12.34]) in ys
    plt.close(fig)


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang"):
        page.probability_table(TABLE, TARGETS, "fr")


def test_captions_name_the_year_and_the_draws():
    assert page.probability_caption(200_000, 2024, "vi") == (
        "Khả năng đạt các mục tiêu năm 2024 (200.000 lần mô phỏng)"
    )
    assert page.probability_caption(20_000, 2031, "en") == (
        "Probability of meeting the 2031 targets (20,000 draws)"
    )
    assert page.benchmark_caption(2024, "vi") == "Tăng trưởng GRDP 2024: chuẩn so sánh và kế hoạch"
    assert page.benchmark_caption(2024, "en") == "GRDP growth 2024: benchmarks and the plan"


def test_benchmarks_one_per_model_for_the_year_after_the_record():
    history = pd.Series(
        [0.1073, 0.1333, 0.1596, 0.161, 0.13, 0.0782, 0.193, 0.1345], index=range(2016, 2024)
    )
    found = page.benchmarks(history)
    assert list(found) == list(page.MODEL_NAMES)
    assert [fc.year for fc in found.values()] == [2024, 2024]
    assert [fc.n_obs for fc in found.values()] == [8, 8]
    # The random walk with drift forecasts the geometric mean growth of the record:
    # (1.1073 × 1.1333 × ... × 1.1345)^(1/8) − 1 = 13.66 %.
    geometric = float(np.prod(1.0 + history) ** (1 / 8) - 1)
    assert geometric == pytest.approx(0.1366, abs=5e-5)
    assert found["arima"].point == pytest.approx(geometric, abs=1e-4)


def test_planned_growth_from_the_published_plan_else_the_target():
    plan = pd.Series({2023: 0.14, 2024: 0.145})
    assert page.planned_growth(plan, np.int64(2024), 0.15) == (2024, 0.145)
    assert page.planned_growth(plan, 2025, 0.15) == (2025, 0.15)
    assert page.planned_growth({}, 2024, 0.145) == (2024, 0.145)


def test_sector_record_years_from_the_published_series():
    series = pd.DataFrame(
        {
            "variable": ["sector_growth"] * 4 + ["grdp_growth"],
            "period": ["2019", "2016", "2019", "2023-6M", "2021"],
        }
    )
    assert page.sector_record_years(series) == [2016, 2019]
    # data/raw/published_series.csv: sector growth for 2016-2019 (Statistics Office, 10/2019)
    # and 2023 (the province's 2023 report).
    # the record as the 2024 plan knew it (up to its base year 2023)
    known = record_through(load_series(), 2023)
    assert page.sector_record_years(known) == [2016, 2017, 2018, 2019, 2023]
    assert page.sector_record_years(load_series())[-1] == 2024  # the outturn, for later plans


def test_ytd_figure_draws_the_fan_the_scenarios_path_and_the_published_figures():
    # The target scenario has no quarterly path: its year-to-date path is 14.5 % throughout.
    inputs = projection_inputs(
        load_scenario(scenario_path("target")), load_baselines(), load_series(), base_year=2023
    )
    draws = np.linspace(0.10, 0.20, 101)
    result = SimpleNamespace(ytd_path=pd.DataFrame({p: draws for p in ("Q1", "6M", "9M", "FY")}))
    fig = page.ytd_figure(result, inputs, [12.0, 13.1], 0.145, "en")
    ax = fig.axes[0]
    ys = [list(line.get_ydata()) for line in ax.lines]
    assert pytest.approx([14.5, 14.5, 14.5, 14.5]) in ys  # the scenario's path
    assert pytest.approx([15.0, 15.0, 15.0, 15.0]) in ys  # the median of the draws
    assert pytest.approx([14.5, 14.5]) in ys  # the target line
    assert ax.collections[-1].get_offsets().tolist() == [[0.0, 12.0], [1.0, 13.1]]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Q1",
        "6 months",
        "9 months",
        "Full year",
    ]
    plt.close(fig)
